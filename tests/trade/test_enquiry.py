"""A shop's trade enquiry goes through the enquiry pipeline as its own kind: stored once before
any mail, the staff mail names the shop, the confirmation speaks the shop's language, enquiry
managers see it apart with its own statuses; hostile posts get a clear message and lose nothing."""

import csv
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import translation

from enquiries.models import Enquiry
from tests.accessibility.test_feedback import manager  # noqa: F401 (a fixture)
from tests.enquiries.conftest import submit_url, token_for
from tests.factories import EnquiryFactory
from tests.trade.conftest import LANGUAGES, trade_answers
from trade.apps import TRADE

pytestmark = [pytest.mark.django_db, pytest.mark.no_demo]


def in_language(code: str, msgid: str) -> str:
    with translation.override(code):
        return translation.gettext(msgid)


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_shop_posts_the_trade_form_in_its_language(client, post, trade_pages, code):
    page = trade_pages[code]
    shown = client.get(page.url)
    assert shown.status_code == 200 and not shown.cookies
    html = shown.content.decode()
    assert in_language(code, "Name des Geschäfts") in html
    assert in_language(code, "Museumsshop") in html
    assert f'action="{submit_url(page)}#trade-enquiry"' in html

    response = post(page, trade_answers(shop_kind="concept_store"))
    assert response.status_code == 200
    assert in_language(code, "Vielen Dank für Ihre Händleranfrage") in response.content.decode()
    assert not response.cookies

    enquiry = Enquiry.objects.get()
    assert (enquiry.kind, enquiry.status, enquiry.language) == (TRADE, "new", code)
    assert enquiry.email == "jana@example.org"
    # The kind of shop in the team's language, whichever language the shop used.
    assert enquiry.form_data["shop_kind"] == "Concept Store"
    assert enquiry.form_data["shop_name"] == "Museumsshop Ludwig Forum"
    assert enquiry.form_data["consent"] is True
    assert enquiry.notification_state == Enquiry.Notification.SENT

    staff, confirmation = mail.outbox
    assert staff.to == ["handel@example.org"]
    assert staff.reply_to == ["jana@example.org"]
    assert staff.subject == f"Neue Händleranfrage #{enquiry.pk}: Museumsshop Ludwig Forum"
    assert "Name des Geschäfts: Museumsshop Ludwig Forum" in staff.body
    assert "Art des Geschäfts: Concept Store" in staff.body
    assert "Erwartete Stückzahlen: je 10 Stück zum Start" in staff.body
    assert confirmation.to == ["jana@example.org"]
    assert confirmation.subject == in_language(code, "Ihre Händleranfrage bei Made in Aachen-Nord")
    with translation.override(code):
        greeting = translation.gettext("Guten Tag,")
    assert confirmation.body.startswith(greeting)
    if code != "de":
        assert "vielen Dank" not in confirmation.body
    # No free text of the form in a mail to an address anyone can type in.
    assert "Ludwig" not in confirmation.body and "Ausstellung" not in confirmation.body


def test_one_form_posted_twice_is_stored_once(post, trade_pages):
    token = token_for(trade_pages["de"])
    first = post(trade_pages["de"], token=token)
    second = post(trade_pages["de"], token=token)
    assert first.status_code == second.status_code == 200
    assert Enquiry.objects.count() == 1
    assert len(mail.outbox) == 2


TYPED = {
    "shop_name": "Museumsshop Ludwig Forum",
    "contact_person": "Jana Beispiel",
    "products": "Becher und Falttaschen",
    "quantities": "je 10 Stück",
    "message": "Ausstellung im Frühjahr",
}


def assert_kept(html: str, *values: str) -> None:
    for value in values or TYPED.values():
        assert value in html, value


@pytest.mark.parametrize(
    "missing", ["shop_name", "shop_kind", "city", "contact_person", "email", "products", "consent"]
)
def test_a_missing_answer_gets_a_clear_message_and_keeps_the_rest(post, trade_pages, missing):
    response = post(trade_pages["de"], trade_answers(**{missing: None}))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bitte prüfen Sie Ihre Angaben" in html
    assert 'aria-invalid="true"' in html
    assert_kept(html, *(value for key, value in TYPED.items() if key != missing))
    assert not Enquiry.objects.exists() and mail.outbox == []


def test_an_optional_phone_may_be_left_out(post, trade_pages):
    post(trade_pages["en"], trade_answers(phone=None, quantities=None, message=None))
    assert Enquiry.objects.get().form_data["phone"] == ""


