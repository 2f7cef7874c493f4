"""The content version: one value that every change a visitor could see replaces.

Whatever the site keeps worked out from the database is kept under it, so that a change is
never served stale: the page frame (`core.frame`), the routing memo (`core.routing`), the home
page's social image (`core.seo`), the catalogue's vocabularies and whole pages (`core.pagecache`,
which stores each page with the version it was rendered under). One set of signal handlers
replaces it, for one list of what counts as content (`core.registry`):

- any page saved, published, unpublished, moved or deleted, in any language and of any type
  (a translation synced by wagtail-localize is saved and published like any page) — except a
  draft: saving a draft of a live page (`Page.save_revision` writes only the bookkeeping columns
  of `PAGE_DRAFT_BOOKKEEPING`; the live row keeps its content), and creating, saving or deleting
  a page that no visitor can reach before or after (not live, never was since, no pages below
  it, no language's home: `_unseen`), such as a new page before its first publish or a
  translation waiting for review. They change nothing visitors are served, so the pages kept
  here and at the edge stay;
- a row of a model shown on pages saved or deleted, or its many-to-many links changed:
  navigation, footer and site settings and their links, retailers, stockist links, products,
  their variants, images and partners, taxonomies, form fields, images, documents, Locales,
  Sites, view restrictions (the apps that say `shown_on_pages`, minus their
  `not_shown_on_pages`);
- a snippet with draft state published or unpublished. Saving its draft, submitting it for review
  or locking it writes only bookkeeping columns (`DRAFT_BOOKKEEPING`) and changes nothing;
- a catalogue sync that changed anything (it writes in bulk, which sends no signals, and calls
  `invalidate_written()` with the tables it wrote).

The version is replaced at once (so the rest of a request or test sees the change) and again
when the transaction commits (so a request that read the old rows in between cannot leave them
behind under the new version); the edge cache in front is purged then too (`core.edge`). It
lives in the "pages" cache, beside the pages, so that a page cache hit reads both in one round
trip; it has no expiry. With several server processes the
caches must be shared (`REDIS_URL`) for a change to reach every process at once.

The versions of what kept values read (`page:12`, `table:…`, below) are looked up once per
request, and a process keeps those it found for its later requests while the content version is
the one it found them under (`_process_versions`): a steady page asks the cache for none of them.
That holds because every change replaces the read versions it touches *before* the content
version (`_replace_reads`): a process that looked up an old read version did so under the old
content version, and drops it at its next request after the change. It replaces the content
version before them too: a request that read the rows before the change and stores what it
rendered once they are gone makes them anew, but finds a content version it did not begin with
and keeps nothing.

Values other than pages are kept in the "frame" cache (an alias of its own, so that a burst of
image renditions in the default cache cannot push them out) with `cached(name, compute)`,
`get_many(names)` and `store(name, value)`, for `FRAME_CACHE_TIMEOUT` seconds (0 turns that
cache off, `cache_enabled()`).

**Two versions.** Most changes alter what the frame and the routes are worked out from; an
editor's everyday publish does not: a page saved or published with the same title, address,
place in the tree, language and liveness changes only that page's own content. So beside the
content version there is the *structure version*, replaced by every change except such a
content edit (a page saved with its `STRUCTURE_FIELDS` as they were in the database, the page's
own child rows and many-to-many links, its revision published). What only depends on the
structure (the page frame, the routes, the Locales, the private sections, the index pages' URLs)
is kept under it (`cached(..., structural=True)`), so the first render after a content edit finds
them; pages themselves (the page cache) and anything shown from a page's content stay under the
content version. Both are replaced at once by a structural change.

**Changes of the tree.** An editor's other everyday publishes — a new page, a new title, a page
unpublished, expired or deleted (without pages below it), anywhere below a language's home —
move no address: the routes, Sites, Locales, private sections and vocabularies stay right.
`invalidate_tree(page)` replaces the content version and the reads of the page, its types, its
types' trees and its translation key (`core.dependencies`), not the structure version. So what
shows pages' titles and addresses is kept with what it read (`cached(..., reads=True)`: the
frame, the index pages' addresses; `kept_many`: product cards), like the page fragments, and
worked out again only where it listed, showed or looked up that page. A new slug of a page below
a language's home moves the addresses of its branch only: `invalidate_addresses` replaces that
for each page of the branch, and the routes stay (`core.routing` checks a remembered page's
address when it loads it). A move, a home, another language or type and an alias replace
everything (`invalidate`).

**Changes of rows.** A row of another model shown on pages saved, deleted, published or linked
(a snippet, a setting, an image, a vocabulary term; the catalogue sync's bulk writes,
`invalidate_written`) moves no address either: `invalidate_rows(tables)` replaces the content
version and the reads of its tables (`table:<name>`, `core.dependencies`), not the structure
version. The values kept under the structure version (`cached(..., structural=True)`: the
vocabularies, the counts of `cached_for_query`) are kept with the tables they read, like the
frame and the fragments, so what never read the changed table stays. What reads a few rows of
a table by a key that never changes (`dependencies.rows_read`: a product page's shops) is kept
with those rows, not the table: one row saved, published or deleted (a model's `row_read_key`)
replaces what read it, bulk writes everything that read any row of the table. Where lists of
such rows are read that way too (which products are featured, a designer's products: `rows_read(
model, ())`, `list:<table>`), the model names the columns no list picks or orders by
(`row_content_fields`): a save that changes another column, a new row and a delete replace the
lists too (`_note_row_lists`). What makes the structure
(`STRUCTURE_MODELS`: Sites, Locales, private sections) replaces everything.

**Page fragments** (`core.fragments`) are kept under the structure version with the versions of the
pages and page types their request read (`kept_with_reads`, `core.dependencies`); a content edit of
a page replaces only that page's and its types' versions (`invalidate_content(instance=page)`), a
change of the tree those and its types' trees (`invalidate_tree`), so the fragments of pages
that read nothing of it stay.
"""

