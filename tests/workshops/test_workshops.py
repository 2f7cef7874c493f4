"""The workshop network as visitors and editors meet it: the index and its filters, a workshop's
page in four languages with its products (bounded), the sitemap, the production enquiry through
the enquiry pipeline, and the enquiry managers' admin."""

import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from core.typography import SOFT_HYPHEN
from enquiries.models import Enquiry
from tests.factories import bulk_products, publish
from tests.seo.jsonld import errors as jsonld_errors
from tests.seo.jsonld import extract
from tests.workshops.conftest import LANGUAGES, made_by, production
from workshops.apps import PRODUCTION

pytestmark = [pytest.mark.django_db, pytest.mark.no_demo]


def text(response) -> str:
    return response.content.decode().replace(SOFT_HYPHEN, "")


def cards(html: str) -> list[str]:
    return [
        part.split("</a>")[0].split(">")[-1] for part in html.split('class="card__heading"')[1:]
    ]


# -- Pages in four languages ---------------------------------------------------------------------


@pytest.mark.parametrize("code", LANGUAGES)
def test_index_and_workshop_pages_answer_in_every_language(client, network, code):
    index = network["index"][code]
    listing = client.get(index.url)
    assert listing.status_code == 200
    html = text(listing)
    assert f'<html lang="{code}"' in html
    assert sorted(cards(html)) == sorted(
        [
            "Keramik Wiesental",
            "Laser Talbot",
            "North sewing room" if code == "en" else "Näherei Nord",
        ]
    )
    page = client.get(f"{index.url}naeherei-nord/")
    assert page.status_code == 200
    html = text(page)
    with translation.override(code):
        assert translation.gettext("Maschinen und Fertigkeiten") in html
    skill = {"de": "Nähen", "en": "Sewing", "nl": "Naaien", "fr": "Couture"}[code]
    assert f">{skill}</a>" in html
    # The summary: translated into French, German standing in elsewhere, marked so.
    if code == "fr":
        assert "Des sacs en vieux tissu." in html
    elif code != "de":
        assert '<p class="lead" lang="de">Taschen aus altem Stoff.</p>' in html
    # hreflang alternates to the same workshop in every language
    for other in LANGUAGES:
        assert (
            f'hreflang="{other}" href="http://testserver{network["index"][other].url}naeherei-nord/"'
            in html
        )
    assert not jsonld_errors(extract(html))
    business = [item for item in extract(html) if item["@type"] == "LocalBusiness"]
    assert business and skill in business[0]["knowsAbout"]


@pytest.mark.parametrize("code", ["de", "fr"])
def test_the_feeds_social_employment_shows_without_an_editorial_sentence(client, network, code):
    """The catalogue marks the sewing room as a workshop that employs people long out of work;
    with no sentence of the editors' the page and its card still say so, in the page's language."""
    from workshops.models import Workshop

    Workshop.objects.filter(ref="naeherei-nord").update(employment="")
    with translation.override(code):
        badge = translation.gettext("gibt Menschen nach langer Arbeitslosigkeit Arbeit")
    index = network["index"][code].url
    page = text(client.get(f"{index}naeherei-nord/"))
    assert f'<span class="badge badge--social">{badge}</span>' in page
    listing = text(client.get(index))
    assert listing.count(f'<span class="badge badge--social">{badge}</span>') == 1
    # A workshop the feed does not mark gets no badge.
    assert "badge--social" not in text(client.get(f"{index}laser-talbot/"))


def test_a_german_only_skill_is_marked_german(client, network):
    html = text(client.get(f"{network['index']['nl'].url}laser-talbot/"))
    assert 'lang="de">Laserschneiden</a>' in html


def test_an_unknown_workshop_is_not_found(client, network):
    assert client.get(f"{network['index']['de'].url}gibt-es-nicht/").status_code == 404


def test_a_workshop_added_by_editors_has_its_own_name(client, network):
    html = text(client.get(f"{network['index']['en'].url}keramik-wiesental/"))
    assert '<h1 lang="de">Keramik Wiesental</h1>' in html


def test_the_map_loads_nothing_until_asked(client, network):
    html = text(client.get(f"{network['index']['de'].url}naeherei-nord/"))
    assert 'data-map-embed="https://www.openstreetmap.org/export/embed.html' in html
    assert "<iframe" not in html
    assert 'src="https://' not in html
    listing = text(client.get(network["index"]["de"].url))
    assert "Talstraße 2, 52068 Aachen" in listing  # the list of places works without the map


