"""`govreports check`: marts.report_quality as a table a person can read in a terminal.

The judgement lives in the dbt model (models/marts/report_quality.sql) so that SQL users and
this command see the same grades; here it is only fetched and laid out.
"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass, fields
from pathlib import Path

import duckdb
from rich.console import Console, Group, RenderableType
from rich.markup import escape
from rich.measure import Measurement
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from loaders.warehouse import connect, raw_store_path

GRADE_MEANINGS = {
    "A": "nothing to report",
    "B": "minor: damage repaired or inferred, and flagged",
    "C": "major: figures or targets likely missing or misread",
    "D": "severe: the report cannot be placed or read as a whole",
}
_GRADE_STYLES = {"A": "green", "B": "cyan", "C": "yellow", "D": "bold red"}
_MAX_LINES_SHOWN = 6


class QualityUnavailable(RuntimeError):
    """The warehouse has no report_quality table to show; the message says what to run."""


@dataclass(frozen=True)
class ReportQuality:
    """One row of marts.report_quality (the columns this command shows)."""

    file_name: str
    region: str | None
    report_year: int | None
    grade: str
    grade_reasons: list[str]
    is_quarantined: bool
    quarantine_reasons: list[str]
    is_fragment: bool
    report_year_source: str | None
    region_source: str | None
    encoding: str
    script: str
    content_type: str
    text_chars: int
    boilerplate_chars: int
    boilerplate_share: float
    mojibake_span_count: int
    mojibake_repaired_count: int
    mojibake_lines: list[int]
    stripped_span_count: int
    stripped_kinds: list[str]
    stripped_lines: list[int]
    marker_missing_count: int
    marker_partial_count: int
    marker_garbled_count: int
    marker_problem_lines: list[int]
    headline_goal_count: int
    goal_count: int
    damaged_goal_count: int
    metric_count: int
    damaged_metric_count: int
    title_year: int | None
    review_year: int | None
    is_review_year_off_title: bool


def read_report_quality(warehouse: Path) -> list[ReportQuality]:
    """Rows of marts.report_quality, worst grade first; raises QualityUnavailable."""
    if not warehouse.exists():
        if raw_store_path(warehouse).exists():
            raise QualityUnavailable(
                f"{warehouse} has reports loaded but not built yet; run `govreports build`"
            )
        raise QualityUnavailable(
            f"{warehouse} does not exist; run `govreports load` and `govreports build` first"
        )
    columns = [f.name for f in fields(ReportQuality)]
    with connect(warehouse, read_only=True) as con:
        try:
            rows = con.execute(
                f"select {', '.join(columns)} from marts.report_quality "
                "order by grade desc, file_name"
            ).fetchall()
        except duckdb.CatalogException:
            raise QualityUnavailable(
                f"{warehouse} has no marts.report_quality; run `govreports build` first"
            ) from None
    return [ReportQuality(*row) for row in rows]


def _lines(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:_MAX_LINES_SHOWN])
    return shown + (", …" if len(numbers) > _MAX_LINES_SHOWN else "")


def _count_at(count: int, lines: list[int], detail: str = "") -> str:
    """A count and where ("3 at lines 21, 27, 44"); empty when there is nothing."""
    if not count:
        return ""
    where = f" at line{'s' if len(lines) > 1 else ''} {_lines(lines)}" if lines else ""
    return f"{count}{detail}{where}"


def _heading(row: ReportQuality) -> str:
    year = "" if row.report_year is None else f" {row.report_year}"
    review = (
        f"\n[yellow]review {row.review_year}, title {row.title_year}[/yellow]"
        if row.is_review_year_off_title
        else ""
    )
    status = (
        "\n[bold red]quarantined[/bold red]"
        if row.is_quarantined
        else "\n[yellow]fragment[/yellow]"
        if row.is_fragment
        else ""
    )
    return f"{escape(row.file_name)}\n{escape(row.region or '?')}{year}{review}{status}"


def _grade(row: ReportQuality) -> str:
    return f"[{_GRADE_STYLES.get(row.grade, '')}]{row.grade}[/]"


def _facts(row: ReportQuality) -> dict[str, str]:
    """What to know about one report, as rich markup by label (empty: nothing to say)."""
    markers = row.marker_missing_count + row.marker_partial_count + row.marker_garbled_count
    repaired = f" ({row.mojibake_repaired_count} repaired)" if row.mojibake_repaired_count else ""
    kinds = f" ({', '.join(row.stripped_kinds)})" if row.stripped_kinds else ""
    damaged = [
        f"{count} {what}"
        for count, what in (
            (row.damaged_metric_count, "figures"),
            (row.damaged_goal_count, "targets"),
        )
        if count
    ]
    return {
        "why": escape("\n".join(row.grade_reasons)),
        "placed by": escape(
            f"year: {row.report_year_source or '-'}\nregion: {row.region_source or '-'}"
        ),
        "read as": escape(
            f"{row.encoding}, {row.script}" + (", web page" if row.content_type == "html" else "")
        ),
        "trimmed": f"{row.boilerplate_chars:,} ({row.boilerplate_share:.0%})",
        "mojibake": escape(_count_at(row.mojibake_span_count, row.mojibake_lines, repaired)),
        "stripped": escape(_count_at(row.stripped_span_count, row.stripped_lines, kinds)),
        "markers inferred": escape(_count_at(markers, row.marker_problem_lines)),
        "headline / all targets": (
            f"{row.headline_goal_count} / {row.goal_count}"
            if row.headline_goal_count
            else f"[yellow]none[/yellow] / {row.goal_count}"
        ),
        "damaged rows": escape(", ".join(damaged)),
    }


def quality_table(rows: list[ReportQuality], title: str) -> Table:
    """One row per report: for terminals wide enough to show every column."""
    table = Table(title=escape(title), show_lines=True)
    # fold, never cut: a reason or a line number half shown is worse than a taller row
    widest_reason = max((len(r) for row in rows for r in row.grade_reasons), default=3)
    widest_name = min(40, max((len(row.file_name) for row in rows), default=6))
    table.add_column("report", overflow="fold", min_width=widest_name)
    table.add_column("grade", justify="center")
    table.add_column("why", overflow="fold", min_width=widest_reason)
    for label in list(_facts(rows[0]))[1:] if rows else []:
        justify = "right" if label in ("trimmed", "headline / all targets") else "left"
        table.add_column(label, justify=justify, overflow="fold")
    for row in rows:
        table.add_row(_heading(row), _grade(row), *_facts(row).values())
    return table


def quality_cards(rows: list[ReportQuality], title: str) -> Group:
    """One block per report, label beside value: for narrow terminals."""
    cards: list[RenderableType] = [Text(title, style="bold")]
    for row in rows:
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="dim", no_wrap=True)
        grid.add_column(overflow="fold")
        for label, value in _facts(row).items():
            if value:
                grid.add_row(label, value)
        heading = _heading(row).replace("\n", "  ")
        cards.append(Panel(grid, title=f"{_grade(row)}  {heading}", title_align="left"))
    return Group(*cards)


def render_quality(rows: list[ReportQuality], title: str, width: int) -> RenderableType:
    """The table when the terminal holds it at its natural width, else one block per report.

    Folded into a narrower terminal, ten columns become slivers and rich crops the last ones.
    """
    table = quality_table(rows, title)
    natural = Measurement.get(_WIDE, _WIDE.options, table).maximum
    return table if natural <= width else quality_cards(rows, title)


# Measures tables as they would be with all the room they want.
_WIDE = Console(width=1000, file=io.StringIO())


def grade_summary(rows: list[ReportQuality]) -> str:
    counts = Counter(row.grade for row in rows)
    return "  ".join(f"{grade}: {counts[grade]}" for grade in GRADE_MEANINGS)


def quarantine_summary(rows: list[ReportQuality]) -> str:
    """How many reports are quarantined and fragments, and why ("" when none is)."""
    quarantined = [row for row in rows if row.is_quarantined]
    fragments = sum(row.is_fragment and not row.is_quarantined for row in rows)
    lines = []
    if quarantined:
        reasons = Counter(reason for row in quarantined for reason in row.quarantine_reasons)
        lines.append(
            f"quarantined  {len(quarantined)} (not in the marts but this one: "
            + ", ".join(f"{reason} {count}" for reason, count in sorted(reasons.items()))
            + ")"
        )
    if fragments:
        lines.append(f"fragments    {fragments} (summaries, excerpts, pages cut short: placed)")
    return "\n".join(lines)


def grade_legend() -> str:
    return "\n".join(f"{grade}  {meaning}" for grade, meaning in GRADE_MEANINGS.items())
