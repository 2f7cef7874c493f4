"""Exploration (temporary)."""

import pickle

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client, override_settings

from tests.seo.crawl import SECOND_HOST, crawl

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def site_crawl(django_db_setup, django_db_blocker):
    from core import frame, pagecache

    with django_db_blocker.unblock(), transaction.atomic():
        frame.reset()
        pagecache.reset()
        with override_settings(ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, SECOND_HOST]):
            result = crawl(Client())
        transaction.set_rollback(True)
    return result


def test_dump(site_crawl):
    for page in site_crawl.pages:
        page.__dict__.pop("soup", None)
    with open("/tmp/crawl15.pkl", "wb") as f:
        pickle.dump(site_crawl, f)
