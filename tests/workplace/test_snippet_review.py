"""Snippets shown on the site (navigation, footer, site settings, retailers) go through review:
saving keeps a draft that visitors never see, a moderator publishes, an editor cannot."""

import copy

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from catalogue.sync.engine import run_sync
from core import frame
from core.models import Footer, Navigation
from results.models import Indicator
from shop_links.models import Retailer
from tests.catalogue.conftest import SAMPLE, write_feed
from tests.workplace.conftest import form_data
from workplace.roles import EDITORS, MODERATORS
from workplace.workflow import WORKFLOW_NAME

pytestmark = pytest.mark.django_db


def footer_html(client, path="/de/") -> str:
    return client.get(path).content.decode().split('<footer class="site-footer">', 1)[1]


def snippet_url(obj, view="edit") -> str:
    return reverse(obj.snippet_viewset.get_url_name(view), args=[obj.pk])


def post_form(client, obj, changes: dict, **actions):
    """Posts the snippet's edit form back as the browser would, with `changes` and `actions`."""
    url = snippet_url(obj)
    response = client.get(url)
    assert response.status_code == 200
    data = form_data(response.content.decode(), marker=url)
    data.update(changes)
    data.update(actions)
    return client.post(url, data)


def test_every_public_snippet_is_assigned_to_the_review_workflow(demo):
    for model in (Navigation, Footer, Retailer, Indicator):
        assert model.objects.first().get_workflow().name == WORKFLOW_NAME


def test_a_footer_draft_stays_off_the_site_until_a_moderator_publishes_it(client, demo, login):
    moderator = login(MODERATORS)
    footer = Footer.objects.get(locale__language_code="de")
    old_about = footer.about
    assert old_about in footer_html(client)  # the frame is now cached
    version = frame._version()

    response = post_form(moderator, footer, {"about": "Ein ganz neuer Text über uns."})
    assert response.status_code == 302
    assert frame._version() == version  # a draft does not touch the cached frame
    html = footer_html(client)
    assert "Ein ganz neuer Text" not in html and old_about in html
    footer.refresh_from_db()
    assert footer.about == old_about and footer.has_unpublished_changes

    response = post_form(moderator, footer, {}, **{"action-publish": "action-publish"})
    assert response.status_code == 302
    assert frame._version() != version
    html = footer_html(client)
    assert "Ein ganz neuer Text über uns." in html and old_about not in html


def test_a_menu_draft_does_not_show_and_publishing_it_does(client, demo, login):
    moderator = login(MODERATORS)
    navigation = Navigation.objects.get(locale__language_code="de")
    post_form(moderator, navigation, {"items-0-label": "Köpfe"})
    assert ">Köpfe</a>" not in client.get("/de/").content.decode()
    navigation.refresh_from_db()
    navigation.get_latest_revision().publish(user=moderator.user)
    assert ">Köpfe</a>" in client.get("/de/").content.decode()


def test_a_snippet_created_as_a_draft_is_not_shown(client, demo):
    german = Footer.objects.get(locale__language_code="de")
    english = Footer.objects.get(locale__language_code="en")
    english.delete()
    draft = Footer(locale=english.locale, about="Draft footer text", live=False)
    draft.save()
    draft.save_revision()
    html = footer_html(client, "/en/")
    assert "Draft footer text" not in html
    assert german.about in html  # the live German footer stands in


def test_an_editor_cannot_publish_a_retailer_and_nothing_goes_live(client, demo, login):
    editor = login(EDITORS)
    retailer = Retailer.objects.filter(locale__language_code="de").exclude(ref="").first()
    live_revision = retailer.live_revision_id
    response = editor.get(snippet_url(retailer))
    assert response.status_code == 200
    assert 'name="action-publish"' not in response.content.decode()
    assert 'name="action-submit"' in response.content.decode()

    post_form(
        editor,
        retailer,
        {"description": "Jetzt mit Café."},
        **{"action-publish": "action-publish"},
    )
    retailer.refresh_from_db()
    assert retailer.description != "Jetzt mit Café." and retailer.live_revision_id == live_revision
    assert "Jetzt mit Café." not in client.get("/de/wo-kaufen/").content.decode()
    # Nor can they take it off the site.
    response = editor.post(snippet_url(retailer, "unpublish"))
    retailer.refresh_from_db()
    assert response.status_code in (302, 403) and retailer.live


def test_a_retailer_goes_from_editor_through_review_to_the_site(client, demo, login):
    editor, moderator = login(EDITORS), login(MODERATORS)
    retailer = Retailer.objects.filter(locale__language_code="de").exclude(ref="").first()
    post_form(
        editor,
        retailer,
        {"description": "Jetzt mit Café im Hinterhof."},
        **{"action-submit": "action-submit"},
    )
    state = WorkflowState.objects.get(
        base_content_type__model="retailer", object_id=str(retailer.pk), status="in_progress"
    )
    assert state.workflow.name == WORKFLOW_NAME
    assert "Jetzt mit Café" not in client.get("/de/wo-kaufen/").content.decode()
    # The moderator sees it waiting on the dashboard, and approves it.
    assert retailer.name in moderator.get(reverse("wagtailadmin_home")).content.decode()
    approve = reverse(
        retailer.snippet_viewset.get_url_name("workflow_action"),
        args=[retailer.pk, "approve", state.current_task_state.pk],
    )
    assert editor.post(approve, {"comment": ""}).status_code in (302, 403)
    retailer.refresh_from_db()
    assert retailer.description != "Jetzt mit Café im Hinterhof."
    assert moderator.post(approve, {"comment": "Gern."}).status_code in (200, 302)
    state.refresh_from_db()
    retailer.refresh_from_db()
    assert state.status == "approved"
    assert retailer.description == "Jetzt mit Café im Hinterhof."
    assert "Jetzt mit Café im Hinterhof." in client.get("/de/wo-kaufen/").content.decode()


def test_the_sync_writes_catalogue_retailers_live_and_a_draft_under_review_keeps_them(
    demo, tmp_path, login
):
    sample = copy.deepcopy(SAMPLE)
    editor = login(EDITORS)
    retailer = Retailer.objects.get(locale__language_code="de", ref="atelier-eupen")
    # An editor's description waits for review ...
    post_form(editor, retailer, {"description": "Neu im Sortiment."}, **{"action-submit": "1"})
    # ... while the catalogue moves the shop.
    entry = next(r for r in sample["retailers"] if r["ref"] == "atelier-eupen")
    entry["address"]["street"] = "Neustraße 9"
    summary = run_sync(write_feed(tmp_path, sample))
    assert summary.retailers["updated"] == 1
    retailer.refresh_from_db()
    assert retailer.street == "Neustraße 9" and retailer.live  # live at once, no draft
    # Publishing the older draft brings the description, not the old address.
    retailer.get_latest_revision().publish()
    retailer.refresh_from_db()
    assert (retailer.street, retailer.description) == ("Neustraße 9", "Neu im Sortiment.")
    # Every language follows the catalogue.
    assert set(
        Retailer.objects.filter(translation_key=retailer.translation_key).values_list(
            "street", flat=True
        )
    ) == {"Neustraße 9"}


def test_a_retailer_created_as_a_draft_is_hidden_from_visitors(client, demo):
    draft = Retailer.objects.get(locale__language_code="de", name="Weltladen am Kaiserplatz")
    assert not draft.live
    assert draft.get_workflow().name == WORKFLOW_NAME
    assert "Weltladen am Kaiserplatz" not in client.get("/de/wo-kaufen/").content.decode()
    assert client.get(f"/go/shop/{draft.pk}/").status_code == 404
