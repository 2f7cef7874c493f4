"""The admin report "Klicks auf Shop-Links": counted clicks per retailer, product or designer.

A Wagtail `ReportView` over the daily `ClickCount` aggregates of a period. Rows are grouped in
the database (one query for the page of rows, one for the total, one to count the rows, and for
designers one for their names), so the cost does not grow with the number of rows.

The CSV and XLSX downloads contain exactly the table on screen. Wagtail's export does not guard
against spreadsheet formulas in CSV (by design, see its security notes) and only re-types cells
that openpyxl takes for formulas (`=…`) in XLSX; names here come from the catalogue and from
editors, so `formula_safe()` is applied to every text cell of both formats.
"""

import datetime
from dataclasses import dataclass, field

import django_filters
from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from catalogue.designers import designer_page_model
from catalogue.models import Product
from core.exports import formula_safe
from shop_links.models import ClickCount, Retailer


class Period(models.TextChoices):
    LAST_30_DAYS = "30", _("Letzte 30 Tage")
    THIS_MONTH = "month", _("Dieser Monat")
    LAST_MONTH = "last-month", _("Letzter Monat")
    THIS_YEAR = "year", _("Dieses Jahr")

    @classmethod
    def bounds(cls, preset: str, today: datetime.date) -> tuple[datetime.date, datetime.date]:
        """First and last day (both included) of a preset period, as of `today`."""
        if preset == cls.THIS_MONTH:
            return today.replace(day=1), today
        if preset == cls.LAST_MONTH:
            last = today.replace(day=1) - datetime.timedelta(days=1)
            return last.replace(day=1), last
        if preset == cls.THIS_YEAR:
            return today.replace(month=1, day=1), today
        return today - datetime.timedelta(days=29), today


class Grouping(models.TextChoices):
    RETAILER = "retailer", _("Händler")
    PRODUCT = "product", _("Produkt")
    DESIGNER = "designer", _("Designer:in")


def _ignore(queryset, name, value):
    """The report reads these filters itself (it groups, which a filter cannot)."""
    return queryset


def _choice(label, choices, *, initial=None, empty_label=None):
    return django_filters.ChoiceFilter(
        label=label,
        choices=choices,
        initial=initial,
        empty_label=empty_label,
        widget=forms.RadioSelect,
        method=_ignore,
    )


class ClickReportFilterSet(WagtailFilterSet):
    DEFAULTS = {"period": Period.LAST_30_DAYS, "group": Grouping.RETAILER}

    group = _choice(_("Klicks je"), Grouping.choices, initial=Grouping.RETAILER)
    period = _choice(_("Zeitraum"), Period.choices, initial=Period.LAST_30_DAYS)
    day = django_filters.DateFromToRangeFilter(
        label=_("Eigener Zeitraum"),
        widget=DateRangePickerWidget,
        method=_ignore,
        help_text=_("Von–bis, beide Tage eingeschlossen; geht dem gewählten Zeitraum vor."),
    )
    placement = _choice(_("Platzierung"), ClickCount.Placement.choices, empty_label=_("Alle"))

    class Meta:
        model = ClickCount
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        # The defaults count as "not filtering": fill them in as if chosen.
        data = data.copy() if data is not None else {}
        for name, value in self.DEFAULTS.items():
            if not data.get(name):
                data[name] = value
        super().__init__(data, *args, **kwargs)


@dataclass
class ClickRow:
    name: str
    clicks: int
    by_placement: dict = field(default_factory=dict)
    city: str = ""
    edit_url: str = ""
    counts: list = field(default_factory=list)  # clicks per placement column shown


def _sums():
    """Total clicks and clicks per placement, as aggregate expressions."""
    sums = {"clicks": Sum("count")}
    for value, _label in ClickCount.Placement.choices:
        sums[f"p_{value}"] = Sum("count", filter=Q(placement=value))
    return sums


def _row(values, name, **extra) -> ClickRow:
    return ClickRow(
        name=name,
        clicks=values["clicks"] or 0,
        by_placement={
            value: values[f"p_{value}"] or 0 for value, _label in ClickCount.Placement.choices
        },
        **extra,
    )


