"""Easy-read pages (Leichte Sprache): a start page and its pages, in the German tree only.

The language model (docs/easy-read.md): Leichte Sprache is German, so these pages stand in the
German tree at /de/leichte-sprache/…, say `lang="de"` and are never translated — wagtail-localize
cannot create them in another locale (`clean`), the demo does not translate them, and so they
have no hreflang alternates to other languages. What marks them as easy-read: the label
"Leichte Sprache" on the page, " – Leichte Sprache" in the document title and in the schema.org
`WebPage` name, its `accessibilitySummary`.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.fields import StreamField
from wagtail.models import Locale, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core import seo
from core.models import BasePage
from easyread.blocks import EasyReadStreamBlock

# Appended to every easy-read page's document title and schema.org name; never translated.
MARK = "Leichte Sprache"


class EasyReadMixin(models.Model):
    """What both easy-read page types share: the German-only rule, the body of sentences, the
    link to the standard version, the marks."""

    # Read by the demo's translation step: never offered for translation.
    german_only = True

    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Bild"),
        help_text=_("Ein Bild oben auf der Seite, das das Thema zeigt."),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(EasyReadStreamBlock, verbose_name=_("Inhalt"), blank=True)
    standard_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Dieselbe Seite in Standard-Sprache"),
        help_text=_(
            "Die Seite mit demselben Thema in der gewohnten Sprache. Oben auf der Seite steht ein "
            "Link zu ihr, in der Sprache der Besucher:innen."
        ),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("image"),
        FieldPanel("body"),
        PageChooserPanel("standard_page"),
    ]
    translatable_fields = [
        *BasePage.translatable_fields,
        SynchronizedField("image"),
        SynchronizedField("body"),
        SynchronizedField("standard_page"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        german = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
        if german is not None and self.locale_id not in (None, german.pk):
            raise ValidationError(
                _(
                    "Seiten in Leichter Sprache gibt es nur auf Deutsch; sie werden nicht "
                    "übersetzt. Legen Sie die Seite im deutschen Seitenbaum an."
                )
            )

    def get_social_image(self):
        return self.social_image or self.image

    def get_structured_data(self, request) -> list[dict]:
        data = super().get_structured_data(request)
        data.append(
            {
                "@context": seo.SCHEMA_ORG,
                "@type": "WebPage",
                "name": f"{self.title} – {MARK}",
                "url": seo.page_url(self, request),
                "inLanguage": settings.LANGUAGE_CODE,
                "accessibilitySummary": "Text in Leichter Sprache: kurze Sätze, ein Gedanke je "
                "Zeile, schwere Wörter erklärt.",
            }
        )
        return data

    def standard_version(self):
        """The standard page in the visitor's language when it is live, else the German one."""
        if self.standard_page_id is None:
            return None
        page = self.standard_page.localized
        return page if page.live else None


class EasyReadIndexPage(EasyReadMixin, BasePage):  # noqa: DJ008 (Page.__str__: the title)
    """The start of the easy-read section (/de/leichte-sprache/): what it is, then its pages."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["easyread.EasyReadPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Startseite Leichte Sprache")
        verbose_name_plural = _("Startseiten Leichte Sprache")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["pages"] = list(
            EasyReadPage.objects.child_of(self).live().public().select_related("image")
        )
        return context


class EasyReadPage(EasyReadMixin, BasePage):  # noqa: DJ008 (Page.__str__: the title)
    """One topic in Leichte Sprache."""

    parent_page_types = ["easyread.EasyReadIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Seite in Leichter Sprache")
        verbose_name_plural = _("Seiten in Leichter Sprache")
