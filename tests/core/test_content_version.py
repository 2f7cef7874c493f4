"""What a publish costs the next visitor (`core.content_version`): an editor's content edit
replaces the pages but keeps the frame and the routes, so the first render after it asks what a
steady one asks; so does a new title of a page the render does not show (a change of the tree,
`tests/core/test_tree_changes.py`), which shows on the page itself, while a change of everything
(a snippet, a move) works them out again. And the frame and the routes live in a cache of their
own: a render that makes many image renditions does not push them out."""

import io
from types import SimpleNamespace

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage

from core import content_version
from core.typography import SOFT_HYPHEN
from tests.factories import (
    ContentPageFactory,
    DesignerIndexPageFactory,
    DesignerPageFactory,
    HomePageFactory,
    ImageFactory,
    paragraph,
    publish,
)
from tests.visits import queries

pytestmark = [pytest.mark.django_db, pytest.mark.no_demo]

LENA = "/de/designerinnen/lena-hoffmann/"
ABOUT = "/de/ueber-das-projekt/"
# Queries the first render after a content edit may ask beyond a steady render's: the home
# page's social image, which a page without its own shares (`core.seo`), depends on the home's
# content and so is kept under the content version.
FIRST_AFTER_CONTENT_EDIT_EXTRA = 1


@pytest.fixture
def pages():
    home = HomePageFactory()
    designers = DesignerIndexPageFactory(parent=home, title="Designer:innen", slug="designerinnen")
    DesignerPageFactory(parent=designers, title="Lena Hoffmann", slug="lena-hoffmann")
    about = ContentPageFactory(parent=home, title="Über das Projekt", slug="ueber-das-projekt")
    return SimpleNamespace(home=home, designers=designers, about=about)


def shown(response) -> str:
    return response.content.decode().replace(SOFT_HYPHEN, "")


@pytest.mark.usefixtures("uncached_pages")
def test_the_first_render_after_a_content_edit_asks_what_a_steady_render_asks(client, pages):
    for _ in range(2):
        client.get(LENA)
        client.get(ABOUT)
    steady = queries(client, LENA)
    about = pages.about
    about.body = paragraph("<p>Ein ganz neuer Absatz.</p>")
    publish(about)
    assert queries(client, LENA) <= steady + FIRST_AFTER_CONTENT_EDIT_EXTRA
    assert "Ein ganz neuer Absatz." in shown(client.get(ABOUT))  # the edit shows at once


@pytest.mark.usefixtures("uncached_pages_with_fragments")
def test_a_request_between_an_edits_two_cache_writes_keeps_no_old_version(
    client, pages, monkeypatch
):
    """A process keeps the versions of what its kept parts read while the content version is
    the same (`content_version._process_versions`). An edit committed (here: written without
    signals, as another app server's transaction is, then replaced as its commit replaces it)
    replaces the content version, removes what the edited page's parts read, and replaces the
    content version again. A request that comes after the first of those writes may still show
    the page as it was; every request after shows the edit. Were the read versions removed
    only after the last content version, a request between would keep the old versions under
    the new content version and show the old page until the next change."""
    for _ in range(3):
        assert "Ein ganz neuer Absatz." not in shown(client.get(ABOUT))
    about = pages.about
    about.body = paragraph("<p>Ein ganz neuer Absatz.</p>")
    type(about).objects.filter(pk=about.pk).update(body=about.body)  # committed, no signal yet

    cache = content_version.version_cache()
    steps, between = [], []

    def then_a_request():
        steps.append(1)
        if len(steps) == 1:  # after the first of the writes, whichever it is
            between.append(shown(client.get(ABOUT)))

    delete_many, replace_content = cache.delete_many, content_version._replace_content

    def deleting(keys, *args, **kwargs):
        delete_many(keys, *args, **kwargs)
        then_a_request()

    def replacing(*args):
        replace_content(*args)
        then_a_request()

    monkeypatch.setattr(cache, "delete_many", deleting)
    monkeypatch.setattr(content_version, "_replace_content", replacing)
    content_version._replace_reads(content_version._edited_reads(about))()
    monkeypatch.undo()
    assert len(steps) == 3 and len(between) == 1
    for _ in range(2):
        assert "Ein ganz neuer Absatz." in shown(client.get(ABOUT))


@pytest.mark.usefixtures("uncached_pages_with_fragments")
def test_a_part_worked_out_from_rows_read_before_an_edit_is_not_kept_under_it(
    client, pages, monkeypatch
):
    """A visitor's request reads the page's rows, then another process commits an edit and
    replaces what it touches while the request is storing the parts it rendered: between the
    edit's removal of the read versions and its next content version, the request finds those
    versions missing and makes them anew. Were the content version counted up only after the
    removal, the request would keep its old parts under those new versions, and every later
    request would show the page as it was. It is counted up before the removal too: the request
    sees a new content version and keeps nothing."""
    for _ in range(3):
        assert "Ein ganz neuer Absatz." not in shown(client.get(ABOUT))
    about = pages.about
    content_version.invalidate_content(instance=about)  # its parts are rendered again below
    cache = content_version.version_cache()
    delete_many, replace_content = cache.delete_many, content_version._replace_content
    versions_to_keep = content_version._versions_to_keep
    removed, held = [], []

    def deleting(keys, *args, **kwargs):
        delete_many(keys, *args, **kwargs)
        removed.append(keys)

    def replacing(*args):
        if removed:  # the edit's steps after its removal: they land once the request is done
            held.append(args)
        else:
            replace_content(*args)

    def storing(keys):
        if not removed:  # the request has read the old rows and is storing what it rendered
            about.body = paragraph("<p>Ein ganz neuer Absatz.</p>")
            type(about).objects.filter(pk=about.pk).update(body=about.body)
            monkeypatch.setattr(cache, "delete_many", deleting)
            monkeypatch.setattr(content_version, "_replace_content", replacing)
            # Another process's: this request's memo of the versions stays as it began.
            monkeypatch.setattr(content_version, "forget", lambda key: None)
            content_version._replace_reads(content_version._edited_reads(about))()
        return versions_to_keep(keys)

    monkeypatch.setattr(content_version, "_versions_to_keep", storing)
    assert "Ein ganz neuer Absatz." not in shown(client.get(ABOUT))  # as it read the rows
    monkeypatch.undo()
    assert removed and held
    for args in held:
        replace_content(*args)
    for _ in range(2):
        assert "Ein ganz neuer Absatz." in shown(client.get(ABOUT))