class ClickReportView(ReportView):
    page_title = _("Klicks auf Shop-Links")
    header_icon = "link-external"
    template_name = "shop_links/reports/click_report.html"
    results_template_name = "shop_links/reports/click_report_results.html"
    filterset_class = ClickReportFilterSet
    index_url_name = "shop_links_reports:clicks"
    index_results_url_name = "shop_links_reports:clicks_results"
    permission_policy = ModelPermissionPolicy(ClickCount)
    permission_required = "view"
    model = ClickCount
    paginate_by = 100

    def dispatch(self, request, *args, **kwargs):
        # Refused with the admin's 403 page (workplace/apps.py), which tells a translator
        # following a shared link why.
        if not self.user_has_permission(self.permission_required):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    # --- what the visitor asked for -----------------------------------------------------------

    @cached_property
    def choice(self) -> dict:
        data = self.filters.form.cleaned_data if self.filters.is_valid() else {}
        today = timezone.localdate()
        start, end = Period.bounds(data.get("period") or Period.LAST_30_DAYS, today)
        custom = data.get("day")
        if custom and (custom.start or custom.stop):
            end = custom.stop.date() if custom.stop else today
            start = custom.start.date() if custom.start else end - datetime.timedelta(days=29)
            if start > end:
                start, end = end, start
        return {
            "start": start,
            "end": end,
            "group": data.get("group") or Grouping.RETAILER,
            "placement": data.get("placement") or "",
        }

    @cached_property
    def placements(self):
        """The placement columns: all of them, or none when one placement is chosen."""
        return [] if self.choice["placement"] else list(ClickCount.Placement.choices)

    @cached_property
    def name_heading(self):
        return dict(Grouping.choices)[self.choice["group"]]

    def get_paginator(self, *args, **kwargs):
        """Count the rows as what they are ("6 Händler"), not as click counts."""
        paginator = super().get_paginator(*args, **kwargs)
        paginator.verbose_name, paginator.verbose_name_plural = {
            Grouping.RETAILER: (Retailer._meta.verbose_name, Retailer._meta.verbose_name_plural),
            Grouping.PRODUCT: (Product._meta.verbose_name, Product._meta.verbose_name_plural),
            Grouping.DESIGNER: (_("Designer:in"), _("Designer:innen")),
        }[self.choice["group"]]
        return paginator

    # --- rows ---------------------------------------------------------------------------------

    def get_filtered_queryset(self):
        queryset = ClickCount.objects.filter(day__range=(self.choice["start"], self.choice["end"]))
        if self.choice["placement"]:
            queryset = queryset.filter(placement=self.choice["placement"])
        self.period_queryset = queryset
        group = self.choice["group"]
        if group == Grouping.PRODUCT:
            keys, order = ["product_id", "product__title"], "product__title"
        elif group == Grouping.DESIGNER:
            keys, order = ["designer_ref"], "designer_ref"
        else:
            keys, order = ["retailer_id", "retailer__name", "retailer__city"], "retailer__name"
        return queryset.values(*keys).annotate(**_sums()).order_by("-clicks", order, *keys)

    def decorate_paginated_queryset(self, object_list):
        group = self.choice["group"]
        if group == Grouping.PRODUCT:
            rows = [self.product_row(values) for values in object_list]
        elif group == Grouping.DESIGNER:
            object_list = list(object_list)
            pages = self.designer_pages([values["designer_ref"] for values in object_list])
            rows = [self.designer_row(values, pages) for values in object_list]
        else:
            rows = [self.retailer_row(values) for values in object_list]
        return [self.with_counts(row) for row in rows]

    def with_counts(self, row: ClickRow) -> ClickRow:
        row.counts = [row.by_placement[value] for value, _label in self.placements]
        return row

    def retailer_row(self, values):
        return _row(
            values,
            values["retailer__name"],
            city=values["retailer__city"],
            edit_url=reverse(
                "wagtailsnippets_shop_links_retailer:edit", args=[values["retailer_id"]]
            ),
        )

    def product_row(self, values):
        if values["product_id"] is None:
            return _row(values, str(_("(ohne Produkt: Website des Händlers)")))
        return _row(
            values,
            values["product__title"],
            edit_url=reverse("wagtailsnippets_catalogue_product:edit", args=[values["product_id"]]),
        )

    def designer_row(self, values, pages):
        ref = values["designer_ref"]
        if not ref:
            return _row(values, str(_("(ohne Designer:in)")))
        page = pages.get(ref)
        if page is None:  # a ref the catalogue knows but no designer page carries
            return _row(values, ref)
        return _row(values, page.title, edit_url=reverse("wagtailadmin_pages:edit", args=[page.pk]))

    def designer_pages(self, refs):
        """{ref: German designer page}, live or not, in one query."""
        model = designer_page_model()
        refs = [ref for ref in refs if ref]
        if model is None or not refs:
            return {}
        ref_field = getattr(settings, "CATALOGUE_DESIGNER_REF_FIELD", "catalogue_ref")
        pages = model.objects.filter(
            **{f"{ref_field}__in": refs}, locale__language_code=settings.LANGUAGE_CODE
        ).only("pk", "title", ref_field)
        return {getattr(page, ref_field): page for page in pages}

    @cached_property
    def total(self) -> ClickRow:
        return self.with_counts(_row(self.period_queryset.aggregate(**_sums()), str(_("Summe"))))

    # --- page ---------------------------------------------------------------------------------

    def group_links(self):
        """Links that switch the grouping and keep every other choice."""
        links = []
        for value, label in Grouping.choices:
            params = self.request.GET.copy()
            for name in ("group", self.page_kwarg, "export", "_w_filter_fragment"):
                params.pop(name, None)
            params["group"] = value
            links.append(
                {
                    "label": label,
                    "url": f"{self.index_url}?{params.urlencode()}",
                    "current": value == self.choice["group"],
                }
            )
        return links

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            choice=self.choice,
            placements=self.placements,
            name_heading=self.name_heading,
            show_city=self.choice["group"] == Grouping.RETAILER,
            total=self.total,
            group_links=self.group_links(),
            placement_label=dict(ClickCount.Placement.choices).get(self.choice["placement"]),
        )
        return context

    # --- export -------------------------------------------------------------------------------

    @property
    def list_export(self):
        columns = ["name"]
        if self.choice["group"] == Grouping.RETAILER:
            columns.append("city")
        columns.append("clicks")
        columns += [f"p_{value}" for value, _label in self.placements]
        return columns

    @property
    def export_headings(self):
        headings = {"name": self.name_heading, "city": _("Ort"), "clicks": _("Klicks")}
        headings.update({f"p_{value}": label for value, label in self.placements})
        return headings

    def get_filename(self):
        group = self.choice["group"]
        return f"klicks-{group}-{self.choice['start']:%Y-%m-%d}-{self.choice['end']:%Y-%m-%d}"

    def as_spreadsheet(self, queryset, spreadsheet_format):
        # The table on screen ends with its total; so does the download.
        return super().as_spreadsheet([*queryset, self.total], spreadsheet_format)

    def to_row_dict(self, item: ClickRow):
        values = {"name": item.name, "city": item.city, "clicks": item.clicks}
        values.update({f"p_{value}": count for value, count in item.by_placement.items()})
        return {column: values[column] for column in self.list_export}

    def write_csv_row(self, writer, row_dict):
        return super().write_csv_row(
            writer, {name: formula_safe(value) for name, value in row_dict.items()}
        )

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        # XLSX keeps the exact text in a text cell and sets the cell's "quote prefix" (what a
        # spreadsheet app does when one types an apostrophe first): shown and kept as text.
        for cell in super().generate_xlsx_row(worksheet, row_dict, date_format):
            if formula_safe(cell.value) is not cell.value:
                cell.data_type = "s"
                cell.quotePrefix = True
            yield cell
