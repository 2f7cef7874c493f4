"""What visitors see while a translation is made and reviewed, step by step.

At every step a visitor's request for the translated address is answered with exactly what a
moderator last approved: the German page (the fallback) while nothing is approved, the old
translation while a new text waits in review. Each wagtail-localize path that would publish or
change live content is tried (workplace/translations.py holds them), and so is a translator
limited to Dutch.
"""

from urllib.parse import urlencode

import polib
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.urls import reverse
from wagtail.models import Locale, Page, WorkflowState
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from core.models import ContentPage, Footer, SiteSettings
from project.models import ProjectPage
from tests.conftest import PASSWORD
from tests.workplace.test_translation_flow import (
    new_german_page,
    start_translation,
    strings_of,
    upload_po,
)
from workplace.roles import EDITORS, MODERATORS, TRANSLATORS, sync_roles

pytestmark = pytest.mark.django_db

NEW_TEXT = "Un nouveau texte, relu par la modération."


def visitor_sees(path: str) -> tuple[int, str]:
    """A fresh anonymous visitor's request (redirects followed): the status and the HTML."""
    response = Client().get(path, follow=True)
    return response.status_code, response.content.decode()


def french_about():
    german = ProjectPage.objects.get(locale__language_code="de", slug="ueber-das-projekt")
    french = german.get_translation(Locale.objects.get(language_code="fr"))
    translation = Translation.objects.get(
        source__object_id=german.translation_key, target_locale__language_code="fr"
    )
    return german, ProjectPage.objects.get(pk=french.pk), translation


def put_string(client, translation, path: str, value: str):
    """The translation editor's request when a translator saves one text."""
    segment = StringSegment.objects.get(source=translation.source, context__path=path)
    url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
    return client.put(
        url, urlencode({"value": value}), content_type="application/x-www-form-urlencoded"
    )


def live_row(model, pk):
    return model.objects.get(pk=pk)


# -- Starting a translation ----------------------------------------------------------------------


def test_translate_this_page_creates_a_draft_and_visitors_keep_the_german_page(demo, login):
    translator = login(TRANSLATORS)
    page = new_german_page(demo, intro="Ein Besuch in der Holzwerkstatt.")

    translation = start_translation(translator, page, "fr")

    french = Page.objects.get(pk=translation.get_target_instance().pk)
    assert not french.live  # wagtail-localize would have published it: the German page is live
    status, html = visitor_sees("/fr/werkstattbesuch/")
    assert status == 200
    assert 'lang="de"' in html and "Ein Besuch in der Holzwerkstatt." in html
    assert 'lang="fr"' not in html.split("<body", 1)[0]


def test_translating_the_subtree_and_its_snippets_changes_nothing_live(demo, login):
    editor = login(EDITORS)
    parent = ContentPage(title="Werkräume", slug="werkraeume")  # not the demo's workshops index
    demo.add_child(instance=parent)
    parent.save_revision().publish()
    child = ContentPage(title="Nähwerkstatt", slug="naehwerkstatt", intro="Wir nähen.")
    parent.add_child(instance=child)
    child.save_revision().publish()
    footer_fr = Footer.objects.get(locale__language_code="fr")
    footer_before = footer_fr.serializable_data()

    french = Locale.objects.get(language_code="fr")
    url = reverse("wagtail_localize:submit_page_translation", args=[parent.pk])
    response = editor.post(url, {"locales": [french.pk], "include_subtree": "on"})
    assert response.status_code == 302

    for german in (parent, child):
        translated = Page.objects.get(translation_key=german.translation_key, locale=french)
        assert not translated.live
    footer_fr.refresh_from_db()
    assert footer_fr.live and footer_fr.serializable_data() == footer_before
    assert visitor_sees("/fr/werkraeume/naehwerkstatt/")[1].count("Wir nähen.") >= 1


