"""A small line chart of an indicator's history, drawn on the server as SVG: no chart library, no
JavaScript.

Accessible as one image (`role="img"`, named by its `<title>` and described by its `<desc>`, both
in the visitor's language); the page puts the same values in a table beside it. The drawing is
320 × 180 units and scales to the column, at most 24rem wide (at 390 px the 14-unit labels read
at about 13.5 px, on a desktop at 17 px).
The line and points are dark green on white (7:1), the labels dark grey (12:1), the grid only
a help (the labelled values carry the meaning).

The y axis runs from 0 to a round number at or above the highest value, so that a change is
never exaggerated; points stand at their dates along the x axis (evenly when all dates are
the same). One value is a single point; no value draws no chart.
"""

import math
from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from core.formats import with_colon
from results.figures import format_number

WIDTH, HEIGHT = 320, 180
LEFT, RIGHT, TOP, BOTTOM = 52, 18, 14, 34  # margins for the labels
PLOT_W, PLOT_H = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 × a power of ten at or above `value` (1 for nothing)."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= value:
            return step * power
    return 10 * power  # pragma: no cover (the loop always returns)


def scale(points) -> tuple[list[tuple[float, float]], float]:
    """((x, y) of each point in the drawing, the top of the y axis)."""
    top = nice_ceiling(float(max((point.value for point in points), default=Decimal(0))))
    ordinals = [point.date.toordinal() for point in points]
    first, span = (min(ordinals), max(ordinals) - min(ordinals)) if points else (0, 0)
    coordinates = []
    for index, point in enumerate(points):
        if span:
            share = (ordinals[index] - first) / span
        else:
            share = index / (len(points) - 1) if len(points) > 1 else 0.5
        x = LEFT + share * PLOT_W
        y = TOP + PLOT_H - float(point.value) / top * PLOT_H
        coordinates.append((round(x, 1), round(y, 1)))
    return coordinates, top


def axis_label(value: Decimal) -> str:
    """A grid line's value with the decimals it needs ("12,5" halfway to 25, "50" to 100)."""
    exponent = value.normalize().as_tuple().exponent
    return format_number(value, max(0, -exponent))


def description(figure) -> str:
    """What the chart shows, in words: its first and last value and how many there are."""
    points = figure.points
    unit = figure.indicator.unit
    if len(points) == 1:
        return _("Ein Wert: %(value)s %(unit)s (%(date)s).") % {
            "value": figure.number(points[0].value),
            "unit": unit,
            "date": points[0].label,
        }
    return _(
        "Verlauf in %(count)s Werten: von %(first)s %(unit)s (%(first_date)s) "
        "bis %(last)s %(unit)s (%(last_date)s)."
    ) % {
        "count": len(points),
        "first": figure.number(points[0].value),
        "last": figure.number(points[-1].value),
        "unit": unit,
        "first_date": points[0].label,
        "last_date": points[-1].label,
    }


def chart_svg(figure) -> str:
    """The chart of `figure` (a `results.figures.Figure`) as inline SVG, "" without values."""
    points = figure.points
    if not points:
        return ""
    coordinates, top = scale(points)
    title_id, desc_id = f"{figure.id}-titel", f"{figure.id}-beschreibung"
    bottom = TOP + PLOT_H
    grid = format_html_join(
        "",
        '<line class="chart__grid" x1="{}" y1="{}" x2="{}" y2="{}"/>'
        '<text class="chart__label" x="{}" y="{}" text-anchor="end">{}</text>',
        (
            (LEFT, y, LEFT + PLOT_W, y, LEFT - 6, y + 4, axis_label(value))
            for value, y in (
                (Decimal(0), bottom),
                (Decimal(str(top)) / 2, TOP + PLOT_H / 2),
                (Decimal(str(top)), TOP),
            )
        ),
    )
    line = ""
    if len(coordinates) > 1:
        line = format_html(
            '<polyline class="chart__line" points="{}"/>',
            " ".join(f"{x},{y}" for x, y in coordinates),
        )
    dots = format_html_join(
        "",
        '<circle class="chart__point" cx="{}" cy="{}" r="4"><title>{} {}</title></circle>',
        (
            (x, y, with_colon(point.label), figure.number(point.value))
            for (x, y), point in zip(coordinates, points, strict=True)
        ),
    )
    # The first and the last date under the axis (one label for a single point).
    ends = [(coordinates[0][0], points[0].short_label, "start" if len(points) > 1 else "middle")]
    if len(points) > 1:
        ends.append((coordinates[-1][0], points[-1].short_label, "end"))
    labels = format_html_join(
        "",
        '<text class="chart__label" x="{}" y="{}" text-anchor="{}">{}</text>',
        ((x, bottom + 20, anchor, text) for x, text, anchor in ends),
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {} {}" role="img" aria-labelledby="{} {}">'
        '<title id="{}">{}</title><desc id="{}">{}</desc>{}{}{}{}</svg>',
        WIDTH,
        HEIGHT,
        title_id,
        desc_id,
        title_id,
        _("%(name)s: Verlauf") % {"name": figure.indicator.name},
        desc_id,
        description(figure),
        grid,
        line,
        dots,
        labels,
    )
