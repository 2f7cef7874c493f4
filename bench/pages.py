"""Render time, queries and size of each page type, at small and large N.

    bench/pages                      # SQLite and a throwaway PostgreSQL, prints both tables
    .venv/bin/python bench/pages.py  # the database in DATABASE_URL (default: a temporary SQLite)

For each page type: the median render time over RENDERS uncached renders through Django's test
client (after a warm-up that makes the image renditions), the median CPU time of this process
for a render (on a shared machine the steadier figure; on PostgreSQL it leaves out the server's
own work), the number of queries of one render, and the HTML size. N is the number of items the
page lists or holds. "Uncached" means no page cache: the page frame (`core.frame`) is cached as
it is in production, and so is what `core.routing` remembers (site, Locale, routes, private
sections); the page cache (`core.pagecache`) is off.
"""

import datetime
import gzip
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "site"), str(ROOT), str(ROOT / "bench")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ["MEDIA_ROOT"] = tempfile.mkdtemp(prefix="bench-media-")
# Database connections are kept between requests, as production keeps them (DB_CONN_MAX_AGE);
# the page cache is off: every request renders its page (a cache miss).
os.environ.setdefault("DB_CONN_MAX_AGE", "60")
os.environ["PAGE_CACHE_TIMEOUT"] = "0"
if not os.environ.get("DATABASE_URL"):
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='bench-db-')}/bench.sqlite3"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from measure import RENDERS, measure, other_machine_note, ratio, reference  # noqa: E402


def prepare():
    """The demo in this process's database, as `load_demo` makes it."""
    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    call_command("load_demo", admin_password="bench-only", stdout=open(os.devnull, "w"))  # noqa: SIM115


def main():
    prepare()

    from demo.images import demo_image
    from designers.models import (
        DesignerIndexPage,
        DesignerPage,
        Discipline,
        StoryIndexPage,
        StoryPage,
    )

    index = DesignerIndexPage.objects.get(locale__language_code="de")
    wood = Discipline.objects.get(locale__language_code="de", slug="holz")
    portrait = demo_image("Porträt Bench", "Bench", (300, 375), portrait=True)

    def add_designers(count, start):
        for number in range(start, start + count):
            page = DesignerPage(
                title=f"Bench {number:03}", slug=f"bench-{number}", lead="Bench.", portrait=portrait
            )
            page.disciplines = [wood]
            index.add_child(instance=page)
            page.save_revision().publish()

    stories = StoryIndexPage.objects.get(locale__language_code="de")
    image = demo_image("Geschichte Bench", "Bench", (800, 500))

    def story(blocks):
        body = []
        for number in range(blocks):
            if number % 3 == 0:
                body.append({"type": "paragraph", "value": f"<p>Absatz {number}.</p>"})
            elif number % 3 == 1:
                body.append(
                    {
                        "type": "image",
                        "value": {
                            "image": {"image": image.pk, "alt_text": "x", "decorative": False},
                            "caption": "",
                        },
                    }
                )
            else:
                body.append(
                    {"type": "quote", "value": {"quote": f"Zitat {number}", "attribution": ""}}
                )
        page = StoryPage(
            title=f"Bench {blocks}",
            slug=f"bench-{blocks}",
            lead="Bench.",
            date=datetime.date(2026, 1, 1),
            hero_image=image,
            body=body,
        )
        stories.add_child(instance=page)
        page.save_revision().publish()
        return page.url

    client = Client()
    rows = []
    add_designers(2, 0)  # 8 demo designers + 2 = 10
    rows.append(("home", "-", *measure(client, "/de/")))
    rows.append(("home (fr)", "-", *measure(client, "/fr/")))
    rows.append(("project page", "-", *measure(client, "/de/ueber-das-projekt/")))
    rows.append(("designer index", 10, *measure(client, "/de/designerinnen/")))
    rows.append(("designer page", "-", *measure(client, "/de/designerinnen/lena-hoffmann/")))
    rows.append(("product index", 22, *measure(client, "/de/produkte/")))
    rows.append(("product page", "-", *measure(client, "/de/produkte/overhead-line-lamp/")))
    rows.append(("product page (nl)", "-", *measure(client, "/nl/producten/overhead-line-lamp/")))
    rows.append(("story index", 6, *measure(client, "/de/geschichten/")))
    rows.append(("story page", 2, *measure(client, story(2))))
    rows.append(("story page", 40, *measure(client, story(40))))
    # No hit on SQLite (no stemming): the suggestions, kept as a fragment since 5 Dec.
    rows.append(("search", "-", *measure(client, "/de/suche/?q=lampe")))
    rows.append(("search (hits)", "-", *measure(client, "/de/suche/?q=hocker")))
    rows.append(("trivial view", "-", *measure(client, "/health/live/")))
    add_designers(190, 2)
    rows.append(("designer index", 200, *measure(client, "/de/designerinnen/")))

    css = sum(len(gzip.compress(p.read_bytes())) for p in (ROOT / "static").rglob("*.css"))
    js = sum(len(gzip.compress(p.read_bytes())) for p in (ROOT / "static").rglob("*.js"))
    print(f"\n## Pages on {connection.vendor} ({RENDERS} renders each, uncached)\n")
    # The CPU ratio against the recorded bakerydemo run (bench/bakerydemo.py) on the same database.
    ref = reference()
    ref = ref if ref and ref["database"] == connection.vendor else {}
    print("| page | N | median ms | median CPU ms | × bakerydemo CPU | queries | HTML KB |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for name, n, median, cpu, queries, size in rows:
        print(
            f"| {name} | {n} | {median:.1f} | {cpu:.1f} | {ratio(name, cpu, ref)} | {queries} "
            f"| {size / 1024:.1f} |"
        )
    if ref:
        print(
            f"\n× bakerydemo CPU: this run's median CPU ms over bakerydemo's comparable page in "
            f"{ref['date']} (load {ref['load_average']}; {ref['source']}); target ≤ 0.5. "
            "`bench/bakerydemo.py` measures both in one interleaved run (docs/performance.md)."
        )
        if note := other_machine_note(ref):
            print(f"\n{note}")
    print(
        f"\nCSS + JS on first view, gzip: {(css + js) / 1024:.1f} KB (CSS {css / 1024:.1f} KB, JS {js / 1024:.1f} KB)"
    )


if __name__ == "__main__":
    main()
