"""A page below a language's home given a new slug (the admin's "Promote" tab, then "Publish"):
its address and the addresses of the pages below it change, nothing else of the tree
(`content_version.invalidate_addresses`). On the very next request every page, in every
language, is what a render from scratch shows: the menu, the language links, the cards and lists
link the new addresses; the old ones lead there. What read nothing of that branch stays kept:
other pages' routes and fragments."""

import re
from functools import partial

import pytest
from django.conf import settings
from django.core.cache import caches
from wagtail.models import Page

from core import content_version
from project.models import ProjectPage
from tests import visits
from tests.factories import publish
from tests.visits import queries_asked

# Pages read as a visitor reads their texts and addresses (entities decoded).
shown = partial(visits.shown, unescape=True)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uncached_pages_with_fragments")]

OLD, NEW = "/de/ueber-das-projekt/", "/de/projekt/"
PRODUCT = "/de/produkte/overhead-line-lamp/"


def addresses(client) -> list[str]:
    """Every page and product of the sitemap, in every language, as paths."""
    sitemap = client.get("/sitemap.xml").content.decode()
    return sorted(
        {re.sub(r"^https?://[^/]+", "", loc) for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)}
    )


def everything_forgotten():
    for alias in settings.CACHES:
        caches[alias].clear()
    content_version.reset()


def project():
    return ProjectPage.objects.get(locale__language_code="de", slug="ueber-das-projekt")


BRANCHES = {
    # Linked from the German menu; the Depot's two pages below it.
    "project": ("ueber-das-projekt", "projekt"),
    # The designers below it are linked from product pages, stories and cards, which read
    # each designer's page, not the index above it.
    "designers": ("designerinnen", "gestalterinnen"),
}


@pytest.mark.parametrize("branch", BRANCHES)
def test_a_new_slug_shows_on_every_page_as_a_render_from_scratch(
    client, demo, django_capture_on_commit_callbacks, branch
):
    old_slug, new_slug = BRANCHES[branch]
    old, new = f"/de/{old_slug}/", f"/de/{new_slug}/"
    page = Page.objects.get(locale__language_code="de", depth=3, slug=old_slug).specific
    assert page.get_children().live().exists()
    urls = addresses(client)
    assert old in urls and len(urls) > 100
    for url in urls:  # every page kept: its fragments, its route, the frame
        shown(client, url)

    page.slug = new_slug
    with django_capture_on_commit_callbacks(execute=True):  # as the admin's request commits
        publish(page)

    urls = addresses(client)
    assert not [url for url in urls if url.startswith(old)]
    moved = [url for url in urls if url.startswith(new)]
    assert len(moved) > 1  # the page and those below it
    kept = {url: shown(client, url) for url in urls}
    everything_forgotten()
    for url in urls:
        assert shown(client, url) == kept[url], url
    assert len([url for url, text in kept.items() if f'href="{new}' in text]) > 20
    assert not [url for url, text in kept.items() if f'href="{old}' in text]
    response = client.get(old)
    assert response.status_code in (301, 302)  # Wagtail's redirect from the old address
    assert response["Location"].endswith(new)


def test_the_old_addresses_of_the_pages_below_lead_to_their_new_ones(
    client, demo, django_capture_on_commit_callbacks
):
    page = project()
    children = list(page.get_children().live().specific())
    olds = [child.get_url() for child in children]
    for url in [OLD, *olds]:
        shown(client, url)  # remembered

    page.slug = "projekt"
    with django_capture_on_commit_callbacks(execute=True):  # as the admin's request commits
        publish(page)

    for child, old in zip(children, olds, strict=True):
        new = old.replace(OLD, NEW, 1)
        assert child.title in shown(client, new)
        response = client.get(old)
        assert response.status_code in (301, 302), old
        assert response["Location"].endswith(new)


def test_what_read_nothing_of_the_branch_stays_kept(
    client, demo, django_capture_on_commit_callbacks
):
    """A product page reads nothing of the project's branch but the menu's link to it: after the
    new slug it asks for the menu's linked pages again and nothing else; its route, the Locales,
    its fragments stay. Everything replaced (`content_version.invalidate`, what a move does)
    makes it walk and render from scratch."""
    for _ in range(2):
        shown(client, PRODUCT)
    steady = queries_asked(client, PRODUCT)

    page = project()
    page.slug = "projekt"
    with django_capture_on_commit_callbacks(execute=True):  # as the admin's request commits
        publish(page)
    after = queries_asked(client, PRODUCT)
    assert f'href="{NEW}"' in shown(client, PRODUCT)

    content_version.invalidate()
    replaced = queries_asked(client, PRODUCT)
    # The menu's entries and the addresses of the pages they link, asked again; nothing else.
    added = [sql for sql in after if sql not in steady]
    assert len(after) == len(steady) + 2, after
    assert [sql.split(" FROM ", 1)[1].split()[0] for sql in added] == [
        '"core_navigationitem"',
        '"wagtailcore_page"',
    ], added
    assert len(replaced) > len(after) + 10, replaced
