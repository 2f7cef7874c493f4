"""A visitor's request as tests read it: what the page shows, and what it asked the database.

Shared by the tests that compare pages before and after a change (content, tree, rows,
addresses, fragments, cards), so that each reads a page the same way.
"""

import html

from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.typography import SOFT_HYPHEN


def shown(client, url, unescape=False) -> str:
    """The page at `url` (which must answer 200) as text, without the soft hyphens the site
    sets in long words; `unescape=True`: with HTML entities decoded (`&amp;` as `&`), for
    comparing texts and addresses as a visitor reads them."""
    response = client.get(url)
    assert response.status_code == 200, url
    text = response.content.decode()
    return (html.unescape(text) if unescape else text).replace(SOFT_HYPHEN, "")


def queries_asked(client, url) -> list[str]:
    """The SQL of every query one GET of `url` (which must answer 200) asked."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200, url
    return [query["sql"] for query in captured.captured_queries]


def queries(client, url) -> int:
    """How many queries one GET of `url` (which must answer 200) asked."""
    return len(queries_asked(client, url))