import hashlib
import threading
from collections import OrderedDict
from contextvars import ContextVar
from uuid import uuid4

from django.conf import settings
from django.core.cache import InvalidCacheBackendError, caches
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from modelcluster.fields import ParentalKey
from wagtail.models import Page, Site
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

from core import dependencies, edge, release
from core.i18n import forget, in_request, memoised, request_address
from core.registry import shown_on_pages

VERSION_KEY = "generation"
STRUCTURE_KEY = "generation:structure"
_MEMO_KEY = "core:content-version"
_READ_VERSIONS_MEMO = "core:read-versions"
_VERSIONS_ASKED_MEMO = "core:read-versions-asked"
# What page fragments depend on (`core.dependencies`): `generation:read:page:<pk>`,
# `generation:read:type:<table>`, and `generation:read:all` (every fragment).
READS_PREFIX = "generation:read:"
ALL_READS = "all"
FRAME_CACHE = "frame"

# The columns of a page that the frame, the routes and the index pages' URLs are worked out
# from: a save that leaves them as they are is a content edit (see the module's docstring).
STRUCTURE_FIELDS = (
    "path",
    "depth",
    "url_path",
    "slug",
    "title",
    "live",
    "expired",
    "locale",
    "translation_key",
    "content_type",
    "alias_of",
)


def version_cache():
    """The cache that holds the versions (and the pages)."""
    return caches["pages"]


def frame_cache(alias: str = FRAME_CACHE):
    """The cache of what is kept under the versions: the "frame" alias (or `alias`), else the
    default one."""
    try:
        return caches[alias]
    except InvalidCacheBackendError:
        return caches["default"]


def _versions() -> dict[str, str]:
    """Both versions, read from the cache in one round trip once per request (made when
    missing)."""

    def load():
        found = version_cache().get_many([VERSION_KEY, STRUCTURE_KEY])
        for key in (VERSION_KEY, STRUCTURE_KEY):
            if found.get(key) is None:
                version_cache().add(key, uuid4().hex, None)
                found[key] = version_cache().get(key)
        return found

    return memoised(_MEMO_KEY, load, record=False)


def current() -> str:
    """The content version: replaced by every change a visitor could see."""
    return _versions()[VERSION_KEY]


def structure() -> str:
    """The structure version: replaced by every change but a page's content edit."""
    return _versions()[STRUCTURE_KEY]


def _replace(keys):
    def replace():
        version_cache().set_many({key: uuid4().hex for key in keys}, None)
        forget(_MEMO_KEY)
        forget(_READ_VERSIONS_MEMO)

    return replace


_replace_all = _replace((VERSION_KEY, STRUCTURE_KEY))
_replace_content = _replace((VERSION_KEY,))


def invalidate(**kwargs):
    """Replace both versions now and once more when the transaction commits, and purge the
    edge cache in front (if any) then."""
    _replace_all()
    transaction.on_commit(_replace_all)
    edge.purge_on_commit()


def invalidate_content(instance=None, **kwargs):
    """Replace the content version only (a page's content edit), now and on commit, and purge
    the edge cache in front (if any) then: its pages are rendered under the content version.

    With `instance` (the edited page, or a child row or link of it) only that page's version
    and its types' are replaced for the page fragments (`core.fragments`): fragments whose
    request read neither stay. Without one, every fragment goes."""
    _replace_reads_now_and_on_commit(_edited_reads(instance))


def invalidate_tree(page, **kwargs):
    """A change of `page`'s place in the lists of the tree, not of the tree's addresses: the
    page created, retitled, published, unpublished or expired (`_tree_change`). Replaces the
    content version (every whole page) and, for what is kept with its reads
    (`kept_with_reads`, `cached(..., reads=True)`: the page fragments, the frame, the index
    pages' addresses), the page's own version, its translations' (`tk:`), and its types' content
    and tree versions: what showed the page, looked up its translations or listed pages of its
    types is worked out again; the routes, Locales, sites, private sections and the catalogue's
    vocabularies (the structure version) stay. Purges the edge cache on commit, as always."""
    reads = dependencies.Reads()
    _add_tree_reads(reads, page.pk, page.specific_class or type(page), page.translation_key)
    _replace_reads_now_and_on_commit(reads.keys())


def _add_tree_reads(reads, pk, model, translation_key) -> None:
    """Add to `reads` what a change of the tree at page `pk` (of `model`) replaces: the page's
    own version and its tree's, its translation key's, its types' content and tree versions."""
    tables = dependencies.type_tables(model)
    reads.pages.add(pk)
    reads.page_trees.add(pk)
    reads.types.update(tables)
    reads.trees.update(tables)
    if translation_key:
        reads.translations.add(translation_key.hex)


def invalidate_rows(tables, rows=None, lists=False, flags=(), **kwargs):
    """A change of rows of other tables shown on pages (`dependencies.row_tables`: a snippet, a
    setting, an image, a catalogue row): replaces the content version (every whole page) and the
    reads of those tables (`table:<name>`), now and on commit, and purges the edge cache on
    commit. What never read them stays: the routes, the Locales, and the fragments, the frame
    and the values kept under the structure version that read other rows only.

    What read rows of them one by one (`dependencies.rows_read`) is replaced where it read one
    of `rows` (the changed rows' `row_read_key`s: one row saved, deleted or published), or
    wherever it read any where they are not known (None: bulk writes, links); `lists=True`: and
    the lists of rows read that way (`list:<table>`: a row new, gone, or changed in a column a
    list may pick or order by); `flags`: the lists picked by these of the model's
    `row_list_flags` (`list:<table>:<column>`: a row changed in those columns alone)."""
    keys = [f"table:{table}" for table in sorted(tables)]
    if rows is None:
        keys += [f"rows:{table}" for table in sorted(tables)]
    else:
        if lists:
            keys += [f"list:{table}" for table in sorted(tables)]
        keys += [f"list:{table}:{column}" for table in sorted(tables) for column in sorted(flags)]
        keys += [f"row:{table}:{key}" for table in sorted(tables) for key in rows]
    _replace_reads_now_and_on_commit(keys)


