"""A synthetic corpus of N government work reports made from the 13 samples in data/reports.

Every synthetic report is one sample with its region, its years and its figures rewritten
consistently, so that the warehouse reads it as it reads the sample (same parts, items, targets
and figures) but as another report:

- **region**: the sample's region, its city and its province, full and short names
  (交口县/交口, 吕梁市/吕梁, 山西省/山西), become those of a real division of
  ``seeds/regions.csv``: a province for a province, and for a local sample (a 县, 市 or 区) any
  local division, a 区 or a prefecture-level 市 as well as a 县. The text keeps its sample's
  words (全县 in a district's report), which the warehouse does not read for placing; the mix
  lets each division have a report in most years, as in a real archive, and the corpus reach
  100,000 reports. Only names that no other division shares are picked, so every report
  resolves to one region.
- **years**: every year (report, review, dateline, headings, plan horizons, fused dateline digits
  such as ``2023223在``, Chinese-numeral years) moves by the same multiple of five, and the
  five-year plans move with them (十四五 → 十五五 for +5), so plan horizons stay on plan ends as
  the warehouse's data tests require. A region never gets two reports for one year.
- **figures**: every number followed by a unit of ``seeds/units.csv`` is scaled by one factor
  per report (percentages by a milder one, never past 100), keeping its decimals.

Each file opens with a line saying it is synthetic and which sample it came from; the corpus is
written to a folder the caller chooses (a temporary one in the benchmark) and is never committed.
A ``MANIFEST.json`` beside the files lists what each file is.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import random
import re
import unicodedata
from collections.abc import Callable
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

import opencc

REPO = Path(__file__).resolve().parent.parent
SAMPLES_DIR = REPO / "data" / "reports"
REGIONS_CSV = REPO / "seeds" / "regions.csv"
UNITS_CSV = REPO / "seeds" / "units.csv"

# from the first year of the 七五 plan (1986) to the last of the 十五五 plan
YEAR_MIN, YEAR_MAX = 1986, 2030
# Share of reports placed in the year after an existing report of the same region (when the
# template allows it), so that goal_outcomes finds next-year reports as in a real archive.
FOLLOW_SHARE = 0.6
PERCENT_UNITS = frozenset({"%", "％", "‰", "个百分点", "百分点"})
LABEL = (
    "【合成基准文本】本文件由 bench/generate.py 为性能基准自动生成,改写自样本 {sample}:"
    "地区、年份与数字均已替换,并非真实公开文件。(synthetic benchmark text, not a real report)"
)


@dataclass(frozen=True)
class Template:
    """One sample and what of it is rewritten."""

    prefix: str  # file-name prefix in data/reports
    pool: str  # kind of division that may stand in: 县, 市, 区, 省, 自治区 or national
    report_year: int
    # names as written in the sample, each with the role it plays (see Region.names)
    names: tuple[tuple[str, str], ...] = ()
    traditional: bool = False
    weight: float = 1.0  # how often the sample is picked, roughly the mix of a real archive


def _names(
    region: str,
    short: str,
    province: str | None = None,
    province_short: str | None = None,
    parent: str | None = None,
    parent_short: str | None = None,
) -> tuple[tuple[str, str], ...]:
    named = (
        (region, "name"),
        (short, "short_name"),
        (parent, "parent_name"),
        (parent_short, "parent_short"),
        (province, "province_name"),
        (province_short, "province_short"),
    )
    return tuple((written, role) for written, role in named if written)


_SHANXI = {"province": "山西省", "province_short": "山西"}
_LVLIANG = {"parent": "吕梁市", "parent_short": "吕梁"}

# The identity of each sample, as tests/gold annotates it (a test checks they agree).
TEMPLATES: tuple[Template, ...] = (
    Template("000", "县", 2023, _names("交口县", "交口", **_SHANXI, **_LVLIANG), weight=3),
    Template("001", "市", 2024, _names("朔州市", "朔州", **_SHANXI), traditional=True, weight=1.5),
    Template(
        "002",
        "区",
        2023,
        _names("城区", "城区", **_SHANXI, parent="晋城市", parent_short="晋城"),
        weight=2,
    ),
    Template(
        "003",
        "县",
        2021,
        _names("垣曲县", "垣曲", **_SHANXI, parent="运城市", parent_short="运城"),
        weight=3,
    ),
    Template("004", "市", 2023, _names("汾阳市", "汾阳", **_SHANXI, **_LVLIANG), weight=2),
    Template("100", "省", 2026, _names("浙江省", "浙江"), weight=0.15),
    Template("101", "省", 2026, _names("贵州省", "贵州"), weight=0.15),
    Template("102", "省", 2026, _names("吉林省", "吉林"), weight=0.15),
    Template("103", "自治区", 2026, _names("内蒙古自治区", "内蒙古"), weight=0.15),
    Template("104", "national", 2011, weight=0.05),
    Template("105", "national", 2012, weight=0.05),
    Template("106", "市", 2014, _names("保定市", "保定", "河北省", "河北"), weight=1.5),
    Template(
        "107",
        "区",
        2015,
        _names("海拉尔区", "海拉尔", "内蒙古自治区", "内蒙古", "呼伦贝尔市", "呼伦贝尔"),
        weight=2,
    ),
)


@dataclass(frozen=True)
class Region:
    admin_code: str
    name: str
    short_name: str
    level: str
    parent_name: str
    parent_short: str
    province_name: str
    province_short: str

    def names(self) -> dict[str, str]:
        return {
            "name": self.name,
            "short_name": self.short_name,
            "parent_name": self.parent_name,
            "parent_short": self.parent_short,
            "province_name": self.province_name,
            "province_short": self.province_short,
        }


@dataclass(frozen=True)
class Planned:
    """One synthetic report: which sample, for which region and year, scaled by how much."""

    index: int
    template: str
    admin_code: str
    region: str
    report_year: int
    factor: float
    percent_factor: float

    @property
    def file_name(self) -> str:
        code, year = self.admin_code, self.report_year
        return f"synthetic_{self.index:05d}_{self.template}_{code}_{year}.txt"


NATIONAL = Region("national", "中国", "中国", "national", "", "", "", "")


def load_regions(path: Path = REGIONS_CSV) -> list[Region]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    by_code = {row["admin_code"]: row for row in rows}
    return [
        Region(
            admin_code=row["admin_code"],
            name=row["name"],
            short_name=row["short_name"],
            level=row["level"],
            parent_name=row["parent_name"] or row["province_name"],
            parent_short=by_code.get(row["parent_code"] or row["province_code"], row)["short_name"],
            province_name=row["province_name"],
            province_short=by_code[row["province_code"]]["short_name"],
        )
        for row in rows
    ]


def load_units(path: Path = UNITS_CSV) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [row["unit"] for row in csv.DictReader(handle)]


@cache
def _opencc(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def _fits_pool(region: Region, pool: str) -> bool:
    if pool in ("县", "市", "区"):
        return region.level in ("county", "city", "district")
    if pool == "省":
        return region.level == "province" and region.name.endswith("省")
    if pool == "自治区":
        return region.level == "province" and region.name.endswith("自治区")
    return False


def _survives_script_round_trip(region: Region) -> bool:
    """A name written in traditional script must come back unchanged through the loader's t2s."""
    s2t, t2s = _opencc("s2t"), _opencc("t2s")
    return all(t2s.convert(s2t.convert(name)) == name for name in region.names().values() if name)