# -- Filters ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query,expected",
    [
        ("?skill=sewing", ["Keramik Wiesental", "Näherei Nord"]),
        ("?district=mitte", ["Näherei Nord"]),
        ("?skill=sewing&district=laurensberg", ["Keramik Wiesental"]),
        ("?skill=ceramics&district=haaren", []),
        ("?skill=unbekannt", ["Keramik Wiesental", "Laser Talbot", "Näherei Nord"]),
        ("?district=mars&skill=", ["Keramik Wiesental", "Laser Talbot", "Näherei Nord"]),
        (
            "?skill=%3Cscript%3Ealert(1)%3C/script%3E&district=%27%22&page=-1",
            ["Keramik Wiesental", "Laser Talbot", "Näherei Nord"],
        ),
        ("?skill=sewing&skill=ceramics&page=999999999999999999999", ["Keramik Wiesental"]),
        ("?skill=" + "x" * 5000, ["Keramik Wiesental", "Laser Talbot", "Näherei Nord"]),
    ],
)
def test_filters_by_skill_and_district(client, network, query, expected):
    response = client.get(network["index"]["de"].url + query)
    assert response.status_code == 200
    html = text(response)
    assert sorted(cards(html)) == expected
    assert "<script>alert" not in html
    if not expected:
        assert "Keine Werkstatt passt zu diesem Filter." in html


def test_filters_are_cache_query_parameters(client, network):
    url = network["index"]["de"].url
    assert client.get(url + "?skill=sewing")["X-Cache"] == "miss"
    assert client.get(url + "?skill=ceramics")["X-Cache"] == "miss"  # not the sewing answer
    assert sorted(cards(text(client.get(url + "?skill=ceramics")))) == ["Keramik Wiesental"]
    assert client.get(url + "?skill=sewing&utm_source=x")["X-Cache"] == "hit"


# -- Products made there ---------------------------------------------------------------------------


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_products_are_bounded_and_cost_the_same_queries(client, network, uncached_pages):
    url = f"{network['index']['de'].url}naeherei-nord/"
    made_by(network["partner"], bulk_products(3, prefix="Klein"))
    client.get(url)  # the frame and routes, once
    small = _queries(client, url)
    html = text(client.get(url))
    assert len(cards(html)) == 3
    assert "alle zeigen" not in html
    made_by(network["partner"], bulk_products(2000, prefix="Gross"))
    client.get(url)
    large = _queries(client, url)
    html = text(client.get(url))
    assert large == small
    assert "8 von 2.003 Produkten" in html
    assert f"{url}produkte/" in html
    everything = client.get(f"{url}produkte/?page=84")
    assert everything.status_code == 200
    assert "1.993–2.003 von 2.003 Produkten" in text(everything)


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_workshops_product_list_is_named_in_the_pages_language(client, network, code):
    names = {"de": "produkte", "en": "products", "nl": "producten", "fr": "produits"}
    url = f"{network['index'][code].url}naeherei-nord/"
    response = client.get(f"{url}{names[code]}/")
    assert response.status_code == 200
    html = text(response)
    for other in LANGUAGES:
        alternate = f"{network['index'][other].url}naeherei-nord/{names[other]}/"
        assert f'hreflang="{other}" href="http://testserver{alternate}"' in html
        if names[other] != names[code]:
            assert client.get(f"{url}{names[other]}/").status_code == 404


# -- Editors' changes ------------------------------------------------------------------------------


def test_a_published_edit_shows_on_the_next_request_through_the_page_cache(client, network):
    url = f"{network['index']['de'].url}naeherei-nord/"
    listing_url = network["index"]["de"].url
    assert "Taschen aus altem Stoff." in text(client.get(url))
    client.get(listing_url)
    assert client.get(url)["X-Cache"] == "hit"
    row = network["naeherei"]
    row.summary = "Jetzt auch Rucksäcke."
    row.save_revision()  # a draft: visitors still see the published text
    assert "Taschen aus altem Stoff." in text(client.get(url))
    publish(row)
    page = client.get(url)
    assert page["X-Cache"] == "miss"
    assert "Jetzt auch Rucksäcke." in text(page)
    assert "Jetzt auch Rucksäcke." in text(client.get(listing_url))


def test_a_new_skill_label_shows_on_the_next_request(client, network):
    from workshops.models import Skill

    url = network["index"]["de"].url
    assert "Nähen" in text(client.get(url))
    skill = Skill.objects.get(code="sewing", locale__language_code="de")
    skill.label = "Nähen und Flicken"
    skill.save()
    assert "Nähen und Flicken" in text(client.get(url))


