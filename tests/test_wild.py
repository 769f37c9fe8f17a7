"""The wild collection (data/wild/reports): 130 files as three public collections hold them.

The figures asserted here are the ones bench/README.md states; tests/gold/wild holds a
hand-made gold for 12 of the files, made by reading them.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from .conftest import REPO, run_govreports, warehouse_env
from .scoring import (
    goals_by_file,
    load_gold,
    metrics_by_file,
    score_goals,
    share_of_actuals_found,
)

WILD = REPO / "data" / "wild" / "reports"
WILD_GOLD = load_gold(REPO / "tests" / "gold" / "wild")
# what the loader refuses, and why: summaries too short to be anything, the congress's
# resolutions on a report, and a budget report filed under a work report's name
REJECTED = {
    "保定市_2008_report.txt": "fewer than 200 Chinese characters",
    "高阳县_2008_report.txt": "fewer than 200 Chinese characters",
    "高阳县_2011_report.txt": "fewer than 200 Chinese characters",
    "高阳县_2012_report.txt": "fewer than 200 Chinese characters",
    "第二届全国人民代表大会第三次会议关于政府工作报告的决议.txt": "resolution",
    "第十二届全国人民代表大会第一次会议关于政府工作报告的决议.txt": "resolution",
    "高阳县_2026_report.txt": "budget report",
}
EXACT_FIELDS = ["region", "province", "parent_city", "level", "report_year", "review_year"]


@pytest.fixture(scope="module")
def wild(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """The load's output and the warehouse built from the whole folder."""
    workdir = tmp_path_factory.mktemp("wild")
    warehouse = workdir / "govreports.duckdb"
    env = warehouse_env(warehouse, workdir)
    loaded = run_govreports("load", str(WILD), env=env)
    # a folder with files that are not reports loads the others and exits 1
    assert loaded.returncode == 1, loaded.stdout + loaded.stderr
    built = run_govreports("build", env=env)
    assert built.returncode == 0, built.stdout + built.stderr
    return loaded.stdout + loaded.stderr, warehouse


@pytest.fixture(scope="module")
def con(wild):
    connection = duckdb.connect(str(wild[1]), read_only=True)
    yield connection
    connection.close()


def test_each_file_that_is_no_report_is_rejected_with_its_reason(wild):
    output, _ = wild
    rejected = {
        line.split(": ", 1)[0].rsplit("/", 1)[-1]: line
        for line in output.splitlines()
        if line.startswith("rejected ")
    }
    assert set(rejected) == set(REJECTED)
    for name, reason in REJECTED.items():
        assert reason in rejected[name]


def test_the_build_publishes_and_places_nearly_every_report(con):
    (loaded,) = con.execute("select count(*) from raw.report_files").fetchone()
    (placed,) = con.execute("select count(*) from marts.reports").fetchone()
    (listed,) = con.execute("select count(*) from marts.report_quality").fetchone()
    assert loaded == 130 - len(REJECTED)
    assert listed == loaded
    assert placed >= 0.95 * loaded


def test_every_report_says_where_its_year_and_region_came_from(con):
    rows = con.execute(
        "select report_year_source, region_source, count(*) from marts.reports group by all"
    ).fetchall()
    sources = {(year, region) for year, region, _ in rows}
    assert all(year and region for year, region in sources)
    # the national reports of 1954-2014 carry neither title nor dateline: their text dates them
    (national_from_text,) = con.execute(
        """
        select count(*) from marts.reports
        where level = 'national' and report_year_source not in ('scraper_header', 'file_name')
        """
    ).fetchone()
    (national,) = con.execute(
        "select count(*) from marts.reports where level = 'national'"
    ).fetchone()
    assert national == 40
    assert national_from_text >= 0.8 * national


def test_a_file_misnamed_by_its_collector_is_placed_by_its_text_and_flagged(con):
    # 保定市_2006_report.txt holds the report of 2007 (dateline "(2007年1月30日)"), as does
    # 河北省_2018_report.txt that of 2019 (二〇一九年一月十四日)
    rows = dict(
        con.execute(
            """
            select file_name, [report_year::varchar, report_year_source] || metadata_flags
            from marts.reports
            where file_name in ('保定市_2006_report.txt', '河北省_2018_report.txt')
            """
        ).fetchall()
    )
    assert rows["保定市_2006_report.txt"][:2] == ["2007", "dateline"]
    assert rows["河北省_2018_report.txt"][:2] == ["2019", "dateline"]
    for flags in rows.values():
        assert "report_year_off_file_name" in flags