# Models whose rows make the site's structure (its addresses, languages and private sections):
# a change of one replaces everything.
STRUCTURE_MODELS = frozenset(
    {
        "wagtailcore.locale",
        "wagtailcore.site",
        "wagtailcore.pageviewrestriction",
        "wagtailcore.collectionviewrestriction",
    }
)


def row_scoped(model) -> bool:
    """Whether a change of a row of `model` replaces only the reads of its tables
    (`invalidate_rows`): a model shown on pages that is no page, no page's child rows or links
    (a page's content) and none of the `STRUCTURE_MODELS`."""
    return (
        isinstance(model, type)
        and not issubclass(model, Page)
        and model._meta.label_lower not in STRUCTURE_MODELS
        and shown_on_pages(model)
        and not any(table in dependencies.page_tables() for table in dependencies.tables_of(model))
    )


def _row_changed(*models, instance=None):
    """Rows of `models` saved, deleted or linked: `invalidate_rows` where they all are
    `row_scoped`, else `invalidate`. `instance`: the one row changed, of a model read row by row
    (`row_read_key`, `dependencies.rows_read`): what read other rows of it one by one stays."""
    if all(row_scoped(model) for model in models):
        tables = {table for model in models for table in dependencies.tables_of(model)}
        key = getattr(type(instance), "row_read_key", None)
        value = getattr(instance, key) if key else None
        lists, flags, row = _lists_replaced(instance)
        rows = ([dependencies.row_key(value)] if row else []) if value else None
        invalidate_rows(tables, rows=rows, lists=lists, flags=flags)
    else:
        invalidate()


def _lists_replaced(instance) -> tuple[bool, frozenset, bool]:
    """What of its model's lists and of its own row a change of `instance` replaces, for a model
    whose lists are read as rows (`row_content_fields`): (every list, the flag columns' lists,
    its row). What `_note_row_lists` found the save changed: texts only, its row alone; flags
    only (`row_list_flags`, a product's "featured", which no page shows), the lists picked by
    them alone; any other column, a new row, a raw load, a delete or a change it did not see,
    every list and its row. Read, not taken: a publish saves the row, then sends `published`
    (`_on_publish`), and both follow that one save's decision; every save decides anew."""
    model = type(instance)
    content = getattr(model, "row_content_fields", None)
    if content is None:  # None too: no row
        return False, frozenset(), True
    changed = instance.__dict__.get("_columns_saved")
    if changed is None:
        return True, frozenset(), True
    flags = changed & getattr(model, "row_list_flags", frozenset())
    return bool(changed - content - flags), flags, not (changed and changed <= flags)


def invalidate_written(tables):
    """After bulk writes to `tables` (which send no signals: the catalogue sync): replaces what
    a change of their rows would (`invalidate_rows`); everything where one of them is a page's
    or the structure's; nothing where none is shown on pages."""
    from django.apps import apps

    models = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.db_table in tables and counts_as_content(model)
    ]
    if models:
        _row_changed(*models)


def _on_unpublished(sender, instance=None, **kwargs):
    """A page unpublished (its save has replaced what it changed already) or a snippet."""
    if isinstance(instance, Page) and _tree_change(instance, {"live"}):
        invalidate_tree(instance)
    elif isinstance(instance, Page) or instance is None:
        invalidate()
    else:
        _row_changed(type(instance), instance=instance)


def _edited_reads(instance) -> list[str]:
    """The read keys (`core.dependencies`) a content edit of `instance` replaces."""
    if isinstance(instance, Page):
        model = instance.specific_class or type(instance)
        reads = dependencies.Reads({instance.pk}, set(dependencies.type_tables(model)))
        return reads.keys()
    if instance is not None and _is_page_child(instance):
        attname, model = dependencies.child_key(type(instance))
        page = getattr(instance, attname)
        reads = dependencies.Reads({page} if page else set(), set(dependencies.type_tables(model)))
        return reads.keys() if page else [ALL_READS]
    return [ALL_READS]


def _replace_reads(keys):
    def replace():
        # A new content version, the read keys removed, and a new content version again. The
        # one after: a process that looked up a read key's old version under an earlier content
        # version uses it no longer than that (`_process_versions`). The one before: a request
        # that read the rows before the change and stores what it rendered after the removal
        # finds the read keys missing and makes them anew, but under a content version it did
        # not begin with, so it keeps nothing (`_versions_to_keep`).
        _replace_content()
        version_cache().delete_many([READS_PREFIX + key for key in keys])
        _replace_content()  # forgets this request's memo of the versions too

    return replace


def _replace_reads_now_and_on_commit(keys) -> None:
    """`_replace_reads(keys)` now and once more when the transaction commits, and the edge cache
    in front (if any) purged then: what every change short of `invalidate` does."""
    replace = _replace_reads(keys)
    replace()
    transaction.on_commit(replace)
    edge.purge_on_commit()


def reset():
    """Forget the versions, and so everything kept under them (tests: a rolled-back transaction
    sends no signal)."""
    version_cache().delete_many([VERSION_KEY, STRUCTURE_KEY])
    forget(_MEMO_KEY)


# Columns a draft save, a workflow step or a lock writes on a reviewed snippet's row: none of
# them is shown to visitors.
DRAFT_BOOKKEEPING = frozenset(
    {"latest_revision", "has_unpublished_changes", "locked", "locked_at", "locked_by"}
)


