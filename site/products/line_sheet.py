"""Line sheets: the label's products as an A4 PDF for shops and buyers, made from the catalogue.

A cover (the label mark, the title, the language, the date of the catalogue data), then each
product: its photo (a rendition, embedded in the PDF), name, designer, one-line story, variants
(option values in the sheet's language), retail price (the sale price where one is set, the
regular one struck through) in the language's format (`core.formats.format_price`, as the
product pages write prices), availability, the passport's short address, and, where the feed
carries them, the wholesale price and the minimum order (the site's extension of the feed,
docs/catalogue-sync.md).

Only live products (active and in the latest feed); texts in the sheet's language, else the
German text, marked `lang="de"` and with a visible "(Deutsch)" in the sheet's language (the
catalogue's rule, docs/languages.md).

Never stale: a sheet is kept in the cache under the content version (`core.content_version`),
which every sync that changed anything and every editor's change of a product replaces, plus
the language and the selection; the next download after a change is made afresh. One sheet holds
at most `LINE_SHEET_MAX_PRODUCTS` products (`TooManyProducts` otherwise). Building one takes a
fixed number of queries whatever the number of products (`products.presentation.product_views`).
"""

import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import caches
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.images.models import SourceImageIOError
from wagtail.models import Locale, Page, Site

from catalogue.models import Product, ShownText
from core import content_version, seo
from core.formats import format_date, format_price
from core.localized import lang_mark
from products import pdf
from products.hang_tags import short_address, story_of
from products.passport import passport_url

STYLESHEET = "css/line-sheet.css"
# The photo as the product cards have it (their 640 × 480 JPEG), so it is usually made already.
PHOTO_SPEC = "fill-640x480|format-jpeg"
TITLE_LENGTH = 120
CACHE_PREFIX = "products:line-sheet"


class TooManyProducts(ValueError):
    def __init__(self, count: int):
        self.count = count
        super().__init__(too_many_message(count))


def max_products() -> int:
    return settings.LINE_SHEET_MAX_PRODUCTS


def too_many_message(count: int) -> str:
    return gettext(
        "Höchstens %(max)s Produkte auf einer Liste; gewählt sind %(count)s. Bitte eine "
        "Designer:in oder weniger Produkte wählen."
    ) % {"max": max_products(), "count": count}


@dataclass
class VariantLine:
    options: list[ShownText]
    price: str  # what it costs now: the sale price where one is set
    regular_price: str  # the regular price where a sale price is set, else ""
    availability: str
    wholesale_price: str = ""
    minimum_order: int | None = None


@dataclass
class Entry:
    title: ShownText
    designer: ShownText
    story: ShownText
    photo: str  # a data: URL of the JPEG, or ""
    variants: list[VariantLine]
    availability: str
    address: str  # the passport's address without "https://"

    @property
    def has_trade_terms(self) -> bool:
        return any(line.wholesale_price or line.minimum_order is not None for line in self.variants)


@dataclass
class Sheet:
    language: str
    entries: list[Entry]
    data_date: str  # when the catalogue data was last synced, as the language writes dates
    designer: ShownText | None = None
    german_label: str = ""
    trade_terms: bool = field(init=False)

    def __post_init__(self):
        self.trade_terms = any(entry.has_trade_terms for entry in self.entries)


def live_selection(designer_ref: str = "", ids=None):
    """The German rows of the live products a sheet shows, A to Z: all, a designer's, or those
    whose rows (any language) have the `ids`."""
    records = Product.objects.live().sources()
    if designer_ref:
        records = records.filter(designer_ref=designer_ref)
    if ids is not None:
        chosen = Product.objects.filter(pk__in=list(ids)).values("translation_key")
        records = records.filter(translation_key__in=chosen)
    return records.order_by("title", "pk")


def _photo(view) -> str:
    item = view.first_image
    if item is None:
        return ""
    try:
        rendition = item.image.get_rendition(PHOTO_SPEC)
        with rendition.file.open("rb") as handle:
            return pdf.data_url(handle.read(), "image/jpeg")
    except (SourceImageIOError, OSError):
        return ""  # a photo missing from the storage: the sheet goes without it


def _designers(refs, locale: Locale) -> dict[str, ShownText]:
    """{catalogue ref: the designer's name} from their live pages, in the sheet's language where
    translated, in two queries; a ref without a page is shown as it is."""
    from catalogue.designers import designer_pages_by_ref

    pages = designer_pages_by_ref(refs)
    translated = {
        page.translation_key: page.title
        for page in Page.objects.live().filter(
            translation_key__in=[page.translation_key for page in pages.values()], locale=locale
        )
    }
    german = lang_mark(settings.LANGUAGE_CODE, locale.language_code)  # the pages found are German
    return {
        ref: ShownText(translated[page.translation_key])
        if page.translation_key in translated
        else ShownText(page.title, german)
        for ref, page in pages.items()
    }


