"""``termkit: ignore`` lines and ``termkit: off``/``on`` blocks."""

from __future__ import annotations

import pytest

from termkit.text import Suppressions, find_suppressions

# (text, markdown, [(line, code, suppressed?)])
SUPPRESSION_TABLE: list[tuple[str, bool, list[tuple[int, str, bool]]]] = [
    ("UNEP\n", False, [(1, "TK101", False)]),
    # ignore everything on the line, in any comment syntax or none
    (
        "a\nUNEP  # termkit: ignore\nb",
        False,
        [(1, "TK101", False), (2, "TK101", True), (2, "TK999", True), (3, "TK101", False)],
    ),
    ("UNEP <!-- termkit: ignore -->", True, [(1, "TK101", True)]),
    ("UNEP // termkit:ignore", False, [(1, "TK101", True)]),
    ("UNEP termkit: ignore", False, [(1, "TK101", True)]),
    # only some codes or rule names, case-insensitively; a reason may follow
    (
        "UNEP # termkit: ignore TK101, TK202",
        False,
        [(1, "TK101", True), (1, "TK202", True), (1, "TK303", False)],
    ),
    (
        "UNEP # termkit: ignore tk101 -- quoted verbatim",
        False,
        [(1, "TK101", True), (1, "TK202", False)],
    ),
    (
        "UNEP <!-- termkit: ignore deprecated-term -->",
        True,
        [(1, "deprecated-term", True), (1, "TK101", False)],
    ),
    ("UNEP # termkit: ignore TK101 TK202", False, [(1, "TK202", True)]),
    ("UNEP # termkit: ignore because it is quoted", False, [(1, "TK101", True)]),
    # "ignored" is not the keyword
    ("UNEP termkit: ignored", False, [(1, "TK101", False)]),
    # two markers on one line: the union; a blanket one wins
    (
        "x termkit: ignore TK1 termkit: ignore TK2",
        False,
        [(1, "TK1", True), (1, "TK2", True), (1, "TK3", False)],
    ),
    ("x termkit: ignore TK1 termkit: ignore", False, [(1, "TK3", True)]),
    # blocks in Markdown: only inside HTML comments, lines from off to on
    (
        "a\n<!-- termkit: off -->\nUNEP\nGIMM\n<!-- termkit: on -->\nb",
        True,
        [
            (1, "TK101", False),
            (2, "TK101", True),
            (3, "TK101", True),
            (4, "TK1", True),
            (5, "TK101", True),
            (6, "TK101", False),
        ],
    ),
    ("a\n`termkit: off`\nUNEP", True, [(3, "TK101", False)]),
    ("a\n<!-- termkit: off -->\nUNEP\nGIMM", True, [(4, "TK101", True)]),
    # blocks in other text: anywhere on a line
    (
        "a\n.. termkit: off\nUNEP\n.. termkit: on\nb",
        False,
        [(1, "TK1", False), (3, "TK1", True), (5, "TK1", False)],
    ),
    (
        "a\r\n# termkit: off\r\nUNEP\r\n# termkit: on\r\nb",
        False,
        [(3, "TK1", True), (5, "TK1", False)],
    ),
]


@pytest.mark.parametrize(("text", "markdown", "checks"), SUPPRESSION_TABLE)
def test_suppressions(text: str, markdown: bool, checks: list[tuple[int, str, bool]]) -> None:
    suppressions = find_suppressions(text, markdown)
    for line, code, expected in checks:
        assert suppressions.is_suppressed(line, code) is expected, (line, code)


def test_code_or_name_and_no_identifier() -> None:
    suppressions = find_suppressions(
        "x # termkit: ignore deprecated-term\ny # termkit: ignore", False
    )
    assert suppressions.is_suppressed(1, "TK101", "deprecated-term")
    assert not suppressions.is_suppressed(1, "TK101", "acronym-undefined")
    assert not suppressions.is_suppressed(1)  # not everything on line 1
    assert suppressions.is_suppressed(2)


def test_no_marker_means_no_suppression() -> None:
    suppressions = find_suppressions("nothing to see\n", True)
    assert suppressions == Suppressions()
    assert not suppressions
    assert not suppressions.is_suppressed(1, "TK101")
