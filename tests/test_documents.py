"""PDF and Word files in: the same rows as the same report in text, or a reason they are not."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.docx_text import docx_to_text
from loaders.pdf_text import pdf_to_text
from loaders.reading import RejectedFile, parse_report_bytes

from .conftest import REPORTS_DIR, opened_after_build
from .documents import report_paragraphs, write_docx, write_pdf, write_scanned_pdf

SAMPLE = REPORTS_DIR / "100_6f18846476ce1f58.txt"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@pytest.fixture(scope="module")
def paragraphs() -> list[str]:
    return report_paragraphs(SAMPLE.read_text(encoding="utf-8"))


def test_a_pdfs_wrapped_lines_and_pages_become_the_reports_paragraphs(
    paragraphs: list[str], tmp_path: Path
) -> None:
    text = pdf_to_text(write_pdf(paragraphs, tmp_path / "report.pdf").read_bytes())
    # wrapped lines joined, page numbers ("— 3 —") dropped, the centred title kept whole
    assert text.splitlines() == paragraphs


def test_a_word_documents_paragraphs_are_the_reports(paragraphs: list[str], tmp_path: Path) -> None:
    text = docx_to_text(write_docx(paragraphs, tmp_path / "report.docx").read_bytes())
    assert text.splitlines() == paragraphs


def test_a_word_tables_cells_tabs_and_breaks_are_text(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    run = document.add_paragraph().add_run("主要预期目标是:")
    run.add_break()
    run.add_text("地区生产总值增长5%左右\t居民消费价格涨幅3%左右")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "粮食产量"
    table.cell(0, 1).text = "125亿斤"
    document.save(str(tmp_path / "t.docx"))
    lines = docx_to_text((tmp_path / "t.docx").read_bytes()).splitlines()
    assert lines[:2] == ["主要预期目标是:", "地区生产总值增长5%左右\t居民消费价格涨幅3%左右"]
    assert [line for line in lines[2:] if line] == ["粮食产量", "125亿斤"]


def test_the_file_kind_comes_from_its_bytes_not_its_name(
    paragraphs: list[str], tmp_path: Path
) -> None:
    pdf = write_pdf(paragraphs, tmp_path / "report.pdf").read_bytes()
    report = parse_report_bytes(pdf, Path("report.txt"))
    assert (report.content_type, report.encoding) == ("pdf", "pdf text layer")
    assert report.normalized_text.splitlines()[0] == paragraphs[0]


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (
            lambda folder: write_scanned_pdf(folder / "scan.pdf").read_bytes(),
            "no text layer",
        ),
        (lambda folder: b"%PDF-1.4\n", "not a readable PDF"),
        (
            lambda folder: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024),
            "save it as .docx or PDF",
        ),
        (lambda folder: b"PK\x03\x04" + bytes(64), "looks like a ZIP archive"),
    ],
    ids=["scanned", "truncated", "word-97", "not-a-zip"],
)
def test_documents_without_readable_text_are_rejected_with_the_reason(
    make, reason: str, tmp_path: Path
) -> None:
    with pytest.raises(RejectedFile, match=reason):
        parse_report_bytes(make(tmp_path), Path("report.pdf"))


def test_pdf_and_word_build_to_the_same_report_as_the_text(
    paragraphs: list[str], tmp_path: Path
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "report.txt").write_bytes(SAMPLE.read_bytes())
    write_pdf(paragraphs, folder / "report.pdf")
    write_docx(paragraphs, folder / "report.docx")
    columns = (
        "goals.indicator, goals.canonical_indicator, goals.value, goals.value_high, goals.unit,"
        " goals.comparator, goals.target_year, goals.horizon, goals.is_headline, goals.quote"
    )
    with opened_after_build(tmp_path, folder) as con:
        reports = con.execute(
            "select file_name, content_type, region, level, report_year from marts.reports"
        ).fetchall()
        goals = {
            kind: sorted(
                con.execute(
                    f"select {columns} from marts.goals"
                    " join marts.reports using (report_id) where content_type = ?",
                    [kind],
                ).fetchall(),
                key=repr,
            )
            for kind in ("text", "pdf", "docx")
        }
    assert sorted(kind for _, kind, *_ in reports) == ["docx", "pdf", "text"]
    assert len({tuple(place) for _, _, *place in reports}) == 1
    assert any(row[8] for row in goals["text"]), "the sample states headline targets"
    assert goals["pdf"] == goals["text"]
    assert goals["docx"] == goals["text"]
