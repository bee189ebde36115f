"""reStructuredText: literal blocks, code directives and inline literals are code, not prose."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from termkit.cli import cli
from termkit.text.rst import is_rst_path, mask_rst


def shown(masked: str) -> str:
    return " ".join(masked.split())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Prose UNEP.\n\nExample::\n\n    UNEP code\n    more\n\nAfter.", "Prose UNEP. Example:: After."),
        ("Lone marker:\n\n::\n\n    UNEP code\n\nAfter", "Lone marker: :: After"),
        ("   Indented para::\n\n       UNEP code\n\n   Back", "Indented para:: Back"),
        (".. code-block:: python\n   :linenos:\n\n   UNEP = 1\n\nAfter", "After"),
        (".. CODE:: text\n\n   UNEP\nAfter", "After"),
        ("Use ``UNEP`` or :code:`UNEP` or :math:`x`, not UNEP.", "Use or or , not UNEP."),
        # a comment is kept (suppressions live there), a "::" inside a line is not a marker
        (".. termkit: ignore TK101\n\nRatio a::b UNEP", ".. termkit: ignore TK101 Ratio a::b UNEP"),
        ("See https://example.org/UNEP here", "See here"),
    ],
)
def test_mask_rst(text: str, expected: str) -> None:
    masked = mask_rst(text)
    assert len(masked) == len(text)
    assert [i for i, c in enumerate(masked) if c in "\r\n"] == [
        i for i, c in enumerate(text) if c in "\r\n"
    ]
    assert shown(masked) == expected


def test_is_rst_path() -> None:
    assert is_rst_path("docs/Guide.RST") and is_rst_path("a.rest")
    assert not is_rst_path("a.md") and not is_rst_path("rst.txt")


def test_check_and_fix_leave_an_rst_file_s_code_alone(tmp_path: Path) -> None:
    text = (
        "各方讨论了多边环境协议的执行情况。\n\n示例::\n\n    多边环境协议\n\n"
        ".. code-block:: text\n\n   多边环境协议\n\n行内 ``多边环境协议`` 不算。\n"
    )
    draft = tmp_path / "notes.rst"
    draft.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "-f", "json", str(draft)])
    assert result.stdout.count('"code": "TK101"') == 1
    CliRunner().invoke(cli, ["check", "--fix", str(draft)])
    assert draft.read_text(encoding="utf-8") == text.replace(
        "多边环境协议的执行", "多边环境协定的执行", 1
    )
    # the same text as .txt: every rendering is prose
    plain = tmp_path / "notes.txt"
    plain.write_text(text, encoding="utf-8")
    assert CliRunner().invoke(cli, ["check", "-f", "json", str(plain)]).stdout.count(
        '"code": "TK101"'
    ) == 4