def test_an_unpublished_workshop_disappears(client, network):
    url = f"{network['index']['de'].url}laser-talbot/"
    assert client.get(url).status_code == 200
    network["laser"].unpublish()
    assert client.get(url).status_code == 404
    assert "Laser Talbot" not in cards(text(client.get(network["index"]["de"].url)))


# -- Sitemap ---------------------------------------------------------------------------------------


def test_workshops_are_in_the_sitemap_with_their_alternates(client, network):
    import xml.etree.ElementTree as ET

    from tests.seo.test_sitemap import NS

    root = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 - our own response
    urls = {
        code: f"http://testserver{network['index'][code].url}naeherei-nord/" for code in LANGUAGES
    }
    entries = {
        url.findtext("s:loc", namespaces=NS): {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
        }
        for url in root.findall("s:url", NS)
    }
    for code, url in urls.items():
        assert entries[url][code] == url
        assert entries[url]["fr"] == urls["fr"]


# -- The production enquiry ------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["de", "fr"])
def test_an_enquiry_is_stored_with_the_workshop_named_and_notified(post, network, code):
    index = network["index"][code]
    response = post(index, production(what="Taschen <b>aus Planen</b>\x07"))
    assert response.status_code == 200
    with translation.override(code):
        assert translation.gettext("Vielen Dank für Ihre Produktionsanfrage") in text(response)
    assert not response.cookies
    enquiry = Enquiry.objects.get()
    assert enquiry.kind == PRODUCTION
    assert enquiry.status == "received"
    assert enquiry.language == code
    assert enquiry.email == "kim@example.org"
    assert enquiry.form_data["workshop"].endswith("(naeherei-nord)")
    assert enquiry.form_data["requester"] == "Designer:in"
    assert enquiry.form_data["what"] == "Taschen <b>aus Planen</b>"
    assert enquiry.notification_state == Enquiry.Notification.SENT
    staff = mail.outbox[0]
    assert staff.to == ["team@example.org"]
    # The inbox says which workshop is asked about (the German name: the team's language).
    assert (
        staff.subject == f"Neue Produktionsanfrage #{enquiry.pk}: {enquiry.form_data['workshop']}"
    )
    assert staff.subject.endswith("(naeherei-nord)")
    assert "Werkstatt: " in staff.body and "(naeherei-nord)" in staff.body
    assert "Art: Produktionsanfrage" in staff.body


def test_an_enquiry_for_any_workshop(post, network):
    post(network["index"]["de"], production(workshop=""))
    enquiry = Enquiry.objects.get()
    assert enquiry.form_data["workshop"] == "keine bestimmte"
    assert mail.outbox[0].subject == f"Neue Produktionsanfrage #{enquiry.pk}: keine bestimmte"


def test_the_workshop_page_names_its_workshop_in_the_form(client, network):
    html = text(client.get(f"{network['index']['de'].url}keramik-wiesental/"))
    assert '<option value="keramik-wiesental" selected>Keramik Wiesental</option>' in html
    assert 'action="/de/anfrage-senden/' in html


def test_the_forms_list_marks_the_german_names_standing_in(client, network):
    html = text(client.get(f"{network['index']['en'].url}keramik-wiesental/"))
    # Named in English where the catalogue names it so, the German names marked as on the page.
    assert '<option value="naeherei-nord">North sewing room</option>' in html
    assert '<option value="laser-talbot" lang="de">Laser Talbot</option>' in html
    assert '<option value="keramik-wiesental" selected lang="de">Keramik Wiesental</option>' in html
    german = text(client.get(f"{network['index']['de'].url}keramik-wiesental/"))
    assert "<option" in german and 'lang="de"' not in german.split("<select", 1)[1]


@pytest.mark.parametrize(
    "data,message",
    [
        (production(workshop="gibt-es-nicht"), "Werkstatt"),
        (production(workshop="<script>"), "Werkstatt"),
        (production(email="kein-at"), "E-Mail"),
        (production(consent=None), "Ich bin einverstanden"),
        (production(what=""), "Was soll gefertigt werden?"),
        (production(requester="robot"), "Wer fragt an?"),
    ],
)
def test_bad_answers_get_a_clear_message_and_keep_the_text(post, network, data, message):
    response = post(network["index"]["de"], data)
    assert response.status_code == 200
    html = text(response)
    assert "Bitte prüfen Sie Ihre Angaben" in html
    assert message in html
    assert "Studio Kim" in html  # what was typed stays
    assert not Enquiry.objects.exists()