def test_summaries_and_placeholders_are_graded_as_fragments(con):
    rows = dict(con.execute("select file_name, is_fragment from marts.report_quality").fetchall())
    # a collector's summary "基于公开资料整理", an excerpt "(节选)", a page of site furniture
    for name in ("保定市_2000_report.txt", "高阳县_2021_report.txt", "保定市_2020_report.txt"):
        assert rows[name], name
    for name in ("2026_北京市_政府工作报告.txt", "国务院_2009_政府工作报告.txt"):
        assert not rows[name], name


def announcing_and_yielding(con) -> tuple[int, int]:
    """A report announces this year's main targets when a sentence outside its five-year
    parts names them (主要预期目标, 主要目标, 预期目标 followed by 是/为/:) with a figure, and the
    lead-in names no span of years (十四五, 今后五年, 到2025年)."""
    (announcing, yielding) = con.execute(
        """
        with marker_sentences as (
            select
                sections.report_id,
                unnest(regexp_extract_all(
                    sections.section_text,
                    '[^。\\n]*(?:主要预期目标|主要目标|预期目标)[^。\\n]{0,12}(?:是|为|:)[^。]{0,60}'
                )) as sentence
            from marts.sections as sections
            where
                sections.depth = 1
                and sections.kind not in (
                    'five_year_plan', 'five_year_review', 'glossary', 'appendix'
                )
        ),

        announcing as (
            select distinct report_id from marker_sentences
            where
                regexp_matches(sentence, '(?:主要预期目标|主要目标|预期目标)[^。]{0,72}[0-9]')
                and not regexp_matches(
                    regexp_extract(sentence, '^(.*?)(?:主要预期目标|主要目标|预期目标)', 1),
                    '十[一二三四五六七八九]?五|五年|到20[0-9]{2}年|今后|未来|期间'
                )
        )

        select
            count(*),
            count(*) filter (
                where report_id in (
                    select report_id from marts.goals where is_headline and horizon = 'annual'
                )
            )
        from announcing
        """
    ).fetchone()
    return announcing, yielding


def test_reports_that_announce_main_targets_yield_headline_annual_targets(con):
    announcing, yielding = announcing_and_yielding(con)
    assert announcing >= 60
    assert yielding >= 0.95 * announcing


def test_no_headline_target_is_stated_twice_in_one_report(con):
    duplicates = con.execute(
        """
        select report_id, indicator, value, comparator, target_year, horizon, count(*)
        from marts.goals
        where is_headline
        group by all
        having count(*) > 1
        """
    ).fetchall()
    assert duplicates == []


def test_no_target_is_stated_twice_in_one_report(con):
    """Headline or task: a page that repeats a paragraph gives each target once."""
    duplicates = con.execute(
        """
        select report_id, is_headline, coalesce(canonical_indicator, indicator), metric_kind,
            value, unit, comparator, target_year, horizon, count(*)
        from marts.goals
        where comparator <> 'qualitative'
        group by all
        having count(*) > 1
        """
    ).fetchall()
    assert duplicates == []


def test_no_figure_over_a_span_of_years_judges_an_annual_target(con):
    """累计, 年均, 五年, 以来, 翻两番: an outcome is one year's figure, or missing with a reason."""
    periods = dict(
        con.execute(
            """
            select metrics.period, count(*)
            from marts.goal_outcomes as outcomes
            inner join marts.metrics on outcomes.actual_metric_id = metrics.metric_id
            group by all
            """
        ).fetchall()
    )
    assert set(periods) == {"year"}
    reasons = dict(
        con.execute(
            "select missing_actual_reason, count(*) from marts.goal_outcomes group by all"
        ).fetchall()
    )
    assert reasons.get("only_multi_year_figure", 0) > 0
    assert reasons.get("no_next_report", 0) > 0


