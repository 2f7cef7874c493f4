"""The words for the feed's codes: a partner's kind (`sewing`), a product's category (`mug`).

The feed names kinds and categories with codes. Visitors read them in their language from the
editable vocabulary (`CatalogueTerm`, a translatable snippet under Katalog → Katalog-Begriffe):
the label of the visitor's language, else the German label (marked `lang="de"` by the
templates), else, for a code nobody has entered yet, the code made readable ("Laser cutting"
from `laser_cutting`) - never the raw code. Such codes are reported to the catalogue managers:
as a warning in the sync's run log and as a list on their dashboard (`unknown_codes`).

The vocabulary of a language is read once per request (the request memo) and kept in the page
frame's cache (`core.frame`) until a term is saved or deleted, so a page with many product cards
costs no query for it.
"""

import re
from dataclasses import dataclass
from operator import itemgetter

from django.conf import settings
from django.db.models import Count
from django.utils import translation

from catalogue.models import CatalogueTerm, ShownText
from core.localized import in_language_else_german, lang_mark

PARTNER_KIND = CatalogueTerm.Kind.PARTNER_KIND.value
CATEGORY = CatalogueTerm.Kind.CATEGORY.value
SEPARATORS = re.compile(r"[\s_\-]+")


@dataclass(frozen=True)
class Label(ShownText):
    """A code's label as one visitor reads it (`lang`: where it is not the visitor's language)."""

    known: bool = True  # False: nobody has entered the code yet; `text` is the code, readable


def normalise(code: str) -> str:
    """The form codes are compared in: `Laser cutting`, `laser_cutting` and `laser-cutting`
    are one code."""
    return SEPARATORS.sub("_", code.strip()).casefold()


def readable(code: str) -> str:
    """A code as words, for a code the vocabulary does not know yet: "Laser cutting"."""
    words = SEPARATORS.sub(" ", code).strip()
    return words[:1].upper() + words[1:]


def _build(language: str) -> dict[str, dict[str, list[str]]]:
    """{kind: {code: [label, language of the label]}}: the language's labels, German where the
    language has none. Plain data, so that it caches well."""
    rows = CatalogueTerm.objects.filter(
        locale__language_code__in={language, settings.LANGUAGE_CODE}
    ).values_list("kind", "code", "label", "locale__language_code")
    shown = in_language_else_german(
        rows, language, key=lambda row: (row[0], normalise(row[1])), language_of=itemgetter(3)
    )
    found: dict[str, dict[str, list[str]]] = {}
    for (kind, key), (_kind, _code, label, code_language) in shown.items():
        found.setdefault(kind, {})[key] = [label, code_language]
    return found


def labels(language: str | None = None) -> dict[str, dict[str, list[str]]]:
    """The vocabulary of `language` (the active one): once per request, cached like the frame."""
    from core import frame
    from core.i18n import memoised

    language = language or translation.get_language() or settings.LANGUAGE_CODE

    # Kept with the structure and the terms' table (`content_version.cached`): a term saved in
    # the admin or by a sync replaces it.
    return memoised(
        ("catalogue_vocabulary", language),
        lambda: frame.cached(f"vocabulary:{language}", _build, language, structural=True),
    )


def label(kind: str, code: str, language: str | None = None) -> Label:
    """The label of `code` for a visitor of `language` (the active one)."""
    if not code or not code.strip():
        return Label("")
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    entry = labels(language).get(kind, {}).get(normalise(code))
    if entry is None:
        return Label(readable(code), known=False)
    text, text_language = entry
    return Label(text, lang_mark(text_language, language))


def known_codes() -> dict[str, set[str]]:
    """{kind: normalised codes that have a term in any language} (one query)."""
    known: dict[str, set[str]] = {PARTNER_KIND: set(), CATEGORY: set()}
    for kind, code in CatalogueTerm.objects.values_list("kind", "code").distinct():
        known.setdefault(kind, set()).add(normalise(code))
    return known


@dataclass(frozen=True)
class UnknownCode:
    kind: str
    code: str
    count: int  # how many live products (categories) or listed partners (kinds) use it

    @property
    def kind_label(self) -> str:
        return str(CatalogueTerm.Kind(self.kind).label)

    @property
    def shown_as(self) -> str:
        return readable(self.code)


def unknown_codes() -> list[UnknownCode]:
    """Codes that live products and listed partners use and the vocabulary lacks (3 queries)."""
    from catalogue.models import Product, ProductionPartner

    known = known_codes()
    used = [
        (CATEGORY, row["product_type"], row["count"])
        for row in Product.objects.live()
        .sources()
        .exclude(product_type="")
        .values("product_type")
        .annotate(count=Count("pk"))
    ]
    used += [
        (PARTNER_KIND, row["kind"], row["count"])
        for row in ProductionPartner.objects.sources()
        .filter(in_feed=True)
        .exclude(kind="")
        .values("kind")
        .annotate(count=Count("pk"))
    ]
    return sorted(
        (
            UnknownCode(kind, code, count)
            for kind, code, count in used
            if normalise(code) not in known.get(kind, set())
        ),
        key=lambda item: (item.kind, normalise(item.code)),
    )
