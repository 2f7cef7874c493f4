"""Which pages' content a request has read: what a page fragment (`core.fragments`) depends on.

A content edit of one page (`content_version.invalidate_content`) replaces that page's own
version and the versions of its page types; a fragment is kept with the versions of everything
its request had read when it was rendered, and is used only while all of them are unchanged. So
an editor's publish of the about page leaves a product page's fragments in place, and the home
page's teasers of a story are rendered again after that story's edit.

What counts as read, from the start of a reading request (`RequestMemoMiddleware`) on — the
whole request, not only the fragment (the view may have loaded what the template shows):

- **a page**: every page instance made (a `post_init` receiver on every page model), and every
  row of a page's own child rows (a `ParentalKey` to a page: tags, gallery items), which names
  its page;
- **a page type**: every query that picks or orders pages of a type by a column a content edit
  can change (`SELECT … FROM designers_storypage WHERE designer_id = …`, a story index ordered
  by its stories' dates, stories found by a tag through their child rows). Which pages such a
  query returns depends on the content of pages it did not return, so the fragment depends on
  every content edit of that type. Columns a content edit cannot change are the structure
  columns (`content_version.STRUCTURE_FIELDS`, whose change replaces everything) and the keys
  that tie a row to one page. The search index and revisions count as every page type.
- **a value kept under the content version** (`content_version.cached`): stored with what its
  computation read, and when read from the cache it adds that to the request's reads.

Over-approximation is safe (a fragment rendered once more); missing a read would show a stale
page, which is why whole-request reads and types are recorded, and why a request that sees the
content version change while it runs stores no fragment (`content_version.store_with_reads`).
"""

import re
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache, lru_cache

from django.apps import apps
from django.db import connection
from django.db.models.signals import post_init
from modelcluster.fields import ParentalKey
from wagtail.models import Page


@dataclass
class Reads:
    """Page ids and page types (their tables) read."""

    pages: set = field(default_factory=set)
    types: set = field(default_factory=set)
    whole_request: bool = False
    before_first_query: object = None

    def keys(self) -> list[str]:
        """The version keys of what was read (`content_version.READS_PREFIX`)."""
        return [f"page:{pk}" for pk in sorted(self.pages)] + [
            f"type:{table}" for table in sorted(self.types)
        ]

    def __getstate__(self):
        return (self.pages, self.types)

    def __setstate__(self, state):
        self.pages, self.types = state
        self.whole_request, self.before_first_query = False, None


_active: ContextVar[tuple] = ContextVar("dependency_reads", default=())

# Tables whose rows are every page's content: a query on them depends on every page type.
ANY_PAGE_TABLES = ("wagtailsearch_indexentry", "wagtailcore_revision")


def request_reads():
    """What the current reading request has read so far (None outside one)."""
    stack = _active.get()
    return stack[0] if stack and stack[0].whole_request else None


def _note(pages=(), types=()):
    for reads in _active.get():
        reads.pages.update(pages)
        reads.types.update(types)


def note(reads: Reads):
    """Count `reads` as read by every open recording (a value read from a cache)."""
    _note(reads.pages, reads.types)


@contextmanager
def recording(whole_request=False):
    """Record the reads of the block (and count them for the recordings around it). The
    outermost recording watches the queries."""
    outer = _active.get()
    reads = Reads(whole_request=whole_request and not outer)
    token = _active.set((*outer, reads))
    try:
        if outer:
            yield reads
        else:
            with connection.execute_wrapper(_on_query):
                yield reads
    finally:
        _active.reset(token)


@contextmanager
def ignoring():
    """Record nothing in the block: a value kept under the structure version, which by its
    contract shows no page's content (the frame's menus read pages for their titles and
    addresses only; a structural change renders every fragment again anyway)."""
    token = _active.set(())
    try:
        yield
    finally:
        _active.reset(token)


@contextmanager
def request_recording(before_first_query=None):
    """Record what a reading request reads (`core.middleware.RequestMemoMiddleware`), and call
    `before_first_query()` before its first query (if it makes one: a static file makes none)."""
    with recording(whole_request=True) as reads:
        reads.before_first_query = before_first_query
        yield reads


