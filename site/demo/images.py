"""Demo pictures drawn on the spot with Pillow (`demo.drawing`), nothing downloaded."""

import io

from django.core.files.images import ImageFile
from wagtail.images import get_image_model

from demo import drawing

# Things that stand on a table (the others hang on the wall), for pictures that name none.
STANDING = (
    "bag",
    "backpack",
    "board",
    "bowl",
    "cards",
    "cushion",
    "mug",
    "notebook",
    "planter",
    "pouch",
    "print",
    "stool",
    "tote",
    "vase",
)


def draw_picture(
    seed: str,
    size: tuple[int, int],
    palette: str = "meadow",
    portrait: bool = False,
    scene=None,
) -> bytes:
    """A JPEG illustration in the demo's art direction (`demo.drawing`); the same arguments
    always give the same bytes. `scene` is what it shows: a tuple of things on a table (product
    types or props such as "tools", "offcuts", "sewing_machine"), "hall" (the Depot's hall with
    workbenches) or "workshop" (the same with sewing machines), ("mark", shape) a placeholder
    for a funder's logo (`drawing.MARK_SHAPES`); without one, three things on a table chosen by
    the seed. `portrait` draws a person instead."""
    if isinstance(scene, tuple) and scene[:1] == ("mark",):
        return drawing.jpeg(drawing.placeholder_mark(size, scene[1]), quality=90)
    if portrait:
        image = drawing.portrait(seed, size, palette)
    elif scene in ("hall", "workshop"):
        image = drawing.hall(size, palette, seed, machines=scene == "workshop")
    else:
        kinds = scene or tuple(drawing.seeded("scene", seed).sample(STANDING, 3))
        image = drawing.still_life_group(size, kinds, palette, seed)
    return drawing.jpeg(image, quality=82)


def demo_image(
    title: str, alt: str, size=(1600, 1000), palette="meadow", portrait=False, scene=None
):
    """The demo image with this title: created once, found again on later runs.

    `alt` is the German alt text, written with `texts.t()` (or `people.same()`), so the image
    carries its alt text in all four languages (`core.ImageAltText`).
    """
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        add_alt_texts(existing, alt)
        return existing
    data = draw_picture(title, size, palette, portrait, scene)
    name = title.lower().replace(" ", "-") + ".jpg"
    image = Image(title=title, description=alt)
    image.file = ImageFile(io.BytesIO(data), name=name)
    if portrait:
        # The focal point on the face: every crop of the portrait keeps it in view.
        x, y, head = drawing.portrait_geometry(size)
        image.focal_point_x, image.focal_point_y = round(x), round(y)
        image.focal_point_width = image.focal_point_height = round(2 * head)
    image.save()
    add_alt_texts(image, alt)
    return image


def add_alt_texts(image, alt: str) -> None:
    """The English, Dutch and French alt texts of `image`, from the translations of its German
    alt text (written with `texts.t()`); without one, pages show the German alt text. That every
    picture of the demo has all of them is checked in `tests/core/test_alt_texts.py`."""
    from core.models import ImageAltText
    from demo.texts import TRANSLATIONS

    for code, translations in TRANSLATIONS.items():
        if alt not in translations:
            continue
        ImageAltText.objects.get_or_create(
            image=image, language_code=code, defaults={"alt": translations[alt]}
        )
