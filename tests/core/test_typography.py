"""Soft hyphens in long words of headings, card titles and product facts (core/typography.py).

Chromium on Linux has no hyphenation dictionaries: the server hyphenates, and only what a visitor
reads. The page's `<title>`, meta tags, JSON-LD, alt texts and the search keep the plain words.
The browser side (no line ends inside a word without a hyphen, at four widths) is checked in
tests/browser/test_layout_checks.py.
"""

import re

import pytest
from django.template import engines
from django.utils import translation
from django.utils.safestring import mark_safe

from core.typography import SOFT_HYPHEN, hyphenate

SHY = SOFT_HYPHEN
PRODUCT = "/de/produkte/depot-bag-made-from-tram-seat-fabric/"


def render(template: str, language: str = "de", **context) -> str:
    with translation.override(language):
        return (
            engines["django"].from_string("{% load typography_tags %}" + template).render(context)
        )


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("de", "Straßenbahnsitzstoff", f"Stra{SHY}ßen{SHY}bahn{SHY}sitz{SHY}stoff"),
        ("de", "Werkstattschürze", f"Werk{SHY}statt{SHY}schürze"),
        # A compound is split into its parts first, then each part into syllables (LibreOffice's
        # two levels): not "Fahrkarte-netui" or "Dreilände-reck".
        ("de", "Fahrkartenetui", f"Fahr{SHY}kar{SHY}ten{SHY}etui"),
        ("de", "Dreiländereck", f"Drei{SHY}län{SHY}der{SHY}eck"),
        ("en", "Tote bag of leather", "Tote bag of leather"),  # eight letters at least
        (
            "en",
            "Depot bag made from tram seat upholstery",
            f"Depot bag made from tram seat uphol{SHY}stery",
        ),
        ("nl", "Depot-tas van trambekleding", f"Depot-tas van tram{SHY}be{SHY}kle{SHY}ding"),
        ("fr", "Tabouret Talstraße", f"Tabou{SHY}ret Tal{SHY}straße"),
    ],
)
def test_long_words_get_soft_hyphens_by_their_language(language, text, expected):
    assert hyphenate(text, language) == expected


def test_the_active_language_is_the_default_and_unknown_languages_are_left_alone():
    with translation.override("de"):
        assert hyphenate("Notizbuch") == f"Notiz{SHY}buch"
    assert hyphenate("Notizbuch", "tlh") == "Notizbuch"


def test_addresses_are_not_hyphenated():
    text = "werkstatt@aachen-nord.example https://werkstattschuerze.example/ www.werkstattladen.de"
    assert hyphenate(text, "de") == text


def test_filter_escapes_plain_text_and_keeps_markup_of_safe_text():
    assert render("{{ t|hyphenate }}", t="<Notizbuch> & Co") == f"&lt;Notiz{SHY}buch&gt; &amp; Co"
    html = mark_safe(
        '<a href="/werkstattschuerze/" title="Werkstattschürze">Werkstattschürze &amp; Co</a>'
    )
    assert render("{{ t|hyphenate }}", t=html) == (
        f'<a href="/werkstattschuerze/" title="Werkstattschürze">Werk{SHY}statt{SHY}schürze &amp; Co</a>'
    )
    # The text's own language where it differs from the page's (a German fallback on /fr/).
    assert render("{{ t|hyphenate:'de' }}", "fr", t="Straßenbahnsitzstoff").count(SHY) == 4


def shown_soft_hyphens(html: str) -> list[str]:
    """The places in the head, attributes, JSON-LD and form values that hold a soft hyphen."""
    places = []
    head = html.split("</head>", 1)[0]
    if SHY in head or "&shy;" in head:
        places.append("head (title, meta, JSON-LD)")
    for script in re.findall(r"<script[^>]*>(.*?)</script>", html, flags=re.S):
        if SHY in script:
            places.append("script")
    for tag in re.findall(r"<[^>]+>", html):
        if SHY in tag or "&shy;" in tag:
            places.append(tag)
    return places


@pytest.mark.parametrize(
    "path",
    [
        PRODUCT,
        "/fr/produits/depot-bag-made-from-tram-seat-fabric/",
        "/de/produkte/",
        "/de/designerinnen/lena-hoffmann/",
        "/de/geschichten/vom-sitz-zur-tasche/",
        "/de/kampagnen/kreativstandort-aachen-nord/",
    ],
)
def test_soft_hyphens_only_in_the_text_a_visitor_reads(client, demo, path):
    html = client.get(path).content.decode()
    assert SHY in html.split("<main", 1)[1]  # the headings are hyphenated
    assert shown_soft_hyphens(html) == []


def test_product_heading_and_material_are_hyphenated_in_their_language(client, demo):
    html = client.get(PRODUCT).content.decode()
    assert f"<h1>Depot-Tasche aus Stra{SHY}ßen{SHY}bahn{SHY}sitz{SHY}stoff</h1>" in html
    assert "<title>Depot-Tasche aus Straßenbahnsitzstoff" in html
    material = re.search(r"<dt>Material</dt><dd[^>]*>([^<]*)</dd>", html).group(1)
    assert SHY in material


def test_search_finds_the_word_as_typed_and_its_form_keeps_it(client, demo):
    html = client.get("/de/suche/", {"q": "Straßenbahnsitzstoff"}).content.decode()
    assert "/de/produkte/depot-bag-made-from-tram-seat-fabric/" in html
    assert 'value="Straßenbahnsitzstoff"' in html
    assert shown_soft_hyphens(html) == []
