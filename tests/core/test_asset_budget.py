"""The size budget: the CSS and JavaScript a page loads stay under 50 KB compressed.

A phone on a slow connection downloads these before the page is usable; the budget keeps a
design change from adding a framework by the way. Sizes are gzip at level 9, as WhiteNoise
stores them beside the files (Brotli, which browsers prefer, is smaller still).
"""

import gzip
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.staticfiles import finders

from tests.browser.pages import DEFAULT_LANGUAGE, PAGE_TYPES

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
BUDGET = 50 * 1024  # bytes, compressed


def assets(html: str) -> list[str]:
    """The stylesheets and scripts a page loads: link and script elements that name a file."""
    soup = BeautifulSoup(html, "html.parser")
    urls = [
        link["href"]
        for link in soup.find_all("link", href=True)
        if {"stylesheet", "preload", "modulepreload"} & set(link.get("rel", []))
        and link["href"].split("?")[0].endswith((".css", ".js"))
    ]
    urls += [script["src"] for script in soup.find_all("script", src=True)]
    return list(dict.fromkeys(urls))


def compressed_size(url: str) -> int:
    assert url.startswith(settings.STATIC_URL), f"{url} is not one of the site's static files"
    path = finders.find(url.removeprefix(settings.STATIC_URL).split("?")[0])
    assert path, f"{url} does not exist"
    with open(path, "rb") as f:
        return len(gzip.compress(f.read(), compresslevel=9))


@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=str)
def test_css_and_js_of_each_page_stay_under_50_kb_compressed(client, demo, page_type):
    response = client.get(page_type.paths[DEFAULT_LANGUAGE])
    assert response.status_code == page_type.status
    urls = assets(response.content.decode())
    assert any(url.endswith(".css") for url in urls)  # the budget measures something
    sizes = {url: compressed_size(url) for url in urls}
    assert sum(sizes.values()) < BUDGET, sizes


def _unbalanced_brace(css: str) -> int | None:
    """The line of the first brace that closes nothing, or of the last block left open."""
    css = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group().count("\n"), css, flags=re.S)
    css = re.sub(r"\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'", "''", css)
    open_at = []
    for number, line in enumerate(css.split("\n"), 1):
        for char in line:
            if char == "{":
                open_at.append(number)
            elif char == "}":
                if not open_at:
                    return number
                open_at.pop()
    return open_at[-1] if open_at else None


@pytest.mark.parametrize("path", sorted((ROOT / "static").glob("**/*.css")), ids=lambda p: p.name)
def test_every_stylesheet_closes_its_blocks(path):
    """A block left open swallows every rule after it without a word from the browser (a merge
    once lost the brace that closed a media query, and the search page showed unstyled)."""
    assert _unbalanced_brace(path.read_text(encoding="utf-8")) is None, (
        f"{path.name}: unbalanced brace at line {_unbalanced_brace(path.read_text(encoding='utf-8'))}"
    )


def test_the_brace_check_finds_an_open_block():
    assert _unbalanced_brace("a { color: red; }\n@media (min-width: 1px) {\n  b { x: y; }\n") == 2
    assert _unbalanced_brace("a { content: '}'; }\n/* { */ b {}\n") is None
    assert _unbalanced_brace("a {}\n}\n") == 2
