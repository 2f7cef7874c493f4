"""One grid: every page lines its content up on the same edges, and short card rows do not strand.

The layout (static/css/site.css, "Grid") has one content edge, the wide edge, shared by the header,
every section of <main> and the footer; two-column pages (designer, product, story) add one inset,
the start of their second column. A visitor sees a page whose headings, paragraphs and card rows
start on one line (or two, on those pages) instead of on three or four, and rows with fewer cards
than columns that fill the row or sit in its middle instead of leaving its right end empty.
"""

from functools import cache

import pytest

from tests.browser.conftest import EVERY_IMAGE_LOADED
from tests.browser.pages import LANGUAGES, PAGE_TYPES, WIDTHS, PageType

pytestmark = [pytest.mark.browser, pytest.mark.layout, pytest.mark.django_db]

# The search page is no PageType (it has no translations to link); its results are cards too.
SEARCH = {
    code: f"/{code}/{path}/?q=Hocker"
    for code, path in {"de": "suche", "en": "search", "nl": "zoeken", "fr": "recherche"}.items()
}

PAGES = [
    pytest.param(page_type, code, width, id=f"{page_type}-{code}-{width}")
    for page_type in PAGE_TYPES
    for code in LANGUAGES
    if code in page_type.paths  # a German-only page (Leichte Sprache) is checked in German
    for width in WIDTHS
]

# One JS call per page: the left edges of the blocks a reader lines up by eye, and the empty space
# left and right of the cards in each card row.
MEASURE = """() => {
    const main = document.querySelector("main");
    const viewport = document.documentElement.clientWidth;
    const visible = (el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== "hidden";
    };
    // A box (card, panel, call to action) narrower than the page insets its contents by its own
    // padding: its edge counts, the text inside it does not. A full-width band (the home hero)
    // is no edge itself; its contents are measured.
    const isBox = (el) => {
        const s = getComputedStyle(el);
        const painted = s.backgroundColor !== "rgba(0, 0, 0, 0)" || s.backgroundImage !== "none"
            || s.boxShadow !== "none" || parseFloat(s.borderLeftWidth) > 0;
        return painted && el.getBoundingClientRect().width < viewport - 1;
    };
    const inBoxOrItem = (el) => {
        for (let a = el.parentElement; a && a !== main; a = a.parentElement) {
            if (isBox(a) || ["LI", "FIGURE", "BLOCKQUOTE", "TABLE", "DL", "ADDRESS"].includes(a.tagName)) {
                return true;
            }
        }
        return false;
    };
    const describe = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
        + (el.classList.length ? "." + [...el.classList].join(".") : "");
    const edges = [];
    const add = (el, contentBox) => {
        if (!visible(el) || inBoxOrItem(el)) return;
        const r = el.getBoundingClientRect();
        const s = getComputedStyle(el);
        if (r.width >= viewport - 1 && parseFloat(s.paddingLeft) === 0) return;  // a full-width band
        let left = r.left;
        if (contentBox && !isBox(el)) left += parseFloat(s.paddingLeft) + parseFloat(s.borderLeftWidth);
        edges.push([Math.round(left), describe(el)]);
    };
    const wordmark = document.querySelector(".site-header .wordmark");
    if (wordmark) add(wordmark, false);
    for (const el of main.querySelectorAll(":scope > *, :scope > * > *, .stream > *")) add(el, true);
    for (const el of main.querySelectorAll("h1, h2")) add(el, false);
    for (const el of main.querySelectorAll("section, header, article, .prose")) {
        const first = el.querySelector(":scope > p");
        if (first) add(first, false);
    }
    const isGrid = (el) => el && getComputedStyle(el).display === "grid";
    const grids = [...main.querySelectorAll("*")].filter((el) => isGrid(el) && visible(el));
    // A grid inside a column of another grid (the shops of one city among others) starts where
    // its column starts: that column's edge is measured, not the grid's.
    for (const el of grids) if (!isGrid(el.parentElement.parentElement)) add(el, true);
    const footer = document.querySelector(".site-footer__inner");
    const footerEdge = footer.getBoundingClientRect().left + parseFloat(getComputedStyle(footer).paddingLeft);
    edges.push([Math.round(footerEdge), "footer inner"]);

    // Card rows: a grid whose children are all of one kind (cards, portraits, shops, facts).
    const rows = [];
    for (const el of grids) {
        const items = [...el.children].filter(visible);
        if (items.length === 0 || inBoxOrItem(el)) continue;
        // One kind: the same element with the same first class (a card's own inner grid, a
        // picture beside a text, is no row of cards).
        if (new Set(items.map((i) => `${i.tagName}.${i.classList[0] || ""}`)).size !== 1) continue;
        const r = el.getBoundingClientRect();
        const s = getComputedStyle(el);
        const start = r.left + parseFloat(s.paddingLeft) + parseFloat(s.borderLeftWidth);
        const end = r.right - parseFloat(s.paddingRight) - parseFloat(s.borderRightWidth);
        const lefts = items.map((i) => i.getBoundingClientRect().left);
        const rights = items.map((i) => i.getBoundingClientRect().right);
        rows.push({
            row: describe(el), items: items.length,
            emptyLeft: Math.round(Math.min(...lefts) - start),
            emptyRight: Math.round(end - Math.max(...rights)),
        });
    }
    return {edges, footerEdge: Math.round(footerEdge), rows};
}"""