# ----------------------------------------------------------------- pages made


def _page_made(sender, instance, **kwargs):
    if _active.get() and instance.pk is not None:
        _note(pages=(instance.pk,))


def _child_made(sender, instance, **kwargs):
    if _active.get():
        pk = getattr(instance, _child_models()[sender][0])
        if pk is not None:
            _note(pages=(pk,))


def _page_models():
    return [model for model in apps.get_models() if issubclass(model, Page)]


@cache
def _child_models() -> dict:
    """Models with a ParentalKey to a page: model -> (the key's attname, the page model)."""
    found = {}
    for model in apps.get_models():
        for key in model._meta.concrete_fields:
            if (
                isinstance(key, ParentalKey)
                and isinstance(key.related_model, type)
                and issubclass(key.related_model, Page)
            ):
                found[model] = (key.attname, key.related_model)
                break
    return found


def child_key(model) -> tuple:
    """(the ParentalKey's attname, the page model) of a page's child row model."""
    return _child_models()[model]


def connect_signals():
    for model in _page_models():
        post_init.connect(_page_made, sender=model, dispatch_uid=f"reads-page-{model._meta.label}")
    for model in _child_models():
        post_init.connect(
            _child_made, sender=model, dispatch_uid=f"reads-child-{model._meta.label}"
        )


# ----------------------------------------------------------------- queries


def type_tables(model) -> list[str]:
    """The tables of a page model and of the page models it extends: a content edit of a page of
    `model` changes what a query on any of them may pick."""
    return [
        base._meta.db_table
        for base in model.__mro__
        if isinstance(base, type)
        and issubclass(base, Page)
        and not base._meta.abstract
        and not base._meta.proxy
    ]


@cache
def _tables() -> dict:
    """Table -> (the page type table it stands for, the columns a content edit cannot change)."""
    from core.content_version import STRUCTURE_FIELDS

    structure = {Page._meta.get_field(name).attname for name in STRUCTURE_FIELDS}
    found = {}
    for model in _page_models():
        keys = {"id"} | {f.column for f in model._meta.parents.values() if f is not None}
        found[model._meta.db_table] = (model._meta.db_table, structure | keys)
        for m2m in model._meta.local_many_to_many:
            through = m2m.remote_field.through
            if through is not None and through not in _child_models():
                found[through._meta.db_table] = (
                    model._meta.db_table,
                    {"id", m2m.m2m_column_name()},
                )
    for model, (attname, page_model) in _child_models().items():
        column = model._meta.get_field(attname.removesuffix("_id")).column
        found[model._meta.db_table] = (page_model._meta.db_table, {"id", column, "sort_order"})
    for table in ANY_PAGE_TABLES:
        found[table] = (Page._meta.db_table, set())
    return found


_COLUMN = re.compile(r'(?:"(\w+)"|\b([A-Z]\d+))\."(\w+)"')
# A table joined a second time goes by an alias: `INNER JOIN "wagtailcore_page" "T5" ON …`.
_ALIAS = re.compile(r'"(\w+)"(?: AS)? "?([A-Z]\d+)\b')


@lru_cache(maxsize=4096)
def _types_of(sql: str) -> frozenset:
    """The page types a query picks or orders by a column that content edits change."""
    tables = _tables()
    start = sql.find(" FROM ")
    if start < 0:
        return frozenset()
    aliases = {alias: table for table, alias in _ALIAS.findall(sql, start)}
    types = set()
    for quoted, alias, column in _COLUMN.findall(sql, start):
        name = quoted or alias
        known = tables.get(aliases.get(name, name))
        if known is not None and column not in known[1]:
            types.add(known[0])
    return frozenset(types)


def _on_query(execute, sql, params, many, context):
    stack = _active.get()
    if stack and stack[0].before_first_query is not None:
        first, stack[0].before_first_query = stack[0].before_first_query, None
        first()
    if isinstance(sql, str) and sql.lstrip()[:6].upper() == "SELECT":
        types = _types_of(sql)
        if types:
            _note(types=types)
    return execute(sql, params, many, context)