def test_over_long_answers_and_a_wrong_address_get_a_message_in_the_language(
    post, trade_pages, settings
):
    line = "L" * (settings.ENQUIRY_MAX_LINE_LENGTH + 1)
    text = "T" * (settings.ENQUIRY_MAX_TEXT_LENGTH + 1)
    response = post(
        trade_pages["fr"], trade_answers(shop_name=line, message=text, email="pas-une-adresse")
    )
    html = response.content.decode()
    assert "au plus" in html or "maximum" in html  # Django's own message, in French
    assert line in html and text in html and "pas-une-adresse" in html
    assert not Enquiry.objects.exists()


def test_an_unknown_kind_of_shop_is_refused(post, trade_pages):
    html = post(trade_pages["de"], trade_answers(shop_kind="kiosk<script>")).content.decode()
    assert "Bitte prüfen Sie Ihre Angaben" in html
    assert "<script>" not in html.split("<main", 1)[-1]
    assert not Enquiry.objects.exists()


def test_markup_is_stored_as_typed_and_never_shown_as_markup(client, post, trade_pages, admin_user):
    shop = '<b onclick="alert(1)">Laden</b>'
    post(trade_pages["de"], trade_answers(shop_name=shop, message="<script>alert(1)</script>\x07"))
    enquiry = Enquiry.objects.get()
    assert enquiry.form_data["shop_name"] == shop
    assert enquiry.form_data["message"] == "<script>alert(1)</script>"  # control character out
    staff = mail.outbox[0]
    assert "\n" not in staff.subject and staff.subject.endswith(shop)  # plain text, one line
    client.force_login(admin_user)
    edit = client.get(f"/admin/enquiries/edit/{enquiry.pk}/").content.decode()
    assert "&lt;b onclick=" in edit and '<b onclick="' not in edit
    assert "<script>alert(1)</script>" not in edit


def test_a_post_without_token_comes_back_filled_in(post, trade_pages):
    page = trade_pages["nl"]
    response = post(page, token="", headers={"Referer": "http://testserver" + page.url})
    html = response.content.decode()
    notice = in_language(
        "nl",
        "Ihre Angaben sind noch nicht gesendet. Bitte prüfen Sie sie und senden Sie das "
        "Formular noch einmal ab.",
    )
    assert notice in html and "Ihre Angaben" not in notice
    assert_kept(html)
    assert not Enquiry.objects.exists()


@pytest.mark.parametrize("case", ["forged token", "token of another page", "honeypot", "too fast"])
def test_bots_get_the_thank_you_page_and_nothing_is_stored(post, trade_pages, case):
    page = trade_pages["de"]
    data, kwargs = trade_answers(), {}
    if case == "forged token":
        kwargs["token"] = token_for(page)[:-3] + "abc"
    elif case == "token of another page":
        kwargs["token"] = token_for(trade_pages["en"])
    elif case == "honeypot":
        data["website"] = "http://spam.example/"
    else:
        kwargs["age"] = 0
    response = post(page, data, **kwargs)
    assert response.status_code == 200
    assert "Vielen Dank für Ihre Händleranfrage" in response.content.decode()
    assert not Enquiry.objects.exists() and mail.outbox == []


def test_too_many_posts_are_refused_with_a_message_and_lose_nothing(post, trade_pages, settings):
    settings.ENQUIRY_RATE_LIMIT = 2
    page = trade_pages["de"]
    assert post(page).status_code == 200
    assert post(page).status_code == 200
    refused = post(page, trade_answers(shop_name="Dritter Laden"))
    html = refused.content.decode()
    assert refused.status_code == 429
    assert "Von Ihrem Anschluss kamen gerade sehr viele Anfragen" in html
    assert_kept(html, "Dritter Laden", "Becher und Falttaschen")
    assert Enquiry.objects.count() == 2


def test_a_cross_site_post_and_files_are_refused(client, trade_pages):
    page = trade_pages["de"]
    foreign = client.post(
        submit_url(page),
        {**trade_answers(), "form_token": token_for(page)},
        headers={"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"},
    )
    assert foreign.status_code == 403
    with_file = client.post(
        submit_url(page),
        {**trade_answers(), "form_token": token_for(page), "file": io.BytesIO(b"x")},
        headers={"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"},
    )
    assert with_file.status_code == 415
    assert not Enquiry.objects.exists()


# -- The admin, the export and the personal-data commands ------------------------------------


