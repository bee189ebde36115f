"""Long documents checked in blocks of paragraphs (issue 17, memory): the blocks, and the same
findings as the whole document's on real text cut into many small blocks."""

from __future__ import annotations

import json
import re
from dataclasses import astuple
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from termkit import check as check_module
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


def _blocks(text: str, *, size: int = 64) -> list[str]:
    # the text in uneven chunks, as a decoder gives them
    chunks = [text[i : i + 37] for i in range(0, len(text), 37)]
    return list(split_blocks(chunks, block_chars=size))


def _rows(findings: list[Finding]) -> list[tuple[object, ...]]:
    return [astuple(finding) for finding in findings]


# Before the text under test: pages of prose with nothing to find, so that the document's
# language is decided before the parts under test come (see check_document_parts).
PAD = "".join(f"Paragraph {n} of the report, on the work of the meeting.\n\n" for n in range(400))


def _same_as_whole(
    text: str, termbase: Termbase, *, size: int, settings: CheckSettings
) -> int:
    """Check ``text`` whole and in blocks of about ``size`` characters; assert the same findings
    and warnings; return how many parts were checked apart."""
    blocks = _blocks(text, size=size)
    assert "".join(blocks) == text
    whole = check_document(text, termbase, path="doc", settings=settings)
    checked: list[int] = []
    check_part = check_module._DocumentRun.check_part

    def counting(self: object, part: str, offset: int, *args: Any, **kwargs: Any) -> Any:
        checked.append(offset)
        return check_part(self, part, offset, *args, **kwargs)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(check_module._DocumentRun, "check_part", counting)
        parts = check_document_parts(blocks, termbase, path="doc", settings=settings)
    assert _rows(parts.findings) == _rows(whole.findings)
    assert parts.warnings == whole.warnings
    assert whole.analysis is not None and parts.analysis is not None
    assert (parts.analysis.latin_lang, parts.analysis.latin_choice) == (
        whole.analysis.latin_lang, whole.analysis.latin_choice,
    )
    return len(checked)


# --- where blocks end ---------------------------------------------------------------------------


def test_blocks_join_into_the_text_and_end_before_a_paragraph() -> None:
    text = "".join(f"Paragraph {n} about UNEP.\nIts second line.\n\n" for n in range(200))
    blocks = _blocks(text, size=500)
    assert "".join(blocks) == text
    assert len(blocks) > 5
    for block in blocks[:-1]:
        assert len(block) >= 250
        assert block.endswith(".\n\n")


def test_blocks_never_end_inside_a_termkit_off_block() -> None:
    inside = "".join(f"Line {n} inside.\n\n" for n in range(100))
    text = "Before.\n\ntermkit: off\n\n" + inside + "termkit: on\n\nAfter.\n\n" + "Tail.\n\n" * 50
    blocks = _blocks(text, size=100)
    start = text.index("termkit: off")
    end = text.index("termkit: on")
    edges = [sum(map(len, blocks[: k + 1])) for k in range(len(blocks) - 1)]
    assert [edge for edge in edges if edge > end]  # cut after the block, not inside
    assert not [edge for edge in edges if start < edge <= end]


def test_blocks_never_end_after_a_cjk_line_whose_url_is_masked() -> None:
    # the URL is blanked: the line ends with 规划 for the normaliser, which joins 署 to it
    unit = "联合国环境规划 https://www.unep.org\n\n署（UNEP）负责。\n\n"
    blocks = _blocks(unit * 100, size=10)
    assert len(blocks) > 5
    assert all(block.endswith("负责。\n\n") for block in blocks[:-1])
    alone = "联合国环境规划\nhttps://www.unep.org/a.pdf\n\n署（UNEP）负责。\n\n"
    assert all(block.endswith("负责。\n\n") for block in _blocks(alone * 100, size=10)[:-1])


def test_plain_blocks_never_end_where_pdf_text_joins_across_a_blank_line() -> None:
    # 在联合\n\n国环境大会: the normaliser joins them; after 。 it does not
    text = "".join("会议讨论了联合\n\n国环境大会的工作。\n\n" for _ in range(100))
    blocks = _blocks(text, size=100)
    assert len(blocks) > 5
    assert all(block.endswith("。\n\n") for block in blocks[:-1])


def test_a_document_with_nowhere_to_cut_is_one_block() -> None:
    text = "<!-- termkit: off\n\n" + "".join(f"Line {n}.\n\n" for n in range(100))
    assert _blocks(text, size=50) == [text]