def positions(edges: list[tuple[int, str]]) -> dict[int, list[str]]:
    """The distinct left edges (1 px apart counts as the same: sub-pixel rounding) with what is on each."""
    grouped: dict[int, list[str]] = {}
    for left, what in sorted(edges):
        near = next((p for p in grouped if abs(p - left) <= 1), None)
        grouped.setdefault(left if near is None else near, []).append(what)
    return grouped


ALL_PATHS = [page_type.paths for page_type in PAGE_TYPES] + [SEARCH]


@pytest.fixture(scope="module")
def measured(browser, site_url):
    """`measured(path, code)`: {"status": the response's, width name: MEASURE's finding there}.

    One browser page per language opens each page once and resizes the viewport between the
    widths, as test_layout_checks.py does: the measures equal those of a fresh visitor at each
    width (compared for every page type, language and width: 228 cases, no difference) for a
    quarter of the time."""
    results = {}

    @cache
    def of_language(code: str) -> None:
        first = WIDTHS[next(iter(WIDTHS))]
        context = browser.new_context(viewport={"width": first[0], "height": first[1]})
        try:
            page = context.new_page()
            paths = [types[code] for types in ALL_PATHS if code in types]
            for path in paths:
                page.set_viewport_size({"width": first[0], "height": first[1]})
                response = page.goto(site_url + path, timeout=120_000)  # renditions on first view
                page.evaluate(EVERY_IMAGE_LOADED)
                results[path] = {"status": response.status}
                for name, (width, height) in WIDTHS.items():
                    page.set_viewport_size({"width": width, "height": height})
                    results[path][name] = page.evaluate(MEASURE)
        finally:
            context.close()

    def measure(path: str, code: str) -> dict:
        of_language(code)
        return results[path]

    return measure


def check_grid(result: dict, where: str) -> None:
    grouped = positions([tuple(edge) for edge in result["edges"]])
    listing = "\n".join(
        f"  {left} px: {', '.join(sorted(set(what)))}" for left, what in grouped.items()
    )
    assert len(grouped) <= 2, f"{where}: content starts on {len(grouped)} left edges:\n{listing}"
    assert min(grouped) >= result["footerEdge"] - 1, (
        f"{where}: content starts left of the page's edge ({result['footerEdge']} px):\n{listing}"
    )
    stranded = [row for row in result["rows"] if abs(row["emptyLeft"] - row["emptyRight"]) > 2]
    assert not stranded, f"{where}: card rows neither fill nor centre: " + "; ".join(
        f"{row['row']} ({row['items']} items): {row['emptyLeft']} px empty left, "
        f"{row['emptyRight']} px right"
        for row in stranded
    )


@pytest.mark.parametrize(("page_type", "code", "width"), PAGES)
def test_page_content_shares_one_grid(measured, page_type: PageType, code: str, width: str):
    result = measured(page_type.paths[code], code)
    assert result["status"] == page_type.status
    check_grid(result[width], f"{page_type} ({code}, {width})")


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("code", LANGUAGES)
def test_search_page_shares_the_grid(measured, code: str, width: str):
    result = measured(SEARCH[code], code)
    assert result["status"] == 200
    check_grid(result[width], f"search ({code}, {width})")


# -- The check itself can fail --------------------------------------------------------------------

SNIPPET = """<!doctype html><html lang="de"><body style="margin:0">
<header class="site-header"><a class="wordmark" href="/" style="margin-left:%dpx">Wortmarke</a></header>
<main><h1 style="margin-left:24px">Titel</h1><p style="margin-left:40px">Ein Absatz.</p>
<section><div style="display:grid;grid-template-columns:repeat(3,100px);margin-left:24px">
<article class="card">Eins</article><article class="card">Zwei</article></div></section></main>
<footer><div class="site-footer__inner" style="padding-left:24px">Fuß</div></footer>
</body></html>"""


def test_the_check_finds_a_third_edge_and_a_stranded_row(browser):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        page.set_content(SNIPPET % 60)
        result = page.evaluate(MEASURE)
    finally:
        page.close()
    with pytest.raises(AssertionError, match="content starts on 3 left edges"):
        check_grid(result, "snippet")
    # The same page with its edges lined up still has a row of two cards in three columns,
    # its right third empty.
    result["edges"] = [edge for edge in result["edges"] if edge[0] != 40]
    with pytest.raises(AssertionError, match="card rows neither fill nor centre"):
        check_grid(result, "snippet")