def _variant_line(variant, language: str) -> VariantLine:
    # As the product page: the sale price where one is set, after the regular one struck through.
    on_sale = variant.sale_price is not None
    current = variant.sale_price if on_sale else variant.price
    return VariantLine(
        options=variant.option_labels(language),
        price=format_price(current, variant.currency, language),
        regular_price=format_price(variant.price, variant.currency, language) if on_sale else "",
        availability=str(variant.get_availability_display()),
        wholesale_price=format_price(variant.wholesale_price, variant.currency, language),
        minimum_order=variant.minimum_order,
    )


def entries(records, language: str, site=None) -> list[Entry]:
    """One entry per German product row in `records`, texts in `language`, in the order given."""
    from products.presentation import product_views

    site = site or Site.objects.filter(is_default_site=True).first()
    locale = Locale.objects.get(language_code=language)
    with translation.override(language):
        views = product_views(records, locale)
        designers = _designers({view.record.designer_ref for view in views}, locale)
        result = []
        for view in views:
            record, text = view.record, view.text
            story, story_row = story_of(record, text)
            result.append(
                Entry(
                    title=ShownText(
                        seo.shorten(text.title, TITLE_LENGTH),
                        lang_mark(text.locale.language_code, language),
                    ),
                    designer=designers.get(record.designer_ref, ShownText(record.designer_ref)),
                    story=ShownText(story, lang_mark(story_row.locale.language_code, language)),
                    photo=_photo(view),
                    variants=[_variant_line(variant, language) for variant in view.variants],
                    availability=view.availability_label,
                    address=short_address(passport_url(record, site)),
                )
            )
    return result


def data_date(records, language: str) -> str:
    """When the catalogue data of these products was last synced (else today), as the language
    writes dates."""
    synced = records.aggregate(last=Max("synced_at"))["last"] or timezone.now()
    return format_date(timezone.localdate(synced), language)


def build(language: str, designer_ref: str = "", ids=None, site=None) -> Sheet:
    """The sheet's content; `TooManyProducts` past the bound."""
    records = live_selection(designer_ref, ids)
    count = records.count()
    if count > max_products():
        raise TooManyProducts(count)
    designer = None
    if designer_ref:
        locale = Locale.objects.get(language_code=language)
        with translation.override(language):
            designer = _designers([designer_ref], locale).get(designer_ref)
    with translation.override(language):
        german = gettext("Deutsch")
    return Sheet(
        language=language,
        entries=entries(records, language, site),
        data_date=data_date(records, language),
        designer=designer,
        german_label=german,
    )


def sheet_html(sheet: Sheet) -> str:
    with translation.override(sheet.language):
        return render_to_string(
            "products/line_sheet/sheet.html",
            {"sheet": sheet, "stylesheet": pdf.stylesheet_uri(STYLESHEET)},
        )


def render_pdf(sheet: Sheet) -> bytes:
    return pdf.write_pdf(sheet_html(sheet))


def cache_key(language: str, designer_ref: str = "", ids=None, site=None) -> str:
    """The sheet's key under the current content version: a sync or an editor's change of a
    product replaces the version, so no sheet from before it is found again."""
    selection = f"{language}|{designer_ref}|{sorted(ids) if ids is not None else '*'}"
    selection += f"|{site.pk if site is not None else ''}"
    digest = hashlib.sha256(selection.encode()).hexdigest()[:32]
    return f"{CACHE_PREFIX}:{content_version.current()}:{digest}"


def line_sheet_pdf(language: str, designer_ref: str = "", ids=None, site=None) -> bytes:
    """The PDF of a selection in `language`, from the cache where it was made under the current
    content version, else made and kept (`LINE_SHEET_CACHE_TIMEOUT` seconds; 0 keeps nothing).
    `TooManyProducts` past the bound."""
    cache = caches[settings.LINE_SHEET_CACHE]
    key = cache_key(language, designer_ref, ids, site)
    timeout = settings.LINE_SHEET_CACHE_TIMEOUT
    if timeout:
        kept = cache.get(key)
        if kept is not None:
            return kept
    document = render_pdf(build(language, designer_ref, ids, site))
    if timeout:
        cache.set(key, document, timeout)
    return document
