"""``termkit.render.findings``: each output format, on findings built by hand.

The CLI tests (test_check_cli.py) run the same renderers on what ``check`` finds; these pin the
formats themselves: JSON fields as the README documents them, SARIF 2.1.0 structure (checked
against the OASIS schema where ``../shared`` has it), GitHub's workflow-command escaping, and the
text layout.
"""

from __future__ import annotations

import dataclasses
import io
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from termkit import __version__
from termkit.findings import Finding, Fix, Severity
from termkit.render.findings import (
    findings_to_github,
    findings_to_json,
    findings_to_sarif,
    print_findings_text,
)
from termkit.rules import all_rules

SARIF_SCHEMA = (
    Path(__file__).resolve().parents[2] / "shared" / "reference" / "sarif" / "sarif-schema-2.1.0.json"
)

DOCUMENT = "与会代表讨论了多边环境协议。\nThe UNEP met\nin Nairobi.\n"

# TK101 on 多边环境协议 (characters 7 to 13 of line 1), with a fix and a concept.
DEPRECATED = Finding(
    path="docs/简报.txt",
    line=1,
    column=8,
    end_line=1,
    end_column=14,
    code="TK101",
    rule="deprecated-term",
    severity=Severity.ERROR,
    message="'多边环境协议' is deprecated for MEA; use '多边环境协定'",
    found="多边环境协议",
    concept="MEA",
    expected="多边环境协定",
    fix=Fix(start=12, end=13, replacement="定"),
    start=7,
    end=13,
)
# TK202 on "UNEP met\nin": a span that runs onto the next line; no concept, no fix.
UNDEFINED = Finding(
    path="docs/简报.txt",
    line=2,
    column=5,
    end_line=3,
    end_column=3,
    code="TK202",
    rule="undefined-acronym",
    severity=Severity.WARNING,
    message="UNEP is used before it is defined",
    found="UNEP met\nin",
    start=19,
    end=30,
)
UNKNOWN = Finding(
    path="a b.txt",
    line=3,
    column=1,
    end_line=3,
    end_column=4,
    code="TK204",
    rule="unknown-acronym",
    severity=Severity.INFO,
    message="BPA is not in the termbase",
    found="BPA",
)


def finding(**changes: Any) -> Finding:
    """A copy of ``DEPRECATED`` with some fields changed."""
    return dataclasses.replace(DEPRECATED, **changes)


# --- JSON ----------------------------------------------------------------------------------------


def test_json_fields_are_the_documented_ones_in_the_documented_order() -> None:
    (data,) = findings_to_json([DEPRECATED])
    assert data == {
        "path": "docs/简报.txt",
        "line": 1,
        "column": 8,
        "end_line": 1,
        "end_column": 14,
        "code": "TK101",
        "rule": "deprecated-term",
        "severity": "error",
        "concept": "MEA",
        "found": "多边环境协议",
        "expected": "多边环境协定",
        "message": "'多边环境协议' is deprecated for MEA; use '多边环境协定'",
        "fix": {"replacement": "多边环境协定"},  # the whole span, not the internal edit (定)
    }
    assert list(data) == [
        "path", "line", "column", "end_line", "end_column", "code", "rule", "severity",
        "concept", "found", "expected", "message", "fix",
    ]


def test_json_absent_values_are_null() -> None:
    (data,) = findings_to_json([UNDEFINED])
    assert (data["concept"], data["expected"], data["fix"]) == (None, None, None)
    assert data["found"] == "UNEP met\nin"


@pytest.mark.parametrize(
    ("severity", "expected"),
    [(Severity.ERROR, "error"), (Severity.WARNING, "warning"), (Severity.INFO, "info")],
)
def test_json_severity(severity: Severity, expected: str) -> None:
    (data,) = findings_to_json([finding(severity=severity)])
    assert data["severity"] == expected


def test_json_keeps_the_findings_order_and_is_serialisable() -> None:
    data = findings_to_json([UNKNOWN, DEPRECATED, UNDEFINED])
    assert [d["code"] for d in data] == ["TK204", "TK101", "TK202"]
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    assert findings_to_json([]) == []


# --- SARIF ---------------------------------------------------------------------------------------


def sarif(findings: Sequence[Finding]) -> dict[str, Any]:
    """The SARIF log for ``findings``, with termkit's rules as the CLI passes them."""
    return findings_to_sarif(findings, all_rules())


def results(findings: Sequence[Finding]) -> list[dict[str, Any]]:
    (run,) = sarif(findings)["runs"]
    found: list[dict[str, Any]] = run["results"]
    return found


