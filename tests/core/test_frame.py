"""The page frame (menu, footer, legal links, language homes) is cached, and every edit an editor
makes to it shows on the very next page a visitor opens."""

from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from core import content_version
from core.models import ContentPage, Footer, FooterLink, LegalPage, Navigation, NavigationItem
from project.models import ProjectPage

pytestmark = pytest.mark.django_db


def menu(client, path) -> str:
    html = client.get(path).content.decode()
    return html.split('class="main-nav"', 1)[1].split("</nav>", 1)[0]


def footer(client, path) -> str:
    html = client.get(path).content.decode()
    return html.split('<footer class="site-footer">', 1)[1]


def about(code):
    return ProjectPage.objects.get(
        translation_key=ProjectPage.objects.get(
            locale__language_code="de", slug="ueber-das-projekt"
        ).translation_key,
        locale__language_code=code,
    )


def test_a_renamed_menu_entry_shows_on_the_next_page(client, demo):
    assert ">Über das Projekt</a>" in menu(client, "/de/")  # the frame is now cached
    item = NavigationItem.objects.get(
        navigation__locale__language_code="de", label="Über das Projekt"
    )
    item.label = "Wer wir sind"
    item.save()
    html = menu(client, "/de/designerinnen/")
    assert ">Wer wir sind</a>" in html
    assert "Über das Projekt" not in html


def test_a_menu_saved_with_new_entries_shows_them_at_once(client, demo):
    """Saving the snippet with its inline entries, as the admin's form does."""
    menu(client, "/en/")
    navigation = Navigation.objects.get(locale__language_code="en")
    navigation.items = [
        *navigation.items.all(),
        NavigationItem(label="Shop", link_url="https://shop.example.org/"),
    ]
    navigation.save()
    assert '<a class="main-nav__link" href="https://shop.example.org/">Shop</a>' in menu(
        client, "/en/"
    )
    navigation.delete()  # no English menu: the German one stands in
    assert ">Über das Projekt</a>" in menu(client, "/en/")


def test_a_footer_link_added_and_removed_shows_at_once(client, demo):
    assert "Press kit" not in footer(client, "/en/")
    english = Footer.objects.get(locale__language_code="en")
    FooterLink.objects.create(
        footer=english,
        locale=english.locale,
        label="Press kit",
        link_url="https://example.org/press",
    )
    assert '<a href="https://example.org/press">Press kit</a>' in footer(client, "/en/")
    FooterLink.objects.filter(footer=english).delete()
    assert "Press kit" not in footer(client, "/en/")


def test_a_footer_link_to_a_page_no_visitor_can_reach_is_left_out(client, demo):
    """Not an empty `<a href="">`: the link goes while its page is unpublished, and comes back."""
    german = Footer.objects.get(locale__language_code="de")
    page = ContentPage.objects.live().filter(locale__language_code="de").first()
    FooterLink.objects.create(footer=german, locale=german.locale, label="Seite X", link_page=page)
    assert f'<a href="{page.url}">Seite X</a>' in footer(client, "/de/")
    page.unpublish()
    html = footer(client, "/de/")
    assert "Seite X" not in html and 'href=""' not in html
    page.save_revision().publish()
    assert f'<a href="{page.url}">Seite X</a>' in footer(client, "/de/")


def test_a_new_footer_text_shows_at_once(client, demo):
    footer(client, "/nl/")
    dutch = Footer.objects.get(locale__language_code="nl")
    dutch.about = "Een nieuwe tekst over het project."
    dutch.save()
    assert "Een nieuwe tekst over het project." in footer(client, "/nl/")


def test_a_page_published_under_a_new_slug_is_linked_at_its_new_address(client, demo):
    assert 'href="/de/ueber-das-projekt/"' in menu(client, "/de/")
    page = about("de")
    page.slug = "projekt"
    page.save_revision().publish()
    html = menu(client, "/de/")
    assert 'href="/de/projekt/"' in html
    assert "/de/ueber-das-projekt/" not in html


