"""The Depot's shared resources: rooms, machines and tools that the project's workshops and the
label's designers share, and the page that lists them with the way to ask for each.

A resource is a translatable snippet under review (`core.models.ReviewedSnippet`): its texts are
translated with wagtail-localize, a translation starts as an unpublished draft, and a visitor
reads the published resource in their language, else the German one (marked `lang="de"`).
Kind, image, contact and order are kept on the German resource and synchronised.
"""

import re

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.models import BasePage, ReviewedSnippet, revisions_relation, workflow_states_relation


class ResourceKind(models.TextChoices):
    ROOM = "room", _("Raum")
    MACHINE = "machine", _("Maschine")
    TOOL = "tool", _("Werkzeug")


# The headings of the page's groups and of its filter, in the page's order.
KIND_HEADINGS = {
    ResourceKind.ROOM: pgettext_lazy("Depot", "Räume"),
    ResourceKind.MACHINE: pgettext_lazy("Depot", "Maschinen"),
    ResourceKind.TOOL: pgettext_lazy("Depot", "Werkzeug"),
}

phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 ()/.-]{3,38}$",
    _("Bitte eine Telefonnummer aus Ziffern angeben, z. B. „+49 241 123456“."),
)


class SharedResource(ReviewedSnippet):
    """One room, machine or tool of the Depot, e.g. "Nähwerkstatt" or "Lasercutter"."""

    kind = models.CharField(
        _("Art"), max_length=10, choices=ResourceKind.choices, default=ResourceKind.ROOM
    )
    name = models.CharField(_("Name"), max_length=120)
    purpose = models.TextField(
        _("Wofür"),
        max_length=600,
        help_text=_("Ein, zwei Sätze: was man damit machen kann."),
    )
    terms = models.TextField(
        _("Wer darf es nutzen, zu welchen Bedingungen"),
        max_length=400,
        blank=True,
        help_text=_(
            "z. B. „Frei für die Werkstätten des Projekts, für Designer:innen nach Absprache.“"
        ),
    )
    capacity = models.CharField(
        _("Größe oder technische Daten"),
        max_length=200,
        blank=True,
        help_text=_("Kurz: Plätze, Fläche oder Maschinendaten, z. B. „8 Nähplätze, 60 m²“."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Bild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("Alternativtext des Bildes"),
        max_length=250,
        blank=True,
        help_text=_(
            "Was das Bild zeigt, für Menschen, die es nicht sehen. Leer: der Alternativtext "
            "des Bildes aus der Mediathek."
        ),
    )
    email = models.EmailField(_("E-Mail für Anfragen"), blank=True)
    phone = models.CharField(
        _("Telefon für Anfragen"), max_length=40, blank=True, validators=[phone_validator]
    )
    ask_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Seite zum Anfragen"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("z. B. das Anfrageformular; Besucher:innen lesen sie in ihrer Sprache."),
    )
    opening_hours = models.TextField(
        _("Erreichbar / Öffnungszeiten"),
        max_length=300,
        blank=True,
        help_text=_("z. B. „Mo–Do 9–16 Uhr, Anfragen bitte zwei Tage vorher.“"),
    )
    sort_order = models.PositiveIntegerField(
        _("Reihenfolge"),
        default=0,
        help_text=_("Kleinere Zahlen stehen in ihrer Gruppe weiter oben."),
    )
    _revisions = revisions_relation("sharedresource")
    workflow_states = workflow_states_relation("sharedresource")

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("sort_order")]),
        FieldPanel("name"),
        FieldPanel("purpose"),
        FieldPanel("terms"),
        FieldPanel("capacity"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Bild")),
        MultiFieldPanel(
            [
                FieldPanel("email"),
                FieldPanel("phone"),
                FieldPanel("ask_page"),
                FieldPanel("opening_hours"),
            ],
            heading=_("So fragt man an"),
        ),
    ]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("purpose"),
        TranslatableField("terms"),
        TranslatableField("capacity"),
        TranslatableField("image_alt"),
        TranslatableField("opening_hours"),
        SynchronizedField("kind"),
        SynchronizedField("image"),
        SynchronizedField("email"),
        SynchronizedField("phone"),
        SynchronizedField("ask_page"),
        SynchronizedField("sort_order"),
    ]

    class Meta(ReviewedSnippet.Meta):
        verbose_name = _("Depot-Ressource")
        verbose_name_plural = _("Depot-Ressourcen")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    @property
    def tel_href(self) -> str:
        """The `tel:` address of the phone number: its digits and a leading plus."""
        return "tel:" + re.sub(r"[^0-9+]", "", self.phone)


class DepotResourcesPage(BasePage):
    """ "Geteilte Ressourcen im Depot": the shared resources grouped by kind, each with the way
    to ask for it; `?kind=room|machine|tool` shows one group (anything else shows all)."""

    intro = RichTextField(_("Einleitung"), features=["bold", "italic", "link", "ul"], blank=True)
    place_name = models.CharField(
        _("Name des Ortes"),
        max_length=120,
        default="Depot Talstraße",
        help_text=_("Für Suchmaschinen: so heißt der Ort, an dem die Ressourcen stehen."),
    )
    street_address = models.CharField(_("Straße und Hausnummer"), max_length=120, blank=True)
    postal_code = models.CharField(_("Postleitzahl"), max_length=10, blank=True)
    locality = models.CharField(_("Ort"), max_length=80, default="Aachen")

    cache_query_parameters = ("kind",)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("place_name"),
                FieldPanel("street_address"),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("locality")]),
            ],
            heading=_("Adresse des Depots"),
        ),
    ]
    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("intro"),
        SynchronizedField("place_name"),
        SynchronizedField("street_address"),
        SynchronizedField("postal_code"),
        SynchronizedField("locality"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    parent_page_types = ["project.ProjectPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Seite Depot-Ressourcen")
        verbose_name_plural = _("Seiten Depot-Ressourcen")

    def shown_resources(self):
        from depot.presentation import shown_resources

        return shown_resources()

    def get_context(self, request, *args, **kwargs):
        from depot.presentation import groups, selected_kind

        context = super().get_context(request, *args, **kwargs)
        selected = selected_kind(request)
        context.update(
            groups=groups(self.shown_resources(), selected),
            kinds=[{"slug": kind.value, "name": name} for kind, name in KIND_HEADINGS.items()],
            selected_kind=selected,
            listing_query={"kind": selected} if selected else {},
        )
        return context

    def get_structured_data(self, request) -> list[dict]:
        """Beside the breadcrumbs, the Depot as a schema.org `Place` whose `amenityFeature`s are
        its shared resources (all of them, whatever the filter)."""
        from depot.presentation import place

        return [*super().get_structured_data(request), place(self, request)]
