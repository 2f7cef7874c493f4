"""Editors add a workshop the catalogue does not know, and keep its skills, in the admin."""

import pytest

from tests.admin_forms import form_data
from workshops.models import Skill, Workshop

pytestmark = [pytest.mark.django_db, pytest.mark.no_demo]

ADD = "/admin/snippets/workshops/workshop/add/"


@pytest.fixture
def admin(client, django_user_model, network):
    user = django_user_model.objects.create_superuser("chef", "chef@example.org", "pw")
    client.force_login(user)
    return client


def _post(client, **fields):
    data = form_data(client.get(ADD).content.decode())
    data.update(fields)
    data["action-publish"] = "action-publish"
    return client.post(ADD, data)


def test_a_workshop_the_catalogue_does_not_know_needs_a_name(admin, network):
    sewing = Skill.objects.get(code="sewing", locale__language_code="de")
    response = _post(admin, ref="polsterei-ost", name="", district="haaren", skills=str(sewing.pk))
    assert response.status_code == 200
    assert "Der Katalog kennt diese Kennung nicht" in response.content.decode()
    assert not Workshop.objects.filter(ref="polsterei-ost").exists()

    response = _post(
        admin, ref="polsterei-ost", name="Polsterei Ost", district="haaren", skills=str(sewing.pk)
    )
    assert response.status_code == 302
    row = Workshop.objects.get(ref="polsterei-ost")
    assert row.live and list(row.skills.all()) == [sewing]
    page = admin.get(f"{network['index']['de'].url}polsterei-ost/")
    assert page.status_code == 200
    assert "Polsterei Ost" in page.content.decode()


def test_only_german_skills_are_offered(admin, network):
    html = admin.get(ADD).content.decode()
    assert "Nähen" in html and "Couture" not in html


def test_the_skills_vocabulary_is_extended_in_the_admin(admin, network):
    url = "/admin/snippets/workshops/skill/add/"
    data = form_data(admin.get(url).content.decode())
    data.update(code="metalwork", label="Metallbau")
    assert admin.post(url, data).status_code == 302
    assert Skill.objects.filter(code="metalwork", locale__language_code="de").exists()


def test_an_editor_adds_a_workshop_the_feed_does_not_know_and_a_moderator_publishes_it(
    client, django_user_model, network
):
    """As the team meets it: the editor's new workshop is a draft, even if the editor asks to
    publish; visitors see it once a moderator has published it."""
    from django.contrib.auth.models import Group

    from workplace.roles import EDITORS, MODERATORS

    editor = django_user_model.objects.create_user("redaktion-ws", "r@example.org", "pw")
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    sewing = Skill.objects.get(code="sewing", locale__language_code="de")
    data = form_data(client.get(ADD).content.decode())
    data.update(
        ref="polsterei-ost",
        name="Polsterei Ost",
        summary="Sessel und Bänke neu gepolstert.",
        district="haaren",
        skills=str(sewing.pk),
    )
    # The editor has no "publish" button; a hand-made publish post saves a draft all the same.
    assert client.post(ADD, {**data, "action-publish": "action-publish"}).status_code == 302
    row = Workshop.objects.get(ref="polsterei-ost", locale__language_code="de")
    assert not row.live
    client.logout()
    address = f"{network['index']['de'].url}polsterei-ost/"
    assert client.get(address).status_code == 404
    assert "Polsterei Ost" not in client.get(network["index"]["de"].url).content.decode()

    moderator = django_user_model.objects.create_user("moderation-ws", "m@example.org", "pw")
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    client.force_login(moderator)
    edit = f"/admin/snippets/workshops/workshop/edit/{row.pk}/"
    data = form_data(client.get(edit).content.decode(), marker=edit)
    assert client.post(edit, {**data, "action-publish": "action-publish"}).status_code == 302
    client.logout()
    page = client.get(address)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Polsterei Ost" in html and "Sessel und Bänke neu gepolstert." in html
    assert "Polsterei Ost" in client.get(network["index"]["de"].url).content.decode()
