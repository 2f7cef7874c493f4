"""The funding notice of the site settings: in every page's footer, in the visitor's language,
changed by an editor's publish on the next request, German where a language has no settings."""

import datetime
import json
import re

import pytest
from django.core.exceptions import SuspiciousOperation
from django.db import OperationalError
from django.utils import translation
from wagtail_localize.models import OverridableSegment, SegmentOverride, TranslationSource

from accessibility.models import AccessibilityStatementPage
from core.content_version import frame_cache
from core.frame import logo_rendition
from core.localize import translate as localize_translate
from core.models import FundingLogo, SiteSettings
from core.views import bad_request, server_error
from easyread.models import EasyReadIndexPage
from tests.factories import (
    ContentPageFactory,
    HomePageFactory,
    ImageFactory,
    locale,
    publish,
    translate,
)

pytestmark = [pytest.mark.django_db, pytest.mark.no_demo]

NOTICE = {
    "de": "Gefördert im Testprogramm durch das Ministerium.",
    "en": "Funded through the test programme by the ministry.",
}
ALT = {"de": "Logo des Testprogramms", "en": "Logo of the test programme"}
STATEMENT = {
    "de": "Kofinanziert von der Europäischen Union",
    "en": "Co-funded by the European Union",
}


def settings_in(code, image, source=None) -> SiteSettings:
    settings = SiteSettings(
        locale=locale(code),
        funding_notice=f"<p>{NOTICE[code]}</p>",
        email="team@example.org",
    )
    if source is not None:
        settings.translation_key = source.translation_key
    settings.funding_logos = [
        FundingLogo(
            locale=locale(code),
            image=image,
            alt_text=ALT[code],
            link="https://programm.example.org/",
            statement=STATEMENT[code],
            sort_order=0,
        )
    ]
    settings.save()
    settings.save_revision().publish()
    return SiteSettings.objects.get(pk=settings.pk)


@pytest.fixture
def site():
    SiteSettings.objects.all().delete()  # the demo's, where it is loaded
    home = HomePageFactory()
    translate(home, "en")
    page = ContentPageFactory(parent=home, title="Über uns")
    translate(page, "en", title="About us", slug="about-us")
    return home


def funding(client, path) -> str:
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    footer = html.split('<footer class="site-footer">', 1)[1]
    assert '<section class="funding"' in footer, "no funding notice in the footer"
    return footer.split('<section class="funding"', 1)[1].split("</section>", 1)[0]


def test_the_footer_shows_notice_logos_alt_texts_and_links_in_the_visitors_language(client, site):
    image = ImageFactory(title="Programmlogo")
    german = settings_in("de", image)
    settings_in("en", image, source=german)
    for code, paths in {"de": ["/de/", "/de/uber-uns/"], "en": ["/en/", "/en/about-us/"]}.items():
        for path in paths:
            block = funding(client, path)
            assert NOTICE[code] in block
            assert f'alt="{ALT[code]}"' in block
            assert '<a href="https://programm.example.org/">' in block
            assert STATEMENT[code] in block
            assert " lang=" not in block.split(">", 1)[0]  # its own language: no mark


def test_an_editors_change_to_the_notice_shows_on_the_next_request(client, site):
    german = settings_in("de", ImageFactory())
    assert NOTICE["de"] in funding(client, "/de/uber-uns/")  # the page and its frame are cached
    german.funding_notice = "<p>Neuer Förderhinweis nach dem Bescheid.</p>"
    german.save_revision()
    assert "Neuer Förderhinweis" not in funding(client, "/de/uber-uns/"), "a draft went live"
    german.get_latest_revision().publish()
    block = funding(client, "/de/uber-uns/")
    assert "Neuer Förderhinweis nach dem Bescheid." in block and NOTICE["de"] not in block


def test_a_new_logo_and_a_changed_alt_text_show_on_the_next_request(client, site):
    german = settings_in("de", ImageFactory())
    funding(client, "/de/")
    german = SiteSettings.objects.get(pk=german.pk)
    logo = german.funding_logos.get()
    logo.alt_text = "Logo der Stadt"
    german.funding_logos = [
        logo,
        FundingLogo(
            locale=german.locale, image=ImageFactory(), alt_text="Logo des Landes", sort_order=1
        ),
    ]
    german.save_revision().publish()
    block = funding(client, "/de/")
    assert 'alt="Logo der Stadt"' in block and 'alt="Logo des Landes"' in block
    assert block.index("Logo der Stadt") < block.index("Logo des Landes")  # the editor's order


def test_a_language_without_settings_shows_the_german_notice_marked_german(client, site):
    settings_in("de", ImageFactory())
    block = funding(client, "/en/about-us/")
    assert NOTICE["de"] in block and f'alt="{ALT["de"]}"' in block
    assert ' lang="de"' in block.split(">", 1)[0]


def test_a_translation_in_draft_is_not_shown_before_review(client, site):
    image = ImageFactory()
    german = settings_in("de", image)
    english = settings_in("en", image, source=german)
    english.funding_notice = "<p>Not yet reviewed.</p>"
    english.save_revision()
    block = funding(client, "/en/")
    assert "Not yet reviewed." not in block and NOTICE["en"] in block


