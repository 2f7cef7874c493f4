"""The demo's partner feed: one partner key, so that the admin's "Partner-Schlüssel" list shows
what a key looks like. Its plain value is made and dropped here, never printed or stored: only
its digest is kept (`partner_feed.models.PartnerKey`). To read the demo's feed, an editor makes a
key of their own (Einstellungen → Partner-Schlüssel → Hinzufügen), or switches the feed to public
(Einstellungen → Zugang zum Produkt-Feed). Idempotent: a second run leaves the key as it is.
"""

from partner_feed.models import PartnerKey

DEMO_PARTNER = "Fairhandelsportal (Demo)"
DEMO_NOTE = (
    "Beispiel: Das Portal liest den Katalog einmal am Tag als JSON in vier Sprachen. "
    "Vereinbart mit der Redaktion; Kontakt über das Partnerformular."
)


def demo_partner_key(log=print) -> PartnerKey:
    row = PartnerKey.objects.filter(partner=DEMO_PARTNER).first()
    if row is not None:
        return row
    row = PartnerKey(partner=DEMO_PARTNER, note=DEMO_NOTE)
    row.issue()  # the plain key is not kept: nobody can read it back
    row.save()
    log(f"Demo-Partnerschlüssel für „{DEMO_PARTNER}“ angelegt (Kennung {row.prefix}).")
    return row
