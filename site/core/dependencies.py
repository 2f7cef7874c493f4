"""Which pages a request has read, and how: what a page fragment (`core.fragments`) depends on.

A content edit of one page (`content_version.invalidate_content`) replaces that page's own
version and the versions of its page types; a change of the tree (`content_version.
invalidate_tree`: a page created, retitled, published, unpublished, expired or deleted) replaces
those and its types' tree versions, the page's tree version and its translation key's. A
fragment is kept with the versions of everything its request had read when it was rendered, and
is used only while all of them are unchanged. So an editor's publish of the about page, or of a
new story, leaves a product page's fragments in place, and the home page's teasers of a story
are rendered again after that story's edit or publish.

What counts as read, from the start of a reading request (`RequestMemoMiddleware`) on — the
whole request, not only the fragment (the view may have loaded what the template shows):

- **a page** (`page:<id>`): every page instance made (a `post_init` receiver on every page
  model), every row of a page's own child rows (a `ParentalKey` to a page: tags, gallery items),
  which names its page, and every page a query names by id (`"id" = %s`, `IN (…)`: its
  parameters, so a page looked up and not found, or read with `values()`, counts too);
- **a page type** (`type:<table>`): every query that picks or orders pages of a type by a column
  a content edit can change (`SELECT … FROM designers_storypage WHERE designer_id = …`, a story
  index ordered by its stories' dates, stories found by a tag through their child rows). Which
  pages such a query returns depends on the content of pages it did not return, so the fragment
  depends on every content edit of that type. The search index and revisions count as every
  page type;
- **a page type's tree** (`tree:<table>`): every query that picks, orders or shows pages by a
  structure column (`content_version.STRUCTURE_FIELDS`: live, title, path, locale, …, and
  `first_published_at`, which only a first publish sets) without naming them one by one: a list
  a new, retitled or unpublished page of that type could join, leave or move in. A page's table
  joined to the tables of the types it extends counts as its most specific type (legal pages filtered by `wagtailcore_page.live` are a list of legal pages);
  pages of any type picked by content type count as those types; pages of any type as the tree
  of every page (`tree:wagtailcore_page`, replaced by every change of the tree);
- **a translation key** (`tk:<key>`): a query naming pages by translation key (a page's
  translations, the frame's links in the visitor's language): a translation published or
  unpublished replaces it, though no page of it may have been made;
- **a table** (`table:<name>`): every query on a table of another model shown on pages
  (`row_tables`: snippets, settings, images, documents, vocabulary terms, the catalogue), named
  after FROM or JOIN anywhere in it: a change of any of its rows (`content_version.
  invalidate_rows`) replaces it. A value kept under the structure version reads its tables only
  (`recording(tables_only=True)`); a value of the request memo (`core.i18n.memoised`) counts
  what it read for every recording that uses it;
- **rows of such a table, one by one** (`row:<table>:<key>`, with `rows:<table>`): the queries of
  a `rows_read(model, keys)` block, which name the rows they read by a key that never changes (a
  product page's shops, by the translation key a shop's translations share): a change of one of
  those rows replaces its `row:` (`invalidate_rows(..., rows=...)`, a shop saved, published or
  deleted), a change of rows not known one by one (the sync's bulk writes, links) `rows:`. So
  a shop renamed re-renders the product pages that list it, not every product page;
- **the frame's parts** (`core.frame`, `cached(..., aside=True)`): asked for again wherever they
  are used, so once the template is rendered (`RequestMemoMiddleware.process_template_response`,
  `template_rendering`) they count for the fragment they are used in, not for the request: the
  header's menu ties no later fragment to the menu. Everything else read while the template is
  rendered still counts for every later fragment (a value worked out in one fragment may be
  handed to the next in a variable);
- **a value kept** (`content_version.cached`, `cached(..., reads=True)`, `kept_many`): stored
  with what its computation read, and when read from the cache it adds that to the request's
  reads. A value of titles and addresses only (the frame, the index pages' addresses, product
  cards: `recording(structure_only=True)`) reads its pages by their tree alone
  (`pagetree:<id>`, which a content edit leaves).

A query that names pages (by id, translation key or path) and has no OR or NOT reads those pages,
not a list. Wagtail's walk down the tree to route a request and its sites' root paths count as
no list (`trees_not_read`): the routing memo keeps what they found; a move or a change of a
language's home replaces everything, and a new slug (`content_version.invalidate_addresses`)
the reads of the pages of its branch, whose remembered routes `core.routing` no longer takes.

Over-approximation is safe (a fragment rendered once more); missing a read would show a stale
page, which is why whole-request reads are recorded, and why a request that sees the content
version change while it runs stores no fragment (`content_version._versions_to_keep`). Columns of
a page named in a query's SELECT list only (not where it picks or orders) count when its id is
not selected with them (a `values()` of titles); a page whose id is selected is made, and read as
that page.
"""

