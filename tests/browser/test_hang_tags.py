"""Hang tags in Chromium, as the demo's catalogue manager prints them: one product from its row in
the products listing, then a selection with the listing's bulk action; each time the form (language,
tags per product) and a PDF download."""

import re

import pypdf
import pytest
from playwright.sync_api import expect

from catalogue.models import Product
from tests.browser.test_admin_flows import shot
from tests.browser.test_enquiry_admin import admin_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

LISTING = "/admin/snippets/catalogue/product/"


def download_pdf(page, tmp_path, name: str) -> pypdf.PdfReader:
    with page.expect_download() as download_info:
        page.get_by_role("button", name=admin_text(page, "PDF herunterladen")).click()
    download = download_info.value
    assert download.suggested_filename == name
    path = tmp_path / name
    download.save_as(path)
    assert path.read_bytes().startswith(b"%PDF-")
    return pypdf.PdfReader(path)


def test_catalogue_manager_prints_tags_for_one_product(
    as_user, site_url, demo, tmp_path, assert_accessible
):
    bag = Product.objects.get(external_id="MAN-0001", locale__language_code="de")
    french = Product.objects.get(external_id="MAN-0001", locale__language_code="fr")
    page = as_user("katalog")
    page.goto(f"{site_url}{LISTING}?locale=de&q=MAN-0001")
    row = page.locator("tbody tr").filter(has_text=bag.title.replace("\u00ad", ""))
    row.get_by_role("button", name=re.compile("More options|Weitere Optionen")).click()
    page.get_by_role("link", name=admin_text(page, "Hängeetiketten"), exact=True).click()
    expect(page.locator("h1")).to_contain_text(admin_text(page, "Hängeetiketten drucken"))
    expect(page.locator("main")).to_contain_text(f"({bag.external_id})")
    shot(page, "hang-tags-form")
    assert_accessible(page, "the hang tags form")

    page.get_by_label(admin_text(page, "Sprache der Etiketten")).select_option("fr")
    page.get_by_label(admin_text(page, "Etiketten je Produkt")).fill("3")
    reader = download_pdf(page, tmp_path, "haengeetiketten-man-0001-fr.pdf")
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text().replace("\u2010\n", "")
    assert " ".join(text.split()).count(french.title) == 3


def test_catalogue_manager_prints_a_selection_and_a_bad_count_is_explained(
    as_user, site_url, demo, tmp_path, assert_accessible
):
    chosen = Product.objects.filter(
        external_id__in=["MAN-0001", "MAN-0004"], locale__language_code="de"
    )
    page = as_user("katalog")
    page.goto(f"{site_url}{LISTING}?q=MAN-000")
    for product in chosen:
        row = page.locator("tbody tr").filter(has_text=product.title.replace("\u00ad", ""))
        row.first.locator("input[type=checkbox][data-bulk-action-checkbox]").check()
    expect(page.locator("[data-bulk-action-footer]")).to_be_visible()
    label = admin_text(page, "Hängeetiketten")
    page.locator("[data-bulk-action-button]").filter(has_text=label).click()
    expect(page.locator("main h2")).to_contain_text("2")
    expect(page.locator("main form input[type=hidden][name=id]")).to_have_count(2)

    count = page.get_by_label(admin_text(page, "Etiketten je Produkt"))
    count.fill("0")
    page.get_by_role("button", name=admin_text(page, "PDF herunterladen")).click()
    expect(page.locator("main")).to_contain_text(
        admin_text(
            page, "Ensure this value is greater than or equal to %(limit_value)s.", limit_value=1
        )
    )
    shot(page, "hang-tags-form-error")
    assert_accessible(page, "the hang tags form with an error")

    page.get_by_label(admin_text(page, "Etiketten je Produkt")).fill("5")
    reader = download_pdf(page, tmp_path, "haengeetiketten-2-produkte-de.pdf")
    assert len(reader.pages) == 2  # 10 tags, 9 to a sheet
