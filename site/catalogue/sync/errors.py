"""What can go wrong in a sync, split by what it means for the run.

A `FeedRefused` stops the whole run before anything changes (an unreadable, empty or suspicious
feed must never archive the shop). A `RowError` concerns one product or retailer: that row is
left as it is and reported, and the rest of the feed syncs.
"""

import re
from dataclasses import asdict, dataclass

# Characters no text field may hold: NUL and the other control characters (tab and line breaks
# are text), lone surrogates (a JSON "\ud800" escape decodes to one; neither UTF-8 nor the
# databases can store it), and the two non-characters U+FFFE/U+FFFF.
INVALID_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def describe_character(char: str) -> str:
    code = f"U+{ord(char):04X}"
    if char == "\x00":
        return f"a NUL character ({code})"
    if "\ud800" <= char <= "\udfff":
        return f"a lone surrogate ({code}, not a character)"
    if char in "\ufffe\uffff":
        return f"the non-character {code}"
    return f"the control character {code}"


def printable(text: str) -> str:
    """`text` with every invalid character written as an escape, safe to log and store."""
    return INVALID_TEXT.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


class FeedRefused(Exception):
    """The feed as a whole cannot be trusted; nothing was changed."""


class ShareGuardTripped(FeedRefused):
    """The feed would hide more live products than allowed; `--force` overrides only this."""


class SyncLocked(Exception):
    """Another run holds the lock."""


@dataclass
class RowError:
    kind: str  # "product", "retailer", "partner"
    ref: str  # external_id / ref, or "row N" when even that is missing
    message: str
    line: int | None = None  # CSV line number, where there is one

    def __post_init__(self):
        # A reference or message quoting the feed must not carry what the row was refused for.
        self.ref, self.message = printable(self.ref), printable(self.message)

    def as_dict(self) -> dict:
        return {key: value for key, value in asdict(self).items() if value is not None}

    def __str__(self):
        where = f" (line {self.line})" if self.line else ""
        return f"{self.kind} {self.ref}{where}: {self.message}"


class RowInvalid(Exception):
    """Raised while normalising one row; becomes a RowError."""
