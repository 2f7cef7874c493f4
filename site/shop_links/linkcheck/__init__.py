"""The link checker: whether the shops' addresses still answer, and how editors see it.

- `check`: the checker itself, the engine of `manage.py check_shop_links` (logs to
  `shop_links.linkcheck`).
- `status`: how its findings read in the admin (listings, edit forms, report, dashboard).
- `panels`: the read-only link status on a retailer's or stockist link's edit form.
- `admin`: the "Defekte Shop-Links" report and the dashboard panel (imported by
  `wagtail_hooks`).
"""

from shop_links.linkcheck.check import Outcome, Summary, points_inside, run

__all__ = ["Outcome", "Summary", "points_inside", "run"]
