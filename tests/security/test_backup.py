"""Backup and restore, as docs/deployment.md documents them: `scripts/backup` of a PostgreSQL database
with the demo content and its media, `scripts/restore` into a fresh database and an empty media
folder, and the site renders the same pages from the copy.

In the PostgreSQL pass of scripts/test the copy is made of that pass's test database, which holds
the demo the session loaded (committed before the first test; the test's own transaction writes
nothing), with the pass's media. On SQLite (a run of `TEST_DATABASES=sqlite`) the test starts a
throwaway PostgreSQL cluster of its own (scripts/lib/postgres.sh) and loads the demo into it.
Nothing here is skipped.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest

ROOT = Path(__file__).resolve().parents[2]

# What a visitor would see: page and image counts, the HTML of a few pages, the media they use.
FINGERPRINT = """
import json, re
from django.test import Client
from wagtail.images import get_image_model
from wagtail.models import Page
from designers.models import DesignerPage, StoryPage

client = Client()
paths = ["/de/", "/fr/", DesignerPage.objects.live().order_by("pk").first().url,
         StoryPage.objects.live().order_by("pk").first().url]
pages = {}
for path in paths:
    response = client.get(path)
    pages[path] = [response.status_code, response.content.decode()]
print(json.dumps({
    "pages": Page.objects.count(),
    "live": Page.objects.live().count(),
    "images": get_image_model().objects.count(),
    "html": pages,
}))
"""

DRIVER = r"""
set -euo pipefail
if [ -n "${ORIGINAL:-}" ]; then
    original=$ORIGINAL
else
    . scripts/lib/postgres.sh
    start_postgres maan_original
    original=$DATABASE_URL
    "$PY" manage.py migrate -v0
    "$PY" manage.py load_demo --admin-password backup-test --no-renditions >/dev/null
fi
DATABASE_URL=$original "$PY" manage.py shell -c "$FINGERPRINT" > "$WORK/before.json"
DATABASE_URL=$original scripts/backup "$WORK/backup"

fresh=${original%/*}/$RESTORED
createdb --maintenance-db="$original" "$RESTORED"
DATABASE_URL=$fresh MEDIA_ROOT=$WORK/restored-media scripts/restore "$WORK/backup"
# A second restore into the now filled database is refused.
if DATABASE_URL=$fresh MEDIA_ROOT=$WORK/restored-media scripts/restore "$WORK/backup" 2>"$WORK/refused.txt"; then
    echo "restore into a filled database was not refused" >&2; exit 1
fi
DATABASE_URL=$fresh MEDIA_ROOT=$WORK/restored-media "$PY" manage.py shell -c "$FINGERPRINT" > "$WORK/after.json"
dropdb --maintenance-db="$original" "$RESTORED"
"""


def fingerprint(path: Path) -> dict:
    # The last line: `manage.py shell` may first say what it imported.
    return json.loads(path.read_text().strip().splitlines()[-1])


def pass_database() -> dict[str, str]:
    """ORIGINAL (the PostgreSQL pass's test database) and MEDIA_ROOT (its media) for the driver;
    nothing on SQLite, where the driver makes a database of its own."""
    from django.conf import settings
    from django.db import connection

    if connection.vendor != "postgresql":
        return {}
    db = connection.settings_dict
    user, password = quote(db["USER"], safe=""), quote(db["PASSWORD"] or "", safe="")
    url = f"postgres://{user}:{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    return {"ORIGINAL": url, "MEDIA_ROOT": str(settings.MEDIA_ROOT)}


@pytest.mark.django_db  # the pass's database: its committed demo is what is backed up
def test_a_backup_restored_into_a_fresh_database_serves_the_same_site(tmp_path):
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if k not in {"DATABASE_URL", "AWS_STORAGE_BUCKET_NAME"}
        },
        "PY": sys.executable,
        "WORK": str(tmp_path),
        "FINGERPRINT": FINGERPRINT,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "ALLOWED_HOSTS": "testserver",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "RESTORED": f"maan_restored_{os.getpid()}",
        **pass_database(),
    }
    result = subprocess.run(
        ["bash", "-c", DRIVER], cwd=ROOT, env=env, capture_output=True, text=True, timeout=1200
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert sorted(p.name for p in (tmp_path / "backup").iterdir()) == [
        "database.dump",
        "media.tar.gz",
    ]
    assert "restore into a fresh one" in (tmp_path / "refused.txt").read_text()

    before, after = (fingerprint(tmp_path / name) for name in ("before.json", "after.json"))
    assert before["pages"] > 50 and before["images"] > 5
    assert (after["pages"], after["live"], after["images"]) == (
        before["pages"],
        before["live"],
        before["images"],
    )
    assert after["html"] == before["html"]
    for status, html in after["html"].values():
        assert status == 200
        media = re.findall(r"/media/([^\"' ,?]+)", html)
        assert media, "the pages show images"
        for name in media:
            assert (tmp_path / "restored-media" / name).is_file(), name