import re
import uuid
from bisect import bisect_left
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
    """Page ids, page types (their tables) whose content was read, page types whose tree was
    read (`trees`), and translation keys looked up."""

    pages: set = field(default_factory=set)
    types: set = field(default_factory=set)
    trees: set = field(default_factory=set)
    translations: set = field(default_factory=set)
    # Pages whose title, address or liveness only was read (`recording(structure_only=True)`).
    page_trees: set = field(default_factory=set)
    # Tables of the other models shown on pages (snippets, settings, images, the catalogue)
    # that a query read (`row_tables`).
    tables: set = field(default_factory=set)
    # Rows of such a table read one by one (`rows_read`): (table, key), key None for a list of
    # its rows, `list_by(column)` for a list picked by one of the model's `row_list_flags`.
    rows: set = field(default_factory=set)
    whole_request: bool = False
    structure_only: bool = False
    tables_only: bool = False
    # A value noted where it is used (`note(..., aside=True)`) is worked out in it.
    aside: bool = False
    before_first_query: object = None
    # The request's template is being rendered (`template_rendering`): the frame's parts used
    # from now on count for the fragments they are used in, not for every later one (`note`).
    rendering: bool = False

    def keys(self) -> list[str]:
        """The version keys of what was read (`content_version.READS_PREFIX`)."""
        return (
            [f"page:{pk}" for pk in sorted(self.pages)]
            + [f"type:{table}" for table in sorted(self.types)]
            + [f"tree:{table}" for table in sorted(self.trees)]
            + [f"tk:{key}" for key in sorted(self.translations)]
            + [f"pagetree:{pk}" for pk in sorted(self.page_trees)]
            + [f"table:{table}" for table in sorted(self.tables)]
            + [f"rows:{table}" for table in sorted({table for table, _key in self.rows})]
            + [f"list:{table}" for table in sorted({t for t, key in self.rows if key is None})]
            + [
                f"list:{table}:{key[1]}"
                for table, key in sorted(self.rows, key=str)
                if isinstance(key, tuple)
            ]
            + [
                f"row:{table}:{key}"
                for table, key in sorted(self.rows, key=str)
                if key is not None and not isinstance(key, tuple)
            ]
        )

    # What is kept of a recording with a value (pickled): the sets of what it read.
    KEPT = ("pages", "types", "trees", "translations", "page_trees", "tables", "rows")

    def of_pages(self, pks, translation_keys) -> "Reads":
        """What of these reads concerns these pages alone: of the pages read (content or
        tree), these ids; of the translation keys looked up, these (UUIDs, in any form);
        everything else (types, trees, tables, rows) as read. For values worked out together
        in one query and kept one by one (`content_version.kept_many`'s `reads_of`): each
        depends on its own pages, not on the others the same query named."""
        keys = {key for key in map(_translation_key, translation_keys) if key}
        pks = set(pks)
        return Reads(
            self.pages & pks,
            self.types,
            self.trees,
            self.translations & keys,
            self.page_trees & pks,
            self.tables,
            self.rows,
        )

    def of_rows(self, table: str, keys) -> "Reads":
        """What of these reads concerns these rows of `table` alone (read one by one,
        `rows_read`): of that table's rows, these keys (and the rows not named, `rows:<table>`);
        everything else as read. For values worked out together and kept one by one (a product's
        card, `products.presentation.product_cards`): each depends on its own row, not on the
        others the same queries read."""
        keys = {row_key(key) for key in keys} | {None}
        return Reads(
            self.pages,
            self.types,
            self.trees,
            self.translations,
            self.page_trees,
            self.tables,
            {
                (name, key)
                for name, key in self.rows
                if name != table or key in keys or isinstance(key, tuple)
            },
        )

    def merged(self, other: "Reads") -> "Reads":
        """What this and `other` read."""
        return Reads(*(getattr(self, name) | getattr(other, name) for name in self.KEPT))

    def __getstate__(self):
        return tuple(getattr(self, name) for name in self.KEPT)

    def __setstate__(self, state):
        for name, value in zip(self.KEPT, state, strict=True):
            setattr(self, name, value)
        self.whole_request, self.structure_only, self.before_first_query = False, False, None
        self.tables_only, self.rendering, self.aside = False, False, False


