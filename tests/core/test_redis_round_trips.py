"""What a page render asks a real Redis server (Debian's redis-server, started by the tests), with
the page cache off and the page's parts kept (`core.fragments`, the frame): every cache command
is a round trip, so the versions of what the kept parts read are asked for in one, and no
command builds a new redis-py client (`core.cache.ReusingRedisCacheClient`)."""

import pytest
import redis
from wagtail.models import Locale, Page

from core import cache, content_version
from tests.factories import publish

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uncached_pages_with_fragments")]


@pytest.fixture(autouse=True)
def _on_redis(redis_caches, monkeypatch):
    monkeypatch.setattr(cache, "_failing", False)
    return redis_caches


@pytest.fixture
def commands(monkeypatch):
    """Every cache command sent while a test runs: (cache's key prefix, method, first key, every
    key)."""
    sent = []
    guarded = cache.FailOpenRedisCache._guarded

    def record(self, method, default, *args, **kwargs):
        keys = args[0] if args else ""
        keys = tuple(map(str, keys)) if isinstance(keys, (list, tuple, dict)) else (str(keys),)
        sent.append((self.key_prefix, method, keys[0] if keys else "", keys))
        return guarded(self, method, default, *args, **kwargs)

    monkeypatch.setattr(cache.FailOpenRedisCache, "_guarded", record)
    return sent


def version_lookups(sent) -> list:
    """The look-ups of read versions (`content_version._read_versions`) among `sent`."""
    return [
        command
        for command in sent
        if command[:2] == ("pages", "get_many") and content_version.READS_PREFIX in command[2]
    ]


def about(code: str) -> Page:
    german = Page.objects.get(url_path__endswith="/ueber-das-projekt/", locale__language_code="de")
    return german.get_translation(Locale.objects.get(language_code=code)).specific


@pytest.mark.parametrize("code", ["de", "en", "nl", "fr"])
def test_a_page_from_its_kept_parts_asks_for_their_versions_in_one_round_trip(
    client, demo, commands, code, monkeypatch
):
    """The versions of what a page's kept parts read are asked for in one round trip where the
    process has not looked them up under this content version (another app server, a process
    just started), and not at all where it has (`content_version._process_versions`)."""
    page = about(code)
    for url in ("/de/", page.url, page.url):
        assert client.get(url).status_code == 200
    commands.clear()
    assert client.get(page.url).status_code == 200
    assert version_lookups(commands) == []
    monkeypatch.setattr(content_version, "_process_versions", (None, {}))
    assert client.get(page.url).status_code == 200
    assert len(version_lookups(commands)) == 1, version_lookups(commands)

    # An editor's new title: the next visitor sees it (the versions looked up again: a new
    # content version), and the page after asks for none again.
    page.title = f"Das Projekt ({code})"
    publish(page)
    commands.clear()
    assert f"Das Projekt ({code})" in client.get(page.url).content.decode()
    assert version_lookups(commands)
    commands.clear()
    assert f"Das Projekt ({code})" in client.get(page.url).content.decode()
    assert version_lookups(commands) == []


def test_no_cache_command_builds_a_new_redis_client(client, demo, monkeypatch):
    made = []
    init = redis.Redis.__init__

    def counted(self, *args, **kwargs):
        made.append(1)
        init(self, *args, **kwargs)

    client.get("/de/")
    client.get("/fr/")
    monkeypatch.setattr(redis.Redis, "__init__", counted)
    for url in ("/de/", "/fr/", "/de/", "/fr/"):
        assert client.get(url).status_code == 200
    assert made == []