def region_pools(regions: list[Region]) -> dict[str, list[Region]]:
    """The divisions each template may stand in for: same kind, a name no other shares."""
    name_counts: dict[str, int] = {}
    for region in regions:
        name_counts[region.name] = name_counts.get(region.name, 0) + 1
    unique = [r for r in regions if name_counts[r.name] == 1 and r.short_name]
    pools: dict[str, list[Region]] = {}
    for template in TEMPLATES:
        if template.pool == "national":
            pools[template.prefix] = [NATIONAL]
            continue
        pool = [r for r in unique if _fits_pool(r, template.pool)]
        if template.traditional:
            pool = [r for r in pool if _survives_script_round_trip(r)]
        pools[template.prefix] = pool
    return pools


def template_years(template: Template) -> list[int]:
    """Report years reachable by shifting the sample by whole five-year plans, down to where
    the earliest plan its text names would be the first (一五)."""
    earliest = earliest_plan(template.prefix)
    return [
        year
        for year in range(YEAR_MIN, YEAR_MAX + 1)
        if (year - template.report_year) % 5 == 0
        and earliest + (year - template.report_year) // 5 >= 1
    ]


def plan_corpus(n: int, seed: int = 7, regions: list[Region] | None = None) -> list[Planned]:
    """N distinct (region, year) reports, deterministic for a seed."""
    rng = random.Random(seed)
    pools = region_pools(regions if regions is not None else load_regions())
    pool_codes = {prefix: {r.admin_code for r in pool} for prefix, pool in pools.items()}
    by_code = {r.admin_code: r for pool in pools.values() for r in pool}
    years = {t.prefix: set(template_years(t)) for t in TEMPLATES}
    active = [t for t in TEMPLATES if pools[t.prefix]]
    taken: set[tuple[str, int]] = set()
    # (region, year) slots right after a report already planned, per template that fits them
    follow: dict[str, list[tuple[str, int]]] = {t.prefix: [] for t in TEMPLATES}
    planned: list[Planned] = []

    def take(template: Template) -> tuple[str, int] | None:
        candidates = follow[template.prefix]
        if candidates and rng.random() < FOLLOW_SHARE:
            while candidates:
                slot = candidates.pop(rng.randrange(len(candidates)))
                if slot not in taken:
                    return slot
        pool, template_year_list = pools[template.prefix], sorted(years[template.prefix])
        for _ in range(200):
            slot = (rng.choice(pool).admin_code, rng.choice(template_year_list))
            if slot not in taken:
                return slot
        return None

    while len(planned) < n:
        if not active:
            raise ValueError(f"only {len(planned)} distinct synthetic reports are possible")
        template = rng.choices(active, weights=[t.weight for t in active])[0]
        slot = take(template)
        if slot is None:
            active.remove(template)
            continue
        taken.add(slot)
        code, year = slot
        for other in TEMPLATES:
            if code in pool_codes[other.prefix] and year + 1 in years[other.prefix]:
                follow[other.prefix].append((code, year + 1))
        planned.append(
            Planned(
                index=len(planned),
                template=template.prefix,
                admin_code=code,
                region=by_code[code].name,
                report_year=year,
                factor=round(math.exp(rng.uniform(math.log(0.5), math.log(2.0))), 4),
                percent_factor=round(rng.uniform(0.85, 1.15), 4),
            )
        )
    return planned