@pytest.fixture(scope="module")
def sarif_validator() -> Any:
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"../shared is absent: {SARIF_SCHEMA} not found (only the project's CI has it)")
    import jsonschema

    return jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))


@pytest.mark.parametrize(
    "findings",
    [
        pytest.param([], id="no-findings"),
        pytest.param([DEPRECATED, UNDEFINED, UNKNOWN], id="every-severity"),
        pytest.param([finding(code="TK999", rule="not-a-rule")], id="unknown-rule"),
        pytest.param([finding(message="two\nlines", found="a\r\nb", path="C:\\x\\y.txt")],
                     id="line-breaks-and-backslashes"),
    ],
)
def test_sarif_log_is_valid(sarif_validator: Any, findings: list[Finding]) -> None:
    log = sarif(findings)
    assert [e.message for e in sarif_validator.iter_errors(log)] == []
    # What the CLI prints must be the same log.
    assert json.loads(json.dumps(log, ensure_ascii=False)) == log


def test_sarif_log_has_one_run_of_termkit() -> None:
    log = sarif([])
    assert (log["version"], log["$schema"]) == (
        "2.1.0", "https://json.schemastore.org/sarif-2.1.0.json",
    )
    (run,) = log["runs"]
    assert run["results"] == []
    assert run["columnKind"] == "unicodeCodePoints"  # Finding columns count code points
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("termkit", __version__)


def test_sarif_result_with_a_fix() -> None:
    (result,) = results([DEPRECATED])
    region = {
        "startLine": 1,
        "startColumn": 8,
        "endLine": 1,
        "endColumn": 14,
        "snippet": {"text": "多边环境协议"},
    }
    assert result["ruleId"] == "TK101"
    assert result["level"] == "error"
    assert result["message"] == {"text": "'多边环境协议' is deprecated for MEA; use '多边环境协定'"}
    assert result["locations"] == [
        {
            "physicalLocation": {
                "artifactLocation": {"uri": "docs/%E7%AE%80%E6%8A%A5.txt"},
                "region": region,
            }
        }
    ]
    assert result["fixes"] == [
        {
            "description": {"text": "Replace with '多边环境协定'"},
            "artifactChanges": [
                {
                    "artifactLocation": {"uri": "docs/%E7%AE%80%E6%8A%A5.txt"},
                    "replacements": [
                        {"deletedRegion": region, "insertedContent": {"text": "多边环境协定"}}
                    ],
                }
            ],
        }
    ]
    assert result["properties"] == {"concept": "MEA", "expected": "多边环境协定"}


def test_sarif_result_without_fix_or_concept() -> None:
    (result,) = results([UNDEFINED])
    assert result["level"] == "warning"
    assert result["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 2,
        "startColumn": 5,
        "endLine": 3,
        "endColumn": 3,
        "snippet": {"text": "UNEP met\nin"},
    }
    assert "fixes" not in result
    assert "properties" not in result


@pytest.mark.parametrize(
    ("severity", "level"),
    [(Severity.ERROR, "error"), (Severity.WARNING, "warning"), (Severity.INFO, "note")],
)
def test_sarif_level(severity: Severity, level: str) -> None:
    (result,) = results([finding(severity=severity)])
    assert result["level"] == level


def test_sarif_rule_index_points_at_the_rule_of_the_result() -> None:
    (run,) = sarif([DEPRECATED, UNDEFINED, UNKNOWN])["runs"]
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert [rule_ids[r["ruleIndex"]] for r in run["results"]] == ["TK101", "TK202", "TK204"]


def test_sarif_result_of_an_unknown_rule_has_no_rule_index() -> None:
    (result,) = results([finding(code="TK999")])
    assert result["ruleId"] == "TK999"
    assert "ruleIndex" not in result


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        ("a.txt", "a.txt"),
        ("docs/a b.md", "docs/a%20b.md"),
        ("docs\\windows\\a.md", "docs/windows/a.md"),
        ("简报.txt", "%E7%AE%80%E6%8A%A5.txt"),
        ("50%#1?.txt", "50%25%231%3F.txt"),
    ],
)
def test_sarif_uri_is_the_path_percent_encoded(path: str, uri: str) -> None:
    (result,) = results([finding(path=path)])
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == uri
    assert result["fixes"][0]["artifactChanges"][0]["artifactLocation"]["uri"] == uri


# A file name that is not UTF-8 (b"bad\xff.md") reaches termkit with a lone surrogate for the byte.
BAD_NAME = "docs/bad\udcff.md"


