"""A content edit of one page shows on the next request on every page that shows anything of it,
and leaves the fragments of pages that show nothing of it in place (`core.dependencies`,
`content_version.kept_with_reads`). With the page cache on and off: the page cache is purged by
every change, the fragments are not."""

from datetime import date

import pytest

from core import content_version
from designers.models import StoryDesigner
from tests.factories import (
    ContentPageFactory,
    DesignerIndexPageFactory,
    DesignerPageFactory,
    HomePageFactory,
    ImageFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
    paragraph,
    publish,
)
from tests.visits import queries, shown

pytestmark = [pytest.mark.django_db, pytest.mark.no_demo]


@pytest.fixture(params=["page cache off", "page cache on"])
def page_cache(request, settings):
    settings.PAGE_CACHE_TIMEOUT = 0 if request.param == "page cache off" else 300
    return request.param


@pytest.fixture
def site(page_cache):
    home = HomePageFactory(
        body=[("latest_stories", {"heading": "Neu im Quartier", "count": 3})],
    )
    designers = DesignerIndexPageFactory(parent=home, slug="designer")
    designer = DesignerPageFactory(parent=designers, title="Hanna Lindgren", city="Aachen")
    stories = StoryIndexPageFactory(parent=home, slug="geschichten")
    # Dated after the demo's stories (the demo may be loaded: the home page's teasers are the
    # newest stories in German, of every site).
    story = StoryPageFactory(
        parent=stories, title="Vom Sitz", lead="Wie der Sitz entsteht.", date=date(2030, 5, 4)
    )
    StoryDesigner.objects.create(page=story, designer=designer)
    publish(story)
    other = StoryPageFactory(
        parent=stories, title="Am Kanal", lead="Ein Tag am Kanal.", date=date(2030, 5, 3)
    )
    about = ContentPageFactory(parent=home, title="Über uns", slug="ueber-uns")
    return {
        "home": home,
        "designers": designers,
        "designer": designer,
        "stories": stories,
        "story": story,
        "other": other,
        "about": about,
    }


def render_all(client, site):
    """Every page once (and again: the steady state), so whatever they keep is kept."""
    for _ in range(2):
        for name in ("home", "designers", "designer", "stories", "story", "other", "about"):
            shown(client, site[name].url)


def test_a_story_edit_shows_on_every_page_that_shows_the_story(client, site):
    render_all(client, site)
    story = site["story"]
    story.lead = "Jetzt aus Eiche vom Lousberg."
    story.body = paragraph("<p>Neu geschrieben im Depot.</p>")
    publish(story)
    page = shown(client, story.url)
    assert "Jetzt aus Eiche vom Lousberg." in page
    assert "Neu geschrieben im Depot." in page
    for name in ("home", "stories", "designer"):
        html = shown(client, site[name].url)
        assert "Jetzt aus Eiche vom Lousberg." in html, name
        assert "Wie der Sitz entsteht." not in html, name


def test_a_story_that_now_features_a_designer_shows_on_their_page(client, site):
    render_all(client, site)
    assert "Am Kanal" not in shown(client, site["designer"].url)
    other = site["other"]
    StoryDesigner.objects.create(page=other, designer=site["designer"])
    publish(other)  # the story's own child row: a content edit of the story, not the designer
    assert "Am Kanal" in shown(client, site["designer"].url)


def test_a_story_dated_newer_moves_up_the_home_page_teasers(client, site, settings):
    render_all(client, site)
    home = site["home"]
    home.body = [("latest_stories", {"heading": "Neu im Quartier", "count": 1})]
    publish(home)
    assert "Vom Sitz" in shown(client, home.url)  # the newer of the two
    other = site["other"]
    other.date = date(2031, 1, 1)
    publish(other)  # shows on the home page although the home page did not show it before
    html = shown(client, home.url)
    assert "Am Kanal" in html
    assert "Vom Sitz" not in html


def test_a_designer_edit_shows_in_the_story_that_features_them(client, site):
    render_all(client, site)
    designer = site["designer"]
    designer.city = "Eupen"
    publish(designer)
    assert "Eupen" in shown(client, site["story"].url)
    assert "Eupen" in shown(client, site["designers"].url)


def test_the_home_page_image_edit_shows_in_the_heads_of_pages_that_share_it(client, site):
    from core.models import SiteSettings

    SiteSettings.objects.update(default_social_image=None)  # the demo's, where it is loaded
    content_version.invalidate()  # an update() sends no signal
    render_all(client, site)
    home = site["home"]
    home.social_image = ImageFactory(title="Kanalufer")
    publish(home)
    rendition = home.social_image.get_rendition("fill-1200x630").url.rsplit(".", 1)[0]
    assert rendition in shown(client, site["about"].url)  # the about page has no image of its own


def test_an_edit_shows_in_the_search_hits(client, site):
    render_all(client, site)
    assert "Vom Sitz" not in shown(client, "/de/suche/?q=Leinöl")
    story = site["story"]
    story.lead = "Geschliffen mit Leinöl."
    publish(story)
    assert "Vom Sitz" in shown(client, "/de/suche/?q=Leinöl")


def test_an_edit_of_another_page_leaves_the_fragments_in_place(client, site, page_cache):
    render_all(client, site)
    url = site["story"].url
    steady = queries(client, url)
    about = site["about"]
    about.body = paragraph("<p>Wir sind umgezogen.</p>")
    publish(about)
    assert "Wir sind umgezogen." in shown(client, about.url)
    after_edit = queries(client, url)
    content_version.invalidate()  # a structural change: every fragment is rendered again
    after_structure = queries(client, url)
    assert after_edit < after_structure
    if page_cache == "page cache off":
        assert after_edit == steady


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_edit_committed_in_a_transaction_shows_and_leaves_other_fragments(
    client, site, page_cache
):
    """The versions are replaced again when the transaction commits (`transaction.on_commit`):
    still only the edited page's."""
    from django.db import transaction

    render_all(client, site)
    url = site["story"].url
    steady = queries(client, url)
    about = site["about"]
    with transaction.atomic():
        about.body = paragraph("<p>Neue Öffnungszeiten im Depot.</p>")
        publish(about)
    assert "Neue Öffnungszeiten im Depot." in shown(client, about.url)
    after_edit = queries(client, url)
    if page_cache == "page cache off":
        assert after_edit == steady
    content_version.invalidate()
    assert after_edit < queries(client, url)
    story = site["story"]
    with transaction.atomic():
        story.lead = "Gedrechselt am Lousberg."
        publish(story)
    for name in ("story", "home", "stories", "designer"):
        assert "Gedrechselt am Lousberg." in shown(client, site[name].url), name
