"""The translation and review workflow through the admin views an editor's browser calls: PO
files out and back in, machine translation, the sync step and what editors are told about it,
localised links and alt texts, and the review e-mails."""

from html import unescape

import polib
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.messages import constants, get_messages
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, WorkflowState
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from core.localize import translate
from core.models import ContentPage
from project.models import ProjectPage
from tests.workplace.conftest import edit, refused
from workplace.roles import EDITORS, ENQUIRY_MANAGERS, MODERATORS, TRANSLATORS

pytestmark = pytest.mark.django_db

DUTCH = {
    "Werkstattbesuch": "Werkplaatsbezoek",
    "werkstattbesuch": "werkplaatsbezoek",
    "Ein Besuch in der Holzwerkstatt.": "Een bezoek aan de houtwerkplaats.",
    "Hobelbank in der Holzwerkstatt": "Schaafbank in de houtwerkplaats",
    "Mehr ": "Meer ",
    "über das Projekt": "over het project",
    "Mitmachen": "Meedoen",
    "Zum Projekt": "Naar het project",
}


def dutch(text: str) -> str:
    for german, translated in sorted(DUTCH.items(), key=lambda item: -len(item[0])):
        text = text.replace(german, translated)
    return text


def new_german_page(home, slug="werkstattbesuch", **fields) -> ContentPage:
    page = ContentPage(title="Werkstattbesuch", slug=slug, **fields)
    home.add_child(instance=page)
    page.save_revision().publish()
    return ContentPage.objects.get(pk=page.pk)


def start_translation(client, page, language_code) -> Translation:
    """Submits `page` for translation into `language_code` as the "Translate" button does."""
    locale = Locale.objects.get(language_code=language_code)
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    response = client.post(url, {"locales": [locale.pk]})
    assert response.status_code == 302
    client.get(response.url)  # the translation editor, which shows (and so uses up) the message
    return Translation.objects.get(source__object_id=page.translation_key, target_locale=locale)


def editor_url(translation) -> str:
    return reverse("wagtailadmin_pages:edit", args=[translation.get_target_instance().pk])


def publish(client, translation, on_commit):
    """The translation editor's "Publish in …" button. wagtail-localize publishes when the
    request's transaction commits: `on_commit` is pytest-django's
    django_capture_on_commit_callbacks, which runs that step inside the test's transaction."""
    with on_commit(execute=True):
        response = client.post(editor_url(translation), {"action": "publish"})
    assert response.status_code == 302
    return Page.objects.get(pk=translation.get_target_instance().pk).specific


def post_from_editor(client, url, translation, data=None) -> list[tuple[int, str]]:
    """Posts as a button of the translation editor does; returns the messages it shows there."""
    data = {"next": editor_url(translation), **(data or {})}
    response = client.post(url, data)
    assert response.status_code == 302 and response.url == data["next"]
    messages = [(m.level, str(m)) for m in get_messages(response.wsgi_request)]
    client.get(response.url)  # back in the editor, which shows the messages
    return messages


def upload_po(client, translation, content: bytes | None):
    data = {}
    if content is not None:
        data["file"] = SimpleUploadedFile("uebersetzung.po", content, "text/x-gettext-translation")
    url = reverse("wagtail_localize:upload_pofile", args=[translation.pk])
    return post_from_editor(client, url, translation, data)


def strings_of(translation) -> dict[str, str]:
    return dict(
        StringTranslation.objects.filter(
            locale=translation.target_locale, context__object=translation.source.object
        ).values_list("context__path", "data")
    )


# -- 1. PO files ----------------------------------------------------------------------------------


