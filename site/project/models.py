"""The project page: what the funded operation is, its aims, approach, partners and duration,
with the full funding notice of the site settings."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core import formats, seo
from core.models import BasePage
from project.blocks import ProjectStreamBlock


class ProjectPage(BasePage):
    """ "Über das Projekt": the funded operation described for visitors and funders."""

    project_name = models.CharField(
        _("Name des Vorhabens"),
        max_length=200,
        help_text=_(
            "Wie im Förderbescheid, z. B. „All eyes on green spots – vernetzen. arbeiten. ernten.“"
        ),
    )
    intro = models.TextField(_("Einleitung"), blank=True)
    start_date = models.DateField(_("Beginn"), null=True, blank=True)
    end_date = models.DateField(_("Ende"), null=True, blank=True)
    programme = models.CharField(
        _("Förderprogramm"), max_length=200, blank=True, help_text=_("z. B. „BIWAQ“.")
    )
    body = StreamField(ProjectStreamBlock, verbose_name=_("Inhalt"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("project_name"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldPanel("programme"),
            ],
            heading=_("Laufzeit und Förderung"),
        ),
        FieldPanel("body"),
    ]
    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("project_name"),
        TranslatableField("intro"),
        SynchronizedField("start_date"),
        SynchronizedField("end_date"),
        TranslatableField("programme"),
        TranslatableField("body"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("project_name"),
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["core.ContentPage", "depot.DepotResourcesPage"]
    max_count_per_parent = 1  # one project page per language

    class Meta:
        verbose_name = _("Projektseite")
        verbose_name_plural = _("Projektseiten")

    def get_context(self, request, *args, **kwargs):
        from core.frame import frame

        context = super().get_context(request, *args, **kwargs)
        # The full funding notice: the site settings' in the visitor's language, as the footer.
        context["funding"] = frame(request)["settings"]["funding"]
        return context

    def duration(self) -> str:
        """ "1. Januar 2023 – 31. Dezember 2026" in the active language ("1er janvier 2023 – …"
        in French), "" without dates."""
        dates = [formats.format_date(day) for day in (self.start_date, self.end_date) if day]
        return " – ".join(dates)

    def partners(self) -> list[dict]:
        return [
            partner
            for block in self.body
            if block.block_type == "partners"
            for partner in block.value["partners"]
        ]

    def get_structured_data(self, request) -> list[dict]:
        """Beside the breadcrumbs, the operation as a schema.org `Project` with its funders."""
        project = {
            "@context": seo.SCHEMA_ORG,
            "@type": "Project",
            "name": self.project_name,
            "url": seo.page_url(self, request),
            "description": seo.description(self.intro or self.search_description),
            "areaServed": {"@type": "Place", "name": "Aachen-Nord"},
        }
        if self.start_date:
            project["foundingDate"] = self.start_date.isoformat()
        if self.end_date:
            project["dissolutionDate"] = self.end_date.isoformat()
        funders = []
        for partner in self.partners():
            if not partner["funder"]:
                continue
            funder = {"@type": "GovernmentOrganization", "name": partner["name"]}
            if partner["url"]:
                funder["url"] = partner["url"]
            funders.append(funder)
        if funders:
            project["funder"] = funders
        return [*super().get_structured_data(request), project]