# Columns Wagtail writes on a reviewed snippet's row when a revision is saved or published:
# which revision is the latest or the live one and when it was published (the first publish of
# a row the catalogue sync made live sets `first_published_at`). No list of rows that are no
# pages picks or orders by them (`_note_row_lists`); which rows are live is `live`.
REVISION_BOOKKEEPING = DRAFT_BOOKKEEPING | {
    "live_revision",
    "last_published_at",
    "first_published_at",
}


# Columns `Page.save_revision` writes when an editor saves a draft of a page (the draft's
# content lives in the revision; the live row visitors are served from keeps its content and its
# dates): nothing of them is shown on the site.
PAGE_DRAFT_BOOKKEEPING = DRAFT_BOOKKEEPING | {"latest_revision_created_at", "draft_title"}


def only_draft_bookkeeping(update_fields, model=None) -> bool:
    """Whether a save wrote nothing but a reviewed snippet's (or, for a page `model`, a page's)
    draft bookkeeping."""
    page = isinstance(model, type) and issubclass(model, Page)
    allowed = PAGE_DRAFT_BOOKKEEPING if page else DRAFT_BOOKKEEPING
    return bool(update_fields) and set(update_fields) <= allowed


def counts_as_content(model) -> bool:
    """Whether a change to a row of `model` replaces the version."""
    return issubclass(model, Page) or shown_on_pages(model)


def _columns_written(fields, update_fields) -> list[str]:
    """The columns (attnames) of `fields` a save writes (all of them without `update_fields`)."""
    return [
        field.attname
        for field in fields
        if update_fields is None or field.name in update_fields or field.attname in update_fields
    ]


def _columns_changed(instance, columns, model) -> set | None:
    """Which of `columns` (of `model`'s table) a save of `instance` changes from what the
    database has (one query, none without columns); None where the database has no such row."""
    if not columns:
        return set()
    before = model._base_manager.filter(pk=instance.pk).values_list(*columns).first()
    if before is None:
        return None
    return {
        column
        for column, value in zip(columns, before, strict=True)
        if getattr(instance, column) != value
    }


def _note_row_lists(sender, instance=None, raw=False, update_fields=None, **kwargs):
    """Before a row of a model with `row_content_fields` is saved: which of its columns the save
    changes from what the database has (one query), as `_columns_saved` on the row (read by
    `_lists_replaced`): its texts (`row_content_fields`), the columns a list may pick or order by
    (a product's status, title, designer, "featured"; a shop's liveness), not a reviewed
    snippet's `REVISION_BOOKKEEPING`. None for a new row or a raw load, which may join any list.
    A publish saves the row: its `published` signal follows the save's decision."""
    model = type(instance)
    if getattr(model, "row_content_fields", None) is None:
        return
    changed = None
    if instance.pk is not None and not raw:
        fields = {
            field.attname: field
            for field in model._meta.concrete_fields
            if not field.primary_key and field.name not in REVISION_BOOKKEEPING
        }
        written = _columns_written(fields.values(), update_fields)
        columns = _columns_changed(instance, written, model)
        changed = None if columns is None else frozenset(fields[c].name for c in columns)
    instance._columns_saved = changed


def _note_structure(sender, instance=None, raw=False, update_fields=None, **kwargs):
    """Before a page is saved: which of its structure columns the save changes from what the
    database has (one query; None for a new page or a raw load: all of them), and whether it is
    a page no visitor can reach before or after it (`_unseen`)."""
    if not isinstance(instance, Page):
        return
    changed = None
    if instance.pk is not None and not raw:
        structure = [Page._meta.get_field(name) for name in STRUCTURE_FIELDS]
        changed = _columns_changed(instance, _columns_written(structure, update_fields), Page)
    instance._structure_changed = changed
    instance._unseen = not raw and _unseen(instance)


# A page no visitor can reach (`_unseen`), as the database has it: not live, no pages below it
# (Wagtail routes through a draft to a live page beneath), no language's home.
_UNSEEN_ROW = Q(live=False, numchild=0, depth__gt=2)


def _unseen_shape(page) -> bool:
    """`_UNSEEN_ROW` for the page as it is in memory."""
    return not (page.live or page.numchild or (page.depth or 0) <= 2)


def _unseen(page) -> bool:
    """Whether no visitor could reach `page` before this save, nor after it: unseen as it is
    now, and unseen in the database (or new). Creating, saving or deleting such a draft (a new
    page before its first publish, a translation waiting for review) changes nothing on the
    site, so nothing kept is replaced and the edge keeps its pages."""
    if not _unseen_shape(page):
        return False
    return page.pk is None or Page.objects.filter(_UNSEEN_ROW, pk=page.pk).exists()


def _unseen_page_row(instance) -> bool:
    """Whether `instance`, a child row of a page (its tags, its gallery items), belongs to a
    page no visitor can reach (`_unseen`)."""
    attname, _model = dependencies.child_key(type(instance))
    page_id = getattr(instance, attname)
    return page_id is not None and Page.objects.filter(_UNSEEN_ROW, pk=page_id).exists()


def _is_page_child(instance) -> bool:
    """Whether a row is a child of a page's cluster (a ParentalKey to a page: its tags, its
    gallery items, its form fields): part of that page's content."""
    return any(
        isinstance(field, ParentalKey)
        and isinstance(field.related_model, type)
        and issubclass(field.related_model, Page)
        for field in type(instance)._meta.concrete_fields
    )


def _on_save(sender, instance=None, created=False, update_fields=None, raw=False, **kwargs):
    if only_draft_bookkeeping(update_fields, type(instance)):
        return  # a draft saved, submitted or locked: visitors see the live row only
    if not counts_as_content(type(instance)):
        return
    if isinstance(instance, Page):
        changed = instance.__dict__.pop("_structure_changed", None)
        if instance.__dict__.pop("_unseen", False):
            return  # a draft no visitor can reach, before or after
        if changed is not None and not changed:
            invalidate_content(instance=instance)
        elif not raw and _tree_change(instance, changed):
            invalidate_tree(instance)
        elif not raw and _address_change(instance, changed):
            invalidate_addresses(instance)
        else:
            invalidate()
    elif _is_page_child(instance) and _unseen_page_row(instance):
        return  # a child row of such a draft
    elif _is_page_child(instance):
        invalidate_content(instance=instance)
    else:
        _row_changed(type(instance), instance=instance)


