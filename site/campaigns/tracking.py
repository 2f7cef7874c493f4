"""The query string a campaign page gives its enquiry links: the contract with the enquiry form.

A campaign page's call to action links to the enquiry form page the editor chose with
`?campaign=<campaign code>`, rendered on the server: the same for every visitor, so the page is
served from the page cache whatever query string the visitor came with. The `utm_*` parameters
of the visit are added in the browser by `static/js/utm-links.js` (links marked `data-utm`), from
the address bar; the form page passes them on the same way to the token it fetches
(`enquiries.spam`), where they are cleaned. Without JavaScript the link still names the campaign;
the visit's `utm_*` values are then not recorded. Nothing is stored here and nothing is set on
the visitor: the parameters only travel in the link.
"""

import re
from urllib.parse import urlencode

UTM_PARAMETERS = ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content")
MAX_VALUE_LENGTH = 100
CAMPAIGN_PARAMETER = "campaign"

_UNSAFE = re.compile(r"[^\w.+\- ]", re.UNICODE)
_SPACES = re.compile(r"\s+", re.UNICODE)


def clean_value(value: str) -> str:
    """`value` reduced to the safe alphabet, single spaces and `MAX_VALUE_LENGTH` characters."""
    value = _SPACES.sub(" ", value or "")
    value = _SPACES.sub(" ", _UNSAFE.sub("", value)).strip()
    return value[:MAX_VALUE_LENGTH].strip()


def with_campaign(url: str, campaign_code: str = "") -> str:
    """`url` (a page of this site) with the campaign code appended."""
    if not url:
        return ""
    code = clean_value(campaign_code)
    if not code:
        return url
    base, _hash, fragment = url.partition("#")
    separator = "&" if "?" in base else "?"
    result = f"{base}{separator}{urlencode([(CAMPAIGN_PARAMETER, code)])}"
    return f"{result}#{fragment}" if fragment else result