@pytest.mark.parametrize("code", ["de", "en", "nl", "fr"])
def test_a_new_slug_of_one_menu_target_works_out_that_address_alone(client, demo, code):
    """The menu links several pages; the German about page published under a new slug: the next
    page of every language shows the about page where it now is, every other entry where it
    was, and asks at most for the address of the page its entry links (the others are kept one
    by one, each with what decides it: kept together, all of them would be asked for)."""
    home = f"/{code}/"
    before = menu(client, home)
    page = about("de")
    entries = NavigationItem.objects.filter(
        navigation__locale__language_code=code, link_page__isnull=False
    )
    assert entries.count() > 3
    entry = entries.get(link_page__translation_key=page.translation_key)
    page.slug = "projekt"
    page.save_revision().publish()
    with CaptureQueriesContext(connection) as queries:
        html = menu(client, home)
    shown = ProjectPage.objects.get(
        translation_key=page.translation_key, locale=entry.navigation.locale
    )
    assert f'href="{shown.url}"' in html
    assert "/de/ueber-das-projekt/" not in html
    assert before.replace("/de/ueber-das-projekt/", "/de/projekt/") == html
    by_id = [q["sql"] for q in queries if '"wagtailcore_page"."id" IN (' in q["sql"]]
    named = {
        int(pk)
        for sql in by_id
        for pk in sql.split('"wagtailcore_page"."id" IN (', 1)[1].split(")", 1)[0].split(",")
    }
    assert named <= {entry.link_page_id}, by_id
    if code == "de":
        assert named == {page.pk}, by_id


def test_an_unpublished_menu_target_falls_back_to_german_at_once(client, demo):
    assert 'href="/fr/a-propos/"' in menu(client, "/fr/")
    about("fr").unpublish()
    assert 'href="/de/ueber-das-projekt/"' in menu(client, "/fr/")


def worked_out_afresh(path):
    """The main menu of `path`'s language worked out afresh (as after a change of the site's
    structure), and the queries that took: those for its entries, those for its pages' addresses
    (which read no page's title: outside a request the Site and its root pages are read too)."""
    from django.test import RequestFactory
    from wagtail.models import Site

    from core.frame import _menu

    content_version.invalidate()
    request = RequestFactory().get(path)
    with CaptureQueriesContext(connection) as queries:
        items = _menu(request, Site.objects.get(is_default_site=True), path.split("/")[1])["menu"]
    sql = [q["sql"] for q in queries]
    return (
        items,
        [q for q in sql if "core_navigation" in q],
        [q for q in sql if "wagtailcore_page" in q and '"wagtailcore_page"."title"' not in q],
    )


def test_a_menu_entry_that_links_a_page_in_the_visitors_language_is_that_page(client, demo):
    """A link to a live page in the menu's language is that page, without a lookup of its
    translations (the German menu: every German page); a link to a German page in another
    language's menu is looked up in that language (one query for all); an entry that an editor
    linked to the French page itself falls back to its German page once that is unpublished."""
    items, entries, pages = worked_out_afresh("/de/")
    assert "/de/ueber-das-projekt/" in [item["resolved_href"] for item in items]
    assert len(entries) == 1 and len(pages) == 1, pages  # the linked pages, by id
    assert '"translation_key" IN' not in pages[0]
    items, entries, pages = worked_out_afresh("/fr/")
    assert "/fr/a-propos/" in [item["resolved_href"] for item in items]
    assert len(entries) == 1 and len(pages) == 2, pages  # and their French translations
    assert all('"wagtailcore_page"."search_description"' not in query for query in pages)

    french = Navigation.objects.get(locale__language_code="fr")
    item = french.items.get(link_page__translation_key=about("de").translation_key)
    item.link_page = about("fr")
    item.save()
    french.save()
    assert 'href="/fr/a-propos/"' in menu(client, "/fr/")
    about("fr").unpublish()
    html = menu(client, "/fr/")
    assert 'href="/de/ueber-das-projekt/"' in html
    assert "a-propos" not in html


@pytest.mark.parametrize("code", ["de", "en", "nl", "fr"])
def test_a_menu_entry_renamed_reads_the_entries_in_one_query_and_no_page(client, demo, code):
    """An editor's publish of the menu: the next page reads the menu's entries and the language
    of the navigation they belong to in one query, and none of the pages they link: their
    addresses are kept apart (a page moved, retitled or unpublished replaces those)."""
    home = f"/{code}/"
    menu(client, home)
    navigation = Navigation.objects.get(locale__language_code=code)
    entry = navigation.items.get(link_page__translation_key=about("de").translation_key)
    entry.label = "Wer wir sind"
    entry.save()
    navigation.save_revision().publish()
    with CaptureQueriesContext(connection) as queries:
        html = menu(client, home)
    assert ">Wer wir sind<" in html
    assert f'href="{about(code).url}"' in html
    entries = [q["sql"] for q in queries if '"core_navigation' in q["sql"]]
    assert len(entries) == 1, entries
    assert "wagtailcore_page" not in entries[0]
    # The only page read is the home page shown (its content version was replaced).
    pages = [q["sql"] for q in queries if "wagtailcore_page" in q["sql"]]
    assert len(pages) == 1 and "home_homepage" in pages[0], pages


