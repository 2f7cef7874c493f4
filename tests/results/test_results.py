"""The results page ("Wirkung") as visitors and editors meet it: the latest figures, the SVG
charts and their tables, the CSV, live figures and an editor's new value on the next request."""

import csv
import datetime
import io
import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from core.typography import SOFT_HYPHEN
from results.charts import LEFT, nice_ceiling
from results.models import Indicator, IndicatorValue, LiveSource, Period, ResultsPage
from tests.factories import HomePageFactory, ProductFactory, locale, publish, translate

pytestmark = [pytest.mark.django_db, pytest.mark.no_demo]

SVG = "{http://www.w3.org/2000/svg}"
SLUGS = {"en": "results", "nl": "resultaten", "fr": "resultats"}
PATHS = {"de": "/de/wirkung/", **{code: f"/{code}/{slug}/" for code, slug in SLUGS.items()}}
HISTORY = [
    (datetime.date(2025, 3, 31), Period.QUARTER, "12"),
    (datetime.date(2025, 6, 30), Period.QUARTER, "250.5"),
    (datetime.date(2025, 12, 31), Period.YEAR, "1234.5"),
]


@pytest.fixture
def page():
    home = HomePageFactory()
    translate(home, "en", "nl", "fr")
    results = ResultsPage(title="Wirkung", slug="wirkung", intro="Was wir bewirken.")
    home.add_child(instance=results)
    publish(results)
    for code, slug in SLUGS.items():
        translate(results, code, title=f"Wirkung {code}", slug=slug)
    return results


def make_indicator(name="Menschen qualifiziert", history=HISTORY, **fields):
    indicator = Indicator(locale=locale(), name=name, unit="Personen", decimals=1, **fields)
    indicator.values = [
        IndicatorValue(date=date, period=period, value=Decimal(value), source_note="Listen")
        for date, period, value in history
    ]
    indicator.save()
    return publish(indicator)


def html_of(client, path) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode().replace(SOFT_HYPHEN, "")


def section(html, indicator) -> str:
    """The page's part for one indicator: the page shows every published indicator, and the
    demo's (when the session loaded it) stand beside the test's own."""
    match = re.search(rf'<li class="indicator" id="kennzahl-{indicator.pk}".*?</li>', html, re.S)
    assert match, f"no section for {indicator}"
    return match.group(0)


def own_rows(rows, *names) -> list[list[str]]:
    """The CSV's heading and the lines of the test's own indicators (by their shown names, which
    the demo's indicators do not share)."""
    return [rows[0], *(row for row in rows[1:] if row[0] in names)]


def live_products() -> int:
    """Products visitors may see before the test adds its own (the demo's, if loaded)."""
    from catalogue.models import Product

    return Product.objects.sources().live().count()


def svgs(html) -> list[ET.Element]:
    charts = re.findall(r"<svg [^>]*class=\"chart\".*?</svg>", html)
    return [ET.fromstring(chart) for chart in charts]  # noqa: S314 - our own response


def test_chart_is_an_accessible_image_whose_points_are_the_values(client, page):
    indicator = make_indicator()
    (svg,) = svgs(section(html_of(client, PATHS["de"]), indicator))
    assert svg.get("role") == "img"
    title_id, desc_id = svg.get("aria-labelledby").split()
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert (title.get("id"), desc.get("id")) == (title_id, desc_id)
    assert title.text == "Menschen qualifiziert: Verlauf"
    assert "3 Werten" in desc.text and "12,0" in desc.text and "1.234,5" in desc.text
    # The y axis: its labelled grid lines from 0 to a round top (2.000 for 1.234,5).
    labels = {
        float(text.text.replace(".", "").replace(",", ".")): float(text.get("y")) - 4
        for text in svg.iter(f"{SVG}text")
        if text.get("x") == str(LEFT - 6)  # the y axis's labels, left of the grid
    }
    assert sorted(labels) == [0.0, 1000.0, 2000.0]
    bottom, top = labels[0.0], labels[2000.0]
    circles = list(svg.iter(f"{SVG}circle"))
    assert len(circles) == 3
    for circle, (_date, _period, value) in zip(circles, HISTORY, strict=True):
        shown = (bottom - float(circle.get("cy"))) / (bottom - top) * 2000
        assert shown == pytest.approx(float(value), abs=2)
    xs = [float(circle.get("cx")) for circle in circles]
    assert xs == sorted(xs) and len(set(xs)) == 3
    # The polyline joins the same points.
    polyline = svg.find(f"{SVG}polyline").get("points").split()
    assert polyline == [f"{c.get('cx')},{c.get('cy')}" for c in circles]


def test_chart_speaks_the_visitors_language(client, page):
    indicator = make_indicator()
    translate(indicator, "fr", name="Personnes formées", unit="personnes")
    (svg,) = svgs(section(html_of(client, PATHS["fr"]), indicator))
    assert svg.find(f"{SVG}title").text == "Personnes formées\u00a0: évolution"
    desc = svg.find(f"{SVG}desc").text
    assert "1\u00a0234,5" in desc and "personnes" in desc and "Verlauf" not in desc


