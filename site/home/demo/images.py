"""Demo pictures drawn on the spot with Pillow: green spots on paper, nothing downloaded."""

import hashlib
import io
import random

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFilter
from wagtail.images import get_image_model

PALETTES = {
    "meadow": ["#1d4a36", "#2f8f5b", "#c8e6a0", "#7fb069", "#e9c46a"],
    "clay": ["#8c4a2f", "#d08c60", "#f2d0a4", "#2f8f5b", "#1d4a36"],
    "river": ["#16425b", "#2f6690", "#81c3d7", "#c8e6a0", "#2f8f5b"],
    "depot": ["#3a3a3a", "#b5462c", "#f2e8cf", "#2f8f5b", "#c8e6a0"],
}


def draw_picture(
    seed: str, size: tuple[int, int], palette: str = "meadow", portrait: bool = False
) -> bytes:
    """A JPEG of soft spots and a few crisp shapes; the same seed always gives the same bytes."""
    rng = random.Random(int(hashlib.sha256(seed.encode()).hexdigest()[:12], 16))  # noqa: S311
    colours = PALETTES[palette]
    width, height = size
    base = PILImage.new("RGB", size, "#f3efe4")
    soft = PILImage.new("RGB", size, "#f3efe4")
    draw = ImageDraw.Draw(soft)
    for _ in range(14):
        radius = rng.randint(width // 12, width // 4)
        x, y = rng.randint(-radius, width), rng.randint(-radius, height)
        draw.ellipse((x, y, x + radius * 2, y + radius * 2), fill=rng.choice(colours))
    base = soft.filter(ImageFilter.GaussianBlur(radius=width // 30))
    crisp = ImageDraw.Draw(base)
    for _ in range(6):
        radius = rng.randint(width // 40, width // 14)
        x, y = rng.randint(0, width), rng.randint(0, height)
        crisp.ellipse((x - radius, y - radius, x + radius, y + radius), fill=rng.choice(colours))
    if portrait:
        # A simple bust: shoulders and a head, so a portrait reads as a person at a glance.
        figure = rng.choice(["#1d4a36", "#3a3a3a", "#16425b", "#8c4a2f"])
        cx, head = width // 2, width // 5
        crisp.ellipse((cx - head, height // 4, cx + head, height // 4 + 2 * head), fill=figure)
        crisp.ellipse(
            (cx - width // 2.4, int(height * 0.62), cx + width // 2.4, int(height * 1.3)),
            fill=figure,
        )
    else:
        stripe_y = rng.randint(height // 2, height - height // 8)
        crisp.rectangle((0, stripe_y, width, stripe_y + max(4, height // 80)), fill=colours[0])
    out = io.BytesIO()
    base.save(out, "JPEG", quality=82, optimize=True, progressive=True)
    return out.getvalue()


def demo_image(title: str, alt: str, size=(1600, 1000), palette="meadow", portrait=False):
    """The demo image with this title: created once, found again on later runs.

    `alt` is the German alt text, written with `texts.t()` (or `people.same()`), so the image
    carries its alt text in all four languages (`core.ImageAltText`).
    """
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        add_alt_texts(existing, alt)
        return existing
    data = draw_picture(title, size, palette, portrait)
    name = title.lower().replace(" ", "-") + ".jpg"
    image = Image(title=title, description=alt)
    image.file = ImageFile(io.BytesIO(data), name=name)
    if portrait:
        # The focal point on the face: every crop of the portrait keeps it in view.
        width, height = size
        head = width // 5
        image.focal_point_x, image.focal_point_y = width // 2, height // 4 + head
        image.focal_point_width = image.focal_point_height = 2 * head
    image.save()
    add_alt_texts(image, alt)
    return image


def add_alt_texts(image, alt: str) -> None:
    """The English, Dutch and French alt texts of `image`, from the translations of its German
    alt text (written with `texts.t()`); without one, pages show the German alt text. That every
    picture of the demo has all of them is checked in `tests/core/test_alt_texts.py`."""
    from core.models import ImageAltText
    from home.demo.texts import TRANSLATIONS

    for code, translations in TRANSLATIONS.items():
        if alt not in translations:
            continue
        ImageAltText.objects.get_or_create(
            image=image, language_code=code, defaults={"alt": translations[alt]}
        )