def test_translating_a_snippet_creates_an_unpublished_draft(demo, login):
    german = SiteSettings.objects.get(locale__language_code="de")
    dutch = SiteSettings.objects.get(locale__language_code="nl")
    dutch_pk = dutch.pk
    dutch.delete()  # the Dutch settings are missing: the German ones stand in

    translator = login(TRANSLATORS)
    nl = Locale.objects.get(language_code="nl")
    url = reverse(
        "wagtail_localize:submit_snippet_translation",
        args=["core", "sitesettings", german.pk],
    )
    assert translator.post(url, {"locales": [nl.pk]}).status_code == 302

    created = SiteSettings.objects.get(locale=nl)
    assert created.pk != dutch_pk
    assert not created.live and created.has_unpublished_changes


# -- Updating a live translation, review, approval ----------------------------------------------


def test_a_live_translation_changes_only_after_the_moderator_approves(demo, login):
    translator, moderator = login(TRANSLATORS), login(MODERATORS)
    _german, french, translation = french_about()
    old_intro = french.intro
    status, html = visitor_sees(french.url)
    assert status == 200 and old_intro in html

    # The translator rewrites the intro in the translation editor and submits it.
    assert put_string(translator, translation, "intro", NEW_TEXT).status_code in (200, 201)
    assert NEW_TEXT not in visitor_sees(french.url)[1]
    submit = reverse("workplace_submit_translation", args=[translation.pk])
    mail.outbox.clear()
    assert translator.post(submit).status_code == 302

    # In review: the draft holds the new text, the live page the approved one.
    french_now = live_row(ProjectPage, french.pk)
    assert french_now.live and french_now.intro == old_intro
    assert NEW_TEXT in str(french_now.get_latest_revision().content)
    status, html = visitor_sees(french.url)
    assert status == 200 and old_intro in html and NEW_TEXT not in html
    moderators = {u.email for u in get_user_model().objects.filter(groups__name=MODERATORS)}
    assert moderators & {address for m in mail.outbox for address in m.to}

    # The moderator reads it beside the German source, previews it, and approves it.
    editor_html = moderator.get(reverse("wagtailadmin_pages:edit", args=[french.pk]))
    review = reverse("workplace_review_translation", args=[translation.pk])
    assert review in editor_html.content.decode()
    page = moderator.get(review).content.decode()
    assert reverse("wagtail_localize:preview_translation", args=[translation.pk]) in page
    preview = moderator.get(reverse("wagtail_localize:preview_translation", args=[translation.pk]))
    assert NEW_TEXT in preview.content.decode()
    assert NEW_TEXT not in visitor_sees(french.url)[1]
    assert moderator.post(review, {"action": "approve"}).status_code == 302

    status, html = visitor_sees(french.url)
    assert status == 200 and NEW_TEXT in html and old_intro not in html
    state = WorkflowState.objects.filter(object_id=str(french.pk)).latest("created_at")
    assert state.status == WorkflowState.STATUS_APPROVED


def test_changes_requested_go_back_to_the_translator_with_the_comment(demo, login):
    translator, moderator = login(TRANSLATORS), login(MODERATORS)
    translator.user.email = "uebersetzer@example.org"
    translator.user.save()
    _german, french, translation = french_about()
    old_intro = french.intro
    put_string(translator, translation, "intro", NEW_TEXT)
    translator.post(reverse("workplace_submit_translation", args=[translation.pk]))
    review = reverse("workplace_review_translation", args=[translation.pk])

    # Asking for changes needs a comment.
    response = moderator.post(review, {"action": "reject", "comment": "  "})
    assert response.status_code == 400
    assert "Kommentar" in response.content.decode()
    mail.outbox.clear()
    comment = "Bitte „relu“ durch „vérifié“ ersetzen."
    assert moderator.post(review, {"action": "reject", "comment": comment}).status_code == 302

    state = WorkflowState.objects.filter(object_id=str(french.pk)).latest("created_at")
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    sent = [m for m in mail.outbox if "uebersetzer@example.org" in m.to]
    assert sent and comment in sent[0].body
    assert old_intro in visitor_sees(french.url)[1]

    # The translator sees the comment in the translation editor, fixes the text, resubmits.
    editor = translator.get(reverse("wagtailadmin_pages:edit", args=[french.pk])).content.decode()
    assert "relu" in editor and "vérifié" in editor
    put_string(translator, translation, "intro", NEW_TEXT.replace("relu", "vérifié"))
    translator.post(reverse("workplace_submit_translation", args=[translation.pk]))
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert old_intro in visitor_sees(french.url)[1]


