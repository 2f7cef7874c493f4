"""Screenshots of pages at phone and desktop widths with the system Chromium.

    python scripts/screenshot.py http://127.0.0.1:8000/de/ http://127.0.0.1:8000/en/ ...

Writes artifacts/screenshots/<path>-<width>.png (full page) for each URL at 390 and 1280 px.
"""

import re
import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: scripts/ is on the path, the repository not

from scripts.chromium import CHROMIUM_ARGS  # noqa: E402

WIDTHS = {390: 844, 1280: 800}
OUT = ROOT / "artifacts" / "screenshots"


def main(urls: list[str]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        for width, height in WIDTHS.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            for url in urls:
                page.goto(url, wait_until="networkidle")
                # Scroll through the page so lazily loaded images are in the picture too.
                page.evaluate(
                    "async () => { for (let y = 0; y < document.body.scrollHeight; y += 400) "
                    "{ window.scrollTo(0, y); await new Promise(r => setTimeout(r, 50)); } "
                    "window.scrollTo(0, 0); }"
                )
                page.wait_for_load_state("networkidle")
                name = re.sub(r"[^a-z0-9]+", "-", url.split("://", 1)[-1].split("/", 1)[-1]).strip(
                    "-"
                )
                path = OUT / f"{name or 'root'}-{width}.png"
                page.screenshot(path=str(path), full_page=True)
                print(path)
            page.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1:])