def test_po_file_round_trip_publishes_the_dutch_text(
    demo, login, django_capture_on_commit_callbacks
):
    translator, moderator = login(TRANSLATORS), login(MODERATORS)
    page = new_german_page(demo, intro="Ein Besuch in der Holzwerkstatt.")
    translation = start_translation(translator, page, "nl")

    response = translator.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == "attachment; filename=werkstattbesuch-nl.po"
    po = polib.pofile(response.content.decode())
    assert {entry.msgid for entry in po} == {
        "Werkstattbesuch",
        "werkstattbesuch",
        "Ein Besuch in der Holzwerkstatt.",
    }
    # The external translator fills every msgstr and sends the file back.
    for entry in po:
        entry.msgstr = dutch(entry.msgid)
    messages = upload_po(translator, translation, str(po).encode())
    assert [level for level, _text in messages] == [constants.SUCCESS]
    assert strings_of(translation)["intro"] == "Een bezoek aan de houtwerkplaats."

    # The translator cannot publish; a moderator publishes after looking at it.
    assert refused(translator.post(editor_url(translation), {"action": "publish"}))
    assert not translation.get_target_instance().live
    dutch_page = publish(moderator, translation, django_capture_on_commit_callbacks)
    assert dutch_page.live and dutch_page.url == "/nl/werkplaatsbezoek/"
    html = moderator.get(dutch_page.url).content.decode()
    assert "Werkplaatsbezoek" in html and "Een bezoek aan de houtwerkplaats." in html
    assert "Ein Besuch in der Holzwerkstatt." not in html


def test_a_broken_or_foreign_po_file_is_refused_with_a_message_and_changes_nothing(demo, login):
    translator = login(TRANSLATORS)
    page = new_german_page(demo, intro="Ein Besuch in der Holzwerkstatt.")
    dutch_translation = start_translation(translator, page, "nl")
    english = start_translation(translator, page, "en")
    target = dutch_translation.get_target_instance()
    revision = target.latest_revision_id

    other_project = polib.POFile()
    other_project.metadata = {"Content-Type": "text/plain; charset=utf-8"}
    other_project.append(polib.POEntry(msgid="Werkstattbesuch", msgstr="Werkplaatsbezoek"))
    english_po = polib.pofile(
        translator.get(
            reverse("wagtail_localize:download_pofile", args=[english.pk])
        ).content.decode()
    )
    for entry in english_po:
        entry.msgstr = "Workshop visit"
    ours = "keine PO-Datei aus diesem Übersetzungseditor"
    for content, expected in [
        (b"\xff\xfe\x00 kein Text", ours),  # not a text file at all
        (b"Liebe Redaktion,\nanbei die \xc3\x9cbersetzung.\n", ours),  # a letter, not a PO file
        (str(other_project).encode(), ours),  # a PO file of another project
        (None, ours),  # the form sent without a file
        (str(english_po).encode(), "andere Übersetzung"),  # the English export
    ]:
        messages = upload_po(translator, dutch_translation, content)
        assert len(messages) == 1 and messages[0][0] == constants.ERROR, (content, messages)
        assert expected in messages[0][1], messages
    # Someone who may not edit the page is refused before the file is read.
    url = reverse("wagtail_localize:upload_pofile", args=[dutch_translation.pk])
    stranger = login(ENQUIRY_MANAGERS)
    upload = SimpleUploadedFile("x.po", str(other_project).encode())
    assert refused(stranger.post(url, {"file": upload, "next": editor_url(dutch_translation)}))
    assert strings_of(dutch_translation) == {}
    target.refresh_from_db()
    assert target.latest_revision_id == revision and target.title == "Werkstattbesuch"


# -- 2. Machine translation -----------------------------------------------------------------------


def test_machine_translation_fills_the_english_translation_and_it_goes_live(
    demo, login, django_capture_on_commit_callbacks
):
    translator, moderator = login(TRANSLATORS), login(MODERATORS)
    page = new_german_page(demo, intro="Ein Besuch in der Holzwerkstatt.")
    translation = start_translation(translator, page, "en")
    editor = unescape(translator.get(editor_url(translation)).content.decode())
    assert '"machineTranslator": {' in editor  # the editor offers "Translate with …"

    url = reverse("wagtail_localize:machine_translate", args=[translation.pk])
    assert [m[0] for m in post_from_editor(translator, url, translation)] == [constants.SUCCESS]
    # wagtail-localize's dummy translator reverses the words of each segment.
    assert strings_of(translation) == {
        "title": "Werkstattbesuch",
        "slug": "werkstattbesuch",
        "intro": "Holzwerkstatt. der in Besuch Ein",
    }
    assert set(
        StringTranslation.objects.filter(locale=translation.target_locale).values_list(
            "translation_type", flat=True
        )
    ) >= {StringTranslation.TRANSLATION_TYPE_MACHINE}
    # Nothing left: a second click says so and changes nothing.
    assert [m[0] for m in post_from_editor(translator, url, translation)] == [constants.WARNING]

    english = publish(moderator, translation, django_capture_on_commit_callbacks)
    assert english.live
    assert english.url == "/en/werkstattbesuch/"
    assert "Holzwerkstatt. der in Besuch Ein" in moderator.get(english.url).content.decode()


