"""What editors see and may do with catalogue data in the admin."""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.urls import reverse

from catalogue.demo import SAMPLE_FEED
from catalogue.models import Product, SyncRun
from catalogue.sync.engine import run_sync
from catalogue.sync.lock import held_lock
from shop_links.models import Retailer

pytestmark = pytest.mark.django_db


def edit_url(obj):
    return reverse(
        f"wagtailsnippets_{obj._meta.app_label}_{obj._meta.model_name}:edit", args=[obj.pk]
    )


def test_product_edit_shows_catalogue_fields_read_only_and_saves_editorial_ones(admin_client):
    bag = Product.objects.sources().get(external_id="MAN-0001")
    page = admin_client.get(edit_url(bag))
    html = page.content.decode()
    assert "Diese Angaben kommen aus dem Label-Katalog" in html
    assert 'name="title"' not in html and 'name="teaser"' in html
    assert "MAN-0001-01" in html  # the variants panel
    response = admin_client.post(
        edit_url(bag), {"teaser": "Aus Sitzstoff der alten Bahnen", "title": "Gehackt"}
    )
    assert response.status_code == 302
    bag.refresh_from_db()
    assert (bag.teaser, bag.title) == (
        "Aus Sitzstoff der alten Bahnen",
        "Depot-Tasche aus Straßenbahnsitzstoff",
    )
    assert run_sync(str(SAMPLE_FEED)).counts["unchanged"] == 24
    bag.refresh_from_db()
    assert bag.teaser == "Aus Sitzstoff der alten Bahnen"


def refused(response) -> bool:
    """Wagtail answers a forbidden admin action with a redirect to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


def test_products_cannot_be_added_or_deleted_even_by_a_superuser(admin_client):
    bag = Product.objects.sources().get(external_id="MAN-0001")
    assert refused(admin_client.get(reverse("wagtailsnippets_catalogue_product:add")))
    delete = reverse("wagtailsnippets_catalogue_product:delete", args=[bag.pk])
    assert refused(admin_client.post(delete))
    assert Product.objects.filter(pk=bag.pk).exists()


def test_catalogue_retailer_is_locked_and_an_editor_retailer_is_editable(admin_client):
    synced = Retailer.objects.get(ref="laden-im-depot", locale__language_code="de")
    data = {"name": "Umbenannt", "kind": "label_store", "website": "https://x.example/"}
    admin_client.post(edit_url(synced), data)
    synced.refresh_from_db()
    assert synced.name == "Laden im Depot"
    own = Retailer.objects.create(
        name="Kiosk", kind="concept_store", website="https://kiosk.example/", locale=synced.locale
    )
    assert (
        admin_client.post(edit_url(own), {**data, "website": "javascript:alert(1)"}).status_code
        == 200
    )
    # Retailers keep drafts: the name changes on the site once published.
    publish = {"action-publish": "action-publish"}
    assert admin_client.post(edit_url(own), {**data, **publish}).status_code == 302
    own.refresh_from_db()
    assert own.name == "Umbenannt"


def test_admin_lists_products_partners_retailers_and_the_run_log(admin_client):
    for name, text in [
        ("wagtailsnippets_catalogue_product:list", "Depot-Tasche"),
        ("wagtailsnippets_catalogue_productionpartner:list", "Nähwerkstatt im Depot"),
        ("wagtailsnippets_shop_links_retailer:list", "Museumshop Ludwig Forum"),
        ("catalogue_syncrun:index", "fixtures/sample/catalogue.json"),
    ]:
        response = admin_client.get(reverse(name))
        assert response.status_code == 200 and text in response.content.decode(), name


def test_sync_now_needs_the_permission_and_runs_the_task(client, admin_client, settings):
    settings.CATALOGUE_FEED_URL = str(SAMPLE_FEED)
    editor = get_user_model().objects.create_user("editor", password="pw-for-tests")
    group = Group.objects.create(name="Redaktion Katalog")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    editor.groups.add(group)
    client.login(username="editor", password="pw-for-tests")
    assert refused(client.get(reverse("catalogue_sync_now")))
    group.permissions.add(Permission.objects.get(codename="run_sync"))
    response = client.post(reverse("catalogue_sync_now"), {"dry_run": "on"}, follow=True)
    assert response.status_code == 200
    run = SyncRun.objects.first()
    assert (run.trigger, run.user, run.dry_run, run.status) == ("admin", editor, True, "succeeded")
    assert "24 unchanged" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_second_concurrent_run_exits_at_once_with_a_clear_message(demo, feed_server):
    """Run A waits for its feed while holding the lock; run B, meanwhile, is refused."""
    feed_server.gate.clear()
    feed_server.routes["/slow.json"] = (200, "application/json", SAMPLE_FEED.read_bytes(), "gate")
    results = {}

    def first():
        try:
            results["a"] = run_sync(feed_server.url("/slow.json"))
        finally:
            connection.close()

    thread = threading.Thread(target=first)
    thread.start()
    try:
        for _ in range(200):
            if feed_server.hits["/slow.json"]:
                break
            threading.Event().wait(0.05)
        second = run_sync(str(SAMPLE_FEED))
    finally:
        feed_server.gate.set()
        thread.join(30)
    assert second.status == "locked"
    assert "Another catalogue sync is running" in second.message
    assert results["a"].ok, results["a"].message
    assert SyncRun.objects.filter(status="locked").count() == 1


def test_lock_is_released_after_a_run(demo):
    with held_lock():
        pass
    assert run_sync(str(SAMPLE_FEED)).ok