@pytest.mark.parametrize(
    ("code", "numbers"),
    [
        ("de", ["12,0", "250,5", "1.234,5"]),
        ("en", ["12.0", "250.5", "1,234.5"]),
        ("nl", ["12,0", "250,5", "1.234,5"]),
        ("fr", ["12,0", "250,5", "1\u00a0234,5"]),
    ],
)
def test_table_alternative_holds_the_same_values_in_the_visitors_format(
    client, page, code, numbers
):
    indicator = make_indicator()
    if code != "de":
        translate(indicator, code, name=f"Qualifiziert {code}")
    html = section(html_of(client, PATHS[code]), indicator)
    table = re.search(r"<table>.*?</table>", html, re.S).group(0)
    cells = re.findall(r'<td class="number">(.*?)</td>', table)
    assert cells == numbers
    dates = re.findall(r'<time datetime="([\d-]+)">', table)
    assert dates == [date.isoformat() for date, _p, _v in HISTORY]
    # The latest figure stands above, with its date.
    assert f'<span class="indicator__value">{numbers[-1]}</span>' in html
    assert "<details" in html and "<summary>" in html


def test_period_names_follow_the_language(client, page):
    indicator = make_indicator()
    html = section(html_of(client, PATHS["de"]), indicator)
    assert "1. Quartal 2025" in html and ">2025</time>" in html
    translate(indicator, "en", name="People trained")
    html = section(html_of(client, PATHS["en"]), indicator)
    assert "Q1 2025" in html or "1st quarter 2025" in html
    # French writes the first "1er" (« 1er trimestre »), the others "2e"; Dutch "1e" for all.
    translate(indicator, "fr", name="Personnes formées")
    translate(indicator, "nl", name="Opgeleide personen")
    html = html_of(client, PATHS["fr"])
    assert "1er trimestre 2025" in html and "2e trimestre 2025" in html
    assert "1e trimestre" not in html
    assert "1e kwartaal 2025" in html_of(client, PATHS["nl"])


def read_csv(client, path):
    response = client.get(path + "csv/")
    assert response.status_code == 200
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return response, text[1:]


@pytest.mark.parametrize(
    ("code", "delimiter", "heading", "value"),
    [
        ("de", ";", "Kennzahl", "1234,5"),
        ("en", ",", "Key figure", "1234.5"),
        ("nl", ";", "Kerncijfer", "1234,5"),
        ("fr", ";", "Chiffre clé", "1234,5"),
    ],
)
def test_csv_has_every_value_in_the_visitors_format(client, page, code, delimiter, heading, value):
    make_indicator("Testkennzahl")  # a name the demo's indicators do not have
    make_indicator("Leer", history=[])
    response, text = read_csv(client, PATHS[code])
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    slug = "wirkung" if code == "de" else SLUGS[code]
    assert response["Content-Disposition"] == f'attachment; filename="{slug}.csv"'
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    assert all(len(row) == 6 for row in rows)
    rows = own_rows(rows, "Testkennzahl", "Leer")
    assert rows[0][0] == heading and len(rows[0]) == 6
    assert [row[2] for row in rows[1:]] == ["2025-03-31", "2025-06-30", "2025-12-31"]
    assert rows[-1][4] == value


def test_csv_cannot_run_a_formula(client, page):
    indicator = make_indicator(name='=HYPERLINK("https://evil.example")')
    IndicatorValue.objects.filter(indicator=indicator).update(source_note="+cmd|' /C calc'!A0")
    _response, text = read_csv(client, PATHS["de"])
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    rows = own_rows(rows, """'=HYPERLINK("https://evil.example")""")
    assert rows[1][0].startswith("'=")
    assert rows[1][5].startswith("'+")


def test_empty_history_and_a_single_value_render(client, page):
    empty = make_indicator("Noch nichts", history=[])
    single = make_indicator("Ein Wert", history=[(datetime.date(2026, 1, 31), Period.MONTH, "0")])
    html = html_of(client, PATHS["de"])
    empty_html, single_html = section(html, empty), section(html, single)
    assert "Für diese Kennzahl gibt es noch keine Werte." in empty_html
    assert "<table>" not in empty_html
    assert '<span class="indicator__value">0,0</span>' in single_html
    # No chart of one point or none; the table has the value.
    assert svgs(empty_html) == svgs(single_html) == []
    assert single_html.count("<table>") == 1
    _response, text = read_csv(client, PATHS["de"])
    rows = own_rows(list(csv.reader(io.StringIO(text), delimiter=";")), "Noch nichts", "Ein Wert")
    assert [row[0] for row in rows[1:]] == ["Ein Wert"]