@pytest.mark.parametrize("code", ["de", "fr"])
def test_the_frames_parts_are_read_in_one_command_and_a_menu_change_shows(
    client, demo, commands, code
):
    from core.frame import PARTS
    from core.models import Navigation

    parts = tuple(f":{code}:{part}" for part in dict.fromkeys(PARTS.values()))
    home = f"/{code}/"
    client.get(home)
    commands.clear()
    assert client.get(home).status_code == 200
    frame = [command for command in commands if any(key.endswith(parts) for key in command[3])]
    assert [command[1] for command in frame] == ["get_many"], frame

    navigation = Navigation.objects.get(locale__language_code=code, live=True)
    item = navigation.items.first()
    item.label = f"Neu im Menü ({code})"
    item.save()
    publish(navigation)
    header = client.get(home).content.decode().split("<main", 1)[0]
    assert f"Neu im Menü ({code})" in header


def test_addresses_made_up_by_a_visitor_keep_the_remembered_read_keys_bounded(
    client, demo, monkeypatch
):
    """Each path and query string is remembered with the read keys its request needed; a crawler
    or an attacker inventing query strings (`?x=1`, `?x=2`, …) pushes the oldest out, never
    past `content_version.ADDRESSES`, and every page stays what it shows without the query. So
    do the names of the fragments each address asked for."""
    read_keys, kept_names = content_version.AddressMemory(5), content_version.AddressMemory(5)
    monkeypatch.setattr(content_version, "_read_keys", read_keys)
    monkeypatch.setattr(content_version, "_kept_names", kept_names)
    plain = client.get("/de/").content
    for number in range(20):
        response = client.get(f"/de/?x={number}&utm_source=%00{'a' * 200}")
        assert response.status_code == 200
        assert response.content == plain
    assert len(read_keys.entries) == 5
    assert next(reversed(read_keys.entries)).startswith("/de/?x=19&")
    assert len(kept_names.entries) == 5
    assert next(reversed(kept_names.entries))[1].startswith("/de/?x=19&")


@pytest.mark.parametrize("url", ["/en/designers/", "/fr/", "/de/produkte/three-country-mug/"])
def test_a_page_that_links_many_pages_asks_for_the_sites_root_paths_once(
    client, demo, commands, url
):
    """Every page link a template writes (`page.url`) asks Wagtail for the sites' root paths,
    which Wagtail keeps in the default cache: with Redis a round trip each (nine on the
    designers' index). Asked once per request at most now."""
    for _ in range(3):
        assert client.get(url).status_code == 200
    commands.clear()
    assert client.get(url).status_code == 200
    root_paths = [command for command in commands if command[2] == "wagtail_site_root_paths"]
    assert len(root_paths) <= 1, root_paths


@pytest.mark.parametrize("code", ["de", "en", "nl", "fr"])
def test_a_page_reads_the_fragments_its_address_asked_for_in_one_command(
    client, demo, commands, code
):
    """A product page has seven fragments (title, head, alternates, switcher, the product, its
    shops' part): read one by one, seven round trips to Redis. The next request for the same
    address reads those the last one asked for at once, and so the Site, the Locales, the
    private sections and the frame's parts: six commands for the whole page (17 before). A shop
    renamed still shows at once (the kept part is read, found outdated and rendered again)."""
    from catalogue.models import Product
    from products.models import ProductIndexPage
    from shop_links.models import Retailer, StockistLink

    german = Product.objects.sources().get(external_id="MAN-0007")
    record = Product.objects.get(translation_key=german.translation_key, locale__language_code=code)
    url = f"{ProductIndexPage.objects.live().get(locale__language_code=code).url}{record.slug}/"
    for _ in range(3):
        assert client.get(url).status_code == 200
    commands.clear()
    assert client.get(url).status_code == 200
    fragments = [command for command in commands if command[0] == "fragments"]
    assert [command[1] for command in fragments] == ["get_many"], fragments
    assert len(commands) <= 6, [command[:3] for command in commands]

    shop = StockistLink.objects.filter(product=german, retailer__live=True).first().retailer
    shop = Retailer.objects.get(translation_key=shop.translation_key, locale__language_code=code)
    shop.name = f"Ecke Nord ({code})"
    publish(shop)
    assert f"Ecke Nord ({code})" in client.get(url).content.decode()
