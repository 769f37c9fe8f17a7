"""marts.metrics against the gold headline actuals of all 13 sample reports."""

from __future__ import annotations

import pytest

from .conftest import load_gold
from .scoring import actual_found, metrics_by_file, share_of_actuals_found

GOLD = load_gold()
REQUIRED_SHARE = 0.95


@pytest.fixture(scope="module")
def metrics(warehouse_con) -> dict[str, list[tuple]]:
    return metrics_by_file(warehouse_con)


def share_found(metrics, names) -> tuple[float, list]:
    return share_of_actuals_found(metrics, GOLD, names)


def test_headline_actuals_of_the_shanxi_samples(metrics):
    share, missed = share_found(metrics, [n for n in GOLD if n.startswith("0")])
    assert share >= REQUIRED_SHARE, missed


def test_headline_actuals_of_the_more_varied_samples(metrics):
    share, missed = share_found(metrics, [n for n in GOLD if n.startswith("1")])
    assert share >= REQUIRED_SHARE, missed


def test_every_canonical_headline_actual_is_found(metrics):
    """Measured on the canonical figures alone the bar is all of them, on both sets."""
    missed = [
        (n, a["quote"])
        for n in GOLD
        for a in GOLD[n]["actuals"]
        if a["canonical"] != "other" and not actual_found(a, metrics.get(n, []))
    ]
    assert missed == []