# ---------------------------------------------------------------------------------------------
# Rewriting one text

_CN_DIGIT = "〇一二三四五六七八九"
_CN_ZEROS = "〇○零O0"
_CN_YEAR = re.compile(rf"([一二])([{_CN_ZEROS}一二三四五六七八九]{{3}})年")
# 十四五 / “十五” and 第十五个五年: a plan's ordinal. The look-around keeps numerals such as
# 二十五, 十五次 and 十五是 (the 15th item) out.
_PLAN = re.compile(
    r"(?<![一二三四五六七八九十])(十[一二三四五六七八九]?|[一二三四五六七八九])五"
    r"(?=[”\"]|规划|規劃|时期|時期|期间|期間|末|初)"
)
_PLAN_WRITTEN_OUT = re.compile(r"第(十[一二三四五六七八九]?|[一二三四五六七八九])个五年")
_FULL_WIDTH_DIGITS = str.maketrans("0123456789.", "０１２３４５６７８９．")


def _cn_ordinal(text: str) -> int:
    if text.startswith("十"):
        return 10 + (_CN_DIGIT.index(text[1]) if len(text) > 1 else 0)
    return _CN_DIGIT.index(text)


def _cn_ordinal_text(value: int) -> str:
    if value < 1 or value > _LAST_PLAN:
        raise ValueError(f"no plan ordinal {value}")
    return _CN_DIGIT[value] if value < 10 else "十" + (_CN_DIGIT[value - 10] if value > 10 else "")


# the 十九五 plan (2061-2065), as far as the ordinals here are written
_LAST_PLAN = 19


