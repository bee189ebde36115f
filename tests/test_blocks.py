"""Long documents checked in blocks of paragraphs (issue 17, memory): the blocks, and the same
findings as the whole document's on real text cut into many small blocks."""

from __future__ import annotations

import json
import re
from dataclasses import astuple
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from termkit.check import CheckSettings, check_document, check_document_parts
from termkit.cli import cli
from termkit.findings import Finding
from termkit.model import Termbase
from termkit.termbase import load_termbase
from termkit.text import document as document_module
from termkit.text.blocks import split_blocks

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
EVERY_RULE = CheckSettings(select=("ALL",))
SHIPPED = load_termbase()


@pytest.fixture(scope="module")
def termbase() -> Termbase:
    return load_termbase()


def _blocks(text: str, *, markdown: bool = False, size: int = 64) -> list[str]:
    # the text in uneven chunks, as a decoder gives them
    chunks = [text[i : i + 37] for i in range(0, len(text), 37)]
    return list(split_blocks(chunks, markdown=markdown, block_chars=size))


def _rows(findings: list[Finding]) -> list[tuple[object, ...]]:
    return [astuple(finding) for finding in findings]


def _same_as_whole(
    text: str, termbase: Termbase, *, markdown: bool, size: int, settings: CheckSettings
) -> int:
    """Check ``text`` whole and in blocks of about ``size`` characters; assert the same findings
    and warnings; return how many blocks there were."""
    blocks = _blocks(text, markdown=markdown, size=size)
    assert "".join(blocks) == text
    whole = check_document(text, termbase, path="doc", markdown=markdown, settings=settings)
    parts = check_document_parts(
        blocks, termbase, path="doc", markdown=markdown, settings=settings
    )
    assert _rows(parts.findings) == _rows(whole.findings)
    assert parts.warnings == whole.warnings
    assert whole.analysis is not None and parts.analysis is not None
    assert (parts.analysis.latin_lang, parts.analysis.latin_choice) == (
        whole.analysis.latin_lang, whole.analysis.latin_choice,
    )
    return len(blocks)


# --- where blocks end ---------------------------------------------------------------------------


def test_blocks_join_into_the_text_and_end_before_a_paragraph() -> None:
    text = "".join(f"Paragraph {n} about UNEP.\nIts second line.\n\n" for n in range(200))
    blocks = _blocks(text, size=500)
    assert "".join(blocks) == text
    assert len(blocks) > 5
    for block in blocks[:-1]:
        assert len(block) >= 250
        assert block.endswith(".\n\n")


@pytest.mark.parametrize(
    ("opening", "closing"),
    [
        ("```", "```"),
        ("~~~~ text", "~~~~"),
        ("<!-- a comment", "-->"),
        ("<PRE>", "</pre>"),
        ("<!-- termkit: off -->", "<!-- termkit: on -->"),
    ],
)
def test_markdown_blocks_never_end_inside_what_spans_paragraphs(opening: str, closing: str) -> None:
    inside = "".join(f"Line {n} inside.\n\n" for n in range(100))
    text = "Before.\n\n" + opening + "\n\n" + inside + closing + "\n\nAfter.\n\n" + "Tail.\n\n" * 50
    blocks = _blocks(text, markdown=True, size=100)
    start = text.index(opening)
    end = text.index(closing, start) + len(closing)
    edges = [sum(map(len, blocks[: k + 1])) for k in range(len(blocks) - 1)]
    assert edges  # the text is cut somewhere
    assert not [edge for edge in edges if start < edge < end]


def test_a_fence_that_does_not_close_the_open_one_does_not_end_it() -> None:
    # ``` inside a ~~~ fence is code, not a fence
    inside = "".join(f"Line {n}.\n\n" for n in range(100))
    text = "~~~\n```\n\n" + inside + "```\n\n" + inside + "~~~\n\nAfter.\n\n" + "Tail.\n\n" * 30
    blocks = _blocks(text, markdown=True, size=100)
    assert len(blocks[0]) >= text.index("~~~\n\nAfter") + 3


