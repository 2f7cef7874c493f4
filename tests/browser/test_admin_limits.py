"""The field limit leaves the editors room: the longest demo page, edited in Chromium."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from campaigns.models import CampaignPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def test_the_longest_demo_page_posts_well_under_the_field_limit_and_saves(as_user, site_url, demo):
    campaign = CampaignPage.objects.get(locale__language_code="de")
    editor = as_user("redaktion")
    editor.goto(f"{site_url}/admin/pages/{campaign.pk}/edit/")
    fields = editor.evaluate(
        "() => [...new FormData(document.querySelector('form[data-edit-form]')).keys()].length"
    )
    # The campaign page, with every block type the demo uses, posts about a third of the limit.
    assert 200 < fields < settings.DATA_UPLOAD_MAX_NUMBER_FIELDS / 2
    editor.get_by_role("button", name=re.compile("^(Save draft|Entwurf speichern)$")).click()
    expect(editor.locator(".messages .success")).to_be_visible()
