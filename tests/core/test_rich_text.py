"""Rich text with links and images that point nowhere: the page, its editor and its preview still
work, the link's text stays, and the broken reference is logged (`core/rich_text.py`).

The HTML is stored as an import or an old revision would store it, in a rich-text field (legal
page) and in a StreamField rich-text block (content page)."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, ReferenceIndex
from wagtail.rich_text import RichText

from core.models import ContentPage, LegalPage
from project.models import ProjectPage
from tests.admin_forms import page_form_data

pytestmark = pytest.mark.django_db

TEXT = "unseren Werkstattladen"
# An <a> that leads nowhere (no href, or Wagtail's "None" for a page without address) and an
# <img> without a source (Wagtail's stand-in for a deleted image).
DEAD_LINK = re.compile(r"<a(?=[\s>])(?![^>]*\bhref=)[^>]*>|href=\"None\"|<img(?![^>]*\bsrc=)[^>]*>")


def deleted_page_id(demo) -> int:
    page = demo.add_child(instance=ContentPage(title="Gleich gelöscht", slug="gleich-geloescht"))
    page_id = page.pk
    page.delete()
    return page_id


def deleted_document_id() -> int:
    document = get_document_model().objects.create(title="Weg", file="documents/weg.pdf")
    document_id = document.pk
    document.delete()
    return document_id


def deleted_image_id() -> int:
    image = get_image_model().objects.create(
        title="Weg", file="original_images/weg.jpg", width=10, height=10
    )
    image_id = image.pk
    image.delete()
    return image_id


# name: (stored HTML with {deleted} for a deleted row's id, kind logged, reason logged)
CASES = {
    "page link, id not a number": ('<a linktype="page" id="abc">', "page", "no usable id"),
    "page link without id": ('<a linktype="page">', "page", "no usable id"),
    "page link, empty id": ('<a linktype="page" id="">', "page", "no usable id"),
    "page link, id too long for the database": (
        '<a linktype="page" id="123456789012345678901234567890">',
        "page",
        "no usable id",
    ),
    "page link to a deleted page": ('<a linktype="page" id="{page}">', "page", "not found"),
    "document link, id not a number": (
        '<a linktype="document" id="x">',
        "document",
        "no usable id",
    ),
    "document link without id": ('<a linktype="document">', "document", "no usable id"),
    "document link to a deleted document": (
        '<a linktype="document" id="{document}">',
        "document",
        "not found",
    ),
    "image, id not a number": (
        '<embed embedtype="image" id="x" format="fullwidth" alt="A"/>',
        "image",
        "no usable id",
    ),
    "image without id": (
        '<embed embedtype="image" format="fullwidth" alt="A"/>',
        "image",
        "no usable id",
    ),
    "deleted image without format": (
        '<embed embedtype="image" id="{image}" alt="A"/>',
        "image",
        "not found",
    ),
    "media embed without address": ('<embed embedtype="media"/>', "media", "no address"),
}


def stored_html(case: str, demo) -> str:
    tag = CASES[case][0].format(
        page=deleted_page_id(demo), document=deleted_document_id(), image=deleted_image_id()
    )
    if tag.startswith("<embed"):
        return f"<p>Besuchen Sie {TEXT}.</p>{tag}<p>Danke.</p>"
    return f"<p>Besuchen Sie {tag}{TEXT}</a>.</p>"


def legal_page(html: str):
    page = LegalPage.objects.get(locale__language_code="de", kind="imprint")
    page.body = html
    page.save_revision().publish()
    return page


def content_page(html: str):
    page = ProjectPage.objects.get(locale__language_code="de", slug="ueber-das-projekt")
    page.body = [("paragraph", RichText(html))]
    page.save_revision().publish()
    return page


PAGE_TYPES = {
    "legal page (rich-text field)": legal_page,
    "content page (StreamField)": content_page,
}


def assert_shows_text_without_dead_link(response):
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Besuchen Sie {TEXT}" in html or f"Besuchen Sie {TEXT}." in html
    assert not DEAD_LINK.search(html), DEAD_LINK.search(html).group(0)


@pytest.mark.parametrize("page_type", list(PAGE_TYPES))
@pytest.mark.parametrize("case", list(CASES))
def test_a_broken_reference_leaves_page_editor_and_preview_working(
    admin_client, demo, json_log, page_type, case
):
    page = PAGE_TYPES[page_type](stored_html(case, demo))
    _tag, kind, reason = CASES[case]
    visitor = Client(raise_request_exception=False)

    assert_shows_text_without_dead_link(visitor.get(page.url))
    again = visitor.get(page.url)
    assert again["X-Cache"] == "hit", "the page cache keeps the page like any other"
    assert_shows_text_without_dead_link(again)
    broken = json_log.events("rich_text_reference_broken")
    assert {(line["kind"], line["reason"]) for line in broken} == {(kind, reason)}
    assert broken[0]["level"] == "WARNING"

    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert edit.status_code == 200
    assert TEXT in edit.content.decode() or kind in ("image", "media")

    # The editor's form as it came, posted to the preview: what the editor sees there.
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    posted = admin_client.post(preview_url, page_form_data(edit.content.decode()))
    assert posted.json()["is_valid"], posted.json()
    assert_shows_text_without_dead_link(admin_client.get(preview_url))


@pytest.mark.parametrize("page_type", list(PAGE_TYPES))
def test_the_editor_opens_a_link_without_page_id_as_plain_text_and_saving_repairs_it(
    admin_client, demo, page_type
):
    page = PAGE_TYPES[page_type](f'<p>Besuchen Sie <a linktype="page" id="abc">{TEXT}</a>.</p>')
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = page_form_data(admin_client.get(url).content.decode())
    assert admin_client.post(url, {**data, "action-publish": "1"}).status_code == 302

    page.refresh_from_db()
    stored = page.body if isinstance(page.body, str) else page.body[0].value.source
    assert TEXT in stored and "linktype" not in stored


def test_working_links_still_link_and_reach_the_reference_index(demo, json_log):
    target = ProjectPage.objects.get(locale__language_code="de", slug="ueber-das-projekt")
    page = legal_page(
        f'<p><a linktype="page" id="{target.pk}">Über uns</a> und <a linktype="page">{TEXT}</a>.</p>'
    )

    html = Client().get(page.url).content.decode()
    assert f'<a href="{target.url}">Über uns</a> und {TEXT}.' in html
    # Wagtail's reference extraction failed on the link without id and left the page's
    # references out of the index ("usage" of the target page).
    assert (
        ReferenceIndex.get_references_to(Page.objects.get(pk=target.pk))
        .filter(object_id=str(page.pk))
        .exists()
    )
    assert [line["reason"] for line in json_log.events("rich_text_reference_broken")] == [
        "no usable id"
    ]


# Links across languages -----------------------------------------------------------------------


def french_legal_page(html: str):
    page = LegalPage.objects.get(locale__language_code="fr", kind="imprint")
    page.body = html
    page.save_revision().publish()
    return page


def german_only_page(demo, title="Nur auf Deutsch", slug="nur-auf-deutsch"):
    return demo.add_child(instance=ContentPage(title=title, slug=slug))


def test_a_link_leads_to_the_live_translation_of_the_linked_page(demo):
    german = ProjectPage.objects.get(locale__language_code="de", slug="ueber-das-projekt")
    french = german.get_translation(Locale.objects.get(language_code="fr"))
    assert french.live
    page = french_legal_page(f'<p>Voir <a linktype="page" id="{german.pk}">le projet</a>.</p>')

    html = Client().get(page.url).content.decode()
    assert f'<a href="{french.url}">le projet</a>' in html
    assert "hreflang" not in re.search(r"<a [^>]*>le projet</a>", html).group(0)


def test_a_link_to_a_page_only_in_german_says_so(demo):
    target = german_only_page(demo)
    page = french_legal_page(
        f'<p><a linktype="page" id="{target.pk}">Nur auf Deutsch</a> et '
        f'<a linktype="page" id="{target.pk}">une page en allemand</a>.</p>'
    )

    html = Client().get(page.url).content.decode()
    # The link text is the German title: both the target's and the text's language are marked.
    assert f'<a href="{target.url}" hreflang="de" lang="de">Nur auf Deutsch</a>' in html
    # The text is French: only the target's language.
    assert f'<a href="{target.url}" hreflang="de">une page en allemand</a>' in html
    assert "data-title" not in html

    # On a German page the same link is an ordinary link.
    german = legal_page(f'<p><a linktype="page" id="{target.pk}">Nur auf Deutsch</a>.</p>')
    assert (
        f'<a href="{target.url}">Nur auf Deutsch</a>' in Client().get(german.url).content.decode()
    )


@pytest.mark.usefixtures("uncached_pages")
def test_links_across_languages_cost_no_query_per_link(demo):
    targets = [german_only_page(demo, f"Nur deutsch {n}", f"nur-deutsch-{n}") for n in range(5)]
    translated = ProjectPage.objects.get(locale__language_code="de", slug="ueber-das-projekt")

    def queries_for(pages) -> int:
        links = "".join(f'<a linktype="page" id="{p.pk}">{p.title}</a> ' for p in pages)
        page = french_legal_page(f"<p>{links}</p>")
        client = Client()
        client.get(page.url)  # warm-up: the frame is cached
        with CaptureQueriesContext(connection) as queries:
            html = client.get(page.url).content.decode()
        assert html.count('hreflang="de" lang="de">Nur deutsch') == len(pages) - 1
        return len(queries)

    assert queries_for([targets[0], translated]) == queries_for([*targets, translated])
