"""Users in each role, and a helper that posts an admin form back as the browser would."""

from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

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
    """Wagtail answers a forbidden admin request with 403 or a redirect to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


class _FormFields(HTMLParser):
    """The successful controls of the first form with `id_or_class` in its attributes."""

    def __init__(self, marker: str):
        super().__init__()
        self.marker = marker
        self.inside = False
        self.data: list[tuple[str, str]] = []
        self.textarea: str | None = None
        self.select: str | None = None
        self.select_value: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and not self.inside:
            self.inside = self.marker in " ".join(str(v) for v in attrs.values())
            return
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind in ("submit", "button", "file", "image"):
                return
            self.data.append((name, attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "textarea" and name:
            self.textarea = name
            self.data.append((name, ""))
        elif tag == "select" and name:
            self.select, self.select_value = name, None
        elif tag == "option" and self.select and (self.select_value is None or "selected" in attrs):
            self.select_value = attrs.get("value", "")

    def handle_data(self, data):
        if self.textarea:
            name, value = self.data[-1]
            self.data[-1] = (name, value + data)

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.textarea = None
        elif tag == "select" and self.select:
            self.data.append((self.select, self.select_value or ""))
            self.select = None
        elif tag == "form" and self.inside:
            self.inside = False
            self.marker = "\0"  # only the first matching form


def form_data(html: str, marker: str = "w-form") -> dict:
    parser = _FormFields(marker)
    parser.feed(html)
    data: dict = {}
    for name, value in parser.data:
        data.setdefault(name, value)
    return data


def edit(client, page, **actions):
    """Posts the page's edit form back, as the editor's browser would, with `actions`
    (the page's body is posted empty)."""
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.get(url)
    assert response.status_code == 200
    data = form_data(response.content.decode(), marker="page-edit-form")
    data.update({"body-count": "0", **actions})
    return client.post(url, data)