def test_sarif_uri_of_a_name_that_is_not_utf8_is_its_bytes_percent_encoded() -> None:
    (result,) = results([finding(path=BAD_NAME, found="x\udcffy")])
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "docs/bad%FF.md"
    )
    assert result["locations"][0]["physicalLocation"]["region"]["snippet"]["text"] == "x\ufffdy"
    (other,) = results([finding(path="a\ud800.md")])  # Windows can hold any lone surrogate
    assert other["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "a%ED%A0%80.md"


def test_json_and_github_of_a_name_that_is_not_utf8_are_valid_utf8() -> None:
    (data,) = findings_to_json([finding(path=BAD_NAME)])
    assert data["path"] == "docs/bad\ufffd.md"
    json.dumps(data, ensure_ascii=False).encode("utf-8")  # no surrogate left to fail on
    (line,) = findings_to_github([finding(path=BAD_NAME)])
    assert line.startswith("::error file=docs/bad\ufffd.md,")
    line.encode("utf-8")


# --- GitHub Actions workflow commands ----------------------------------------------------------


def test_github_annotation() -> None:
    assert findings_to_github([DEPRECATED, UNDEFINED, UNKNOWN]) == [
        "::error file=docs/简报.txt,line=1,col=8,endLine=1,endColumn=14,"
        "title=TK101 deprecated-term::'多边环境协议' is deprecated for MEA; use '多边环境协定'",
        "::warning file=docs/简报.txt,line=2,col=5,endLine=3,endColumn=3,"
        "title=TK202 undefined-acronym::UNEP is used before it is defined",
        "::notice file=a b.txt,line=3,col=1,endLine=3,endColumn=4,"
        "title=TK204 unknown-acronym::BPA is not in the termbase",
    ]


# GitHub's rules (actions/toolkit, core/src/command.ts): the message escapes %, \r and \n; a
# property value also : and , (which would end it). % first, so that a literal %0A stays literal.
@pytest.mark.parametrize(
    ("message", "escaped"),
    [
        ("plain: a, b", "plain: a, b"),
        ("100% sure", "100%25 sure"),
        ("one\ntwo\r\nthree\rfour", "one%0Atwo%0D%0Athree%0Dfour"),
        ("literal %0A", "literal %250A"),
        ("::error::", "::error::"),  # after the second :: everything is the message
    ],
)
def test_github_message_escaping(message: str, escaped: str) -> None:
    (line,) = findings_to_github([finding(message=message)])
    assert line.split("::", 2)[2] == escaped


@pytest.mark.parametrize(
    ("path", "escaped"),
    [
        ("a,b.txt", "a%2Cb.txt"),
        ("C:\\docs\\a.txt", "C%3A\\docs\\a.txt"),
        ("100%.txt", "100%25.txt"),
        ("a\nb.txt", "a%0Ab.txt"),
        ("a\rb.txt", "a%0Db.txt"),
        ("%2C,:.txt", "%252C%2C%3A.txt"),
    ],
)
def test_github_property_escaping(path: str, escaped: str) -> None:
    (line,) = findings_to_github([finding(path=path)])
    properties = line.split(" ", 1)[1].split("::", 1)[0]
    assert properties.split(",")[0] == f"file={escaped}"
    assert len(properties.split(",")) == 6  # no comma of the value splits a property


def test_github_title_is_escaped_as_a_property() -> None:
    (line,) = findings_to_github([finding(code="TK1:0", rule="a,b")])
    assert ",title=TK1%3A0 a%2Cb::" in line


def test_github_no_findings_no_lines() -> None:
    assert findings_to_github([]) == []


# --- text ----------------------------------------------------------------------------------------

SOURCES = {"docs/简报.txt": DOCUMENT, "a b.txt": "x\ny\nBPA met.\n"}


@pytest.fixture
def plain(monkeypatch: pytest.MonkeyPatch) -> None:
    """No colour, whatever the environment running the tests says."""
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)


def text_of(findings: Sequence[Finding], sources: dict[str, str] | None = None, **options: Any) -> str:
    stream = io.StringIO()
    print_findings_text(findings, SOURCES if sources is None else sources, stream, **options)
    return stream.getvalue()


@pytest.mark.usefixtures("plain")
def test_text_one_line_per_finding_then_the_summary() -> None:
    assert text_of([DEPRECATED, UNDEFINED, UNKNOWN], files=2) == (
        "docs/简报.txt:1:8: TK101 [deprecated-term] '多边环境协议' is deprecated for MEA; "
        "use '多边环境协定'\n"
        "docs/简报.txt:2:5: TK202 [undefined-acronym] UNEP is used before it is defined\n"
        "a b.txt:3:1: TK204 [unknown-acronym] BPA is not in the termbase\n"
        "\n"
        "    1  TK101 [deprecated-term] (error)\n"
        "    1  TK202 [undefined-acronym] (warning)\n"
        "    1  TK204 [unknown-acronym] (info)\n"
        "Found 3 finding(s) in 2 file(s); 1 fixable with --fix.\n"
    )


