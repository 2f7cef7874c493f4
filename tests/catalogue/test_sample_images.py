"""The sample feed's product photos are drawings (`demo.drawing`), made by
`scripts/draw_sample_images.py`: the committed JPEGs are what the drawing makes, every product
type of the feed has its own recognisable drawing, and none is a blank backdrop. No database."""

import io
import itertools
import json

import pytest
from PIL import Image, ImageChops

from catalogue.sample import SAMPLE_DIR, SAMPLE_FEED
from demo import drawing

FEED = json.loads(SAMPLE_FEED.read_text())
SMALL = (400, 300)  # small renders for comparing categories: quick, and enough to tell apart


def changed_share(a: Image.Image, b: Image.Image, threshold: int = 24) -> float:
    """The share of pixels that differ clearly (more than the paper grain) between two images."""
    difference = ImageChops.difference(a.convert("RGB"), b.convert("RGB")).convert("L")
    histogram = difference.histogram()
    return sum(histogram[threshold + 1 :]) / (a.width * a.height)


def test_the_committed_sample_photos_are_the_drawings_of_their_products():
    """A photo edited by hand, or a drawing changed without rerunning the script, fails here.
    Compared as pixels, not bytes, so that another JPEG library build does not fail it."""
    photos = list(drawing.sample_photos(FEED))
    assert len(photos) == len(list((SAMPLE_DIR / "images").glob("*.jpg"))) == 40
    for url, kind, colour, view, seed in photos:
        committed = Image.open(SAMPLE_DIR / url)
        assert committed.size == (1200, 900), url
        drawn = Image.open(io.BytesIO(drawing.sample_photo(kind, colour, view, seed)))
        assert changed_share(committed, drawn, threshold=16) < 0.001, (
            f"{url} is not the drawing of a {kind}: run scripts/draw_sample_images.py"
        )


def test_the_drawing_is_deterministic():
    first = drawing.sample_photo("mug", "#c8912f", 2, "MAN-0007")
    assert drawing.sample_photo("mug", "#c8912f", 2, "MAN-0007") == first
    assert drawing.sample_photo("mug", "#9fb59a", 2, "MAN-0007") != first  # the variant colour


def test_every_product_type_of_the_feed_has_a_drawing():
    types = {product["product_type"] for product in FEED["products"]}
    assert types <= set(drawing.PAINTERS), types - set(drawing.PAINTERS)


@pytest.fixture(scope="module")
def renders():
    """Every category drawn on the same table and wall, and that table and wall bare."""
    drawn = {
        kind: drawing.still_life(kind, SMALL, seed="compare", setting="paper")
        for kind in drawing.PAINTERS
    }
    return drawn, drawing.still_life(None, SMALL, seed="compare", setting="paper")


def test_each_drawing_shows_a_thing_on_the_table(renders):
    drawn, bare = renders
    for kind, image in drawn.items():
        assert changed_share(image, bare) > 0.015, f"the {kind} is hardly there"


def test_the_drawings_of_two_categories_differ_clearly(renders):
    drawn, _bare = renders
    for (a, image_a), (b, image_b) in itertools.combinations(drawn.items(), 2):
        assert changed_share(image_a, image_b) > 0.02, f"the {a} looks like the {b}"


def test_view_two_is_another_picture_of_the_same_thing():
    first = drawing.still_life("vase", SMALL, view=1, seed="MAN-0008")
    second = drawing.still_life("vase", SMALL, view=2, seed="MAN-0008")
    assert changed_share(first, second) > 0.05
