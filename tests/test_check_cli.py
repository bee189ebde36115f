# ruff: noqa: RUF001  (Chinese text is the subject: its punctuation is meant)
"""``termkit check`` on the command line (issue 3): output formats, exit codes, reading files,
folder walks, standard input, configuration, ``--fix`` and ``--diff``."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import stat
import subprocess
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from termkit.cli import cli
from termkit.rules import all_rules
from termkit.termbase import load_termbase

ROOT = Path(__file__).resolve().parents[1]
SARIF_SCHEMA = ROOT.parent / "shared" / "reference" / "sarif" / "sarif-schema-2.1.0.json"

ERROR_TEXT = "各多边环境协议秘书处。\n"  # TK101 (error), fixable
WARNING_TEXT = "UNEP 表示支持。\n"  # TK202 (warning)
INFO_TEXT = "The Blue Planet Alliance (BPA) met.\n"  # TK204 (info)
CLEAN_TEXT = "各多边环境协定秘书处。\n"

PLAIN = {"NO_COLOR": None, "FORCE_COLOR": None}
FINDING_LINE = re.compile(
    r"^(?P<path>[^\n]+?):(?P<line>\d+):(?P<column>\d+): (?P<code>TK\d{3}) "
    r"\[(?P<rule>[a-z]+(?:-[a-z]+)*)\] (?P<message>.+)$"
)
JSON_KEYS = {
    "path", "line", "column", "end_line", "end_column", "code", "rule", "severity", "concept",
    "found", "expected", "message", "fix",
}


def invoke(
    *args: str | Path, input: str | bytes | None = None, env: Mapping[str, str | None] = PLAIN
) -> Result:
    return CliRunner().invoke(cli, ["check", *map(str, args)], input=input, env=dict(env))


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in an empty temporary folder (no termkit.toml above it to pick up)."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- text output -------------------------------------------------------------------------------


def test_text_format_and_summary(here: Path) -> None:
    write(here / "a.txt", ERROR_TEXT + WARNING_TEXT)
    result = invoke("a.txt")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "a.txt:1:2: TK101 [deprecated-term] '多边环境协议' is deprecated for MEA; use '多边环境协定'"
    )
    assert FINDING_LINE.match(lines[1])
    assert FINDING_LINE.match(lines[1])["code"] == "TK202"  # type: ignore[index]
    assert lines[2] == ""
    summary = lines[3:]
    assert summary == [
        "    1  TK101 [deprecated-term] (error)",
        "    1  TK202 [undefined-acronym] (warning)",
        "Found 2 finding(s) in 1 file(s); 1 fixable with --fix.",
    ]
    assert "\x1b[" not in result.output  # no colour in a pipe


def test_quiet_drops_the_summary(here: Path) -> None:
    write(here / "a.txt", ERROR_TEXT)
    result = invoke("a.txt", "-q")
    assert result.stdout.splitlines() == [
        "a.txt:1:2: TK101 [deprecated-term] '多边环境协议' is deprecated for MEA; use '多边环境协定'"
    ]


def test_verbose_says_when_there_is_nothing(here: Path) -> None:
    write(here / "a.txt", CLEAN_TEXT)
    result = invoke("a.txt", "-v")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "No findings in 1 file(s)" in result.stderr
    assert invoke("a.txt").output == ""


def test_show_source_puts_a_caret_under_the_found_text(here: Path) -> None:
    write(here / "a.txt", "第一行。\n" + ERROR_TEXT)
    result = invoke("a.txt", "--show-source", "-q")
    assert result.stdout.splitlines()[1:] == [
        "    各多边环境协议秘书处。",
        "      ^^^^^^^^^^^^",  # wide characters take two columns
    ]
    assert "^" not in invoke("a.txt", "--no-show-source", "-q").stdout


@pytest.mark.parametrize(
    ("env", "colour"),
    [
        (PLAIN, False),
        ({"NO_COLOR": "1", "FORCE_COLOR": None}, False),
        ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, False),  # NO_COLOR wins
        ({"NO_COLOR": None, "FORCE_COLOR": "1"}, True),
    ],
)
def test_colour(here: Path, env: Mapping[str, str | None], colour: bool) -> None:
    write(here / "a.txt", ERROR_TEXT)
    result = invoke("a.txt", env=env)
    assert result.exit_code == 1
    assert ("\x1b[" in result.stdout) is colour
    plain = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)
    assert "a.txt:1:2:" in plain and "TK101 [deprecated-term]" in plain


def test_colour_keeps_each_finding_on_one_line(here: Path) -> None:
    write(here / "a.txt", "The Extraction Industries Transparency Initiative met.\n")
    plain = invoke("a.txt", "-q", "--no-show-source").stdout
    coloured = invoke(
        "a.txt", "-q", "--no-show-source", env={"NO_COLOR": None, "FORCE_COLOR": "1"}
    ).stdout
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain


# --- JSON, SARIF, GitHub -----------------------------------------------------------------------


def test_json_output(here: Path) -> None:
    write(here / "a.txt", ERROR_TEXT + WARNING_TEXT)
    result = invoke("a.txt", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [set(item) for item in data] == [JSON_KEYS, JSON_KEYS]
    first, second = data
    assert first == {
        "path": "a.txt",
        "line": 1,
        "column": 2,
        "end_line": 1,
        "end_column": 8,
        "code": "TK101",
        "rule": "deprecated-term",
        "severity": "error",
        "concept": "MEA",
        "found": "多边环境协议",
        "expected": "多边环境协定",
        "message": "'多边环境协议' is deprecated for MEA; use '多边环境协定'",
        "fix": {"replacement": "多边环境协定"},
    }
    assert (second["code"], second["severity"], second["fix"], second["line"]) == (
        "TK202", "warning", None, 2
    )


def test_json_report_carries_its_version_and_the_run(here: Path) -> None:
    """--format json-report: the json array's findings, unchanged, in a versioned object."""
    from termkit import __version__

    write(here / "a.txt", ERROR_TEXT + WARNING_TEXT)
    plain = json.loads(invoke("a.txt", "--format", "json").stdout)
    result = invoke("a.txt", "missing.txt", "--format", "json-report")
    assert result.exit_code == 2  # the missing file; a.txt is still checked and reported
    report = json.loads(result.stdout)
    assert report["format"] == "termkit-check-report"
    assert report["version"] == 1
    assert report["tool"] == {"name": "termkit", "version": __version__}
    assert (report["files"], report["unreadable"], report["changed"]) == (1, 1, 0)
    assert report["findings"] == plain
    assert [(row["code"], row["count"]) for row in report["statistics"]] == [
        ("TK101", 1), ("TK202", 1)
    ]
    assert report["segments"] is None


