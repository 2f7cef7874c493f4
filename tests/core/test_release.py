"""A deploy shows at once: what the caches keep of pages is kept per release (`core.release`), so
a new template is on the next page a visitor opens, not after the page cache's day or the
fragments' hour; a release is the same on every app server that runs the same checkout."""

from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.utils import autoreload

from core import release
from tests import processes

pytestmark = pytest.mark.django_db

PRODUCT = "/de/produkte/overhead-line-lamp/"
WHERE = "shop_links/includes/where_to_buy.html"
NEW_HEADING = "Hier gibt es das Stück"


def where_heading(response) -> str:
    html = response.content.decode()
    return html.split('id="where-heading">', 1)[1].split("</h2>", 1)[0]


@pytest.fixture
def new_templates(settings, tmp_path):
    """The next release's templates: the where-to-buy list with another heading (its folder
    first, as a deploy's new checkout would have it). Returns a function that deploys it."""
    folder = tmp_path / "templates"
    target = folder / WHERE
    target.parent.mkdir(parents=True)
    source = Path(django_settings.BASE_DIR) / "templates" / WHERE
    text = source.read_text(encoding="utf-8")
    target.write_text(text.replace('{% translate "Wo kaufen" %}', NEW_HEADING), encoding="utf-8")

    def deploy():
        engine = settings.TEMPLATES[0]
        settings.TEMPLATES = [{**engine, "DIRS": [folder, *engine["DIRS"]]}]

    yield deploy
    release.fingerprint.cache_clear()


def test_a_deploy_that_changes_a_template_shows_on_the_next_request(client, demo, new_templates):
    """Page cache and fragments on, as in production: the product page is kept; the same
    release keeps serving it (the templates changed on disk are not this process's release);
    the new release's first request renders the new template, and keeps that."""
    client.get(PRODUCT)
    kept = client.get(PRODUCT)
    assert kept["X-Cache"] == "hit"
    assert where_heading(kept) == "Wo kaufen"
    new_templates()
    assert where_heading(client.get(PRODUCT)) == "Wo kaufen"

    before = release.fingerprint()
    release.fingerprint.cache_clear()  # the new release's first process
    assert release.fingerprint() != before
    first = client.get(PRODUCT)
    assert first["X-Cache"] == "miss"
    assert where_heading(first) == NEW_HEADING
    again = client.get(PRODUCT)
    assert (again["X-Cache"], where_heading(again)) == ("hit", NEW_HEADING)


@pytest.mark.usefixtures("uncached_pages_with_fragments")
def test_a_new_release_renders_the_fragments_of_its_templates(client, demo, new_templates):
    """The page cache off: the where-to-buy list is a kept fragment, which the new release does
    not read (nor the frame, the routes, or any value kept under the content version)."""
    client.get(PRODUCT)
    new_templates()
    assert where_heading(client.get(PRODUCT)) == "Wo kaufen"  # the fragment kept
    release.fingerprint.cache_clear()
    assert where_heading(client.get(PRODUCT)) == NEW_HEADING


@pytest.mark.usefixtures("uncached_pages_with_fragments")
def test_a_template_saved_while_runserver_runs_shows_on_the_next_page(client, demo, new_templates):
    """A developer's `runserver` restarts for a changed module, not for a template: the template
    they saved (its autoreloader's `file_changed`) shows on the next page, not the kept one."""
    client.get(PRODUCT)
    new_templates()
    assert where_heading(client.get(PRODUCT)) == "Wo kaufen"
    autoreload.file_changed.send(sender=None, file_path=Path("templates") / WHERE)
    assert where_heading(client.get(PRODUCT)) == NEW_HEADING


def test_every_process_of_a_checkout_has_the_same_release():
    """Two other processes (two app servers of one checkout) work out the same release as this
    one: what one keeps in Redis the other reads."""
    code = "import django; django.setup(); from core import release; print(release.fingerprint())"
    found = processes.outputs(code)
    assert found == {release.fingerprint()}
    assert len(release.fingerprint()) == release.LENGTH


def test_a_file_that_cannot_be_read_leaves_the_worker_starting(monkeypatch, new_templates):
    """The digest is worked out as a gunicorn worker starts: a template that vanished or cannot
    be read (a deploy half copied) makes another release, not a worker that does not start."""
    new_templates()
    readable = release.fingerprint.__wrapped__()
    read_bytes = Path.read_bytes

    def refuse(path):
        if path.name == Path(WHERE).name:
            raise PermissionError(13, "Permission denied", str(path))
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    unreadable = release.fingerprint.__wrapped__()
    assert len(unreadable) == release.LENGTH
    assert unreadable != readable
