"""The Depot's shared resources as visitors and editors meet them: grouped by kind in four
languages, with the way to ask; the filter by kind and what it does with hostile values; drafts
and missing translations; an editor's change on the next request through the page cache; the
queries of a render, which do not grow with the resources; the Depot as JSON-LD."""

import re
from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from core.typography import SOFT_HYPHEN
from depot.models import DepotResourcesPage, ResourceKind, SharedResource
from project.models import ProjectPage
from tests.factories import HomePageFactory, ImageFactory, locale, publish, translate
from tests.seo.jsonld import assert_valid_json_ld, by_type

pytestmark = [pytest.mark.django_db, pytest.mark.no_demo]

LANGUAGES = ["de", "en", "nl", "fr"]
PROJECT_SLUGS = {"de": "projekt", "en": "project", "nl": "project-nl", "fr": "projet"}
DEPOT_SLUGS = {"de": "depot", "en": "depot-en", "nl": "depot-nl", "fr": "depot-fr"}
PATHS = {code: f"/{code}/{PROJECT_SLUGS[code]}/{DEPOT_SLUGS[code]}/" for code in LANGUAGES}
GROUP_HEADINGS = {
    "de": ["Räume", "Maschinen", "Werkzeug"],
    "en": ["Rooms", "Machines", "Tools"],
    "nl": ["Ruimtes", "Machines", "Gereedschap"],
    "fr": ["Salles", "Machines", "Outils"],
}
SEWING = {
    "de": "Nähwerkstatt",
    "en": "Sewing room",
    "nl": "Naaiatelier",
    "fr": "Atelier de couture",
}


@pytest.fixture
def page():
    # The test's resources alone, also where the demo is loaded in the same run (undone with
    # the test): the page lists every live resource.
    SharedResource.objects.all().delete()
    home = HomePageFactory()
    translate(home, "en", "nl", "fr")
    project = ProjectPage(title="Projekt", slug="projekt", project_name="Grüne Punkte")
    home.add_child(instance=project)
    publish(project)
    for code in LANGUAGES[1:]:
        translate(project, code, title=f"Projekt {code}", slug=PROJECT_SLUGS[code])
    depot = DepotResourcesPage(
        title="Geteilte Ressourcen im Depot",
        slug="depot",
        intro="<p>Was das Depot teilt.</p>",
        street_address="Talstraße 2",
        postal_code="52068",
    )
    project.add_child(instance=depot)
    publish(depot)
    for code in LANGUAGES[1:]:
        translate(depot, code, title=f"Depot {code}", slug=DEPOT_SLUGS[code])
    return depot


def make_resource(name="Nähwerkstatt", kind=ResourceKind.ROOM, live=True, **fields):
    defaults = {
        "purpose": f"{name}: wofür es gut ist.",
        "terms": "Frei für die Werkstätten des Projekts.",
        "capacity": "8 Plätze",
        "email": "depot@example.org",
        "phone": "+49 241 123-456",
        "opening_hours": "Mo–Do 9–16 Uhr",
    }
    resource = SharedResource(locale=locale(), kind=kind, name=name, **{**defaults, **fields})
    if not live:
        resource.live = False
        resource.save()
        resource.save_revision()
        return resource
    resource.save()
    return publish(resource)


def translated(resource, code, name):
    return translate(resource, code, name=name, purpose=f"{name}: purpose {code}.")


def html_of(client, path) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode().replace(SOFT_HYPHEN, "")


def section(html, resource) -> str:
    match = re.search(rf'<li class="resource" id="ressource-{resource.pk}".*?</li>', html, re.S)
    assert match, f"no card for {resource}"
    return match.group(0)


def headings(html) -> list[str]:
    return re.findall(r'<h2 id="depot-\w+">([^<]*)</h2>', html)


def test_a_visitor_reads_the_resources_grouped_by_kind_in_four_languages(client, page):
    tool = make_resource("Werkzeugausleihe", ResourceKind.TOOL, sort_order=1)
    machine = make_resource("Lasercutter", ResourceKind.MACHINE)
    room = make_resource("Nähwerkstatt", ResourceKind.ROOM, sort_order=5)
    hall = make_resource("Veranstaltungshalle", ResourceKind.ROOM, sort_order=2)
    for code in LANGUAGES[1:]:
        translated(room, code, SEWING[code])
        for other in (tool, machine, hall):
            translated(other, code, f"{other.name} ({code})")
    for code in LANGUAGES:
        html = html_of(client, PATHS[code])
        assert headings(html) == GROUP_HEADINGS[code]
        # Rooms in their order (the hall's 2 before the sewing room's 5), then machines, tools.
        positions = [html.index(f'id="ressource-{r.pk}"') for r in (hall, room, machine, tool)]
        assert positions == sorted(positions)
        card = section(html, room)
        assert f">{SEWING[code]}</h3>" in card and "lang=" not in card.split(">")[0]
        assert '<a href="mailto:depot@example.org?subject=' in card
        assert '<a href="tel:+49241123456">+49 241 123-456' in card
        with translation.override(code):
            label = translation.gettext("E-Mail-Anfrage: %(name)s") % {"name": SEWING[code]}
        assert f'<span class="visually-hidden"> – {label}</span>' in unescape(card)
        assert "8 Plätze" in card or code != "de"


