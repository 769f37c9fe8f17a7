"""PDF and Word files of a report's text, written as publishers write them, for the loader tests.

The PDF is set as a printed report is: a centred title, paragraphs with a two-character first
line indent wrapped at the margin, running page numbers in the footer, in a CID font (the
Adobe-GB1 STSong that Chinese PDFs use, so characters reach the text layer through a CMap).
"""

from __future__ import annotations

from pathlib import Path


def report_paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def write_pdf(paragraphs: list[str], path: Path) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle(
        "body",
        fontName="STSong-Light",
        fontSize=12,
        leading=20,
        firstLineIndent=24,
        wordWrap="CJK",
    )
    title = ParagraphStyle(
        "title", parent=body, fontSize=18, leading=28, alignment=1, firstLineIndent=0
    )

    def page_number(canvas, document) -> None:
        canvas.setFont("STSong-Light", 9)
        canvas.drawCentredString(A4[0] / 2, 30, f"— {document.page} —")

    story = [Paragraph(paragraphs[0], title)]
    story += [Paragraph(paragraph, body) for paragraph in paragraphs[1:]]
    SimpleDocTemplate(str(path), pagesize=A4).build(
        story, onFirstPage=page_number, onLaterPages=page_number
    )
    return path


def write_scanned_pdf(path: Path, pages: int = 2) -> Path:
    """A PDF of images only: what a scanner gives, with no text layer."""
    from reportlab.pdfgen import canvas

    drawing = canvas.Canvas(str(path))
    for _ in range(pages):
        drawing.rect(50, 50, 400, 600, fill=1)
        drawing.showPage()
    drawing.save()
    return path


def write_docx(paragraphs: list[str], path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_heading(paragraphs[0], level=1)
    for paragraph in paragraphs[1:]:
        document.add_paragraph(paragraph)
    document.save(str(path))
    return path
