"""The demo's line sheets (`products.line_sheet`): public downloads switched on on the product
index, and the "line sheet download" block at the end of the Depot's content page (all the
label's products), as editors would set them up. The block's heading is left empty, so every
language shows its own ("Produktliste", "Line sheet", …) once the page is translated.

Idempotent: a page that has the block already is left alone.
"""

from core.models import ContentPage
from demo.project import DEPOT


def line_sheets(product_index, publish, log=print):
    if not product_index.line_sheet_public:
        product_index.line_sheet_public = True
        publish(product_index)
        log("Produktliste: öffentliches Herunterladen eingeschaltet")
    page = ContentPage.objects.filter(locale_id=product_index.locale_id, slug=DEPOT["slug"]).first()
    if page is None or any(block.block_type == "line_sheet" for block in page.body):
        return
    page.body.append(("line_sheet", {"heading": "", "designer": None}))
    page.save()
    publish(page)
    log(f"Produktliste verlinkt auf: {page.title}")
