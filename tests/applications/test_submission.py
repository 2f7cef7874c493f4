"""A designer's application goes through the enquiry pipeline with its files: stored before any
mail, each hostile file refused with a message naming it, nothing typed lost."""

import io
import socket
import threading

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation
from PIL import Image

from applications.apps import DESIGN_APPLICATION
from enquiries.models import Enquiry, EnquiryFile
from tests.accessibility.test_feedback import smtp_to
from tests.applications.conftest import application, jpeg_with_exif, pdf, png
from tests.enquiries.conftest import submit_url, token_for

pytestmark = [pytest.mark.django_db, pytest.mark.no_demo]


def thanks(code: str) -> str:
    with translation.override(code):
        return translation.gettext("Vielen Dank für Ihre Bewerbung")


def kept_text(html: str) -> None:
    """Every answer typed comes back in the form."""
    for value in (
        "Lena Beispiel",
        "lena@example.org",
        "Falttasche aus Segeltuch",
        "Altes Segeltuch",
    ):
        assert value.lower() in html.lower(), value
    assert "Ihre Texte sind erhalten. Bitte wählen Sie die Dateien noch einmal aus" in html


@pytest.mark.parametrize("code", ["de", "fr"])
def test_an_application_is_stored_with_its_files_before_mail(post, pages, code):
    response = post(pages[code], files=[jpeg_with_exif(), png(name="skizze.png")])
    assert response.status_code == 200, response.content.decode()[:2000]
    assert thanks(code) in response.content.decode()
    assert not response.cookies

    enquiry = Enquiry.objects.get()
    assert enquiry.kind == DESIGN_APPLICATION
    assert enquiry.status == "received"
    assert enquiry.language == code
    assert enquiry.email == "lena@example.org"
    assert enquiry.form_data["design_title"] == "Falttasche aus Segeltuch"
    assert enquiry.notification_state == Enquiry.Notification.SENT
    photo, sketch = enquiry.files.all()
    assert (photo.name, photo.content_type) == ("foto.jpg", "image/jpeg")
    assert (sketch.name, sketch.content_type) == ("skizze.png", "image/png")
    assert photo.file.name.startswith("private/enquiries/")
    # Re-encoded: the camera, the place and the comment are gone.
    with photo.file.open("rb") as stored:
        data = stored.read()
    assert b"Kamera" not in data and b"privat" not in data
    assert not Image.open(io.BytesIO(data)).getexif()

    staff, confirmation = mail.outbox
    assert staff.to == ["bewerbungen@example.org"]
    assert staff.subject == f"Neue Bewerbung mit einem Entwurf #{enquiry.pk}"
    assert "Titel des Entwurfs: Falttasche aus Segeltuch" in staff.body
    assert confirmation.to == ["lena@example.org"]
    with translation.override(code):
        assert confirmation.subject == translation.gettext("Ihre Bewerbung bei Made in Aachen-Nord")
    assert "Falttasche" not in confirmation.body


def test_a_refusing_mail_server_loses_nothing_and_the_retry_sends(post, pages):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed = sock.getsockname()[1]
    with override_settings(MAILERS=smtp_to(closed)):
        response = post(pages["de"], files=[pdf()])
    assert thanks("de") in response.content.decode()
    enquiry = Enquiry.objects.get()
    assert enquiry.notification_state == Enquiry.Notification.FAILED
    assert enquiry.files.get().name == "mappe.pdf"
    Enquiry.objects.filter(pk=enquiry.pk).update(next_attempt_at=enquiry.submit_time)
    call_command("send_enquiry_mails", stdout=io.StringIO())
    enquiry.refresh_from_db()
    assert enquiry.notification_state == Enquiry.Notification.SENT
    assert len(mail.outbox) == 2


