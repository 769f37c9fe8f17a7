"""Four hand-written reports (tests/fixtures/more_layouts; invented figures and names, not real
reports) in layouts none of the samples has: a district report in full-width digits and
punctuation with a heading split over two lines; a county report saved as a GB18030 web page
with its dateline split mid-word; a city report in traditional script (Big5) with five-year
targets beside the annual ones; a province report whose dateline lost its 年月日 and whose
parts lost their 一、 markers, with a glossary full of numbers."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from .conftest import opened_after_build

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "more_layouts"


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> duckdb.DuckDBPyConnection:
    with opened_after_build(tmp_path_factory.mktemp("more_layouts"), FIXTURES) as con:
        yield con


# file: region, level, admin_code, report_year, meeting_date, speaker, speaker_title
# fmt: off
EXPECTED_METADATA = {
    "etuoke_2022.txt": ("鄂托克旗", "county", "150624", 2022, "2022-01-06", "巴特尔", "代旗长"),
    # ——2024123在…: the review of 2023 puts the congress early in 2024 (1月23日)
    "hunan_province_2024.txt":
        ("湖南省", "province", "430000", 2024, "2024-01-23", "陈立新", "省长"),
    "kunshan_2019.txt": ("昆山市", "county", "320583", 2019, "2019-01-15", "周旭", "市长"),
    "ningdu_county_2024.html": ("宁都县", "county", "360730", 2024, "2024-01-10", "刘志军", "县长"),
    "yanbian_2021.txt":
        ("延边朝鲜族自治州", "city", "222400", 2021, "2021-01-19", "金永哲", "州长"),
    # heard on 2023年12月27日, reviewing 2023: the report of 2024
    "yuzhong_2024.txt": ("渝中区", "district", "500103", 2024, "2023-12-27", "黄强", "区长"),
    "zhangzhou_city_2024_big5.txt":
        ("漳州市", "city", "350600", 2024, "2024-01-09", "张海龙", "市长"),
    # the dateline says 常州市钟楼区: the region is the division's own name
    "zhonglou_district_2024.txt":
        ("钟楼区", "district", "320404", 2024, "2024-01-15", "周斌", "区长"),
    "zunyi_2024.html": ("遵义市", "city", "520300", 2024, "2024-01-16", "李睿", "市长"),
}
# fmt: on


def test_metadata(warehouse):
    rows = warehouse.execute(
        """
        select file_name, region, level, admin_code, report_year, meeting_date::varchar,
            speaker, speaker_title
        from marts.reports
        """
    ).fetchall()
    assert {file_name: tuple(rest) for file_name, *rest in rows} == EXPECTED_METADATA
    (review_year,) = warehouse.execute(
        "select review_year from marts.reports where file_name = 'yuzhong_2024.txt'"
    ).fetchone()
    assert review_year == 2023


def test_parts(warehouse):
    rows = warehouse.execute(
        """
        select reports.region, sections.kind, sections.title
        from marts.sections as sections
        inner join marts.reports as reports using (report_id)
        where sections.depth = 1 and sections.kind <> 'preamble'
        order by reports.region, sections.start_offset
        """
    ).fetchall()
    parts: dict[str, list[tuple[str, str]]] = {}
    for region, kind, title in rows:
        parts.setdefault(region, []).append((kind, title))
    standard = [
        ("review", "2023年工作回顾"),
        ("plan", "2024年工作安排"),
        ("government_self_building", "全面加强政府自身建设"),
    ]
    assert parts["宁都县"] == standard
    assert parts["渝中区"] == standard  # 第一部分 2023年工作回顾 …
    # 壹、2021年和过去五年工作回顾 / 贰、今后五年目标任务和2022年工作安排 / 叁、…
    assert parts["鄂托克旗"] == [
        ("five_year_review", "2021年和过去五年工作回顾"),
        ("plan", "今后五年目标任务和2022年工作安排"),
        ("government_self_building", "全面加强政府自身建设"),
    ]
    assert parts["漳州市"] == standard
    assert parts["湖南省"] == [*standard, ("glossary", "名词解释")]
    assert parts["钟楼区"] == [
        ("review", "2023年工作回顾"),
        # "二、２０２４年经济社会发展的总体要求" / "和主要预期目标": one heading
        ("plan", "2024年经济社会发展的总体要求和主要预期目标"),
        ("plan", "2024年重点工作"),
        ("government_self_building", "全面加强政府自身建设"),
        ("glossary", "名词解释"),
    ]


def _headline(warehouse, region: str) -> set[tuple]:
    return set(
        warehouse.execute(
            """
            select goals.canonical_indicator, goals.value, goals.unit, goals.comparator
            from marts.goals as goals
            inner join marts.reports as reports using (report_id)
            where reports.region = ? and goals.is_headline and goals.comparator <> 'qualitative'
            """,
            [region],
        ).fetchall()
    )


def test_headline_targets(warehouse):
    assert _headline(warehouse, "宁都县") == {
        ("gdp", 6.5, "%", "about"),
        ("gdp", 300.0, "亿元", "at_least"),  # 力争突破300亿元
        ("industrial_value_added", 8.0, "%", "equal"),
        ("fixed_asset_investment", 6.0, "%", "at_least"),
        ("retail_sales", 7.0, "%", "equal"),
        ("public_budget_revenue", 5.0, "%", "equal"),
        ("grain_output", 50.0, "万吨", "at_least"),  # 稳定在50万吨以上
        ("new_urban_jobs", 3000.0, "人", "at_least"),  # 不少于3000人
        ("registered_unemployment_rate", 4.5, "%", "at_most"),
        ("urban_disposable_income", 5.5, "%", "equal"),
        ("rural_disposable_income", 7.5, "%", "equal"),
    }
    assert _headline(warehouse, "钟楼区") == {
        ("gdp", 6.0, "%", "about"),
        ("public_budget_revenue", 5.0, "%", "equal"),
        ("industrial_value_added", 7.0, "%", "at_least"),
        ("retail_sales", 6.5, "%", "about"),
        ("registered_unemployment_rate", 3.5, "%", "at_most"),
    }
    assert _headline(warehouse, "湖南省") == {
        ("gdp", 5.5, "%", "about"),
        ("public_budget_revenue", 5.0, "%", "about"),
        ("industrial_value_added", 7.0, "%", "about"),
        ("fixed_asset_investment", 6.0, "%", "about"),
        ("retail_sales", 6.5, "%", "about"),
        ("foreign_trade", 5.0, "%", "at_least"),
        ("new_urban_jobs", 70.0, "万人", "at_least"),
        ("surveyed_unemployment_rate", 5.5, "%", "at_most"),
        ("cpi", 3.0, "%", "about"),
        ("grain_output", 600.0, "亿斤", "at_least"),
    }


def test_five_year_targets_beside_the_annual_ones(warehouse):
    rows = warehouse.execute(
        """
        select goals.indicator, goals.value, goals.unit, goals.horizon, goals.target_year
        from marts.goals as goals
        inner join marts.reports as reports using (report_id)
        where reports.region = '漳州市' and goals.target_year <> reports.report_year
        order by goals.start_offset
        """
    ).fetchall()
    # 到2025年,全市地区生产总值达到6500亿元,…: the end of the 十四五 plan, not this year
    assert rows == [
        ("地区生产总值", 6500.0, "亿元", "five_year", 2025),
        ("一般公共预算收入", 240.0, "亿元", "five_year", 2025),
        ("常住人口城镇化率", 72.0, "%", "five_year", 2025),
        ("研发经费投入强度", 2.5, "%", "five_year", 2025),
    ]
    (metric_years,) = warehouse.execute(
        """
        select list(distinct metrics.year)
        from marts.metrics as metrics
        inner join marts.reports as reports using (report_id)
        where reports.region = '漳州市' and metrics.value in (6500, 240, 72, 2.5)
        """
    ).fetchone()
    assert metric_years == [2025]


def test_indicators_are_read_cleanly(warehouse):
    glued = warehouse.execute(
        "select indicator from marts.goals where regexp_matches(indicator, '(以上|左右|以内)$')"
    ).fetchall()
    assert glued == []
    # 全年实施省市重点项目500个,完成投资1300亿元以上
    assert warehouse.execute(
        """
        select goals.indicator, goals.comparator from marts.goals
        inner join marts.reports using (report_id)
        where reports.region = '漳州市' and goals.value = 1300 and goals.unit = '亿元'
        """
    ).fetchall() == [("投资", "at_least")]
    # 数字经济规模达到2800亿元: one sector, not GDP
    assert warehouse.execute(
        "select canonical_indicator from marts.metrics where value = 2800 and unit = '亿元'"
    ).fetchall() == [("other",)]
    padded = warehouse.execute(
        "select count(*) from marts.metrics where quote <> ltrim(quote)"
    ).fetchone()
    assert padded == (0,)


def test_glossary_figures_are_no_targets_or_facts(warehouse):
    leaked = warehouse.execute(
        """
        select reports.region, metrics.quote
        from marts.metrics as metrics
        inner join marts.reports as reports using (report_id)
        inner join marts.sections as glossaries
            on metrics.report_id = glossaries.report_id and glossaries.kind = 'glossary'
        where metrics.start_offset >= glossaries.start_offset
        """
    ).fetchall()
    assert leaked == []


def _headline_counts(warehouse, file_name: str) -> dict[str, tuple[int, int]]:
    """Headline targets per horizon: (all, qualitative)."""
    rows = warehouse.execute(
        """
        select goals.horizon, count(*), count(*) filter (where goals.comparator = 'qualitative')
        from marts.goals as goals
        inner join marts.reports as reports using (report_id)
        where reports.file_name = ? and goals.is_headline
        group by goals.horizon
        """,
        [file_name],
    ).fetchall()
    return {horizon: (total, qualitative) for horizon, total, qualitative in rows}


def test_targets_written_as_lists_of_points(warehouse):
    # "——地区生产总值增长6%—6.5%;" … eleven points, three of them qualitative
    assert _headline_counts(warehouse, "kunshan_2019.txt") == {"annual": (11, 3)}
    # "地区生产总值:增长5.5%左右" … a line each: ten annual targets, five of the 十四五 plan
    # (a plan's qualitative aims are not kept)
    assert _headline_counts(warehouse, "yanbian_2021.txt") == {
        "annual": (10, 3),
        "five_year": (5, 0),
    }
    (stripped_markers,) = warehouse.execute(
        """
        select count(*) from marts.sections
        inner join marts.reports using (report_id)
        where reports.file_name = 'yanbian_2021.txt' and sections.marker_status = 'missing'
        """
    ).fetchone()
    assert stripped_markers == 0  # the target lines are no items that lost their marker
    # 旅游总收入:到2025年比2020年翻一番
    assert warehouse.execute(
        """
        select goals.indicator, goals.value, goals.target_year from marts.goals
        inner join marts.reports using (report_id)
        where reports.file_name = 'yanbian_2021.txt' and goals.value = 100
        """
    ).fetchall() == [("旅游总收入", 100.0, 2025)]


def test_targets_of_a_five_year_term(warehouse):
    # 今后五年…主要目标是: the term 2022-2026 of a report of 2022
    rows = warehouse.execute(
        """
        select goals.canonical_indicator, goals.value, goals.horizon, goals.target_year
        from marts.goals
        inner join marts.reports using (report_id)
        where reports.file_name = 'etuoke_2022.txt' and goals.is_headline
            and goals.horizon <> 'annual'
        order by goals.start_offset
        """
    ).fetchall()
    assert rows == [
        ("gdp", 6.0, "five_year", 2026),
        ("public_budget_revenue", 7.0, "five_year", 2026),
        ("urban_disposable_income", 6.0, "five_year", 2026),
        ("rural_disposable_income", 8.0, "five_year", 2026),
        (None, 500.0, "five_year", 2026),
    ]
    # eight figures and 完成自治区和市下达的能耗双控任务
    assert _headline_counts(warehouse, "etuoke_2022.txt")["annual"] == (9, 1)


def test_a_percentage_in_words(warehouse):
    # 一般公共预算收入增长百分之六
    assert warehouse.execute(
        """
        select goals.value, goals.unit, goals.comparator from marts.goals
        inner join marts.reports using (report_id)
        where reports.file_name = 'zunyi_2024.html'
            and goals.canonical_indicator = 'public_budget_revenue'
        """
    ).fetchall() == [(6.0, "%", "equal")]
