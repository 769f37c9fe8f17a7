"""examples/target_panel.py: the panel read into pandas and drawn, as a researcher would."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import duckdb

from .conftest import REPO


def _example():
    spec = importlib.util.spec_from_file_location(
        "target_panel_example", REPO / "examples" / "target_panel.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_panel_reads_into_pandas_and_is_drawn(built_warehouse: Path, tmp_path: Path) -> None:
    example = _example()
    panel = example.read_panel(built_warehouse, "gdp")
    with duckdb.connect(str(built_warehouse), read_only=True) as con:
        (rows,) = con.execute(
            "select count(*) from marts.target_panel"
            " where canonical_indicator = 'gdp' and metric_kind = 'growth_pct'"
        ).fetchone()
    assert rows > 0 and len(panel) == rows
    assert {"region", "year", "target_value", "actual_value", "is_met"} <= set(panel.columns)
    out = example.plot_panel(panel, tmp_path / "panel.png")
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