_active: ContextVar[tuple] = ContextVar("dependency_reads", default=())

# Tables whose rows are every page's content: a query on them depends on every page type.
ANY_PAGE_TABLES = ("wagtailsearch_indexentry", "wagtailcore_revision")


def request_reads():
    """What the current reading request has read so far (None outside one)."""
    stack = _active.get()
    return stack[0] if stack and stack[0].whole_request else None


def _note(
    pages=(), types=(), trees=(), translations=(), page_trees=(), tables=(), rows=(), aside=False
):
    if trees and _trees_quiet.get():
        trees = ()
    stack = _active.get()
    if stack and stack[0].rendering and (aside or any(reads.aside for reads in stack)):
        # A value noted where it is used (`note(..., aside=True)`), or worked out for one, while
        # the template is rendered: no later fragment of the request depends on what it read.
        stack = stack[1:]
    if any(reads.tables_only for reads in stack):
        # Read while a value kept under the structure version is worked out: its pages are
        # its structure (a change of which replaces that version); its rows of other tables
        # are read by the recordings around it too.
        for reads in stack:
            reads.tables.update(tables)
            reads.rows.update(rows)
        return
    # Read while a value of titles and addresses is worked out: what the recordings around it
    # depend on through that value is its structure too.
    structure_only = any(reads.structure_only for reads in stack)
    for reads in stack:
        reads.tables.update(tables)
        reads.rows.update(rows)
        if structure_only:
            reads.page_trees.update(pages)
        else:
            reads.pages.update(pages)
            reads.types.update(types)
        reads.page_trees.update(page_trees)
        reads.trees.update(trees)
        reads.translations.update(translations)


def note(reads: Reads, aside: bool = False):
    """Count `reads` as read by every open recording (a value read from a cache).

    `aside=True`, for a value that is asked for again at every use (never handed on in a
    variable: the frame's parts, `core.frame.Frame`): once the request's template is rendered
    (`template_rendering`), not by the request's own recording. A fragment keeps what its request
    had read before it (`request_reads`: the view, or an earlier fragment, may have loaded what it
    shows) and what it read itself; the header's menu, used outside every fragment, then ties no
    fragment to the menu, and the settings used in the `<head>` fragment only that one."""
    _note(
        reads.pages,
        reads.types,
        reads.trees,
        reads.translations,
        reads.page_trees,
        reads.tables,
        reads.rows,
        aside=aside,
    )


def template_rendering() -> None:
    """The reading request's view has returned, its template is rendered next (`note`)."""
    stack = _active.get()
    if stack and stack[0].whole_request:
        stack[0].rendering = True


# Set while Wagtail walks the tree to route a request (`core.routing`): the routing memo keeps
# what the walk found under the structure version, which no page's tree change replaces (see
# `content_version.invalidate_tree`), so the walk's lists of pages are no read of the request's.
_trees_quiet: ContextVar[bool] = ContextVar("dependency_trees_quiet", default=False)


@contextmanager
def trees_not_read():
    """Record no tree read in the block (pages made and content read still count)."""
    token = _trees_quiet.set(True)
    try:
        yield
    finally:
        _trees_quiet.reset(token)


