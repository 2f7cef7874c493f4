"""Security headers a visitor's browser enforces: strict on public pages, workable in the admin."""

import re

import pytest
from wagtail.models import Page

from project.models import ProjectPage

pytestmark = pytest.mark.django_db


def policy(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


def test_public_page_allows_only_the_sites_own_code(client, demo):
    response = client.get("/de/")
    assert response.status_code == 200
    csp = policy(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    # No per-request nonce: cached copies of the page must stay byte-identical.
    assert "nonce" not in response.headers["Content-Security-Policy"]
    assert "nonce=" not in response.content.decode()


def test_public_page_sends_the_other_security_headers(client, demo):
    response = client.get("/de/")
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    permissions = response.headers["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "browsing-topics"):
        assert f"{feature}=()" in permissions


def test_admin_gets_the_policy_the_wagtail_editor_needs(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    csp = policy(response)
    assert "'unsafe-inline'" in csp["script-src"]
    assert csp["frame-ancestors"] == ["'self'"]  # the preview panel frames the admin itself


def test_error_pages_carry_the_strict_policy(client, demo):
    response = client.get("/de/gibt-es-nicht/")
    assert response.status_code == 404
    assert policy(response)["script-src"] == ["'self'"]


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>", re.I)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=", re.I)
INLINE_HANDLER = re.compile(r"\son[a-z]+=", re.I)


def test_no_public_page_needs_inline_code(client, demo):
    """Every live page in every language renders without inline scripts, styles or handlers,
    so the strict policy above never breaks a page (JSON-LD is data, not code)."""
    pages = Page.objects.live().public().filter(depth__gt=1).specific()
    assert pages.count() > 20
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        html = response.content.decode()
        for pattern in (INLINE_SCRIPT, INLINE_STYLE, INLINE_HANDLER):
            match = pattern.search(html)
            assert match is None, (
                f"{page.url}: {html[max(0, match.start() - 80) : match.end() + 80]}"
            )


def test_previews_alone_may_be_framed_by_the_admin(admin_client, client, demo):
    """Wagtail renders a preview through the middleware again for the page's public URL: that
    answer may be framed by the site itself; the same page served publicly may not be framed."""

    about = ProjectPage.objects.get(locale__language_code="de", slug="ueber-das-projekt")
    preview = admin_client.get(f"/admin/pages/{about.pk}/view_draft/")
    assert preview.status_code == 200
    assert about.title in preview.content.decode()
    assert preview.headers["X-Frame-Options"] == "SAMEORIGIN"
    csp = policy(preview)
    assert csp["frame-ancestors"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]  # otherwise the public policy: no inline code

    admin_client.logout()
    public = client.get(about.url)
    assert public.headers["X-Frame-Options"] == "DENY"
    assert policy(public)["frame-ancestors"] == ["'none'"]