# The structure columns whose change leaves every address, the tree and the languages as they
# are: a page retitled, published, unpublished or expired is a change of the tree, not of all.
TREE_FIELDS = frozenset({"title", "live", "expired"})
# The columns a new slug writes (Wagtail sets the page's `url_path` from it, and its
# descendants' in one UPDATE that sends no signal): a change of the addresses of one branch.
ADDRESS_FIELDS = frozenset({"slug", "url_path"})


def _tree_change(page, changed) -> bool:
    """Whether a save of `page` that changed the structure columns `changed` (None: a new page)
    is a change of the tree only (`invalidate_tree`): a page below a language's home that was
    created, retitled, published, unpublished or expired. A new slug is `_address_change`;
    anything else (a home, a move, another language or type, an alias) replaces everything
    (`invalidate`)."""
    if (page.depth or 0) <= 2:
        return False
    return changed is None or changed <= {Page._meta.get_field(n).attname for n in TREE_FIELDS}


def _address_change(page, changed) -> bool:
    """Whether a save of `page` that changed the structure columns `changed` gave a page below a
    language's home a new slug (perhaps with a new title, or published or unpublished with it):
    `invalidate_addresses`. A move, a home, another language or type, an alias replace
    everything."""
    if (page.depth or 0) <= 2 or not changed:
        return False
    address = {Page._meta.get_field(name).attname for name in ADDRESS_FIELDS}
    tree = {Page._meta.get_field(name).attname for name in TREE_FIELDS}
    return bool(changed & address) and changed <= address | tree


def invalidate_addresses(page, **kwargs):
    """A page below a language's home given a new slug: its address and the address of every
    page below it change, nothing else of the tree. Replaces what `invalidate_tree` replaces for
    each page of that branch (their own, their translation keys', their types' content and tree
    versions: whatever showed, linked or listed one of them is worked out again), not the
    structure version: the routes of other pages stay (`core.routing` checks a remembered page's
    address when it loads it: the old address is walked afresh), and so do the Locales, the
    sites, the vocabularies and every kept value that read nothing of the branch. A branch with
    an alias in or of it replaces everything (`invalidate`): an alias shows another page's
    content at its own address; so does one that holds a Site's root page (the sites' root
    addresses change with it). Purges the edge cache on commit, as always."""
    from django.contrib.contenttypes.models import ContentType

    branch = list(
        Page.objects.filter(path__startswith=page.path).values_list(
            "pk", "translation_key", "content_type_id", "alias_of_id"
        )
    )
    aliased = Page.objects.filter(alias_of__path__startswith=page.path).exists()
    a_site_root = _forget_site_roots_below(page)
    if aliased or a_site_root or any(alias_of for *_rest, alias_of in branch):
        invalidate()
        return
    reads = dependencies.Reads()
    for pk, translation_key, content_type_id, _alias_of in branch:
        model = ContentType.objects.get_for_id(content_type_id).model_class() or Page
        _add_tree_reads(reads, pk, model, translation_key)
    _replace_reads_now_and_on_commit(reads.keys())


def _forget_site_roots_below(page) -> bool:
    """Whether a Site's root page stands in `page`'s branch; if so, Wagtail's kept root
    addresses of the sites are forgotten, now and once more when the transaction commits:
    Wagtail forgets them only when a root itself is saved, and a root's address changes with a
    page above it (a new slug, a move); a request of another process before the commit would
    keep the old ones."""
    if not Site.objects.filter(root_page__path__startswith=page.path).exists():
        return False
    Site.clear_site_root_paths_cache()
    transaction.on_commit(Site.clear_site_root_paths_cache)
    return True


def _on_delete(sender, instance=None, **kwargs):
    if not counts_as_content(type(instance)):
        return
    instance.__dict__.pop("_columns_saved", None)  # of an earlier save: a row gone leaves lists
    if isinstance(instance, Page) and _unseen_shape(instance):
        return  # a draft no visitor could reach deleted (as the database had it)
    if not isinstance(instance, Page) and _is_page_child(instance):
        if not _unseen_page_row(instance):
            invalidate_content(instance=instance)  # a child row (a tag, a gallery item) removed
    elif isinstance(instance, Page) and not instance.numchild and _tree_change(instance, None):
        invalidate_tree(instance)  # a page without pages below it: no address but its own
    elif isinstance(instance, Page):
        invalidate()
    else:
        _row_changed(type(instance), instance=instance)


def _on_links(sender, instance=None, reverse=False, model=None, **kwargs):
    """Many-to-many links changed: a page's own (forward) links are its content; links between
    rows of other tables change those tables' rows (`invalidate_rows`)."""
    if not counts_as_content(sender) and not counts_as_content(type(instance)):
        return
    if isinstance(instance, Page) and not reverse:
        if not _unseen(instance):
            invalidate_content(instance=instance)
    else:
        _row_changed(*(m for m in (sender, type(instance), model) if m is not None))


