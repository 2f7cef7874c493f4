"""Pages read the shops row by row (`Retailer.row_read_key`) and which shops are shown as a list
of rows (`Retailer.row_content_fields`): a shop renamed or given new opening hours shows on the
next request wherever that shop shows, in every language, and leaves the results page's count of
shops kept, where before every publish of any shop made the results page count again (1.35 times
the steady render). A shop published, unpublished or dropped from the catalogue changes the
count on the next request."""

import copy
import re
from functools import partial

import pytest
from wagtail.models import Locale

from catalogue.sync.engine import run_sync
from results.models import Indicator, LiveSource, ResultsPage
from shop_links.models import Retailer, RetailerIndexPage
from tests import visits
from tests.catalogue.conftest import SAMPLE, write_feed
from tests.core.test_product_rows import LANGUAGES, asked, from_scratch
from tests.core.test_row_changes import in_language, product_url, steady
from tests.factories import publish
from tests.workplace.test_snippet_review import post_form
from workplace.roles import MODERATORS

shown = partial(visits.shown, unescape=True)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uncached_pages_with_fragments")]

SHOP = "winkel-wyck"  # a catalogue shop, stocking the mug
MUG = "MAN-0007"
DROPPED = "atelier-eupen"  # a catalogue shop the next feed no longer names
OWN_DRAFT = "Weltladen am Kaiserplatz"  # the editors' own shop, not yet published


def page_url(model, code: str) -> str:
    return model.objects.live().get(locale__language_code=code).url


def shop_shown(code: str) -> Retailer:
    """The row of the shop a visitor reads in `code`: its translation, else its German row."""
    german = Retailer.objects.get(ref=SHOP, locale__language_code="de")
    return german.get_translation_or_none(Locale.objects.get(language_code=code)) or german


def shops_counted(page: str) -> str:
    """The results page's live figure of partner shops, as `page` shows it."""
    # Each figure is named by its German row in every language.
    indicator = Indicator.objects.get(live_source=LiveSource.RETAILERS, locale__language_code="de")
    section = re.search(
        rf'<li class="indicator" id="kennzahl-{indicator.pk}".*?'
        r'<span class="indicator__value">([^<]*)</span>',
        page,
        re.S,
    )
    assert section, "no figure of shops on the results page"
    return section.group(1)


def shown_count() -> int:
    return Retailer.shown().count()


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_shop_renamed_leaves_the_results_page_kept_and_shows_where_the_shop_shows(
    client, demo, code, monkeypatch
):
    """The shop's row in the visitor's language is renamed and given new opening hours, and
    published: the results page asks the database what it asked before, shows the same count,
    and is what a render from scratch shows; the retailers page and the product page of a
    product the shop stocks show the new name."""
    results = page_url(ResultsPage, code)
    retailers = page_url(RetailerIndexPage, code)
    product = product_url(code, in_language(MUG, code))
    steady(client, results, retailers, product)
    before = shown(client, results)
    count, _tables = asked(client, results)
    figure = shops_counted(before)
    assert figure == str(shown_count())

    row = shop_shown(code)
    row.name = f"Winkel Wyck {code.upper()} am Markt"
    row.opening_hours = "Mo–Sa 10–19 Uhr"
    publish(row)

    assert asked(client, results)[0] == count
    assert shown(client, results) == before
    assert from_scratch(client, monkeypatch, [results]) == [before]
    for url in (retailers, product):
        assert f"Winkel Wyck {code.upper()} am Markt" in shown(client, url), url


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_count_of_shops_follows_a_shop_unpublished_published_or_dropped_at_once(
    client, demo, code, tmp_path
):
    """The figure is kept while shops change their texts, and counts again on the next request
    when a moderator unpublishes a shop, publishes it again, or a catalogue sync drops it."""
    assert run_sync(write_feed(tmp_path, copy.deepcopy(SAMPLE))).ok  # the demo as the feed has it
    results = page_url(ResultsPage, code)
    steady(client, results)
    total = shown_count()
    assert shops_counted(shown(client, results)) == str(total)

    german = Retailer.objects.get(ref=SHOP, locale__language_code="de")
    german.unpublish()
    assert shops_counted(shown(client, results)) == str(total - 1)
    publish(german)
    assert shops_counted(shown(client, results)) == str(total)

    sample = copy.deepcopy(SAMPLE)
    sample["retailers"] = [shop for shop in sample["retailers"] if shop["ref"] != DROPPED]
    for item in sample["products"]:
        item["stockists"] = [link for link in item["stockists"] if link["retailer_ref"] != DROPPED]
    assert run_sync(write_feed(tmp_path, sample)).ok
    assert shown_count() == total - 1
    assert shops_counted(shown(client, results)) == str(total - 1)


def test_a_moderators_publish_in_the_admin_keeps_the_count_or_changes_it_as_it_should(
    client, demo, login
):
    """As a moderator meets it: new opening hours of a catalogue shop published in the admin
    show on the product page at once and leave the results page kept; the editors' own shop,
    a draft until now, published in the admin, is counted on the next request."""
    moderator = login(MODERATORS)
    results = page_url(ResultsPage, "de")
    product = product_url("de", in_language(MUG, "de"))
    steady(client, results, product)
    count, _tables = asked(client, results)
    total = shown_count()

    shop = Retailer.objects.get(ref=SHOP, locale__language_code="de")
    response = post_form(
        moderator, shop, {"opening_hours": "Di–Sa 11–18 Uhr"}, **{"action-publish": "1"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "Di–Sa 11–18 Uhr" in shown(client, product)
    assert asked(client, results)[0] == count
    assert shops_counted(shown(client, results)) == str(total)

    own = Retailer.objects.get(name=OWN_DRAFT, locale__language_code="de")
    response = post_form(moderator, own, {}, **{"action-publish": "1"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert shops_counted(shown(client, results)) == str(total + 1)
