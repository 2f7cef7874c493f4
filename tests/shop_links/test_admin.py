"""What editors see and may do with retailers, stockist links and the link checker's findings."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone

from catalogue.models import Product
from designers.models import DesignerPage
from shop_links.models import LinkCheck, Retailer, StockistLink

pytestmark = pytest.mark.django_db


def url(model, action, *args):
    return reverse(f"wagtailsnippets_shop_links_{model._meta.model_name}:{action}", args=args)


RETAILER = {
    "name": "Kiosk am Blücherplatz",
    "kind": "concept_store",
    "street": "",
    "postcode": "",
    "city": "Aachen",
    "country": "DE",
    "latitude": "",
    "longitude": "",
    "website": "https://kiosk.example/",
    "description": "",
    "opening_hours": "",
}


def add_retailer(admin_client, **changes):
    return admin_client.post(url(Retailer, "add") + "?locale=de", {**RETAILER, **changes})


@pytest.mark.parametrize(
    ("website", "message"),
    [
        ("javascript:alert(1)", "„javascript:“-Adressen sind nicht erlaubt, nur https."),
        ("data:text/html,<b>hi</b>", "„data:“-Adressen sind nicht erlaubt, nur https."),
        ("/de/produkte/", "ist keine vollständige Adresse (https://… fehlt)."),
        ("kiosk.example", "ist keine vollständige Adresse (https://… fehlt)."),
        ("https://kiosk .example/", "ist keine gültige Adresse."),
        ("http://kiosk.example/", "ist unverschlüsselt (http); nur https-Adressen sind erlaubt."),
    ],
)
def test_a_bad_shop_address_is_refused_with_a_sentence_that_says_why(
    admin_client, website, message
):
    response = add_retailer(admin_client, website=website)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Geben Sie eine gültige URL ein" not in html and "Enter a valid URL" not in html
    assert not Retailer.objects.filter(name=RETAILER["name"]).exists()


def test_plain_http_is_accepted_only_when_the_editor_ticks_the_box(admin_client):
    response = add_retailer(admin_client, website="http://kiosk.example/", allow_http="on")
    assert response.status_code == 302
    assert Retailer.objects.get(name=RETAILER["name"]).website == "http://kiosk.example/"


def test_a_catalogue_retailer_keeps_its_catalogue_fields_but_takes_a_description(admin_client):
    synced = Retailer.objects.get(ref="laden-im-depot", locale__language_code="de")
    page = admin_client.get(url(Retailer, "edit", synced.pk)).content.decode()
    assert "Aus dem Label-Katalog: bitte dort ändern" in page
    response = admin_client.post(
        url(Retailer, "edit", synced.pk),
        {
            **RETAILER,
            "name": "Umbenannt",
            "website": "javascript:alert(1)",
            "description": "Der Laden des Labels im alten Straßenbahndepot.",
            "opening_hours": "Di–Sa 11–18 Uhr",
            "action-publish": "action-publish",  # a draft would leave the row as it is
        },
    )
    assert response.status_code == 302
    synced.refresh_from_db()
    assert synced.name == "Laden im Depot"
    assert synced.website == "https://laden.depot-aachen.example/"
    assert synced.description == "Der Laden des Labels im alten Straßenbahndepot."
    assert synced.opening_hours == "Di–Sa 11–18 Uhr"


def test_a_catalogue_link_keeps_its_address_but_takes_paid_and_new_tab(admin_client):
    link = StockistLink.objects.filter(from_feed=True).select_related("retailer").first()
    address = link.url
    response = admin_client.post(
        url(StockistLink, "edit", link.pk),
        {"url": "https://elsewhere.example/", "paid": "on", "new_tab": "on"},
    )
    assert response.status_code == 302
    link.refresh_from_db()
    assert (link.url, link.paid, link.new_tab) == (address, True, True)


def test_an_editor_link_names_a_product_or_a_designer_but_not_both(admin_client):
    retailer = Retailer.objects.get(ref="laden-im-depot", locale__language_code="de")
    product = Product.objects.sources().first()
    designer = DesignerPage.objects.filter(locale__language_code="de").first()
    add = url(StockistLink, "add")
    data = {"retailer": retailer.pk, "url": ""}
    neither = admin_client.post(add, data).content.decode()
    assert "Bitte ein Produkt oder eine Designer:in wählen." in neither
    both = admin_client.post(add, {**data, "product": product.pk, "designer": designer.pk})
    assert "Bitte nur eines wählen: ein Produkt oder eine Designer:in, nicht beides." in (
        both.content.decode()
    )
    bad = admin_client.post(add, {**data, "designer": designer.pk, "url": "javascript:x"})
    assert "„javascript:“-Adressen sind nicht erlaubt" in bad.content.decode()
    assert admin_client.post(add, {**data, "designer": designer.pk}).status_code == 302
    link = StockistLink.objects.get(retailer=retailer, designer=designer)
    assert (link.from_feed, link.target_url) == (False, retailer.website)


@pytest.fixture
def broken_link(demo):
    link = StockistLink.objects.filter(from_feed=True).select_related("retailer", "product")[0]
    LinkCheck.objects.create(
        url=link.url, status=404, error="http", failures=3, broken=True, checked_at=timezone.now()
    )
    return link


def test_the_link_status_shows_in_the_listing_and_on_the_edit_form(admin_client, broken_link):
    listing = admin_client.get(url(StockistLink, "list")).content.decode()
    assert "defekt (3 Fehlschläge in Folge)" in listing
    assert "noch nicht geprüft" in listing  # the others
    edit = admin_client.get(url(StockistLink, "edit", broken_link.pk)).content.decode()
    assert "defekt (3 Fehlschläge in Folge)" in edit and "HTTP 404" in edit


def test_the_report_and_the_dashboard_show_a_broken_link(admin_client, broken_link):
    report = admin_client.get(reverse("shop_links_broken"))
    html = report.content.decode()
    assert report.status_code == 200 and "Defekte Shop-Links" in html
    assert broken_link.url in html and "defekt (3 Fehlschläge in Folge)" in html
    assert url(StockistLink, "edit", broken_link.pk) in html
    home = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "1 Shop-Link ist defekt." in home and reverse("shop_links_broken") in home


def test_the_report_and_panel_are_for_those_who_can_change_shop_links(client, broken_link):
    editor = get_user_model().objects.create_user("ohne-shops", password="pw-for-tests")
    group = Group.objects.create(name="Redaktion ohne Shops")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    editor.groups.add(group)
    client.login(username="ohne-shops", password="pw-for-tests")
    assert "Shop-Link ist defekt" not in client.get(reverse("wagtailadmin_home")).content.decode()
    assert client.get(reverse("shop_links_broken")).status_code in {302, 403}
    group.permissions.add(Permission.objects.get(codename="change_stockistlink"))
    assert "1 Shop-Link ist defekt." in client.get(reverse("wagtailadmin_home")).content.decode()
    assert client.get(reverse("shop_links_broken")).status_code == 200


def test_the_dashboard_stays_quiet_while_every_link_works(admin_client, demo):
    LinkCheck.objects.create(url="https://fine.example/", status=200, checked_at=timezone.now())
    home = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="broken-shop-links' not in home
