"""Every visitor in their own language (issue 15): the language rules over a crawl of the demo.

The demo is crawled once for this module (`tests.seo.crawl`: the sitemap in all four languages,
search, the enquiry and accessibility feedback forms and their error paths, 404s, German paths
under other languages, the 410 page, filtered and paginated pages, a second host name, the
development 404) and each test asserts one rule (`tests.seo.language_rules`) over every crawled
page, listing all violations.

Every rule holds on the demo; a change that breaks one fails here with the URLs and texts found.
"""

import csv
import json
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client, override_settings

from tests.seo import language_rules as rules
from tests.seo.crawl import LANGUAGES, SECOND_HOST, crawl

pytestmark = pytest.mark.django_db
SAMPLE = Path(settings.BASE_DIR) / "site" / "catalogue" / "fixtures" / "sample"


def feed_codes() -> set[str]:
    """The codes the sample feed gives for kinds and categories (partner and shop kinds, product
    types): what a visitor must never read as they are."""
    catalogue = json.loads((SAMPLE / "catalogue.json").read_text())
    codes = {partner["kind"] for partner in catalogue["partners"]}
    codes |= {retailer["kind"] for retailer in catalogue["retailers"]}
    codes |= {
        product["product_type"] for product in catalogue["products"] if product.get("product_type")
    }
    with (SAMPLE / "products.csv").open(newline="") as file:
        codes |= {row["product_type"] for row in csv.DictReader(file) if row["product_type"]}
    with (SAMPLE / "retailers.csv").open(newline="") as file:
        codes |= {row["kind"] for row in csv.DictReader(file) if row["kind"]}
    return codes


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    """The crawl, made once for the module in a transaction that is rolled back."""
    from core import frame, pagecache

    with django_db_blocker.unblock(), transaction.atomic():
        frame.reset()
        pagecache.reset()
        with override_settings(ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, SECOND_HOST]):
            result = crawl(Client())
        transaction.set_rollback(True)
    frame.reset()
    pagecache.reset()
    return result


def assert_holds(violations: list[str]):
    shown = "\n".join(violations[:60])
    more = f"\n… and {len(violations) - 60} more" if len(violations) > 60 else ""
    assert violations == [], f"{len(violations)} violations:\n{shown}{more}"


def test_the_crawl_reaches_every_kind_of_page(site):
    kinds = {page.kind for page in site.pages}
    assert {
        "sitemap",
        "search",
        "search-title",
        "form-error",
        "feedback-error",
        "404",
        "fallback",
        "query",
        "gone",
    } <= kinds
    assert {"second-host", "dev-404"} <= kinds
    languages = {page.language for page in site.of_kind("sitemap")}
    assert languages == set(LANGUAGES)
    assert len(rules._product_pages(site)) >= 4 * 20, "product pages of all four languages"
    broken = [page.label for page in site.of_kind("sitemap") if page.status != 200]
    assert broken == [], "sitemap URLs that do not answer 200"
    errors = [page.label for page in site.pages if page.status >= 500]
    assert errors == []
    # The enquiry form, the designer application, the production enquiry (one form on the
    # workshop index and every workshop page) and the trade enquiry, each posted once in each
    # language.
    form_errors = site.of_kind("form-error")
    assert len(form_errors) == 4 * 4 and all(
        page.status == 200 and "<form" in page.html for page in form_errors
    )
    assert Counter(page.language for page in form_errors) == dict.fromkeys(LANGUAGES, 4)
    assert len({page.path for page in form_errors}) == len(form_errors)
    # The accessibility statement's feedback form, in each language, answers with its own form.
    feedback_errors = site.of_kind("feedback-error")
    assert len(feedback_errors) == 4 and all(
        page.status == 200 and 'name="problem"' in page.html for page in feedback_errors
    )


# A: addresses, descriptions, formats


def test_addresses_come_from_the_site_root_url(site):
    assert_holds(rules.addresses_from_site_root(site))


def test_descriptions_are_clean_text(site):
    assert_holds(rules.descriptions_are_clean_text(site))


def test_english_dates_are_british(site):
    assert_holds(rules.english_dates_are_british(site))


def test_french_first_of_month_is_1er(site):
    assert_holds(rules.french_first_of_month_is_1er(site))


def test_french_non_breaking_space_before_punctuation(site):
    assert_holds(rules.french_spaces_before_punctuation(site))


def test_one_price_format_per_language(site):
    assert_holds(rules.one_price_format_per_language(site))


def test_gone_page_in_the_visitors_language(site):
    assert_holds(rules.gone_page_in_visitors_language(site))


# B: slugs, fallbacks, the language switcher, the development 404


def test_no_german_slugs_in_translated_addresses(site):
    assert_holds(rules.no_german_slugs(site))


def test_german_path_leads_to_the_translation(site):
    assert_holds(rules.german_path_leads_to_translation(site))


def test_language_switcher_keeps_filters_pages_and_query(site):
    assert_holds(rules.switcher_keeps_query(site))


def test_language_switcher_says_when_there_is_no_translation(site):
    assert_holds(rules.switcher_says_when_no_translation(site))


def test_development_404_is_the_sites_translated_page(site):
    assert_holds(rules.dev_404_is_the_sites_page(site))


# C: text in the page's language


def test_image_texts_in_the_page_language(site):
    assert_holds(rules.image_texts_in_page_language(site))


def test_german_fallback_marked_exactly(site):
    assert_holds(rules.german_fallback_is_marked(site))


def test_german_title_and_descriptions_say_so(site):
    assert_holds(rules.german_head_texts_say_so(site))


def test_search_finds_the_title_the_visitor_sees(site):
    assert_holds(rules.search_finds_shown_titles(site))


# D: vocabulary, shop names, links to German pages


def test_no_raw_feed_codes(site):
    assert_holds(rules.raw_codes_shown(site, feed_codes()))


def test_one_name_per_shop_on_a_page(site):
    assert_holds(rules.one_name_per_shop(site))


def test_links_to_german_pages_carry_hreflang_de(site):
    assert_holds(rules.links_to_german_pages_say_so(site))
