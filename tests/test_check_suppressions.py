"""Suppression comments as check applies them: any line of a finding, unknown codes, TK001."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from termkit.check import CheckSettings, check_document, check_text
from termkit.cli import cli
from termkit.model import Termbase
from termkit.rules import all_rules
from termkit.termbase import load_termbase


@pytest.fixture(scope="module")
def termbase() -> Termbase:
    return load_termbase()


def codes(text: str, termbase: Termbase, *select: str, markdown: bool = False) -> list[str]:
    settings = CheckSettings(select=select) if select else None
    return [f.code for f in check_text(text, termbase, markdown=markdown, settings=settings)]


@pytest.mark.parametrize(
    "text",
    [
        # The deprecated term wraps over two lines (PDF text); the comment is on the second.
        "各方讨论了多边环境\n协议的执行情况。 termkit: ignore TK101",
        "The Extraction Industries\nTransparency Initiative met. termkit: ignore deprecated-term",
    ],
)
def test_a_comment_on_any_line_of_a_finding_suppresses_it(termbase: Termbase, text: str) -> None:
    assert codes(text, termbase) == []
    unsuppressed = text.replace("termkit: ignore", "termkit: ignored")
    assert "TK101" in codes(unsuppressed, termbase)


def test_a_comment_on_the_next_line_does_not(termbase: Termbase) -> None:
    assert codes("各方讨论了多边环境协议的执行情况。\n下一行 termkit: ignore TK101", termbase) == [
        "TK101"
    ]


def test_an_unknown_code_is_a_warning(termbase: Termbase) -> None:
    checked = check_document(
        "各方讨论了多边环境协议。 termkit: ignore TK999, deprecated-terms, TK101", termbase
    )
    assert [f.code for f in checked.findings] == []
    assert sorted(checked.warnings) == [
        f"1:14: unknown rule {code!r} in a suppression comment: it suppresses nothing "
        "(see termkit check --list-rules)"
        for code in ("TK999", "deprecated-terms")
    ]


def test_the_cli_prints_the_unknown_code_warning(tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text("各方讨论了多边环境协定。<!-- termkit: ignore TK910 -->\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(draft)])
    assert result.exit_code == 0
    assert f"termkit: warning: {draft}:1:18: unknown rule 'TK910'" in result.stderr


# (text, markdown, what TK001 reports: the messages)
UNUSED = [
    # the comment hides TK101: used
    ("各方讨论了多边环境协议。 termkit: ignore TK101", False, []),
    # the text was corrected since: the comment hides nothing
    (
        "各方讨论了多边环境协定。 termkit: ignore TK101",
        False,
        ["'termkit: ignore TK101' hides no TK101 finding"],
    ),
    # two codes, one used
    (
        "各方讨论了多边环境协议。 termkit: ignore TK101, TK202",
        False,
        ["'termkit: ignore TK101, TK202' hides no TK202 finding"],
    ),
    # a bare comment that hides nothing
    ("The meeting was held in Geneva. termkit: ignore", False, ["'termkit: ignore' hides no finding"]),
    # TK102 is off by default: not run, so not judged (the comment may serve another run)
    ("La réunion a eu lieu à Genève. termkit: ignore TK102", False, []),
    # a block that hides nothing, and one that hides a TK101
    (
        "<!-- termkit: off -->\nThe meeting was held in Geneva.\n<!-- termkit: on -->\n\n"
        "<!-- termkit: off -->\nThe Extraction Industries Transparency Initiative met.\n"
        "<!-- termkit: on -->\n",
        True,
        ["'<!-- termkit: off -->' hides no finding"],
    ),
]


@pytest.mark.parametrize(("text", "markdown", "messages"), UNUSED)
def test_unused_suppressions(
    termbase: Termbase, text: str, markdown: bool, messages: list[str]
) -> None:
    defaults = [r.code for r in all_rules() if r.default]
    findings = check_text(
        text, termbase, markdown=markdown,
        settings=CheckSettings(select=(*defaults, "TK001")),
    )
    assert [f.message for f in findings if f.code == "TK001"] == messages
    # off unless selected
    assert "TK001" not in codes(text, termbase, markdown=markdown)


def test_report_unused_suppressions_on_the_command_line(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("各方讨论了多边环境协定。 termkit: ignore TK101\n", encoding="utf-8")
    plain = CliRunner().invoke(cli, ["check", str(draft)])
    assert (plain.exit_code, plain.stdout) == (0, "")
    reported = CliRunner().invoke(cli, ["check", "--report-unused-suppressions", str(draft)])
    assert reported.exit_code == 1
    assert reported.stdout.splitlines()[0] == (
        f"{draft}:1:14: TK001 [unused-suppression] 'termkit: ignore TK101' hides no TK101 finding"
    )
