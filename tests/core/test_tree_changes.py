"""A change of the tree (a page created, retitled, published, unpublished, deleted; a translation
published) shows on the next request on every page that lists, links or shows that page, in
every list of its type, and in the language links of its translations; the fragments of pages
that show none of it stay in place (`content_version.invalidate_tree`, the `tree:`, `tk:` and
`pagetree:` reads of `core.dependencies`). With the page cache on and off: the page cache is
purged by every change, the fragments are not."""

from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from core import content_version, dependencies
from designers.models import StoryDesigner, StoryPage
from easyread.models import EasyReadIndexPage
from tests.core import test_fragment_reads as story_site
from tests.factories import (
    DesignerPageFactory,
    StoryPageFactory,
    publish,
    translate,
)
from tests.visits import queries

pytestmark = [pytest.mark.django_db, pytest.mark.no_demo]

# The site of `test_fragment_reads`: a home with the newest stories, a designer index and page,
# a story index with two stories (one featuring the designer), an about page.
page_cache, site = story_site.page_cache, story_site.site
shown, render_all = story_site.shown, story_site.render_all

LISTS = ("home", "stories", "designer")


def new_story(site, title="Die Werkbank", day=6):
    """An editor's new story: saved as a draft (nobody sees it), then published."""
    story = StoryPageFactory.build(
        title=title, slug="werkbank", lead="Aus dem Depot.", date=date(2030, 5, day), live=False
    )
    site["stories"].add_child(instance=story)
    StoryDesigner.objects.create(page=story, designer=site["designer"])
    return story


def test_a_new_story_shows_in_every_list_on_the_next_request(client, site):
    render_all(client, site)
    story = new_story(site)
    for name in LISTS:
        assert "Die Werkbank" not in shown(client, site[name].url), name  # a draft: nothing
    publish(story)
    assert "Aus dem Depot." in shown(client, story.url)
    for name in LISTS:
        assert "Die Werkbank" in shown(client, site[name].url), name


def test_a_new_story_leaves_the_fragments_of_pages_that_list_no_story(client, site):
    """The about page lists no story: after a story's publish it is rendered from its kept
    fragments, as after an edit of a page it does not show, not worked out as after a change of
    everything."""
    about = site["about"].url
    render_all(client, site)
    other = site["other"]
    other.lead = "Ein anderer Tag am Kanal."
    publish(other)  # a content edit of a page the about page does not show
    kept = queries(client, about)
    publish(new_story(site))
    assert queries(client, about) == kept
    content_version.invalidate()  # a move, a snippet, a sync: everything is worked out again
    assert queries(client, about) > kept


def test_a_retitled_story_shows_its_new_title_everywhere(client, site):
    render_all(client, site)
    story = site["story"]
    story.title = "Vom Sitz aus Eiche"
    publish(story)
    assert "<h1" in (page := shown(client, story.url)) and "Vom Sitz aus Eiche" in page
    for name in LISTS:
        html = shown(client, site[name].url)
        assert "Vom Sitz aus Eiche" in html, name
    assert client.get(story.url).status_code == 200  # the address stays


@pytest.mark.parametrize("gone", ["unpublished", "deleted"])
def test_a_story_taken_down_leaves_every_list_and_its_address(client, site, gone):
    render_all(client, site)
    story = site["story"]
    url = story.url
    if gone == "unpublished":
        story.unpublish()
    else:
        story.delete()
    assert client.get(url).status_code == 404
    for name in LISTS:
        assert "Vom Sitz" not in shown(client, site[name].url), name
    if gone == "unpublished":
        publish(StoryPage.objects.get(pk=story.pk))  # and back
        assert client.get(url).status_code == 200
        for name in LISTS:
            assert "Vom Sitz" in shown(client, site[name].url), name


