"""Hyphenation on the server: soft hyphens in long words of headings and card titles.

Chromium on Linux ships no hyphenation dictionaries, so `hyphens: auto` does nothing there and a
long German compound in a narrow card either sticks out of the page or is cut between two letters
without a hyphen. `hyphenate()` inserts soft hyphens (U+00AD) with LibreOffice's patterns (pyphen)
into words of `MIN_LETTERS` letters or more; the browser shows a hyphen only where it breaks the
line there, and CSS keeps `hyphens: manual` so that it breaks nowhere else.

Only what is shown goes through it (`{{ title|hyphenate }}` in the templates): `<title>`, meta
tags, JSON-LD, alt texts, form values and the search index keep the plain words.
"""

import io
import itertools
import re
from functools import cache
from pathlib import Path

import pyphen
from django.utils import translation

SOFT_HYPHEN = "\u00ad"
MIN_LETTERS = 8
# The dictionary for each of the site's languages (British English, as config/formats does).
DICTIONARIES = {"de": "de_DE", "en": "en_GB", "nl": "nl_NL", "fr": "fr"}
# At least three letters stay together at either end of a word or a compound's part: "Notiz-buch",
# not "No-tizbuch".
KEEP_TOGETHER = 3

_WORD = re.compile(rf"[^\W\d_]{{{MIN_LETTERS},}}")
_TOKEN = re.compile(r"\S+")
# Addresses are never hyphenated: a soft hyphen in one makes it wrong to copy.
_ADDRESS = re.compile(r"@|://|^www\.|\.[a-z]{2,}/", re.IGNORECASE)
# Markup in already escaped text: tags and character references pass through untouched.
_MARKUP = re.compile(r"(<[^>]*>|&#?\w+;)")


class _Patterns:
    """One level of a LibreOffice hyphenation file, in the shape pyphen's `HyphDict` reads."""

    def __init__(self, encoding: str, lines: list[str]):
        self.encoding, self.text = encoding, "\n".join([encoding, *lines])

    def open(self, mode="rb"):
        return io.BytesIO(self.encoding.encode() + b"\n")

    def read_text(self, encoding=None):
        return self.text


class Hyphenator:
    """LibreOffice's two-level hyphenation, which pyphen alone does not do.

    The German (and French) files hold two sets of patterns, separated by `NEXTLEVEL`: the first
    finds the boundaries of a compound's parts, the second the syllables within each part. pyphen
    reads both as one set, which breaks "Fahrkartenetui" as "Fahrkarte-netui" and "Dreiländereck"
    as "Dreilände-reck"; here each part is hyphenated on its own, as libhyphen does, which gives
    "Fahr-kar-ten-etui" and "Drei-län-der-eck".
    """

    def __init__(self, path):
        raw = Path(path).read_bytes()
        encoding = raw.split(b"\n", 1)[0].decode().strip()
        lines = raw.decode("cp1251" if encoding.lower() == "microsoft-cp1251" else encoding)
        lines = lines.split("\n")[1:]
        if "NEXTLEVEL" in (line.strip() for line in lines):
            cut = [line.strip() for line in lines].index("NEXTLEVEL")
            self.syllables = pyphen.HyphDict(_Patterns(encoding, lines[cut + 1 :]))
            try:
                self.compounds = pyphen.HyphDict(_Patterns(encoding, lines[:cut]))
            except ValueError:  # no patterns in the first level (French): syllables only
                self.compounds = None
        else:
            self.compounds, self.syllables = None, pyphen.HyphDict(Path(path))

    def positions(self, word: str) -> list[int]:
        bounds = [int(p) for p in self.compounds.positions(word)] if self.compounds else []
        edges = [0, *bounds, len(word)]
        found = set(bounds)
        for start, end in itertools.pairwise(edges):
            found.update(
                start + int(p)
                for p in self.syllables.positions(word[start:end])
                if KEEP_TOGETHER <= int(p) <= end - start - KEEP_TOGETHER
            )
        return sorted(p for p in found if KEEP_TOGETHER <= p <= len(word) - KEEP_TOGETHER)

    def inserted(self, word: str, hyphen: str = SOFT_HYPHEN) -> str:
        pieces, last = [], 0
        for position in self.positions(word):
            pieces.append(word[last:position])
            last = position
        pieces.append(word[last:])
        return hyphen.join(pieces)


@cache
def _dictionary(language: str) -> Hyphenator | None:
    name = DICTIONARIES.get((language or "").lower().split("-")[0].split("_")[0])
    if name is None:
        return None
    return Hyphenator(pyphen.LANGUAGES[name])


def _hyphenate_text(text: str, dictionary: Hyphenator) -> str:
    def word(match: re.Match) -> str:
        return dictionary.inserted(match.group())

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
