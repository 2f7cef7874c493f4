"""Dates and prices as each of the site's languages writes them, the same way on every page.

- Dates: the language's `DATE_FORMAT` (English in the British form, see
  `config/formats/en/formats.py`), with the French ordinal for the first of a month ("1er mars
  2027"). Templates use `{{ value|local_date }}` (`core.templatetags.format_tags`).
- Prices: one format per language, for product prices, cards, campaign rents alike: "1.249,00 €"
  (German), "€1,249.00" (English), "€ 1.249,00" (Dutch), "1 249,00 €" (French), the space
  before or after the symbol a no-break one. Templates use `{{ amount|price }}`.
- Machine-readable values (JSON-LD, `<time datetime>`) are never localised: `plain_price`.
- Place names: a city the feed gives in German ("Köln") heads a list of shops in the visitor's
  language ("Cologne", "Keulen") where the language has a name of its own for it
  (`{{ city|place_name }}`); addresses keep the postal form.
"""

from decimal import Decimal

from django.utils import translation
from django.utils.dateformat import format as format_with
from django.utils.formats import get_format, number_format
from django.utils.translation import pgettext_lazy

CURRENCY_SYMBOLS = {"EUR": "€"}
# Where each language puts the currency symbol: before the number (with or without a space) or
# after it with a no-break space.
SYMBOL_FIRST = {"en": "", "nl": "\u00a0"}


def format_price(amount, currency: str = "EUR", language: str | None = None, decimals: int = 2):
    """A price as people of that language write it; "" for no amount."""
    if amount is None or amount == "":
        return ""
    language = language or translation.get_language()
    with translation.override(language):
        number = number_format(Decimal(amount), decimals, use_l10n=True, force_grouping=True)
    symbol = CURRENCY_SYMBOLS.get(currency)
    if symbol is None:  # a currency without a symbol of its own: its code, after the number
        return f"{number}\u00a0{currency}"
    if language in SYMBOL_FIRST:
        return f"{symbol}{SYMBOL_FIRST[language]}{number}"
    return f"{number}\u00a0{symbol}"


def format_price_range(low, high, currency: str = "EUR", language=None, decimals: int = 2):
    """ "49,00 € – 59,00 €": both ends written in full, or one price where they are the same."""
    low_text = format_price(low, currency, language, decimals)
    if high is None or high == low:
        return low_text
    high_text = format_price(high, currency, language, decimals)
    if low is None:
        return high_text
    with translation.override(language or translation.get_language()):
        return translation.gettext("%(low)s – %(high)s") % {"low": low_text, "high": high_text}


def plain_price(amount) -> str:
    """A price for machines (schema.org): "1249.00", no grouping, a point, two decimals."""
    return f"{Decimal(amount):.2f}"


def format_date(value, language: str | None = None, format_name: str = "DATE_FORMAT") -> str:
    """A date as the language writes it: "1. März 2027", "1 March 2027", "1 maart 2027",
    "1er mars 2027"; "" for no date."""
    if not value:
        return ""
    language = language or translation.get_language()
    with translation.override(language):
        pattern = get_format(format_name)
        if language == "fr" and getattr(value, "day", None) == 1 and pattern.startswith("j "):
            pattern = "j\\e\\r" + pattern[1:]  # le premier du mois: « 1er mars »
        return format_with(value, pattern)


def with_colon(label) -> str:
    """ "Label:" as the visitor's language writes it: French puts a no-break space before the colon
    (and before ; ? !), the other three languages none. A label that ends a sentence already
    ("I agree that … my enquiry.") gets none: "enquiry.:" reads as a typo."""
    if str(label).rstrip().endswith((".", ":", "?", "!")):
        return str(label)
    return f"{label}\u00a0:" if translation.get_language() == "fr" else f"{label}:"


# Cities of the region (and the big ones nearby) that English, Dutch or French call by another
# name than German; the feed and editors write them in German. Each name is a message (context
# "place name") so translators see them; a city not listed is the same in every language.
PLACE_NAMES = {
    name: pgettext_lazy("place name", name)
    for name in (
        "Aachen",
        "Köln",
        "Lüttich",
        "Brüssel",
        "Antwerpen",
        "Kelmis",
    )
}


def place_name(city: str, language: str | None = None) -> str:
    """`city` (as the feed writes it, in German) in `language`'s own name for it, if it has one."""
    name = PLACE_NAMES.get((city or "").strip())
    if name is None:
        return city
    with translation.override(language or translation.get_language()):
        return str(name)