def test_publish_in_the_translation_editor_approves_the_review(
    demo, login, django_capture_on_commit_callbacks
):
    translator, moderator = login(TRANSLATORS), login(MODERATORS)
    _german, french, translation = french_about()
    put_string(translator, translation, "intro", NEW_TEXT)
    translator.post(reverse("workplace_submit_translation", args=[translation.pk]))
    edit = reverse("wagtailadmin_pages:edit", args=[french.pk])

    # A translator's "publish" is refused outright.
    assert translator.post(edit, {"action": "publish"}).status_code == 403
    assert NEW_TEXT not in visitor_sees(french.url)[1]

    with django_capture_on_commit_callbacks(execute=True):
        assert moderator.post(edit, {"action": "publish"}).status_code == 302
    state = WorkflowState.objects.filter(object_id=str(french.pk)).latest("created_at")
    assert state.status == WorkflowState.STATUS_APPROVED  # Wagtail would record "cancelled"
    assert NEW_TEXT in visitor_sees(french.url)[1]


def test_machine_translation_and_sync_change_nothing_visitors_see(demo, login):
    translator = login(TRANSLATORS)
    german, french, translation = french_about()
    before = visitor_sees(french.url)[1]

    # The German page changes; "Sync translated pages" offers no "publish immediately".
    german.intro = "Ganz neuer Einleitungstext für den Abgleich."
    german.save_revision().publish()
    source = TranslationSource.objects.get(object_id=german.translation_key)
    sync = reverse("wagtail_localize:update_translations", args=[source.pk])
    form = translator.get(sync).content.decode()
    assert "publish_translations" not in form
    response = translator.post(
        sync, {"publish_translations": "on", "use_machine_translation": "on"}
    )
    assert response.status_code == 302
    machine = reverse("wagtail_localize:machine_translate", args=[translation.pk])
    translator.post(machine, {"next": "/admin/"})
    # A PO file for an external translator comes back filled in: stored texts, nothing live.
    exported = translator.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    po = polib.pofile(exported.content.decode())
    for entry in po:
        entry.msgstr = f"PO: {entry.msgid}"
    upload_po(translator, translation, str(po).encode())
    assert any(text.startswith("PO: ") for text in strings_of(translation).values())

    after = live_row(ProjectPage, french.pk)
    assert after.live and after.intro == french.intro
    assert visitor_sees(french.url)[1].count(french.intro) == before.count(french.intro)
    html = visitor_sees(french.url)[1]
    assert "neuer Einleitungstext" not in html and "PO: " not in html


def test_convert_to_alias_is_for_those_who_publish(demo, login):
    translator = login(TRANSLATORS)
    _german, french, _translation = french_about()
    url = reverse("wagtail_localize:convert_to_alias", args=[french.pk])
    assert translator.post(url).status_code == 403
    assert live_row(Page, french.pk).alias_of_id is None


def test_a_live_snippet_translation_stays_as_approved_while_its_update_is_in_review(demo, login):
    translator, moderator = login(TRANSLATORS), login(MODERATORS)
    german = SiteSettings.objects.get(locale__language_code="de")
    french = SiteSettings.objects.get(locale__language_code="fr")
    translation = Translation.objects.get(
        source__object_id=german.translation_key, target_locale__language_code="fr"
    )
    bookkeeping = ("latest_revision", "has_unpublished_changes")

    def content(instance):
        data = instance.serializable_data()
        return {key: value for key, value in data.items() if key not in bookkeeping}

    before = content(french)
    segment = StringSegment.objects.filter(source=translation.source).first()
    put_string(translator, translation, segment.context.path, NEW_TEXT)
    submit = reverse("workplace_submit_translation", args=[translation.pk])
    assert translator.post(submit).status_code == 302

    french.refresh_from_db()
    assert french.live and content(french) == before
    assert NEW_TEXT in str(french.get_latest_revision().content)
    review = reverse("workplace_review_translation", args=[translation.pk])
    assert moderator.post(review, {"action": "approve"}).status_code == 302
    french.refresh_from_db()
    assert french.live and NEW_TEXT in str(french.serializable_data())


# -- A translator for Dutch only -----------------------------------------------------------------