def connect_signals():
    dependencies.connect_signals()
    pre_save.connect(_note_structure, dispatch_uid="content-version-structure")
    pre_save.connect(_note_row_lists, dispatch_uid="content-version-row-lists")
    post_save.connect(_on_save, dispatch_uid="content-version-save")
    post_delete.connect(_on_delete, dispatch_uid="content-version-delete")
    m2m_changed.connect(_on_links, dispatch_uid="content-version-links")
    # Publishing a page saves it, which decides whether its structure changed; the signals make
    # the intent explicit. Wagtail sends `published` for pages too (after `page_published`).
    # Unpublishing, moving, and a snippet's publish change structure.
    page_published.connect(invalidate_content, dispatch_uid="content-version-page-published")
    published.connect(_on_publish, dispatch_uid="content-version-published")
    for signal in (page_unpublished, unpublished):
        signal.connect(_on_unpublished, dispatch_uid=f"content-version-{id(signal)}")
    post_page_move.connect(_on_move, dispatch_uid=f"content-version-{id(post_page_move)}")
    page_slug_changed.connect(_on_slug_changed, dispatch_uid="content-version-slug-changed")


def _on_slug_changed(sender, instance=None, **kwargs):
    """Sent by Wagtail once the new slug is committed, after the descendants' addresses were
    written (in one UPDATE, after the page's own save, which `_on_save` heard): replaces the
    branch's reads once more, so that a request that read a descendant's old address in between
    (without a transaction around the save, the commit comes before that UPDATE) keeps
    nothing. A page no visitor can reach (a new page's draft given another slug) moves no
    address anyone is served: nothing is replaced, as its save replaced nothing (`_unseen`)."""
    if _unseen_shape(instance):
        return
    if (instance.depth or 0) > 2:
        invalidate_addresses(instance)
    else:
        invalidate()


def _on_move(sender, instance=None, **kwargs):
    """Sent by Wagtail after a page was moved and the addresses below it written: replaces
    everything, and with a Site's root page in the moved branch Wagtail's kept root addresses
    of the sites too (`_forget_site_roots_below`)."""
    invalidate()
    _forget_site_roots_below(instance)


def _on_publish(sender, instance=None, **kwargs):
    if isinstance(instance, Page):
        invalidate_content(instance=instance)
    elif instance is None:
        invalidate()
    else:
        _row_changed(type(instance), instance=instance)


def cache_enabled() -> bool:
    return bool(settings.FRAME_CACHE_TIMEOUT)


# Bumped when what is kept changes its shape: what an older release kept is never read.
_KEY_SHAPE = 2


def _key(name: str, version: str) -> str:
    # Per release (`core.release`): a deploy's templates and code show on the next request.
    return f"core:frame:{_KEY_SHAPE}:{release.fingerprint()}:{version}:{name}"


def _version(structural: bool) -> str:
    return structure() if structural else current()


# Whether the value `cached` is working out may be kept (a list of one flag), None outside one.
_keep: ContextVar[list[bool] | None] = ContextVar("keep_cached_value", default=None)


def do_not_keep() -> None:
    """Called while `cached` works out a value: serve it, but do not store it, since it lacks
    something that may be back in a moment (a logo the media storage could not give). Also
    leaves out any cached value that encloses it."""
    flag = _keep.get()
    if flag is not None:
        flag[0] = False


def _compute(compute, args) -> tuple[object, bool]:
    """`compute(*args)` and whether it may be kept."""
    flag = [True]
    token = _keep.set(flag)
    try:
        value = compute(*args)
    finally:
        _keep.reset(token)
    if not flag[0]:
        do_not_keep()
    return value, flag[0]


def cached(name, compute, *args, structural=False, reads=False, aside=False, alias=FRAME_CACHE):
    """`compute(*args)` from the cache under the current version (the structure version with
    `structural=True`: only for values that no content edit of a page and no change of the tree
    (`invalidate_tree`) can change: they show no page's title, liveness or place in a list), or
    worked out and stored there (unless `do_not_keep` was called); in the "frame" cache, or the
    cache `alias` names.

    `reads=True`: kept under the structure version with the versions of what working it out
    read (`kept_with_reads`), for values that show pages' titles and addresses (the frame, the
    index pages' addresses); worked out once per request, and what it read counts as read by
    the request each time it is used; with `aside=True` (a value asked for again at every use,
    never handed on in a variable: the frame's parts), once the template is rendered, by the
    fragment it is used in only (`dependencies.note`)."""
    if not cache_enabled():
        return compute(*args)
    if reads or structural:
        # Looked up once per request. `structural=True`: kept with the versions of the rows of
        # other tables it read (`table:<name>`): a snippet, a setting or a catalogue row changed
        # replaces those, not the structure version.
        value, kept_reads = memoised(
            ("kept", alias, name),
            lambda: _kept(name, compute, args, alias, aside, structural=structural),
            record=False,
        )
        dependencies.note(kept_reads, aside=aside)
        return value
    key = _key(name, current())
    cache = frame_cache(alias)
    value = cache.get(key)
    # Under the content version: kept with the pages it read, which a request that reads it
    # from here has read too (`core.dependencies`: the fragments it shows in depend on them).
    if isinstance(value, _WithReads):
        dependencies.note(value.reads)
        return value.value
    with dependencies.recording() as reads:
        value, keep = _compute(compute, args)
    if keep:
        cache.set(key, _WithReads(value, reads), settings.FRAME_CACHE_TIMEOUT)
    return value


class _Kept:
    """A value kept with what working it out read and those reads' versions then."""

    def __init__(self, value, reads, versions):
        self.value, self.reads, self.versions = value, reads, versions


def _kept(name, compute, args, alias, aside=False, structural=False) -> tuple:
    """(value, reads) of `cached(..., reads=True)`, or with `structural=True` of `cached(...,
    structural=True)` (which reads the tables of other rows only, `recording(tables_only=True)`,
    and no fragment's `all`): from the cache while every version it was kept with is unchanged,
    else worked out (recording its reads) and kept."""
    key = _key(name, structure())
    cache = frame_cache(alias)
    entry = _kept_entry(name, key, cache, alias)
    if isinstance(entry, _Kept) and _read_versions(entry.versions) == entry.versions:
        return entry.value, entry.reads
    with dependencies.recording(
        structure_only=not structural, tables_only=structural, aside=aside
    ) as reads:
        value, keep = _compute(compute, args)
    keys = reads.keys() if structural else [ALL_READS, *reads.keys()]
    versions = (_versions_to_keep(keys) if keys else {}) if keep else None
    if versions is not None:
        cache.set(key, _Kept(value, reads, versions), settings.FRAME_CACHE_TIMEOUT)
    return value, reads