def test_a_translator_submits_a_translation_for_review_and_the_moderator_publishes_it(
    demo, login, settings
):
    translator, moderator = login(TRANSLATORS), login(MODERATORS)
    page = new_german_page(demo, intro="Ein Besuch in der Holzwerkstatt.")
    translation = start_translation(translator, page, "en")
    url = reverse("wagtail_localize:machine_translate", args=[translation.pk])
    post_from_editor(translator, url, translation)
    english = translation.get_target_instance()

    # The page listing offers the step; it asks before it submits.
    listing = translator.get(
        reverse(
            "wagtailadmin_explore",
            args=[demo.get_translation(Locale.objects.get(language_code="en")).pk],
        )
    ).content.decode()
    submit = reverse("workplace_submit_translation", args=[translation.pk])
    assert submit in listing
    assert "Zur Prüfung einreichen" in translator.get(submit).content.decode()
    # Someone who may not edit the page cannot submit it.
    assert refused(login(ENQUIRY_MANAGERS).post(submit))

    mail.outbox.clear()
    response = translator.post(submit)
    assert response.status_code == 302
    state = WorkflowState.objects.get(object_id=str(english.pk), status="in_progress")
    english = Page.objects.get(pk=english.pk).specific
    assert not english.live  # nothing visible before the review
    assert "Holzwerkstatt. der in Besuch Ein" in str(english.get_latest_revision().content)
    moderators = {u.email for u in get_user_model().objects.filter(groups__name=MODERATORS)}
    assert {address for m in mail.outbox for address in m.to} & moderators
    # Submitting twice does not start a second review.
    translator.post(submit)
    assert WorkflowState.objects.filter(object_id=str(english.pk)).count() == 1

    approve = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[english.pk, "approve", state.current_task_state.pk],
    )
    assert moderator.post(approve, {"comment": "Passt."}).status_code in (200, 302)
    english.refresh_from_db()
    assert english.live
    assert "Holzwerkstatt. der in Besuch Ein" in moderator.get(english.url).content.decode()


# -- 3. Sync --------------------------------------------------------------------------------------

OUT_OF_DATE = "nach dem letzten Abgleich geändert"


def test_editors_are_told_of_outdated_translations_until_they_sync(demo, login):
    moderator, translator = login(MODERATORS), login(TRANSLATORS)
    page = new_german_page(demo, intro="Alte Einleitung.")
    english_page = translate(page, "en", {"Alte Einleitung.": "Old introduction."})
    source = TranslationSource.objects.get(object_id=page.translation_key)
    german_editor = reverse("wagtailadmin_pages:edit", args=[page.pk])
    english_editor = reverse("wagtailadmin_pages:edit", args=[english_page.pk])
    assert OUT_OF_DATE not in moderator.get(german_editor).content.decode()
    assert OUT_OF_DATE not in translator.get(english_editor).content.decode()

    assert (
        edit(moderator, page, intro="Neue Einleitung.", **{"action-publish": "1"}).status_code
        == 302
    )
    html = moderator.get(german_editor).content.decode()
    assert OUT_OF_DATE in html
    assert (
        f"Veraltete Übersetzungen: {Locale.objects.get(language_code='en').get_display_name()}."
        in html
    )
    html = translator.get(english_editor).content.decode()
    assert OUT_OF_DATE in html and "Neue Einleitung." not in html

    # "Sync translated pages" on the German page.
    sync = reverse("wagtail_localize:update_translations", args=[source.pk])
    assert translator.get(sync).status_code == 200
    assert translator.post(sync, {"next": german_editor}).status_code == 302
    assert "Neue Einleitung." in StringSegment.objects.filter(source=source).values_list(
        "string__data", flat=True
    )
    html = translator.get(english_editor).content.decode()
    assert OUT_OF_DATE not in html and "Neue Einleitung." in html  # now offered for translation
    assert OUT_OF_DATE not in moderator.get(german_editor).content.decode()


