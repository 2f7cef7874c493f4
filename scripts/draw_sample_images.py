"""Draws the sample catalogue feed's product photos (site/catalogue/fixtures/sample/images/).

    python scripts/draw_sample_images.py          # (re)write the JPEGs the feed names
    python scripts/draw_sample_images.py --check  # exit 1 when a committed JPEG is not the drawing

The photos are still lifes drawn by `demo.drawing` from each product's type and variant
colours, with no text in them (the same picture is shown on every language's pages). The output
is deterministic, and tests/catalogue/test_sample_images.py holds the committed files to it:
change the drawing and rerun this script, never edit the JPEGs by hand.
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "site"))

from demo.drawing import sample_photo, sample_photos  # noqa: E402

SAMPLE_DIR = ROOT / "site" / "catalogue" / "fixtures" / "sample"


def main(check: bool) -> int:
    feed = json.loads((SAMPLE_DIR / "catalogue.json").read_text())
    stale = []
    for url, kind, colour, view, seed in sample_photos(feed):
        path = SAMPLE_DIR / url
        data = sample_photo(kind, colour, view, seed)
        if check:
            if not path.exists() or path.read_bytes() != data:
                stale.append(url)
            continue
        path.write_bytes(data)
        print(f"{url}: {kind}, view {view}, {len(data) // 1024} KB")
    for url in stale:
        print(f"{url} is not what the drawing makes: run scripts/draw_sample_images.py")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main("--check" in sys.argv[1:]))