_PREFETCHED_MEMO = "core:prefetched"
_NOT_READ = object()


def prefetch(names, alias=FRAME_CACHE) -> None:
    """Read what is kept under these names (values of `cached(..., reads=True)` a page is about
    to ask for one by one: the frame's parts) in one cache round trip; each is then taken from
    the request memo when it is asked for (those read before and not used yet are not asked for
    again). Nothing outside a request."""
    if not cache_enabled() or not in_request():
        return
    version = structure()
    prefetched = memoised(_PREFETCHED_MEMO, dict, record=False)
    keys = {key: name for name in names if (alias, key := _key(name, version)) not in prefetched}
    if not keys:
        return
    found = frame_cache(alias).get_many(list(keys))
    for key in keys:
        prefetched[alias, key] = found.get(key)


def kept_many(names, compute_missing, alias=FRAME_CACHE, structure_only=True, reads_of=None):
    """Many values of `cached(..., reads=True)` kind in two cache round trips (the values, then
    the versions they were kept with): `compute_missing(names)` works out those not kept or
    outdated (a dict by name, recording what it reads), which are then kept with those reads:
    of the pages it reads, their titles and addresses only (`recording(structure_only=True)`),
    or with `structure_only=False` their content too.

    `reads_of(name, reads)`: what of the reads of the missing values worked out together (in
    the same queries) the value `name` depends on, for values that a change of one row replaces
    one by one (the address of each page a menu links: that page and its translations,
    `Reads.of_pages`). Each is kept with its own: kept with what all of them read, a change of
    one would replace them all, and they would be worked out together again, for ever."""
    names = list(names)
    if not cache_enabled():
        return compute_missing(names)
    version = structure()
    keys = {_key(name, version): name for name in names}
    cache = frame_cache(alias)
    entries = {
        keys[key]: entry
        for key, entry in cache.get_many(list(keys)).items()
        if isinstance(entry, _Kept)
    }
    wanted = {key: value for entry in entries.values() for key, value in entry.versions.items()}
    now = _read_versions(wanted) if wanted else {}
    values = {}
    for name, entry in entries.items():
        if all(now.get(key) == value for key, value in entry.versions.items()):
            dependencies.note(entry.reads)
            values[name] = entry.value
    missing = [name for name in names if name not in values]
    if not missing:
        return values
    with dependencies.recording(structure_only=structure_only) as reads:
        computed = compute_missing(missing)
    versions = _versions_to_keep([ALL_READS, *reads.keys()])
    if versions is not None:
        kept = {}
        for name in missing:
            own = reads_of(name, reads) if reads_of is not None else reads
            own_versions = {key: versions[key] for key in (ALL_READS, *own.keys())}
            kept[_key(name, version)] = _Kept(computed[name], own, own_versions)
        cache.set_many(kept, settings.FRAME_CACHE_TIMEOUT)
    values.update(computed)
    return values


def cached_for_query(name, queryset, compute):
    """`compute()` of rows that only catalogue, shop and link changes alter (each a change of
    structure: never a page's content), kept under the structure version and the queryset's
    SQL and parameters. For counts that read every row they count (how many products a shop
    stocks, how many a filtered product index lists): a render between two changes reads them
    from the frame cache; the first render after one counts again."""
    sql, params = queryset.query.sql_with_params()
    digest = hashlib.sha256(repr((sql, params)).encode()).hexdigest()
    return cached(f"{name}:{digest}", compute, structural=True)


class _WithReads:
    """A value kept under the content version, with what working it out read."""

    def __init__(self, value, reads):
        self.value, self.reads = value, reads


def kept_with_reads(name, compute, alias=FRAME_CACHE, own=False):
    """`compute()`, kept (under the structure version) with the versions of every page and page
    type its request has read so far (`core.dependencies`), and used while they are unchanged:
    a content edit of one page leaves what never read it in place (the page fragments,
    `core.fragments`). Worked out afresh outside a reading request.

    `own=True`: kept with what working it out read only, for a value that depends on nothing
    its request handed it but what its `name` says (the events a page lists: a shop renamed,
    which a product page's earlier fragments read, leaves it)."""
    reads = dependencies.request_reads()
    if not cache_enabled() or reads is None:
        return compute()
    key = _key(name, structure())
    cache = frame_cache(alias)
    entry = _kept_entry(name, key, cache, alias)
    if entry is not None:
        kept_reads, versions, value = entry
        if _read_versions(versions) == versions:
            dependencies.note(kept_reads)
            return value
    # What the fragment reads itself: kept values used in it count here, not for the request
    # (`dependencies.note`); its queries and pages count for both.
    with dependencies.recording() as read_here:
        value = compute()
    reads = read_here if own else reads.merged(read_here)
    versions = _versions_to_keep([ALL_READS, *reads.keys()])
    if versions is not None:
        cache.set(key, (reads, versions, value), settings.FRAME_CACHE_TIMEOUT)
    return value


def _kept_entry(name, key, cache, alias):
    """What `kept_with_reads` or `_kept` kept under `key` (None: nothing). A request's first look
    in this cache also reads what its address asked for the last time (`_kept_names`: a page's
    fragments; the Site, Locales and frame parts it used), in one round trip; each is then taken
    from the request memo when asked for."""
    address = request_address()
    if address is None:
        return cache.get(key)
    asked = memoised((_ASKED_MEMO, alias), set, record=False)
    if not asked:
        remembered = _kept_names.recall((alias, address))
        if remembered - {name}:
            prefetch([name, *remembered], alias)
    if name not in asked:
        asked.add(name)
        _kept_names.remember((alias, address), asked)
    entry = memoised(_PREFETCHED_MEMO, dict, record=False).pop((alias, key), _NOT_READ)
    return cache.get(key) if entry is _NOT_READ else entry


