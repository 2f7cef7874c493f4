"""How an outbound shop link looks on a page and where it finally leads.

Every link to a retailer goes through the counted first-party redirect `/go/<id>/` (a stockist
link) or `/go/shop/<id>/` (a retailer's website). The redirect looks its target up in the
database by id; the only query parameter it reads is `from`, the placement, which is counted and
never used to choose a destination.
"""

from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.urls import reverse

from shop_links.models import ClickCount, Retailer, StockistLink

Placement = ClickCount.Placement


def with_utm(url: str, *, campaign: str | None = None) -> str:
    """`url` with utm_source/utm_medium/utm_campaign added; parameters already there are kept."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    present = {key for key, _value in query}
    wanted = {
        "utm_source": settings.SHOP_LINKS_UTM_SOURCE,
        "utm_medium": "referral",
        "utm_campaign": campaign or settings.SHOP_LINKS_UTM_CAMPAIGN,
    }
    query += [(key, value) for key, value in wanted.items() if value and key not in present]
    return urlunsplit(parts._replace(query=urlencode(query)))


def destination(link: StockistLink | None = None, *, retailer: Retailer | None = None) -> str:
    """The address the redirect sends a visitor to, UTM parameters merged in."""
    url = link.target_url if link is not None else retailer.website
    return with_utm(url)


def go_url(
    link: StockistLink | None = None,
    *,
    retailer: Retailer | None = None,
    placement: str = Placement.OTHER,
) -> str:
    """The site-relative counted redirect for a stockist link or a retailer's website."""
    if link is not None:
        path = reverse("shop_links:go", args=[link.pk])
    else:
        path = reverse("shop_links:go_retailer", args=[retailer.pk])
    return f"{path}?{urlencode({'from': placement})}"


@dataclass(frozen=True)
class LinkAttrs:
    href: str
    rel: str
    target: str


def link_attrs(
    link: StockistLink | None = None,
    *,
    retailer: Retailer | None = None,
    placement: str = Placement.OTHER,
) -> LinkAttrs:
    """href/rel/target for an outbound link: `sponsored` only for paid placements, `noopener`
    only with a new tab; `nofollow` always, since the redirect is not for crawlers."""
    rel = ["nofollow"]
    new_tab = bool(link is not None and link.new_tab)
    if link is not None and link.paid:
        rel.insert(0, "sponsored")
    if new_tab:
        rel.append("noopener")
    return LinkAttrs(
        href=go_url(link, retailer=retailer, placement=placement),
        rel=" ".join(rel),
        target="_blank" if new_tab else "",
    )
