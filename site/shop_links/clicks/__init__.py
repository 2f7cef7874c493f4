"""Clicks on outbound shop links: counted, reported, nothing about the visitor kept.

- `counting`: whether a request to the counted redirect is a person's click, and adding one to
  the day's row (`ClickCount`); used by the redirect views (`shop_links.views`).
- `report`: the admin report "Klicks auf Shop-Links" over the daily counts, with its downloads.
- `admin`: the report's admin URLs, menu item and permission (imported by `wagtail_hooks`).

How an outbound link is written on a page (the counted redirect's address, rel, UTM) is
`shop_links.outbound`.
"""

from shop_links.clicks.counting import count_click, is_automated, placement_of, should_count

__all__ = ["count_click", "is_automated", "placement_of", "should_count"]
