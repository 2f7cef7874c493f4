"""Campaign pages: "Kreativstandort Aachen-Nord" and whatever the project campaigns for next."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from campaigns.blocks import CampaignStreamBlock
from core import seo
from core.index_pages import IndexPage
from core.models import BasePage


class CampaignIndexPage(IndexPage):
    """The campaigns of the project, newest first, as cards."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["campaigns.CampaignPage"]

    class Meta:
        verbose_name = _("Übersicht Kampagnen")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["campaigns"] = list(
            CampaignPage.objects.live()
            .public()
            .child_of(self)
            .select_related("teaser_image")
            .prefetch_related("teaser_image__renditions")
            .order_by("-first_published_at", "title")
        )
        return context


class CampaignPage(BasePage):
    """A campaign composed from blocks; its code travels with the enquiry links it contains."""

    campaign_code = models.SlugField(
        _("Kampagnencode"),
        max_length=50,
        db_index=True,
        help_text=_(
            "Kurz und eindeutig, z. B. „kreativstandort-2027“. Das Anfrageformular speichert ihn "
            "mit jeder Anfrage; gilt für alle Sprachen."
        ),
    )
    lead = models.TextField(
        _("Kurzbeschreibung"),
        max_length=400,
        help_text=_("Für die Übersicht, Suchmaschinen und soziale Medien."),
    )
    teaser_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Bild für die Übersicht"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(CampaignStreamBlock(), verbose_name=_("Inhalt"), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("campaign_code"), FieldPanel("lead"), FieldPanel("teaser_image")],
            heading=_("Kampagne"),
        ),
        FieldPanel("body"),
    ]
    translatable_fields = [
        *BasePage.translatable_fields,
        SynchronizedField("campaign_code"),
        TranslatableField("lead"),
        SynchronizedField("teaser_image"),
        TranslatableField("body"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("lead"),
        index.SearchField("body"),
        index.FilterField("campaign_code"),
    ]
    parent_page_types = ["campaigns.CampaignIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Kampagne")
        verbose_name_plural = _("Kampagnen")

    search_kind = _("Kampagne")
    search_kind_count = ngettext_lazy("%(count)s Kampagne", "%(count)s Kampagnen", "count")

    def clean(self):
        """One code per campaign: its translations share it, no other campaign may use it."""
        super().clean()
        if not self.campaign_code:
            return
        taken = CampaignPage.objects.filter(campaign_code=self.campaign_code).exclude(
            translation_key=self.translation_key
        )
        if taken.exists():
            raise ValidationError(
                {"campaign_code": _("Diesen Kampagnencode hat schon eine andere Kampagne.")}
            )

    def get_social_image(self):
        return self.social_image or self.teaser_image

    def get_structured_data(self, request) -> list[dict]:
        page = {
            "@context": seo.SCHEMA_ORG,
            "@type": "WebPage",
            "name": self.title,
            "description": seo.plain_text(self.search_description or self.lead),
            "url": seo.page_url(self, request),
            "inLanguage": self.locale.language_code,
            "publisher": {"@id": seo.organization_id(request)},
            "about": {
                "@type": "Place",
                "name": "Aachen-Nord",
                "address": {
                    "@type": "PostalAddress",
                    "addressLocality": "Aachen",
                    "addressCountry": "DE",
                },
            },
        }
        # The live page's last publish (a draft's date is nothing visitors have seen).
        if self.last_published_at:
            page["dateModified"] = self.last_published_at.date().isoformat()
        social_image = self.get_social_image()
        image = seo.image_object(social_image, request) if social_image else None
        if image:
            page["primaryImageOfPage"] = image
        return [*super().get_structured_data(request), page]
