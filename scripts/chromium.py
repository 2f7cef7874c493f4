"""The system Chromium's switches, one list for every headless run of it.

The system Chromium without its calls home (RECIPES.md): every request must stay on loopback.
Used by the browser tests (tests/browser/conftest.py), the screenshots and the contact sheet
(scripts/screenshot.py, scripts/contact_sheet.py) and Lighthouse (bench/lighthouse, which reads
them from `python scripts/chromium.py`, one line, separated by spaces).
"""

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

if __name__ == "__main__":
    print(" ".join(CHROMIUM_ARGS))
