"""Prints Lighthouse JSON reports as a Markdown table, then the audits that cost points.

Usage: python3 bench/lighthouse_report.py REPORT.json…  (bench/lighthouse calls it)
"""

import json
import sys
from pathlib import Path

CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


def main(paths: list[str]) -> int:
    rows, losses = [], []
    for path in paths:
        name, code = Path(path).name.removesuffix(".json").rsplit(".", 1)
        report = json.loads(Path(path).read_text())
        if error := report.get("runtimeError"):
            rows.append(f"| {name} | {code} | failed: {error['code']} | | | |")
            continue
        scores = []
        for key in CATEGORIES:
            score = report["categories"][key]["score"]
            scores.append("–" if score is None else str(round(score * 100)))
            for ref in report["categories"][key]["auditRefs"]:
                audit = report["audits"][ref["id"]]
                if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                    shown = audit.get("displayValue", "")
                    losses.append(
                        f"- {name} ({code}), {key}: {ref['id']} {audit['score']:.2f} {shown}"
                    )
        rows.append(f"| {name} | {code} | " + " | ".join(scores) + " |")
    print("| page | language | performance | accessibility | best practices | SEO |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    print("\n".join(rows))
    if losses:
        print("\nAudits below full score:\n")
        print("\n".join(losses))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