def test_a_logo_whose_image_was_deleted_is_left_out(client, site):
    image = ImageFactory()
    settings_in("de", image)
    image.delete()
    block = funding(client, "/de/")
    assert "<img" not in block and NOTICE["de"] in block
    assert (
        FundingLogo.objects.get(site_settings__locale__language_code="de").alt_text == ALT["de"]
    )  # the editor's text is kept


def test_without_a_notice_or_logos_the_footer_has_no_funding_block(client, site):
    SiteSettings(locale=locale("de"), email="team@example.org").save()
    html = client.get("/de/").content.decode()
    assert "team@example.org" in html and '<section class="funding' not in html


def _error_page(view, code: str, rf, exception=None) -> str:
    """What Django's handler answers in `code` while the database is down: the view called
    inside the handling of the failure, as Django calls it, with no query allowed."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with translation.override(code), CaptureQueriesContext(connection) as queries:
        try:
            raise exception or OperationalError("the database is down")
        except Exception:  # the handler reads the failure being handled
            response = view(rf.get(f"/{code}/"), *([exception] if view is bad_request else []))
    assert len(queries) == 0, [query["sql"] for query in queries]
    return response.content.decode()


def _funding_of(html: str) -> str:
    assert "<footer" in html, "no footer on the error page"
    return html.split('<section class="funding"', 1)[1].split("</section>", 1)[0]


def test_the_error_pages_without_database_show_the_frame_as_last_worked_out(client, site, rf):
    """The 503, 500 and 400 pages render without the database (core.views): they show the
    funding notice, the easy-read link and the accessibility statement's link as the frame last
    worked them out, in the visitor's language, and follow a publish."""
    home = site
    frame_cache().clear()
    assert "<footer" not in _error_page(server_error, "de", rf)  # nothing kept: no failure
    image = ImageFactory(title="Programmlogo")
    german = settings_in("de", image)
    settings_in("en", image, source=german)
    easy_read = EasyReadIndexPage(
        title="Leichte Sprache",
        slug="leichte-sprache",
        body=[("sentences", [{"text": "Hier steht alles in Leichter Sprache.", "image": None}])],
    )
    home.add_child(instance=easy_read)
    publish(easy_read)
    statement = AccessibilityStatementPage(
        title="Erklärung zur Barrierefreiheit",
        slug="barrierefreiheit",
        conformance=AccessibilityStatementPage.Conformance.PARTIAL,
        prepared_on=datetime.date(2026, 11, 30),
        reviewed_on=datetime.date(2026, 12, 3),
        method=AccessibilityStatementPage.Method.SELF,
        enforcement="<p>Platzhalter</p>",
    )
    home.add_child(instance=statement)
    publish(statement)
    client.get("/de/uber-uns/")
    client.get("/en/about-us/")
    for code in ("de", "en"):
        for view, exception in (
            (server_error, None),  # 503: the database is unreachable
            (server_error, ValueError("a bug")),  # 500
            (bad_request, SuspiciousOperation("malformed")),  # 400
        ):
            html = _error_page(view, code, rf, exception)
            block = _funding_of(html)
            assert NOTICE[code] in block
            assert f'alt="{ALT[code]}"' in block
            assert '<a href="https://programm.example.org/">' in block
            assert STATEMENT[code] in block
            header = html.split("</header>", 1)[0]
            assert '<a class="easy-read-link" href="/de/leichte-sprache/"' in header
            # English has no statement of its own: the German one, marked German.
            hreflang = ' hreflang="de"' if code == "en" else ""
            assert f'<a href="/de/barrierefreiheit/"{hreflang}>' in html.split("<footer", 1)[1]

    german.funding_notice = "<p>Neuer Förderhinweis nach dem Bescheid.</p>"
    german.save_revision().publish()
    client.get("/de/")  # the next page a visitor sees works the frame out again
    assert "Neuer Förderhinweis" in _funding_of(_error_page(server_error, "de", rf))


def test_a_language_gets_its_own_logo_image_and_keeps_it_through_a_sync(client, site):
    """The EU's emblem comes with its statement in each language: in wagtail-localize's
    translation editor the English settings replace the German logo image with their own (an
    override of the synchronised image), and a later "Sync translations" after a German change
    keeps it."""
    german = settings_in("de", ImageFactory(title="EU-Emblem de"))
    strings = {NOTICE["de"]: NOTICE["en"], ALT["de"]: ALT["en"], STATEMENT["de"]: STATEMENT["en"]}
    localize_translate(german, "en", strings)
    english_image = ImageFactory(title="EU emblem en")
    source = TranslationSource.objects.get(object_id=german.translation_key)
    segment = OverridableSegment.objects.get(source=source, context__path__endswith=".image")
    SegmentOverride.objects.create(
        locale=locale("en"), context=segment.context, data_json=json.dumps(english_image.pk)
    )
    localize_translate(german, "en", strings)

    def logo_src(path):
        return re.search(r'<img src="([^"]+)"', funding(client, path)).group(1)

    assert logo_src("/en/about-us/") == logo_rendition(english_image).url
    assert logo_src("/de/uber-uns/") == logo_rendition(german.funding_logos.get().image).url

    german.funding_notice = "<p>Neuer Förderhinweis nach dem Bescheid.</p>"
    german.save_revision().publish()
    localize_translate(SiteSettings.objects.get(pk=german.pk), "en", strings)  # the sync
    assert logo_src("/en/about-us/") == logo_rendition(english_image).url
    assert f'alt="{ALT["en"]}"' in funding(client, "/en/about-us/")
