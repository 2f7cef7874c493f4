"""Form controls as a visitor's browser shows them: one look (at least 44 px to tap, a visible
focus ring) on the enquiry form, the search and the filters, and each error message at its field."""

import time

import pytest

from tests.browser.pages import DESIGNER_INDEX, ENQUIRY_FORM, LANGUAGES, SEARCH_EMPTY, WIDTHS

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

NEAR = 16  # px between an error's box and its field's box, at most


def _gap(a: dict, b: dict) -> float:
    """The distance between two boxes (0 where they touch or overlap)."""
    dx = max(0, a["x"] - (b["x"] + b["width"]), b["x"] - (a["x"] + a["width"]))
    dy = max(0, a["y"] - (b["y"] + b["height"]), b["y"] - (a["y"] + a["height"]))
    return max(dx, dy)


def _send_empty_form(open_page, code: str, width: str):
    page = open_page(ENQUIRY_FORM.paths[code], width).page
    time.sleep(3.2)  # a person takes longer than the spam rule's minimum
    page.locator(".enquiry__form button[type=submit]").click()
    page.wait_for_load_state()
    return page


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("code", LANGUAGES)
def test_each_error_sits_at_its_field_and_describes_it(open_page, code, width):
    page = _send_empty_form(open_page, code, width)
    errors = page.locator(".enquiry__form .enquiry__errors")
    assert errors.count() >= 4  # company, sector, contact person, e-mail, consent
    checked = set()
    for index in range(errors.count()):
        error = errors.nth(index)
        error_id = error.get_attribute("id")
        described = page.locator(f'[aria-describedby~="{error_id}"]')
        assert described.count() == 1, f"{error_id} describes no field"
        field = described.first
        if field.evaluate("(el) => el.tagName") == "FIELDSET":  # a group: its first choice's
            field = field.locator(".enquiry__choice").first  # line (box and label, 44 px high)
        assert field.is_visible() and error.is_visible()
        gap = _gap(error.bounding_box(), field.bounding_box())
        assert gap <= NEAR, f"{error_id} is {gap:.0f} px away from its field ({code}, {width})"
        checked.add(error_id)
    assert "id_consent-errors" in checked
    # The consent's error is the one right above its box, on the box's left edge.
    error = page.locator("#id_consent-errors").bounding_box()
    box = page.locator("#id_consent").bounding_box()
    assert 0 <= box["y"] - (error["y"] + error["height"]) <= NEAR
    assert abs(box["x"] - error["x"]) <= 2


def _controls_look_alike(page, selectors: list[str]) -> None:
    looks = set()
    for selector in selectors:
        control = page.locator(selector).first
        box = control.bounding_box()
        assert box["height"] >= 44, f"{selector} is {box['height']:.0f} px high"
        border = control.evaluate(
            "(el) => { const s = getComputedStyle(el);"
            " return [s.borderTopWidth, s.borderTopStyle, s.borderTopColor].join(' '); }"
        )
        looks.add(border)
        control.focus()
        ring = control.evaluate(
            "(el) => { const s = getComputedStyle(el);"
            " return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"
        )
        assert ring[0] != "none" and ring[1] >= 2, f"{selector} shows no focus ring: {ring}"
    assert len(looks) == 1, f"the controls differ in their borders: {looks}"


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_enquiry_form_and_the_search_field_share_one_look(open_page, width):
    page = open_page(ENQUIRY_FORM.paths["de"], width).page
    page.keyboard.press("Tab")  # keyboard use: Chromium shows focus rings from here on
    _controls_look_alike(
        page, ["#id_company", "#id_email", "#id_phone", "#id_space_m2", "#id_start", "#id_message"]
    )
    for name in ["id_consent", "id_sector_0", "id_space_kind_0"]:  # the line to tick is the target
        label = page.locator(f"label[for={name}]").bounding_box()
        assert label["height"] >= 44, f"the label of {name} is {label['height']:.0f} px high"

    search = open_page(SEARCH_EMPTY.paths["de"], width).page
    search.keyboard.press("Tab")
    _controls_look_alike(search, ["#search-query"])
    field, button = (search.locator(s).bounding_box() for s in ["#search-query", ".search__button"])
    assert abs(field["height"] - button["height"]) <= 1, "the field and its button differ"


def test_filters_are_tall_enough_and_show_focus(open_page):
    page = open_page(DESIGNER_INDEX.paths["de"], "phone").page
    page.keyboard.press("Tab")
    link = page.locator(".filter a").first
    assert link.bounding_box()["height"] >= 44
    link.focus()
    style = link.evaluate("(el) => getComputedStyle(el).outlineStyle")
    assert style != "none"
