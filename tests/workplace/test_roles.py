"""The permission matrix: what each role can and cannot do in the admin.

Every user here belongs to exactly one of the groups the workplace migration creates; requests
go to the real admin URLs, and a refused request must leave the data as it was.
"""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Locale, Page, Workflow, WorkflowState

from catalogue.models import SyncRun
from catalogue.sample import SAMPLE_FEED
from core.models import ContentPage, Navigation
from project.models import ProjectPage
from tests.workplace.conftest import edit, form_data, refused
from workplace.roles import (
    CATALOGUE_MANAGERS,
    EDITORS,
    ENQUIRY_MANAGERS,
    MODERATORS,
    ROLES,
    TRANSLATORS,
    sync_roles,
)
from workplace.workflow import WORKFLOW_NAME

pytestmark = pytest.mark.django_db
ALL_ROLES = [EDITORS, MODERATORS, TRANSLATORS, ENQUIRY_MANAGERS, CATALOGUE_MANAGERS]


def draft_page(home, owner=None) -> ContentPage:
    page = ContentPage(title="Werkstattbesuch", slug="werkstattbesuch", live=False, owner=owner)
    home.add_child(instance=page)
    page.save_revision(user=owner)
    return page


def test_sync_roles_is_repeatable_and_reports_only_permissions_of_missing_apps(demo):
    before = {g.name: set(g.permissions.values_list("pk", flat=True)) for g in Group.objects.all()}
    missing = sync_roles(log=lambda message: None)
    assert sync_roles(log=lambda message: None) == missing
    after = {g.name: set(g.permissions.values_list("pk", flat=True)) for g in Group.objects.all()}
    assert before == after
    assert set(ROLES) <= set(after)
    assert all(
        name.split(".")[0] not in {a.label for a in apps.get_app_configs()} for name in missing
    )


def test_only_the_review_workflow_is_active_and_it_covers_the_whole_tree(demo):
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    assert list(Workflow.objects.filter(active=True)) == [workflow]
    for page in Page.objects.filter(depth__gt=1):
        assert page.get_workflow() == workflow
    task = workflow.tasks.get().specific
    assert [group.name for group in task.groups.all()] == [MODERATORS]


def test_editor_edits_and_submits_but_cannot_publish(demo, login):
    editor = login(EDITORS)
    page = draft_page(demo)
    response = edit(editor, page, title="Werkstattbesuch im Depot", **{"action-publish": "1"})
    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.live and page.live_revision is None
    assert page.get_latest_revision_as_object().title == "Werkstattbesuch im Depot"

    assert edit(editor, page, **{"action-submit": "1"}).status_code == 302
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(page.pk))
    assert state.status == "in_progress" and state.workflow.name == WORKFLOW_NAME
    page.refresh_from_db()
    assert not page.live


def test_page_goes_from_editor_through_moderator_to_live(demo, login):
    editor, moderator = login(EDITORS), login(MODERATORS)
    page = draft_page(demo)
    edit(editor, page, title="Werkstattbesuch", **{"action-submit": "1"})
    state = WorkflowState.objects.get(object_id=str(page.pk), status="in_progress")
    task_state = state.current_task_state
    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]
    )
    # The editor cannot approve their own submission; the moderator can.
    assert editor.post(approve, {"comment": ""}).status_code in (302, 403)
    page.refresh_from_db()
    assert not page.live
    assert moderator.post(approve, {"comment": "Passt."}).status_code in (200, 302)
    page.refresh_from_db()
    state.refresh_from_db()
    assert page.live and state.status == "approved"
    assert editor.get(page.url).status_code == 200


def test_moderator_publishes_directly_and_locks(demo, login):
    moderator = login(MODERATORS)
    page = draft_page(demo)
    assert edit(moderator, page, **{"action-publish": "1"}).status_code == 302
    page.refresh_from_db()
    assert page.live
    lock = reverse("wagtailadmin_pages:lock", args=[page.pk])
    assert moderator.post(lock).status_code == 302
    page.refresh_from_db()
    assert page.locked


def test_navigation_is_changed_by_moderators_not_by_editors_or_translators(demo, login):
    navigation = Navigation.objects.get(locale__language_code="de")
    url = reverse("wagtailsnippets_core_navigation:edit", args=[navigation.pk])
    labels = list(navigation.items.values_list("label", flat=True))
    for role in (EDITORS, ENQUIRY_MANAGERS, CATALOGUE_MANAGERS):
        client = login(role)
        assert refused(client.get(url)), role
        assert refused(client.post(url, {"name": "kaputt"})), role
    navigation.refresh_from_db()
    assert list(navigation.items.values_list("label", flat=True)) == labels

    moderator = login(MODERATORS)
    response = moderator.get(url)
    assert response.status_code == 200
    data = form_data(response.content.decode(), marker=url)
    assert data["items-0-label"] == labels[0]
    data["items-0-label"] = "Das Projekt"
    # Saving keeps a draft: the menu changes when the moderator publishes it.
    assert moderator.post(url, data).status_code == 302
    assert list(navigation.items.values_list("label", flat=True)) == labels
    assert moderator.post(url, {**data, "action-publish": "action-publish"}).status_code == 302
    changed = sorted(navigation.items.values_list("label", flat=True))
    assert changed == sorted(["Das Projekt", *labels[1:]])