def test_json_output_with_no_findings_is_an_empty_array(here: Path) -> None:
    write(here / "a.txt", CLEAN_TEXT)
    result = invoke("a.txt", "--format", "json")
    assert (result.exit_code, json.loads(result.stdout)) == (0, [])


def test_json_expected_is_null_without_a_preferred_term(here: Path) -> None:
    write(here / "a.txt", "The Blue Planet Alliance (BPA) met. UNEP.\n")
    data = json.loads(invoke("a.txt", "--format", "json", "--select", "TK203").stdout)
    assert data == []
    write(here / "b.txt", "UNEP（联合国环境规划署）……联合国环境规划署（UNEP）……联合国环境规划署（UNEP）\n")
    data = json.loads(invoke("b.txt", "--format", "json", "--select", "TK203").stdout)
    # UNEP（联合国环境规划署） defines UNEP too: both later definitions are redefinitions.
    assert [(d["code"], d["expected"], d["fix"]) for d in data] == [("TK203", None, None)] * 2


@pytest.fixture(scope="module")
def sarif_validator() -> object:
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"../shared is absent: {SARIF_SCHEMA} not found")
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema)


@pytest.mark.parametrize("texts", [[ERROR_TEXT + WARNING_TEXT, INFO_TEXT], [CLEAN_TEXT]])
def test_sarif_output_is_valid(here: Path, sarif_validator: object, texts: list[str]) -> None:
    names = []
    for k, text in enumerate(texts):
        names.append(write(here / f"d{k}.txt", text).name)
    result = invoke(*names, "--format", "sarif")
    log = json.loads(result.stdout)
    errors = list(sarif_validator.iter_errors(log))  # type: ignore[attr-defined]
    assert errors == []
    (run,) = log["runs"]
    assert log["version"] == "2.1.0"
    assert run["tool"]["driver"]["name"] == "termkit"
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert rule_ids == [r.code for r in all_rules()]
    results = run["results"]
    expected = [("TK101", "error"), ("TK202", "warning"), ("TK204", "note")] if len(texts) > 1 else []
    assert [(r["ruleId"], r["level"]) for r in results] == expected
    if results:
        region = results[0]["locations"][0]["physicalLocation"]["region"]
        assert (region["startLine"], region["startColumn"], region["endColumn"]) == (1, 2, 8)
        assert results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
            "d0.txt"
        )
        assert rule_ids[results[0]["ruleIndex"]] == "TK101"
        assert "fixes" in results[0]


def test_github_output(here: Path) -> None:
    write(here / "a,b.txt", ERROR_TEXT + WARNING_TEXT + "The Blue Planet Alliance (BPA) met.\n")
    result = invoke("a,b.txt", "--format", "github")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "::error file=a%2Cb.txt,line=1,col=2,endLine=1,endColumn=8,"
        "title=TK101 deprecated-term::'多边环境协议' is deprecated for MEA; use '多边环境协定'",
        "::warning file=a%2Cb.txt,line=2,col=1,endLine=2,endColumn=5,"
        "title=TK202 undefined-acronym::UNEP is used before it is defined; "
        "introduce it as '联合国环境规划署（UNEP）'",
        "::notice file=a%2Cb.txt,line=3,col=27,endLine=3,endColumn=30,"
        "title=TK204 unknown-acronym::BPA is not in the termbase (defined here as "
        "'Blue Planet Alliance'); add it with termkit add",
    ]


# --- exit codes --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fail_on", "code"),
    [
        (ERROR_TEXT, None, 1),
        (ERROR_TEXT, "error", 1),
        (ERROR_TEXT, "never", 0),
        (WARNING_TEXT, None, 1),
        (WARNING_TEXT, "warning", 1),
        (WARNING_TEXT, "error", 0),
        (INFO_TEXT, None, 0),
        (INFO_TEXT, "warning", 0),
        (INFO_TEXT, "info", 1),
        (INFO_TEXT, "never", 0),
        (CLEAN_TEXT, "info", 0),
        (CLEAN_TEXT, None, 0),
    ],
)
def test_exit_codes(here: Path, text: str, fail_on: str | None, code: int) -> None:
    write(here / "a.txt", text)
    args = ["a.txt"] + (["--fail-on", fail_on] if fail_on else [])
    assert invoke(*args).exit_code == code