# -- 4. Links and alt texts -----------------------------------------------------------------------


def test_links_lead_to_the_translated_page_and_alt_texts_are_translated(demo, client):
    about = ProjectPage.objects.get(locale__language_code="de", slug="ueber-das-projekt")
    about_nl = about.get_translation(Locale.objects.get(language_code="nl"))
    image = get_image_model().objects.order_by("pk").first()
    page = new_german_page(
        demo,
        body=[
            {
                "type": "paragraph",
                "value": f'<p>Mehr <a linktype="page" id="{about.pk}">über das Projekt</a>.</p>',
            },
            {
                "type": "image",
                "value": {
                    "image": {
                        "image": image.pk,
                        "alt_text": "Hobelbank in der Holzwerkstatt",
                        "decorative": False,
                    },
                    "caption": "",
                },
            },
            {
                "type": "call_to_action",
                "value": {
                    "heading": "Mitmachen",
                    "text": "",
                    "page": about.pk,
                    "button_label": "Zum Projekt",
                },
            },
        ],
    )
    source, _created = TranslationSource.update_or_create_from_instance(page)
    german_strings = StringSegment.objects.filter(source=source).values_list(
        "string__data", flat=True
    )
    assert "Hobelbank in der Holzwerkstatt" in german_strings  # the alt text is a segment
    dutch_page = translate(page, "nl", {text: dutch(text) for text in german_strings})

    german = client.get(page.url).content.decode()
    assert 'alt="Hobelbank in der Holzwerkstatt"' in german
    assert german.count(f'href="{about.url}"') >= 2
    html = client.get(dutch_page.url).content.decode()
    assert 'alt="Schaafbank in de houtwerkplaats"' in html
    assert "Hobelbank" not in html
    # The rich-text link and the call to action both lead to the Dutch page.
    assert html.count(f'href="{about_nl.url}"') >= 2
    assert f'href="{about.url}"' not in html


# -- 5. Review e-mails ----------------------------------------------------------------------------


def test_review_mails_reach_the_moderators_and_then_the_submitter(demo, login):
    editor, moderator = login(EDITORS), login(MODERATORS)
    for client, address in [(editor, "autorin@example.org"), (moderator, "pruefer@example.org")]:
        client.user.email = address
        client.user.save()
    moderators = set(
        get_user_model()
        .objects.filter(groups__name=MODERATORS, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    admin_address = get_user_model().objects.get(username="admin").email
    assert "pruefer@example.org" in moderators and admin_address not in moderators

    decisions = {}
    for slug, action, comment in [
        ("werkstattbesuch", "approve", "Passt."),
        ("hofladen", "reject", "Bitte die Öffnungszeiten ergänzen."),
    ]:
        page = ContentPage(title=f"Neu: {slug}", slug=slug, live=False)
        demo.add_child(instance=page)
        page.save_revision(user=editor.user)
        mail.outbox.clear()
        assert edit(editor, page, **{"action-submit": "1"}).status_code == 302
        assert {address for message in mail.outbox for address in message.to} == moderators
        assert all(page.title in message.subject for message in mail.outbox)
        assert {message.from_email for message in mail.outbox} == {
            settings.WAGTAILADMIN_NOTIFICATION_FROM_EMAIL
        }

        mail.outbox.clear()
        state = WorkflowState.objects.get(object_id=str(page.pk), status="in_progress")
        url = reverse(
            "wagtailadmin_pages:workflow_action",
            args=[page.pk, action, state.current_task_state.pk],
        )
        assert moderator.post(url, {"comment": comment}).status_code in (200, 302)
        assert [message.to for message in mail.outbox] == [["autorin@example.org"]]
        decisions[action] = mail.outbox[0]
    # Approval names the page and where it is live; changes requested quote the comment.
    assert "Neu: werkstattbesuch" in decisions["approve"].subject
    assert "http://testserver/de/werkstattbesuch/" in decisions["approve"].body
    assert "Neu: hofladen" in decisions["reject"].subject
    assert "Bitte die Öffnungszeiten ergänzen." in decisions["reject"].body