@pytest.mark.usefixtures("plain")
def test_text_summary_counts_by_rule_most_frequent_first() -> None:
    findings = [UNKNOWN, DEPRECATED, UNKNOWN, UNDEFINED, UNDEFINED, UNDEFINED]
    summary = text_of(findings, files=1).split("\n\n", 1)[1]
    assert summary == (
        "    3  TK202 [undefined-acronym] (warning)\n"
        "    2  TK204 [unknown-acronym] (info)\n"
        "    1  TK101 [deprecated-term] (error)\n"
        "Found 6 finding(s) in 1 file(s); 1 fixable with --fix.\n"
    )


@pytest.mark.usefixtures("plain")
def test_text_summary_without_fixable_findings_says_nothing_of_fixes() -> None:
    assert text_of([UNKNOWN], files=1).endswith("\nFound 1 finding(s) in 1 file(s).\n")


@pytest.mark.usefixtures("plain")
def test_text_summary_off_and_no_findings() -> None:
    assert text_of([UNKNOWN], files=1, summary=False) == (
        "a b.txt:3:1: TK204 [unknown-acronym] BPA is not in the termbase\n"
    )
    assert text_of([], files=3) == ""


@pytest.mark.usefixtures("plain")
@pytest.mark.parametrize(
    ("found", "source", "excerpt"),
    [
        # Chinese characters take two columns: the caret lines up under them on a terminal.
        pytest.param(
            DEPRECATED, DOCUMENT,
            "    与会代表讨论了多边环境协议。\n"
            "                  ^^^^^^^^^^^^\n",
            id="cjk-columns",
        ),
        # A span onto the next line: carets to the end of its first line.
        pytest.param(
            UNDEFINED, DOCUMENT,
            "    The UNEP met\n"
            "        ^^^^^^^^\n",
            id="spans-lines",
        ),
        pytest.param(
            finding(line=2, column=2, end_line=2, end_column=2), "a\r\nxyz\r\n",
            "    xyz\n"
            "     ^\n",
            id="crlf-and-an-empty-span",
        ),
        pytest.param(
            finding(line=3, column=1, end_line=3, end_column=3), "a\rb\rcd\fe",
            "    cd\fe\n"
            "    ^^\n",
            id="cr-breaks-a-line-a-form-feed-does-not",
        ),
        pytest.param(finding(line=4), "one line\n", "", id="line-beyond-the-text"),
    ],
)
def test_text_source_excerpt(found: Finding, source: str, excerpt: str) -> None:
    output = text_of([found], {found.path: source}, files=1, show_source=True, summary=False)
    heading = f"{found.path}:{found.line}:{found.column}: {found.code} [{found.rule}] {found.message}"
    assert output == f"{heading}\n{excerpt}"


@pytest.mark.usefixtures("plain")
def test_text_source_excerpt_needs_the_source() -> None:
    assert text_of([UNKNOWN], {}, files=1, show_source=True, summary=False) == (
        "a b.txt:3:1: TK204 [unknown-acronym] BPA is not in the termbase\n"
    )


@pytest.mark.usefixtures("plain")
def test_text_without_colour_shows_no_source_unless_asked() -> None:
    assert "    与会代表" not in text_of([DEPRECATED], files=1)
    assert "    与会代表" in text_of([DEPRECATED], files=1, show_source=True)


ANSI = re.compile(r"\x1b\[[0-9;]*m")


def test_text_in_colour_is_the_same_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """On a terminal: the same lines (a finding still on one line, "[rule]" not eaten as markup),
    the source shown by default."""
    findings = [DEPRECATED, UNDEFINED, UNKNOWN]
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    plain = text_of(findings, files=2, show_source=True)
    monkeypatch.setenv("FORCE_COLOR", "1")
    coloured = text_of(findings, files=2)
    assert ANSI.search(coloured)
    assert ANSI.sub("", coloured) == plain


def test_no_color_wins_over_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    stream = Terminal()
    print_findings_text([UNKNOWN], SOURCES, stream, files=1, summary=False)
    assert stream.getvalue() == "a b.txt:3:1: TK204 [unknown-acronym] BPA is not in the termbase\n"
