from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.models import BasePage
from home.blocks import HomeStreamBlock


class HomePage(BasePage):
    """The root of each language tree: hero, introduction and featured content."""

    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Hauptbild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_heading = models.CharField(_("Überschrift im Hauptbild"), max_length=120)
    hero_text = models.TextField(_("Text im Hauptbild"), max_length=300, blank=True)
    intro = RichTextField(_("Einleitung"), features=["bold", "italic", "link"], blank=True)
    body = StreamField(HomeStreamBlock, verbose_name=_("Hervorgehobene Inhalte"), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_heading"), FieldPanel("hero_text")],
            heading=_("Hauptbild"),
        ),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    translatable_fields = [
        *BasePage.translatable_fields,
        SynchronizedField("hero_image"),
        TranslatableField("hero_heading"),
        TranslatableField("hero_text"),
        TranslatableField("intro"),
        TranslatableField("body"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "core.ContentPage",
        "core.LegalPage",
        "designers.DesignerIndexPage",
        "designers.StoryIndexPage",
        "shop_links.RetailerIndexPage",
        "enquiries.EnquiryFormPage",
        "campaigns.CampaignIndexPage",
        "project.ProjectPage",
        "results.ResultsPage",
        "accessibility.AccessibilityStatementPage",
        "easyread.EasyReadIndexPage",
        "workshops.WorkshopIndexPage",
        "events.EventIndexPage",
        "applications.DesignApplicationPage",
        "trade.TradePage",
        "trade.PressKitPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Startseite")
        verbose_name_plural = _("Startseiten")

    def get_social_image(self):
        return self.social_image or self.hero_image
