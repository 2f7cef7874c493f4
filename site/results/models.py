"""What the project achieved, as data: indicators with their history of values, and the page that
shows them (latest figure, an SVG chart, a table, a CSV download).

An indicator is a translatable snippet under review (`core.models.ReviewedSnippet`): its name,
description and unit are translated. Its values are numbers with a date, kept once, on the German
indicator: every language shows the same history (a translation copies no values). Editors add a
value each period; rows are never overwritten (one value per indicator and date). An indicator
may be *live*: its current figure is counted from the site's own data (`results.live`), and
`manage.py snapshot_results` keeps a monthly value of it in the history.
"""

from django.db import models
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.models import BasePage, ReviewedSnippet, revisions_relation, workflow_states_relation


class LiveSource(models.TextChoices):
    MANUAL = "", _("Keine (Werte von Hand)")
    PRODUCTS = "products", _("Produkte im Katalog")
    DESIGNERS = "designers", _("Designer:innen mit Seite")
    RETAILERS = "retailers", _("Händler")
    WORKSHOPS = "workshops", _("Werkstätten und Produktionspartner")


class Period(models.TextChoices):
    DAY = "day", _("Stichtag")
    MONTH = "month", _("Monat")
    QUARTER = "quarter", _("Quartal")
    YEAR = "year", _("Jahr")


class Indicator(ReviewedSnippet, ClusterableModel):
    """One figure the project reports, e.g. "Menschen qualifiziert", with its history."""

    name = models.CharField(_("Name"), max_length=120)
    description = models.TextField(
        _("Kurzbeschreibung"),
        blank=True,
        max_length=400,
        help_text=_("Ein, zwei Sätze: was gezählt wird und wie."),
    )
    unit = models.CharField(
        _("Einheit"),
        max_length=40,
        blank=True,
        help_text=_("Wie die Zahl gelesen wird, z. B. „Personen“ oder „Produkte“."),
    )
    decimals = models.PositiveSmallIntegerField(
        _("Nachkommastellen"), default=0, help_text=_("0 für ganze Zahlen.")
    )
    sort_order = models.PositiveIntegerField(
        _("Reihenfolge"),
        default=0,
        help_text=_("Kleinere Zahlen stehen auf der Seite weiter oben."),
    )
    live_source = models.CharField(
        _("Live aus den Daten der Website"),
        max_length=20,
        blank=True,
        choices=LiveSource.choices,
        default=LiveSource.MANUAL,
        help_text=_(
            "Wird die aktuelle Zahl aus dem Katalog oder den Seiten gezählt, zeigt die Seite "
            "sie live; die Werte unten sind dann die monatlichen Stände."
        ),
    )
    _revisions = revisions_relation("indicator")
    workflow_states = workflow_states_relation("indicator")

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("unit"),
                FieldPanel("decimals"),
                FieldPanel("sort_order"),
                FieldPanel("live_source"),
            ],
            heading=_("Zahl"),
        ),
        InlinePanel(
            "values",
            heading=_("Werte"),
            label=_("Wert"),
            help_text=_(
                "Nur in der deutschen Fassung: die Werte gelten für alle Sprachen. Je Zeitraum "
                "einen neuen Wert hinzufügen; alte Werte bleiben stehen."
            ),
        ),
    ]
    # The values are language-free and kept on the German indicator only (see the module).
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        TranslatableField("unit"),
        SynchronizedField("decimals"),
        SynchronizedField("sort_order"),
        SynchronizedField("live_source"),
    ]
    exclude_fields_in_copy = ["values"]

    class Meta(ReviewedSnippet.Meta):
        verbose_name = _("Kennzahl")
        verbose_name_plural = _("Kennzahlen")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def with_content_json(self, content):
        """A revision as an object, with the automatic monthly values as they are now: the
        snapshot command writes them to the row directly, and publishing a draft taken before
        must not delete them."""
        obj = super().with_content_json(content)
        if self.pk:
            kept = [value for value in obj.values.all() if not value.automatic]
            dates = {value.date for value in kept}
            automatic = [
                value
                for value in IndicatorValue.objects.filter(indicator=self, automatic=True)
                if value.date not in dates
            ]
            obj.values = kept + automatic
        return obj


class IndicatorValue(models.Model):
    """One value of an indicator at a date (the end of its period), never overwritten."""

    indicator = ParentalKey(Indicator, on_delete=models.CASCADE, related_name="values")
    date = models.DateField(
        _("Datum"), help_text=_("Der Stichtag oder das Ende des Zeitraums, für den der Wert gilt.")
    )
    period = models.CharField(
        _("Zeitraum"), max_length=10, choices=Period.choices, default=Period.DAY
    )
    value = models.DecimalField(_("Wert"), max_digits=14, decimal_places=2)
    source_note = models.CharField(
        _("Quelle"),
        max_length=200,
        blank=True,
        help_text=_("Woher die Zahl stammt, z. B. „Teilnahmelisten der Qualifizierung“."),
    )
    automatic = models.BooleanField(_("Automatisch"), default=False, editable=False)

    panels = [
        FieldPanel("date"),
        FieldPanel("period"),
        FieldPanel("value"),
        FieldPanel("source_note"),
    ]

    class Meta:
        verbose_name = _("Wert")
        verbose_name_plural = _("Werte")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "date"], name="results_value_per_date")
        ]

    def __str__(self):
        return f"{self.indicator} {self.date}: {self.value}"


class ResultsPage(RoutablePageMixin, BasePage):
    """ "Wirkung": the latest figure of every indicator, its history as a chart and a table, and
    everything as CSV (`<page>/csv/`)."""

    intro = models.TextField(_("Einleitung"), blank=True)
    method = RichTextField(
        _("Wie wir zählen"),
        features=["bold", "italic", "link", "ul"],
        blank=True,
        help_text=_("Unter den Zahlen: woher sie stammen und wie oft sie erneuert werden."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("method")]
    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("intro"),
        TranslatableField("method"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Seite Wirkung")
        verbose_name_plural = _("Seiten Wirkung")

    @path("")
    def index(self, request):
        from results.figures import figures

        return self.render(request, context_overrides={"figures": figures()})

    @path("csv/")
    def csv(self, request):
        from core.i18n import share_locale
        from results.figures import figures, write_csv

        share_locale(self)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.slug}.csv"'
        write_csv(response, figures())
        return response

    def csv_url(self) -> str:
        return self.url + self.reverse_subpage("csv")
