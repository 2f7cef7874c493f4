"""Rows kept once per language, read in the visitor's language.

Terms, catalogue products and partners, the catalogue's vocabulary, legal pages: a visitor reads
the row of their language, else the German one, and a German text on a page in another language
is marked `lang="de"`. The rule is written here once.
"""

from contextlib import nullcontext
from operator import attrgetter

from django import forms
from django.conf import settings
from django.utils import translation
from wagtail.models import DraftStateMixin, Locale

from core import dependencies


def in_language_else_german(
    rows,
    language: str | None = None,
    *,
    key=attrgetter("translation_key"),
    language_of=attrgetter("locale.language_code"),
) -> dict:
    """{key: the row in `language` (the visitor's), else the German row} from `rows` in any
    languages; rows in other languages are passed over, a key with neither is missing.

    `key` says which rows are versions of one thing (their `translation_key`), `language_of` a
    row's language (its Locale's: load `locale` with the rows)."""
    language = language or translation.get_language()
    found = {}
    for row in rows:
        code, name = language_of(row), key(row)
        if code == language or (code == settings.LANGUAGE_CODE and name not in found):
            found[name] = row
    return found


def localized_records(model, records, locale: Locale | None = None) -> dict:
    """{translation_key: the row in `locale` (the visitor's), else the German record itself}
    for German `records` (the rows that carry the facts, such as catalogue products): one query,
    none where the visitor reads German. A translation still in draft (snippets that keep
    drafts) is not shown: the German record stands in."""
    records = list(records)
    found = {record.translation_key: record for record in records}
    if not records:
        return found
    locale = locale or Locale.get_active()
    # A model read row by row by its translation key (`row_read_key`: products, shops): what
    # shows these rows depends on these rows and their translations only, whether they were
    # read here or by the caller (`dependencies.rows_read`).
    by_rows = getattr(model, "row_read_key", None) == "translation_key"
    with dependencies.rows_read(model, list(found)) if by_rows else nullcontext():
        if locale.language_code == settings.LANGUAGE_CODE:
            return found
        # Unordered: found by key, not listed (a shop's default order is its name, which a
        # rename changes without changing what this reads).
        rows = model.objects.filter(translation_key__in=list(found), locale=locale).order_by()
        if issubclass(model, DraftStateMixin):
            rows = rows.filter(live=True)
        for row in rows.select_related("locale"):
            found[row.translation_key] = row
    return found


def lang_mark(shown: str, language: str | None = None) -> str:
    """The `lang` a text in language `shown` is marked with for a visitor of `language` (the
    active one): "" where they are the same, else `shown` (`lang="de"` for German standing in)."""
    return "" if shown == (language or translation.get_language()) else shown


class MarkedSelect(forms.Select):
    """A `<select>` whose options say their language where it is not the page's: an option
    labelled with a German name standing in on a French page gets `lang="de"`, as the same name
    does in the page's text. `languages` maps an option's value to its `lang_mark`."""

    def __init__(self, *args, languages: dict[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.languages = languages or {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if lang := self.languages.get(str(value)):
            option["attrs"]["lang"] = lang
        return option
