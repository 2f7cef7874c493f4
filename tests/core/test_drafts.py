"""What an editor's drafts do to what visitors are served (`core.content_version`): saving a
draft of a live page, or creating, saving and deleting a page that has never been published,
changes nothing on the site, so the kept pages stay kept (a draft saved all afternoon no longer
makes every visitor's next page a render) and visitors see the live page until the publish,
which shows on the very next request. A draft below which live pages stand is not such a draft:
changing its address moves theirs."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Page

from core import content_version
from core.models import ContentPage
from core.typography import SOFT_HYPHEN
from tests.admin_forms import page_form_data
from tests.factories import ContentPageFactory, HomePageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.no_demo]


@pytest.fixture
def home():
    return HomePageFactory(title="Startseite")


@pytest.fixture
def about(home):
    return ContentPageFactory(parent=home, title="Über das Projekt", slug="ueber-das-projekt")


@pytest.fixture
def editor(admin_client):
    return admin_client


@pytest.fixture
def visitor():
    return Client()


def seen(visitor, path) -> tuple[str, int, str]:
    """(X-Cache, status, text) of a visitor's GET."""
    response = visitor.get(path)
    text = response.content.decode().replace(SOFT_HYPHEN, "")
    return response.get("X-Cache"), response.status_code, text


def kept(visitor, path) -> bool:
    """Whether the page is served from the page cache on the visitor's second request."""
    seen(visitor, path)
    return seen(visitor, path)[0] == "hit"


def post_form(editor, url, **fields):
    """Posts the page editor at `url` back as the editor's browser would, with `fields`
    changed ("Save draft", unless an action is among them)."""
    page = editor.get(url)
    assert page.status_code == 200
    data = page_form_data(page.content.decode())
    data.update(fields)
    return editor.post(url, data)


def edit(editor, page, **fields):
    return post_form(editor, reverse("wagtailadmin_pages:edit", args=[page.pk]), **fields)


def create_draft(editor, parent, title, slug):
    url = reverse("wagtailadmin_pages:add", args=["core", "contentpage", parent.pk])
    response = post_form(editor, url, title=title, slug=slug)
    assert response.status_code == 302, response.content.decode()[:2000]
    return ContentPage.objects.get(slug=slug)


def test_a_draft_of_a_live_page_leaves_what_visitors_are_served(editor, visitor, home, about):
    for path in ("/de/", about.url):
        assert kept(visitor, path)
    version = content_version.current()

    response = edit(editor, about, title="Über das Projekt – Entwurf")
    assert response.status_code == 302
    about.refresh_from_db()
    assert about.has_unpublished_changes and about.draft_title.endswith("Entwurf")

    assert content_version.current() == version
    state, status, text = seen(visitor, about.url)
    assert (state, status) == ("hit", 200)
    assert "Über das Projekt" in text and "Entwurf" not in text
    assert seen(visitor, "/de/")[0] == "hit"

    edit(editor, about, title="Über das Projekt – Entwurf", **{"action-publish": "action-publish"})
    state, status, text = seen(visitor, about.url)
    assert (state, status) == ("miss", 200)
    assert "Über das Projekt – Entwurf" in text


def test_a_new_page_is_nothing_to_visitors_until_it_is_published(
    editor, visitor, home, about, django_capture_on_commit_callbacks
):
    for path in ("/de/", about.url):
        assert kept(visitor, path)
    version = content_version.current()

    draft = create_draft(editor, home, "Neue Werkstattgeschichte", "neue-werkstattgeschichte")
    assert not draft.live
    # Saved again, with another title and address: still nobody's to see. Committed as the
    # admin's request is (Wagtail tells of a new slug once it is committed).
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = edit(editor, draft, title="Werkstattgeschichte", slug="werkstattgeschichte")
    assert response.status_code == 302
    assert callbacks  # among them Wagtail's `page_slug_changed`
    draft.refresh_from_db()
    assert draft.slug == "werkstattgeschichte"

    assert content_version.current() == version
    assert seen(visitor, "/de/")[0] == "hit"
    assert seen(visitor, about.url)[0] == "hit"
    assert seen(visitor, "/de/werkstattgeschichte/")[1] == 404

    edit(editor, draft, **{"action-publish": "action-publish"})
    state, status, text = seen(visitor, "/de/werkstattgeschichte/")
    assert (state, status) == ("miss", 200)
    assert "Werkstattgeschichte" in text
    assert seen(visitor, "/de/")[0] == "miss"


def test_deleting_a_page_never_published_leaves_what_visitors_are_served(
    editor, visitor, home, about
):
    draft = create_draft(editor, home, "Verworfener Entwurf", "verworfener-entwurf")
    assert kept(visitor, about.url)
    version = content_version.current()

    response = editor.post(reverse("wagtailadmin_pages:delete", args=[draft.pk]))
    assert response.status_code == 302
    assert not Page.objects.filter(pk=draft.pk).exists()

    assert content_version.current() == version
    assert seen(visitor, about.url)[0] == "hit"


def test_deleting_a_live_page_is_seen_at_once(editor, visitor, home, about):
    assert kept(visitor, about.url)
    response = editor.post(reverse("wagtailadmin_pages:delete", args=[about.pk]))
    assert response.status_code == 302
    assert seen(visitor, about.url)[1] == 404


def test_a_draft_with_live_pages_below_moves_them_when_its_address_changes(
    editor, visitor, home, about
):
    """Wagtail routes through a page that is not live to a live one below it: such a draft's
    new address is the address of the pages below, so it is a change visitors see."""
    below = ContentPageFactory(parent=about, title="Werkstatt", slug="werkstatt")
    about.unpublish()  # the page alone, as the admin does unless asked
    below.refresh_from_db()
    assert below.live and below.url == "/de/ueber-das-projekt/werkstatt/"
    assert kept(visitor, below.url)

    response = edit(editor, Page.objects.get(pk=about.pk), slug="projekt")
    assert response.status_code == 302

    assert seen(visitor, "/de/ueber-das-projekt/werkstatt/")[1] == 404
    state, status, text = seen(visitor, "/de/projekt/werkstatt/")
    assert (state, status) == ("miss", 200)
    assert "Werkstatt" in text


def test_a_story_says_it_was_modified_when_it_was_published_not_when_a_draft_was_saved(
    editor, visitor, home
):
    """The date a search engine reads as the story's last change is its last publish; a draft
    saved since is nothing visitors have seen (and no longer makes the page render again)."""
    import datetime
    import json
    import re

    from tests.factories import StoryIndexPageFactory, StoryPageFactory

    stories = StoryIndexPageFactory(parent=home, slug="geschichten")
    story = StoryPageFactory(parent=stories, title="Im Depot", date=datetime.date(2026, 5, 4))
    # A story that went live without a publish of its own (an import): no publish date.
    Page.objects.filter(pk=story.pk).update(last_published_at=None)
    edit(editor, Page.objects.get(pk=story.pk), title="Im Depot (Entwurf)")

    state, _status, html = seen(visitor, story.url)
    assert state == "miss"  # its first render, after the draft
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    blocks = [json.loads(script) for script in scripts]
    articles = [
        node
        for block in blocks
        for node in (block if isinstance(block, list) else block.get("@graph", [block]))
        if node.get("@type") == "Article"
    ]
    assert articles, blocks
    assert articles[0]["headline"] == "Im Depot"
    assert articles[0]["dateModified"] == "2026-05-04"
