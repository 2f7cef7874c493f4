"""The indicators as the visitor reads them: in their language, with numbers and dates in its
format, the live figures counted now. The page, its charts and tables and the CSV all read
`figures()`, so they show the same numbers."""

import csv
import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.conf import settings
from django.utils import timezone, translation
from django.utils.dateformat import format as format_with
from django.utils.formats import get_format, number_format
from django.utils.translation import gettext as _

from core.exports import formula_safe
from core.formats import format_date
from core.localized import lang_mark, localized_records
from results import live
from results.models import Indicator, Period


@dataclass
class Point:
    date: datetime.date
    period: str
    value: Decimal
    note: str = ""
    live: bool = False

    @property
    def label(self) -> str:
        """The point's date or period as the visitor's language writes it."""
        return period_label(self.date, self.period)

    @property
    def short_label(self) -> str:
        """A short form for the chart's axis."""
        return period_label(self.date, self.period, short=True)


def period_label(date: datetime.date, period: str, short: bool = False) -> str:
    if period == Period.YEAR:
        return str(date.year)
    if period == Period.QUARTER:
        quarter = (date.month - 1) // 3 + 1
        if short:
            return _("Q%(quarter)s %(year)s") % {"quarter": quarter, "year": date.year}
        if quarter == 1:  # an ordinal of its own: French writes « 1er trimestre », not "1e"
            return _("1. Quartal %(year)s") % {"year": date.year}
        return _("%(quarter)s. Quartal %(year)s") % {"quarter": quarter, "year": date.year}
    if period == Period.MONTH:
        if short:
            return format_with(date, "m/Y")
        return format_date(date, format_name="YEAR_MONTH_FORMAT")
    if short:
        return format_with(date, get_format("SHORT_DATE_FORMAT"))
    return format_date(date)


def format_number(value, decimals: int = 0, grouping: bool = True) -> str:
    """A value as the visitor's language writes it: "1.234,5" (de, nl), "1,234.5" (en),
    "1 234,5" (fr, a no-break space)."""
    return number_format(Decimal(value), decimals, use_l10n=True, force_grouping=grouping).replace(
        " ", "\u00a0"
    )


@dataclass
class Figure:
    indicator: Indicator  # in the visitor's language, else the German one
    source: Indicator  # the German indicator, which holds the values
    points: list[Point] = field(default_factory=list)

    @property
    def lang(self) -> str:
        """`lang` for the indicator's texts where German stands in for the visitor's language."""
        return lang_mark(self.indicator.locale.language_code)

    @property
    def latest(self) -> Point | None:
        return self.points[-1] if self.points else None

    @property
    def is_live(self) -> bool:
        return bool(self.source.live_source)

    @property
    def live_note(self) -> str:
        if not self.is_live:
            return ""
        date = format_date(timezone.localdate())
        if self.source.live_source in live.FROM_CATALOGUE:
            return _("live aus dem Katalog, Stand: %(date)s") % {"date": date}
        return _("live aus der Website, Stand: %(date)s") % {"date": date}

    def number(self, value) -> str:
        return format_number(value, self.source.decimals)

    @property
    def id(self) -> str:
        return f"kennzahl-{self.source.pk}"

    @cached_property
    def chart(self) -> str:
        from results.charts import chart_svg

        return chart_svg(self)


def figures(language: str | None = None) -> list[Figure]:
    """Every published indicator in the page's order, in the visitor's language (3 queries, and
    one per live indicator)."""
    sources = list(
        Indicator.objects.filter(live=True, locale__language_code=settings.LANGUAGE_CODE)
        .select_related("locale")
        .prefetch_related("values")
    )
    shown = localized_records(Indicator, sources)
    today = timezone.localdate()
    result = []
    for source in sources:
        points = [
            Point(row.date, row.period, row.value, row.source_note)
            for row in sorted(source.values.all(), key=lambda row: row.date)
        ]
        current = live.count(source.live_source)
        if current is not None:
            note = _("live gezählt")
            if points and points[-1].date == today:
                points.pop()
            points.append(Point(today, Period.DAY, Decimal(current), note, live=True))
        result.append(Figure(shown[source.translation_key], source, points))
    return result


def csv_dialect(language: str | None = None) -> tuple[str, str]:
    """(delimiter, decimal separator) a spreadsheet in the visitor's language reads: a comma
    and a point in English, a semicolon and a comma in German, Dutch and French."""
    with translation.override(language or translation.get_language()):
        decimal = get_format("DECIMAL_SEPARATOR")
    return (";" if decimal == "," else ","), decimal


def write_csv(out, rows: list[Figure]) -> None:
    """All indicators with their history into `out`: one line per value, headings and period
    names in the visitor's language, dates ISO 8601, numbers with the language's decimal
    separator and no grouping; every text made formula-safe (`core.exports`)."""
    delimiter, _decimal = csv_dialect()
    out.write("\ufeff")  # so that spreadsheet programs read the file as UTF-8
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    headings = [
        _("Kennzahl"),
        _("Einheit"),
        _("Datum"),
        _("Zeitraum"),
        _("Wert"),
        _("Quelle"),
    ]
    writer.writerow([formula_safe(str(text)) for text in headings])
    periods = dict(Period.choices)
    for figure in rows:
        for point in figure.points:
            cells = [
                figure.indicator.name,
                figure.indicator.unit,
                point.date.isoformat(),
                str(periods.get(point.period, point.period)),
                format_number(point.value, figure.source.decimals, grouping=False),
                figure.live_note if point.live else point.note,
            ]
            writer.writerow([formula_safe(cell) for cell in cells])
