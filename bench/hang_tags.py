"""Time and peak memory of the largest hang-tag sheet the admin allows: 200 products × 4 tags.

    .venv/bin/python bench/hang_tags.py [PRODUCTS] [TAGS_PER_PRODUCT]   # default 200 4

Builds the tags as `products.hang_tags.tag_for` does (texts shortened, a QR code per product as an
SVG data: URL) from rows made in memory, so no database is read, then renders the PDF with
WeasyPrint as the admin's download does. Prints wall and CPU time of each step, the PDF's pages
and size, the process's peak memory before and after, and the load average.
"""

import os
import resource
import sys
import time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "site"), str(ROOT)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from wagtail.models import Locale  # noqa: E402

from catalogue.models import Product  # noqa: E402
from products import hang_tags  # noqa: E402

STORY = (
    "Aus dem Sitzbezug der alten Aachener Straßenbahn genäht, in der Werkstatt am Depot, von "
    "Menschen, die nach langer Zeit wieder Arbeit haben. Jedes Stück ist ein Unikat."
)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(step):
    wall, cpu = time.perf_counter(), time.process_time()
    result = step()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def main(products: int, per_product: int) -> None:
    load_before = os.getloadavg()[0]
    german = Locale(language_code="de")
    site = SimpleNamespace(root_url="https://made-in-aachen-nord.example")
    rows = [
        Product(
            external_id=f"MAN-{n:04d}",
            title=f"Depot-Tasche aus Straßenbahnsitzstoff Nr. {n}",
            description=f"<p>{STORY}</p>",
            locale=german,
        )
        for n in range(products)
    ]
    peak_before = peak_mb()
    tags, tags_wall, tags_cpu = timed(lambda: [hang_tags.tag_for(r, r, site, "de") for r in rows])
    pdf, pdf_wall, pdf_cpu = timed(lambda: hang_tags.render_pdf(tags, per_product, "de"))
    pages = hang_tags.page_count(products * per_product)
    print(
        f"{products} products × {per_product} tags = {products * per_product} tags, {pages} pages"
    )
    print(f"tags (texts, QR codes): {tags_wall:.2f} s wall, {tags_cpu:.2f} s CPU")
    print(
        f"PDF (WeasyPrint):       {pdf_wall:.2f} s wall, {pdf_cpu:.2f} s CPU, {len(pdf) / 1e6:.2f} MB"
    )
    print(f"peak memory: {peak_before:.0f} MB before, {peak_mb():.0f} MB after")
    print(f"load average: {load_before:.2f} before, {os.getloadavg()[0]:.2f} after")


if __name__ == "__main__":
    args = [int(arg) for arg in sys.argv[1:3]]
    main(*(args + [hang_tags.MAX_PRODUCTS, hang_tags.DEFAULT_TAGS_PER_PRODUCT][len(args) :]))
