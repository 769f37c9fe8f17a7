"""The benchmark's corpus generator and a tiny run of the benchmark itself (N=20).

The real benchmark (``make bench``, N = 1,000 and 10,000) never runs here. The tiny run takes
the same steps: the 130 wild files mixed into the corpus, the full load and build, a year's
batch (3% of N, here 1 report), twice 10 more.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from bench.generate import (
    LABEL,
    TEMPLATES,
    Planned,
    load_regions,
    plan_corpus,
    region_pools,
    shift_and_scale,
    shift_chinese_years,
    shift_plans,
    template_years,
    write_corpus,
)
from bench.run import (
    EXTRA_REPORTS,
    WILD,
    BenchmarkFailed,
    Measured,
    _checked_load,
    batch_size,
    check_sizes,
    dbt_runs,
    run_size,
    table,
)
from loaders.reading import read_report_file

UNITS = ("%", "亿元", "万元", "个百分点", "万人")


def test_templates_are_the_samples_as_the_gold_has_them(gold: dict[str, dict]) -> None:
    by_prefix = {name[:3]: annotation for name, annotation in gold.items()}
    assert sorted(by_prefix) == sorted(t.prefix for t in TEMPLATES)
    for template in TEMPLATES:
        annotation = by_prefix[template.prefix]
        assert template.report_year == annotation["report_year"], template.prefix
        names = dict((role, written) for written, role in template.names)
        if template.pool == "national":
            assert annotation["level"] == "national"
            continue
        assert annotation["region"].endswith(names["name"]), template.prefix
        assert names.get("province_name", names["name"]) == annotation["province"]
        if annotation["parent_city"]:
            assert names["parent_name"] == annotation["parent_city"], template.prefix


def test_years_move_with_the_plans_and_figures_scale_in_range() -> None:
    text = "2022年地区生产总值增长5%—5.5%,达到120.5亿元;到2025年实现“十四五”规划目标。"
    moved = shift_and_scale(shift_plans(text, 1), 5, 2.0, 1.1, UNITS)
    assert moved.startswith("2027年")
    assert "到2030年" in moved and "“十五五”" in moved
    assert "241.0亿元" in moved
    low, high = moved.split("增长")[1].split(",")[0].split("—")
    assert float(low.rstrip("%")) < float(high.rstrip("%"))
    # a dateline whose 年/月/日 were dropped, and a Chinese-numeral year
    assert shift_and_scale("——2023223在某县", -5, 1.0, 1.0, UNITS) == "——2018223在某县"
    assert shift_chinese_years("到二〇三五年", 5) == "到二〇四〇年"
    # ordinals and numbers that are no plan stay as written
    assert shift_plans("第十五届人大,二十五条", 1) == "第十五届人大,二十五条"


def test_plan_is_distinct_regions_and_years() -> None:
    plan = plan_corpus(300, seed=3)
    assert len(plan) == 300
    assert len({(p.admin_code, p.report_year) for p in plan}) == 300
    assert all(1986 <= p.report_year <= 2030 for p in plan)
    # some regions have reports of consecutive years, so goal outcomes can be found
    slots = {(p.admin_code, p.report_year) for p in plan}
    assert any((code, year + 1) in slots for code, year in slots)
    assert plan == plan_corpus(300, seed=3)


def test_the_generator_reaches_the_largest_size_of_the_issue() -> None:
    # 100,000 reports, their year's batch of 3,000 and the 20 added after it
    check_sizes([100_000])
    with pytest.raises(BenchmarkFailed, match="distinct synthetic reports"):
        check_sizes([200_000])


def test_every_sample_rewrites_at_its_earliest_and_latest_year(tmp_path: Path) -> None:
    regions = load_regions()
    pools = region_pools(regions)
    ends = [
        (template, year)
        for template in TEMPLATES
        for year in (min(template_years(template)), max(template_years(template)))
    ]
    plan = [
        Planned(index, t.prefix, pools[t.prefix][0].admin_code, pools[t.prefix][0].name, y, 1, 1)
        for index, (t, y) in enumerate(ends)
    ]
    assert min(year for _, year in ends) == 1986
    paths = write_corpus(plan, tmp_path, regions=regions)
    for path, (_, year) in zip(paths, ends, strict=True):
        assert f"{year}年" in path.read_text(encoding="utf-8")


def test_generated_files_are_labelled_and_load(tmp_path: Path) -> None:
    plan = plan_corpus(13, seed=11)
    paths = write_corpus(plan, tmp_path)
    manifest = json.loads((tmp_path / "MANIFEST.json").read_text(encoding="utf-8"))
    assert manifest["synthetic"] is True
    assert [r["file"] for r in manifest["reports"]] == [p.name for p in paths]
    label_head = LABEL.split("{")[0]
    for path, planned in zip(paths, plan, strict=True):
        report = read_report_file(path)
        assert report.raw_text.startswith(label_head)
        if planned.region != "中国":
            assert planned.region in report.normalized_text
        assert f"{planned.report_year}年" in report.normalized_text


LOAD_OUTPUT = """\
rejected /tmp/c/高阳县_2008_report.txt: not a government work report: fewer than 200 characters
rejected /tmp/c/{second}: not a government work report: a budget report
load for /tmp/w/govreports.duckdb (published by the next build)
┏━━━━━━━━━━━━━━━━┳━━━━━━━┓
┃ outcome        ┃ files ┃
┡━━━━━━━━━━━━━━━━╇━━━━━━━┩
│ loaded         │   143 │
│ already loaded │     0 │
│ rejected       │     2 │
└────────────────┴───────┘
"""
WILD_NAMES = {"高阳县_2008_report.txt", "高阳县_2026_report.txt"}


def test_a_load_may_exit_1_only_for_the_wild_files_it_rejects() -> None:
    wild_only = LOAD_OUTPUT.format(second="高阳县_2026_report.txt")
    assert _checked_load("load", Measured(1.0, 1, 1, wild_only), WILD_NAMES) == 2
    assert _checked_load("load", Measured(1.0, 1, 0, ""), set()) == 0
    refused = [
        (1, LOAD_OUTPUT.format(second="synthetic_00001_x.txt"), WILD_NAMES),  # not a wild file
        (1, wild_only, set()),  # a step with no wild file
        (1, wild_only + "Traceback (most recent call last):\n", WILD_NAMES),
        (1, "load stopped: 0 files were stored\n", WILD_NAMES),
        (2, wild_only, WILD_NAMES),
    ]
    for returncode, output, may_reject in refused:
        with pytest.raises(BenchmarkFailed):
            _checked_load("load", Measured(1.0, 1, returncode, output), may_reject)


def test_dbt_runs_are_summed_over_the_slices_of_a_build() -> None:
    output = (
        "\x1b[0m21:02:05  1 of 357 OK loaded seed file seeds.units ....... "
        "[\x1b[32mINSERT 40\x1b[0m in 0.20s]\n"
        "21:02:06  2 of 357 OK created sql incremental model intermediate.int_a .. [OK in 1.50s]\n"
        "21:02:07  3 of 357 PASS not_null_int_a_report_id ..... [PASS in 0.05s]\n"
        "21:02:07  Finished running 1 incremental model, 1 seed, 1 data test in 0 hours 0 minutes"
        " and 2.25 seconds (2.25s).\n"
        "govreports: slice 2: 100 more reports; running dbt build again\n"
        "21:02:09  2 of 357 OK created sql incremental model intermediate.int_a .. [OK in 0.50s]\n"
        "21:02:09  3 of 357 WARN 1 unique_int_a_id .... [WARN 1 in 0.30s]\n"
        "21:02:10  Finished running 1 incremental model in 0 hours 0 minutes and 1.00 seconds"
        " (1.00s).\n"
    )
    runs = dbt_runs(output, top=2)
    assert runs.runs == 2
    assert runs.elapsed_seconds == pytest.approx(3.25)
    assert runs.slowest_nodes == [("intermediate.int_a", 2.0), ("unique_int_a_id", 0.3)]


@pytest.fixture(scope="module")
def smoke_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    workdir = tmp_path_factory.mktemp("bench")
    # 20 synthetic and 123 wild reports, 100 a dbt run: the full build takes two slices, as
    # the first build of a large archive does
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GOVREPORTS_BUILD_SLICE", "100")
        result = run_size(20, workdir, seed=5, log=lambda _: None)
    return workdir, result


def test_benchmark_runs_end_to_end(smoke_run: tuple[Path, object]) -> None:
    _, result = smoke_run
    assert result.reports == 20
    assert result.floor_figures == result.peer_figures > 0
    assert result.metrics_rows > 0
    assert result.load_seconds > 0 and result.build_seconds > 0 and result.add_seconds > 0
    assert result.peak_rss_bytes > 0 and result.warehouse_bytes > 0
    # the full build kept a copy of itself (the file it replaced held no built report): the
    # batch, far under a quarter of the reports, catches up from it, and so do the next two
    assert result.batch_started_from == "previous build"
    assert result.add_started_from == "previous build"
    assert result.steady_started_from == "previous build"
    assert result.batch_seconds > 0 and result.steady_seconds > 0
    assert result.build_dbt_runs == 2
    assert 0 < result.dbt_elapsed_seconds < result.build_seconds
    assert 0 < result.add_dbt_elapsed_seconds < result.add_build_seconds
    assert result.build_slowest_nodes and result.add_slowest_nodes
    payload = result.as_json()
    assert payload["times_floor"] > 1
    assert payload["batch_seconds"] == result.batch_seconds
    assert "N=20" in table([result])
    assert "N ratio" in table([result, result])


def test_wild_files_are_mixed_in_and_the_load_accepts_their_rejection(smoke_run) -> None:
    _, result = smoke_run
    assert result.wild_files == sum(1 for path in WILD.rglob("*") if path.is_file()) == 130
    assert result.corpus_files == result.reports + result.wild_files
    # tests/test_wild.py names the 7 files that are no report
    assert result.wild_rejected == 7


def test_the_year_s_batch_adds_its_reports(smoke_run) -> None:
    _, result = smoke_run
    assert result.batch_reports == batch_size(20) == 1
    assert batch_size(100_000) == 3000
    assert result.reports_after_batch == result.reports_after_build + result.batch_reports


def test_disk_is_measured_beside_the_warehouse(smoke_run) -> None:
    workdir, result = smoke_run
    warehouse = workdir / "govreports.duckdb"
    # the published warehouse, the previous build and the load store, all on disk at once
    assert result.previous_bytes > 0 and result.raw_store_bytes > 0
    assert result.warehouse_bytes >= warehouse.stat().st_size
    assert result.peak_disk_bytes >= result.warehouse_bytes + result.previous_bytes
    assert result.peak_disk_step in {"full", "batch", "add", "steady"}
    payload = result.as_json()
    assert payload["disk_bytes_at_end"] <= result.peak_disk_bytes
    assert payload["peak_disk_per_loaded_byte"] >= payload["warehouse_per_loaded_byte"] > 0


def test_synthetic_reports_read_as_their_region_and_year(smoke_run: tuple[Path, object]) -> None:
    workdir, result = smoke_run
    planned = {}
    for folder in ("corpus", "batch", "extra", "more"):
        manifest = json.loads((workdir / folder / "MANIFEST.json").read_text(encoding="utf-8"))
        planned.update({r["file"]: r for r in manifest["reports"]})
    con = duckdb.connect(str(workdir / "govreports.duckdb"), read_only=True)
    try:
        rows = con.execute(
            "select file_name, coalesce(admin_code, level), report_year from marts.reports"
        ).fetchall()
    finally:
        con.close()
    synthetic = [row for row in rows if row[0].startswith("synthetic_")]
    assert len(synthetic) == 20 + result.batch_reports + 2 * EXTRA_REPORTS
    for file_name, code, year in synthetic:
        assert (code, year) == (planned[file_name]["admin_code"], planned[file_name]["report_year"])
