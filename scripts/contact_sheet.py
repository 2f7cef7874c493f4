"""A contact sheet of the site: every page type in every language, one image per width.

    .venv/bin/python scripts/contact_sheet.py http://127.0.0.1:8000

against a running demo site (`make run`). Rows are the page types of the browser tests
(tests/browser/pages.py, the search with and without results among them); columns are the languages.
Each cell is the top of the page as a phone (390 px) or a desktop (1280 px) shows it, scaled
down and labelled. Writes artifacts/contact-sheet-390.png and artifacts/contact-sheet-1280.png
(a few hundred KB each): look at both before committing a change to templates or CSS; a page
that passes every check can still look broken next to its neighbours.
"""

import argparse
import io
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "site"), str(ROOT)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django  # noqa: E402

django.setup()

from PIL import Image, ImageDraw, ImageFont  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402
from scripts.chromium import CHROMIUM_ARGS  # noqa: E402
from tests.browser.pages import LANGUAGES, PAGE_TYPES  # noqa: E402

# Viewport (width, height) and the width of a cell in the sheet.
WIDTHS = {390: ((390, 844), 195), 1280: ((1280, 800), 320)}
LABEL = 22  # px of caption above each cell
ROW_LABEL = 130  # px of the column with the page type's name
BACKGROUND, INK, FRAME = "#ffffff", "#1a1a1a", "#c8c8c8"


def rows() -> list[tuple[str, dict[str, str]]]:
    """(name, {language: path}) for every page type, the search with, without and before results
    among them."""
    return [(page.name, page.paths) for page in PAGE_TYPES]


def font(size: int):
    for path in (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    ):
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default()


def shoot(browser, base: str, width: int, pages) -> dict[tuple[str, str], Image.Image]:
    (viewport_w, viewport_h), cell_w = WIDTHS[width]
    page = browser.new_page(viewport={"width": viewport_w, "height": viewport_h})
    shots = {}
    for name, paths in pages:
        for code in LANGUAGES:
            url = base.rstrip("/") + paths[code]
            page.goto(url, wait_until="networkidle")
            picture = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
            cell_h = round(picture.height * cell_w / picture.width)
            shots[name, code] = picture.resize((cell_w, cell_h), Image.LANCZOS)
            print(f"{width} px  {url}", file=sys.stderr)
    page.close()
    return shots


def sheet(width: int, pages, shots) -> Image.Image:
    cell_w = WIDTHS[width][1]
    cell_h = max(shot.height for shot in shots.values())
    gap = 8
    total_w = ROW_LABEL + len(LANGUAGES) * (cell_w + gap) + gap
    total_h = LABEL + len(pages) * (cell_h + LABEL + gap) + gap
    image = Image.new("RGB", (total_w, total_h), BACKGROUND)
    draw = ImageDraw.Draw(image)
    small, bold = font(12), font(14)
    for column, code in enumerate(LANGUAGES):
        x = ROW_LABEL + gap + column * (cell_w + gap)
        draw.text((x, 4), code, fill=INK, font=bold)
    for row, (name, paths) in enumerate(pages):
        y = LABEL + gap + row * (cell_h + LABEL + gap)
        draw.text((8, y + LABEL + 4), name, fill=INK, font=bold)
        for column, code in enumerate(LANGUAGES):
            x = ROW_LABEL + gap + column * (cell_w + gap)
            draw.text((x, y + 4), paths[code][: cell_w // 7], fill=INK, font=small)
            shot = shots[name, code]
            image.paste(shot, (x, y + LABEL))
            draw.rectangle(
                (x - 1, y + LABEL - 1, x + shot.width, y + LABEL + shot.height), outline=FRAME
            )
    return image


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", help="address of the running site, e.g. http://127.0.0.1:8000")
    parser.add_argument("--out", type=Path, default=ROOT / "artifacts")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    pages = rows()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        for width in WIDTHS:
            image = sheet(width, pages, shoot(browser, args.url, width, pages))
            path = args.out / f"contact-sheet-{width}.png"
            # 256 colours keep the sheet at a few hundred KB; it is for looking, not printing.
            image.quantize(256, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)
            print(f"{path} ({path.stat().st_size // 1024} KB)")
        browser.close()


if __name__ == "__main__":
    main()
