"""Hyphenation on the server: soft hyphens in long words of headings and card titles.

Chromium on Linux ships no hyphenation dictionaries, so `hyphens: auto` does nothing there and a
long German compound in a narrow card either sticks out of the page or is cut between two letters
without a hyphen. `hyphenate()` inserts soft hyphens (U+00AD) with LibreOffice's patterns (pyphen)
into words of `MIN_LETTERS` letters or more; the browser shows a hyphen only where it breaks the
line there, and CSS keeps `hyphens: manual` so that it breaks nowhere else.

Only what is shown goes through it (`{{ title|hyphenate }}` in the templates): `<title>`, meta
tags, JSON-LD, alt texts, form values and the search index keep the plain words.
"""

import re
from functools import cache

import pyphen
from django.utils import translation

SOFT_HYPHEN = "\u00ad"
MIN_LETTERS = 8
# The dictionary for each of the site's languages (British English, as config/formats does).
DICTIONARIES = {"de": "de_DE", "en": "en_GB", "nl": "nl_NL", "fr": "fr"}
# At least three letters stay together at either end of a word: "Notiz-buch", not "No-tizbuch".
KEEP_TOGETHER = 3

_WORD = re.compile(rf"[^\W\d_]{{{MIN_LETTERS},}}")
_TOKEN = re.compile(r"\S+")
# Addresses are never hyphenated: a soft hyphen in one makes it wrong to copy.
_ADDRESS = re.compile(r"@|://|^www\.|\.[a-z]{2,}/", re.IGNORECASE)
# Markup in already escaped text: tags and character references pass through untouched.
_MARKUP = re.compile(r"(<[^>]*>|&#?\w+;)")


@cache
def _dictionary(language: str) -> pyphen.Pyphen | None:
    name = DICTIONARIES.get((language or "").lower().split("-")[0].split("_")[0])
    if name is None:
        return None
    return pyphen.Pyphen(lang=name, left=KEEP_TOGETHER, right=KEEP_TOGETHER)


def _hyphenate_text(text: str, dictionary: pyphen.Pyphen) -> str:
    def word(match: re.Match) -> str:
        return dictionary.inserted(match.group(), hyphen=SOFT_HYPHEN)

    def token(match: re.Match) -> str:
        value = match.group()
        return value if _ADDRESS.search(value) else _WORD.sub(word, value)

    return _TOKEN.sub(token, text)


def hyphenate(text: str, language: str | None = None, *, markup: bool = False) -> str:
    """`text` with soft hyphens in its long words, by the rules of `language` (default: active).

    With `markup=True` the text is HTML (already escaped): only the text between tags and
    character references is touched. A language without a dictionary leaves the text as it is.
    """
    if not text:
        return text
    dictionary = _dictionary(language or translation.get_language() or "")
    if dictionary is None:
        return text
    if not markup:
        return _hyphenate_text(text, dictionary)
    return "".join(
        part if index % 2 else _hyphenate_text(part, dictionary)
        for index, part in enumerate(_MARKUP.split(text))
    )


def without_soft_hyphens(text: str) -> str:
    return text.replace(SOFT_HYPHEN, "")
