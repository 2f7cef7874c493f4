"""The Wagtail admin keeps working under the site's Content-Security-Policy."""

import pytest

from tests.browser.pages import save_screenshot
from tests.conftest import DEMO_ADMIN_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def log_in(open_page):
    visit = open_page("/admin/login/")
    page = visit.page
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", DEMO_ADMIN_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    return visit


def test_page_editor_loads_without_policy_violations(open_page, demo):
    visit = log_in(open_page)
    page = visit.page
    page.goto(page.url + f"pages/{demo.pk}/edit/")
    page.wait_for_load_state("networkidle")
    # The editor's scripts ran: the StreamField and the action menu are interactive.
    assert page.locator("[data-streamfield-stream-container]").first.is_visible()
    assert page.locator("footer .footer__container button").first.is_enabled()
    assert visit.csp_violations == []


def test_designer_disciplines_are_checkboxes_that_keep_each_other(open_page, demo):
    """Disciplines are ticked one by one (a multiple select dropped the others at a plain
    click); the editor stays free of policy violations. Screenshot at 1280 px."""
    from pathlib import Path

    from designers.models import DesignerPage, Discipline

    designer = DesignerPage.objects.filter(locale__language_code="de").first()
    visit = log_in(open_page)
    page = visit.page
    page.goto(page.url + f"pages/{designer.pk}/edit/")
    page.wait_for_load_state("networkidle")
    boxes = page.locator("input[type=checkbox][name=disciplines]")
    assert boxes.count() == Discipline.objects.filter(locale__language_code="de").count()
    first, second = boxes.nth(0), boxes.nth(1)
    first.uncheck()
    second.uncheck()
    first.check()
    second.check()
    assert first.is_checked() and second.is_checked()
    shots = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots" / "admin"
    first.scroll_into_view_if_needed()
    save_screenshot(page, shots / "designer-disciplines-1280.png")
    assert visit.csp_violations == []


def test_userbar_on_a_public_page_works_for_a_logged_in_editor(open_page, demo):
    visit = log_in(open_page)
    page = visit.page
    page.goto(page.url.replace("/admin/", "/de/"))
    page.wait_for_load_state("networkidle")
    assert page.locator("wagtail-userbar").count() == 1
    assert visit.csp_violations == []


def test_live_preview_shows_the_rendered_page(as_user, site_url, demo):
    """The preview panel frames the rendered page: previews alone may be framed by the admin's
    own origin. `as_user` fails the test on any policy violation in the console."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
    from playwright.sync_api import expect

    from project.models import ProjectPage

    about = ProjectPage.objects.get(locale__language_code="de", slug="ueber-das-projekt")
    editor = as_user("redaktion")
    # Wagtail's editor announces its steps as events: the unsaved-changes watcher takes the form's
    # first state about two seconds after loading (`watch-edits`, sometimes twice in a row), an
    # edit it notices is `add`, the preview panel sends the form (`json`, with the form's
    # validity) and shows the render. An edit typed before the watcher's last first-state is part
    # of that state and counts as no edit (CI typed that early), so the test types when the form
    # has settled, and types once more if the watcher still saw nothing, as an editor would.
    editor.add_init_script(
        """
        window.editorEvents = [];
        for (const name of ["w-unsaved:watch-edits", "w-unsaved:add", "w-preview:ready",
                            "w-preview:json"]) {
            document.addEventListener(name, (event) => window.editorEvents.push({
                name, at: performance.now(), valid: event.detail?.data?.is_valid,
            }));
        }
        """
    )
    events = "window.editorEvents.filter(e => e.name === '{}')".format
    editor.goto(f"{site_url}/admin/pages/{about.pk}/edit/")
    editor.locator("[data-side-panel-toggle='preview']").first.click()
    preview = editor.frame_locator("#w-preview-iframe")
    expect(preview.locator("h1")).to_contain_text(about.title, timeout=15_000)
    editor.wait_for_function(
        f"""() => {{
            const watched = {events("w-unsaved:watch-edits")};
            return {events("w-preview:ready")}.length > 0 && watched.length > 0
                && performance.now() - watched.at(-1).at > 800;
        }}""",
        timeout=20_000,
    )
    # A change in the editor reaches the preview: noticed, sent, found valid, rendered.
    intro = editor.locator("textarea[name=intro]")
    sentence = "Ein Satz nur für die Vorschau."
    sent_before = editor.evaluate(f"{events('w-preview:json')}.length")
    intro.fill(f"{intro.input_value()} {sentence}")
    for _attempt in range(3):
        try:
            editor.wait_for_function(f"{events('w-unsaved:add')}.length > 0", timeout=6_000)
            break
        except PlaywrightTimeoutError:
            intro.press_sequentially(" ")
    # Wagtail drops an edit noticed while an earlier preview update is still in flight (it keeps the
    # preview marked stale and waits for a change of that mark that never comes); an editor who
    # sees the old text closes and reopens the panel, which sends a stale form. CI met that race.
    sent = f"{events('w-preview:json')}.length > {sent_before}"
    try:
        editor.wait_for_function(sent, timeout=10_000)
    except PlaywrightTimeoutError:
        toggle = editor.locator("[data-side-panel-toggle='preview']").first
        toggle.click()
        toggle.click()
        editor.wait_for_function(sent, timeout=20_000)
    assert editor.evaluate(f"{events('w-preview:json')}.at(-1).valid") is True, (
        "Wagtail found the edited form invalid for the preview"
    )
    expect(preview.locator("main")).to_contain_text(sentence, timeout=20_000)


def test_public_page_refuses_to_be_framed_even_by_the_admin(open_page, demo):
    """The admin's own policy allows same-origin frames; the public page still says
    `frame-ancestors 'none'`, and Chromium shows nothing of it."""
    from project.models import ProjectPage

    about = ProjectPage.objects.get(locale__language_code="de", slug="ueber-das-projekt")
    visit = open_page("/admin/login/")
    page = visit.page
    with page.expect_console_message(lambda message: "frame-ancestors" in message.text):
        page.evaluate(
            """(src) => {
                const frame = document.createElement("iframe");
                frame.id = "public-frame";
                frame.src = src;
                document.body.append(frame);
            }""",
            about.url,
        )
    assert any("frame-ancestors 'none'" in text for text in visit.csp_violations)
    frame = page.locator("#public-frame").element_handle().content_frame()
    assert not frame.url.endswith(about.url)  # Chromium's error page instead
    assert about.title not in frame.locator("body").inner_text()