@contextmanager
def recording(whole_request=False, structure_only=False, tables_only=False, aside=False):
    """Record the reads of the block (and count them for the recordings around it). The
    outermost recording watches the queries.

    `structure_only=True`: for a value that shows pages' titles and addresses only, never their
    content (the frame, the index pages' addresses, a product card): the pages it reads count by
    their tree alone (`pagetree:<id>`, which a content edit leaves), their content types not at
    all.

    `tables_only=True`: for a value kept under the structure version (`cached(...,
    structural=True)`), which shows no page's content or title: only the rows of other tables it
    read count (`table:<name>`), for it and for the recordings around it.

    `aside=True`: for a value that is noted where it is used (`note(..., aside=True)`): while
    the request's template is rendered, what working it out reads counts for no later fragment."""
    outer = _active.get()
    reads = Reads(
        whole_request=whole_request and not outer,
        structure_only=structure_only,
        tables_only=tables_only,
        aside=aside,
    )
    token = _active.set((*outer, reads))
    try:
        if outer:
            yield reads
        else:
            with connection.execute_wrapper(_on_query):
                yield reads
    finally:
        _active.reset(token)


def with_reads(compute) -> tuple:
    """(`compute()`, what it read) inside a recording (its reads count for the recordings around
    it too), or (`compute()`, None) where nothing is recorded."""
    if not _active.get():
        return compute(), None
    with recording() as reads:
        value = compute()
    return value, reads


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


@cache
def page_tables() -> frozenset:
    """The tables of page models, of pages' child rows and of pages' links."""
    return frozenset(_tables())


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


@dataclass(frozen=True)
class _Table:
    """What a table of a page model, of a page's child rows or of a page's links stands for."""

    type_table: str  # the page type whose content its rows are
    keys: frozenset  # columns a content edit cannot change (and the structure columns)
    structure: frozenset  # the page's structure columns (`wagtailcore_page` only)
    page_keys: frozenset  # columns that hold a page's id (its own, a parent link, a child's page)
    depth: int  # how specific the page type is: the more tables it extends, the deeper
    is_page: bool  # a page model's own table (not child rows or links)


@cache
def _tables() -> dict[str, _Table]:
    """Table -> what it stands for (`_Table`)."""
    from core.content_version import STRUCTURE_FIELDS

    structure = frozenset(Page._meta.get_field(name).attname for name in STRUCTURE_FIELDS)
    # Set once, by a page's first publish (a change of the tree, which `live` makes): a list of
    # pages "newest first" is a list of the tree, not of their content.
    structure |= {"first_published_at"}
    found = {}
    for model in _page_models():
        links = {f.column for f in model._meta.parents.values() if f is not None}
        own = structure if model is Page else frozenset()
        found[model._meta.db_table] = _Table(
            model._meta.db_table,
            frozenset(structure | links | {"id"}),
            own,
            frozenset(links | {"id"}),
            len(type_tables(model)),
            True,
        )
        for m2m in model._meta.local_many_to_many:
            through = m2m.remote_field.through
            if through is not None and through not in _child_models():
                column = m2m.m2m_column_name()
                found[through._meta.db_table] = _Table(
                    model._meta.db_table,
                    frozenset({"id", column}),
                    frozenset(),
                    frozenset({column}),
                    0,
                    False,
                )
    for model, (attname, page_model) in _child_models().items():
        column = model._meta.get_field(attname.removesuffix("_id")).column
        found[model._meta.db_table] = _Table(
            page_model._meta.db_table,
            frozenset({"id", column, "sort_order"}),
            frozenset(),
            frozenset({column}),
            0,
            False,
        )
    for table in ANY_PAGE_TABLES:
        found[table] = _Table(Page._meta.db_table, frozenset(), frozenset(), frozenset(), 0, False)
    return found


