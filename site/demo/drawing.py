"""The demo's illustrations, drawn with Pillow in one art direction: product still lifes on a table
before a wall, scenes of several of them, and portraits, all in the label's palette, lit from the
upper left, on a grainy paper. Nothing is downloaded and no text is drawn: the pictures are shown
on every language's pages, so they must not speak one.

Every picture is a pure function of its arguments (a seeded `random.Random`, no clock, no
Pillow noise effects, which use C's unseeded `rand()`): the same call gives the same bytes, which
is what lets `scripts/draw_sample_images.py` prove that the committed sample photos are its own.
"""

import hashlib
import io
import math
import random
from contextlib import contextmanager

from PIL import Image, ImageChops, ImageDraw, ImageEnhance, ImageFilter

SUPERSAMPLE = 2  # shapes are drawn at twice the size and scaled down: soft, anti-aliased edges

# The label's palette (static/css/site.css uses the same greens and paper).
PAPER = "#f3efe4"
INK = "#1d4a36"
GREEN = "#2f8f5b"
SETTINGS = {
    # wall, table top, table edge
    "meadow": ("#e6ead9", "#c9b08a", "#8f7552"),
    "clay": ("#f0e0cf", "#b98e68", "#7d5a3e"),
    "river": ("#dce6e6", "#d4c4a4", "#98866a"),
    "depot": ("#e7e3da", "#a9a49a", "#6f6a61"),
    "paper": ("#f3efe4", "#d8c8a8", "#9d8a68"),
}
ACCENTS = {
    "meadow": ["#1d4a36", "#2f8f5b", "#7fb069", "#c8e6a0", "#e9c46a"],
    "clay": ["#8c4a2f", "#d08c60", "#f2d0a4", "#2f8f5b", "#1d4a36"],
    "river": ["#16425b", "#2f6690", "#81c3d7", "#c8e6a0", "#2f8f5b"],
    "depot": ["#3a3a3a", "#b5462c", "#f2e8cf", "#2f8f5b", "#c8e6a0"],
    "paper": ["#1d4a36", "#2f8f5b", "#e9c46a", "#b5462c", "#81c3d7"],
}
# Variant colours the feed names (in English), as paint.
COLOURS = {
    "moss green": "#5b6b2f",
    "rust red": "#a8472a",
    "blue": "#2f5f8f",
    "green": "#2f8f5b",
    "natural": "#d9bf8f",
    "anthracite": "#3c3f41",
    "white": "#f1eee6",
    "sage": "#9fb59a",
    "ochre": "#c8912f",
    "black": "#27292a",
    "signal yellow": "#f0b323",
}
OAK, BIRCH, BEECH, LARCH = "#c49a64", "#dcc08e", "#d7a878", "#c98f58"
BRASS, STEEL, SILVER = "#c9a24a", "#8d9396", "#c7cbcc"
CANVAS, LINEN, KRAFT, STONE = "#d9ccb0", "#e4dccb", "#b89468", "#cfc6b8"


def rgb(colour) -> tuple[int, int, int]:
    if isinstance(colour, tuple):
        return colour
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def mix(a, b, t: float) -> tuple[int, int, int]:
    a, b = rgb(a), rgb(b)
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def seeded(*parts) -> random.Random:
    digest = hashlib.sha256("/".join(map(str, parts)).encode()).hexdigest()
    return random.Random(int(digest[:16], 16))  # noqa: S311 - pictures, not secrets


# The canvas ----------------------------------------------------------------------------------


def _profile(values) -> Image.Image:
    """A 256 × 1 'L' strip from a function of t in [0, 1]."""
    strip = Image.new("L", (256, 1))
    strip.putdata([max(0, min(255, round(255 * values(i / 255)))) for i in range(256)])
    return strip


PROFILES = {
    # Brightness across a shape (0 = in shadow, 1 = in full light), light from the upper left.
    "cyl": _profile(
        lambda t: 0.92 - 1.1 * (t - 0.28) ** 2 if t > 0.28 else 0.92 - 2.2 * (0.28 - t) ** 2
    ),
    "flat": _profile(lambda t: 0.78 - 0.1 * t),
    "side": _profile(lambda t: 0.45 - 0.05 * t),
    "top": _profile(lambda t: 0.95),
    "sphere": _profile(lambda t: 0.95 - 0.75 * t**1.4),
}


