"""Helpers that post an admin form back as the browser would, and tell a refusal."""

from django.urls import reverse

from tests.admin_forms import form_data

# Users in each role: the `login` fixture (tests/conftest.py), shared with other areas' tests.


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
