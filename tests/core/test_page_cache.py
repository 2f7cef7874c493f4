"""The page cache (core.pagecache) on the suite's local-memory cache: anonymous visitors get
cached pages, editors never do, and every change shows on the next request in every language."""

import pytest
from wagtail.models import Page

from core.models import Navigation

PAGES = ["/de/", "/en/designers/", "/nl/", "/fr/"]


def _hit_all(client, paths):
    for path in paths:
        client.get(path)
        assert client.get(path)["X-Cache"] == "hit", path


def _assert_fresh(client, paths, text):
    """The next request renders each page again, and it shows `text`."""
    for path in paths:
        response = client.get(path)
        assert response["X-Cache"] == "miss", path
        assert text in response.content.decode(), path


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES)
def test_second_anonymous_request_is_a_hit_without_cookie_or_vary_cookie(client, demo, path):
    first = client.get(path)
    second = client.get(path)
    assert first.status_code == second.status_code == 200
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    for response in (first, second):
        assert not response.cookies
        assert "cookie" not in response.get("Vary", "").lower()
        assert response["Cache-Control"].startswith("public, max-age=")
        assert "s-maxage=" in response["Cache-Control"]
        assert "stale-while-revalidate=" in response["Cache-Control"]
        assert "stale-if-error=" in response["Cache-Control"]
    # The security headers are added to hits as well.
    assert "Content-Security-Policy" in second and "Permissions-Policy" in second


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/de/", "/fr/"])
def test_a_hit_goes_compressed_to_browsers_and_plain_to_other_clients(client, demo, path):
    import gzip

    plain = client.get(path)
    compressed = client.get(path, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert compressed["X-Cache"] == "hit"
    assert compressed["Content-Encoding"] == "gzip"
    assert int(compressed["Content-Length"]) == len(compressed.content)
    assert len(compressed.content) * 3 < len(plain.content)
    assert gzip.decompress(compressed.content) == plain.content
    again = client.get(path, HTTP_ACCEPT_ENCODING="identity")
    assert again["X-Cache"] == "hit" and "Content-Encoding" not in again
    assert again.content == plain.content
    for response in (plain, compressed, again):
        assert "accept-encoding" in response["Vary"].lower()


@pytest.mark.django_db
def test_the_parameters_a_page_reads_are_keyed_in_any_order(client, demo):
    assert client.get("/de/geschichten/?tag=material&page=1")["X-Cache"] == "miss"
    assert client.get("/de/geschichten/?page=1&tag=material")["X-Cache"] == "hit"
    assert client.get("/de/geschichten/?page=1&tag=werkstatt")["X-Cache"] == "miss"
    assert client.get("/de/produkte/?page=2")["X-Cache"] == "miss"


@pytest.mark.django_db
def test_tracking_and_unknown_parameters_are_served_from_the_pages_one_entry(client, demo):
    plain = client.get("/de/geschichten/?tag=material")
    assert plain["X-Cache"] == "miss"
    for query in (
        "utm_source=newsletter&utm_medium=email&utm_campaign=herbst&tag=material",
        "tag=material&fbclid=abc&gclid=def&mc_eid=1&msclkid=2",
        "tag=material&x7f3=random&utm_content=%3Cscript%3E",
    ):
        response = client.get(f"/de/geschichten/?{query}")
        assert response["X-Cache"] == "hit", query
        assert response.content == plain.content
    html = plain.content.decode()
    assert "utm_" not in html and "fbclid" not in html


@pytest.mark.django_db
def test_a_page_rendered_for_a_campaign_link_carries_no_tracking_parameter(client, demo):
    """The first visitor of a page may come from a campaign: what is stored must not echo it."""
    first = client.get("/de/?utm_source=newsletter&utm_campaign=herbst&gclid=abc")
    assert first["X-Cache"] == "miss"
    html = first.content.decode()
    assert "newsletter" not in html and "herbst" not in html and "gclid" not in html
    assert client.get("/de/")["X-Cache"] == "hit"


@pytest.mark.django_db
def test_several_values_of_one_parameter_keep_their_order(client, demo):
    """The story index shows the last `tag` given: a different order is a different page."""
    last_material = client.get("/de/geschichten/?tag=werkstatt&tag=material")
    last_workshop = client.get("/de/geschichten/?tag=material&tag=werkstatt")
    assert (last_material["X-Cache"], last_workshop["X-Cache"]) == ("miss", "miss")
    again = client.get("/de/geschichten/?tag=werkstatt&tag=material")
    assert again["X-Cache"] == "hit"
    assert again.content == last_material.content != last_workshop.content
    assert '<a href="?tag=material" aria-current="page">' in again.content.decode()


@pytest.mark.django_db
def test_a_csrf_cookie_alone_still_gets_cached_pages(client, demo):
    client.get("/de/")
    client.cookies["csrftoken"] = "a" * 32
    response = client.get("/de/")
    assert response["X-Cache"] == "hit"
    assert not response.cookies


def test_a_page_that_renders_a_csrf_token_is_never_stored(rf, settings):
    from django.core.cache import caches
    from django.middleware.csrf import CsrfViewMiddleware
    from django.template import engines

    from core.pagecache import PageCacheMiddleware, cache_key

    settings.PAGE_CACHE_TIMEOUT = 60
    template = engines["django"].from_string("<form>{% csrf_token %}</form>")

    def view(request):
        from django.http import HttpResponse

        return HttpResponse(template.render({}, request))

    stack = PageCacheMiddleware(CsrfViewMiddleware(view))
    caches["pages"].clear()
    for cookies in ({}, {"csrftoken": "b" * 32}):
        for _attempt in range(2):
            request = rf.get("/de/form/")
            request.COOKIES.update(cookies)
            response = stack(request)
            assert response["X-Cache"] == "bypass"
            assert "csrfmiddlewaretoken" in response.content.decode()
            assert "no-store" in response["Cache-Control"]
            assert caches["pages"].get(cache_key(request)) is None


@pytest.mark.django_db
def test_editors_neither_read_nor_fill_the_cache(admin_client, client, demo):
    client.get("/de/")
    editor = admin_client.get("/de/")
    assert editor["X-Cache"] == "bypass"
    assert "private" in editor["Cache-Control"] and "no-store" in editor["Cache-Control"]
    admin_client.logout()
    admin_client.cookies.clear()


@pytest.mark.django_db
def test_what_an_editor_sees_never_reaches_visitors(admin_client, demo):
    from django.test import Client

    admin_client.get("/de/")
    visitor = Client().get("/de/")
    assert visitor["X-Cache"] == "miss"
    assert b"wagtail-userbar" not in visitor.content


@pytest.mark.django_db
def test_search_and_posts_are_not_cached(client, demo):
    for _attempt in range(2):
        response = client.get("/de/suche/?q=holz")
        assert response["X-Cache"] == "bypass"
        assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_publishing_a_page_shows_on_the_next_request(client, demo):
    page = Page.objects.get(url_path__endswith="/ueber-das-projekt/", locale__language_code="de")
    client.get(page.url)
    assert client.get(page.url)["X-Cache"] == "hit"
    page = page.specific
    page.title = "Ganz neuer Titel"
    page.save_revision().publish()
    response = client.get(page.url)
    assert response["X-Cache"] == "miss"
    assert "Ganz neuer Titel" in response.content.decode()


@pytest.mark.django_db
def test_unpublishing_a_page_removes_it_and_its_links_in_every_language(client, demo):
    german = Page.objects.get(url_path__endswith="/ueber-das-projekt/", locale__language_code="de")
    english = german.get_translation(_locale("en"))
    for path in ("/de/", "/en/", german.url, english.url):
        client.get(path)
        assert client.get(path)["X-Cache"] == "hit"
    english.specific.unpublish()
    assert client.get(english.url).status_code in (301, 302, 404)
    assert client.get("/en/")["X-Cache"] == "miss"
    assert client.get("/de/")["X-Cache"] == "miss"


def _locale(code):
    from wagtail.models import Locale

    return Locale.objects.get(language_code=code)


@pytest.mark.django_db
def test_editing_the_navigation_shows_in_every_language(client, demo):
    _hit_all(client, PAGES)
    for navigation in Navigation.objects.all():
        item = navigation.items.first()
        item.label = f"Neu {navigation.locale.language_code}"
        item.save()
    _assert_fresh(client, PAGES, "Neu ")


@pytest.mark.django_db
def test_moving_and_deleting_a_page_replace_the_cached_pages(client, demo):
    story = Page.objects.get(
        url_path__endswith="/geschichten/siebdruck-nord/", locale__language_code="de"
    )
    index = story.get_parent()
    client.get(index.url)
    assert client.get(index.url)["X-Cache"] == "hit"
    story.move(index.get_parent(), pos="last-child")
    assert client.get(index.url)["X-Cache"] == "miss"
    assert client.get(index.url)["X-Cache"] == "hit"
    Page.objects.get(pk=story.pk).delete()
    assert client.get(index.url)["X-Cache"] == "miss"


@pytest.mark.django_db
def test_changing_a_product_shows_on_its_pages(client, demo):
    from catalogue.models import Product

    product = Product.objects.filter(locale__language_code="de").live().first()
    index = Page.objects.get(url_path__endswith="/produkte/", locale__language_code="de")
    url = f"{index.url}{product.slug}/"
    assert client.get(url).status_code == 200
    assert client.get(url)["X-Cache"] == "hit"
    product.title = "Umbenanntes Produkt"
    product.save()
    response = client.get(url)
    assert response["X-Cache"] == "miss"
    assert "Umbenanntes Produkt" in response.content.decode()


@pytest.mark.django_db
def test_writes_that_visitors_cause_leave_the_cache_alone(client, demo):
    from shop_links.models import ClickCount

    client.get("/de/")
    ClickCount.objects.all().delete()
    assert client.get("/de/")["X-Cache"] == "hit"


@pytest.mark.django_db
def test_syncing_a_translation_shows_on_the_translated_page(client, demo):
    from core.localize import translate

    german = Page.objects.get(url_path__endswith="/ueber-das-projekt/", locale__language_code="de")
    english = german.get_translation(_locale("en"))
    _hit_all(client, [english.url])
    german = german.specific
    german.title = "Über das Projekt (neu)"
    german.save_revision().publish()
    translate(german, "en", {"Über das Projekt (neu)": "About the project (new)"})
    response = client.get(english.url)
    assert response["X-Cache"] == "miss"
    assert "About the project (new)" in response.content.decode()


@pytest.mark.django_db
def test_editing_a_retailer_shows_on_the_where_to_buy_pages(client, demo):
    from shop_links.models import Retailer

    pages = [p.url for p in Page.objects.live().type(_model("shop_links.RetailerIndexPage"))]
    _hit_all(client, pages)
    for retailer in Retailer.objects.filter(ref="laden-im-depot"):
        retailer.name = f"Neuer Laden {retailer.locale.language_code}"
        retailer.save()
    _assert_fresh(client, pages, "Neuer Laden")


def _model(label):
    from django.apps import apps

    return apps.get_model(label)


@pytest.mark.django_db
def test_publishing_a_snippet_replaces_the_cached_pages(client, demo):
    from wagtail.signals import published

    _hit_all(client, PAGES)
    navigation = Navigation.objects.first()
    published.send(sender=Navigation, instance=navigation)
    for path in PAGES:
        assert client.get(path)["X-Cache"] == "miss"


@pytest.mark.django_db
def test_a_catalogue_sync_that_changes_a_product_shows_in_every_language(client, demo, tmp_path):
    import copy
    import json

    from catalogue.models import Product
    from catalogue.sample import SAMPLE_FEED
    from catalogue.sync.engine import run_sync
    from tests.catalogue.conftest import write_feed

    indexes = Page.objects.live().type(_model("products.ProductIndexPage"))
    urls = {}
    for index in indexes:
        slug = Product.objects.get(external_id="MAN-0001", locale_id=index.locale_id).slug
        urls[index.locale.language_code] = f"{index.url}{slug}/"
    _hit_all(client, urls.values())

    feed = copy.deepcopy(json.loads(SAMPLE_FEED.read_text(encoding="utf-8")))
    titles = feed["products"][0]["title"]
    for code in titles:
        titles[code] = f"{titles[code]} 2027"
    assert run_sync(write_feed(tmp_path, feed)).ok
    _assert_fresh(client, urls.values(), "2027")

    # A run that changes nothing keeps the cached pages.
    _hit_all(client, urls.values())
    assert run_sync(write_feed(tmp_path, feed)).ok
    for url in urls.values():
        assert client.get(url)["X-Cache"] == "hit"


def _gzip_and_plain(client, path, fresh=False):
    """The answer to a browser (gzip accepted) and to a client that takes no encoding."""
    from core import pagecache

    if fresh:
        pagecache.reset()
    compressed = client.get(path, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    if fresh:
        pagecache.reset()
    plain = client.get(path)
    return compressed, plain


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "status", "x_cache"),
    [
        ("/de/ueber-das-projekt/", 200, "miss"),
        ("/de/suche/?q=lampe", 200, "bypass"),
        ("/de/gibt-es-nicht/", 404, "bypass"),
    ],
)
def test_a_miss_a_search_and_a_404_go_compressed_to_browsers_and_plain_to_others(
    client, demo, path, status, x_cache
):
    import gzip

    compressed, plain = _gzip_and_plain(client, path, fresh=True)
    assert compressed.status_code == plain.status_code == status
    assert compressed["X-Cache"] == plain["X-Cache"] == x_cache
    assert compressed["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in plain
    assert int(compressed["Content-Length"]) == len(compressed.content)
    assert len(compressed.content) * 2 < len(plain.content)
    assert gzip.decompress(compressed.content) == plain.content
    for response in (compressed, plain):
        assert "accept-encoding" in response["Vary"].lower()


@pytest.mark.django_db
def test_a_compressed_miss_is_the_entry_that_later_hits_send(client, demo):
    miss = client.get("/de/ueber-das-projekt/", HTTP_ACCEPT_ENCODING="gzip")
    hit = client.get("/de/ueber-das-projekt/", HTTP_ACCEPT_ENCODING="gzip")
    assert (miss["X-Cache"], hit["X-Cache"]) == ("miss", "hit")
    assert miss.content == hit.content


@pytest.mark.django_db
def test_reflected_input_is_compressed_with_random_bytes_and_secrets_not_at_all(admin_client, demo):
    """BREACH: a search echoes the visitor's words, so its gzip header carries Django's random
    bytes (answers differ in size, not in what they decode to); an editor's page (a session,
    a CSRF token) is not compressed at all."""
    import gzip

    from django.test import Client

    visitor = Client()
    answers = [visitor.get("/de/suche/?q=lampe", HTTP_ACCEPT_ENCODING="gzip") for _ in range(6)]
    assert {answer["Content-Encoding"] for answer in answers} == {"gzip"}
    # Django pads the header with 0 to 99 random bytes: two answers are the same size one time
    # in a hundred (a whole run met it), six all alike about once in 10^10.
    assert len({len(answer.content) for answer in answers}) > 1
    assert len({gzip.decompress(answer.content) for answer in answers}) == 1
    editor = admin_client.get("/de/", HTTP_ACCEPT_ENCODING="gzip")
    assert editor.status_code == 200 and editor["X-Cache"] == "bypass"
    assert "Content-Encoding" not in editor


@pytest.mark.django_db
def test_the_enquiry_form_and_a_campaign_link_with_tracking_parameters_are_hits(client, demo):
    import gzip

    campaign = (
        Page.objects.live()
        .filter(locale__language_code="de", content_type__model="campaignpage")
        .first()
    )
    for path in ("/de/anfrage/", campaign.url):
        plain = client.get(path)
        tracked = client.get(f"{path}?utm_source=x&fbclid=y", HTTP_ACCEPT_ENCODING="gzip")
        assert plain.status_code == tracked.status_code == 200, path
        assert (plain["X-Cache"], tracked["X-Cache"]) == ("miss", "hit"), path
        assert tracked["Content-Encoding"] == "gzip"
        assert gzip.decompress(tracked.content) == plain.content
