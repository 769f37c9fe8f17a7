"""One report in every form it arrives in builds into the same region, year, sections and goals.

A sample report is written as UTF-8, UTF-8 with BOM, UTF-16, GB18030, Big5 (traditional
script), a saved web page, and in hostile shapes (NUL bytes, CRLF, full-width digits and
punctuation, ideographic spaces, a 100,000-character line, two 10 MB files). All are loaded
into one warehouse and built once; every variant must give the marts the plain UTF-8 file
gives. A damaged copy (numbers, ordinals and date characters stripped, mojibake) shows what
marts.report_quality, damage_spans and the is_damaged_span flags make of it.
"""

from __future__ import annotations

import codecs
import html
import unicodedata
from pathlib import Path

import duckdb
import opencc
import pytest

from .conftest import REPORTS_DIR, run_govreports, warehouse_env

BASE = REPORTS_DIR / "000_56e08ec3f9ad0187.txt"  # 交口县 2023: title, dateline, goals passage
TEN_MB = 10 * 1024 * 1024
LONG_LINE = 100_000

_S2T = opencc.OpenCC("s2t")
_T2S = opencc.OpenCC("t2s")
# Taiwan variants of OpenCC's standard forms (爲→為, 羣→群, 衆→眾), most of which Big5 has
_T2TW = opencc.OpenCC("t2tw")


def _nfkc_simplified(text: str) -> str:
    return unicodedata.normalize("NFKC", _T2S.convert(text))


def _big5_char(ch: str) -> str | None:
    """``ch`` or a variant Big5 can encode that normalises the same; None if there is none."""
    for candidate in (ch, _T2TW.convert(ch), unicodedata.normalize("NFKC", ch)):
        try:
            candidate.encode("big5")
        except UnicodeEncodeError:
            continue
        if _nfkc_simplified(candidate) == _nfkc_simplified(ch):
            return candidate
    return None


def base_texts() -> tuple[str, str]:
    """(simplified, traditional) text of the base report, lines Big5 cannot hold left out.

    Big5 lacks some characters of the report (©, NBSP, 礴) and OpenCC's standard forms; a line
    is kept only when its traditional form encodes in Big5 and converts back to exactly the
    simplified line, so every variant holds the same text.
    """
    simplified_lines, traditional_lines = [], []
    lines = BASE.read_text(encoding="utf-8").splitlines(keepends=True)
    for line in lines:
        converted = [_big5_char(ch) for ch in _S2T.convert(line)]
        if None in converted:
            continue
        traditional = "".join(ch for ch in converted if ch is not None)
        if _nfkc_simplified(traditional) != unicodedata.normalize("NFKC", line):
            continue
        simplified_lines.append(line)
        traditional_lines.append(traditional)
    assert len(simplified_lines) >= len(lines) - 10, "too little of the report fits Big5"
    return "".join(simplified_lines), "".join(traditional_lines)


def saved_page(text: str, encoding: str = "utf-8", padding: str = "") -> str:
    """A web page as a browser saves it: the report in <p>s among scripts, styles and menus."""
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines())
    return (
        f'<!DOCTYPE html><html><head><meta charset="{encoding}"><title>政府工作报告</title>'
        "<style>p{margin:0} .nav::after{content:'样式导航'}</style>"
        f"<script>var menu = '脚本菜单';{padding}</script></head><body>"
        "<nav><a href='/'>首页导航</a> <a href='/zwgk'>政务公开导航</a></nav>\n"
        f"<div class='article'>\n{body}\n</div>"
        "<script>track('统计脚本')</script>"
        "<nav class='footer'><a href='/map'>网站地图导航</a></nav></body></html>"
    )


def with_nul_bytes(text: str) -> bytes:
    """NUL bytes between characters here and there, as broken scrapers leave them."""
    lines = text.split("\n")
    for index in range(0, len(lines), 7):
        middle = len(lines[index]) // 2
        lines[index] = "\x00" + lines[index][:middle] + "\x00\x00" + lines[index][middle:]
    return "\n".join(lines).encode("utf-8")


def full_width(text: str) -> str:
    """ASCII digits and punctuation as their full-width forms (２０２３，６．５％)."""
    return "".join(
        chr(ord(ch) + 0xFEE0) if ch.isascii() and (ch.isdigit() or ch in ",.:;%()!?") else ch
        for ch in text
    )


def ideographic_spaces(text: str) -> str:
    """Spaces as U+3000 (ideographic) and U+2002 (en space), alternating by line."""
    return "\n".join(
        line.replace(" ", "\u3000" if index % 2 else "\u2002")
        for index, line in enumerate(text.split("\n"))
    )