class Canvas:
    """A picture in scene coordinates (the output pixels); `zoom` and `focus` frame a detail."""

    def __init__(self, size, zoom: float = 1.0, focus=None):
        self.size = size
        self.zoom = zoom
        self.focus = focus or (size[0] / 2, size[1] / 2)
        self.image = Image.new("RGB", (size[0] * SUPERSAMPLE, size[1] * SUPERSAMPLE))

    def p(self, x, y) -> tuple[float, float]:
        fx, fy = self.focus
        return (
            ((x - fx) * self.zoom + self.size[0] / 2) * SUPERSAMPLE,
            ((y - fy) * self.zoom + self.size[1] / 2) * SUPERSAMPLE,
        )

    def box(self, x0, y0, x1, y1) -> list[float]:
        return [*self.p(x0, y0), *self.p(x1, y1)]

    def pts(self, points) -> list[tuple[float, float]]:
        return [self.p(x, y) for x, y in points]

    def k(self, length) -> int:
        return max(1, round(length * self.zoom * SUPERSAMPLE))

    @contextmanager
    def layer(self, paint, shade="cyl", cast=None, pattern=None, opacity=255):
        """Draw a shape's mask with the yielded ImageDraw; it is filled with `paint`, shaded
        across its width by `shade` (a PROFILES key or 'v' for top-lit), and may cast a soft
        shadow `cast` = (dx, dy, blur, strength) on what lies behind it."""
        mask = Image.new("L", self.image.size, 0)
        yield ImageDraw.Draw(mask)
        box = mask.getbbox()
        if box is None:
            return
        if opacity < 255:
            mask = mask.point(lambda v: v * opacity // 255)
        if cast:
            dx, dy, blur, strength = cast
            self._soft(mask, box, blur, (40, 36, 30), strength, (self.k(dx), self.k(dy)))
        width, height = box[2] - box[0], box[3] - box[1]
        if shade == "v":
            light = PROFILES["flat"].rotate(90, expand=True).transpose(Image.FLIP_TOP_BOTTOM)
            light = light.resize((1, height), Image.BILINEAR)
        else:
            light = PROFILES[shade].resize((width, 1), Image.BILINEAR)
        light = light.resize((width, height), Image.NEAREST)
        if pattern:
            base = pattern(width, height)
            dark = ImageEnhance.Brightness(base).enhance(0.55)
            bright = ImageEnhance.Brightness(base).enhance(1.12)
        else:
            colour = rgb(paint)
            dark = Image.new("RGB", (width, height), tuple(round(v * 0.55) for v in colour))
            bright = Image.new(
                "RGB", (width, height), tuple(min(255, round(v * 1.12)) for v in colour)
            )
        self.image.paste(Image.composite(bright, dark, light), box[:2], mask.crop(box))

    def _soft(self, mask, box, blur, colour, strength, offset=(0, 0)):
        """Paint `colour` through a blurred copy of `mask`, blurring only around `box`."""
        radius = self.k(blur)
        pad = 3 * radius + 2
        x0, y0 = max(0, box[0] - pad), max(0, box[1] - pad)
        x1, y1 = min(mask.width, box[2] + pad), min(mask.height, box[3] + pad)
        soft = mask.crop((x0, y0, x1, y1)).filter(ImageFilter.GaussianBlur(radius))
        soft = soft.point(lambda v: round(v * strength))
        self.image.paste(rgb(colour), (x0 + offset[0], y0 + offset[1]), soft)

    def flat(self, paint):
        """A layer of one even colour (outlines, prints, highlights)."""
        return self.layer(paint, shade="top")

    def shadow(self, x, y, rx, ry, strength=0.45, blur=None):
        """A soft shadow on the table, an ellipse around (x, y) thrown a little to the right."""
        self._ellipse_light(x, y, rx, ry, blur or ry * 0.8, (45, 38, 30), strength)

    def glow(self, x, y, r, colour, strength=0.5):
        self._ellipse_light(x, y, r, r, r * 0.5, colour, strength)

    def _ellipse_light(self, x, y, rx, ry, blur, colour, strength):
        mask = Image.new("L", self.image.size, 0)
        ImageDraw.Draw(mask).ellipse(self.box(x - rx, y - ry, x + rx, y + ry), fill=255)
        box = mask.getbbox()
        if box is not None:
            self._soft(mask, box, blur, colour, strength)

    def finish(self, seed, grain: float = 1.0) -> Image.Image:
        return paper(self.image.reduce(SUPERSAMPLE), seed, grain)


def paper(image: Image.Image, seed, grain: float = 1.0) -> Image.Image:
    """Light falling from the upper left, a soft vignette and the grain of matte paper."""
    width, height = image.size
    rng = seeded("paper", seed)
    light = Image.radial_gradient("L").crop((64, 43, 192, 171)).resize((width, height))
    image = Image.composite(
        ImageEnhance.Brightness(image).enhance(0.86), image, light.point(lambda v: v // 3)
    )
    # Fibres: noise at a coarser scale, softened; then a fine tooth.
    coarse = Image.frombytes(
        "L", (width // 6, height // 6), rng.randbytes((width // 6) * (height // 6))
    )
    coarse = coarse.resize((width, height), Image.BICUBIC).filter(ImageFilter.GaussianBlur(2))
    fine = Image.frombytes(
        "L", (width // 2, height // 2), rng.randbytes((width // 2) * (height // 2))
    )
    fine = fine.resize((width, height), Image.BILINEAR)
    tooth = ImageChops.add(coarse, fine, scale=2.0)
    darker = ImageEnhance.Brightness(image).enhance(0.9)
    return Image.composite(
        darker, image, tooth.point(lambda v: round(max(0, v - 96) * 0.5 * grain))
    )


def jpeg(image: Image.Image, quality: int = 80) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality, optimize=True, progressive=True)
    return out.getvalue()


# Patterns ------------------------------------------------------------------------------------


def moquette(colour, scale=18):
    """Tram seat fabric: a small repeat of diamonds and dots in two tones of the colour."""
    colour = rgb(colour)

    def tile(width, height):
        image = Image.new("RGB", (width, height), colour)
        draw = ImageDraw.Draw(image)
        light, dark = mix(colour, "#f3efe4", 0.35), mix(colour, "#000000", 0.35)
        for row, y in enumerate(range(0, height + scale, scale)):
            for x in range(-scale, width + scale, scale):
                cx = x + (scale // 2 if row % 2 else 0)
                d = scale * 0.32
                draw.polygon([(cx, y - d), (cx + d, y), (cx, y + d), (cx - d, y)], fill=dark)
                draw.ellipse((cx + scale / 2 - 2, y - 2, cx + scale / 2 + 2, y + 2), fill=light)
        return image

    return tile


def stripes(colour, ground, every=40, width=10):
    def tile(w, h):
        image = Image.new("RGB", (w, h), rgb(ground))
        draw = ImageDraw.Draw(image)
        for y in range(every // 2, h, every):
            draw.rectangle((0, y, w, y + width), fill=rgb(colour))
        return image

    return tile


def grain_of_wood(colour, spacing=26):
    colour = rgb(colour)

    def tile(width, height):
        image = Image.new("RGB", (width, height), colour)
        draw = ImageDraw.Draw(image)
        line = mix(colour, "#5a3a1e", 0.25)
        rng = seeded("wood", width, height)
        for x in range(0, width, spacing):
            wobble = rng.uniform(-6, 6)
            draw.line([(x, 0), (x + wobble, height // 2), (x, height)], fill=line, width=2)
        return image

    return tile


# Scenes --------------------------------------------------------------------------------------


class Scene:
    """Where things stand: `x` the object's centre, `floor` the line it stands on, `u` one
    hundredth of the picture's height (objects are sized in u)."""

    def __init__(self, canvas, setting, x=None, floor=None):
        width, height = canvas.size
        self.c = canvas
        self.u = height / 100
        self.x = width / 2 if x is None else x
        self.horizon = height * 0.6
        self.floor = height * 0.8 if floor is None else floor
        self.edge = height * 0.93
        self.wall, self.table, self.table_edge = SETTINGS[setting]

    def polygon(self, draw, *points):
        """A polygon of points given in u from the object's foot (x right, y down)."""
        draw.polygon(
            self.c.pts([(self.x + a * self.u, self.floor + b * self.u) for a, b in points]),
            fill=255,
        )

    def set(self):
        """The wall, the table top running back to the wall, the table's front edge."""
        c, (width, height) = self.c, self.c.size
        margin = width
        with c.layer(self.wall, shade="v") as d:
            d.rectangle(c.box(-margin, -height, width + margin, self.horizon), fill=255)
        with c.layer(self.table, shade="v") as d:
            d.rectangle(c.box(-margin, self.horizon, width + margin, self.edge), fill=255)
        with c.flat(mix(self.wall, "#000000", 0.12)) as d:  # the wall meets the table
            d.rectangle(
                c.box(-margin, self.horizon - 0.25 * self.u, width + margin, self.horizon), fill=255
            )
        with c.flat(mix(self.table, "#ffffff", 0.25)) as d:  # light on the table's front edge
            d.rectangle(
                c.box(-margin, self.edge - 0.5 * self.u, width + margin, self.edge), fill=255
            )
        with c.layer(self.table_edge, shade="side") as d:
            d.rectangle(c.box(-margin, self.edge, width + margin, height * 3), fill=255)


def _u(scene):
    """The canvas, the object's foot (x, y) and its unit: what every painter starts from."""
    return scene.c, scene.x, scene.floor, scene.u


def draw_mug(s, colour, rng):
    c, x, y, u = _u(s)
    w, h = 14 * u, 17 * u
    s.c.shadow(x + 3 * u, y, w * 0.75, 2.2 * u)
    with c.layer(colour, cast=(4 * u, 0, 2 * u, 0.0)) as d:  # the handle, behind the body
        d.ellipse(
            c.box(x + w * 0.3, y - h * 0.82, x + w * 0.95, y - h * 0.25),
            outline=255,
            width=c.k(2.4 * u),
        )
    with c.layer(colour) as d:
        d.rounded_rectangle(c.box(x - w / 2, y - h, x + w / 2, y), radius=c.k(2 * u), fill=255)
    with c.layer(STONE) as d:  # the unglazed foot
        d.rounded_rectangle(
            c.box(x - w / 2, y - 1.8 * u, x + w / 2, y), radius=c.k(1 * u), fill=255
        )
    with c.layer(mix(colour, "#ffffff", 0.2), shade="top") as d:
        d.ellipse(c.box(x - w / 2, y - h - 2 * u, x + w / 2, y - h + 2 * u), fill=255)
    with c.layer(mix(colour, "#000000", 0.35), shade="flat") as d:
        d.ellipse(c.box(x - w / 2 + u, y - h - 1.4 * u, x + w / 2 - u, y - h + 1.4 * u), fill=255)


def draw_bowl(s, colour, rng):
    c, x, y, u = _u(s)
    w, h = 36 * u, 13 * u
    s.c.shadow(x + 4 * u, y, w * 0.55, 2.5 * u)
    with c.layer(colour) as d:
        d.chord(c.box(x - w / 2, y - 2 * h, x + w / 2, y), 0, 180, fill=255)
    with c.layer(STONE) as d:
        d.rounded_rectangle(
            c.box(x - w * 0.18, y - 1.5 * u, x + w * 0.18, y), radius=c.k(u), fill=255
        )
    with c.layer(mix(colour, "#ffffff", 0.25), shade="top") as d:
        d.ellipse(c.box(x - w / 2, y - h - 3.5 * u, x + w / 2, y - h + 3.5 * u), fill=255)
    with c.layer(mix(colour, "#000000", 0.25), shade="flat") as d:
        d.ellipse(c.box(x - w / 2 + u, y - h - 2.8 * u, x + w / 2 - u, y - h + 2.8 * u), fill=255)
    with c.layer(mix(colour, "#ffffff", 0.1), shade="cyl") as d:  # the glaze pooled inside
        d.ellipse(c.box(x - w * 0.25, y - h - 1.5 * u, x + w * 0.25, y - h + 2.5 * u), fill=255)


def draw_vase(s, colour, rng):
    c, x, y, u = _u(s)
    h = 44 * u
    s.c.shadow(x + 4 * u, y, 10 * u, 2.2 * u)
    profile = []  # half-widths from the foot up: a belly, a waist, a flared lip, and a wave
    for i in range(41):
        t = i / 40
        r = (
            5.5
            + 5.5 * math.sin(math.pi * min(1, t * 1.4))
            + 1.2 * math.sin(t * 18)
            + (3 if t > 0.9 else 0) * (t - 0.9) * 10
        )
        profile.append((r * u, y - t * h))
    outline = [(x - r, py) for r, py in profile] + [(x + r, py) for r, py in reversed(profile)]
    with c.layer(colour) as d:
        d.polygon(c.pts(outline), fill=255)
    top_r = profile[-1][0]
    with c.layer(mix(colour, "#000000", 0.5), shade="flat") as d:
        d.ellipse(
            c.box(x - top_r + 0.6 * u, y - h - 1.4 * u, x + top_r - 0.6 * u, y - h + 1.4 * u),
            fill=255,
        )
    if rng.random() < 0.7:  # a stem of grass
        with c.layer(GREEN, shade="flat") as d:
            d.line(
                c.pts([(x, y - h), (x - 6 * u, y - h - 18 * u), (x - 11 * u, y - h - 24 * u)]),
                fill=255,
                width=c.k(0.8 * u),
            )
            d.ellipse(c.box(x - 13 * u, y - h - 27 * u, x - 9 * u, y - h - 21 * u), fill=255)


def draw_lamp(s, colour, rng):
    c, x, y, u = _u(s)
    if (
        rng.random() < 0.5
    ):  # a pendant: cable from the ceiling, a wide shade, its light on the table
        top = y - 36 * u
        with c.flat("#2b2b2b") as d:
            d.line(c.pts([(x, -50 * u), (x, top - 8 * u)]), fill=255, width=c.k(0.6 * u))
        c.glow(x, y - 4 * u, 22 * u, "#fff3c4", 0.55)
        s.c.shadow(x + 6 * u, y, 12 * u, 1.5 * u, strength=0.18)
        with c.layer(colour) as d:
            d.polygon(
                c.pts(
                    [
                        (x - 3 * u, top - 8 * u),
                        (x + 3 * u, top - 8 * u),
                        (x + 16 * u, top + 6 * u),
                        (x - 16 * u, top + 6 * u),
                    ]
                ),
                fill=255,
            )
        with c.flat("#fff6d8") as d:
            d.ellipse(c.box(x - 16 * u, top + 4.5 * u, x + 16 * u, top + 7.5 * u), fill=255)
        c.glow(x, top + 9 * u, 10 * u, "#fff3c4", 0.7)
        return
    s.c.shadow(x + 6 * u, y, 12 * u, 2 * u)
    with c.layer(colour) as d:  # base
        d.ellipse(c.box(x - 9 * u, y - 2.5 * u, x + 9 * u, y + 1.5 * u), fill=255)
    with c.layer(colour, shade="cyl") as d:  # arm
        d.line(
            c.pts([(x - 2 * u, y - u), (x - 4 * u, y - 26 * u), (x + 8 * u, y - 34 * u)]),
            fill=255,
            width=c.k(1.4 * u),
        )
    c.glow(x + 14 * u, y - 6 * u, 16 * u, "#fff3c4", 0.45)
    with c.layer(colour) as d:  # shade, tilted towards the table
        s.polygon(d, (4, -37), (10, -36), (22, -22), (8, -18))
    with c.flat("#fff6d8") as d:
        s.polygon(d, (8, -18), (22, -22), (19, -17), (11, -15))


def draw_stool(s, colour, rng):
    c, x, y, u = _u(s)
    w, seat = 30 * u, y - 42 * u
    s.c.shadow(x + 5 * u, y, w * 0.7, 3 * u, strength=0.35)
    for lx, front in ((-0.28, False), (0.28, False), (-0.4, True), (0.4, True)):
        foot = x + lx * w * (1.25 if front else 1.0)
        top = x + lx * w * 0.75
        with c.layer(colour if front else mix(colour, "#000000", 0.2), shade="cyl") as d:
            d.polygon(
                c.pts(
                    [
                        (top - 1.6 * u, seat),
                        (top + 1.6 * u, seat),
                        (foot + 1.2 * u, y - (0 if front else 3 * u)),
                        (foot - 1.2 * u, y - (0 if front else 3 * u)),
                    ]
                ),
                fill=255,
            )
    with c.layer(mix(colour, "#000000", 0.1), shade="cyl") as d:  # the stretcher
        d.rectangle(c.box(x - w * 0.45, y - 16 * u, x + w * 0.45, y - 14.5 * u), fill=255)
    with c.layer(mix(colour, "#000000", 0.15), shade="side") as d:
        d.rounded_rectangle(
            c.box(x - w / 2, seat - 2 * u, x + w / 2, seat + 2.5 * u), radius=c.k(1.5 * u), fill=255
        )
    with c.layer(colour, shade="top", pattern=grain_of_wood(colour)) as d:
        d.ellipse(c.box(x - w / 2, seat - 6 * u, x + w / 2, seat + 2 * u), fill=255)


def draw_shelf(s, colour, rng):
    c, x, _y, u = _u(s)
    w, top = 56 * u, s.horizon - 22 * u
    with c.layer(
        STEEL if colour != COLOURS["anthracite"] else "#2d2f30",
        shade="flat",
        cast=(1.5 * u, 2 * u, 1.5 * u, 0.35),
    ) as d:
        for bx in (x - w * 0.32, x + w * 0.32):
            d.polygon(
                c.pts(
                    [(bx - u, top), (bx + u, top), (bx + u, top + 10 * u), (bx - u, top + 10 * u)]
                ),
                fill=255,
            )
            d.line(
                c.pts([(bx, top + 9 * u), (bx + 6 * u, top + 0.5 * u)]), fill=255, width=c.k(1 * u)
            )
    with c.layer(colour, shade="side", cast=(2 * u, 3 * u, 2.5 * u, 0.45)) as d:
        d.rectangle(c.box(x - w / 2, top - 0.5 * u, x + w / 2, top + 2.5 * u), fill=255)
    with c.layer(mix(colour, "#ffffff", 0.15), shade="top") as d:
        d.polygon(
            c.pts(
                [
                    (x - w / 2, top - 0.5 * u),
                    (x + w / 2, top - 0.5 * u),
                    (x + w / 2 - 1.5 * u, top - 3.5 * u),
                    (x - w / 2 + 1.5 * u, top - 3.5 * u),
                ]
            ),
            fill=255,
        )
    # On it: three books and a small pot
    bx = x - w * 0.38
    for width, height, book in ((3.2, 15, "#2f6690"), (2.6, 13, "#e9c46a"), (3.6, 16.5, INK)):
        with c.layer(book, shade="cyl") as d:
            d.rectangle(c.box(bx, top - 1 * u - height * u, bx + width * u, top - 1 * u), fill=255)
        bx += width * u + 0.2 * u
    with c.layer("#d08c60") as d:
        d.polygon(
            c.pts(
                [
                    (x + 12 * u, top - 9 * u),
                    (x + 20 * u, top - 9 * u),
                    (x + 19 * u, top - u),
                    (x + 13 * u, top - u),
                ]
            ),
            fill=255,
        )
    with c.layer(GREEN, shade="sphere") as d:
        for lx, ly, r in ((14, -13, 3.5), (18, -14, 3), (16, -17, 3.2)):
            d.ellipse(
                c.box(
                    x + lx * u - r * u,
                    top + ly * u - r * u,
                    x + lx * u + r * u,
                    top + ly * u + r * u,
                ),
                fill=255,
            )


def draw_board(s, colour, rng):
    c, x, y, u = _u(s)
    w = 50 * u
    s.c.shadow(x + 4 * u, y - 2 * u, w * 0.55, 5 * u, strength=0.35)
    front, back = y + 2 * u, y - 12 * u
    with c.layer(mix(colour, "#000000", 0.3), shade="side") as d:
        d.rounded_rectangle(
            c.box(x - w / 2, front - 2 * u, x + w / 2, front + 1.2 * u), radius=c.k(u), fill=255
        )
    top = [
        (x - w / 2, front - 2 * u),
        (x + w / 2, front - 2 * u),
        (x + w / 2 - 4 * u, back),
        (x - w / 2 + 4 * u, back),
    ]
    with c.layer(colour, shade="flat", pattern=grain_of_wood(colour, 40)) as d:
        d.polygon(c.pts(top), fill=255)
    with c.layer(mix(colour, "#000000", 0.45), shade="flat") as d:  # the hole to hang it by
        d.ellipse(c.box(x + w / 2 - 9 * u, back + 3 * u, x + w / 2 - 5 * u, back + 5 * u), fill=255)
    # a bread roll and a knife
    with c.layer("#c98a4b", shade="sphere", cast=(2 * u, 1 * u, 1.5 * u, 0.3)) as d:
        d.ellipse(c.box(x - 14 * u, back - 2 * u, x - 2 * u, back + 7 * u), fill=255)
    with c.layer(SILVER, shade="flat") as d:
        d.polygon(
            c.pts(
                [
                    (x + 2 * u, back + 8 * u),
                    (x + 16 * u, back + 5 * u),
                    (x + 16 * u, back + 6.5 * u),
                    (x + 2 * u, back + 9 * u),
                ]
            ),
            fill=255,
        )


def _sheet(c, corners, ground, motif, rng, frame=None):
    """A printed sheet: ground, then shapes (no lettering) inside `corners` (x0, y0, x1, y1)."""
    x0, y0, x1, y1 = corners
    if frame:
        with c.layer(frame, shade="flat", cast=(1.5, 2.5, 2, 0.45)) as d:
            d.rectangle(
                c.box(
                    x0 - 1.2 * (x1 - x0) / 30,
                    y0 - 1.2 * (x1 - x0) / 30,
                    x1 + 1.2 * (x1 - x0) / 30,
                    y1 + 1.2 * (x1 - x0) / 30,
                ),
                fill=255,
            )
    with c.layer(ground, shade="top", cast=None if frame else (1.5, 2.5, 2, 0.4)) as d:
        d.rectangle(c.box(x0, y0, x1, y1), fill=255)
    w, h = x1 - x0, y1 - y0
    if motif == "spots":
        for _ in range(9):
            r = rng.uniform(0.06, 0.17) * w
            cx, cy = rng.uniform(x0 + r, x1 - r), rng.uniform(y0 + r, y1 - r * 1.4)
            with c.flat(rng.choice([GREEN, "#7fb069", "#c8e6a0", INK])) as d:
                d.ellipse(c.box(cx - r, cy - r, cx + r, cy + r), fill=255)
    elif motif == "street":  # house fronts of a street, in two screen-printed colours
        bx = x0 + 0.06 * w
        base = y0 + 0.82 * h
        while bx < x1 - 0.12 * w:
            bw, bh = rng.uniform(0.1, 0.17) * w, rng.uniform(0.3, 0.6) * h
            bw = min(bw, x1 - 0.06 * w - bx)
            with c.flat(rng.choice(["#b5462c", INK, "#2f6690", "#d08c60"])) as d:
                d.rectangle(c.box(bx, base - bh, bx + bw, base), fill=255)
            with c.flat("#f3efe4") as d:
                for wy in range(2):
                    d.rectangle(
                        c.box(
                            bx + 0.25 * bw,
                            base - bh + (0.15 + 0.3 * wy) * bh,
                            bx + 0.55 * bw,
                            base - bh + (0.28 + 0.3 * wy) * bh,
                        ),
                        fill=255,
                    )
            bx += bw + 0.01 * w
        with c.flat(INK) as d:
            d.rectangle(c.box(x0 + 0.06 * w, base, x1 - 0.06 * w, base + 0.03 * h), fill=255)
    elif motif == "grid":  # a calendar month: a picture over a grid of days
        with c.flat(GREEN) as d:
            d.ellipse(
                c.box(x0 + 0.25 * w, y0 + 0.08 * h, x0 + 0.75 * w, y0 + 0.08 * h + 0.5 * w),
                fill=255,
            )
        with c.flat("#e9c46a") as d:
            d.rectangle(c.box(x0 + 0.1 * w, y0 + 0.32 * h, x1 - 0.1 * w, y0 + 0.48 * h), fill=255)
        cw, ch = 0.8 * w / 7, 0.38 * h / 5
        with c.flat(mix(ground, "#000000", 0.18)) as d:
            for row in range(5):
                for col in range(7):
                    gx, gy = x0 + 0.1 * w + col * cw, y0 + 0.55 * h + row * ch
                    d.rectangle(
                        c.box(gx + 0.1 * cw, gy + 0.12 * ch, gx + 0.9 * cw, gy + 0.88 * ch),
                        outline=255,
                        width=1,
                    )
    elif motif == "scene":  # a postcard: sky, a hill, the sun
        with c.flat(rng.choice(["#81c3d7", "#c8e6a0", "#f2d0a4"])) as d:
            d.rectangle(c.box(x0 + 0.06 * w, y0 + 0.08 * h, x1 - 0.06 * w, y1 - 0.08 * h), fill=255)
        with c.flat(rng.choice([GREEN, INK, "#b5462c"])) as d:
            d.chord(
                c.box(x0 - 0.2 * w, y0 + 0.55 * h, x1 + 0.1 * w, y1 + 0.6 * h), 180, 360, fill=255
            )
            d.rectangle(c.box(x0 + 0.06 * w, y0 + 0.8 * h, x1 - 0.06 * w, y1 - 0.08 * h), fill=255)
        with c.flat("#e9c46a") as d:
            d.ellipse(
                c.box(x0 + 0.62 * w, y0 + 0.18 * h, x0 + 0.8 * w, y0 + 0.18 * h + 0.18 * w),
                fill=255,
            )


def draw_poster(s, colour, rng, motif="spots"):
    c, x, y, u = _u(s)
    w, h = 38 * u, 52 * u
    x0, y0 = x - w / 2, y - h - 4 * u
    _sheet(c, (x0, y0, x0 + w, y0 + h), PAPER, motif, rng)
    with c.flat("#8d9396") as d:  # two clips hold it to the wall
        for cx in (x0 + 0.15 * w, x0 + 0.85 * w):
            d.rectangle(c.box(cx - 2 * u, y0 - 1.2 * u, cx + 2 * u, y0 + 2 * u), fill=255)


def draw_print(s, colour, rng):
    c, x, y, u = _u(s)
    w, h = 34 * u, 46 * u
    s.c.shadow(x + 6 * u, y, w * 0.55, 1.5 * u, strength=0.3)
    x0, y0 = x - w / 2, y - h - 1.5 * u
    _sheet(c, (x0, y0, x0 + w, y0 + h), "#f7f4ec", None, rng, frame="#3a3a3a")
    _sheet(c, (x0 + 4 * u, y0 + 5 * u, x0 + w - 4 * u, y0 + h - 7 * u), "#efe8d8", "street", rng)


def draw_calendar(s, colour, rng):
    c, x, _y, u = _u(s)
    w, h = 32 * u, 48 * u
    x0, y0 = x - w / 2, s.horizon - h - 6 * u
    _sheet(c, (x0, y0, x0 + w, y0 + h), PAPER, "grid", rng)
    with c.flat("#3a3a3a") as d:  # the wire binding and its nail
        d.line(
            c.pts([(x0 + 2 * u, y0 + 1.2 * u), (x0 + w - 2 * u, y0 + 1.2 * u)]),
            fill=255,
            width=c.k(0.8 * u),
        )
        d.line(
            c.pts([(x - 4 * u, y0 + 1.2 * u), (x, y0 - 4 * u), (x + 4 * u, y0 + 1.2 * u)]),
            fill=255,
            width=c.k(0.4 * u),
        )
        d.ellipse(c.box(x - 0.8 * u, y0 - 4.8 * u, x + 0.8 * u, y0 - 3.2 * u), fill=255)


def draw_cards(s, colour, rng):
    c, x, y, u = _u(s)
    s.c.shadow(x + 3 * u, y - 3 * u, 26 * u, 7 * u, strength=0.3)
    for i, angle in enumerate((-14, -4, 7)):
        w, h = 30 * u, 20 * u
        cx, cy = x - 10 * u + i * 9 * u, y - 6 * u - i * 1.5 * u
        a = math.radians(angle)

        def rot(px, py, cx=cx, cy=cy, a=a):
            return cx + px * math.cos(a) - py * math.sin(a) * 0.55, cy + (
                px * math.sin(a) + py * math.cos(a)
            ) * 0.55

        corners = [rot(-w / 2, -h / 2), rot(w / 2, -h / 2), rot(w / 2, h / 2), rot(-w / 2, h / 2)]
        with c.layer("#f7f4ec", shade="top", cast=(0.8 * u, 1 * u, 0.8 * u, 0.35)) as d:
            d.polygon(c.pts(corners), fill=255)
        inner = [
            rot(-w / 2 + 1.5 * u, -h / 2 + 1.5 * u),
            rot(w / 2 - 1.5 * u, -h / 2 + 1.5 * u),
            rot(w / 2 - 1.5 * u, h / 2 - 1.5 * u),
            rot(-w / 2 + 1.5 * u, h / 2 - 1.5 * u),
        ]
        sky = ["#81c3d7", "#c8e6a0", "#f2d0a4"][i]
        hill = [GREEN, INK, "#b5462c"][i]
        with c.flat(sky) as d:
            d.polygon(c.pts(inner), fill=255)
        ground = [
            rot(-w / 2 + 1.5 * u, 2 * u),
            rot(w / 2 - 1.5 * u, -1 * u),
            rot(w / 2 - 1.5 * u, h / 2 - 1.5 * u),
            rot(-w / 2 + 1.5 * u, h / 2 - 1.5 * u),
        ]
        with c.flat(hill) as d:
            d.polygon(c.pts(ground), fill=255)
    with c.layer(KRAFT, shade="flat") as d:  # the paper band round the set
        s.polygon(d, (14, -18), (19, -18.5), (21, -3), (16, -2.5))


def draw_notebook(s, colour, rng):
    c, x, y, u = _u(s)
    s.c.shadow(x + 4 * u, y - 5 * u, 24 * u, 7 * u, strength=0.35)
    for w, depth, dx, cover in ((34 * u, 14 * u, 0, colour), (24 * u, 10 * u, 4 * u, "#e9c46a")):
        front = y - (1.8 * u if cover != colour else 0)
        top = [
            (x - w / 2 + dx, front - 2 * u),
            (x + w / 2 + dx, front - 2 * u),
            (x + w / 2 + dx - 5 * u, front - 2 * u - depth),
            (x - w / 2 + dx - 5 * u, front - 2 * u - depth),
        ]
        with c.layer("#efe8d8", shade="side") as d:  # the page block
            d.rectangle(c.box(x - w / 2 + dx, front - 2 * u, x + w / 2 + dx, front), fill=255)
        with c.layer(cover, shade="flat") as d:
            d.polygon(c.pts(top), fill=255)
        with c.layer(mix(cover, "#000000", 0.35), shade="flat") as d:  # the thread-bound spine
            d.polygon(
                c.pts(
                    [
                        top[0],
                        (top[0][0] + 2.5 * u, top[0][1]),
                        (top[3][0] + 2.5 * u, top[3][1]),
                        top[3],
                    ]
                ),
                fill=255,
            )
    with c.flat(INK) as d:  # the elastic band
        d.line(
            c.pts([(x + 10 * u, y - 2 * u), (x + 5 * u, y - 16 * u)]), fill=255, width=c.k(0.8 * u)
        )


def _hook(c, x, y, u):
    with c.layer(OAK, shade="cyl", cast=(1 * u, 1.5 * u, 1 * u, 0.4)) as d:
        d.rounded_rectangle(
            c.box(x - 1.4 * u, y - 1.4 * u, x + 1.4 * u, y + 2.4 * u), radius=c.k(1.2 * u), fill=255
        )


def draw_tea_towel(s, colour, rng):
    c, x, _y, u = _u(s)
    top, w, h = s.horizon - 52 * u, 26 * u, 44 * u
    ground = LINEN if colour in (None, "#d9ccb0") else colour
    pattern = stripes("#b5462c", ground, every=c.k(9 * u), width=c.k(1.2 * u))
    with c.layer(ground, shade="flat", pattern=pattern, cast=(1.5 * u, 2.5 * u, 2 * u, 0.4)) as d:
        d.polygon(
            c.pts(
                [
                    (x - w / 2, top + 3 * u),
                    (x + w / 2, top + 3 * u),
                    (x + w / 2 + u, top + h),
                    (x - w / 2 - u, top + h),
                ]
            ),
            fill=255,
        )
    with c.layer(mix(ground, "#000000", 0.15), shade="cyl", opacity=90) as d:  # soft folds
        for fx in (-0.25, 0.2):
            d.rectangle(
                c.box(x + fx * w - 2 * u, top + 3 * u, x + fx * w + 2 * u, top + h), fill=255
            )
    with c.flat("#b5462c") as d:  # the hanging loop
        d.arc(
            c.box(x - 2 * u, top - 2 * u, x + 2 * u, top + 5 * u),
            180,
            360,
            fill=255,
            width=c.k(0.6 * u),
        )
    _hook(c, x, top - 1.5 * u, u)
    # a motif: a paper cone of fries, drawn as shapes
    with c.flat("#e9c46a") as d:
        for i in range(5):
            fx = x - 3 * u + i * 1.5 * u
            d.rectangle(c.box(fx, top + 17 * u - (i % 2) * 2 * u, fx + u, top + 24 * u), fill=255)
    with c.flat("#b5462c") as d:
        d.polygon(
            c.pts([(x - 5 * u, top + 22 * u), (x + 5 * u, top + 22 * u), (x, top + 32 * u)]),
            fill=255,
        )


def draw_apron(s, colour, rng):
    c, x, _y, u = _u(s)
    top = s.horizon - 58 * u
    ground = colour or CANVAS
    shape = [
        (x - 8 * u, top + 6 * u),
        (x + 8 * u, top + 6 * u),
        (x + 9 * u, top + 18 * u),
        (x + 14 * u, top + 22 * u),
        (x + 16 * u, top + 56 * u),
        (x - 16 * u, top + 56 * u),
        (x - 14 * u, top + 22 * u),
        (x - 9 * u, top + 18 * u),
    ]
    with c.layer(
        "#7a4a2a", shade="flat", cast=(1 * u, 1.5 * u, 1 * u, 0.35)
    ) as d:  # leather straps
        d.line(c.pts([(x - 7 * u, top + 7 * u), (x, top)]), fill=255, width=c.k(1.2 * u))
        d.line(c.pts([(x + 7 * u, top + 7 * u), (x, top)]), fill=255, width=c.k(1.2 * u))
        d.line(
            c.pts([(x - 14 * u, top + 22 * u), (x - 18 * u, top + 38 * u)]),
            fill=255,
            width=c.k(1.2 * u),
        )
        d.line(
            c.pts([(x + 14 * u, top + 22 * u), (x + 17 * u, top + 40 * u)]),
            fill=255,
            width=c.k(1.2 * u),
        )
    with c.layer(ground, shade="cyl", cast=(1.5 * u, 2.5 * u, 2 * u, 0.45)) as d:
        d.polygon(c.pts(shape), fill=255)
    with c.layer(mix(ground, "#000000", 0.12), shade="flat") as d:  # the pocket
        d.rectangle(c.box(x - 9 * u, top + 30 * u, x + 9 * u, top + 40 * u), fill=255)
    with c.flat(mix(ground, "#000000", 0.3)) as d:
        d.line(c.pts([(x, top + 30 * u), (x, top + 40 * u)]), fill=255, width=c.k(0.3 * u))
    _hook(c, x, top, u)


def _bag(c, x, y, u, w, h, colour, pattern=None, handles="long"):
    if handles == "long":
        with c.layer(mix(colour, "#000000", 0.1), shade="cyl") as d:
            d.arc(
                c.box(x - w * 0.3, y - h - 18 * u, x + w * 0.3, y - h + 18 * u),
                180,
                360,
                fill=255,
                width=c.k(1.6 * u),
            )
    else:
        with c.layer("#7a4a2a", shade="cyl") as d:
            d.arc(
                c.box(x - w * 0.22, y - h - 9 * u, x + w * 0.22, y - h + 6 * u),
                180,
                360,
                fill=255,
                width=c.k(1.4 * u),
            )
    with c.layer(colour, shade="cyl", pattern=pattern) as d:
        d.rounded_rectangle(c.box(x - w / 2, y - h, x + w / 2, y), radius=c.k(1.5 * u), fill=255)


def draw_tote(s, colour, rng):
    c, x, y, u = _u(s)
    w, h = 30 * u, 34 * u
    s.c.shadow(x + 4 * u, y, w * 0.6, 2 * u)
    _bag(c, x, y, u, w, h, colour or "#e8dfc9")
    with c.flat(GREEN) as d:  # the label's green spot, printed
        d.ellipse(c.box(x - 7 * u, y - h * 0.68, x + 7 * u, y - h * 0.68 + 14 * u), fill=255)
    with c.flat("#c8e6a0") as d:
        d.ellipse(c.box(x + 3 * u, y - h * 0.42, x + 8 * u, y - h * 0.42 + 5 * u), fill=255)


def draw_bag(s, colour, rng):
    c, x, y, u = _u(s)
    w, h = 36 * u, 28 * u
    s.c.shadow(x + 4 * u, y, w * 0.6, 2.2 * u)
    _bag(c, x, y, u, w, h, colour, pattern=moquette(colour, c.k(2.6 * u)), handles="short")
    with c.layer("#7a4a2a", shade="cyl") as d:  # leather corners
        d.rectangle(c.box(x - w / 2, y - 4 * u, x - w / 2 + 4 * u, y), fill=255)
        d.rectangle(c.box(x + w / 2 - 4 * u, y - 4 * u, x + w / 2, y), fill=255)
    with c.flat(mix(colour, "#000000", 0.4)) as d:  # the zip
        d.line(
            c.pts([(x - w / 2 + 2 * u, y - h + 1.5 * u), (x + w / 2 - 2 * u, y - h + 1.5 * u)]),
            fill=255,
            width=c.k(0.5 * u),
        )


def draw_backpack(s, colour, rng):
    c, x, y, u = _u(s)
    w, h = 28 * u, 40 * u
    s.c.shadow(x + 4 * u, y, w * 0.65, 2.5 * u)
    with c.layer("#2b2d2e", shade="cyl") as d:  # strap at the side, top handle
        d.arc(
            c.box(x + w * 0.25, y - h + 2 * u, x + w * 0.75, y - 4 * u),
            270,
            90,
            fill=255,
            width=c.k(2 * u),
        )
        d.arc(
            c.box(x - 4 * u, y - h - 4 * u, x + 4 * u, y - h + 3 * u),
            180,
            360,
            fill=255,
            width=c.k(0.9 * u),
        )
    with c.layer("#2f3a44", shade="cyl") as d:
        d.rounded_rectangle(c.box(x - w / 2, y - h, x + w / 2, y), radius=c.k(6 * u), fill=255)
    with c.layer(
        colour or "#5b6b2f", shade="cyl", pattern=moquette(colour or "#5b6b2f", c.k(2.6 * u))
    ) as d:  # the flap
        d.rounded_rectangle(
            c.box(x - w / 2 + 0.5 * u, y - h, x + w / 2 - 0.5 * u, y - h * 0.55),
            radius=c.k(6 * u),
            fill=255,
        )
    with c.layer("#3a4550", shade="cyl", cast=(0.5 * u, 1 * u, 0.8 * u, 0.35)) as d:  # front pocket
        d.rounded_rectangle(
            c.box(x - w * 0.32, y - h * 0.38, x + w * 0.32, y - 2 * u), radius=c.k(3 * u), fill=255
        )
    with c.flat(BRASS) as d:
        for bx in (x - 5 * u, x + 5 * u):
            d.rectangle(c.box(bx - 1.2 * u, y - h * 0.58, bx + 1.2 * u, y - h * 0.5), fill=255)


def draw_pouch(s, colour, rng):
    c, x, y, u = _u(s)
    w, h = 22 * u, 15 * u
    s.c.shadow(x + 3 * u, y - u, w * 0.6, 2.5 * u)
    with c.layer(
        "#f2e8cf", shade="top", cast=(0.5 * u, 0.5 * u, 0.5 * u, 0.3)
    ) as d:  # a ticket peeking out
        d.rectangle(c.box(x - 6 * u, y - h - 4 * u, x + 5 * u, y - h + 3 * u), fill=255)
    with c.flat("#b5462c") as d:
        d.rectangle(c.box(x - 6 * u, y - h - 4 * u, x - 4 * u, y - h + 3 * u), fill=255)
    colour = colour or "#2f6690"
    with c.layer(colour, shade="cyl", pattern=moquette(colour, c.k(2 * u))) as d:
        d.rounded_rectangle(c.box(x - w / 2, y - h, x + w / 2, y), radius=c.k(2 * u), fill=255)
    with c.layer(
        mix(colour, "#000000", 0.15), shade="cyl", cast=(0.5 * u, 1 * u, 0.8 * u, 0.4)
    ) as d:  # the flap
        d.polygon(
            c.pts(
                [
                    (x - w / 2, y - h),
                    (x + w / 2, y - h),
                    (x + w / 2, y - h * 0.6),
                    (x, y - h * 0.35),
                    (x - w / 2, y - h * 0.6),
                ]
            ),
            fill=255,
        )
    with c.layer(BRASS, shade="sphere") as d:
        d.ellipse(c.box(x - 1.6 * u, y - h * 0.45, x + 1.6 * u, y - h * 0.45 + 3.2 * u), fill=255)


def draw_cushion(s, colour, rng):
    c, x, y, u = _u(s)
    w, h = 40 * u, 36 * u
    s.c.shadow(x + 4 * u, y, w * 0.6, 2.5 * u)
    top, left, right = y - h, x - w / 2, x + w / 2
    points = []
    for i in range(24):  # four sides pulled in between plump corners
        t = i / 24
        points.append((left + w * t, top + 2.5 * u * math.sin(math.pi * t)))
    for i in range(24):
        t = i / 24
        points.append((right - 2 * u * math.sin(math.pi * t), top + h * t))
    for i in range(24):
        t = i / 24
        points.append((right - w * t, y - 1.5 * u * math.sin(math.pi * t)))
    for i in range(24):
        t = i / 24
        points.append((left + 2 * u * math.sin(math.pi * t), y - h * t))
    colour = colour or "#2f5f8f"
    with c.layer(colour, shade="cyl", pattern=moquette(colour, c.k(3 * u))) as d:
        d.polygon(c.pts(points), fill=255)


def draw_earrings(s, colour, rng):
    c, x, y, u = _u(s)
    w, h = 26 * u, 30 * u
    s.c.shadow(x + 4 * u, y, w * 0.6, 1.8 * u, strength=0.3)
    with c.layer(
        "#f7f4ec", shade="flat", cast=(1.5 * u, 1.5 * u, 1.5 * u, 0.35)
    ) as d:  # a blank display card
        d.rectangle(c.box(x - w / 2, y - h, x + w / 2, y), fill=255)
    for ex in (x - 6 * u, x + 6 * u):
        with c.flat(SILVER) as d:
            d.arc(
                c.box(ex - 1.5 * u, y - h + 3 * u, ex + 1.5 * u, y - h + 7 * u),
                180,
                90,
                fill=255,
                width=c.k(0.35 * u),
            )
        with c.layer(STEEL, shade="cyl") as d:  # the spoke, its nipple in brass
            d.rectangle(c.box(ex - 0.35 * u, y - h + 7 * u, ex + 0.35 * u, y - 6 * u), fill=255)
        with c.layer(BRASS, shade="cyl") as d:
            d.rectangle(c.box(ex - 0.9 * u, y - h + 7 * u, ex + 0.9 * u, y - h + 10 * u), fill=255)
        with c.layer("#2f8f5b", shade="sphere") as d:
            d.ellipse(c.box(ex - 1.4 * u, y - 7 * u, ex + 1.4 * u, y - 4.2 * u), fill=255)


def draw_necklace(s, colour, rng):
    c, x, _y, u = _u(s)
    top = s.horizon - 50 * u
    pendant = (x, top + 34 * u)
    with c.layer(BRASS, shade="flat", cast=(0.6 * u, 1 * u, 0.6 * u, 0.35)) as d:
        for side in (-1, 1):  # two catenaries from the hook to the pendant
            chain = []
            for i in range(31):
                t = i / 30
                px = x + side * (11 * u * math.sin(math.pi * t))
                py = top + 34 * u * t
                chain.append((px, py))
            for px, py in chain[::1]:
                d.ellipse(
                    c.box(px - 0.65 * u, py - 0.65 * u, px + 0.65 * u, py + 0.65 * u),
                    outline=255,
                    width=c.k(0.2 * u),
                )
    with c.layer(
        "#6fb7a6", shade="sphere", cast=(1 * u, 1.5 * u, 1 * u, 0.35)
    ) as d:  # the glass drop
        px, py = pendant
        d.ellipse(c.box(px - 5 * u, py, px + 5 * u, py + 11 * u), fill=255)
        d.polygon(
            c.pts([(px - 4.2 * u, py + 3.5 * u), (px + 4.2 * u, py + 3.5 * u), (px, py - 2.5 * u)]),
            fill=255,
        )
    with c.flat("#ffffff") as d:
        d.ellipse(c.box(px - 3 * u, py + 2.5 * u, px - 1.2 * u, py + 5 * u), fill=255)
    _hook(c, x, top, u)


def draw_keyring(s, colour, rng):
    c, x, y, u = _u(s)
    s.c.shadow(x + 2 * u, y - 3 * u, 16 * u, 4 * u, strength=0.35)
    with c.layer(SILVER, shade="flat") as d:  # ring and key lie flat on the table
        d.ellipse(
            c.box(x - 12 * u, y - 13 * u, x - 2 * u, y - 7 * u), outline=255, width=c.k(0.6 * u)
        )
    with c.layer(BRASS, shade="flat", cast=(0.5 * u, 0.6 * u, 0.5 * u, 0.35)) as d:
        d.ellipse(c.box(x - 16 * u, y - 9 * u, x - 10 * u, y - 5 * u), fill=255)
        s.polygon(d, (-17, -6), (-29, -2), (-29, -0.6), (-17, -4.6))
    with c.layer(
        colour or "#e9c46a", shade="flat", cast=(0.6 * u, 0.8 * u, 0.6 * u, 0.3), opacity=225
    ) as d:
        # the acrylic tag: a tram-stop sign, a disc on a short post
        d.ellipse(c.box(x - 3 * u, y - 15 * u, x + 11 * u, y - 7 * u), fill=255)
        s.polygon(d, (8, -9), (19, -4), (18, -2.5), (7, -7.5))
    with c.flat(GREEN) as d:
        d.ellipse(c.box(x + 0.5 * u, y - 13.2 * u, x + 7.5 * u, y - 8.8 * u), fill=255)


def draw_planter(s, colour, rng):
    c, x, y, u = _u(s)
    w, h = 44 * u, 16 * u
    s.c.shadow(x + 4 * u, y, w * 0.6, 2.5 * u)
    with c.layer(GREEN, shade="sphere") as d:  # the plants, behind the front board
        for _ in range(22):
            px = x + rng.uniform(-0.42, 0.42) * w
            py = y - h - rng.uniform(0, 14) * u
            r = rng.uniform(2.2, 4.2) * u
            d.ellipse(c.box(px - r * 0.7, py - r, px + r * 0.7, py + r), fill=255)
    with c.layer("#7fb069", shade="sphere") as d:
        for _ in range(12):
            px = x + rng.uniform(-0.4, 0.4) * w
            py = y - h - rng.uniform(2, 18) * u
            r = rng.uniform(1.6, 3) * u
            d.ellipse(c.box(px - r * 0.7, py - r, px + r * 0.7, py + r), fill=255)
    with c.layer(colour, shade="flat", pattern=grain_of_wood(colour, 50)) as d:
        d.rectangle(c.box(x - w / 2, y - h, x + w / 2, y), fill=255)
    with c.flat(mix(colour, "#000000", 0.3)) as d:  # the joints between boards
        d.line(
            c.pts([(x - w / 2, y - h / 2), (x + w / 2, y - h / 2)]), fill=255, width=c.k(0.3 * u)
        )
    with c.layer(mix(colour, "#000000", 0.2), shade="side") as d:
        d.rectangle(c.box(x + w / 2 - 0.1 * u, y - h, x + w / 2 + 3 * u, y - 1 * u), fill=255)


PAINTERS = {
    "apron": draw_apron,
    "backpack": draw_backpack,
    "bag": draw_bag,
    "board": draw_board,
    "bowl": draw_bowl,
    "calendar": draw_calendar,
    "cards": draw_cards,
    "cushion": draw_cushion,
    "earrings": draw_earrings,
    "keyring": draw_keyring,
    "lamp": draw_lamp,
    "mug": draw_mug,
    "necklace": draw_necklace,
    "notebook": draw_notebook,
    "planter": draw_planter,
    "poster": draw_poster,
    "pouch": draw_pouch,
    "print": draw_print,
    "shelf": draw_shelf,
    "stool": draw_stool,
    "tea_towel": draw_tea_towel,
    "tote": draw_tote,
    "vase": draw_vase,
}
# What each thing is made of when the feed names no colour, and where the close-up (view 2)
# looks, in u from the object's foot.
DEFAULT_COLOUR = {
    "apron": CANVAS,
    "backpack": "#5b6b2f",
    "bag": "#5b6b2f",
    "board": BEECH,
    "bowl": "#6d8f7a",
    "calendar": PAPER,
    "cards": PAPER,
    "cushion": "#2f5f8f",
    "earrings": SILVER,
    "keyring": "#e9c46a",
    "lamp": "#27292a",
    "mug": "#f1eee6",
    "necklace": BRASS,
    "notebook": "#2f8f5b",
    "planter": LARCH,
    "poster": PAPER,
    "pouch": "#2f6690",
    "print": PAPER,
    "shelf": BIRCH,
    "stool": OAK,
    "tea_towel": LINEN,
    "tote": "#e8dfc9",
    "vase": "#b7c4b0",
}
DETAIL = {
    "apron": (0, -38),
    "backpack": (0, -24),
    "bag": (0, -16),
    "board": (-4, -8),
    "bowl": (0, -14),
    "calendar": (0, -45),
    "cards": (0, -10),
    "cushion": (-4, -18),
    "earrings": (0, -16),
    "keyring": (0, -8),
    "lamp": (6, -22),
    "mug": (3, -10),
    "necklace": (0, -30),
    "notebook": (0, -9),
    "planter": (0, -18),
    "poster": (0, -40),
    "pouch": (0, -8),
    "print": (0, -30),
    "shelf": (-6, -45),
    "stool": (0, -34),
    "tea_towel": (0, -40),
    "tote": (0, -26),
    "vase": (0, -28),
}
SCALE = {
    "sewing_machine": 1.6,
    "offcuts": 1.2,
    "bag": 1.3,
    "backpack": 1.25,
    "board": 1.25,
    "bowl": 1.35,
    "cards": 1.4,
    "cushion": 1.25,
    "earrings": 1.5,
    "keyring": 1.9,
    "lamp": 1.1,
    "mug": 1.75,
    "necklace": 1.15,
    "notebook": 1.5,
    "planter": 1.3,
    "poster": 1.2,
    "pouch": 1.75,
    "print": 1.2,
    "shelf": 1.35,
    "stool": 1.2,
    "tote": 1.3,
    "vase": 1.2,
}
SETTING_OF = {
    "apron": "paper",
    "backpack": "river",
    "bag": "meadow",
    "board": "depot",
    "bowl": "clay",
    "calendar": "paper",
    "cards": "river",
    "cushion": "clay",
    "earrings": "river",
    "keyring": "depot",
    "lamp": "depot",
    "mug": "clay",
    "necklace": "meadow",
    "notebook": "meadow",
    "planter": "paper",
    "poster": "paper",
    "pouch": "clay",
    "print": "depot",
    "shelf": "river",
    "stool": "meadow",
    "tea_towel": "clay",
    "tote": "river",
    "vase": "meadow",
}


def _extent(kind, colour, seed, setting) -> tuple[float, float, float, float]:
    """Where the thing stands in its picture, as fractions of the width and height: drawn
    small, compared with the bare table (faint shadows and glows left out)."""
    size = (160, 120)
    canvas = Canvas(size)
    scene = Scene(canvas, setting, floor=size[1] * 0.8)
    scene.set()
    bare = canvas.image.copy()
    scene.u = size[1] / 100 * SCALE.get(kind, 1)
    PAINTERS[kind](scene, rgb(colour), seeded(kind, seed))
    changed = ImageChops.difference(canvas.image, bare).convert("L").point(lambda v: 255 * (v > 40))
    x0, y0, x1, y1 = changed.getbbox() or (0, 0, *canvas.image.size)
    width, height = canvas.image.size
    return x0 / width, y0 / height, x1 / width, y1 / height


def still_life(
    kind: str | None, size=(1200, 900), colour=None, view: int = 1, seed="", setting=None
) -> Image.Image:
    """One product on a table before a wall: view 1 the whole thing, framed to fill about two
    thirds of the picture, view 2 a close-up. Without a `kind`, the bare table and wall."""
    width, height = size
    setting = setting or SETTING_OF[kind]
    colour = colour or DEFAULT_COLOUR.get(kind)
    u = height / 100 * SCALE.get(kind, 1)
    floor = height * 0.8
    if kind is None:
        canvas = Canvas(size)
    elif view == 1:
        x0, y0, x1, y1 = _extent(kind, colour, seed, setting)
        zoom = max(1.0, min(1.5, 0.66 / (y1 - y0), 0.66 / (x1 - x0)))
        focus_y = min((y0 + y1) / 2 * height, height * (1 - 0.5 / zoom))
        canvas = Canvas(size, zoom=zoom, focus=((x0 + x1) / 2 * width, focus_y))
    else:
        dx, dy = DETAIL[kind]
        canvas = Canvas(size, zoom=1.6, focus=(width / 2 + dx * u, floor + dy * u))
    scene = Scene(canvas, setting, floor=floor)
    scene.set()
    scene.u = u
    if kind is not None:
        PAINTERS[kind](scene, rgb(colour), seeded(kind, seed))
    return canvas.finish((kind, seed, view))


def draw_offcuts(s, colour, rng):
    """Offcuts of wood: a few blocks and a short plank lying on the bench."""
    c, x, y, u = _u(s)
    s.c.shadow(x + 3 * u, y - 2 * u, 20 * u, 4 * u, strength=0.35)
    bx = x - 16 * u
    for wood in (OAK, BEECH, LARCH, BIRCH):
        w, h = rng.uniform(6, 10) * u, rng.uniform(5, 12) * u
        with c.layer(mix(wood, "#000000", 0.25), shade="side") as d:  # the sawn end
            d.rectangle(c.box(bx + w, y - h, bx + w + 2.5 * u, y), fill=255)
        with c.layer(wood, shade="cyl", pattern=grain_of_wood(wood, 18)) as d:
            d.rectangle(c.box(bx, y - h, bx + w, y), fill=255)
        with c.layer(mix(wood, "#ffffff", 0.2), shade="top") as d:
            d.polygon(
                c.pts(
                    [
                        (bx, y - h),
                        (bx + w, y - h),
                        (bx + w + 2.5 * u, y - h - 1.5 * u),
                        (bx + 2.5 * u, y - h - 1.5 * u),
                    ]
                ),
                fill=255,
            )
        bx += w + 3 * u


def draw_tools(s, colour, rng):
    """A hammer and a try square lying on the bench."""
    c, x, y, u = _u(s)
    s.c.shadow(x + 2 * u, y - 2 * u, 16 * u, 3 * u, strength=0.3)
    with c.layer(BEECH, shade="cyl", cast=(0.5 * u, 0.8 * u, 0.6 * u, 0.35)) as d:
        s.polygon(d, (-14, -1), (6, -5), (6.5, -3.5), (-13.5, 0.5))
    with c.layer("#4a4f52", shade="cyl", cast=(0.5 * u, 0.8 * u, 0.6 * u, 0.35)) as d:
        s.polygon(d, (4, -9), (8, -9.8), (10, -0.5), (6, 0.3))
    with c.layer(STEEL, shade="flat", cast=(0.4 * u, 0.6 * u, 0.5 * u, 0.3)) as d:
        s.polygon(d, (12, -2), (26, -4), (26.2, -3), (12.2, -1))
    with c.layer(OAK, shade="flat") as d:
        s.polygon(d, (11, -3), (13.5, -3.4), (15, 2), (12.5, 2.4))


def draw_sewing_machine(s, colour, rng):
    """A sewing machine: base, pillar, arm, head and hand wheel."""
    c, x, y, u = _u(s)
    colour = colour if colour != rgb(DEFAULT_COLOUR["mug"]) else rgb("#2f4a3a")
    s.c.shadow(x + 3 * u, y, 18 * u, 2.5 * u)
    with c.layer(colour, shade="cyl") as d:
        d.rounded_rectangle(
            c.box(x - 17 * u, y - 4 * u, x + 17 * u, y), radius=c.k(u), fill=255
        )  # bed
        d.rounded_rectangle(
            c.box(x + 6 * u, y - 20 * u, x + 14 * u, y - 3 * u), radius=c.k(2 * u), fill=255
        )  # pillar
        d.rounded_rectangle(
            c.box(x - 12 * u, y - 21 * u, x + 14 * u, y - 15 * u), radius=c.k(3 * u), fill=255
        )  # arm
        d.rounded_rectangle(
            c.box(x - 14 * u, y - 21 * u, x - 8 * u, y - 9 * u), radius=c.k(2 * u), fill=255
        )  # head
    with c.layer(SILVER, shade="cyl") as d:
        d.rectangle(
            c.box(x - 11.6 * u, y - 9 * u, x - 10.6 * u, y - 4.5 * u), fill=255
        )  # needle bar
        d.ellipse(c.box(x + 13 * u, y - 20 * u, x + 17 * u, y - 13 * u), fill=255)  # hand wheel
    with c.flat(mix(colour, "#ffffff", 0.55)) as d:  # a decal line along the arm
        d.line(
            c.pts([(x - 7 * u, y - 18 * u), (x + 9 * u, y - 18 * u)]), fill=255, width=c.k(0.4 * u)
        )
    with c.layer("#e9c46a", shade="sphere") as d:  # a spool of thread
        d.rectangle(c.box(x + 2 * u, y - 24 * u, x + 5 * u, y - 21 * u), fill=255)


PROPS = {"offcuts": draw_offcuts, "tools": draw_tools, "sewing_machine": draw_sewing_machine}


def _paint(scene, kind, rng):
    painter = PAINTERS.get(kind) or PROPS[kind]
    painter(scene, rgb(DEFAULT_COLOUR.get(kind, "#2f4a3a")), rng)


def still_life_group(size, kinds, setting="paper", seed="") -> Image.Image:
    """Several things side by side on one table: the demo's page pictures. A wide picture (a
    hero, cut to a band across its middle, with its heading on the left) has them in its
    right half, standing near the middle of its height."""
    width, height = size
    wide = width / height >= 1.5
    canvas = Canvas(size)
    scene = Scene(canvas, setting)
    scene.set()
    rng = seeded("group", seed)
    start, end, floor = (0.4, 0.98, 0.72) if wide else (0.0, 1.0, 0.8)
    step = (end - start) * width / len(kinds)
    # Every second thing stands a little nearer; the ones at the back are drawn first.
    placed = sorted(enumerate(kinds), key=lambda item: item[0] % 2)
    for index, kind in placed:
        place = Scene(
            canvas,
            setting,
            x=(start * width) + step * (index + 0.5),
            floor=height * (floor + 0.04 * (index % 2)),
        )
        # Sized for the narrower of its share of the height and a share of the width.
        place.u = (
            min(height * (0.8 if wide else 1), step * (2.1 if wide else 1.6))
            / 100
            * SCALE.get(kind, 1)
        )
        _paint(place, kind, rng)
    return canvas.finish(("group", seed))


def hall(size, setting="depot", seed="", machines=False) -> Image.Image:
    """Inside the Depot: a former tram hall with tall arched windows, workbenches on its
    concrete floor, things being made on them."""
    width, height = size
    rng = seeded("hall", seed)
    c = Canvas(size)
    wall = SETTINGS[setting][0]
    horizon = height * 0.66
    with c.layer(mix(wall, "#000000", 0.05), shade="v") as d:
        d.rectangle(c.box(0, 0, width, horizon), fill=255)
    with c.layer("#bdb8ae", shade="v") as d:  # concrete floor
        d.rectangle(c.box(0, horizon, width, height), fill=255)
    count = max(3, round(width / height * 2.4))
    gap = width / count
    for i in range(count):  # arched windows with steel glazing bars
        x0, x1 = i * gap + gap * 0.18, (i + 1) * gap - gap * 0.18
        top, bottom = height * 0.1, horizon - height * 0.08
        r = (x1 - x0) / 2
        with c.layer("#dfeaea", shade="v") as d:
            d.rectangle(c.box(x0, top + r, x1, bottom), fill=255)
            d.pieslice(c.box(x0, top, x1, top + 2 * r), 180, 360, fill=255)
        with c.flat("#4a5052") as d:
            d.rectangle(c.box(x0, top + r, x1, bottom), outline=255, width=c.k(height * 0.006))
            d.arc(c.box(x0, top, x1, top + 2 * r), 180, 360, fill=255, width=c.k(height * 0.006))
            for k in range(1, 3):
                gx = x0 + (x1 - x0) * k / 3
                d.line(
                    c.pts([(gx, top + r * 0.3), (gx, bottom)]), fill=255, width=c.k(height * 0.003)
                )
            for k in range(1, 5):
                gy = top + r + (bottom - top - r) * k / 5
                d.line(c.pts([(x0, gy), (x1, gy)]), fill=255, width=c.k(height * 0.003))
    c.glow(width * 0.3, horizon, width * 0.35, "#fff6e0", 0.35)  # daylight on the floor
    props = (
        ["sewing_machine", "cushion", "bag"]
        if machines
        else ["stool", "offcuts", "lamp", "planter"]
    )
    benches = 2 if width / height < 1.5 else 3
    span = width / benches
    for b in range(benches):
        bx0, bx1 = b * span + span * 0.12, (b + 1) * span - span * 0.12
        top = horizon + height * (0.1 + 0.02 * (b % 2))
        leg = height * 0.2
        with c.layer("#3a3a3a", shade="cyl") as d:
            for lx in (bx0 + span * 0.04, bx1 - span * 0.06):
                d.rectangle(c.box(lx, top, lx + span * 0.025, top + leg), fill=255)
        c.shadow(
            (bx0 + bx1) / 2 + span * 0.05,
            top + leg,
            (bx1 - bx0) * 0.55,
            height * 0.02,
            strength=0.3,
        )
        with c.layer(OAK, shade="top", pattern=grain_of_wood(OAK, 60)) as d:
            d.polygon(
                c.pts(
                    [
                        (bx0, top),
                        (bx1, top),
                        (bx1 - span * 0.04, top - height * 0.05),
                        (bx0 + span * 0.04, top - height * 0.05),
                    ]
                ),
                fill=255,
            )
        with c.layer(mix(OAK, "#000000", 0.3), shade="side") as d:
            d.rectangle(c.box(bx0, top, bx1, top + height * 0.025), fill=255)
        for p in range(2):
            kind = props[(b * 2 + p) % len(props)]
            place = Scene(
                c, setting, x=bx0 + (bx1 - bx0) * (0.3 + 0.4 * p), floor=top - height * 0.015
            )
            place.u = height / 100 * 0.3 * SCALE.get(kind, 1)
            _paint(place, kind, rng)
    return c.finish(("hall", seed))


# Portraits -----------------------------------------------------------------------------------

SKIN = ["#f1c8a8", "#e0ac86", "#c68a62", "#9a6442", "#6e4630", "#f5d7c0"]
HAIR = ["#2a1d15", "#4a3020", "#7a4a2a", "#b07a3a", "#d8b26a", "#8a8a86", "#1b1b1b"]
CLOTHES = ["#1d4a36", "#2f6690", "#b5462c", "#3a3a3a", "#e9c46a", "#8c4a2f", "#7fb069"]
HAIRSTYLES = ("short", "bob", "long", "bun", "curls", "crop")


def portrait_geometry(size):
    """The head's centre and half-width: `images.demo_image` puts the focal point there."""
    width, height = size
    return width / 2, height / 4 + width / 5, width / 5


def portrait(seed: str, size, palette: str = "meadow") -> Image.Image:
    """A stylised person, head and shoulders, before a wall with a soft disc of colour; skin,
    hair, hairstyle and clothes vary with the seed."""
    width, height = size
    rng = seeded("portrait", seed)
    c = Canvas(size)
    wall = SETTINGS[palette][0]
    accents = ACCENTS[palette]
    with c.layer(wall, shade="v") as d:
        d.rectangle(c.box(0, 0, width, height), fill=255)
    cx, cy, r = portrait_geometry(size)
    with c.layer(mix(rng.choice(accents[2:]), wall, 0.35), shade="top") as d:
        d.ellipse(c.box(cx - r * 2.1, cy - r * 2.1, cx + r * 2.1, cy + r * 2.1), fill=255)
    skin, hair = rng.choice(SKIN), rng.choice(HAIR)
    clothes = rng.choice([colour for colour in CLOTHES if colour not in accents[:1]])
    style = rng.choice(HAIRSTYLES)
    head_w, head_h = r * 0.78, r * 1.0
    if style == "long":  # hair falls behind the shoulders
        with c.layer(hair, shade="cyl") as d:
            d.rounded_rectangle(
                c.box(cx - head_w * 1.25, cy - head_h * 1.0, cx + head_w * 1.25, cy + head_h * 2.2),
                radius=c.k(r * 0.9),
                fill=255,
            )
    shoulders = cy + head_h * 1.35
    with c.layer(clothes, shade="cyl", cast=(r * 0.06, r * 0.06, r * 0.2, 0.3)) as d:
        d.rounded_rectangle(
            c.box(cx - width * 0.42, shoulders, cx + width * 0.42, height + r),
            radius=c.k(r * 1.1),
            fill=255,
        )
    with c.layer(skin, shade="cyl") as d:  # neck and the neckline
        d.rectangle(
            c.box(cx - head_w * 0.42, cy + head_h * 0.6, cx + head_w * 0.42, shoulders + r * 0.2),
            fill=255,
        )
        d.chord(
            c.box(
                cx - head_w * 0.55, shoulders - r * 0.45, cx + head_w * 0.55, shoulders + r * 0.6
            ),
            0,
            180,
            fill=255,
        )
    with c.layer(
        mix(skin, "#000000", 0.25), shade="flat", opacity=160
    ) as d:  # shadow under the chin
        d.chord(
            c.box(cx - head_w * 0.45, cy + head_h * 0.45, cx + head_w * 0.45, cy + head_h * 1.05),
            0,
            180,
            fill=255,
        )
    with c.layer(skin, shade="cyl") as d:  # ears and face
        d.ellipse(
            c.box(cx - head_w * 1.1, cy - head_h * 0.1, cx - head_w * 0.8, cy + head_h * 0.35),
            fill=255,
        )
        d.ellipse(
            c.box(cx + head_w * 0.8, cy - head_h * 0.1, cx + head_w * 1.1, cy + head_h * 0.35),
            fill=255,
        )
        d.ellipse(c.box(cx - head_w, cy - head_h, cx + head_w, cy + head_h * 0.85), fill=255)
    with c.layer(mix(skin, "#c0504d", 0.25), shade="top", opacity=90) as d:  # cheeks
        d.ellipse(
            c.box(cx - head_w * 0.7, cy + head_h * 0.15, cx - head_w * 0.35, cy + head_h * 0.4),
            fill=255,
        )
        d.ellipse(
            c.box(cx + head_w * 0.35, cy + head_h * 0.15, cx + head_w * 0.7, cy + head_h * 0.4),
            fill=255,
        )
    with c.layer(mix(skin, "#000000", 0.55), shade="top") as d:  # a quiet face: eyes and a smile
        for ex in (-0.36, 0.36):
            d.ellipse(
                c.box(
                    cx + ex * head_w - r * 0.05,
                    cy - r * 0.02,
                    cx + ex * head_w + r * 0.05,
                    cy + r * 0.1,
                ),
                fill=255,
            )
        d.arc(
            c.box(cx - head_w * 0.25, cy + head_h * 0.2, cx + head_w * 0.25, cy + head_h * 0.5),
            20,
            160,
            fill=255,
            width=c.k(r * 0.035),
        )
    with c.layer(hair, shade="cyl") as d:
        top = c.box(cx - head_w * 1.06, cy - head_h * 1.1, cx + head_w * 1.06, cy + head_h * 0.25)
        if style in ("short", "crop"):
            d.chord(top, 180, 360, fill=255)
            if style == "short":
                d.polygon(
                    c.pts(
                        [
                            (cx - head_w * 1.0, cy - head_h * 0.4),
                            (cx + head_w * 0.2, cy - head_h * 0.9),
                            (cx - head_w * 0.2, cy - head_h * 0.35),
                        ]
                    ),
                    fill=255,
                )
        elif style == "bob":
            d.chord(top, 170, 370, fill=255)
            d.rounded_rectangle(
                c.box(cx - head_w * 1.12, cy - head_h * 0.5, cx - head_w * 0.7, cy + head_h * 0.7),
                radius=c.k(r * 0.2),
                fill=255,
            )
            d.rounded_rectangle(
                c.box(cx + head_w * 0.7, cy - head_h * 0.5, cx + head_w * 1.12, cy + head_h * 0.7),
                radius=c.k(r * 0.2),
                fill=255,
            )
        elif style == "long":
            d.chord(top, 175, 365, fill=255)
            d.polygon(
                c.pts(
                    [
                        (cx - head_w, cy - head_h * 0.5),
                        (cx + head_w * 0.5, cy - head_h * 0.95),
                        (cx + head_w * 0.3, cy - head_h * 0.3),
                    ]
                ),
                fill=255,
            )
        elif style == "bun":
            d.chord(top, 180, 360, fill=255)
            d.ellipse(
                c.box(
                    cx - head_w * 0.45, cy - head_h * 1.65, cx + head_w * 0.45, cy - head_h * 0.8
                ),
                fill=255,
            )
        else:  # curls
            for angle in range(160, 390, 18):
                a = math.radians(angle)
                px, py = (
                    cx + head_w * 0.95 * math.cos(a),
                    cy - head_h * 0.2 + head_h * 0.85 * math.sin(a),
                )
                d.ellipse(
                    c.box(px - r * 0.28, py - r * 0.28, px + r * 0.28, py + r * 0.28), fill=255
                )
    if rng.random() < 0.3:  # glasses
        with c.flat("#2b2b2b") as d:
            for ex in (-0.36, 0.36):
                d.ellipse(
                    c.box(
                        cx + ex * head_w - r * 0.2,
                        cy - r * 0.14,
                        cx + ex * head_w + r * 0.2,
                        cy + r * 0.22,
                    ),
                    outline=255,
                    width=c.k(r * 0.035),
                )
            d.line(
                c.pts([(cx - head_w * 0.16, cy), (cx + head_w * 0.16, cy)]),
                fill=255,
                width=c.k(r * 0.03),
            )
    return c.finish(("portrait", seed))


# The sample feed's product photos ------------------------------------------------------------


def sample_photos(feed: dict):
    """(file name in the feed, product type, colour, view, seed) for every picture the sample
    feed names: view 1 in the first variant's colour, view 2 a close-up in the second's."""
    for product in feed["products"]:
        colours = [
            COLOURS.get(variant.get("options", {}).get("color", {}).get("en", ""))
            for variant in product["variants"]
        ]
        for image in product["images"]:
            view = image["position"]
            colour = colours[min(view, len(colours)) - 1] if colours else None
            yield image["url"], product["product_type"], colour, view, product["external_id"]


def sample_photo(kind, colour, view, seed) -> bytes:
    return jpeg(still_life(kind, (1200, 900), colour, view, seed))


# Placeholder marks for the funding notice's logos: neutral shapes in grey, no copy of any real
# emblem and no text (the library title names each: "EU-Emblem (Platzhalter)").
MARK_SHAPES = ("circle", "square", "triangle", "diamond")


def placeholder_mark(size=(360, 160), shape="circle") -> Image.Image:
    """A plain stand-in for a funder's logo: on white, a grey shape and three bars where a
    wordmark would stand, framed by a thin dashed line."""
    width, height = size
    k = SUPERSAMPLE
    image = Image.new("RGB", (width * k, height * k), "#ffffff")
    d = ImageDraw.Draw(image)
    grey, light = "#5f6368", "#bfc3c7"
    dash = 10 * k
    for x in range(0, width * k, 2 * dash):  # the dashed frame
        d.line([(x, k), (x + dash, k)], fill=light, width=2 * k)
        d.line([(x, height * k - 2 * k), (x + dash, height * k - 2 * k)], fill=light, width=2 * k)
    for y in range(0, height * k, 2 * dash):
        d.line([(k, y), (k, y + dash)], fill=light, width=2 * k)
        d.line([(width * k - 2 * k, y), (width * k - 2 * k, y + dash)], fill=light, width=2 * k)
    side = height * 0.56 * k
    x0, y0 = height * 0.22 * k, height * 0.22 * k
    x1, y1 = x0 + side, y0 + side
    if shape == "circle":
        d.ellipse([x0, y0, x1, y1], fill=grey)
    elif shape == "square":
        d.rectangle([x0, y0, x1, y1], fill=grey)
    elif shape == "triangle":
        d.polygon([((x0 + x1) / 2, y0), (x1, y1), (x0, y1)], fill=grey)
    else:
        d.polygon(
            [((x0 + x1) / 2, y0), (x1, (y0 + y1) / 2), ((x0 + x1) / 2, y1), (x0, (y0 + y1) / 2)],
            fill=grey,
        )
    left = x1 + height * 0.18 * k
    for row, length in enumerate((0.9, 0.7, 0.5)):
        top = y0 + row * side / 3 + side / 12
        right = left + (width * k - left - height * 0.2 * k) * length
        d.rectangle([left, top, right, top + side / 6], fill=grey if row == 0 else light)
    return image.resize(size, Image.LANCZOS)
