"""The bundled sample feed (`fixtures/sample/`, format in its SPEC.md): the catalogue's own example
of the feed. The demo syncs it (`demo.catalogue`), the dev settings offer it as the feed, and the
sync tests read it, so it stays with the catalogue rather than in the demo app."""

from pathlib import Path

SAMPLE_DIR = Path(__file__).resolve().parent / "fixtures" / "sample"
SAMPLE_FEED = SAMPLE_DIR / "catalogue.json"
