"""What can go wrong in a sync, split by what it means for the run.

A `FeedRefused` stops the whole run before anything changes (an unreadable, empty or suspicious
feed must never archive the shop). A `RowError` concerns one product or retailer: that row is
left as it is and reported, and the rest of the feed syncs.
"""

from dataclasses import asdict, dataclass


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

    def as_dict(self) -> dict:
        return {key: value for key, value in asdict(self).items() if value is not None}

    def __str__(self):
        where = f" (line {self.line})" if self.line else ""
        return f"{self.kind} {self.ref}{where}: {self.message}"


class RowInvalid(Exception):
    """Raised while normalising one row; becomes a RowError."""