def test_chart_scale_of_zero_and_single_values():
    from results.charts import chart_svg, scale
    from results.figures import Figure, Point

    zero = [Point(datetime.date(2026, 1, 1), Period.DAY, Decimal(0))]
    coordinates, top = scale(zero)
    assert top == 1.0 and coordinates[0][1] > 0
    indicator = Indicator(name="X", unit="", decimals=0, locale=locale())
    figure = Figure(indicator, indicator, zero)
    svg = ET.fromstring(chart_svg(figure))  # noqa: S314 - our own drawing
    assert len(list(svg.iter(f"{SVG}circle"))) == 1 and svg.find(f"{SVG}polyline") is None
    assert chart_svg(Figure(indicator, indicator, [])) == ""
    same_day = zero * 3
    xs = [x for x, _y in scale(same_day)[0]]
    assert len(set(xs)) == 3
    assert [nice_ceiling(v) for v in (0, 0.3, 7, 12, 1234.5, 2400)] == [
        1.0,
        0.5,
        10,
        20,
        2000,
        2500,
    ]


def test_live_figure_follows_the_catalogue_on_the_next_request(client, page):
    before = live_products()
    ProductFactory()
    ProductFactory()
    indicator = make_indicator("Produkte im Test", history=[], live_source=LiveSource.PRODUCTS)
    html = section(html_of(client, PATHS["de"]), indicator)
    assert f'<span class="indicator__value">{before + 2},0</span>' in html
    assert "live aus dem Katalog, Stand:" in html
    assert client.get(PATHS["de"])["X-Cache"] == "hit"
    ProductFactory()
    response = client.get(PATHS["de"])
    assert response["X-Cache"] == "miss"
    html = section(response.content.decode().replace(SOFT_HYPHEN, ""), indicator)
    assert f'<span class="indicator__value">{before + 3},0</span>' in html
    _response, text = read_csv(client, PATHS["de"])
    (row,) = own_rows(list(csv.reader(io.StringIO(text), delimiter=";")), "Produkte im Test")[1:]
    assert row[4] == f"{before + 3},0"


def test_an_editors_new_value_shows_in_every_language_on_the_next_request(client, page):
    indicator = make_indicator()
    translate(indicator, "nl", name="Mensen geschoold", unit="personen")
    for path in (PATHS["de"], PATHS["nl"]):
        client.get(path)
        assert client.get(path)["X-Cache"] == "hit"
    client.get(PATHS["de"] + "csv/")
    # The editor adds this quarter's value and the moderator publishes it.
    indicator.values.add(
        IndicatorValue(date=datetime.date(2026, 3, 31), period=Period.QUARTER, value=Decimal(1300))
    )
    indicator.save_revision().publish()
    for path in (PATHS["nl"], PATHS["de"]):
        html = section(html_of(client, path), indicator)
        assert '<span class="indicator__value">1.300,0</span>' in html
    _response, text = read_csv(client, PATHS["de"])
    assert "2026-03-31" in text
    # The history stays: the earlier values are all still there.
    assert IndicatorValue.objects.filter(indicator=indicator).count() == 4


def test_translation_keeps_no_copy_of_the_values(page):
    indicator = make_indicator()
    copy = translate(indicator, "en", name="People trained")
    assert copy.values.count() == 0 and indicator.values.count() == 3


def test_a_draft_does_not_show_until_it_is_published(client, page):
    indicator = make_indicator()
    indicator.name = "Neuer Name im Entwurf"
    indicator.save_revision()  # saved, not published
    assert "Neuer Name im Entwurf" not in html_of(client, PATHS["de"])


def test_snapshot_keeps_one_value_a_month_and_a_draft_does_not_remove_it(client, page):
    before = live_products()
    ProductFactory()
    indicator = make_indicator("Produkte", history=[], live_source=LiveSource.PRODUCTS)
    indicator.save_revision()  # an editor's draft from before the snapshot
    call_command("snapshot_results", stdout=io.StringIO())
    call_command("snapshot_results", stdout=io.StringIO())
    (value,) = IndicatorValue.objects.filter(indicator=indicator)
    assert (value.value, value.date, value.automatic) == (before + 1, timezone.localdate(), True)
    indicator.refresh_from_db()
    indicator.get_latest_revision().publish()
    assert IndicatorValue.objects.filter(indicator=indicator, automatic=True).count() == 1


def test_queries_do_not_grow_with_indicators_or_values(client, page, uncached_pages):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        client.get(PATHS["nl"])  # warm-up: routes and frame
        with CaptureQueriesContext(connection) as captured:
            assert client.get(PATHS["nl"]).status_code == 200
        return len(captured)

    make_indicator("Eins")
    few = queries()
    for number in range(5):
        history = [
            (datetime.date(2020 + year, 12, 31), Period.YEAR, str(year)) for year in range(8)
        ]
        translate(make_indicator(f"Mehr {number}", history=history), "nl", name=f"Meer {number}")
    assert queries() == few