@pytest.mark.usefixtures("uncached_pages_with_fragments")
def test_a_read_version_the_cache_lost_is_made_once_and_then_shared_by_every_process(
    client, pages, monkeypatch
):
    """A read version evicted from the cache (Redis under memory pressure), not replaced by a
    change: the next process to need it makes it anew, while another still remembers the old
    one (`content_version._process_versions`). Each renders the page's parts once more; after
    that both take them from the cache. Had a process kept its parts under the version it
    remembered rather than the cache's, the two would replace each other's at every request.
    (The processes here take turns in this one, each with its own remembered versions.)"""
    for _ in range(3):
        client.get(ABOUT)
    steady = queries(client, ABOUT)
    first = content_version._process_versions
    content_version.version_cache().delete(f"{content_version.READS_PREFIX}page:{pages.about.pk}")

    second = (None, {})  # a process that has looked nothing up yet

    def in_process(memo):
        monkeypatch.setattr(content_version, "_process_versions", memo)
        count = queries(client, ABOUT)
        return content_version._process_versions, count

    second, count = in_process(second)  # finds it missing, makes it, renders the parts
    assert count > steady
    first, count = in_process(first)  # its own version differs from the cache's: renders
    assert count > steady
    for _ in range(2):
        second, count = in_process(second)
        assert count == steady
        first, count = in_process(first)
        assert count == steady


@pytest.mark.usefixtures("uncached_pages")
def test_a_new_title_shows_and_leaves_the_frame_and_routes_of_other_pages(client, pages):
    for _ in range(2):
        client.get(LENA)
    steady = queries(client, LENA)
    about = pages.about
    about.title = "Über uns"
    publish(about)
    # Frame and routes kept (LENA shows no about page); the home's social image as after any edit.
    assert queries(client, LENA) <= steady + FIRST_AFTER_CONTENT_EDIT_EXTRA
    assert "Über uns" in shown(client.get(ABOUT))
    content_version.invalidate()  # a snippet, a move, a sync: everything worked out again
    assert queries(client, LENA) > steady + FIRST_AFTER_CONTENT_EDIT_EXTRA


def test_a_content_edit_shows_on_the_next_request_through_the_page_cache(client, pages):
    client.get(ABOUT)
    assert client.get(ABOUT)["X-Cache"] == "hit"
    about = pages.about
    about.body = paragraph("<p>Frisch veröffentlicht.</p>")
    publish(about)
    response = client.get(ABOUT)
    assert response["X-Cache"] == "miss"
    assert "Frisch veröffentlicht." in shown(response)


def _small_image():
    buffer = io.BytesIO()
    PILImage.new("RGB", (48, 32), (40, 140, 80)).save(buffer, "JPEG")
    buffer.seek(0)
    return ImageFactory(file=ImageFile(buffer, name="klein.jpg"))


@pytest.mark.usefixtures("uncached_pages")
def test_a_render_that_makes_many_renditions_leaves_the_next_pages_queries_alone(client, pages):
    """More renditions than the default cache holds (Django's 300 without Redis) are made and
    looked up, as the first render of a page full of pictures does; the frame and the routes
    stay in their own cache."""
    image = _small_image()  # a new image is a change (it replaces the versions): made first
    for _ in range(2):
        client.get(LENA)
        client.get(ABOUT)
    before = {path: queries(client, path) for path in (LENA, ABOUT)}
    image.get_renditions(*(f"width-{number}" for number in range(1, 401)))
    assert {path: queries(client, path) for path in (LENA, ABOUT)} == before


@pytest.mark.usefixtures("uncached_pages_with_fragments")
def test_a_crawl_that_fills_the_fragments_cache_leaves_the_frame_and_routes_alone(
    client, pages, settings, monkeypatch
):
    """A crawler through thousands of product pages keeps a few fragments per page and
    language; more of them than the frame cache holds must not push the frame and the routes
    out of a process-local cache (the next pages would ask for them again)."""
    from django.core.cache import caches

    from core import fragments

    for _ in range(2):
        client.get(LENA)
        client.get(ABOUT)
    # What each page asks when it renders every part, with the frame and its route remembered.
    monkeypatch.setattr(fragments, "ENABLED", False)
    whole = {path: queries(client, path) for path in (LENA, ABOUT)}
    monkeypatch.setattr(fragments, "ENABLED", True)
    assert settings.FRAME_CACHE_MAX_ENTRIES < 6000
    for path in (LENA, ABOUT):
        crawl = {f"fragment:product-{n}:de:1": "<p>…</p>" for n in range(6000)}
        caches[fragments.CACHE].set_many(crawl)
        # The page's own fragments went with the crawl; the frame and the route did not.
        assert queries(client, path) == whole[path]