_NAME = r'(?:"(\w+)"|\b([A-Z]\d+))'
_COLUMN = re.compile(_NAME + r'\."(\w+)"')
# A table joined a second time goes by an alias: `INNER JOIN "wagtailcore_page" "T5" ON …`.
_ALIAS = re.compile(r'"(\w+)"(?: AS)? "?([A-Z]\d+)\b')
# Two columns compared: how a page's table is joined to the tables of the types it extends.
_JOIN = re.compile(_NAME + r'\."(\w+)" = ' + _NAME + r'\."(\w+)"')
# A column compared with parameters: `"wagtailcore_page"."id" = %s`, `… IN (%s, %s)`.
_KEYED = re.compile(_NAME + r'\."(\w+)" (?:= %s|IN \(%s(?:, %s)*\))(?!\w)')
_PLACEHOLDER = re.compile(r"(?<!%)%s")
# Every table a query reads follows FROM or JOIN (in its subqueries too).
_TABLE = re.compile(r'\b(?:FROM|JOIN) "(\w+)"')
_OR_NOT = re.compile(r"\bOR\b|\bNOT\b(?! NULL)")
# Columns that name rows one by one: the rows such a query can return are those named (their
# pages are read as pages), not a list that a new or retitled page could join.
_NAMING = ("translation_key", "path")


@dataclass(frozen=True)
class _Query:
    """What a query's SQL says it reads (`_analyse`); the parameters fill in the rest."""

    types: frozenset = frozenset()
    trees: frozenset = frozenset()
    page_params: tuple = ()  # indexes of parameters that are page ids
    translation_params: tuple = ()  # … translation keys
    content_type_params: tuple = ()  # … content types, whose pages' tree is read
    tables: frozenset = frozenset()  # tables of other models shown on pages (`row_tables`)


_NOTHING = _Query()


@lru_cache(maxsize=4096)
def _analyse(sql: str) -> _Query:
    """What a SELECT reads of pages, from its text:

    - `types`: page types picked or ordered by a column a content edit changes (as before);
    - `trees`: page types whose structure columns (`STRUCTURE_FIELDS`) pick, order or are shown
      for rows that are not named one by one: a list a new, retitled or unpublished page of
      that type could join, leave or change places in. A page's table joined to the tables of
      the types it extends counts as its most specific type (a list of legal pages filters
      `wagtailcore_page.live`, yet only a legal page can be in it); pages of any type picked by
      content type count as those types (parameters);
    - pages named by id or translation key (`"id" = %s`, `"translation_key" IN (…)`): read as
      those pages (parameters), and the query's other structure columns on them list nothing.
      A query with OR or NOT names nothing: it may return other rows too.
    """
    tables = _tables()
    start = sql.find(" FROM ")
    if start < 0:
        return _NOTHING
    rows = frozenset(_TABLE.findall(sql, start)) & row_tables()
    aliases = {alias: table for table, alias in _ALIAS.findall(sql, start)}

    def table_of(match, at=0):
        name = match.group(at + 1) or match.group(at + 2)
        return name, tables.get(aliases.get(name, name))

    # Chains: a page's table and the tables of the types it extends, joined by their keys.
    chain = {}

    def root(name):
        while chain.get(name, name) != name:
            name = chain[name]
        return name

    for match in _JOIN.finditer(sql, start):
        left, left_table = table_of(match)
        right, right_table = table_of(match, 3)
        if (
            left_table is not None
            and right_table is not None
            and left_table.is_page
            and right_table.is_page
            and match.group(3) in left_table.page_keys
            and match.group(6) in right_table.page_keys
        ):
            chain[root(left)] = root(right)

    placeholders = [found.start() for found in _PLACEHOLDER.finditer(sql)]

    def params_in(match) -> tuple:
        first = bisect_left(placeholders, match.start())
        last = bisect_left(placeholders, match.end())
        return tuple(range(first, last))

    only_and = _OR_NOT.search(sql, start) is None
    named, page_params, translation_params, content_type_params = set(), [], [], []
    for match in _KEYED.finditer(sql, start):
        name, table = table_of(match)
        if table is None:
            continue
        column = match.group(3)
        if column in table.page_keys:
            page_params.extend(params_in(match))
        elif column == "translation_key" and table.is_page:
            translation_params.extend(params_in(match))
        if only_and and table.is_page and (column in table.page_keys or column in _NAMING):
            named.add(root(name))

    types, listed, shown, identified = set(), set(), set(), set()
    for match in _COLUMN.finditer(sql):
        name, table = table_of(match)
        if table is None:
            continue
        column = match.group(3)
        if match.start() >= start:
            if column not in table.keys:
                types.add(table.type_table)
            elif column in table.structure and table.is_page:
                listed.add(root(name))
        elif table.is_page:
            if column in table.structure:
                shown.add(root(name))
            if column in table.page_keys:
                identified.add(root(name))

    trees = set()
    for group in (listed | (shown - identified)) - named:
        members = [tables.get(aliases.get(n, n)) for n in {group, *chain} if root(n) == group]
        leaf = max((t for t in members if t is not None and t.is_page), key=lambda t: t.depth)
        if leaf.type_table == Page._meta.db_table and only_and:
            filtered = [
                params_in(match)
                for match in _KEYED.finditer(sql, start)
                if match.group(3) == "content_type_id" and root(table_of(match)[0]) == group
            ]
            if filtered:
                content_type_params.extend(index for found in filtered for index in found)
                continue
        trees.add(leaf.type_table)
    return _Query(
        frozenset(types),
        frozenset(trees),
        tuple(page_params),
        tuple(translation_params),
        tuple(content_type_params),
        rows,
    )


