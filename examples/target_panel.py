"""Read marts.target_panel into pandas and plot each government's targets against outcomes.

The panel is the table an economist loads as it is: one row per government, year and
indicator, with the target, the outcome stated a year later and whether it was met. This
script draws one small chart per government for one indicator (GDP growth by default):
the target as a line with its comparator's marker, the outcome as dots, green when met.

    .venv/bin/pip install -e '.[notebook]'
    .venv/bin/python examples/target_panel.py warehouse/govreports.duckdb panel.png gdp
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import duckdb
import matplotlib

matplotlib.use("Agg")  # files, not windows: runs on a server or in CI
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib import font_manager

# 左右 about, 以上 at least, 以内 at most, a range, a bare number
COMPARATOR_MARKERS = {"about": "o", "at_least": "^", "at_most": "v", "range": "s", "equal": "D"}
# fonts with Chinese glyphs, tried in order; without one, names are drawn as boxes
CJK_FONTS = ("Noto Sans CJK SC", "WenQuanYi Micro Hei", "Source Han Sans SC", "SimHei")


def read_panel(warehouse: Path, indicator: str = "gdp") -> pd.DataFrame:
    """The growth targets of ``indicator`` (a code of docs/indicators.md), by government."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(
            """
            select government_key, region, level, year, comparator, target_value,
                target_value_high, actual_value, is_met
            from marts.target_panel
            where canonical_indicator = ? and metric_kind = 'growth_pct'
            order by government_key, year
            """,
            [indicator],
        ).df()


def plot_panel(panel: pd.DataFrame, out: Path, indicator: str = "gdp") -> Path:
    """One chart per government, side by side in a grid; returns ``out``."""
    available = {font.name for font in font_manager.fontManager.ttflist}
    plt.rcParams["font.sans-serif"] = [f for f in CJK_FONTS if f in available] + ["DejaVu Sans"]
    governments = list(panel.groupby("government_key", sort=False))
    columns = min(4, max(1, len(governments)))
    rows = max(1, math.ceil(len(governments) / columns))
    figure, axes = plt.subplots(
        rows, columns, figsize=(4 * columns, 3 * rows), squeeze=False, sharey=False
    )
    for ax, (_, series) in zip(axes.flat, governments, strict=False):
        ax.plot(series["year"], series["target_value"], color="#4a7bd0", label="target")
        for comparator, points in series.groupby("comparator"):
            ax.scatter(
                points["year"],
                points["target_value"],
                marker=COMPARATOR_MARKERS.get(comparator, "x"),
                color="#4a7bd0",
            )
        stated = series.dropna(subset=["actual_value"])
        ax.scatter(
            stated["year"],
            stated["actual_value"],
            color=["#2e8b57" if met else "#d04a4a" for met in stated["is_met"]],
            zorder=3,
            label="outcome (green: met)",
        )
        ax.set_title(f"{series['region'].iloc[0]} ({series['level'].iloc[0]})")
        ax.set_xlabel("year")
        ax.set_ylabel(f"{indicator} growth, %")
    for ax in list(axes.flat)[len(governments) :]:
        ax.set_visible(False)
    if governments:
        axes.flat[0].legend(fontsize="small")
    figure.tight_layout()
    figure.savefig(out, dpi=100)
    plt.close(figure)
    return out


def main(argv: list[str]) -> int:
    warehouse = Path(argv[0]) if argv else Path("warehouse/govreports.duckdb")
    out = Path(argv[1]) if len(argv) > 1 else Path("target_panel.png")
    indicator = argv[2] if len(argv) > 2 else "gdp"
    panel = read_panel(warehouse, indicator)
    print(panel.to_string(max_rows=20))
    drawn = plot_panel(panel, out, indicator)
    print(f"wrote {drawn}: {panel['government_key'].nunique()} governments")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
