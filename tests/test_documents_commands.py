
"""Word, HTML and PDF beyond check (issue 15): glossary, terms, extract and expand read them, by
extension or --input-format, and walk folders for them only with --include."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

pytest.importorskip("docx", reason="python-docx (the test extra) builds the Word documents")

from document_fixtures import docx_from_paragraphs, html_from_paragraphs, sample_paragraphs

from termkit.cli import cli


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [*map(str, args)], env={"NO_COLOR": "1"})


@pytest.fixture
def sample(tmp_path: Path, samples_dir: Path) -> dict[str, Path]:
    """The Chinese sample as .txt (as it is), .docx and .html (its paragraphs)."""
    text = (samples_dir / "gimm-bulletin-zh-part1.txt").read_text(encoding="utf-8")
    paragraphs = sample_paragraphs(text)
    folder = tmp_path / "drafts"
    folder.mkdir()
    shutil.copy(samples_dir / "gimm-bulletin-zh-part1.txt", folder / "bulletin.txt")
    docx_from_paragraphs(folder / "bulletin.docx", paragraphs)
    (folder / "bulletin.html").write_text(html_from_paragraphs(paragraphs), encoding="utf-8")
    return {"txt": folder / "bulletin.txt", "docx": folder / "bulletin.docx",
            "html": folder / "bulletin.html", "folder": folder}


def glossary(*args: str | Path) -> list[dict[str, object]]:
    result = run("glossary", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_the_glossary_of_a_word_document_and_a_page_is_that_of_the_text(
    sample: dict[str, Path],
) -> None:
    expected = glossary(sample["txt"])
    assert len(expected) >= 10
    assert glossary(sample["docx"]) == expected
    assert glossary(sample["html"]) == expected


def test_folders_yield_word_documents_to_the_commands_only_when_asked(
    sample: dict[str, Path],
) -> None:
    folder = sample["folder"]
    alone = run("terms", "--to", "en", "--format", "json", folder)
    with_word = run("terms", "--to", "en", "--format", "json", "--include", "docx", folder)
    assert alone.exit_code == 0 and with_word.exit_code == 0, with_word.output
    counts = {e["concept"]: e["count"] for e in json.loads(alone.stdout)}
    doubled = {e["concept"]: e["count"] for e in json.loads(with_word.stdout)}
    assert counts and doubled == {concept: 2 * n for concept, n in counts.items()}
    extracted = run("extract", "--format", "json", "--all", "--include", "docx,html", folder)
    assert extracted.exit_code == 0, extracted.output
    paths = {Path(str(c["path"])).name for c in json.loads(extracted.stdout)}
    assert paths == {"bulletin.docx", "bulletin.html", "bulletin.txt"}
    bad = run("extract", "--include", "odt", folder)
    assert bad.exit_code == 2 and "'odt': the formats are docx, html, pdf" in bad.output


def test_expand_reads_a_word_document_and_writes_its_text(tmp_path: Path) -> None:
    path = docx_from_paragraphs(tmp_path / "a.docx", ["UNEP 表示支持。", "第二段。"])
    renamed = tmp_path / "a.bin"
    shutil.copy(path, renamed)
    expanded = run("expand", "--lang", "zh", "--input-format", "docx", renamed)
    assert expanded.exit_code == 0, expanded.output
    assert expanded.stdout == "联合国环境规划署（UNEP） 表示支持。\n\n第二段。"
    refused = run("expand", "--in-place", "--lang", "zh", path)
    assert refused.exit_code == 2
    assert "--in-place rewrites text files" in refused.output


def test_input_format_markdown_masks_code_in_a_text_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("`UNEP` 与 UNEP 合作。\n", encoding="utf-8")
    as_text = run("expand", "--lang", "zh", path)
    as_markdown = run("expand", "--lang", "zh", "--input-format", "markdown", path)
    assert as_text.stdout.startswith("`联合国环境规划署（UNEP）`")
    assert as_markdown.stdout == "`UNEP` 与 联合国环境规划署（UNEP） 合作。\n"


def test_forms_read_across_tags_print_without_them(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><body>\n<p>The <b>Open-ended</b> Working Group met.</p>\n"
        "<p>The Regional <i>Sprocket</i> Council (RSC) met.</p>\n</body></html>\n",
        encoding="utf-8")
    terms = run("terms", "--to", "en", "--format", "json", page)
    assert terms.exit_code == 0, terms.output
    forms = [form for entry in json.loads(terms.stdout) for form in entry["forms"]]
    assert forms and all("\u200b" not in str(form) for form in forms), forms
    extracted = run("extract", "--format", "json", page)
    assert [(c["acronym"], c["full"], c["line"], c["column"]) for c in
            json.loads(extracted.stdout)] == [("RSC", "Regional Sprocket Council", 3, 8)]