@pytest.mark.parametrize("case", ["honeypot", "too fast", "forged token"])
def test_spam_is_refused_silently(post, network, case):
    from enquiries import spam

    index = network["index"]["de"]
    if case == "honeypot":
        response = post(index, {**production(), spam.HONEYPOT_NAME: "http://spam.example"})
    elif case == "too fast":
        response = post(index, age=0)
    else:
        response = post(index, token="forged")
    assert response.status_code == 200
    assert not Enquiry.objects.exists()
    assert mail.outbox == []


def test_the_rate_limit_applies(post, network, settings):
    settings.ENQUIRY_RATE_LIMIT = 1
    index = network["index"]["de"]
    assert post(index).status_code == 200
    refused = post(index, production(what="Noch eine Serie"))
    assert refused.status_code == 429
    assert "Noch eine Serie" in text(refused)
    assert Enquiry.objects.count() == 1


def test_managers_see_production_enquiries_with_the_workshop(
    client, post, network, django_user_model
):
    post(network["index"]["de"])
    enquiry = Enquiry.objects.get()
    group = Group.objects.create(name="Anfragen (Test)")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="manage_enquiries"),
    )
    user = django_user_model.objects.create_user("anfragen-test", password="pw")
    user.groups.add(group)
    client.force_login(user)
    listing = client.get("/admin/enquiries/?kind=" + PRODUCTION).content.decode()
    assert f"/admin/enquiries/edit/{enquiry.pk}/" in listing
    assert "Produktionsanfrage" in listing
    edit = client.get(f"/admin/enquiries/edit/{enquiry.pk}/").content.decode()
    assert "Näherei Nord (naeherei-nord)" in edit
    assert 'value="forwarded"' in edit and 'value="in_discussion"' in edit


# -- Site search -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "query"), [("de", "Keramik"), ("fr", "vieux tissu"), ("en", "sewing")]
)
def test_the_site_search_finds_workshops_as_the_visitor_reads_them(client, network, code, query):
    with translation.override(code):
        from django.urls import reverse

        url = reverse("search")
    html = text(client.get(url, {"q": query}))
    expected = {"de": "Keramik Wiesental", "fr": "Näherei Nord", "en": "North sewing room"}[code]
    assert expected in html
    assert f"{network['index'][code].url}" in html


def test_the_map_shows_the_shops_near_the_workshops_and_lists_them(client, network):
    """Workshops and the shops that sell the label in the region share one map; the list of
    both works without it. A shop far away (Köln), an online shop and a shop not yet published
    stay off it; a shop's name is in the visitor's language where the shop has one."""
    from urllib.parse import parse_qs, urlsplit

    from shop_links.models import Retailer
    from tests.factories import RetailerFactory, translate

    Retailer.objects.all().delete()  # the test's shops alone, also beside the demo
    near = RetailerFactory(
        name="Laden am Depot",
        street="Talstraße 4",
        postcode="52068",
        latitude=Decimal("50.7790"),
        longitude=Decimal("6.0880"),
    )
    translate(near, "fr", name="Boutique du Depot")
    RetailerFactory(name="Kaufhaus Köln", latitude=Decimal("50.9375"), longitude=Decimal("6.9603"))
    RetailerFactory(
        name="Versand Nord",
        kind=Retailer.Kind.ONLINE_SHOP,
        latitude=Decimal("50.78"),
        longitude=Decimal("6.09"),
    )
    RetailerFactory(
        name="Entwurf Laden", live=False, latitude=Decimal("50.78"), longitude=Decimal("6.09")
    )

    german = text(client.get(network["index"]["de"].url))
    shops = german.split('id="workshops-map-shops"', 1)[1].split("</ul>", 1)[0]
    assert "Laden am Depot" in shops and "Talstraße 4" in shops and "52068 Aachen" in shops
    for elsewhere in ("Kaufhaus Köln", "Versand Nord", "Entwurf Laden"):
        assert elsewhere not in german
    embed = re.search(r'data-map-embed="([^"]+)"', german).group(1).replace("&amp;", "&")
    west, south, east, north = map(float, parse_qs(urlsplit(embed).query)["bbox"][0].split(","))
    assert west < 6.0880 < east and south < 50.7790 < north  # the shop
    assert west < 6.0963 < east and south < 50.7836 < north  # the workshop
    assert "<iframe" not in german

    french = text(client.get(network["index"]["fr"].url))
    assert "Boutique du Depot" in french.split('id="workshops-map-shops"', 1)[1]