def test_a_new_designer_shows_in_the_designer_index(client, site):
    """The index lists designers A to Z by title alone: a list of the tree, no content."""
    render_all(client, site)
    designer = DesignerPageFactory.build(title="Anna Albers", slug="anna-albers", live=False)
    site["designers"].add_child(instance=designer)
    assert "Anna Albers" not in shown(client, site["designers"].url)
    publish(designer)
    assert "Anna Albers" in shown(client, site["designers"].url)
    designer.title = "Zora Zander"
    publish(designer)
    html = shown(client, site["designers"].url)
    assert "Anna Albers" not in html
    assert html.index("Hanna Lindgren") < html.index("Zora Zander")


def test_a_new_easy_read_section_shows_in_every_header(client, site):
    """The header links the first live easy-read start page, found by type and place alone."""
    render_all(client, site)
    assert "easy-read-link" not in shown(client, site["about"].url)
    start = EasyReadIndexPage(
        title="Leichte Sprache", slug="leichte-sprache", standard_page=site["home"], live=False
    )
    site["home"].add_child(instance=start)
    assert "easy-read-link" not in shown(client, site["about"].url)  # a draft
    publish(start)
    for name in ("about", "story", "designers"):
        assert 'class="easy-read-link" href="/de/leichte-sprache/"' in shown(
            client, site[name].url
        ), name
    start.unpublish()
    assert "easy-read-link" not in shown(client, site["about"].url)


def test_a_published_translation_shows_in_the_language_links_of_the_others(client, site):
    """The about page lists no page of its type: only the translation key it looked up tells
    that a French page of it has come (or gone)."""
    about = site["about"]
    translate(site["home"], "fr")  # a language's home: everything is replaced
    render_all(client, site)
    french = translate(about, "fr", title="À propos")
    link = f'<a href="{french.url}" hreflang="fr"'
    assert link in shown(client, about.url)
    french.unpublish()
    assert french.url not in shown(client, about.url)
    publish(Page.objects.get(pk=french.pk).specific)  # no French page was made: its key was read
    assert link in shown(client, about.url)


def test_a_new_page_keeps_the_routes(client, site):
    """The routing memo stays across a change of the tree: a remembered page asks no page by
    slug on its next visit."""
    render_all(client, site)
    publish(new_story(site))
    with CaptureQueriesContext(connection) as captured:
        assert client.get(site["story"].url).status_code == 200
    assert not [q for q in captured if '"slug" =' in q["sql"]]


# ------------------------------------------------------------ what a query counts as read


def reads_of(queryset):
    with dependencies.recording() as reads:
        list(queryset)
    return reads


def test_a_list_of_stories_reads_the_tree_of_stories(site):
    reads = reads_of(StoryPage.objects.live().order_by("title"))
    assert reads.trees == {"designers_storypage"}  # not every page's tree: its joined base too


def test_a_page_named_by_id_is_read_as_that_page_not_as_a_list(site):
    story = site["story"]
    reads = reads_of(StoryPage.objects.filter(pk=story.pk, live=True).values_list("title"))
    assert reads.trees == set()
    assert reads.pages == {story.pk}  # from the parameters: the values made no page


def test_a_named_page_or_any_other_is_a_list(site):
    story = site["story"]
    reads = reads_of(StoryPage.objects.filter(Q(pk=story.pk) | Q(live=True)))
    assert reads.trees == {"designers_storypage"}


def test_translations_looked_up_are_read_by_their_key(site):
    story = site["story"]
    reads = reads_of(StoryPage.objects.filter(translation_key=story.translation_key, live=True))
    assert reads.trees == set()
    assert reads.translations == {story.translation_key.hex}


def test_pages_picked_by_content_type_read_the_tree_of_those_types(site):
    story_type = ContentType.objects.get_for_model(StoryPage)
    reads = reads_of(Page.objects.live().filter(content_type=story_type).order_by("path"))
    assert reads.trees == {"designers_storypage"}
    assert reads_of(Page.objects.live().order_by("path")).trees == {"wagtailcore_page"}