def test_a_hung_mail_server_loses_nothing(post, pages):
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(4)  # never accepted, never answered
    stop = threading.Event()
    try:
        with override_settings(MAILERS=smtp_to(server.getsockname()[1])):
            response = post(pages["de"], files=[png()])
    finally:
        stop.set()
        server.close()
    assert thanks("de") in response.content.decode()
    enquiry = Enquiry.objects.get()
    assert enquiry.notification_state == Enquiry.Notification.FAILED
    assert enquiry.files.count() == 1


def svg():
    return SimpleUploadedFile(
        "logo.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "image/svg+xml",
    )


def svg_named_png():
    return SimpleUploadedFile("logo.png", svg().read(), "image/png")


def png_named_pdf():
    return png(name="mappe.pdf")


def bomb():
    """A small PNG that would unpack into 100 million pixels."""
    out = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(out, "PNG")
    return SimpleUploadedFile("riesig.png", out.getvalue(), "image/png")


def html_named_pdf():
    return SimpleUploadedFile(
        "mappe.pdf", b"<!doctype html><script>fetch('/admin/')</script>", "application/pdf"
    )


def gif():
    out = io.BytesIO()
    Image.new("RGB", (40, 40), (10, 10, 10)).save(out, "GIF")
    return SimpleUploadedFile("bild.gif", out.getvalue(), "image/gif")


