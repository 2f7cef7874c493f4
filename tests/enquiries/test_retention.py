"""Retention: `purge_enquiries --older-than DAYS` deletes enquiries received more than DAYS whole
days ago and keeps the younger ones, also one a few hours short of the limit. Built with
factories, not the demo."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from enquiries.models import Enquiry
from tests.factories import EnquiryFactory, days_ago

pytestmark = [pytest.mark.django_db, pytest.mark.no_demo]


def test_purge_measures_the_retention_in_days():
    EnquiryFactory(email="neu@example.org", submit_time=days_ago(2))
    EnquiryFactory(
        email="knapp@example.org",
        submit_time=days_ago(30) + datetime.timedelta(hours=23),  # 23 hours short of 30 days
    )
    EnquiryFactory(email="alt@example.org", submit_time=days_ago(31))
    out = StringIO()
    call_command("purge_enquiries", "--older-than", "30", stdout=out)
    assert out.getvalue().strip() == "deleted 1 enquiries, 0 notes and 0 files older than 30 days"
    kept = set(Enquiry.objects.values_list("email", flat=True))
    assert kept == {"neu@example.org", "knapp@example.org"}


def test_dry_run_counts_the_same_and_deletes_nothing():
    EnquiryFactory(submit_time=days_ago(2))
    EnquiryFactory(submit_time=days_ago(31))
    out = StringIO()
    call_command("purge_enquiries", "--older-than", "30", "--dry-run", stdout=out)
    assert (
        out.getvalue().strip() == "would delete 1 enquiries, 0 notes and 0 files older than 30 days"
    )
    assert Enquiry.objects.count() == 2
