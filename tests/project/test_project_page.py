"""The project page: aims, approach, partners, duration and the full funding notice, in four
languages in the demo; JSON-LD names the operation as a schema.org Project with its funders."""

import datetime
from html import unescape

import pytest
from wagtail.models import Page

from accessibility.models import AccessibilityStatementPage
from core.models import SiteSettings
from core.typography import SOFT_HYPHEN
from demo import project as demo_project
from demo import texts
from enquiries.models import EnquiryFormPage
from project.models import ProjectPage
from tests.browser.pages import LANGUAGES, PAGE_TYPES, PROJECT, demo_text
from tests.enquiries.conftest import post_like_a_browser, token_for
from tests.factories import HomePageFactory, locale, publish
from tests.seo.jsonld import assert_valid_json_ld, by_type

pytestmark = pytest.mark.django_db


def shown(html: str) -> str:
    return html.replace(SOFT_HYPHEN, "").replace("&shy;", "")


@pytest.mark.no_demo
def test_an_editors_project_page_shows_its_parts_and_the_full_funding_notice(client):
    home = HomePageFactory()
    # The German settings (the demo's, where a test in the same run loaded it; rolled back after)
    settings = SiteSettings.objects.filter(locale=locale()).first() or SiteSettings(locale=locale())
    settings.funding_notice = "<p>Gefördert im Testprogramm.</p>"
    settings.save()
    page = ProjectPage(
        title="Über das Vorhaben",
        slug="vorhaben",
        project_name="Grüne Punkte",
        intro="Worum es geht.",
        start_date=datetime.date(2024, 3, 1),
        end_date=datetime.date(2027, 2, 28),
        programme="BIWAQ",
        body=[
            ("aims", {"heading": "Ziele", "aims": ["Arbeit im Quartier schaffen."]}),
            (
                "approach",
                {"heading": "Vorgehen", "steps": [{"title": "Bedarfsanalyse", "text": "Fragen."}]},
            ),
            (
                "partners",
                {
                    "heading": "Partner",
                    "partners": [
                        {
                            "name": "Ministerium",
                            "role": "Fördert.",
                            "url": "https://m.example.org/",
                            "funder": True,
                        },
                        {"name": "Depot", "role": "Räume.", "url": "", "funder": False},
                    ],
                },
            ),
        ],
    )
    home.add_child(instance=page)
    publish(page)
    html = shown(client.get("/de/vorhaben/").content.decode())
    article = html.split("<article", 1)[1].split("</article>", 1)[0]
    for text in (
        "Grüne Punkte",
        "1. März 2024 – 28. Februar 2027",
        "Arbeit im Quartier schaffen.",
        "Bedarfsanalyse",
        '<a href="https://m.example.org/">Ministerium</a>',
        "(Förderer)",
        'class="funding funding--full"',
        "Gefördert im Testprogramm.",
    ):
        assert text in article, text
    data = by_type(assert_valid_json_ld(html, types={"Project"}), "Project")
    assert data["name"] == "Grüne Punkte"
    assert data["foundingDate"] == "2024-03-01" and data["dissolutionDate"] == "2027-02-28"
    assert data["funder"] == [
        {"@type": "GovernmentOrganization", "name": "Ministerium", "url": "https://m.example.org/"}
    ]

    # An editor's change of the page shows on the next request.
    page.intro = "Neu beschrieben."
    publish(page)
    assert "Neu beschrieben." in client.get("/de/vorhaben/").content.decode()


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_demos_project_page_in_four_languages(client, demo, code):
    response = client.get(PROJECT.paths[code])
    assert response.status_code == 200
    html = shown(response.content.decode())
    assert f'<html lang="{code}"' in html
    article = html.split("<article", 1)[1].split("</article>", 1)[0]
    assert demo_text(texts.ABOUT["title"])[code] in article
    for title, text in demo_project.APPROACH["steps"]:
        assert demo_text(title)[code] in article and demo_text(text)[code] in article
    for aim in demo_project.AIMS["aims"]:
        assert demo_text(aim)[code] in article
    assert demo_text(demo_project.NOTICE)[code] in article  # the full notice, on the page
    assert demo_text(demo_project.EU_STATEMENT)[code] in article
    project = by_type(assert_valid_json_ld(html), "Project")
    assert project["foundingDate"] == "2023-01-01"
    assert {funder["name"] for funder in project["funder"]} == {
        demo_text(demo_project.MINISTRY)[code],
        demo_text(demo_project.ESF)[code],
    }


def _demo_paths() -> list[str]:
    """Every live page of the demo in every language, and the browser tests' addresses (routed
    product pages, the search, a missing page)."""
    paths = {page.url for page in Page.objects.live().exclude(depth=1) if page.url}
    for page_type in PAGE_TYPES:
        paths.update(page_type.paths.values())
    return sorted(paths)


def test_every_page_of_the_demo_shows_the_funding_notice_in_its_language(client, demo):
    paths = _demo_paths()
    assert len(paths) > 40
    for path in paths:
        code = path.split("/")[1]
        response = client.get(path)
        assert response.status_code in (200, 404), path
        assert_demo_funding_notice(response, code, path)


def assert_demo_funding_notice(response, code: str, where: str) -> None:
    """The demo's notice, logos (alt text and link) and EU statement in `code`, in the footer."""
    footer = unescape(response.content.decode().split('<footer class="site-footer">', 1)[1])
    assert demo_text(demo_project.NOTICE)[code] in footer, where
    for _title, _shape, alt, link, statement in demo_project.LOGOS:
        assert f'alt="{demo_text(alt)[code]}"' in footer, (where, alt)
        assert f'<a href="{link}">' in footer, (where, link)
        if statement:
            assert demo_text(statement)[code] in footer, where


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_forms_answers_carry_the_funding_notice(
    client, demo, settings, django_capture_on_commit_callbacks, code
):
    """What a visitor meets after sending a form (its errors, its thank-you) is a page like the
    others, with the notice in its footer: the accessibility feedback and the enquiry form."""
    settings.ENQUIRY_RATE_LIMIT = 100
    statement = AccessibilityStatementPage.objects.live().get(locale__language_code=code)
    enquiry = EnquiryFormPage.objects.live().get(locale__language_code=code)
    for page, body in (
        (statement, {"problem": "", "consent": "on"}),  # a missing answer: the form again
        (statement, {"problem": "Die Schrift ist zu klein.", "consent": "on"}),  # thank you
        (enquiry, {}),  # the enquiry form's errors
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = post_like_a_browser(client, page, body, token_for(page))
        assert response.status_code == 200, (page.url, body)
        assert_demo_funding_notice(response, code, f"{page.url} after a post")
