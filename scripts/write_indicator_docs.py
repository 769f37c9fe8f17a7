"""Write docs/indicators.md: every canonical indicator code with the phrases that map to it.

The seed (seeds/indicators.csv) is the one place an indicator is defined; this page is made
from it, and tests/test_docs.py fails when the page and the seed part ways. Run it after
editing the seed::

    .venv/bin/python scripts/write_indicator_docs.py
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "indicators.csv"
PAGE = REPO / "docs" / "indicators.md"


def indicator_page(seed: Path = SEED) -> str:
    """The page's Markdown, from the seed's rows."""
    phrases: dict[str, list[str]] = defaultdict(list)
    families: dict[str, set[str]] = defaultdict(set)
    kinds: dict[str, set[str]] = defaultdict(set)
    with seed.open(encoding="utf-8", newline="") as rows:
        for row in csv.DictReader(rows):
            code = row["canonical_indicator"]
            phrases[code].append(row["phrase"])
            families[code].update(filter(None, row["unit_families"].split("|")))
            kinds[code].update(filter(None, row["metric_kinds"].split("|")))
    lines = [
        "# Indicator codes",
        "",
        "Every figure and target carries `canonical_indicator`, the code of the longest phrase",
        "of [seeds/indicators.csv](../seeds/indicators.csv) its indicator contains; `other`",
        "where none fits, or where a phrase is a known trap (a sector's output is not GDP).",
        "This page is written from the seed by `scripts/write_indicator_docs.py`.",
        "",
        "| code | phrases | unit families | metric kinds |",
        "|---|---|---|---|",
    ]
    for code in sorted(phrases, key=lambda c: (c == "other", c)):
        lines.append(
            f"| `{code}` | {'、'.join(phrases[code])} | {', '.join(sorted(families[code]))} "
            f"| {', '.join(sorted(kinds[code]))} |"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    PAGE.write_text(indicator_page(), encoding="utf-8")
    print(f"wrote {PAGE.relative_to(REPO)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