@cache
def earliest_plan(prefix: str) -> int:
    """The lowest ordinal of the five-year plans a sample names (十一五 → 11)."""
    text = sample_files()[prefix].read_bytes().decode("utf-8")
    ordinals = [
        _cn_ordinal(match.group(1))
        for pattern in (_PLAN, _PLAN_WRITTEN_OUT)
        for match in pattern.finditer(text)
    ]
    return min(ordinals, default=_LAST_PLAN)


def shift_plans(text: str, plans: int) -> str:
    """Move five-year plan names by ``plans`` plans (十四五 → 十五五 for +1)."""
    if plans == 0:
        return text
    text = _PLAN.sub(lambda m: _cn_ordinal_text(_cn_ordinal(m.group(1)) + plans) + "五", text)
    return _PLAN_WRITTEN_OUT.sub(
        lambda m: f"第{_cn_ordinal_text(_cn_ordinal(m.group(1)) + plans)}个五年", text
    )


def shift_chinese_years(text: str, delta: int) -> str:
    """二〇三五年 → 二〇四〇年 for +5, keeping the zero character the text uses."""

    def shifted(match: re.Match[str]) -> str:
        written = match.group(1) + match.group(2)
        zero = next((c for c in written if c in _CN_ZEROS), "〇")
        digits = "".join("0" if c in _CN_ZEROS else str(_CN_DIGIT.index(c)) for c in written)
        year = int(digits) + delta
        return "".join(zero if d == "0" else _CN_DIGIT[int(d)] for d in str(year)) + "年"

    return _CN_YEAR.sub(shifted, text) if delta else text


_NUMBER = r"[0-9０-９]+(?:[.．][0-9０-９]+)?"


@cache
def _number_pattern(units: tuple[str, ...]) -> re.Pattern[str]:
    alternation = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))
    # the extractor's guard (no digit, letter, point or 第 just before), and ranges (5-5.5%,
    # 5%—5.5%) taken whole so that both ends scale together and stay in order
    return re.compile(
        rf"(?<![0-9０-９.．A-Za-z第])"
        rf"(?:(?P<low>{_NUMBER})(?P<low_unit>{alternation})?(?P<separator>\s?[—\-~至]\s?))?"
        rf"(?P<number>{_NUMBER})(?P<tail>[余多]?\s?(?P<unit>{alternation})?)"
    )


def _scaled(number: str, factor: float, cap: float | None) -> str:
    decimals = len(number.split(".")[1]) if "." in number else 0
    value = float(number)
    new = round(value * factor, decimals)
    if cap is not None and value <= cap:
        new = min(new, cap)
    if value > 0 and new <= 0:
        new = value
    return f"{new:.{decimals}f}"


def _written_like(new: str, written: str) -> str:
    """ASCII digits, or full-width ones where the text had them."""
    return new if written.isascii() else new.translate(_FULL_WIDTH_DIGITS)


def shift_and_scale(
    text: str, delta: int, factor: float, percent_factor: float, units: tuple[str, ...]
) -> str:
    """Years move by ``delta``; figures (a number, or a range, before a unit) are scaled."""

    def as_year(written: str, after: str) -> str:
        number = unicodedata.normalize("NFKC", written)
        if len(number) == 4 and number.isdigit() and 1900 <= int(number) <= 2099:
            return _written_like(str(int(number) + delta), written)
        if (
            5 <= len(number) <= 8
            and number.isdigit()
            and number[:2] in ("19", "20")
            and (after.startswith("在") or after == "日在")
        ):
            # a dateline whose 年/月/日 were lost: "——2023223在…"
            return _written_like(str(int(number[:4]) + delta) + number[4:], written)
        return written

    def rewrite(match: re.Match[str]) -> str:
        low, high, unit = match.group("low"), match.group("number"), match.group("unit")
        low_unit, separator = match.group("low_unit") or "", match.group("separator") or ""
        after = match.string[match.end("number") : match.end("number") + 2]
        if not unit or (low is not None and low_unit not in ("", unit)):
            # no figure, or two figures of different units: only years change
            new_low = "" if low is None else as_year(low, low_unit + separator)
            return new_low + low_unit + separator + as_year(high, after) + match.group("tail")
        percent = unit in PERCENT_UNITS
        scale = percent_factor if percent else factor
        cap = (1000.0 if unit == "‰" else 100.0) if percent else None
        new_high = _scaled(unicodedata.normalize("NFKC", high), scale, cap)
        new_low = None if low is None else _scaled(unicodedata.normalize("NFKC", low), scale, cap)
        if new_low is not None and float(new_low) >= float(new_high):
            # rounding would close the range: leave this one figure as written
            return match.group()
        head = (
            ""
            if low is None or new_low is None
            else (_written_like(new_low, low) + low_unit + separator)
        )
        return head + _written_like(new_high, high) + match.group("tail")

    return _number_pattern(units).sub(rewrite, text)