def test_plain_blocks_never_end_where_pdf_text_joins_across_a_blank_line() -> None:
    # 在联合\n\n国环境大会: the normaliser joins them; after 。 it does not
    text = "".join("会议讨论了联合\n\n国环境大会的工作。\n\n" for _ in range(100))
    blocks = _blocks(text, size=100)
    assert len(blocks) > 5
    assert all(block.endswith("。\n\n") for block in blocks[:-1])


def test_a_document_with_nowhere_to_cut_is_one_block() -> None:
    text = "<!-- termkit: off\n\n" + "".join(f"Line {n}.\n\n" for n in range(100))
    assert _blocks(text, markdown=False, size=50) == [text]


# --- the same findings as the whole document ----------------------------------------------------


@pytest.mark.parametrize("name", ["draft-en.md", "draft-fr.md", "draft-zh.md"])
@pytest.mark.parametrize("size", [1, 300])
def test_examples_in_blocks_find_what_the_whole_finds(
    name: str, size: int, termbase: Termbase
) -> None:
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    # twice: the second copy redefines and re-renders what the first did (TK103, TK202, TK203)
    text = text + "\n" + text
    count = _same_as_whole(text, termbase, markdown=True, size=size, settings=EVERY_RULE)
    assert count > (3 if size == 1 else 1)


@pytest.mark.parametrize("size", [1, 300, 1000])
def test_the_chinese_sample_in_blocks_finds_what_the_whole_finds(
    size: int, samples_dir: Path
) -> None:
    shipped = load_termbase()
    text = (samples_dir / "gimm-bulletin-zh-part1.txt").read_text(encoding="utf-8")
    for chosen in (CheckSettings(), EVERY_RULE):
        count = _same_as_whole(text, shipped, markdown=False, size=size, settings=chosen)
        assert count > (10 if size == 1 else 2)


@pytest.mark.parametrize("name", ["gimm-bulletin-part1.en.md", "gimm-bulletin-part1.zh.md"])
def test_the_markdown_samples_in_blocks_find_what_the_whole_finds(
    name: str, samples_dir: Path
) -> None:
    shipped = load_termbase()
    text = (samples_dir / name).read_text(encoding="utf-8")
    assert _same_as_whole(text, shipped, markdown=True, size=500, settings=EVERY_RULE) > 5


def test_suppressions_across_blocks(termbase: Termbase) -> None:
    # An off…on block over many paragraphs, ignore comments in later blocks, one that hides
    # nothing (TK001), one naming no rule (a warning), and an off left open to the end.
    draft = (EXAMPLES / "draft-en.md").read_text(encoding="utf-8")
    text = (
        draft + "\n<!-- termkit: off -->\n\n" + draft + "\n<!-- termkit: on -->\n\n" + draft
        + "\nUNEP met. <!-- termkit: ignore TK202 -->\n\nNothing here. <!-- termkit: ignore -->\n"
        + "\nAn unknown one. <!-- termkit: ignore TK999 -->\n\n<!-- termkit: off -->\n\n" + draft
    )
    whole = check_document(text, termbase, markdown=True, settings=EVERY_RULE)
    assert {"TK001", "TK202"} <= {finding.code for finding in whole.findings}
    assert whole.warnings
    assert _same_as_whole(text, termbase, markdown=True, size=200, settings=EVERY_RULE) > 5


def test_the_latin_language_is_the_documents_not_each_blocks(termbase: Termbase) -> None:
    # French first pages, then English paragraphs: every block is read as French, as the whole
    french = "Le Programme des Nations Unies pour l'environnement et la réunion sur les déchets.\n\n"
    english = "The United Nations Environment Programme (UNEP) met with the others.\n\n"
    text = french * 400 + english * 400
    assert _same_as_whole(text, termbase, markdown=False, size=5000, settings=EVERY_RULE) > 5


# --- the command ----------------------------------------------------------------------------