def _types_of(sql: str) -> frozenset:
    """The page types a query picks or orders by a column that content edits change."""
    return _analyse(sql).types


@cache
def _page_tables_by_content_type() -> dict:
    from django.contrib.contenttypes.models import ContentType

    models = _page_models()
    return {
        content_type.pk: model._meta.db_table
        for model, content_type in ContentType.objects.get_for_models(*models).items()
    }


def _translation_key(value) -> str | None:
    try:
        return uuid.UUID(str(value)).hex
    except ValueError:
        return None


def _on_query(execute, sql, params, many, context):
    stack = _active.get()
    if stack and stack[0].before_first_query is not None:
        first, stack[0].before_first_query = stack[0].before_first_query, None
        first()
    if isinstance(sql, str) and sql.lstrip()[:6].upper() == "SELECT":
        query = _analyse(sql)
        if query is not _NOTHING:
            _note_query(query, params if not many else None)
    return execute(sql, params, many, context)


def _note_query(query: _Query, params) -> None:
    pages, translations, trees = (), (), query.trees
    if params is not None and not isinstance(params, dict):
        try:
            pages = [params[index] for index in query.page_params]
            translations = [
                key
                for key in (_translation_key(params[index]) for index in query.translation_params)
                if key
            ]
            if query.content_type_params:
                by_type = _page_tables_by_content_type()
                found = [by_type.get(params[index]) for index in query.content_type_params]
                trees = trees | {table or Page._meta.db_table for table in found}
        except (IndexError, TypeError):
            trees = trees | {Page._meta.db_table}
    elif query.content_type_params:
        trees = trees | {Page._meta.db_table}
    if query.types or trees or pages or translations or query.tables:
        _note(
            pages=pages,
            types=query.types,
            trees=trees,
            translations=translations,
            tables=query.tables - _by_rows.get(),
        )


# ----------------------------------------------------------------- rows of other tables

# Tables whose rows the queries of a `rows_read` block read one by one.
_by_rows: ContextVar[frozenset] = ContextVar("dependency_rows", default=frozenset())


# The (table, column) lists picked by a flag column that the current block reads (`rows_read`'s
# `flags`): what the tests check a query that picks by such a column against.
_by_flags: ContextVar[frozenset] = ContextVar("dependency_flags", default=frozenset())


def list_by(column: str) -> tuple:
    """The row key (in `Reads.rows`) of a list picked by one of a model's `row_list_flags`."""
    return ("list-by", column)


