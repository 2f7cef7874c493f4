"""The exact number of queries each page type costs once the page frame is cached (and with it
the request's site, Locale, route and private sections: `core.routing`): rendered whole (no page
fragments, `core.fragments`), and with its fragments read from the cache as in production.

A change that adds a query to every page (or to one page type) shows here; lower the numbers
when a change saves queries. `bench/pages` prints the same counts next to render times.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        # Home and story: their streams' renditions are fetched where a stream is rendered, in a
        # query of their own (+1 for a whole render, none where the fragment is cached).
        ("/de/", 16),
        ("/fr/", 19),  # + the alt texts of the page's language (core.images.alt_for)
        ("/de/ueber-das-projekt/", 7),  # + the page an approach step links (the Depot's resources)
        ("/de/designerinnen/", 10),
        # How many products each shop has is kept with the structure (no query once counted);
        # + the events she is at (core.registry appearances: one query, outside the fragments as
        # it changes when an event ends); + her shops' rows asked by key, apart from the links to
        # them (a shop's change replaces the designer pages that list it only)
        ("/de/designerinnen/lena-hoffmann/", 17),
        ("/de/produkte/", 8),  # its count is kept with the structure (no query once counted)
        # German partner names: no query; + the events the product is shown at (appearances)
        ("/de/produkte/overhead-line-lamp/", 12),
        # Its German row found by its Dutch address in one query; the shops with their Dutch
        # texts: one query
        ("/nl/producten/overhead-line-lamp/", 16),
        ("/de/geschichten/", 8),
        ("/de/geschichten/arbeit-die-bleibt/", 28),  # so too in its chain block
        ("/de/impressum/", 4),
        ("/de/termine/", 7),  # upcoming, the past count and page, the image of the head
        ("/de/termine/gestaltungsmesse-rhein-ruhr/", 13),  # + designers and product cards
    ],
)
@pytest.mark.usefixtures("uncached_pages")
def test_queries_of_a_page(client, demo, path, expected):
    client.get(path)  # warm-up: the frame is cached, renditions exist
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    assert len(queries) > 0, "the queries of the request were not captured"
    assert len(queries) == expected


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/de/", 3),
        ("/fr/", 4),
        ("/de/ueber-das-projekt/", 1),
        ("/de/designerinnen/", 1),  # the list is a fragment per query: no row asked for
        # The events she is at kept for the day too; her portrait's renditions are fetched
        # only where a fragment that shows it is rendered (`BasePage.images_in_fragments`).
        ("/de/designerinnen/lena-hoffmann/", 1),
        ("/de/produkte/", 1),  # the listing is a fragment per query: no row asked for
        ("/de/produkte/overhead-line-lamp/", 2),  # the events it is shown at kept for the day
        ("/nl/producten/overhead-line-lamp/", 2),
        ("/de/geschichten/", 1),  # the same
        ("/de/geschichten/arbeit-die-bleibt/", 1),  # its hero image: the same
        ("/de/impressum/", 1),
        # The search itself only (pages searched and counted by kind, products counted and
        # searched): the result cards are kept (`SearchSource.card_name`). Rendered whole it
        # asks for each found page type's rows too, which depend on the database's stemming.
        ("/de/suche/?q=hocker", 4),
    ],
)
@pytest.mark.usefixtures("uncached_pages_with_fragments")
def test_queries_of_a_page_with_its_fragments_cached(client, demo, path, expected):
    client.get(path)  # warm-up: the frame and the fragments are cached, renditions exist
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    assert len(queries) > 0, "the queries of the request were not captured"
    assert len(queries) == expected
