"""The documentation a newcomer reads: a short README that leads into docs/, links that arrive
where they say (a file, and a heading on GitHub's rendering), and a configuration page that
explains every setting the site reads and every line of deploy/env.example."""

import re
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
PAGES = [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]
CONFIGURATION = DOCS / "configuration.md"

LINK = re.compile(r"(?<!!)\[(?:[^\[\]]|\[[^\]]*\])*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")


def prose_lines(text: str):
    """The lines outside fenced code blocks (which render no links or headings)."""
    fenced = False
    for line in text.splitlines():
        if FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            yield line


def github_slug(heading: str) -> str:
    """The anchor GitHub gives a heading: its rendered text in lower case, every character but
    letters, digits, spaces, hyphens and underscores dropped, spaces turned into hyphens."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link's text only
    text = re.sub(r"<[^>]+>", "", text).replace("`", "").lower()
    kept = "".join(ch for ch in text if ch in " -_" or unicodedata.category(ch)[0] in {"L", "N"})
    return kept.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    found, seen = set(), {}
    for line in prose_lines(path.read_text()):
        match = HEADING.match(line)
        if not match:
            continue
        slug = github_slug(match.group(2))
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        found.add(slug if count == 0 else f"{slug}-{count}")
    return found


def relative_links(path: Path) -> list[str]:
    links = []
    for line in prose_lines(path.read_text()):
        line = re.sub(r"`[^`]*`", "", line)
        links += [
            target for target in LINK.findall(line) if not re.match(r"^[a-z][a-z0-9+.-]*:", target)
        ]
    return links


def settings_read_by_the_site() -> set[str]:
    """Every environment variable the settings read through the helpers of config/env.py."""
    names = set()
    for source in (ROOT / "site" / "config").rglob("*.py"):
        names |= set(re.findall(r"env_\w+\(\s*\"([A-Z][A-Z0-9_]*)\"", source.read_text()))
    return names


def documented_settings() -> set[str]:
    """The names the configuration page's table explains (first column, each in backticks)."""
    names = set()
    for line in CONFIGURATION.read_text().splitlines():
        if line.startswith("| `"):
            first_column = line.split("|")[1]
            names |= set(re.findall(r"`([A-Z][A-Z0-9_]*)`", first_column))
    return names


@pytest.mark.parametrize(
    ("heading", "slug"),
    [
        ("First view (`bench/first_view`)", "first-view-benchfirst_view"),
        ("Shop links: where to buy", "shop-links-where-to-buy"),
        ("Editors' guide", "editors-guide"),
        ("Slugs, the language switcher and fallbacks", "slugs-the-language-switcher-and-fallbacks"),
        ("Übersetzungen — Prüfung", "übersetzungen--prüfung"),
    ],
)
def test_anchors_are_made_as_github_makes_them(heading, slug):
    assert github_slug(heading) == slug


def test_the_readme_stays_short_and_leads_into_the_docs():
    readme = ROOT / "README.md"
    assert readme.stat().st_size < 12 * 1024, "the README grew past 12 KB: move the detail to docs/"
    text = readme.read_text()
    assert "make run" in text and "make test" in text
    linked = {target.split("#")[0] for target in relative_links(readme)}
    assert {f"docs/{page.name}" for page in DOCS.glob("*.md")} <= linked, (
        "a docs/ page the README does not link"
    )


@pytest.mark.parametrize("page", PAGES, ids=lambda page: str(page.relative_to(ROOT)))
def test_every_relative_link_arrives(page):
    broken = []
    for target in relative_links(page):
        path, _, fragment = target.partition("#")
        destination = (page.parent / path).resolve() if path else page
        if not destination.exists():
            broken.append(f"{target}: no file {destination.relative_to(ROOT)}")
        elif fragment and destination.suffix == ".md" and fragment not in anchors(destination):
            broken.append(f"{target}: no heading #{fragment} in {destination.relative_to(ROOT)}")
    assert broken == [], f"{page.relative_to(ROOT)}: " + "; ".join(broken)


def test_every_setting_the_site_reads_is_documented():
    read = settings_read_by_the_site()
    # The pattern still finds what the settings read.
    assert {"SECRET_KEY", "DATABASE_URL", "PAGE_CACHE_TIMEOUT"} <= read
    assert read - documented_settings() == set(), (
        "read by site/config but missing from docs/configuration.md"
    )


def test_every_setting_of_the_example_environment_is_documented():
    example = (ROOT / "deploy" / "env.example").read_text()
    listed = set(re.findall(r"^#?([A-Z][A-Z0-9_]*)=", example, re.MULTILINE))
    assert {"SECRET_KEY", "DJANGO_SETTINGS_MODULE"} <= listed
    assert listed - documented_settings() == set(), (
        "named in deploy/env.example but missing from docs/configuration.md"
    )
