"""A page another page only links (a call to action's button, a card, a step of the project's
approach: `core.blocks.PageLinkBlock`) is read by its address and title, not its content: an
editor's edit of its text leaves the linking page's parts in place (the home page was rendered
again, whole, after every edit of the project page its button links), and a new address or
title shows there on the very next request, in every language."""

from functools import partial

import pytest
from django.utils import translation
from wagtail.models import Locale, Page

from core.typography import SOFT_HYPHEN
from tests import visits
from tests.factories import publish
from tests.visits import queries_asked

shown = partial(visits.shown, unescape=True)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uncached_pages_with_fragments")]

LANGUAGES = ("de", "en", "nl", "fr")


def project_page(code: str):
    """The project page in `code`: the page the home page's call to action links there."""
    german = Page.objects.get(url_path__endswith="/ueber-das-projekt/", locale__language_code="de")
    return german.get_translation(Locale.objects.get(language_code=code)).specific


def button(page: str) -> str:
    """The home page's call to action, as a visitor's browser reads it."""
    return page.split('<aside class="cta">', 1)[1].split("</aside>", 1)[0]


@pytest.mark.parametrize("code", LANGUAGES)
def test_an_edit_of_a_linked_page_leaves_the_page_that_links_it_and_a_new_address_shows(
    client, demo, code
):
    home = f"/{code}/"
    about = project_page(code)
    assert f'href="{about.url}"' in button(shown(client, home))
    shown(client, home)
    before, asked = shown(client, home), queries_asked(client, home)

    # An editor rewrites the linked page's text: nothing of it shows on the home page.
    about.body = [("paragraph", f"<p>Neu geschrieben ({code}).</p>")]
    publish(about)
    assert f"Neu geschrieben ({code})" in shown(client, about.url)
    assert queries_asked(client, home) == asked  # its parts kept: no query more
    assert shown(client, home) == before

    # A new slug: the button leads to the new address at once.
    old_url = about.url
    about.slug = f"projekt-{code}"
    about = publish(about)
    assert about.url != old_url
    page = shown(client, home)
    assert f'href="{about.url}"' in button(page)
    assert old_url not in page.replace(SOFT_HYPHEN, "")


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_step_of_the_approach_shows_the_new_title_of_the_page_it_links(client, demo, code):
    """The project page's approach links the Depot's resources page by its title: an edit of
    that page's text leaves the project page's parts; its new title shows there at once."""
    about = project_page(code)
    linked = None
    for block in about.body:
        if block.block_type == "approach":
            linked = next(step["page"] for step in block.value["steps"] if step["page"])
    assert linked is not None, "the demo's approach links no page"
    with translation.override(code):
        target = linked.localized.specific  # what the step links in this language
    page = shown(client, about.url)
    assert target.title in page
    asked = queries_asked(client, about.url)

    target.body = [("paragraph", "<p>Ein neuer Absatz.</p>")]
    publish(target)
    assert queries_asked(client, about.url) == asked

    target.title = f"Ressourcen des Depots ({code})"
    publish(target)
    assert f"Ressourcen des Depots ({code})" in shown(client, about.url)


def depot_page(code: str):
    """The Depot's page in `code`: a page below the project page."""
    german = Page.objects.get(url_path__endswith="/das-depot/", locale__language_code="de")
    return german.get_translation(Locale.objects.get(language_code=code)).specific


def breadcrumb_names(page: str) -> list[str]:
    """The names of the page's breadcrumb trail, as its structured data gives them to search
    engines."""
    import json
    import re

    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S):
        data = json.loads(block)
        for item in data if isinstance(data, list) else data.get("@graph", [data]):
            if item.get("@type") == "BreadcrumbList":
                return [crumb["name"] for crumb in item["itemListElement"]]
    raise AssertionError("no breadcrumb trail")


@pytest.mark.parametrize("code", LANGUAGES)
def test_an_edit_of_a_parent_page_leaves_its_child_pages_from_their_first_render_on(
    client, demo, code
):
    """The Depot's page sits below the project page: the first request for it walks the tree
    through the project page, and its breadcrumb names it. Neither shows its text: after an
    editor rewrites the project page's text, the Depot's page (first rendered before) asks what
    it asked before and shows what it showed. A new title of the project page shows in its
    breadcrumb on the next request."""
    about, depot = project_page(code), depot_page(code)
    first = shown(client, depot.url)  # the walk down the tree, its parts kept as they render
    assert about.title in breadcrumb_names(first)
    asked = queries_asked(client, depot.url)

    about.body = [("paragraph", f"<p>Neu geschrieben ({code}).</p>")]
    publish(about)
    assert queries_asked(client, depot.url) == asked
    assert shown(client, depot.url) == first

    about.title = f"Das Projekt ({code})"
    publish(about)
    assert breadcrumb_names(shown(client, depot.url))[-2] == f"Das Projekt ({code})"


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_campaigns_newest_first_stay_kept_after_another_page_s_edit_and_a_new_one_shows(
    client, demo, code
):
    """The campaign index lists its campaigns newest first (by their first publish, which only
    a page's first publish sets, a change of the tree): an edit of the project page's text
    leaves it asking what it asked before; a new campaign's publish puts it first at once."""
    from campaigns.models import CampaignIndexPage, CampaignPage

    index = CampaignIndexPage.objects.live().get(locale__language_code=code)
    shown(client, index.url)
    before, asked = shown(client, index.url), queries_asked(client, index.url)

    about = project_page(code)
    about.body = [("paragraph", f"<p>Neu geschrieben ({code}).</p>")]
    publish(about)
    assert queries_asked(client, index.url) == asked
    assert shown(client, index.url) == before

    new = CampaignPage(
        title=f"Sommer im Quartier {code}",
        slug=f"sommer-{code}",
        campaign_code=f"sommer-{code}",
        lead="Neu.",
        live=False,
    )
    index.add_child(instance=new)
    publish(new)
    page = shown(client, index.url)
    main = page.split("<main", 1)[1]
    assert f"Sommer im Quartier {code}" in main
    first_card = main.split('class="card', 1)[1]
    assert f"Sommer im Quartier {code}" in first_card.split("</li>", 1)[0]
