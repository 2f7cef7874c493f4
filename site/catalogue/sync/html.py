"""Descriptions arrive as HTML from a shop system; only a small safe subset is kept.

nh3 (the Rust `ammonia` sanitiser) does the parsing, so broken markup cannot smuggle anything
through a hand-written filter. Kept: paragraphs, line breaks, bold, italic, lists and links with
absolute http(s) addresses; everything else is unwrapped to its text, and script/style contents
are dropped entirely.
"""

import nh3

ALLOWED_TAGS = {"p", "br", "strong", "b", "em", "i", "ul", "ol", "li", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
DROPPED_WITH_CONTENT = {"script", "style", "template", "iframe", "object", "noscript"}


def clean_html(html: str) -> str:
    if not html:
        return ""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https"},
        url_relative="deny",
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()
