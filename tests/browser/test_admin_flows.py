"""The admin flows that matter most, in Chromium, as the demo users do them.

(a) An editor changes a German page and submits it; a moderator approves it; visitors see the
change. (b) A moderator creates a German page; a translator translates it into English with the
machine translator (the dummy one in tests, which reverses words); a moderator publishes the
translation; it shows under /en/. Screenshots of each step go to artifacts/screenshots/admin/.
"""

import re

import pytest
from playwright.sync_api import expect
from wagtail.models import Locale

from core.models import ContentPage
from tests.browser.pages import SCREENSHOTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db]
SHOTS = SCREENSHOTS.parent / "admin"


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)


def open_action_menu(page) -> None:
    """The arrow beside the editor's main button, which holds the other actions."""
    page.locator("footer [data-w-dropdown-target='toggle']").first.click()


def test_editor_submits_a_change_and_the_moderator_approves_it(as_user, site_url, demo):
    about = ContentPage.objects.get(locale__language_code="de", slug="ueber-das-projekt")
    edit_url = f"{site_url}/admin/pages/{about.pk}/edit/"
    sentence = "Neu: Führungen durch die Werkstätten jeden Samstag um elf."

    editor = as_user("redaktion")
    editor.goto(edit_url)
    intro = editor.locator("textarea[name=intro]")
    intro.fill(f"{intro.input_value()} {sentence}")
    open_action_menu(editor)
    # Editors have no "Publish": only saving and submitting to the review workflow.
    expect(editor.locator("button[name='action-publish']")).to_have_count(0)
    editor.locator("button[name='action-submit']").click()
    expect(editor.locator(".messages .success")).to_be_visible()
    shot(editor, "a1-editor-submitted")
    public = editor.context.new_page()
    public.goto(f"{site_url}{about.url}")
    expect(public.locator("main")).not_to_contain_text(sentence)  # not live before review

    moderator = as_user("moderation")
    moderator.goto(edit_url)
    expect(moderator.locator("textarea[name=intro]")).to_have_value(re.compile(sentence))
    shot(moderator, "a2-moderator-reviews")
    open_action_menu(moderator)
    moderator.locator(
        "button[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])"
    ).click()
    expect(moderator.locator(".messages .success")).to_be_visible()
    shot(moderator, "a3-moderator-approved")

    visitor = moderator.context.browser.new_context().new_page()
    visitor.goto(f"{site_url}{about.url}")
    expect(visitor.locator("main")).to_contain_text(sentence)
    shot(visitor, "a4-public-page")
    visitor.context.close()


def test_translator_translates_a_page_into_english_with_the_machine(as_user, site_url, demo):
    english = Locale.objects.get(language_code="en")

    # A new German page, published by a moderator through the page editor.
    moderator = as_user("moderation")
    moderator.goto(f"{site_url}/admin/pages/add/core/contentpage/{demo.pk}/")
    moderator.fill("[name=title]", "Werkstattbesuch")
    moderator.fill("[name=intro]", "Ein Besuch in der Holzwerkstatt.")
    open_action_menu(moderator)
    moderator.locator("button[name='action-publish']").click()
    expect(moderator.locator(".messages .success")).to_be_visible()
    # The page lives in the server's copy of the database: its id from the message's edit link.
    edit_link = moderator.locator(".messages .success a[href*='/edit/']").first.get_attribute(
        "href"
    )
    page_id = re.search(r"/pages/(\d+)/edit/", edit_link)
    assert page_id, edit_link

    translator = as_user("uebersetzung")
    translator.goto(f"{site_url}/admin/localize/submit/page/{page_id[1]}/")
    translator.locator(f"input[name=locales][value='{english.pk}']").check()
    shot(translator, "b1-translator-chooses-english")
    translator.locator("main form input[type=submit]").click()
    # wagtail-localize's translation editor for the new English page.
    machine = translator.get_by_role(
        "button", name=re.compile(r"(Translate|Übersetzen) (with|mit)")
    )
    expect(machine).to_be_visible()
    machine.click()
    expect(translator.locator(".messages .success")).to_be_visible()
    expect(translator.get_by_text("Holzwerkstatt. der in Besuch Ein").first).to_be_visible()
    shot(translator, "b2-machine-translated")
    # Translators cannot publish: a moderator does, in the same editor.
    expect(
        translator.get_by_role("button", name=re.compile("Publish|Veröffentlichen"))
    ).to_have_count(0)
    translation_editor = translator.url

    moderator.goto(translation_editor)
    moderator.get_by_role("button", name=re.compile("Publish|Veröffentlichen")).first.click()
    expect(moderator.locator(".messages .success")).to_be_visible()
    shot(moderator, "b3-moderator-published-translation")

    visitor = moderator.context.browser.new_context().new_page()
    response = visitor.goto(f"{site_url}/en/werkstattbesuch/")
    assert response.status == 200
    expect(visitor.locator("main")).to_contain_text("Holzwerkstatt. der in Besuch Ein")
    expect(visitor.locator("html")).to_have_attribute("lang", "en")
    shot(visitor, "b4-public-english-page")
    visitor.context.close()