# --- the same findings as the whole document ----------------------------------------------------


@pytest.mark.parametrize("name", ["draft-en.md", "draft-fr.md", "draft-zh.md"])
@pytest.mark.parametrize("size", [1, 300])
def test_examples_in_blocks_find_what_the_whole_finds(
    name: str, size: int, termbase: Termbase
) -> None:
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    # twice: the second copy redefines and re-renders what the first did (TK103, TK202, TK203)
    text = PAD + text + "\n" + text
    count = _same_as_whole(text, termbase, size=size, settings=EVERY_RULE)
    assert count > (20 if size == 1 else 5)


@pytest.mark.parametrize("size", [1, 300, 1000])
def test_the_chinese_sample_in_blocks_finds_what_the_whole_finds(
    size: int, samples_dir: Path, termbase: Termbase
) -> None:
    text = (samples_dir / "gimm-bulletin-zh-part1.txt").read_text(encoding="utf-8")
    for chosen in (CheckSettings(), EVERY_RULE):
        # the sample first (its language decided on it), then after pages of other prose
        for document in (text * 3, PAD + text * 2):
            count = _same_as_whole(document, termbase, size=size, settings=chosen)
            assert count > (10 if size == 1 else 2)


def test_a_near_miss_after_the_first_part_is_reported_once(termbase: Termbase) -> None:
    # TK104 at a definition site and TK104 of the same span must not both fire
    draft = (EXAMPLES / "draft-en.md").read_text(encoding="utf-8")
    text = PAD + draft * 4
    whole = check_document(text, termbase, path="doc")
    assert [f for f in whole.findings if f.code == "TK104"]
    assert _same_as_whole(text, termbase, size=2000, settings=CheckSettings()) > 5


def test_suppressions_across_blocks(termbase: Termbase) -> None:
    # An off…on block over many paragraphs, ignore comments in later blocks, one that hides
    # nothing (TK001), one naming no rule (a warning), and an off left open to the end.
    draft = (EXAMPLES / "draft-en.md").read_text(encoding="utf-8")
    text = (
        PAD + draft + "\ntermkit: off\n\n" + draft + "\ntermkit: on\n\n" + draft
        + "\nUNEP met. # termkit: ignore TK202\n\nNothing here. # termkit: ignore\n"
        + "\nAn unknown one. # termkit: ignore TK999\n\ntermkit: off\n\n" + draft
    )
    whole = check_document(text, termbase, settings=EVERY_RULE)
    assert {"TK001", "TK202"} <= {finding.code for finding in whole.findings}
    assert whole.warnings
    assert _same_as_whole(text, termbase, size=200, settings=EVERY_RULE) > 5


@pytest.mark.parametrize(("pages", "size"), [(400, 5000), (2000, 100_000)])
def test_the_latin_language_is_the_documents_not_each_blocks(
    pages: int, size: int, termbase: Termbase
) -> None:
    # French first pages, then English paragraphs: every block is read as French, as the whole
    # (2,000: the first part is longer than the pages the guess reads)
    french = "Le Programme des Nations Unies pour l'environnement et la réunion sur les déchets.\n\n"
    english = "The United Nations Environment Programme (UNEP) met with the others.\n\n"
    text = french * pages + english * 400
    assert _same_as_whole(text, termbase, size=size, settings=EVERY_RULE) > 1


# --- the command ----------------------------------------------------------------------------


def _check(args: list[str], env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", "--format", "json", *args], env=env)
    return result.exit_code, result.output


def test_check_reads_a_long_file_in_blocks_with_the_same_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, samples_dir: Path
) -> None:
    sample = (samples_dir / "gimm-bulletin-zh-part1.txt").read_text(encoding="utf-8")
    path = tmp_path / "long.txt"
    path.write_text(sample * 8, encoding="utf-8")
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
    assert read == [str(path)]  # Markdown is read whole (its masking spans paragraphs)
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
    path.write_bytes((sample * 8).replace("\n", "\r\n").encode("utf-8"))
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
    "termkit: off",
    "termkit: on",
    "联合国环境规划 https://www.unep.org",
    "https://www.unep.org/report.pdf",
    "署（UNEP）负责。",
    "info@unep.org",
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
    st.integers(min_value=1, max_value=400),
)
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_document_in_blocks_finds_what_the_whole_finds(
    fragments: list[str], separator: str, size: int
) -> None:
    text = PAD + separator.join(fragments) + "\n"
    assert _same_as_whole(text, SHIPPED, size=size, settings=EVERY_RULE) > 1
