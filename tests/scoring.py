"""How the warehouse is scored against a hand-made gold (tests/gold, tests/gold/wild).

The gold's schema is in data/reports/SOURCES.md. Canonical codes, values, units, comparators,
kinds and years are compared, never the indicator labels, which the gold sometimes normalises.
"""

from __future__ import annotations

import json
from pathlib import Path

# The canonical codes the gold knows (data/reports/SOURCES.md); the warehouse codes more series
# (gross output, national income, cotton…), which the gold files under `other`.
GOLD_CODES = frozenset(
    (
        "gdp",
        "exports",
        "industrial_value_added",
        "fixed_asset_investment",
        "retail_sales",
        "public_budget_revenue",
        "services_value_added",
        "urban_disposable_income",
        "rural_disposable_income",
        "disposable_income",
        "new_urban_jobs",
        "registered_unemployment_rate",
        "surveyed_unemployment_rate",
        "cpi",
        "foreign_trade",
        "grain_output",
        "energy_intensity",
        "foreign_investment",
        "tax_revenue",
        "other",
    )
)

# Issue 5 makes blanket constraints ("各项约束性指标完成省下达任务") qualitative targets; the
# Shanxi gold does not annotate them, so they are out of its scope, not false positives.
OUT_OF_GOLD_SCOPE = {"约束性指标"}


def load_gold(folder: Path) -> dict[str, dict]:
    """The gold files of ``folder``, keyed by the report's file name."""
    return {
        gold["file"]: gold
        for gold in (
            json.loads(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.json"))
        )
    }


def goals_by_file(con, file_names: list[str] | None = None) -> dict[str, list[dict]]:
    """Headline rows of marts.goals per report file name."""
    cursor = con.execute(
        """
        select reports.file_name, goals.*
        from marts.goals as goals
        inner join marts.reports as reports using (report_id)
        where goals.is_headline
        """
    )
    columns = [d[0] for d in cursor.description]
    by_file: dict[str, list[dict]] = {}
    for row in cursor.fetchall():
        record = dict(zip(columns, row, strict=True))
        if file_names is None or record["file_name"] in file_names:
            by_file.setdefault(record["file_name"], []).append(record)
    return by_file


def as_gold_code(code: str | None) -> str | None:
    return code if code is None or code in GOLD_CODES else "other"


def goal_matches(gold: dict, goal: dict) -> bool:
    code = gold["canonical"]
    codes = {code} | ({None, "other", "tax_revenue"} if code == "other" else set())
    if (
        as_gold_code(goal["canonical_indicator"]) not in codes
        or goal["target_year"] != gold["target_year"]
    ):
        return False
    if gold["comparator"] == "qualitative":
        return goal["comparator"] == "qualitative"
    return (
        goal["value"] is not None
        and abs(goal["value"] - gold["value"]) < 1e-9
        and (goal["unit"] or "") == (gold["unit"] or "")
        and goal["comparator"] == gold["comparator"]
    )


def score_goals(
    goals: dict[str, list[dict]], gold: dict[str, dict], names: list[str], horizon: str
) -> tuple[float, float, list, list]:
    """Precision and recall of one horizon's headline targets, with what was missed and extra.

    A target the gold lists as secondary (stated outside the main-targets passage) is neither
    a hit nor a false positive.
    """
    true_positives, missed, extra = 0, [], []
    for name in names:
        expected = [g for g in gold[name]["goals"] if g["horizon"] == horizon]
        secondary = gold[name].get("secondary_targets", [])
        mine = [
            g
            for g in goals.get(name, [])
            if g["horizon"] == horizon and g["indicator"] not in OUT_OF_GOLD_SCOPE
        ]
        used: set[int] = set()
        for target in expected:
            candidates = (
                i for i, g in enumerate(mine) if i not in used and goal_matches(target, g)
            )
            hit = next(candidates, None)
            if hit is None:
                missed.append((name, target["quote"]))
            else:
                used.add(hit)
                true_positives += 1
        extra += [
            (name, g["quote"])
            for i, g in enumerate(mine)
            if i not in used and not any(goal_matches(s, g) for s in secondary)
        ]
    found = true_positives + len(extra)
    precision = true_positives / found if found else 1.0
    expected_count = true_positives + len(missed)
    recall = true_positives / expected_count if expected_count else 1.0
    return precision, recall, missed, extra


def metrics_by_file(con) -> dict[str, list[tuple]]:
    """(canonical code, value, unit, kind, year) of every marts.metrics row, per file name."""
    rows = con.execute(
        """
        select reports.file_name, metrics.canonical_indicator, metrics.value, metrics.unit,
            metrics.metric_kind, metrics.year
        from marts.metrics as metrics
        inner join marts.reports as reports using (report_id)
        """
    ).fetchall()
    by_file: dict[str, list[tuple]] = {}
    for row in rows:
        by_file.setdefault(row[0], []).append(row[1:])
    return by_file


def actual_found(actual: dict, rows: list[tuple]) -> bool:
    """Same canonical code (any of other/unknown/tax for `other`), value, unit, kind, year."""
    codes = {actual["canonical"]}
    if actual["canonical"] == "other":
        # the gold's `other` covers codes it does not list (税收收入 is tax_revenue here)
        codes |= {None, "tax_revenue"}
    return any(
        as_gold_code(code) in codes
        and abs(value - actual["value"]) < 1e-9
        and unit == actual["unit"]
        and (actual["canonical"] == "other" or kind == actual["metric_kind"])
        and year == actual["year"]
        for code, value, unit, kind, year in rows
    )


def share_of_actuals_found(
    metrics: dict[str, list[tuple]], gold: dict[str, dict], names: list[str]
) -> tuple[float, list]:
    actuals = [(n, a) for n in names for a in gold[n]["actuals"]]
    missed = [(n, a["quote"]) for n, a in actuals if not actual_found(a, metrics.get(n, []))]
    return (1 - len(missed) / len(actuals) if actuals else 1.0), missed