@pytest.mark.parametrize(
    "args",
    [
        [],  # no path
        ["a.txt", "--fail-on", "sometimes"],
        ["a.txt", "--format", "xml"],
        ["a.txt", "--select", "TK999"],
        ["a.txt", "--ignore", "no-such-rule"],
        ["a.txt", "--lang", "xx-invalid-"],
        ["a.txt", "--near-miss-threshold", "120"],
        ["a.txt", "--no-such-option"],
        ["missing.txt"],
        ["a.txt", "--termbase", "missing.toml"],
    ],
)
def test_bad_usage_exits_2_without_a_traceback(here: Path, args: list[str]) -> None:
    write(here / "a.txt", ERROR_TEXT)
    result = invoke(*args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


# --- reading files -----------------------------------------------------------------------------


def test_invalid_utf8_names_file_line_and_column(here: Path) -> None:
    (here / "bad.txt").write_bytes("第一行。\n各多边环境".encode() + b"\xff" + "协议。\n".encode())
    write(here / "good.txt", ERROR_TEXT)
    result = invoke("bad.txt", "good.txt")
    assert result.exit_code == 2
    errors = result.stderr.splitlines()
    assert len(errors) == 1
    assert errors[0].startswith("termkit: error: bad.txt:2:6: ")
    assert "UTF-8" in errors[0] and "--encoding" in errors[0]
    # The readable file is still checked.
    assert "good.txt:1:2: TK101" in result.stdout


@pytest.mark.parametrize(
    ("data", "args"),
    [
        ("标题\r\n各多边环境协议秘书处。\r\n".encode("gb18030"), ["--encoding", "gb18030"]),
        ("标题\n各多边环境协议秘书处。\n".encode("utf-16-le"), ["--encoding", "utf-16"]),
        ("\ufeff标题\n各多边环境协议秘书处。\n".encode("utf-16-le"), []),
        ("\ufeff标题\n各多边环境协议秘书处。\n".encode("utf-16-be"), []),
        ("\ufeff标题\n各多边环境协议秘书处。\n".encode(), []),
    ],
    ids=["gb18030", "utf-16-no-bom", "utf-16-le-bom", "utf-16-be-bom", "utf-8-bom"],
)
def test_encodings(here: Path, data: bytes, args: list[str]) -> None:
    (here / "doc.txt").write_bytes(data)
    result = invoke("doc.txt", "-q", *args)
    assert result.stdout.startswith("doc.txt:2:2: TK101 [deprecated-term]"), result.output
    assert result.exit_code == 1


def test_gb18030_without_encoding_is_an_error(here: Path) -> None:
    (here / "doc.txt").write_bytes("各多边环境协议秘书处。\n".encode("gb18030"))
    result = invoke("doc.txt")
    assert result.exit_code == 2
    assert result.stderr.startswith("termkit: error: doc.txt:1:1: ")


def test_binary_file_is_skipped_with_a_notice(here: Path) -> None:
    (here / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    write(here / "good.txt", CLEAN_TEXT)
    result = invoke("image.txt", "good.txt")
    assert result.exit_code == 0
    assert "image.txt" in result.stderr and "binary" in result.stderr
    assert result.stdout == ""


def test_folder_walk(here: Path) -> None:
    for name in [
        "docs/a.txt", "docs/b.md", "docs/c.markdown", "docs/d.rst", "docs/sub/e.TXT",
        "docs/f.html", "docs/g.py", "docs/.hidden.txt", "docs/.git/h.txt", "docs/.cache/i.md",
        "docs/node_modules/j.md", "docs/sub/.drafts/k.txt",
    ]:
        write(here / name, ERROR_TEXT)
    result = invoke("docs", "--format", "json")
    paths = sorted({Path(f["path"]).as_posix() for f in json.loads(result.stdout)})
    assert paths == ["docs/a.txt", "docs/b.md", "docs/c.markdown", "docs/d.rst", "docs/sub/e.TXT"]
    # A file named explicitly is read whatever its name.
    result = invoke("docs/f.html", "docs/.git/h.txt", "--format", "json")
    paths = sorted({Path(f["path"]).as_posix() for f in json.loads(result.stdout)})
    assert paths == ["docs/.git/h.txt", "docs/f.html"]


def test_exclude(here: Path) -> None:
    for name in ["docs/a.txt", "docs/drafts/b.txt", "docs/c.md"]:
        write(here / name, ERROR_TEXT)
    result = invoke("docs", "--format", "json", "--exclude", "drafts", "--exclude", "*.md")
    assert {Path(f["path"]).as_posix() for f in json.loads(result.stdout)} == {"docs/a.txt"}


def test_no_progress_bar_in_a_pipe(here: Path) -> None:
    for k in range(40):  # more than enough files for a progress bar on a terminal
        write(here / "docs" / f"{k:02d}.txt", CLEAN_TEXT)
    result = invoke("docs")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_a_file_is_checked_once(here: Path) -> None:
    write(here / "docs/a.txt", ERROR_TEXT)
    result = invoke("docs", "docs/a.txt", "docs/../docs/a.txt", "--format", "json")
    assert len(json.loads(result.stdout)) == 1


def test_markdown_files_are_masked_plain_text_is_not(here: Path) -> None:
    text = "Code: `多边环境协议`.\n"
    write(here / "a.md", text)
    write(here / "a.txt", text)
    result = invoke("a.md", "a.txt", "--format", "json")
    assert [f["path"] for f in json.loads(result.stdout)] == ["a.txt"]


def test_stdin(here: Path) -> None:
    result = invoke("-", input=ERROR_TEXT.encode())
    assert result.exit_code == 1
    assert result.stdout.startswith("<stdin>:1:2: TK101 [deprecated-term]")


def test_stdin_with_fix_writes_the_fixed_text(here: Path) -> None:
    result = invoke("-", "--fix", input=ERROR_TEXT.encode())
    assert result.exit_code == 1
    assert result.stdout == CLEAN_TEXT


def test_stdin_and_files_together(here: Path) -> None:
    write(here / "a.txt", WARNING_TEXT)
    result = invoke("a.txt", "-", "--format", "json", input=ERROR_TEXT.encode())
    assert [(f["path"], f["code"]) for f in json.loads(result.stdout)] == [
        ("a.txt", "TK202"), ("<stdin>", "TK101"),
    ]


# --- options -----------------------------------------------------------------------------------


def codes(result: Result) -> list[str]:
    return [f["code"] for f in json.loads(result.stdout)]


def test_select_ignore_options(here: Path) -> None:
    write(here / "a.txt", "UNEP 和多边环境协议和联合国环境署。\n")
    assert codes(invoke("a.txt", "-f", "json")) == ["TK202", "TK101"]
    assert codes(invoke("a.txt", "-f", "json", "--select", "TK1")) == ["TK101", "TK102"]
    assert codes(invoke("a.txt", "-f", "json", "--select", "TK101")) == ["TK101"]
    assert codes(invoke("a.txt", "-f", "json", "--select", "TK101,TK102")) == ["TK101", "TK102"]
    assert codes(invoke("a.txt", "-f", "json", "--select", "ALL", "--ignore", "TK202")) == [
        "TK101", "TK102",
    ]
    assert codes(invoke("a.txt", "-f", "json", "--ignore", "undefined-acronym")) == ["TK101"]


def test_lang_and_latin_lang_options(here: Path) -> None:
    write(here / "fr.txt", "Les délégués ont parlé de l'ASGM.\n")
    # by default the Latin-script language is guessed from the words: French here
    assert codes(invoke("fr.txt", "-f", "json")) == ["TK205"]
    assert codes(invoke("fr.txt", "-f", "json", "--latin-lang", "en")) == ["TK202"]
    write(here / "termkit.toml", 'latin-lang = "en"\n')
    assert codes(invoke("fr.txt", "-f", "json")) == ["TK202"]
    assert codes(invoke("fr.txt", "-f", "json", "--latin-lang", "auto")) == ["TK205"]
    (here / "termkit.toml").unlink()
    assert codes(invoke("fr.txt", "-f", "json", "--lang", "fr")) == ["TK205"]
    assert codes(invoke("fr.txt", "-f", "json", "-l", "fr")) == ["TK205"]
    assert codes(invoke("fr.txt", "-f", "json", "--latin-lang", "fr")) == ["TK205"]
    # Forced to Chinese, the French sentence holds no Chinese term: only the acronym counts.
    assert codes(invoke("fr.txt", "-f", "json", "--lang", "zh")) == ["TK202"]


def test_no_fix_in_a_language_the_words_did_not_say(here: Path) -> None:
    # Too short to tell English from French: read as English, but nothing is rewritten
    write(here / "a.txt", "The ANUE met.\n")
    (finding,) = json.loads(invoke("a.txt", "-f", "json").stdout)
    assert (finding["code"], finding["fix"]) == ("TK205", None)
    (finding,) = json.loads(invoke("a.txt", "-f", "json", "--latin-lang", "en").stdout)
    assert finding["fix"] == {"replacement": "UNEA"}
    (finding,) = json.loads(invoke("a.txt", "-f", "json", "--lang", "en").stdout)
    assert finding["fix"] == {"replacement": "UNEA"}
    # a paragraph whose words say another language than the document's: reported, not fixed
    write(here / "b.txt", "Les délégués du PNUE ont parlé de l’ANUE et de la résolution.\n\n"
          "The delegates of the UNEP and\nof the GEF spoke with\nthe ANUE.\n")  # fmt: skip
    found = json.loads(invoke("b.txt", "-f", "json").stdout)
    assert [(f["code"], f["found"], f["fix"]) for f in found if f["code"] == "TK205"] == [
        ("TK205", "UNEP", None), ("TK205", "GEF", None)
    ]


def test_near_miss_threshold_option(here: Path) -> None:
    write(here / "a.txt", "国际采矿及金属理事会（ICMM）\n")  # 90% similar
    assert codes(invoke("a.txt", "-f", "json")) == ["TK104"]
    # Below the threshold the long form is no longer close: a mismatch.
    assert codes(invoke("a.txt", "-f", "json", "--near-miss-threshold", "95")) == ["TK201"]


def test_list_rules_with_a_path(here: Path) -> None:
    write(here / "a.txt", ERROR_TEXT)
    result = invoke("--list-rules", "a.txt")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    rules = all_rules()
    assert [line.split()[0] for line in lines] == [r.code for r in rules]
    for line, registered in zip(lines, rules, strict=True):
        assert registered.name in line and registered.severity.value in line
        assert ("off unless selected" in line) is not registered.default
    (tk101,) = [line for line in lines if line.startswith("TK101")]
    assert "deprecated-term" in tk101 and "error" in tk101


def test_list_rules_alone(here: Path) -> None:
    result = invoke("--list-rules")
    assert result.exit_code == 0
    assert "TK101" in result.stdout


TEST_TERMBASE = """\
[termbase]
name = "Test"
languages = ["en", "fr", "zh"]
acronyms-from = { zh = "en" }

[concept.WF.en]
full = "widget framework"
acronym = "WF"
deprecated = "widget frame work"

[concept.WF.fr]
full = "cadre de widgets"
acronym = "CW"

[concept.WF.zh]
full = "小部件框架"
deprecated = "小部件构架"
"""


def test_termbase_options(here: Path) -> None:
    write(here / "tb.toml", TEST_TERMBASE)
    write(here / "a.txt", "The widget frame work and the Extraction Industries Transparency Initiative.\n")
    both = invoke("a.txt", "-f", "json", "--termbase", "tb.toml")
    assert [(f["code"], f["concept"]) for f in json.loads(both.stdout)] == [
        ("TK101", "WF"), ("TK101", "EITI"),
    ]
    only = invoke("a.txt", "-f", "json", "-t", "tb.toml", "--no-default-termbase")
    assert [(f["code"], f["concept"], f["expected"]) for f in json.loads(only.stdout)] == [
        ("TK101", "WF", "widget framework"),
    ]


def test_termbase_without_chinese(here: Path) -> None:
    write(here / "tb.toml", TEST_TERMBASE.split("[concept.WF.zh]")[0].replace(
        '["en", "fr", "zh"]', '["en", "fr"]').replace('acronyms-from = { zh = "en" }\n', ""))
    write(here / "a.txt", "The widget frame work met.\n")
    result = invoke("a.txt", "-f", "json", "-t", "tb.toml", "--no-default-termbase", "-l", "en")
    assert result.exit_code == 1, result.output
    assert codes(result) == ["TK101"]


# --- configuration -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("config", "args", "expected", "exit_code"),
    [
        ("", [], ["TK202", "TK101", "TK104"], 1),
        ('select = ["TK1"]\n', [], ["TK101", "TK104"], 1),
        ('select = ["TK1"]\n', ["--select", "TK2"], ["TK202"], 1),  # the option wins
        ('ignore = ["TK101", "near-miss"]\n', [], ["TK202"], 1),
        ('ignore = ["TK101"]\n', ["--ignore", "TK202"], ["TK104"], 1),  # both apply
        ('fail-on = "error"\nignore = ["TK101"]\n', [], ["TK202", "TK104"], 0),
        ('fail-on = "error"\nignore = ["TK101"]\n', ["--fail-on", "warning"], ["TK202", "TK104"], 1),
        ('fail-on = "never"\n', [], ["TK202", "TK101", "TK104"], 0),
        ("near-miss-threshold = 95\n", [], ["TK202", "TK101", "TK201"], 1),
        ('[per-file-ignores]\n"*.txt" = ["TK202"]\n', [], ["TK101", "TK104"], 1),
        ('[per-file-ignores]\n"*.md" = ["TK202"]\n', [], ["TK202", "TK101", "TK104"], 1),
        # Forced to French: UNEP is the English acronym (PNUE); no French term is there.
        ('lang = "fr"\n', [], ["TK205"], 1),
        ('lang = "fr"\n', ["--lang", "zh"], ["TK202", "TK101", "TK104"], 1),
    ],
)
def test_configuration(
    here: Path, config: str, args: list[str], expected: list[str], exit_code: int
) -> None:
    write(here / "termkit.toml", config)
    write(here / "docs" / "a.txt", "UNEP 和多边环境协议。国际采矿及金属理事会（ICMM）\n")
    result = invoke("docs", "-f", "json", *args)
    assert codes(result) == expected
    assert result.exit_code == exit_code


def test_configuration_is_found_walking_up(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(here / "termkit.toml", 'ignore = ["TK202"]\nexclude = ["drafts/*"]\n')
    write(here / "docs" / "a.txt", "UNEP 和多边环境协议。\n")
    write(here / "docs" / "drafts" / "b.txt", ERROR_TEXT)
    monkeypatch.chdir(here / "docs")
    result = invoke(".", "-f", "json")
    assert [(Path(f["path"]).name, f["code"]) for f in json.loads(result.stdout)] == [
        ("a.txt", "TK101")
    ]


def test_configuration_latin_lang_and_termbases(here: Path) -> None:
    write(here / "conf" / "tb.toml", TEST_TERMBASE)
    write(
        here / "conf" / "termkit.toml",
        'latin-lang = "fr"\ntermbases = ["tb.toml"]\ndefault-termbase = false\n',
    )
    write(here / "a.txt", "Le WF et le cadre de widgets (CW). Le PNUE.\n")
    result = invoke("a.txt", "-f", "json", "--config", "conf/termkit.toml")
    # French text: WF is WF's English acronym; PNUE is unknown without the shipped termbase.
    assert [(f["code"], f["found"]) for f in json.loads(result.stdout)] == [("TK205", "WF")]


def test_pyproject_tool_table(here: Path) -> None:
    write(here / "pyproject.toml", '[project]\nname = "x"\n\n[tool.termkit]\nselect = ["TK202"]\n')
    write(here / "a.txt", "UNEP 和多边环境协议。\n")
    assert codes(invoke("a.txt", "-f", "json")) == ["TK202"]


def test_config_option_overrides_the_found_one(here: Path) -> None:
    write(here / "termkit.toml", 'select = ["TK202"]\n')
    write(here / "other.toml", 'select = ["TK101"]\n')
    write(here / "a.txt", "UNEP 和多边环境协议。\n")
    assert codes(invoke("a.txt", "-f", "json")) == ["TK202"]
    assert codes(invoke("a.txt", "-f", "json", "--config", "other.toml")) == ["TK101"]


@pytest.mark.parametrize(
    ("config", "words"),
    [
        ('selct = ["TK1"]\n', ["selct", "select"]),
        ('fail-on = "sometimes"\n', ["fail-on"]),
        ("select = [\n", ["termkit.toml"]),
        ('select = ["TK999"]\n', ["TK999"]),
    ],
)
def test_bad_configuration_exits_2(here: Path, config: str, words: list[str]) -> None:
    write(here / "termkit.toml", config)
    write(here / "a.txt", ERROR_TEXT)
    result = invoke("a.txt")
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1
    for word in words:
        assert word in result.stderr


# --- --fix and --diff --------------------------------------------------------------------------

FIX_CASES = [
    # (encoding for --encoding or None, BOM bytes, line ending)
    pytest.param(None, b"", "\n", id="utf-8"),
    pytest.param(None, b"\xef\xbb\xbf", "\r\n", id="utf-8-bom-crlf"),
    pytest.param(None, b"\xff\xfe", "\r\n", id="utf-16-le-bom-crlf"),
    pytest.param(None, b"\xfe\xff", "\n", id="utf-16-be-bom"),
    pytest.param("gb18030", b"", "\r\n", id="gb18030-crlf"),
    pytest.param("utf-16", b"", "\n", id="utf-16-no-bom"),
]
CODECS = {b"": "utf-8", b"\xef\xbb\xbf": "utf-8", b"\xff\xfe": "utf-16-le", b"\xfe\xff": "utf-16-be"}
# Odd bytes that a fix must leave alone: trailing spaces, tabs, NBSP, an ideographic space,
# full-width letters, a PDF break inside the term, no final line break.
TEMPLATE = (
    "矿物和金属简报\t \n\n会议讨论了各多边环境{x}的作用，\u3000以及多边环境\n{x}秘书处。 \n"
    "Ｆｕｌｌ\u00a0width and trailing   \n\n代码多边环境{x}结尾"
)


@pytest.mark.parametrize(("encoding", "bom", "newline"), FIX_CASES)
def test_fix_keeps_encoding_bom_line_endings_and_every_other_byte(
    here: Path, encoding: str | None, bom: bytes, newline: str
) -> None:
    codec = {"utf-16": "utf-16-le"}.get(encoding or "", encoding) or CODECS[bom]
    before = bom + TEMPLATE.format(x="协议").replace("\n", newline).encode(codec)
    after = bom + TEMPLATE.format(x="协定").replace("\n", newline).encode(codec)
    path = here / "doc.txt"
    path.write_bytes(before)
    args = ["doc.txt", "--fix"] + (["--encoding", encoding] if encoding else [])
    result = invoke(*args)
    assert result.exit_code == 1, result.output
    assert path.read_bytes() == after
    assert "Fixed 3 in doc.txt" in result.stderr
    # Idempotent: a second run changes nothing, says nothing and passes.
    again = invoke(*args)
    assert (again.exit_code, again.output) == (0, "")
    assert path.read_bytes() == after


def test_fix_is_atomic_and_keeps_the_mode(here: Path) -> None:
    path = write(here / "doc.txt", ERROR_TEXT)
    path.chmod(0o640)
    inode = path.stat().st_ino
    result = invoke("doc.txt", "--fix")
    assert result.exit_code == 1
    assert path.read_text(encoding="utf-8") == CLEAN_TEXT
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert path.stat().st_ino != inode  # replaced by a renamed temporary file, not rewritten
    assert sorted(p.name for p in here.iterdir()) == ["doc.txt"]  # no temporary file left


def test_fix_through_a_symbolic_link_edits_the_target(here: Path) -> None:
    target = write(here / "real" / "doc.txt", ERROR_TEXT)
    link = here / "link.txt"
    link.symlink_to(target)
    assert invoke("link.txt", "--fix").exit_code == 1
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == CLEAN_TEXT


def test_fix_leaves_files_without_fixes_alone(here: Path) -> None:
    clean = write(here / "clean.txt", CLEAN_TEXT)
    unfixable = write(here / "warn.txt", WARNING_TEXT)
    inodes = {clean.stat().st_ino, unfixable.stat().st_ino}
    result = invoke("clean.txt", "warn.txt", "--fix")
    assert result.exit_code == 1  # the warning
    assert "Fixed" not in result.output
    assert {clean.stat().st_ino, unfixable.stat().st_ino} == inodes
    assert "warn.txt:1:1: TK202" in result.stdout


def test_fix_reports_what_it_could_not_fix(here: Path) -> None:
    path = write(here / "doc.txt", WARNING_TEXT + ERROR_TEXT)
    first = invoke("doc.txt", "--fix", "-q")
    assert first.exit_code == 1
    assert "Fixed 1 in doc.txt" in first.stderr
    assert [line.split()[1] for line in first.stdout.splitlines()] == ["TK202"]
    assert path.read_text(encoding="utf-8") == WARNING_TEXT + CLEAN_TEXT
    # Second run: nothing to fix; the warning still fails at the default level, not at error.
    second = invoke("doc.txt", "--fix", "-q")
    assert (second.exit_code, "Fixed" in second.output) == (1, False)
    assert invoke("doc.txt", "--fix", "--fail-on", "error").exit_code == 0


def test_fix_exits_1_when_it_changed_something_whatever_fail_on(here: Path) -> None:
    write(here / "doc.txt", ERROR_TEXT)
    assert invoke("doc.txt", "--fix", "--fail-on", "never").exit_code == 1
    assert invoke("doc.txt", "--fix", "--fail-on", "never").exit_code == 0


def test_fix_several_files(here: Path) -> None:
    write(here / "a.txt", ERROR_TEXT)
    write(here / "b.md", "Les délégués ont parlé de l'ASGM et de l'ASGM.\n")
    write(here / "c.txt", CLEAN_TEXT)
    result = invoke("a.txt", "b.md", "c.txt", "--fix", "--latin-lang", "fr")
    assert result.exit_code == 1
    assert sorted(result.stderr.splitlines()) == ["Fixed 1 in a.txt", "Fixed 2 in b.md"]
    assert (here / "b.md").read_text(encoding="utf-8") == (
        "Les délégués ont parlé de l'EMAPE d'or et de l'EMAPE d'or.\n"
    )


def test_diff_prints_a_unified_diff_and_writes_nothing(here: Path) -> None:
    path = write(here / "doc.txt", "标题\n" + ERROR_TEXT)
    before = path.read_bytes()
    result = invoke("doc.txt", "--diff")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "--- a/doc.txt",
        "+++ b/doc.txt",
        "@@ -1,2 +1,2 @@",
        " 标题",
        "-各多边环境协议秘书处。",
        "+各多边环境协定秘书处。",
    ]
    assert path.read_bytes() == before
    assert "Fixed" not in result.output
    clean = write(here / "clean.txt", CLEAN_TEXT)
    assert invoke(str(clean.name), "--diff").output == ""


# --- the installed entry point -----------------------------------------------------------------


def test_installed_entry_point(tmp_path: Path) -> None:
    executable = shutil.which("termkit")
    if executable is None:
        pytest.skip("the termkit entry point is not installed (pip install -e .)")
    write(tmp_path / "draft.md", "# 草稿\n\n" + ERROR_TEXT)
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR")}
    done = subprocess.run(
        [executable, "check", "draft.md"],
        cwd=tmp_path, env=env, capture_output=True, text=True, encoding="utf-8", check=False,
    )
    assert done.returncode == 1, done.stderr
    assert done.stdout.splitlines()[0] == (
        "draft.md:3:2: TK101 [deprecated-term] '多边环境协议' is deprecated for MEA; "
        "use '多边环境协定'"
    )
    assert done.stderr == ""
    fixed = subprocess.run(
        [executable, "check", "--fix", "draft.md"],
        cwd=tmp_path, env=env, capture_output=True, text=True, encoding="utf-8", check=False,
    )
    assert (fixed.returncode, fixed.stderr) == (1, "Fixed 1 in draft.md\n")
    assert (tmp_path / "draft.md").read_text(encoding="utf-8") == "# 草稿\n\n" + CLEAN_TEXT


# --- fixes found in review ---------------------------------------------------------------------


def test_fix_on_stdin_is_a_filter_and_reports_on_stderr() -> None:
    result = CliRunner().invoke(
        cli, ["check", "--fix", "-", "--lang", "zh"], input="与会代表讨论了多边环境协议和OEWG。\n"
    )
    assert result.exit_code == 1
    assert result.stdout == "与会代表讨论了多边环境协定和OEWG。\n"
    assert "TK202" in result.stderr and "Fixed 1 in <stdin>" in result.stderr
    clean = CliRunner().invoke(cli, ["check", "--fix", "-"], input="与会代表。\n")
    assert (clean.exit_code, clean.stdout) == (0, "与会代表。\n")


@pytest.mark.parametrize("tag", ["de", "xx"])
def test_a_latin_lang_the_termbase_lacks_is_an_error(here: Path, tag: str) -> None:
    write(here / "t.txt", "The OEWG met.\n")
    result = invoke("t.txt", "--latin-lang", tag)
    assert result.exit_code == 2
    assert "--latin-lang:" in result.stderr


def test_source_excerpt_counts_lines_as_findings_do(here: Path) -> None:
    write(here / "ff.txt", "Page one text.\n\fThe OEWG met.\n")
    result = invoke("ff.txt", "--show-source")
    assert "ff.txt:2:6: TK202" in result.stdout
    assert "\fThe OEWG met.\n" in result.stdout


def test_progress_bar_only_for_many_files_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys as system

    from termkit.cli.check import PROGRESS_THRESHOLD, _Progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    def shown(total: int, verbosity: int) -> bool:
        progress = _Progress(verbosity)
        progress.start(total, 1)
        for _ in range(total):
            progress.advance()
        progress.stop()
        return progress._bar is not None

    monkeypatch.setattr(system, "stderr", Terminal())
    assert shown(PROGRESS_THRESHOLD, 0)
    assert not shown(PROGRESS_THRESHOLD - 1, 0)
    assert not shown(PROGRESS_THRESHOLD, -1)  # --quiet
    monkeypatch.setattr(system, "stderr", io.StringIO())
    assert not shown(1000, 0)


# --- --jobs: several processes, the same report ------------------------------------------------

EXAMPLES = ROOT / "examples"


def drafts(folder: Path, copies: int) -> list[Path]:
    """``copies`` files from each shipped example draft, each a little different (its number in
    a heading), so that a mix-up between files would show in the report."""
    written = []
    for i in range(copies):
        for example in sorted(EXAMPLES.glob("draft-*.md")):
            text = f"# {i}\n\n" + example.read_text(encoding="utf-8")
            written.append(write(folder / f"{example.stem}-{i:02}.md", text))
    return written


def test_jobs_give_the_report_of_one_process(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from termkit.check import preload

    preloads: list[object] = []  # the parent preloads only when it forks workers

    def recording(*args: Any) -> None:
        preloads.append(args)
        preload(*args)

    monkeypatch.setattr("termkit.runner.preload", recording)  # where the runner calls it
    drafts(here / "docs", 8)
    one = invoke("docs", "-j", "1", "-f", "json")
    assert not preloads
    several = invoke("docs", "-j", "2", "-f", "json")
    assert len(preloads) == 1
    assert one.exit_code == several.exit_code == 1
    findings = json.loads(one.stdout)
    assert len({f["path"] for f in findings}) >= 16  # every draft has findings
    assert several.stdout == one.stdout
    text_one, text_several = invoke("docs", "-j", "1"), invoke("docs", "-j", "3")
    assert text_several.stdout == text_one.stdout


def test_jobs_fix_and_diff_like_one_process(here: Path) -> None:
    sequential = drafts(here / "a", 6)
    parallel = drafts(here / "b", 6)
    diff_one = invoke("a", "--diff", "-j", "1")
    diff_two = invoke("b", "--diff", "-j", "2")
    assert diff_one.stdout and diff_two.stdout == diff_one.stdout.replace("a/a/", "a/b/").replace(
        "b/a/", "b/b/"
    )
    fixed_one = invoke("a", "--fix", "-j", "1")
    fixed_two = invoke("b", "--fix", "-j", "2")
    assert fixed_one.exit_code == fixed_two.exit_code == 1
    assert fixed_one.stderr.count("Fixed") == len(sequential)  # each draft has a fixable term
    assert fixed_two.stderr == fixed_one.stderr.replace("a/", "b/")
    for left, right in zip(sequential, parallel, strict=True):
        assert left.read_bytes() == right.read_bytes()
        assert left.read_bytes() != (EXAMPLES / f"{left.stem[:-3]}.md").read_bytes()


def test_jobs_report_unreadable_and_binary_files_in_order(here: Path) -> None:
    drafts(here / "docs", 4)
    (here / "docs" / "draft-en-01.md").write_bytes(b"\xff\xfe\xfd not utf-16 \x00\x00\x00")
    (here / "docs" / "draft-zh-02.md").write_bytes("多边环境协议".encode("gb18030"))
    one, two = invoke("docs", "-j", "1"), invoke("docs", "-j", "2")
    assert one.exit_code == two.exit_code == 2
    assert (two.stdout, two.stderr) == (one.stdout, one.stderr)
    assert "draft-zh-02.md" in one.stderr


def test_a_worker_that_dies_ends_the_run_with_a_clear_error(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from termkit import runner

    real = runner.check_file

    def dies_on_one_file(path: str | Path, job: Any) -> runner.FileResult:
        if str(path).endswith("draft-en-03.md"):
            os._exit(9)  # as if killed: no exception, no result
        return real(path, job)

    # the forked workers inherit the patched module
    monkeypatch.setattr(runner, "check_file", dies_on_one_file)
    drafts(here / "docs", 6)
    result = invoke("docs", "-j", "2")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "termkit: error: a worker process died (out of memory, or killed); try --jobs 1"
    )


def test_interrupting_a_parallel_run_stops_its_workers(here: Path) -> None:
    import multiprocessing

    from termkit.runner import RunOptions, check_paths

    seen: list[object] = []
    # A process of the caller's own, started while the run goes on: termkit must leave it alone.
    own = multiprocessing.get_context("fork").Process(target=time.sleep, args=(60,))

    def interrupted_on_the_third_file(result: object) -> None:
        seen.append(result)
        if len(seen) == 1:
            own.start()
        if len(seen) == 3:
            raise KeyboardInterrupt

    drafts(here / "docs", 8)
    try:
        with pytest.raises(KeyboardInterrupt):
            check_paths(
                [here / "docs"], load_termbase(), options=RunOptions(jobs=2),
                on_file=interrupted_on_the_third_file,
            )
        assert own.is_alive()
    finally:
        if own.pid is not None:
            own.terminate()
            own.join()
    # No worker is left running. (multiprocessing may still list one that the executor's own
    # thread reaped while the run stopped it; what counts is that the process is gone.)
    assert [c.pid for c in multiprocessing.active_children() if _running(c.pid)] == []


def test_an_interrupt_is_one_line_and_exit_130() -> None:
    from termkit.cli.options import user_errors

    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr), pytest.raises(SystemExit) as stop, user_errors():
        raise KeyboardInterrupt
    assert (stop.value.code, stderr.getvalue()) == (130, "termkit: interrupted\n")


def _running(pid: int | None) -> bool:
    """Whether process ``pid`` exists and is not a zombie (Linux /proc; elsewhere: exists)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii")
    except OSError:
        if Path("/proc/self").exists():
            return False
        try:
            os.kill(pid or 0, 0)
        except OSError:
            return False
        return True
    return stat.rsplit(")", 1)[-1].split()[0] != "Z"


@pytest.mark.parametrize(
    ("requested", "files", "paths", "cpus", "expected"),
    [
        (0, 1, ("a.md",), 8, 1),  # one file: nothing to share
        (0, 15, ("docs",), 8, 1),  # fewer than 8 files a process: forking does not pay
        (0, 16, ("docs",), 8, 2),
        (0, 1000, ("docs",), 8, 8),
        (0, 1000, ("docs",), 1, 1),
        (4, 3, ("docs",), 8, 3),  # asked for: as many as there are files, at most
        (3, 100, ("docs",), 1, 3),  # asked for: even on one CPU
        (1, 1000, ("docs",), 8, 1),
        (0, 1000, ("docs", "-"), 8, 1),  # standard input: one process, in order
    ],
)
def test_job_count(
    requested: int, files: int, paths: tuple[str, ...], cpus: int, expected: int
) -> None:
    from termkit.runner import job_count

    assert job_count(requested, files, paths, cpus=cpus, platform="linux") == expected
    assert job_count(requested, files, paths, cpus=cpus, platform="darwin") == 1


@pytest.mark.parametrize("value", ["-1", '"2"', "true", "1.5"])
def test_bad_jobs_setting_exits_2(here: Path, value: str) -> None:
    write(here / "termkit.toml", f"jobs = {value}\n")
    write(here / "a.txt", ERROR_TEXT)
    result = invoke("a.txt")
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1
    assert "'jobs'" in result.stderr and "termkit.toml" in result.stderr


def test_jobs_setting_is_read(here: Path) -> None:
    write(here / "termkit.toml", "jobs = 3\n")
    drafts(here / "docs", 6)
    assert "in 3 process(es)" in invoke("docs", "-v").stderr
    assert "in 1 process(es)" in invoke("docs", "-v", "--jobs", "1").stderr


def test_entry_point_flushes_a_large_report_before_it_exits(here: Path) -> None:
    """The entry point exits without the interpreter's teardown: all output must still arrive."""
    executable = shutil.which("termkit")
    if executable is None:
        pytest.skip("the termkit entry point is not installed (pip install -e .)")
    drafts(here / "docs", 18)
    expected = invoke("docs", "-f", "json", "-j", "1").stdout
    assert len(expected) > 65536  # more than a pipe holds: the tail must be flushed
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR")}
    for jobs in ("1", "2"):
        done = subprocess.run(
            [executable, "check", "docs", "-f", "json", "-j", jobs],
            cwd=here, env=env, capture_output=True, text=True, encoding="utf-8", check=False,
        )
        assert (done.returncode, done.stderr) == (1, "")
        assert done.stdout == expected