def test_the_page_to_ask_on_is_linked_in_the_visitors_language(client, page):
    project = page.get_parent()
    room = make_resource(ask_page=project)
    html = html_of(client, PATHS["fr"])
    card = section(html, room)
    assert f'<a href="/fr/{PROJECT_SLUGS["fr"]}/">Projekt fr<span' in card


def test_the_filter_shows_one_kind_and_ignores_everything_else(client, page):
    room = make_resource("Nähwerkstatt", ResourceKind.ROOM)
    machine = make_resource("Lasercutter", ResourceKind.MACHINE)
    html = html_of(client, PATHS["de"] + "?kind=machine")
    assert headings(html) == ["Maschinen"]
    assert f'id="ressource-{machine.pk}"' in html and f'id="ressource-{room.pk}"' not in html
    assert '<a href="?kind=machine" aria-current="page">Maschinen</a>' in html
    assert re.search(r'rel="canonical" href="http://[^/"]+/de/projekt/depot/\?kind=machine"', html)
    hostile = [
        "<script>alert(1)</script>",
        "machine'--",
        "MACHINE",
        "x" * 5000,
        "%00",
        "room%0d%0aSet-Cookie:a=b",
    ]
    for value in hostile:
        response = client.get(PATHS["de"], {"kind": value})
        assert response.status_code == 200
        body = response.content.decode()
        assert headings(body) == ["Räume", "Maschinen"]
        # Not shown: the language switcher keeps the query, escaped, like on every page.
        assert "<script>alert" not in body and "x" * 100 + "</" not in body
        assert not response.cookies
    # Two values: the last one counts, as for every filter of the site.
    assert headings(html_of(client, PATHS["de"] + "?kind=machine&kind=room")) == ["Räume"]


def test_drafts_and_missing_translations(client, page):
    make_resource("Geheimer Raum", live=False)
    shown = make_resource("Siebdrucktisch", ResourceKind.MACHINE)
    shown.name = "Siebdrucktisch (neu im Entwurf)"
    shown.save_revision()  # saved, not published
    # A translation waiting for review: its draft is not shown, German stands in, marked.
    draft = shown.copy_for_translation(locale("nl"))
    draft.name = "Zeefdruktafel"
    draft.live = False
    draft.save()
    for code in LANGUAGES:
        html = html_of(client, PATHS[code])
        assert "Geheimer Raum" not in html and "neu im Entwurf" not in html
        assert "Zeefdruktafel" not in html
        card = section(html, shown)
        assert ">Siebdrucktisch</h3>" in card
        opening = card.split(">")[0]
        assert ('lang="de"' in opening) == (code != "de")
    html = html_of(client, PATHS["de"] + "?kind=room")
    assert "Hier stehen bald die Räume" in html  # the only room is a draft


def test_an_editors_change_shows_on_the_next_request(client, page):
    room = make_resource("Nähwerkstatt")
    translated(room, "nl", "Naaiatelier")
    for path in (PATHS["de"], PATHS["nl"], PATHS["fr"]):
        client.get(path)
        assert client.get(path)["X-Cache"] == "hit"
    room.name = "Nähwerkstatt mit Overlock"
    room.kind = ResourceKind.MACHINE
    room.save_revision().publish()
    response = client.get(PATHS["de"])
    assert response["X-Cache"] == "miss"
    html = response.content.decode().replace(SOFT_HYPHEN, "")
    assert ">Nähwerkstatt mit Overlock</h3>" in html and headings(html) == ["Maschinen"]
    # The French page had no translation: the German name stands in at once.
    assert ">Nähwerkstatt mit Overlock</h3>" in html_of(client, PATHS["fr"])
    # The Dutch translation keeps its text (until it is translated again); the kind is the
    # German resource's, for every language.
    html = html_of(client, PATHS["nl"])
    assert headings(html) == ["Machines"] and ">Naaiatelier</h3>" in html


def test_queries_do_not_grow_with_the_resources(client, page, uncached_pages):
    image = ImageFactory()

    def queries(code) -> int:
        client.get(PATHS[code])  # warm-up: routes, frame, renditions
        with CaptureQueriesContext(connection) as captured:
            assert client.get(PATHS[code]).status_code == 200
        return len(captured)

    def add(count, start):
        for number in range(start, start + count):
            kind = list(ResourceKind)[number % 3]
            resource = make_resource(f"Ressource {number}", kind, image=image, ask_page=page)
            if number % 2:
                translated(resource, "nl", f"Voorziening {number}")

    add(3, 0)
    few = {code: queries(code) for code in ("de", "nl")}
    add(27, 3)
    assert SharedResource.objects.filter(locale=locale(), live=True).count() == 30
    html = html_of(client, PATHS["nl"])
    assert html.count('<li class="resource"') == 30
    assert {code: queries(code) for code in ("de", "nl")} == few