def test_a_menu_without_entries_in_the_visitors_language_shows_the_german_entries(client, demo):
    """A French menu whose entries an editor removed leaves no French visitor without a menu:
    the German menu's entries stand in, linked to the French pages where there are some."""
    french = Navigation.objects.get(locale__language_code="fr")
    german = menu(client, "/de/")
    french.items = []
    french.save()
    html = menu(client, "/fr/")
    assert 'href="/fr/a-propos/"' in html
    assert html.count("main-nav__link") == german.count("main-nav__link")


def test_a_moved_menu_target_is_linked_at_its_new_address(client, demo):
    menu(client, "/de/")
    page = about("de")
    target = ContentPage(title="Projekt-Archiv", slug="archiv")
    demo.add_child(instance=target)
    target.save_revision().publish()
    page.move(target, pos="last-child")
    assert 'href="/de/archiv/ueber-das-projekt/"' in menu(client, "/de/")


def test_a_deleted_menu_target_disappears_at_once(client, demo):
    menu(client, "/de/")
    about("de").delete()
    assert "ueber-das-projekt" not in menu(client, "/de/")


def test_a_retitled_legal_page_shows_in_the_footer_at_once(client, demo):
    assert ">Impressum</a>" in footer(client, "/de/")
    imprint = LegalPage.objects.get(locale__language_code="de", kind="imprint")
    imprint.title = "Impressum und Kontakt"
    imprint.save_revision().publish()
    assert ">Impressum und Kontakt</a>" in footer(client, "/de/")


def test_a_language_whose_home_is_unpublished_is_no_longer_offered(client, demo):
    page = ContentPage(title="Nur auf Deutsch", slug="nur-auf-deutsch")
    demo.add_child(instance=page)
    page.save_revision().publish()

    def switcher():
        html = client.get(page.url).content.decode()
        return html.split('class="language-switcher"', 1)[1].split("</nav>", 1)[0]

    assert 'href="/nl/"' in switcher()  # no Dutch version: the Dutch home instead
    demo.get_translation(Locale.objects.get(language_code="nl")).unpublish()
    assert 'href="/nl/"' not in switcher()


def test_the_frame_comes_from_the_cache_after_the_first_page(client, demo):
    client.get("/de/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/de/ueber-das-projekt/")
    sql = " ".join(query["sql"] for query in queries)
    assert len(queries) > 0
    for table in ("core_navigation", "core_footer", "core_legalpage"):
        assert table not in sql


def test_without_the_frame_cache_pages_look_the_same(client, demo, settings):
    cached = client.get("/fr/").content
    settings.FRAME_CACHE_TIMEOUT = 0
    assert client.get("/fr/").content == cached


@pytest.mark.parametrize("path", ["/de/", "/fr/", "/de/geschichten/", "/en/designers/"])
@pytest.mark.usefixtures("uncached_pages")
def test_a_page_looks_up_each_locale_once(client, demo, path, settings):
    settings.FRAME_CACHE_TIMEOUT = 0  # nothing remembered between requests: the request memo alone
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    lookups = Counter(q["sql"] for q in queries if 'FROM "wagtailcore_locale"' in q["sql"])
    assert lookups, "no locale lookups captured"
    assert max(lookups.values()) == 1, lookups


@pytest.mark.parametrize("path", ["/de/", "/fr/", "/de/designerinnen/lena-hoffmann/"])
@pytest.mark.usefixtures("uncached_pages")
def test_with_the_frame_cached_a_page_asks_for_no_site_locale_or_restriction(client, demo, path):
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    tables = ("wagtailcore_site", "wagtailcore_locale", "wagtailcore_pageviewrestriction")
    asked = [q["sql"] for q in queries if any(f'FROM "{table}"' in q["sql"] for table in tables)]
    assert queries.captured_queries, "no queries captured"
    assert asked == []
