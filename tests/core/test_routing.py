"""A visited page's address, site, Locale and private sections are remembered (`core.routing`),
and every change an editor makes still shows on the very next request. The pages are the test's
own (tests/factories.py), except the product route, which needs the demo's catalogue."""

from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from core.models import ContentPage
from core.typography import SOFT_HYPHEN  # from |hyphenate: not part of the words
from designers.models import DesignerPage
from tests.factories import (
    ContentPageFactory,
    DesignerIndexPageFactory,
    DesignerPageFactory,
    HomePageFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
)

pytestmark = pytest.mark.django_db
no_demo = pytest.mark.no_demo

LENA = "/de/designerinnen/lena-hoffmann/"


@pytest.fixture
def pages():
    """A German home with a designer, a story and a content page below their index pages."""
    home = HomePageFactory()
    designers = DesignerIndexPageFactory(parent=home, title="Designer:innen", slug="designerinnen")
    DesignerPageFactory(
        parent=designers,
        title="Lena Hoffmann",
        slug="lena-hoffmann",
        lead="Lena Hoffmann näht aus ausgemusterten Sitzbezügen Taschen.",
    )
    stories = StoryIndexPageFactory(parent=home, title="Geschichten", slug="geschichten")
    story = StoryPageFactory(parent=stories, title="Vom Sitz zur Tasche")
    about = ContentPageFactory(parent=home, title="Über das Projekt", slug="ueber-das-projekt")
    return SimpleNamespace(
        home=home, designers=designers, stories=stories, story=story, about=about
    )


def lena():
    """The test's designer (the newest of that slug: the demo, when loaded, has one too)."""
    return DesignerPage.objects.filter(locale__language_code="de", slug="lena-hoffmann").latest(
        "pk"
    )


@pytest.fixture(params=["remembered by a walk from scratch", "remembered below the home"])
def first_visit(request, client, pages):
    """How a page's address comes to be remembered: by Wagtail's walk from the language's home
    (the first page visited), or by the walk down from the remembered home (the home first)."""
    if request.param == "remembered below the home":
        assert client.get("/de/").status_code == 200


