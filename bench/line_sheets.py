"""Time, queries and peak memory of a line sheet (`products.line_sheet`): the demo catalogue,
then 500 products.

    .venv/bin/python bench/line_sheets.py   # a temporary SQLite (or the database in DATABASE_URL)

Syncs the bundled sample feed as the demo does (24 products, each with a photo), makes the German
sheet of all of them (content, then the PDF with WeasyPrint, nothing cached), then adds bulk
products up to 500 — each given one of the sample's photos, so every entry embeds a picture —
and makes that sheet. Prints wall and CPU time of each step, the queries of building the
content, the PDF's pages and size, the process's peak memory after each, and the load average.
"""

import io
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "site"), str(ROOT)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ["MEDIA_ROOT"] = tempfile.mkdtemp(prefix="bench-media-")
os.environ["LINE_SHEET_MAX_PRODUCTS"] = "500"
if not os.environ.get("DATABASE_URL"):
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='bench-db-')}/bench.sqlite3"

import django  # noqa: E402

django.setup()

import pypdf  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

SIZES = (None, 500)  # the demo catalogue, then 500 products


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(step):
    wall, cpu = time.perf_counter(), time.process_time()
    result = step()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def add_products(total: int) -> None:
    """Bulk products up to `total` live ones, each with one of the sample's photos."""
    from tests.factories import bulk_products

    from catalogue.models import Product, ProductImage

    live = Product.objects.live().sources()
    photos = list(ProductImage.objects.values_list("image_id", flat=True).distinct())
    added = bulk_products(total - live.count(), designer_ref="lena-hoffmann", prefix="Bench")
    ProductImage.objects.bulk_create(
        ProductImage(
            product=product,
            image_id=photos[number % len(photos)],
            source_url=f"bench/{product.pk}.jpg",
        )
        for number, product in enumerate(added)
    )


def measure(label: str) -> None:
    from catalogue.models import Product
    from products import line_sheet

    count = Product.objects.live().sources().count()
    with CaptureQueriesContext(connection) as queries:
        sheet, build_wall, build_cpu = timed(lambda: line_sheet.build("de"))
    document, pdf_wall, pdf_cpu = timed(lambda: line_sheet.render_pdf(sheet))
    pages = len(pypdf.PdfReader(io.BytesIO(document)).pages)
    print(f"## {label}: {count} products, {pages} pages, {len(document) / 1e6:.2f} MB")
    print(f"content (queries, photos): {build_wall:.2f} s wall, {build_cpu:.2f} s CPU, "
          f"{len(queries)} queries")  # fmt: skip
    print(f"PDF (WeasyPrint):          {pdf_wall:.2f} s wall, {pdf_cpu:.2f} s CPU")
    print(f"peak memory so far: {peak_mb():.0f} MB; load average {os.getloadavg()[0]:.2f}")


def main() -> None:
    from tests.factories import HomePageFactory

    from demo.catalogue import sync_sample_catalogue

    print(f"load average before: {os.getloadavg()[0]:.2f}")
    call_command("migrate", verbosity=0)
    HomePageFactory()
    sync_sample_catalogue(log=lambda *args: None)
    from products import line_sheet

    line_sheet.build("de")  # the photos' renditions, made once as the product cards make them
    measure("demo catalogue")
    add_products(SIZES[1])
    line_sheet.build("de")
    measure("500 products")


if __name__ == "__main__":
    main()
