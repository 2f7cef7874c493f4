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