def _check(args: list[str], env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", "--format", "json", *args], env=env)
    return result.exit_code, result.output


def test_check_reads_a_long_file_in_blocks_with_the_same_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, samples_dir: Path
) -> None:
    sample = (samples_dir / "gimm-bulletin-zh-part1.txt").read_text(encoding="utf-8")
    path = tmp_path / "long.txt"
    path.write_text(sample * 3, encoding="utf-8")
    markdown = tmp_path / "long.md"
    markdown.write_text((EXAMPLES / "draft-zh.md").read_text(encoding="utf-8") * 3, encoding="utf-8")
    args = ["--select", "ALL", str(path), str(markdown)]
    whole = _check(args, {"TERMKIT_WHOLE_DOCUMENTS": "1"})
    read: list[str] = []
    chunks = document_module.read_document_chunks

    def spy(path: str | Path, encoding: str | None = None):  # type: ignore[no-untyped-def]
        read.append(str(path))
        return chunks(path, encoding)

    monkeypatch.setattr(document_module, "STREAM_FROM", 1)
    monkeypatch.setattr(document_module, "read_document_chunks", spy)
    monkeypatch.setattr("termkit.text.blocks.BLOCK_CHARS", 1000)
    in_blocks = _check(args)
    assert read == [str(path), str(markdown)]
    assert in_blocks == whole
    assert len(json.loads(whole[1])) > 20


def test_a_long_file_that_does_not_decode_is_reported_as_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(("UNEP met.\n\n" * 2000).encode() + "Réunion.\n".encode("latin-1"))
    monkeypatch.setattr(document_module, "STREAM_FROM", 1)
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 2
    assert re.search(r"latin1\.txt:4001:2: .*not valid UTF-8", result.output)


def test_source_lines_of_a_file_checked_in_blocks_are_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, samples_dir: Path
) -> None:
    # \r\n line ends, and a chunk boundary inside one: the lines shown are the file's
    sample = (samples_dir / "gimm-bulletin-zh-part1.txt").read_text(encoding="utf-8")
    path = tmp_path / "long.txt"
    path.write_bytes((sample * 2).replace("\n", "\r\n").encode("utf-8"))
    args = ["check", "--show-source", str(path)]
    whole = CliRunner().invoke(cli, args, env={"TERMKIT_WHOLE_DOCUMENTS": "1"})
    monkeypatch.setattr(document_module, "STREAM_FROM", 1)
    monkeypatch.setattr(document_module, "_STREAM_CHUNK", 1001)
    monkeypatch.setattr("termkit.text.blocks.BLOCK_CHARS", 500)
    in_blocks = CliRunner().invoke(cli, args)
    assert in_blocks.output == whole.output
    assert "\n    联合国环境署（UNEA）授权的进程时" in whole.output  # a source line, shown


# --- any document: random paragraphs of what the checks react to ----------------------------

FRAGMENTS = [
    "The United Nations Environment Programme (UNEP) met.",
    "UNEP and UNEA met again; the Environment Programme (UNEA) did not.",
    "artisanal and small scale gold mining (ASGM) and artisanal and small-scale gold mining",
    "Le Programme des Nations Unies pour l'environnement (PNUE) et l'ASGM.",
    "联合国环境规划署（UNEP）讨论了多边环境协议。",
    "联合国环境署（UNEA）授权的进程",
    "在联合",
    "国环境大会",
    "多边环境协定（MEAs）。",
    "```",
    "~~~",
    "    indented code UNEP",
    "- a list item about UNEA",
    "<!-- termkit: off -->",
    "<!-- termkit: on -->",
    "termkit: ignore TK202",
    "<!-- a comment",
    "-->",
    "<pre>",
    "</pre>",
    "`UNEP` in code",
    "See https://example.org/UNEP for more.",
    "1. A numbered item (ICMM).",
    "",
]


@given(
    st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=40),
    st.sampled_from(["\n", "\n\n", "\r\n", "\r\n\r\n", "\n\n\n"]),
    st.booleans(),
    st.integers(min_value=1, max_value=400),
)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_document_in_blocks_finds_what_the_whole_finds(
    fragments: list[str], separator: str, markdown: bool, size: int
) -> None:
    text = separator.join(fragments) + "\n"
    _same_as_whole(text, SHIPPED, markdown=markdown, size=size, settings=EVERY_RULE)