def truncated_png():
    whole = png(size=(400, 300)).read()
    return SimpleUploadedFile("kaputt.png", whole[: len(whole) // 2], "image/png")


def encrypted_pdf():
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt("geheim")
    out = io.BytesIO()
    writer.write(out)
    return SimpleUploadedFile("mappe.pdf", out.getvalue(), "application/pdf")


def pdf_that_launches_a_program():
    """An automatic action without the word JavaScript: /OpenAction → /Launch."""
    from pypdf import PdfWriter
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    action = DictionaryObject(
        {NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("calc.exe")}
    )
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    out = io.BytesIO()
    writer.write(out)
    return SimpleUploadedFile("mappe.pdf", out.getvalue(), "application/pdf")


HOSTILE = {
    "html named pdf": (html_named_pdf, "Diese Art von Datei nehmen wir nicht an"),
    "gif": (gif, "Diese Art von Datei nehmen wir nicht an"),
    "truncated png": (truncated_png, "Das Bild ist beschädigt"),
    "encrypted pdf": (encrypted_pdf, "Die PDF-Datei ist verschlüsselt"),
    "pdf that launches a program": (pdf_that_launches_a_program, "enthält Skripte"),
    "svg": (svg, "Diese Art von Datei nehmen wir nicht an"),
    "svg named png": (svg_named_png, "Diese Art von Datei nehmen wir nicht an"),
    "png named pdf": (png_named_pdf, "Der Inhalt der Datei passt nicht zur Endung „.pdf“"),
    "pdf with javascript": (lambda: pdf(javascript=True), "enthält Skripte"),
    "pdf with an attachment": (lambda: pdf(attachment=True), "eingebettete Dateien"),
    "decompression bomb": (bomb, "zu viele Bildpunkte"),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_a_hostile_file_gets_a_message_naming_it_and_keeps_the_text(post, pages, case):
    make, message = HOSTILE[case]
    upload = make()
    response = post(pages["de"], files=[png(name="gut.png"), upload])
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bitte prüfen Sie Ihre Angaben" in html
    assert f"{upload.name}: " in html and message in html
    kept_text(html)
    assert not Enquiry.objects.exists() and not EnquiryFile.objects.exists()
    assert mail.outbox == []


def test_too_many_files_and_files_too_large_get_clear_messages(post, pages, settings):
    html = post(pages["de"], files=[png(name=f"bild-{n}.png") for n in range(20)]).content.decode()
    assert "Bitte wählen Sie höchstens 5 Dateien (Sie haben 20 gewählt)." in html
    kept_text(html)

    settings.APPLICATION_MAX_FILE_BYTES = 1024 * 1024
    big = SimpleUploadedFile("gross.png", png().read() + b"\0" * (1024 * 1024), "image/png")
    html = post(pages["de"], files=[big]).content.decode()
    assert "gross.png: Die Datei ist zu groß (höchstens 1,0\xa0MB je Datei)." in html
    kept_text(html)

    html = post(pages["de"], files=[png(), pdf()]).content.decode()
    assert "entweder Bilder oder eine PDF-Mappe" in html
    assert not Enquiry.objects.exists()


def test_a_post_over_the_upload_limit_gets_the_form_with_a_message(client, pages, settings):
    settings.ENQUIRY_MAX_UPLOAD_BYTES = 200 * 1024
    page = pages["de"]
    big = SimpleUploadedFile("gross.pdf", b"%PDF-1.4\n" + b"0" * (300 * 1024), "application/pdf")
    response = client.post(
        submit_url(page),
        {**application(), "files": [big], "form_token": token_for(page)},
        headers={"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"},
    )
    assert response.status_code == 413
    html = response.content.decode()
    assert "Ihre Angaben sind noch nicht gesendet" in html
    assert "zusammen zu groß (höchstens 200,0\xa0KB)" in html
    assert '<form class="enquiry__form"' in html
    assert not Enquiry.objects.exists()


def test_a_missing_answer_keeps_the_text_and_asks_for_the_files_again(post, pages):
    html = post(pages["de"], application(consent=None), files=[png()]).content.decode()
    assert "Bitte prüfen Sie Ihre Angaben" in html
    kept_text(html)
    assert 'enctype="multipart/form-data"' in html
    assert not Enquiry.objects.exists()


def test_an_application_without_files_is_stored(post, pages):
    post(pages["de"])
    assert Enquiry.objects.get().files.count() == 0


def test_a_double_post_stores_one_application_with_its_files_once(post, pages):
    token = token_for(pages["de"])
    post(pages["de"], files=[png()], token=token)
    post(pages["de"], files=[png()], token=token)
    assert Enquiry.objects.count() == 1 and EnquiryFile.objects.count() == 1


def test_other_kinds_refuse_files(client, pages, settings):
    """The accessibility statement's feedback form (another kind) takes no files."""
    from tests.accessibility.conftest import feedback

    statement = _statement(pages["de"].get_parent())
    response = client.post(
        submit_url(statement),
        {**feedback(), "form_token": token_for(statement), "files": [png()]},
        headers={"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"},
    )
    assert response.status_code == 415
    assert "nimmt keine Dateien an" in response.content.decode()
    assert not Enquiry.objects.exists()


def _statement(home):
    import datetime

    from accessibility.models import AccessibilityStatementPage
    from tests.factories import publish

    page = AccessibilityStatementPage(
        title="Erklärung zur Barrierefreiheit",
        slug="barrierefreiheit",
        prepared_on=datetime.date(2026, 11, 30),
        reviewed_on=datetime.date(2026, 12, 3),
        enforcement="<p>Stelle</p>",
    )
    home.add_child(instance=page)
    return publish(page)


def test_stored_files_are_not_reachable_at_a_media_address(post, pages, client, settings):
    settings.SERVE_MEDIA = True
    post(pages["de"], files=[png()])
    stored = EnquiryFile.objects.get()
    client.logout()
    assert client.get(settings.MEDIA_URL + stored.file.name).status_code == 404
    assert (
        client.get(settings.MEDIA_URL + "original_images/../" + stored.file.name).status_code == 404
    )


def test_more_parts_than_django_reads_get_the_form_with_a_message(post, pages, settings):
    """Over DATA_UPLOAD_MAX_NUMBER_FILES Django refuses to read the post: not its 400 page."""
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 3
    response = post(pages["de"], files=[png(name=f"bild-{n}.png") for n in range(6)])
    assert response.status_code == 413
    assert "Ihre Angaben sind noch nicht gesendet" in response.content.decode()
    assert not Enquiry.objects.exists()
