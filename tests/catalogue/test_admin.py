"""What editors see and may do with catalogue data in the admin."""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.urls import reverse
from django.utils.html import escape

from catalogue.models import Product, SyncRun
from catalogue.sample import SAMPLE_FEED
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
        edit_url(bag),
        # The passport's step notes as a browser sends an empty stream (its block count).
        {"teaser": "Aus Sitzstoff der alten Bahnen", "title": "Gehackt", "step_notes-count": "0"},
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
    """A refusal is a refusal: the admin's "Keine Berechtigung" page with status 403, not
    Wagtail's redirect to the dashboard (workplace/apps.py)."""
    return response.status_code == 403


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


# serialized_rollback: its flush keeps the migrations' rows (content types, the page tree's root)
# and restores them, as the edge tests do; a plain flush would make new content types whose ids
# no longer match what a later serialized test restores.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
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


def test_run_log_shows_times_in_the_sites_time_zone(admin_client, settings):
    """A run at 23:30 UTC in December began at 00:30 the next day in Aachen: every time in the
    log, its list, its entry (title included) and the sync page says so, never the UTC time."""
    import datetime

    assert settings.TIME_ZONE == "Europe/Berlin"
    utc = datetime.UTC
    run = SyncRun.objects.create(
        source="fixtures/sample/catalogue.json", trigger="command", status="succeeded"
    )
    SyncRun.objects.filter(pk=run.pk).update(
        started_at=datetime.datetime(2026, 12, 1, 23, 30, tzinfo=utc),
        finished_at=datetime.datetime(2026, 12, 1, 23, 47, tzinfo=utc),
    )
    pages = {
        "list": reverse("catalogue_syncrun:index"),
        "entry": reverse("catalogue_syncrun:inspect", args=[run.pk]),
        "sync page": reverse("catalogue_sync_now"),
    }
    for name, url in pages.items():
        html = admin_client.get(url).content.decode()
        assert "23:30" not in html and "23:47" not in html, name
        assert "00:30" in html or "0:30" in html, name
    entry = admin_client.get(pages["entry"]).content.decode()
    assert "00:47" in entry
    assert "2. Dezember 2026" in entry or "02.12.2026" in entry


def test_sync_now_works_out_of_the_box_with_the_development_defaults(client, settings):
    """`make run` serves config.settings.dev: without CATALOGUE_FEED_URL in the environment it
    names the bundled sample feed (production names none), so the demo's catalogue manager
    presses "Jetzt abgleichen" and the log shows a run that succeeded."""
    from tests.conftest import DEMO_ADMIN_PASSWORD
    from tests.core.test_settings import PRODUCTION, manage

    show = "from django.conf import settings; print(repr(settings.CATALOGUE_FEED_URL))"
    defaults = {}
    for module in ("config.settings.dev", "config.settings.production"):
        result = manage(
            "shell",
            "-c",
            show,
            env_overrides={**PRODUCTION, "DJANGO_SETTINGS_MODULE": module},
            drop=("CATALOGUE_FEED_URL",),
        )
        defaults[module] = result.stdout.strip().splitlines()[-1]
    assert defaults["config.settings.production"] == "''"
    feed = defaults["config.settings.dev"].strip("'")
    assert feed == str(SAMPLE_FEED)

    settings.CATALOGUE_FEED_URL = feed
    assert client.login(username="katalog", password=DEMO_ADMIN_PASSWORD)
    page = client.get(reverse("catalogue_sync_now")).content.decode()
    assert "Jetzt abgleichen" in page and "Es ist kein Katalog-Feed eingestellt" not in page
    response = client.post(reverse("catalogue_sync_now"), {}, follow=True)
    run = SyncRun.objects.first()
    assert (run.trigger, run.user.username, run.dry_run) == ("admin", "katalog", False)
    assert (run.status, run.source) == ("succeeded", feed)
    log = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("catalogue_syncrun:index")
    assert escape(run.message) in log and "Erfolgreich" in log
    assert reverse("catalogue_syncrun:inspect", args=[run.pk]) in log
