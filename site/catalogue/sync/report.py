"""Report: the run's counts, warnings and the sentence the run log and the admin show.

`Summary` is what `run_sync` returns and logs; `Report` is the last step of a run, the warnings
about the feed's designer refs and vocabulary codes that the site has no page or word for yet.
"""

from dataclasses import dataclass, field

from catalogue.designers import designer_pages_by_ref
from catalogue.models import SyncRun
from catalogue.sync.errors import RowError

COUNT_KEYS = ("created", "updated", "unchanged", "archived", "restored", "skipped")


@dataclass
class Summary:
    source: str
    dry_run: bool = False
    status: str = SyncRun.Status.RUNNING
    message: str = ""
    run_id: int | None = None
    counts: dict = field(default_factory=lambda: dict.fromkeys(COUNT_KEYS, 0))
    retailers: dict = field(default_factory=lambda: dict.fromkeys(COUNT_KEYS, 0))
    partners: dict = field(default_factory=lambda: dict.fromkeys(COUNT_KEYS, 0))
    images: dict = field(
        default_factory=lambda: dict.fromkeys(
            ("downloaded", "stored", "reused", "unchanged", "relinked"), 0
        )
    )
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    changes: dict = field(
        default_factory=lambda: {"created": [], "updated": {}, "archived": [], "restored": []}
    )
    duration: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status == SyncRun.Status.SUCCEEDED

    def as_dict(self) -> dict:
        return {
            "run_id": self.run_id,
            "status": str(self.status),
            "dry_run": self.dry_run,
            "source": self.source,
            "message": self.message,
            "duration_s": round(self.duration, 3),
            "counts": self.counts,
            "retailers": self.retailers,
            "partners": self.partners,
            "images": self.images,
            "errors": [error.as_dict() for error in self.errors],
            "warnings": self.warnings,
            "changes": self.changes,
        }


class Report:
    """The report step of a `Sync` (a mixin): warnings only, nothing is written."""

    def report(self):
        """Both reports from one pass over the products."""
        uses: dict[str, int] = {}
        types: dict[str, list[str]] = {}
        for product in self.feed.products:
            if product.designer_ref:
                uses[product.designer_ref] = uses.get(product.designer_ref, 0) + 1
            if product.product_type:
                types.setdefault(product.product_type, []).append(product.external_id)
        self.report_designers(uses)
        self.report_vocabulary(types)

    def report_designers(self, uses: dict[str, int]):
        """`uses`: how many products name each designer ref."""
        refs = set(uses)
        if self.feed.designers is not None:
            for ref in sorted(refs - set(self.feed.designers)):
                self.summary.warnings.append(
                    f"Designer ref {ref!r} is used by products but not listed in the feed's "
                    "designers."
                )
        pages = designer_pages_by_ref(refs)
        for ref in sorted(refs - set(pages)):
            count = uses[ref]
            self.summary.warnings.append(
                f"Designer ref {ref!r} ({count} product{'s' if count != 1 else ''}): no designer "
                "page has this catalogue ref yet."
            )

    def report_vocabulary(self, types: dict[str, list[str]]):
        """Codes the feed uses that the vocabulary (catalogue.vocabulary) has no term for:
        pages show them made readable until a catalogue manager enters their words. `types`:
        the products (external ids) of each product category code."""
        from catalogue import vocabulary

        known = vocabulary.known_codes()
        used: dict[tuple[str, str], list[str]] = {}
        for partner in self.feed.partners or []:
            if partner.kind:
                used.setdefault((vocabulary.PARTNER_KIND, partner.kind), []).append(partner.ref)
        for code, external_ids in types.items():
            used.setdefault((vocabulary.CATEGORY, code), []).extend(external_ids)
        for (kind, code), refs in sorted(used.items()):
            if vocabulary.normalise(code) in known.get(kind, set()):
                continue
            what = "Partner kind" if kind == vocabulary.PARTNER_KIND else "Product category"
            users = "partner" if kind == vocabulary.PARTNER_KIND else "product"
            self.summary.warnings.append(
                f"{what} {code!r} ({len(refs)} {users}{'s' if len(refs) != 1 else ''}) has no "
                f"term in the vocabulary (Katalog → Katalog-Begriffe) yet: pages show it as "
                f"{vocabulary.readable(code)!r} until it is added and translated."
            )


CHANGE_KEYS = ("created", "updated", "archived", "restored")


def changed_anything(summary: Summary) -> bool:
    return any(
        counts.get(key)
        for counts in (summary.counts, summary.retailers, summary.partners)
        for key in CHANGE_KEYS
    ) or bool(summary.images.get("stored") or summary.images.get("relinked"))


def describe(summary: Summary) -> str:
    counts = ", ".join(f"{summary.counts[key]} {key}" for key in COUNT_KEYS)
    prefix = "Dry run, nothing written - would be: " if summary.dry_run else "Products: "
    return f"{prefix}{counts}."
