"""The partner feed on the demo catalogue: the same products in every language under ids that a
catalogue sync does not change, and a sync that changes nothing leaves the validators as they
were."""

import pytest

from catalogue.sample import SAMPLE_FEED
from catalogue.sync.engine import run_sync
from partner_feed.models import FeedAccess

pytestmark = pytest.mark.django_db

URL = "/api/v1/products.json"


def feed(client, code):
    response = client.get(URL, {"lang": code})
    assert response.status_code == 200
    return response


def test_ids_are_stable_across_a_resync_in_every_language(client, demo):
    access = FeedAccess.load()
    access.public = True
    access.save()
    first = {code: feed(client, code) for code in ("de", "en", "nl", "fr")}
    ids = {code: [item["productID"] for item in r.json()["products"]] for code, r in first.items()}
    assert ids["de"] and all(found == ids["de"] for found in ids.values())
    names = {
        code: {item["productID"]: item["name"] for item in r.json()["products"]}["MAN-0001"]
        for code, r in first.items()
    }
    assert names["en"] == "Depot bag made from tram seat fabric"
    assert len(set(names.values())) == 4  # each language its own name

    assert run_sync(str(SAMPLE_FEED)).ok
    for code, before in first.items():
        again = client.get(URL, {"lang": code}, headers={"if-none-match": before["ETag"]})
        assert again.status_code == 304, code
        after = feed(client, code).json()
        assert [item["productID"] for item in after["products"]] == ids[code]


def test_the_demo_has_one_partner_key_whose_value_nobody_printed(demo):
    from demo.partner_feed import DEMO_PARTNER, demo_partner_key
    from partner_feed.models import PartnerKey

    [row] = PartnerKey.objects.filter(partner=DEMO_PARTNER)
    assert len(row.key_digest) == 64 and not row.revoked
    printed = []
    assert demo_partner_key(log=printed.append) == row  # a second run keeps it
    assert printed == []
