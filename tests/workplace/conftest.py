"""Users in each role, and a helper that posts an admin form back as the browser would."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from tests.admin_forms import form_data

PASSWORD = "role-password-for-tests"


@pytest.fixture
def login(demo):
    """`login("Editors")`: a client logged in as a new user whose only group is that role."""

    def _login(group_name: str) -> Client:
        username = "user-" + group_name.lower().replace(" ", "-").replace("(", "").replace(")", "")
        user = get_user_model().objects.create_user(username, password=PASSWORD)
        user.groups.add(Group.objects.get(name=group_name))
        client = Client()
        assert client.login(username=username, password=PASSWORD)
        client.user = user
        return client

    return _login


def refused(response) -> bool:
    """A refusal is a refusal: the admin's "Keine Berechtigung" page with status 403, not
    Wagtail's redirect to the dashboard (workplace/apps.py)."""
    return response.status_code == 403


def edit(client, page, **actions):
    """Posts the page's edit form back, as the editor's browser would, with `actions`
    (the page's body is posted empty)."""
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.get(url)
    assert response.status_code == 200
    data = form_data(response.content.decode(), marker="page-edit-form")
    data.update({"body-count": "0", **actions})
    return client.post(url, data)