def test_the_depot_is_a_place_with_its_resources_as_amenities(client, page):
    make_resource("Nähwerkstatt")
    make_resource("Lasercutter", ResourceKind.MACHINE)
    make_resource("Geheim", live=False)
    items = assert_valid_json_ld(html_of(client, PATHS["de"]))
    place = by_type(items, "Place")
    assert place["name"] == "Depot Talstraße"
    assert place["url"].endswith("/de/projekt/depot/")
    assert place["address"]["streetAddress"] == "Talstraße 2"
    assert [f["name"] for f in place["amenityFeature"]] == ["Lasercutter", "Nähwerkstatt"]
    assert all(f["@type"] == "LocationFeatureSpecification" for f in place["amenityFeature"])
    # Filtered or not, the Depot has all its resources.
    items = assert_valid_json_ld(html_of(client, PATHS["de"] + "?kind=room"))
    assert len(by_type(items, "Place")["amenityFeature"]) == 2


def test_a_phone_number_must_be_one():
    resource = SharedResource(locale=locale(), name="Raum", purpose="Nähen.", phone="ruf an")
    with pytest.raises(ValidationError) as error:
        resource.full_clean()
    assert "phone" in error.value.message_dict


def test_translating_a_resource_creates_an_unpublished_draft(client, page):
    room = make_resource("Nähwerkstatt")
    admin = get_user_model().objects.create_superuser(
        "depot-test-chefin", "chefin@example.org", "x"
    )
    client.force_login(admin)
    nl = locale("nl")
    url = reverse(
        "wagtail_localize:submit_snippet_translation", args=["depot", "sharedresource", room.pk]
    )
    assert client.post(url, {"locales": [nl.pk]}).status_code == 302
    created = SharedResource.objects.get(locale=nl, translation_key=room.translation_key)
    assert not created.live and created.has_unpublished_changes
    client.logout()
    card = section(html_of(client, PATHS["nl"]), room)
    assert 'lang="de"' in card.split(">")[0]  # the German resource, marked, until review


def test_the_project_pages_approach_step_links_the_page_in_the_visitors_language(client, page):
    project = page.get_parent().specific
    body = [
        (
            "approach",
            {
                "heading": "Vorgehen",
                "steps": [
                    {"title": "Ressourcen im Depot", "text": "Geteilt.", "page": page},
                    {"title": "Bedarfsanalyse", "text": "Fragen.", "page": None},
                ],
            },
        )
    ]
    # Each language's project page points at the German page (as a translation that was synced
    # before the page had its translations does): visitors still get theirs.
    for code in LANGUAGES:
        version = project.get_translation(locale(code)).specific
        version.body = body
        publish(version)
    for code in LANGUAGES:
        title = "Geteilte Ressourcen im Depot" if code == "de" else f"Depot {code}"
        html = html_of(client, f"/{code}/{PROJECT_SLUGS[code]}/")
        links = re.findall(r'class="project-approach__more"><a href="([^"]+)">([^<]+)</a>', html)
        assert links == [(PATHS[code], title)]  # one step links, the other does not
    page.get_translation(locale("nl")).unpublish()
    html = html_of(client, f"/nl/{PROJECT_SLUGS['nl']}/")
    assert f'<a href="{PATHS["de"]}">Geteilte Ressourcen im Depot</a>' in html


def test_an_editor_adds_a_resource_in_the_admin_and_a_wrong_phone_number_loses_nothing(
    client, page
):
    from depot.wagtail_hooks import SharedResourceViewSet  # noqa: F401 - registers the viewset
    from tests.admin_forms import form_data

    admin = get_user_model().objects.create_superuser("depot-test-redaktion", "r@example.org", "x")
    client.force_login(admin)
    url = reverse(SharedResource.snippet_viewset.get_url_name("add")) + "?locale=de"
    data = form_data(client.get(url).content.decode(), marker="w-form")
    data.update(
        kind="machine",
        name="Lasercutter",
        purpose="Schneiden und Gravieren.",
        email="depot@example.org",
        phone="ruf mich an",
        opening_hours="Mo–Do",
        sort_order="1",
    )
    response = client.post(url, data)
    assert response.status_code == 200  # the form again, with the message, the texts kept
    body = unescape(response.content.decode())
    assert "Bitte eine Telefonnummer aus Ziffern angeben" in body
    assert "Schneiden und Gravieren." in body
    assert not SharedResource.objects.filter(name="Lasercutter").exists()
    data["phone"] = "+49 241 123456"
    assert client.post(url, data).status_code == 302
    saved = SharedResource.objects.get(name="Lasercutter")
    assert not saved.live  # a draft: a moderator publishes it
    client.logout()
    assert "Lasercutter" not in html_of(client, PATHS["de"])
    publish(saved)
    assert ">Lasercutter</h3>" in html_of(client, PATHS["de"])