def panel_outcomes(con) -> tuple[int, int]:
    """保定市, 河北省 and 高阳县 over 25 years: wherever the next report states the target
    year's GDP growth (a yearly figure, not a five-year average), goal_outcomes has it."""
    (stated, joined) = con.execute(
        """
        with panel as (
            select outcomes.*
            from marts.goal_outcomes as outcomes
            inner join marts.reports on outcomes.goal_report_id = reports.report_id
            where
                outcomes.canonical_indicator = 'gdp'
                and outcomes.metric_kind = 'growth_pct'
                and outcomes.is_preferred_copy
                and reports.region in ('保定市', '河北省', '高阳县')
        ),

        stated as (
            select
                panel.*,
                exists (
                    select 1 from marts.metrics
                    where
                        metrics.report_id = panel.actual_report_id
                        and metrics.canonical_indicator = 'gdp'
                        and metrics.metric_kind = 'growth_pct'
                        and metrics.period = 'year'
                        and metrics.year = panel.target_year
                ) as is_stated
            from panel
        )

        select
            count(*) filter (where is_stated),
            count(*) filter (where is_stated and actual_value is not null)
        from stated
        """
    ).fetchone()
    return stated, joined


def test_panel_gdp_targets_meet_the_outcome_the_next_report_states(con):
    stated, joined = panel_outcomes(con)
    assert stated >= 15
    assert joined >= 0.9 * stated


def test_metadata_of_the_hand_made_gold(con):
    columns = ", ".join(EXACT_FIELDS)
    rows = {
        name: dict(zip(EXACT_FIELDS, values, strict=True))
        for name, *values in con.execute(
            f"select file_name, {columns} from marts.reports"
        ).fetchall()
    }
    wrong = [
        (name, field, rows.get(name, {}).get(field), gold[field])
        for name, gold in WILD_GOLD.items()
        for field in EXACT_FIELDS
        if rows.get(name, {}).get(field) != gold[field]
    ]
    assert wrong == []


@pytest.mark.parametrize("horizon", ["annual", "five_year"])
def test_headline_targets_of_the_hand_made_gold(con, horizon):
    precision, recall, missed, extra = score_goals(
        goals_by_file(con), WILD_GOLD, sorted(WILD_GOLD), horizon
    )
    assert precision >= 0.95, extra
    assert recall >= 0.95, missed


def test_headline_actuals_of_the_hand_made_gold(con):
    share, missed = share_of_actuals_found(metrics_by_file(con), WILD_GOLD, sorted(WILD_GOLD))
    assert share >= 0.95, missed


def readme_figures() -> dict[str, str]:
    """The table of bench/README.md's "Real collections" section: label to value."""
    text = (REPO / "bench" / "README.md").read_text(encoding="utf-8")
    section = text.split("## Real collections", 1)[1].split("\n## ", 1)[0]
    cells = [line.strip("|").split("|") for line in section.splitlines() if line.startswith("| ")]
    return {label.strip(): value.strip() for label, value in cells if label.strip()}


def test_the_readme_states_the_figures_of_this_build(con):
    """bench/README.md's wild figures are this build's, so a change of rules that moves them
    has to say so there."""
    figures = readme_figures()
    (loaded,) = con.execute("select count(*) from raw.report_files").fetchone()
    (placed,) = con.execute("select count(*) from marts.reports").fetchone()
    (fragments,) = con.execute(
        "select count(*) from marts.report_quality where is_fragment"
    ).fetchone()
    year_sources = dict(
        con.execute(
            "select report_year_source, count(*) from marts.reports group by all"
        ).fetchall()
    )
    labels = {
        "part_headings": "part headings",
        "dateline": "dateline",
        "scraper_header": "collector's header",
        "text_phrase": "phrases of the opening",
        "file_name": "file name",
        "title": "title",
    }
    announcing, yielding = announcing_and_yielding(con)
    stated, joined = panel_outcomes(con)
    assert figures["rejected with the reason"].startswith(f"{len(REJECTED)}:")
    assert figures["loaded / placed (year and region)"].startswith(f"{loaded} / {placed}")
    for source, count in year_sources.items():
        assert f"{labels[source]} {count}" in figures["where the year was read"], source
    assert figures["graded as fragments"].startswith(f"{fragments} ")
    announced = [
        value for label, value in figures.items() if label.startswith("reports announcing")
    ]
    assert announced == [f"{yielding} / {announcing}"]
    assert figures["headline targets stated twice in one report"] == "0"
    outcomes = [value for label, value in figures.items() if "GDP targets" in label]
    assert outcomes == [f"{joined} / {stated}"]