def test_managers_see_trade_enquiries_apart_with_their_statuses(
    client,
    post,
    trade_pages,
    manager,  # noqa: F811
):
    post(trade_pages["fr"])
    trade = Enquiry.objects.get()
    location = EnquiryFactory()
    client.force_login(manager)

    listing = client.get(f"/admin/enquiries/?kind={TRADE}").content.decode()
    assert f"/admin/enquiries/edit/{trade.pk}/" in listing
    assert f"/admin/enquiries/edit/{location.pk}/" not in listing
    assert "Händleranfrage" in listing and "Neu" in listing
    everything = client.get("/admin/enquiries/").content.decode()
    assert 'value="trade"' in everything  # the kind filter offers it

    edit = client.get(f"/admin/enquiries/edit/{trade.pk}/").content.decode()
    assert "Museumsshop Ludwig Forum" in edit and "Name des Geschäfts" in edit
    for status in ("offer_sent", "first_order", "stockist", "closed"):
        assert f'value="{status}"' in edit
    assert 'value="visit_arranged"' not in edit
    management = {
        "notes-TOTAL_FORMS": "0",
        "notes-INITIAL_FORMS": "0",
        "notes-MIN_NUM_FORMS": "0",
        "notes-MAX_NUM_FORMS": "1000",
    }
    for status in ("offer_sent", "first_order", "stockist"):
        response = client.post(
            f"/admin/enquiries/edit/{trade.pk}/", {"status": status, **management}
        )
        assert response.status_code == 302
    trade.refresh_from_db()
    assert trade.status == "stockist"
    history = client.get(f"/admin/enquiries/edit/{trade.pk}/").content.decode()
    assert "Angebot geschickt → Erste Bestellung" in history
    assert "Erste Bestellung → Feste Verkaufsstelle" in history
    # A status of another kind is refused.
    client.post(f"/admin/enquiries/edit/{trade.pk}/", {"status": "moved_in", **management})
    trade.refresh_from_db()
    assert trade.status == "stockist"


def test_the_export_has_the_trade_answers_under_their_labels(client, admin_user, post, trade_pages):
    client.force_login(admin_user)
    post(trade_pages["de"], trade_answers(shop_name="=HYPERLINK(1)"))
    response = client.get(f"/admin/enquiries/?kind={TRADE}&export=csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    header, values = rows[0], rows[1]
    assert values[header.index("Art")] == "Händleranfrage"
    assert values[header.index("Status")] == "Neu"
    assert values[header.index("Name des Geschäfts")] == "'=HYPERLINK(1)"
    assert values[header.index("Art des Geschäfts")] == "Museumsshop"
    assert values[header.index("Erwartete Stückzahlen")] == "je 10 Stück zum Start"


def test_trade_enquiries_are_in_the_personal_data_export_and_erasure(post, trade_pages, tmp_path):
    post(trade_pages["de"])
    out = tmp_path / "export.json"
    with open("/dev/null", "w") as quiet:
        call_command(
            "enquiry_data", "--email", "JANA@example.org", "--export", str(out), stdout=quiet
        )
        exported = out.read_text()
        assert '"kind": "trade"' in exported and "Museumsshop Ludwig Forum" in exported
        call_command("enquiry_data", "--email", "jana@example.org", "--delete", stdout=quiet)
    assert not Enquiry.objects.exists()


def test_a_shop_may_tick_live_products_stored_by_their_german_title(client, post, trade_pages):
    from tests.factories import ProductFactory, locale

    mug = ProductFactory(external_id="TR-0001", title="Becher Nord")
    ProductFactory(
        external_id="TR-0001",
        title="Mug North",
        locale=locale("en"),
        translation_key=mug.translation_key,
    )
    ProductFactory(external_id="TR-0099", title="Alte Vase", in_feed=False)
    html = client.get(trade_pages["en"].url).content.decode()
    assert 'value="TR-0001"' in html and "Mug North" in html
    assert "TR-0099" not in html and "Alte Vase" not in html  # not live

    post(trade_pages["en"], trade_answers(range_products=["TR-0001"]))
    enquiry = Enquiry.objects.get()
    assert enquiry.form_data["range_products"] == ["Becher Nord (TR-0001)"]
    assert "Produkte aus dem Sortiment: Becher Nord (TR-0001)" in mail.outbox[0].body

    refused = post(trade_pages["en"], trade_answers(range_products=["TR-0099"], shop_name="Zwei"))
    html = refused.content.decode()
    assert in_language("en", "Bitte prüfen Sie Ihre Angaben") in html
    assert "Zwei" in html and Enquiry.objects.count() == 1