def page_queries(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return sum('FROM "wagtailcore_page"' in q["sql"] for q in queries)


@no_demo
@pytest.mark.usefixtures("uncached_pages")
def test_a_remembered_address_costs_one_page_query_instead_of_two_per_level(client, pages):
    client.get(LENA)
    cold_route = page_queries(client, LENA)
    from core.frame import reset

    reset()  # forget everything: Wagtail walks home → index → designer again
    assert page_queries(client, LENA) > cold_route


@no_demo
@pytest.mark.usefixtures("uncached_pages")
def test_a_deep_page_found_below_the_remembered_home_is_remembered_too(client, pages):
    """Once the home is remembered, a deeper page is found by walking down from it: that page is
    remembered as well, so its next visit asks no page by slug and costs what a page remembered
    from scratch costs."""
    client.get(LENA)
    remembered = page_queries(client, LENA)
    from core.frame import reset

    reset()
    assert client.get("/de/").status_code == 200  # the home alone is remembered
    client.get(LENA)  # walks home → index → designer, once
    with CaptureQueriesContext(connection) as queries:
        assert client.get(LENA).status_code == 200
    assert not [q["sql"] for q in queries if '"wagtailcore_page"."slug" =' in q["sql"]]
    assert page_queries(client, LENA) == remembered


@no_demo
@pytest.mark.usefixtures("first_visit")
def test_a_new_slug_serves_at_once_and_the_old_address_no_longer_shows_the_page(client, pages):
    assert client.get(LENA).status_code == 200  # remembered now
    page = lena()
    page.slug = "lena-hoffmann-studio"
    page.save_revision().publish()
    new = client.get("/de/designerinnen/lena-hoffmann-studio/")
    assert new.status_code == 200
    assert "Lena Hoffmann" in new.content.decode()
    old = client.get(LENA)
    assert old.status_code in (301, 302, 404)  # Wagtail's automatic redirect, never the old page
    if old.status_code != 404:
        assert old["Location"].endswith("/de/designerinnen/lena-hoffmann-studio/")


@no_demo
@pytest.mark.usefixtures("uncached_pages")
def test_a_new_slug_above_a_page_walks_to_it_afresh_and_keeps_other_routes(client, pages):
    """A new slug of the designer index moves Lena's address too, and only those: the story's
    remembered route is still used (it asks the pages' table what it asked before), Lena's old
    address no longer shows her page, her new one does (`content_version.invalidate_addresses`
    keeps the routes; `routing._stands_at` tells a remembered page that moved)."""
    story = pages.story.url
    for path in (story, LENA):
        client.get(path)
    before = page_queries(client, story)
    pages.designers.slug = "gestalterinnen"
    pages.designers.save_revision().publish()
    assert page_queries(client, story) == before
    new = "/de/gestalterinnen/lena-hoffmann/"
    assert "Lena Hoffmann" in client.get(new).content.decode()
    assert client.get(LENA).status_code in (301, 302, 404)  # never the page at its old address


@no_demo
def test_a_new_slug_above_another_sites_root_keeps_that_site_whole(client, pages, settings):
    """A second site whose root stands below the page given a new slug: its addresses do not
    change (they start at its root), but the root's place in the tree does, which Wagtail keeps
    apart: its pages keep their addresses and their canonical links."""
    from wagtail.models import Site

    settings.ALLOWED_HOSTS = ["testserver", "werkstatt.example"]
    root = pages.about.add_child(instance=ContentPage(title="Werkstatt-Website", slug="werkstatt"))
    offer = root.add_child(instance=ContentPage(title="Angebot", slug="angebot"))
    Site.objects.create(hostname="werkstatt.example", port=80, root_page=root)
    canonical = '<link rel="canonical" href="http://werkstatt.example/de/angebot/">'
    first = client.get("/de/angebot/", HTTP_HOST="werkstatt.example")
    assert canonical in first.content.decode()

    pages.about.slug = "projekt"
    pages.about.save_revision().publish()
    offer.refresh_from_db()
    assert offer.url_path.endswith("/projekt/werkstatt/angebot/")
    again = client.get("/de/angebot/", HTTP_HOST="werkstatt.example")
    assert again.status_code == 200
    assert canonical in again.content.decode()


@no_demo
def test_a_move_above_another_sites_root_keeps_that_site_whole(
    client, pages, settings, django_capture_on_commit_callbacks
):
    """The same for a page moved with a second site's root below it, in the admin's
    transaction: Wagtail forgets the sites' root addresses only when a root itself is saved,
    and a move writes the addresses below the moved page after the moved page's own save. A
    request of another process between that save and the commit reads the old root addresses
    and keeps them (here: put back as that request would have); they are forgotten once the
    move is committed, so that site's pages keep their canonical links."""
    from django.core.cache import cache
    from django.db import transaction
    from wagtail.models import Site
    from wagtail.models.sites import SITE_ROOT_PATHS_CACHE_KEY, SITE_ROOT_PATHS_CACHE_VERSION

    settings.ALLOWED_HOSTS = ["testserver", "werkstatt.example"]
    root = pages.about.add_child(instance=ContentPage(title="Werkstatt-Website", slug="werkstatt"))
    offer = root.add_child(instance=ContentPage(title="Angebot", slug="angebot"))
    Site.objects.create(hostname="werkstatt.example", port=80, root_page=root)
    canonical = '<link rel="canonical" href="http://werkstatt.example/de/angebot/">'
    assert canonical in client.get("/de/angebot/", HTTP_HOST="werkstatt.example").content.decode()
    before = Site.get_site_root_paths()

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        pages.about.move(pages.stories, pos="last-child")
        cache.set(SITE_ROOT_PATHS_CACHE_KEY, before, version=SITE_ROOT_PATHS_CACHE_VERSION)
    offer.refresh_from_db()
    assert "/geschichten/ueber-das-projekt/werkstatt/angebot/" in offer.url_path
    again = client.get("/de/angebot/", HTTP_HOST="werkstatt.example")
    assert again.status_code == 200
    assert canonical in again.content.decode()


@no_demo
@pytest.mark.usefixtures("first_visit")
def test_an_unpublished_page_is_gone_on_the_next_request(client, pages):
    assert client.get(LENA).status_code == 200
    lena().unpublish()
    assert client.get(LENA).status_code == 404


@no_demo
@pytest.mark.usefixtures("first_visit")
def test_a_deleted_page_is_gone_on_the_next_request(client, pages):
    assert client.get(LENA).status_code == 200
    lena().delete()
    assert client.get(LENA).status_code == 404


@no_demo
@pytest.mark.usefixtures("first_visit")
def test_a_moved_page_answers_at_its_new_address(client, pages):
    about = pages.about
    assert client.get("/de/ueber-das-projekt/").status_code == 200
    stories = pages.stories
    about.move(stories, pos="last-child")
    assert client.get(f"{stories.url}ueber-das-projekt/").status_code == 200
    assert client.get("/de/ueber-das-projekt/").status_code != 200


@no_demo
@pytest.mark.usefixtures("first_visit")
def test_a_page_made_private_asks_for_the_password_at_once(client, pages):
    lead = lena().lead
    assert lead in client.get(LENA).content.decode()
    PageViewRestriction.objects.create(
        page=lena(), restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    response = client.get(LENA)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="password"' in html
    assert lead not in html


def shown(response) -> str:
    """The page as a visitor reads it: without the soft hyphens of |hyphenate."""
    return response.content.decode().replace(SOFT_HYPHEN, "")


@no_demo
@pytest.mark.usefixtures("first_visit")
def test_a_private_section_drops_out_of_the_lists_at_once(client, pages):
    index = pages.designers
    story = pages.story
    stories_url = pages.stories.url
    assert story.title in shown(client.get(stories_url))
    restriction = PageViewRestriction.objects.create(
        page=story, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    assert story.title not in shown(client.get(stories_url))
    restriction.delete()
    assert story.title in shown(client.get(stories_url))
    assert client.get(index.url).status_code == 200


def test_an_address_that_is_no_page_is_still_a_404_and_products_still_route(client, demo):
    assert client.get("/de/designerinnen/niemand/").status_code == 404
    assert client.get("/de/designerinnen/niemand/").status_code == 404
    assert client.get("/de/produkte/overhead-line-lamp/").status_code == 200
    assert client.get("/de/produkte/overhead-line-lamp/").status_code == 200
    assert client.get("/de/produkte/kein-produkt/").status_code == 404


@no_demo
@pytest.mark.usefixtures("first_visit")
def test_an_unknown_host_is_refused_and_a_second_site_gets_its_own_pages(client, pages, settings):
    from wagtail.models import Site

    assert client.get("/de/", HTTP_HOST="evil.example").status_code == 400
    settings.ALLOWED_HOSTS = ["testserver", "zweite.example"]
    other_root = Page.objects.get(depth=1).add_child(
        instance=ContentPage(title="Zweite Website", slug="zweite")
    )
    Site.objects.create(hostname="zweite.example", port=80, root_page=other_root)
    assert client.get("/de/").status_code == 200  # the default site, remembered
    other = client.get("/de/", HTTP_HOST="zweite.example")
    assert other.status_code == 200
    assert "Zweite Website" in other.content.decode()