# The versions of read keys this process has looked up, and the content version they were
# looked up under. Every change of a read key's version replaces the content version after it
# (`_replace_reads`; a key the cache lost is made again, never replaced), so while the content
# version is the same a request takes them from here without asking the cache. Keys found
# missing are not kept here: another process may make them at any time. Replaced as a whole
# (one assignment) when a request finds a new content version.
_process_versions: tuple[str | None, dict] = (None, {})
# More read keys than a site this size has (pages, page types, tables, shops): begin again.
PROCESS_VERSIONS_LIMIT = 100_000


def _known_versions() -> dict:
    """This request's memo of read versions, begun with the process's where they were looked
    up under this request's content version."""

    def begin() -> dict:
        global _process_versions
        version = current()
        kept_under, values = _process_versions
        if version is not None and kept_under == version:
            return dict(values)
        _process_versions = (version, {})
        return {}

    return memoised(_READ_VERSIONS_MEMO, begin, record=False)


def _remember_versions(found: dict) -> None:
    """Keep versions this request found (under the content version it began with) for the
    process's later requests, unless a newer content version has been seen since."""
    global _process_versions
    kept_under, values = _process_versions
    if kept_under is None or kept_under != current():
        return
    if len(values) + len(found) > PROCESS_VERSIONS_LIMIT:
        _process_versions = (kept_under, dict(found))
    else:
        values.update(found)


def _read_versions(versions) -> dict:
    """The versions of these read keys now (those there are). Read once per request: the
    fragments, the frame and the cards of a page share most of them, and once per process while
    the content version is unchanged (`_process_versions`). A request's first look asks for
    those its address needed the last time too (`_read_keys`): with Redis, one round trip for
    the versions of a page's kept values, not one for each."""
    known = _known_versions()
    wanted = [key for key in versions if key not in known]
    ask = wanted
    address = request_address()
    asked = memoised(_VERSIONS_ASKED_MEMO, list, record=False)  # this request's looks
    if address is not None:
        if wanted and not asked:
            remembered = (key for key in _read_keys.recall(address) if key not in known)
            ask = list(dict.fromkeys([*wanted, *remembered]))
        needed = memoised(_READ_KEYS_MEMO, set, record=False)
        if not needed.issuperset(versions):
            needed.update(versions)
            _read_keys.remember(address, needed)
    if ask:
        asked.append(len(ask))
        keys = {READS_PREFIX + key: key for key in ask}
        found = {keys[key]: value for key, value in version_cache().get_many(list(keys)).items()}
        known.update(dict.fromkeys(ask))
        known.update(found)
        _remember_versions(found)
    return {key: known[key] for key in versions if known[key] is not None}


class AddressMemory:
    """What the last request for each address (path and query) asked a cache for, for the `size`
    addresses this process served last: what the next request for it asks for at once. An
    address made up by a visitor (`?x=1`, `?x=2`, …) pushes the oldest out."""

    def __init__(self, size: int):
        self.size = size
        self.entries: OrderedDict[object, frozenset] = OrderedDict()
        self._lock = threading.Lock()

    def recall(self, address) -> frozenset:
        with self._lock:
            return self.entries.get(address, frozenset())

    def remember(self, address, keys) -> None:
        with self._lock:
            self.entries[address] = frozenset(keys)
            self.entries.move_to_end(address)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)


# The read keys (`page:12`, `table:…`) whose versions a request for an address looked up, and
# the names of the fragments it asked for (by cache alias and address).
ADDRESSES = 1000
_READ_KEYS_MEMO = "core:read-keys"
_read_keys = AddressMemory(ADDRESSES)
_ASKED_MEMO = "core:asked"
_kept_names = AddressMemory(ADDRESSES)


def _versions_to_keep(keys):
    """The versions of these read keys now (made where missing), or None where the content
    changed since this request began: what it read may be older than those versions.

    Every one asked for again, with the content version in the same round trip, even those the
    request or its process knows: one the cache lost (evicted) and another process made anew
    differs from this process's, and the parts this process keeps must carry the cache's, or
    two processes would each replace what the other kept at every request."""
    names = [VERSION_KEY, *(READS_PREFIX + key for key in keys)]
    cache = version_cache()
    found = cache.get_many(names)
    missing = [name for name in names[1:] if name not in found]
    if missing:
        for name in missing:
            cache.add(name, uuid4().hex, settings.FRAME_CACHE_TIMEOUT)
        found.update(cache.get_many(missing))
    if found.get(VERSION_KEY) != current() or any(name not in found for name in names):
        return None
    versions = {key: found[READS_PREFIX + key] for key in keys}
    # Read in the same round trip as the content version, under which they are current: the
    # request's later look-ups and the process's next requests take them from here.
    _known_versions().update(versions)
    _remember_versions(versions)
    return versions


def get_many(names, structural=False, alias=FRAME_CACHE) -> dict:
    """The values stored under these names (those there are), in one cache round trip. Under
    the structure version (`structural=True`) only for values that read no rows of other tables
    (`dependencies.row_tables`), such as the routes: `store` keeps no reads."""
    version = _version(structural)
    keys = {_key(name, version): name for name in names}
    return {keys[key]: value for key, value in frame_cache(alias).get_many(list(keys)).items()}


def store(name, value, structural=False, alias=FRAME_CACHE):
    """Keep `value` under `name` until the version changes."""
    frame_cache(alias).set(_key(name, _version(structural)), value, settings.FRAME_CACHE_TIMEOUT)