def test_translator_translates_but_cannot_publish_or_create(demo, login):
    translator = login(TRANSLATORS)
    about = ProjectPage.objects.get(locale__language_code="de", slug="ueber-das-projekt")
    english = about.get_translation(Locale.objects.get(language_code="en"))
    assert (
        translator.get(
            reverse("wagtail_localize:submit_page_translation", args=[about.pk])
        ).status_code
        == 200
    )
    edit_url = reverse("wagtailadmin_pages:edit", args=[english.pk])
    assert translator.get(edit_url).status_code == 200  # wagtail-localize's translation editor
    live_revision = english.live_revision_id
    assert refused(translator.post(edit_url, {"action": "publish"}))
    english.refresh_from_db()
    assert english.live_revision_id == live_revision
    add = reverse("wagtailadmin_pages:add_subpage", args=[demo.pk])
    assert refused(translator.get(add))
    # Editors may start translations too; enquiry and catalogue managers may not.
    for role in (ENQUIRY_MANAGERS, CATALOGUE_MANAGERS):
        client = login(role)
        submit = reverse("wagtail_localize:submit_page_translation", args=[about.pk])
        assert refused(client.get(submit)), role


@pytest.mark.parametrize("role", [ENQUIRY_MANAGERS, CATALOGUE_MANAGERS])
def test_managers_cannot_reach_pages_or_snippets(demo, login, role):
    client = login(role)
    title = demo.title
    edit_url = reverse("wagtailadmin_pages:edit", args=[demo.pk])
    assert refused(client.get(edit_url))
    assert refused(client.post(edit_url, {"title": "kaputt", "action-publish": "1"}))
    demo.refresh_from_db()
    assert demo.title == title
    assert refused(client.get(reverse("wagtailsnippets_designers_discipline:list")))


def test_enquiries_are_seen_only_by_enquiry_managers(demo, login):
    if not apps.is_installed("enquiries"):
        pytest.skip("enquiries app not merged yet")
    url = reverse("enquiries_enquiry:index")
    assert login(ENQUIRY_MANAGERS).get(url).status_code == 200
    for role in (EDITORS, MODERATORS, TRANSLATORS, CATALOGUE_MANAGERS):
        assert refused(login(role).get(url)), role


def test_catalogue_sync_is_started_only_by_catalogue_managers(demo, login, settings):
    settings.CATALOGUE_FEED_URL = str(SAMPLE_FEED)
    url = reverse("catalogue_sync_now")
    runs = SyncRun.objects.count()
    for role in (EDITORS, MODERATORS, TRANSLATORS, ENQUIRY_MANAGERS):
        client = login(role)
        assert refused(client.get(url)), role
        assert refused(client.post(url, {"dry_run": "on"})), role
    assert SyncRun.objects.count() == runs

    manager = login(CATALOGUE_MANAGERS)
    assert manager.get(url).status_code == 200
    response = manager.post(url, {"dry_run": "on"}, follow=True)
    assert response.status_code == 200
    run = SyncRun.objects.first()
    assert (run.user, run.dry_run, run.status) == (manager.user, True, "succeeded")
    # The run log is theirs to read.
    log = reverse("catalogue_syncrun:inspect", args=[run.pk])
    assert manager.get(log).status_code == 200


def test_click_report_is_for_the_roles_that_plan_campaigns(client, demo):
    """As the demo's users: Editors and Moderators read Berichte → "Klicks auf Shop-Links";
    a translator following a link to it gets a plain 403, not the dashboard."""
    from tests.conftest import DEMO_ADMIN_PASSWORD

    sync_roles(log=lambda message: None)  # `sync_roles` keeps what the migration gave
    report = reverse("shop_links_reports:clicks")
    for username, allowed in (("redaktion", True), ("moderation", True), ("uebersetzung", False)):
        assert client.login(username=username, password=DEMO_ADMIN_PASSWORD), username
        dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
        response = client.get(report)
        if allowed:
            assert response.status_code == 200, username
            assert "Klicks auf Shop-Links" in response.content.decode()
            assert report in dashboard, username  # the menu item under Berichte
        else:
            assert response.status_code == 403, username
            assert report not in dashboard
            assert client.get(report, {"export": "csv"}).status_code == 403
            assert client.get(report + "results/").status_code == 403
        client.logout()


def test_demo_has_one_user_per_role_with_the_printed_password(client, demo):
    from demo.workplace import DEMO_USERS
    from tests.conftest import DEMO_ADMIN_PASSWORD

    for username, _first, _last, group in DEMO_USERS:
        assert client.login(username=username, password=DEMO_ADMIN_PASSWORD), username
        user = get_user_model().objects.get(username=username)
        assert [g.name for g in user.groups.all()] == [group]
        assert client.get(reverse("wagtailadmin_home")).status_code == 200
        client.logout()
