"""Hang tags: an A4 sheet of printed tags for catalogue products, made on the server.

Each tag carries the product's name, the label mark ("Made in Aachen-Nord", set in type, no
picture file), a one-line story and the QR code of the product's passport address
(`products.passport`) with that address printed below it. The texts are the product's row in the
chosen language, else its German row (the fallback the product pages use, `core.localized`); the
story is the editors' teaser, else the first sentence of the catalogue's description.

The sheet is HTML and print CSS (`templates/products/hang_tags/sheet.html`,
`static/css/hang-tags.css`) drawn by WeasyPrint (`products.pdf`, which fetches nothing but
`data:` URLs and the project's own static files: a text from the catalogue can never make the
server read another host or a local file).
"""

import math
import re
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import translation
from wagtail.models import Locale

from catalogue.models import Product
from core import seo
from core.localized import lang_mark, localized_records
from products import pdf
from products.passport import passport_url, qr_svg

# The sheet: A4 (210 × 297 mm), three columns of three tags of 60 × 85 mm with 6 mm between them
# for the cut, centred; the cut marks sit in the gaps and margins, never on a tag.
PAGE_WIDTH, PAGE_HEIGHT = 210, 297
TAG_WIDTH, TAG_HEIGHT = 60, 85
GAP = 6
COLUMNS, ROWS = 3, 3
TAGS_PER_PAGE = COLUMNS * ROWS
MARK_LENGTH, MARK_OFFSET = 4, 1  # mm: a cut mark's length and its distance from the tag's corner
LEFT = (PAGE_WIDTH - COLUMNS * TAG_WIDTH - (COLUMNS - 1) * GAP) / 2
TOP = (PAGE_HEIGHT - ROWS * TAG_HEIGHT - (ROWS - 1) * GAP) / 2

# What a manager may ask for in one sheet.
DEFAULT_TAGS_PER_PRODUCT = 4
MAX_TAGS_PER_PRODUCT = 40
MAX_PRODUCTS = 200

# Longest texts on a tag (characters), cut at a word with an ellipsis: the name and the story in at
# most three lines each at their type sizes on a 52 mm wide line.
TITLE_LENGTH = 70
STORY_LENGTH = 100

STYLESHEET = "css/hang-tags.css"

# The end of a description's first sentence: a full stop, question or exclamation mark followed
# by a space and a capital or a digit, at least this far in ("z. B. …" is no sentence).
_SENTENCE_END = re.compile(r"[.!?…](?=\s+[\"„“«»(]?[0-9A-ZÄÖÜÀ-ÝŒ])")
SHORTEST_SENTENCE = 20


def first_sentence(text: str) -> str:
    for match in _SENTENCE_END.finditer(text):
        if match.end() >= SHORTEST_SENTENCE:
            return text[: match.end()]
    return text


def one_line_story(product: Product) -> str:
    """The product's teaser, else the first sentence of its description, as plain text cut at a
    word near `STORY_LENGTH` characters with an ellipsis."""
    text = seo.plain_text(product.teaser) or first_sentence(seo.plain_text(product.description))
    return seo.shorten(text, STORY_LENGTH)


def short_address(url: str) -> str:
    """The passport URL as printed under the code: without "https://"."""
    return url.split("://", 1)[-1]


@dataclass
class Tag:
    title: str
    story: str
    url: str  # the passport URL the QR code holds
    qr: str  # the QR code as a data: URL of its SVG (vector in the PDF)
    title_lang: str = ""  # the text's language where it is not the sheet's (German fallback)
    story_lang: str = ""

    @property
    def address(self) -> str:
        return short_address(self.url)


def story_of(record: Product, text: Product) -> tuple[str, Product]:
    """(the one-line story, the row it comes from): `text`'s (the row in the sheet's language, or
    the German one), else, for a translated row without a story of its own, the German `record`'s.
    Shared with the line sheets (`products.line_sheet`)."""
    story = one_line_story(text)
    if not story and text.pk != record.pk:
        return one_line_story(record), record
    return story, text


def tag_for(record: Product, text: Product, site, language: str) -> Tag:
    """The tag of a product: `record` its German row, `text` the row in the sheet's language
    (or the German one)."""
    story, story_row = story_of(record, text)
    url = passport_url(record, site)
    svg = qr_svg(url, title=url)
    return Tag(
        title=seo.shorten(text.title, TITLE_LENGTH),
        story=story,
        url=url,
        qr=pdf.data_url(svg.encode(), "image/svg+xml"),
        title_lang=lang_mark(text.locale.language_code, language),
        story_lang=lang_mark(story_row.locale.language_code, language),
    )


def tags_for(records, language: str, site) -> list[Tag]:
    """One tag per German product row in `records`, in the order given, texts in `language`."""
    records = list(records)
    texts = localized_records(Product, records, Locale.objects.get(language_code=language))
    return [tag_for(record, texts[record.translation_key], site, language) for record in records]


def page_count(tags: int) -> int:
    return math.ceil(tags / TAGS_PER_PAGE)


def _positions():
    """(left, top) in mm of each place on a sheet, row by row."""
    return [
        (LEFT + column * (TAG_WIDTH + GAP), TOP + row * (TAG_HEIGHT + GAP))
        for row in range(ROWS)
        for column in range(COLUMNS)
    ]


def cut_marks() -> list[tuple[float, float, float, float]]:
    """Lines (x1, y1, x2, y2 in mm) that extend each tag's edges into the gaps and margins: two
    at each corner, pointing away from the tag. Neighbours' marks fall on each other."""
    lines = set()
    near, far = MARK_OFFSET, MARK_OFFSET + MARK_LENGTH
    for left, top in _positions():
        right, bottom = left + TAG_WIDTH, top + TAG_HEIGHT
        for x, outward_x in ((left, -1), (right, 1)):
            for y, outward_y in ((top, -1), (bottom, 1)):
                lines.add((x + outward_x * near, y, x + outward_x * far, y))
                lines.add((x, y + outward_y * near, x, y + outward_y * far))
    return sorted(lines)


def sheets(tags: list[Tag], per_product: int) -> list[list[tuple[float, float, Tag]]]:
    """Pages of (left, top, tag): each product's tags one after another, nine to a page."""
    places = _positions()
    every = [tag for tag in tags for _copy in range(per_product)]
    return [
        [(left, top, tag) for (left, top), tag in zip(places, every[start:], strict=False)]
        for start in range(0, len(every), TAGS_PER_PAGE)
    ]


def sheet_html(tags: list[Tag], per_product: int, language: str) -> str:
    with translation.override(language):
        return render_to_string(
            "products/hang_tags/sheet.html",
            {
                "language": language,
                "pages": sheets(tags, per_product),
                "marks": cut_marks(),
                "stylesheet": pdf.stylesheet_uri(STYLESHEET),
                "page_width": PAGE_WIDTH,
                "page_height": PAGE_HEIGHT,
            },
        )


def render_pdf(tags: list[Tag], per_product: int, language: str) -> bytes:
    """The PDF of `per_product` tags for each of `tags`, texts in `language`."""
    return pdf.write_pdf(sheet_html(tags, per_product, language))