@pytest.fixture
def dutch_translator(demo):
    sync_roles(log=lambda message: None, locale_translators=("nl",))
    user = get_user_model().objects.create_user("vertaler", password=PASSWORD)
    user.groups.add(Group.objects.get(name=f"{TRANSLATORS} (nl)"))
    client = Client()
    assert client.login(username="vertaler", password=PASSWORD)
    client.user = user
    return client


def test_a_dutch_translator_translates_into_dutch_only(demo, dutch_translator):
    page = new_german_page(demo, intro="Ein Besuch in der Holzwerkstatt.")
    nl, fr = Locale.objects.get(language_code="nl"), Locale.objects.get(language_code="fr")
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])

    form = dutch_translator.get(url).content.decode()
    assert f'value="{nl.pk}"' in form and f'value="{fr.pk}"' not in form
    assert dutch_translator.post(url, {"locales": [fr.pk]}).status_code == 403
    assert dutch_translator.post(url, {"locales": [nl.pk, fr.pk]}).status_code == 403
    assert not Page.objects.filter(translation_key=page.translation_key, locale=fr).exists()
    assert dutch_translator.post(url, {"locales": [nl.pk]}).status_code == 302
    dutch_page = Page.objects.get(translation_key=page.translation_key, locale=nl)
    assert not dutch_page.live

    # The Dutch translation can be worked on and submitted; the French pages stay closed.
    translation = Translation.objects.get(source__object_id=page.translation_key, target_locale=nl)
    assert put_string(dutch_translator, translation, "intro", "Een bezoek.").status_code in (
        200,
        201,
    )
    submit = reverse("workplace_submit_translation", args=[translation.pk])
    assert dutch_translator.post(submit).status_code == 302
    assert Page.objects.get(pk=dutch_page.pk).specific.workflow_in_progress
    _german, french, french_translation = french_about()
    assert (
        dutch_translator.get(reverse("wagtailadmin_pages:edit", args=[french.pk])).status_code
        == 403
    )
    assert put_string(dutch_translator, french_translation, "intro", "x").status_code == 403
    submit_fr = reverse("workplace_submit_translation", args=[french_translation.pk])
    assert dutch_translator.post(submit_fr).status_code == 403


def test_a_dutch_translator_cannot_touch_french_snippets(demo, dutch_translator):
    german = Footer.objects.get(locale__language_code="de")
    french = Footer.objects.get(locale__language_code="fr")
    dutch = Footer.objects.get(locale__language_code="nl")
    french_before = french.serializable_data()

    edit = "wagtailsnippets_core_footer:edit"
    assert dutch_translator.get(reverse(edit, args=[dutch.pk])).status_code == 200
    assert dutch_translator.get(reverse(edit, args=[french.pk])).status_code == 403
    assert dutch_translator.post(reverse(edit, args=[french.pk]), {}).status_code == 403

    french_translation = Translation.objects.get(
        source__object_id=german.translation_key, target_locale__language_code="fr"
    )
    segment = StringSegment.objects.filter(source=french_translation.source).first()
    assert (
        put_string(dutch_translator, french_translation, segment.context.path, "x").status_code
        == 403
    )
    for name in ("download_pofile", "machine_translate", "stop_translation"):
        url = reverse(f"wagtail_localize:{name}", args=[french_translation.pk])
        send = dutch_translator.get if name == "download_pofile" else dutch_translator.post
        response = send(url)
        assert response.status_code == 403, name
    submit = reverse(
        "wagtail_localize:submit_snippet_translation", args=["core", "footer", german.pk]
    )
    fr = Locale.objects.get(language_code="fr")
    assert dutch_translator.post(submit, {"locales": [fr.pk]}).status_code == 403
    french.refresh_from_db()
    assert french.serializable_data() == french_before
    assert Translation.objects.get(pk=french_translation.pk).enabled


def test_locales_offer_no_automatic_copy_of_german_content(admin_client):
    french = Locale.objects.get(language_code="fr")
    response = admin_client.get(reverse("wagtaillocales:edit", args=[french.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "localize_localesynchronization" not in html
    assert "Synchronise content" not in html and "Inhalte synchronisieren" not in html