@contextmanager
def rows_read(model, keys, flags=()):
    """The block's queries of `model`'s tables read the rows of these keys only (the values of
    the model's `row_read_key`, such as a retailer's translation key, which its translations
    share): a change of one of those rows (saved, deleted, published: `content_version.
    invalidate_rows(..., rows=...)`) replaces what read it (`row:<table>:<key>`), a change of
    another row of the table does not. A change of rows not known one by one (the catalogue
    sync's bulk writes) replaces every reader (`rows:<table>`, read with any row). With no keys,
    a list of rows (`list:<table>`): which rows a query picks, by columns a change of one row
    replaces the lists for (a model's `row_content_fields`: the others). A join that reads only
    keys, which never change, reads no rows: `keys_joined`. `flags`: the columns of the model's
    `row_list_flags` the list picks by (`list:<table>:<column>`, the featured products): a save
    that changes one of them alone replaces the lists that say so, and no other list.

    For a value that shows a few rows of a table that many pages show rows of (a product page's
    shops): a shop renamed re-renders the pages that show it, not every product page."""
    if not set(flags) <= getattr(model, "row_list_flags", frozenset()):
        raise ValueError(f"{model.__name__}.row_list_flags does not name {sorted(flags)}")
    model_tables = frozenset(tables_of(model))
    note_rows(model, keys, flags)
    token = _by_rows.set(_by_rows.get() | model_tables)
    flags_token = _by_flags.set(
        _by_flags.get() | {(table, column) for table in model_tables for column in flags}
    )
    try:
        yield
    finally:
        _by_flags.reset(flags_token)
        _by_rows.reset(token)


def note_rows(model, keys, flags=()) -> None:
    """Count these rows of `model` as read one by one (`rows_read`); no keys: a list of its rows
    (which rows it holds, `list:<table>`), picked by `flags` too (`list:<table>:<column>`)."""
    keys = [row_key(key) for key in keys] or [None]
    keys += [list_by(column) for column in sorted(flags)]
    _note(rows=[(table, key) for table in tables_of(model) for key in keys])


@contextmanager
def looked_up(model):
    """The block's queries of `model`'s tables find one row that the caller then reads as its
    row (`note_rows` with its key) and keep nothing of the lookup itself: a row chosen by its id
    (never reused), a product found by its slug on every request (unique in its language; a new
    slug replaces the row it was read as). Nothing is counted as read in the block."""
    token = _by_rows.set(_by_rows.get() | frozenset(tables_of(model)))
    try:
        yield
    finally:
        _by_rows.reset(token)


@contextmanager
def keys_joined(model):
    """The block's queries join rows of `model` for their `row_read_key`s alone, which never
    change (a product's links with their shops' translation keys): nothing of `model` is counted
    as read, as in `looked_up`. What those rows say (a shop's name, whether it is live) is read
    afterwards by their keys (`rows_read`), so a shop opened, closed or renamed replaces the
    readers of that shop only. A row deleted deletes the rows that joined it (a shop's links:
    `on_delete=CASCADE`), whose own table's readers are replaced."""
    with looked_up(model):
        yield


def row_key(value) -> str:
    """A `row_read_key` value as `row:<table>:<key>` names it: a UUID (a translation key) in its
    one written form, whether it comes as a UUID, with dashes or without (as
    `content_version._row_changed` names a changed row's); anything else as text."""
    try:
        return str(uuid.UUID(str(value)))
    except ValueError:
        return str(value)


@cache
def row_tables() -> frozenset:
    """The tables whose rows are read as rows (`table:<name>`): those of the models shown on
    pages that are no page, no page's child rows or links, and no part of the structure
    (`content_version.row_scoped`): snippets, settings, images, documents, the catalogue."""
    from core.content_version import row_scoped

    return frozenset(
        table
        for model in apps.get_models(include_auto_created=True)
        if row_scoped(model)
        for table in tables_of(model)
    )


def tables_of(model) -> list[str]:
    """The tables a row of `model` is written to: its own and those of the models it extends."""
    return [model._meta.db_table] + [
        parent._meta.db_table for parent in model._meta.get_parent_list()
    ]


_WRITE = re.compile(r'^\s*(?:INSERT INTO|UPDATE|DELETE FROM) "(\w+)"', re.IGNORECASE)


@contextmanager
def writes_recorded():
    """The tables written in the block, as a set filled while it runs (bulk writes, which send
    no signal: the catalogue sync)."""
    written = set()

    def record(execute, sql, params, many, context):
        if isinstance(sql, str):
            found = _WRITE.match(sql)
            if found:
                written.add(found.group(1))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        yield written