def with_long_line(text: str) -> str:
    """A review paragraph repeated into one line of more than 100,000 characters."""
    lines = text.split("\n")
    index = next(i for i, line in enumerate(lines) if "多措并举保大盘" in line)
    paragraph = lines[index].strip()
    lines[index] = "    " + paragraph * (LONG_LINE // len(paragraph) + 1)
    assert len(lines[index]) > LONG_LINE
    return "\n".join(lines)


def with_large_trailer(text: str) -> str:
    """The report, then site furniture (link lists) up to 10 MB, as a forum page dump has.

    Lines of a dozen links keep the line count (and the build) moderate: 10 MB is the point.
    """
    furniture = (
        "    相关阅读:"
        + " | ".join(f"{year}年交口县政府工作报告解读" for year in range(2012, 2024))
        + " | 网站地图 | 联系我们 | 返回顶部\n"
    )
    repeats = (TEN_MB - len(text.encode("utf-8"))) // len(furniture.encode("utf-8")) + 1
    return text + furniture * repeats


def damaged(text: str) -> str:
    """What a careless scraper does: numbers, ordinals and date characters lost; mojibake."""
    replacements = {
        # the GDP target loses its number, and so does a target sharing a clause with another
        "地区生产总值增长6.5%左右": "地区生产总值增长%左右",
        "一般公共预算收入增长6%,固定资产投资增长7%以上": (
            "一般公共预算收入增长%、固定资产投资增长7%以上"
        ),
        "——2023年3月30日在交口县第十一届": "——2023330在交口县第十一届",
        "人民代表大会第四次会议": "人民代表大会第次会议",
        "出台助企纾困政策24条": "出台助企纾困锟斤拷政策24条",
    }
    for before, after in replacements.items():
        assert before in text, before
        text = text.replace(before, after, 1)
    return text


def with_stray_byte(text: str) -> bytes:
    """UTF-8 with a stray byte in the salutation paragraph and the last character cut off."""
    before, after = text.split("我代表县人民政府", 1)
    return (before + "我代表县人民政府").encode() + b"\xff" + after.encode()[:-1]


def variant_files() -> dict[str, tuple[str, bytes]]:
    """name -> (file name, bytes) of every variant."""
    simplified, traditional = base_texts()
    return {
        "utf-8": ("utf8.txt", simplified.encode("utf-8")),
        "utf-8-bom": ("utf8_bom.txt", simplified.encode("utf-8-sig")),
        "utf-16": ("utf16.txt", simplified.encode("utf-16")),
        "gb18030": ("gb18030.txt", simplified.encode("gb18030")),
        "big5": ("big5.txt", traditional.encode("big5")),
        "html": ("page.html", saved_page(simplified).encode("utf-8")),
        "nul": ("nul.txt", with_nul_bytes(simplified)),
        "crlf": ("crlf.txt", simplified.replace("\n", "\r\n").encode("utf-8")),
        "full-width": ("full_width.txt", full_width(simplified).encode("utf-8")),
        "ideographic-spaces": ("spaces.txt", ideographic_spaces(simplified).encode("utf-8")),
        "long-line": ("long_line.txt", with_long_line(simplified).encode("utf-8")),
        "10mb-text": ("large.txt", with_large_trailer(simplified).encode("utf-8")),
        # a page saved "complete": megabytes of inline script around the report
        "10mb-html": (
            "large.html",
            saved_page(simplified, "gb18030", "var x='" + "aZ09+/" * (TEN_MB // 6) + "';").encode(
                "gb18030"
            ),
        ),
        "damaged": ("damaged.txt", damaged(simplified).encode("utf-8")),
        "stray-byte": ("stray_byte.txt", with_stray_byte(simplified)),
    }


# Variants whose normalised text must equal the UTF-8 file's, character for character.
SAME_TEXT = ["utf-8-bom", "utf-16", "gb18030", "big5", "nul", "crlf", "full-width"]
SAME_TEXT += ["ideographic-spaces"]
# Variants whose marts must equal the UTF-8 file's.
SAME_GRADE = [*SAME_TEXT, "html", "long-line", "10mb-text", "10mb-html"]
SAME_MARTS = [*SAME_GRADE, "stray-byte"]
EXPECTED_ENCODING = {
    "utf-8": "utf-8",
    "utf-8-bom": "utf-8-sig",
    "utf-16": "utf-16",
    "gb18030": "gb18030",
    "big5": "big5",
    "html": "utf-8",
    "10mb-html": "gb18030",
}


@pytest.fixture(scope="module")
def variants_built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """All variants loaded and built into one warehouse; (warehouse, name -> report_id)."""
    workdir = tmp_path_factory.mktemp("variants")
    folder = workdir / "in"
    folder.mkdir()
    files = variant_files()
    for file_name, data in files.values():
        (folder / file_name).write_bytes(data)
    assert (folder / "large.txt").stat().st_size >= TEN_MB
    assert (folder / "large.html").stat().st_size >= TEN_MB
    warehouse = workdir / "govreports.duckdb"
    env = warehouse_env(warehouse, workdir)
    loaded = run_govreports("load", str(folder), env=env)
    assert loaded.returncode == 0, loaded.stdout + loaded.stderr
    built = run_govreports("build", env=env)
    assert built.returncode == 0, built.stdout[-5000:] + built.stderr[-5000:]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        sql = "select file_name, left(sha256, 16) from raw.report_files"
        ids = dict(con.execute(sql).fetchall())
    return warehouse, {name: ids[file_name] for name, (file_name, _) in files.items()}


def query(warehouse: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def test_every_variant_is_loaded_as_its_own_report(variants_built) -> None:
    warehouse, ids = variants_built
    rows = {
        report_id: (encoding, content_type, script)
        for report_id, encoding, content_type, script in query(
            warehouse,
            "select left(sha256, 16), encoding, content_type, script from raw.report_files",
        )
    }
    assert set(rows) == set(ids.values())
    for name, encoding in EXPECTED_ENCODING.items():
        assert rows[ids[name]][0] == encoding, name
    assert rows[ids["html"]][1] == rows[ids["10mb-html"]][1] == "html"
    assert rows[ids["big5"]][2] == "traditional"
    assert rows[ids["utf-8"]][2] == "simplified"


@pytest.mark.parametrize("name", SAME_TEXT)
def test_normalised_text_is_the_same(variants_built, name: str) -> None:
    warehouse, ids = variants_built
    texts = dict(query(warehouse, "select left(sha256, 16), normalized_text from raw.report_files"))
    assert texts[ids[name]] == texts[ids["utf-8"]]


def report_facts(warehouse: Path, report_id: str) -> tuple:
    return query(
        warehouse,
        """
        select region, province, level, admin_code, report_year, review_year, meeting_date,
            speaker, speaker_title, congress, metadata_flags
        from marts.reports where report_id = ?
        """,
        [report_id],
    )[0]


def section_tree(warehouse: Path, report_id: str) -> list[tuple]:
    """Parts and items by position, without offsets (a web page has no blank lines)."""
    return query(
        warehouse,
        """
        select s.depth, coalesce(p.ordinal, s.ordinal), s.ordinal, s.number, s.marker_status,
            s.kind, s.title
        from marts.sections as s
        left join marts.sections as p on s.parent_section_id = p.section_id
        where s.report_id = ?
        order by s.start_offset
        """,
        [report_id],
    )


def goal_list(warehouse: Path, report_id: str) -> list[tuple]:
    return query(
        warehouse,
        """
        select indicator, canonical_indicator, metric_kind, value, value_high, unit, comparator,
            relation, target_year, horizon, is_headline, trim(quote), is_damaged_span
        from marts.goals where report_id = ?
        order by start_offset, indicator
        """,
        [report_id],
    )


@pytest.mark.parametrize("name", SAME_MARTS)
def test_same_region_year_and_metadata(variants_built, name: str) -> None:
    warehouse, ids = variants_built
    expected = report_facts(warehouse, ids["utf-8"])
    assert expected[0] == "交口县" and expected[4] == 2023
    assert report_facts(warehouse, ids[name]) == expected


@pytest.mark.parametrize("name", SAME_MARTS)
def test_same_parts_and_items(variants_built, name: str) -> None:
    warehouse, ids = variants_built
    expected = section_tree(warehouse, ids["utf-8"])
    assert sum(1 for row in expected if row[0] == 1) >= 3
    assert sum(1 for row in expected if row[0] == 2) >= 5
    assert section_tree(warehouse, ids[name]) == expected


@pytest.mark.parametrize("name", SAME_MARTS)
def test_same_goals(variants_built, name: str) -> None:
    warehouse, ids = variants_built
    expected = goal_list(warehouse, ids["utf-8"])
    assert sum(1 for row in expected if row[10]) >= 5  # headline targets
    assert goal_list(warehouse, ids[name]) == expected


@pytest.mark.parametrize("name", SAME_GRADE)
def test_same_quality_grade(variants_built, name: str) -> None:
    warehouse, ids = variants_built
    sql = "select grade, grade_reasons from marts.report_quality where report_id = ?"
    assert query(warehouse, sql, [ids[name]]) == query(warehouse, sql, [ids["utf-8"]])


def test_long_line_figures_are_all_read(variants_built) -> None:
    warehouse, ids = variants_built
    sql = "select count(*) from marts.metrics where report_id = ? and quote like '%纾困贷款%'"
    (once,) = query(warehouse, sql, [ids["utf-8"]])[0]
    (repeated,) = query(warehouse, sql, [ids["long-line"]])[0]
    assert once >= 1
    assert repeated >= once * (LONG_LINE // 1000)


def test_large_trailer_is_trimmed_as_boilerplate(variants_built) -> None:
    warehouse, ids = variants_built
    sql = """
        select body_chars, boilerplate_chars from marts.report_quality where report_id = ?
    """
    body, boilerplate = query(warehouse, sql, [ids["10mb-text"]])[0]
    clean_body, _ = query(warehouse, sql, [ids["utf-8"]])[0]
    assert body == clean_body
    assert boilerplate > 3_000_000  # characters: the 10 MB are mostly three-byte Han


def test_damaged_copy_is_graded_and_its_damage_located(variants_built) -> None:
    warehouse, ids = variants_built
    report_id = ids["damaged"]
    grade, reasons, stripped_kinds, mojibake_unrepaired = query(
        warehouse,
        """
        select grade, grade_reasons, stripped_kinds, mojibake_unrepaired_count
        from marts.report_quality where report_id = ?
        """,
        [report_id],
    )[0]
    assert grade == "C"
    for reason in ("numbers_stripped", "mojibake_unrepaired", "characters_stripped"):
        assert reason in reasons
    assert "meeting_date_reconstructed" in reasons
    assert set(stripped_kinds) == {"number_stripped", "ordinal_stripped", "date_fused"}
    assert mojibake_unrepaired == 1
    spans = query(
        warehouse,
        """
        select damage_kind, damaged_text
        from marts.damage_spans where report_id = ? order by start_offset
        """,
        [report_id],
    )
    assert spans == [
        ("date_fused", "2023330在"),
        ("ordinal_stripped", "第次"),
        ("mojibake_characters", "锟斤拷"),
        ("number_stripped", "长%"),
        ("number_stripped", "长%"),
    ]


def test_damage_reaches_the_figures_and_targets_of_its_clause(variants_built) -> None:
    warehouse, ids = variants_built
    report_id = ids["damaged"]
    damaged_goals = query(
        warehouse,
        "select indicator, value from marts.goals where report_id = ? and is_damaged_span",
        [report_id],
    )
    # the target beside the stripped number is misread (the damage runs into its indicator):
    # exactly what the flag warns of
    ((indicator, value),) = damaged_goals
    assert value == 7.0
    assert indicator.endswith("固定资产投资") and indicator != "固定资产投资"
    # the GDP target lost its number: it is missing, and the grade says so
    assert not query(
        warehouse,
        """
        select 1 from marts.goals
        where report_id = ? and canonical_indicator = 'gdp' and is_headline
        """,
        [report_id],
    )
    damaged_metrics = query(
        warehouse,
        "select value, unit from marts.metrics where report_id = ? and is_damaged_span",
        [report_id],
    )
    assert (24.0, "条") in damaged_metrics
    assert (7.0, "%") in damaged_metrics
    # clean clauses of the same report are not flagged
    (clean,) = query(
        warehouse,
        "select count(*) from marts.metrics where report_id = ? and not is_damaged_span",
        [report_id],
    )[0]
    assert clean > 100


def test_clean_variant_is_graded_a(variants_built) -> None:
    warehouse, ids = variants_built
    assert query(
        warehouse,
        "select grade, damaged_metric_count, damaged_goal_count from marts.report_quality "
        "where report_id = ?",
        [ids["utf-8"]],
    ) == [("A", 0, 0)]


def test_big5_variant_is_really_big5() -> None:
    """The Big5 bytes are not GB18030 or UTF-8 text in disguise, and hold most of the report."""
    files = variant_files()
    data = files["big5"][1]
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert codecs.decode(data, "big5").count("\n") > 100
    assert "交口縣" in data.decode("big5")


def test_stray_byte_is_kept_visible_not_fatal(variants_built) -> None:
    """A stray byte becomes U+FFFD: the report loads whole, and the damage is shown."""
    warehouse, ids = variants_built
    report_id = ids["stray-byte"]
    assert query(
        warehouse,
        "select encoding, length(raw_text) - length(replace(raw_text, '\ufffd', '')) "
        "from raw.report_files where left(sha256, 16) = ?",
        [report_id],
    ) == [("utf-8", 2)]
    # the cut-off last character is in the trimmed trailer; the stray byte is in the body
    assert query(
        warehouse,
        "select damage_kind, damaged_text from marts.damage_spans where report_id = ?",
        [report_id],
    ) == [("mojibake_characters", "\ufffd")]
    assert query(
        warehouse,
        "select grade, grade_reasons from marts.report_quality where report_id = ?",
        [report_id],
    ) == [("C", ["mojibake_unrepaired"])]
