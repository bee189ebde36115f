
"""PDF files (issue 15): the text layer read page by page, terms wrapped across lines, findings
located by page and line on the page, and the PDFs termkit cannot read, each in one line."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

pytest.importorskip("reportlab", reason="reportlab (the test extra) writes the test PDFs")

from document_fixtures import check_cli, check_json, pdf_from_lines, scanned_pdf

invoke = check_cli
findings = check_json


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory: pytest.TempPathFactory, samples_dir: Path) -> Path:
    """The Chinese sample set as a PDF line for line (its lines wrap inside terms), 40 lines a
    page."""
    text = (samples_dir / "gimm-bulletin-zh-part1.txt").read_text(encoding="utf-8")
    return pdf_from_lines(tmp_path_factory.mktemp("pdf") / "sample.pdf", text.split("\n"))


def test_the_sample_reads_as_its_text_file_does(sample_pdf: Path, samples_dir: Path) -> None:
    text_file = samples_dir / "gimm-bulletin-zh-part1.txt"
    from_text = findings(text_file)
    from_pdf = findings(sample_pdf)

    def keys(found: list[dict[str, object]]) -> list[tuple[object, object, str]]:
        return [(f["code"], f["concept"], re.sub(r"\s+", "", str(f["found"]))) for f in found]

    assert len(from_text) >= 6
    assert keys(from_pdf) == keys(from_text)
    # a line of the text file is the same line of the PDF: page 40 lines long, blank lines
    # not counted
    lines = text_file.read_text(encoding="utf-8").split("\n")
    numbered = [n for n, line in enumerate(lines, start=1) if line.strip()]
    pages = {f["page"] for f in from_pdf}
    assert pages == {1, 2} or len(pages) > 1, pages  # the findings are on more than one page
    for in_text, in_pdf in zip(from_text, from_pdf, strict=True):
        index = numbered.index(int(str(in_text["line"])))
        assert (in_pdf["page"], in_pdf["line"]) == (index // 40 + 1, index % 40 + 1)
        column_offset = len(lines[int(str(in_text["line"])) - 1]) - len(
            lines[int(str(in_text["line"])) - 1].lstrip())
        assert in_pdf["column"] == int(str(in_text["column"])) - column_offset
    # a term wrapped across two lines of the PDF is found
    assert any(int(str(f["end_line"])) > int(str(f["line"])) for f in from_pdf)


def test_text_sarif_and_github_name_the_page(sample_pdf: Path) -> None:
    text = invoke(sample_pdf, "--show-source").stdout
    first = findings(sample_pdf)[0]
    assert f"{sample_pdf}:p{first['page']}:{first['line']}:{first['column']}: " in text
    assert re.search(r"sample\.pdf:p2:\d+:\d+: TK", text), text
    sarif = json.loads(invoke(sample_pdf, "--format", "sarif").stdout)
    result = sarif["runs"][0]["results"][0]
    assert result["properties"]["page"] == first["page"]
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == first["line"]
    github = invoke(sample_pdf, "--format", "github").stdout
    assert f"(p{first['page']})" in github.splitlines()[0]


def test_a_pdf_is_not_fixed(sample_pdf: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.pdf"
    copy.write_bytes(sample_pdf.read_bytes())
    result = invoke(copy, "--fix")
    assert result.exit_code == 1
    assert "a PDF is not fixed" in result.stderr
    assert copy.read_bytes() == sample_pdf.read_bytes()


def test_pages_break_sentences_not_terms(tmp_path: Path) -> None:
    pdf = pdf_from_lines(tmp_path / "a.pdf", ["第一页。", "各多边环", "境协议秘书处。"],
                         lines_per_page=2)
    found = findings(pdf)
    assert [(f["page"], f["line"], f["column"], f["found"]) for f in found] == [
        (1, 2, 2, "多边环境协议"),
    ]
    assert [f["end_line"] for f in found] == [2]  # the end is on the next page: cut at the first


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (scanned_pdf, "no text in this PDF (a scanned document? run OCR on it first)"),
        (lambda p: pdf_from_lines(p, ["多边环境协议"], encrypt="secret"),
         "an encrypted PDF: termkit reads no password-protected PDF"),
        (lambda p: p.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\n"),
         "cannot read the PDF: "),
        (lambda p: p.write_bytes(b"not a pdf"), "cannot read the PDF: "),
    ],
    ids=["scanned", "encrypted", "damaged", "not-pdf"],
)
def test_unreadable_pdfs_are_one_line_and_exit_2(
    tmp_path: Path, make: object, message: str
) -> None:
    bad = tmp_path / "bad.pdf"
    make(bad)  # type: ignore[operator]
    good = pdf_from_lines(tmp_path / "good.pdf", ["各多边环境协议秘书处。"])
    result = invoke(bad, good)
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("termkit: error")]
    assert errors == [errors[0]] and errors[0].startswith(f"termkit: error: {bad}: " + message)
    assert "Traceback" not in result.output
    assert "good.pdf:p1:1:2: TK101" in result.stdout


def test_an_owner_password_alone_does_not_lock_the_text(tmp_path: Path) -> None:
    from reportlab.lib.pdfencrypt import StandardEncryption

    pdf = pdf_from_lines(tmp_path / "a.pdf", ["各多边环境协议秘书处。"],
                         encrypt=StandardEncryption("", ownerPassword="owner"))
    assert [f["found"] for f in findings(pdf)] == ["多边环境协议"]


def test_a_folder_walk_reads_pdfs_only_when_asked(tmp_path: Path) -> None:
    pdf_from_lines(tmp_path / "a.pdf", ["各多边环境协议秘书处。"])
    assert findings(tmp_path) == []
    assert [f["page"] for f in findings(tmp_path, "--include", "pdf")] == [1]


def test_a_damaged_pdf_is_one_line_on_stderr(tmp_path: Path, sample_pdf: Path) -> None:
    bad = tmp_path / "truncated.pdf"
    bad.write_bytes(sample_pdf.read_bytes()[:-200])  # no %%EOF, no trailer
    result = invoke(bad)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"termkit: error: {bad}: "), result.stderr


def test_pdf_findings_offer_no_fix(sample_pdf: Path) -> None:
    assert all(f["fix"] is None for f in findings(sample_pdf))
    assert "fixable" not in invoke(sample_pdf).stdout