def replace_names(text: str, mapping: dict[str, str]) -> str:
    """All names in one pass, longest first, so a replacement is never replaced again."""
    mapping = {old: new for old, new in mapping.items() if old and old != new}
    if not mapping:
        return text
    pattern = re.compile("|".join(re.escape(o) for o in sorted(mapping, key=len, reverse=True)))
    return pattern.sub(lambda m: mapping[m.group()], text)


def name_mapping(template: Template, region: Region) -> dict[str, str]:
    target = region.names()
    mapping: dict[str, str] = {}
    for written, role in template.names:
        mapping.setdefault(written, target[role])
    if template.traditional:
        s2t = _opencc("s2t")
        mapping = {old: s2t.convert(new) for old, new in mapping.items()}
    return mapping


def rewrite(
    text: str,
    template: Template,
    region: Region,
    planned: Planned,
    units: tuple[str, ...],
    sample_name: str,
) -> str:
    delta = planned.report_year - template.report_year
    body = replace_names(text, name_mapping(template, region))
    body = shift_plans(body, delta // 5)
    body = shift_chinese_years(body, delta)
    body = shift_and_scale(body, delta, planned.factor, planned.percent_factor, units)
    newline = "\r\n" if "\r\n" in text[:2000] else "\n"
    return LABEL.format(sample=sample_name) + newline + body


def sample_files(samples_dir: Path = SAMPLES_DIR) -> dict[str, Path]:
    return {path.name[:3]: path for path in sorted(samples_dir.glob("*.txt"))}


def write_corpus(
    plan: list[Planned],
    out_dir: Path,
    samples_dir: Path = SAMPLES_DIR,
    regions: list[Region] | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[Path]:
    """Write the planned reports (UTF-8) and a MANIFEST.json into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    templates = {t.prefix: t for t in TEMPLATES}
    samples = sample_files(samples_dir)
    texts = {prefix: path.read_bytes().decode("utf-8") for prefix, path in samples.items()}
    by_code = {r.admin_code: r for r in (regions if regions is not None else load_regions())}
    by_code[NATIONAL.admin_code] = NATIONAL
    units = (*load_units(), "％")
    written = []
    for number, report in enumerate(plan):
        template = templates[report.template]
        text = rewrite(
            texts[report.template],
            template,
            by_code[report.admin_code],
            report,
            units,
            samples[report.template].name,
        )
        path = out_dir / report.file_name
        path.write_bytes(text.encode("utf-8"))
        written.append(path)
        if progress is not None:
            progress(number + 1)
    manifest = {
        "synthetic": True,
        "note": "Synthetic benchmark corpus made by bench/generate.py from data/reports; "
        "regions, years and figures are rewritten. Not real government reports; do not commit.",
        "reports": [asdict(p) | {"file": p.file_name} for p in plan],
    }
    (out_dir / "MANIFEST.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return written


def generate(n: int, out_dir: Path, seed: int = 7) -> list[Path]:
    regions = load_regions()
    return write_corpus(plan_corpus(n, seed, regions), out_dir, regions=regions)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of synthetic reports")
    parser.add_argument("out_dir", type=Path, help="folder to write (never inside the repo)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    paths = generate(args.n, args.out_dir, args.seed)
    print(f"wrote {len(paths)} synthetic reports to {args.out_dir}")


if __name__ == "__main__":
    main()
