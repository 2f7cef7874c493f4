"""The query string a campaign page gives its enquiry links: the contract with the enquiry form.

A campaign page's call to action links to the enquiry form page the editor chose, with
`?campaign=<campaign code>` and the `utm_*` parameters the visitor arrived with. The form page reads
them and records them with the enquiry. Nothing is stored here and nothing is set on the visitor:
the parameters only travel in the link.

Values come from the address bar, so anyone can put anything in them: each is cut to a safe
alphabet (letters, digits, `. _ - +` and single spaces) and a length, and an empty result drops
the parameter.
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


def tracking_parameters(request, campaign_code: str = "") -> list[tuple[str, str]]:
    """The campaign code and the visitor's `utm_*` parameters (first value each), cleaned."""
    pairs = []
    code = clean_value(campaign_code)
    if code:
        pairs.append((CAMPAIGN_PARAMETER, code))
    query = getattr(request, "GET", None)
    if query is not None:
        for name in UTM_PARAMETERS:
            values = query.getlist(name)
            value = clean_value(values[0]) if values else ""
            if value:
                pairs.append((name, value))
    return pairs


def with_tracking(url: str, request, campaign_code: str = "") -> str:
    """`url` with the campaign and UTM parameters appended (the URL of a page of this site)."""
    if not url:
        return ""
    pairs = tracking_parameters(request, campaign_code)
    if not pairs:
        return url
    base, _hash, fragment = url.partition("#")
    separator = "&" if "?" in base else "?"
    result = f"{base}{separator}{urlencode(pairs)}"
    return f"{result}#{fragment}" if fragment else result
