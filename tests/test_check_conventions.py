"""The linter conventions users know from ruff and Vale: --exit-zero, --statistics, --show-fixes,
--output-file, --stdin-filename, --force-exclude, --color, and one missing path among several."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from termkit.cli import cli
from termkit.render.console import set_color

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
DRAFT = "# 草稿\n\n各方讨论了多边环境协议的执行情况。\n"  # one TK101, fixable


def run(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input, env=env)


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "draft.md"
    path.write_text(DRAFT, encoding="utf-8")
    return path


def test_exit_zero_keeps_findings_and_errors(draft: Path, tmp_path: Path) -> None:
    assert run("check", str(draft)).exit_code == 1
    result = run("check", "--exit-zero", str(draft))
    assert result.exit_code == 0
    assert "TK101" in result.stdout  # still reported
    assert run("check", "--exit-zero", "--fix", str(draft)).exit_code == 0  # fixed: 0 too
    # an error is still an error
    assert run("check", "--exit-zero", str(tmp_path / "missing.md")).exit_code == 2


def test_statistics_count_by_rule_instead_of_listing(draft: Path) -> None:
    args = ["check", "--statistics", str(EXAMPLES / "draft-zh.md"), str(EXAMPLES / "draft-en.md")]
    listed = json.loads(run(*args[:1], "-f", "json", *args[2:]).stdout)
    counts = json.loads(run(*args, "-f", "json").stdout)
    assert sum(row["count"] for row in counts) == len(listed)
    for row in counts:
        mine = [f for f in listed if f["code"] == row["code"]]
        assert row["count"] == len(mine)
        assert row["name"] == mine[0]["rule"] and row["severity"] == mine[0]["severity"]
        assert row["fixable"] == sum(f["fix"] is not None for f in mine)
    assert [r["count"] for r in counts] == sorted((r["count"] for r in counts), reverse=True)
    text = run(*args).stdout.splitlines()
    assert len(text) == len(counts)
    assert text[0].split()[:2] == [str(counts[0]["count"]), counts[0]["code"]]
    assert "sarif" in run(*args, "-f", "sarif").stderr


def test_show_fixes_lists_what_was_fixed(draft: Path) -> None:
    result = run("check", "--fix", "--show-fixes", str(draft))
    assert result.stderr.splitlines()[-2:] == [
        f"Fixed in {draft}:",
        "    1 × TK101 (deprecated-term)",
    ]


def test_output_file_holds_what_stdout_would(draft: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = run("check", "-f", "json", "--output-file", str(out), str(draft))
    assert (result.exit_code, result.stdout) == (1, "")
    assert out.read_text(encoding="utf-8") == run("check", "-f", "json", str(draft)).stdout
    bad = run("check", "-o", str(tmp_path / "no" / "such" / "dir.txt"), str(draft))
    assert bad.exit_code == 2
    assert bad.stderr.count("\n") == 1 and "dir.txt" in bad.stderr


def test_stdin_filename_names_and_judges_standard_input(tmp_path: Path) -> None:
    text = "Code: `多边环境协议`\n\n各方讨论了多边环境协议。\n"
    plain = run("check", "-f", "json", "-", input=text)
    named = run("check", "-f", "json", "--stdin-filename", "notes/draft.md", "-", input=text)
    assert {f["path"] for f in json.loads(plain.stdout)} == {"<stdin>"}
    findings = json.loads(named.stdout)
    # read as Markdown: the inline code is not checked
    assert [(f["path"], f["line"]) for f in findings] == [("notes/draft.md", 3)]
    assert len(json.loads(plain.stdout)) == 2
    (tmp_path / "termkit.toml").write_text('per-file-ignores = { "notes/*" = ["TK101"] }\n')
    with_config = run(
        "check", "--config", str(tmp_path / "termkit.toml"), "--stdin-filename",
        "notes/draft.md", "-", input=text,
    )
    assert (with_config.exit_code, with_config.stdout) == (0, "")


def test_force_exclude_applies_exclude_to_named_files(draft: Path) -> None:
    assert "TK101" in run("check", "--exclude", "draft.*", str(draft)).stdout
    forced = run("check", "--exclude", "draft.*", "--force-exclude", str(draft))
    assert (forced.exit_code, forced.stdout) == (0, "")


def test_the_hooks_force_exclude() -> None:
    hooks = (Path(__file__).resolve().parents[1] / ".pre-commit-hooks.yaml").read_text()
    entries = [line for line in hooks.splitlines() if line.strip().startswith("entry:")]
    assert entries and all("--force-exclude" in line for line in entries)


def test_one_missing_path_does_not_hide_the_others(draft: Path, tmp_path: Path) -> None:
    missing = tmp_path / "gone.md"
    for fmt in ("json", "sarif"):
        result = run("check", "-f", fmt, str(missing), str(draft))
        assert result.exit_code == 2
        assert result.stderr == f"termkit: error: {missing}: no such file or folder\n"
        report = json.loads(result.stdout)
        results = report if fmt == "json" else report["runs"][0]["results"]
        assert len(results) == 1


@pytest.fixture
def reset_color() -> Iterator[None]:
    yield
    set_color("auto")  # --color holds for the process; later tests call renderers directly


@pytest.mark.usefixtures("reset_color")
@pytest.mark.parametrize(
    ("option", "env", "colour"),
    [
        ("always", {}, True),
        ("always", {"NO_COLOR": "1"}, True),  # the command line wins
        ("never", {"FORCE_COLOR": "1"}, False),
        ("auto", {"FORCE_COLOR": "1"}, True),
        ("auto", {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
        ("auto", {}, False),  # CliRunner's output is no terminal
    ],
)
def test_color_option(draft: Path, option: str, env: dict[str, str], colour: bool) -> None:
    clean = {"NO_COLOR": "", "FORCE_COLOR": "", **env}
    result = run("--color", option, "check", str(draft), env=clean)
    assert ("\x1b[" in result.stdout) is colour


def test_a_baseline_hides_the_findings_it_records(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    archive = tmp_path / "archive.md"
    archive.write_text(DRAFT, encoding="utf-8")
    written = run("check", "--write-baseline", "baseline.json", "archive.md")
    assert written.exit_code == 0
    assert written.stderr == "Recorded 1 finding(s) in baseline.json\n"
    recorded = json.loads((tmp_path / "baseline.json").read_text(encoding="utf-8"))
    assert recorded["termkit-baseline"] == 1
    assert [(e["path"], e["code"], e["count"]) for e in recorded["findings"]] == [
        ("archive.md", "TK101", 1)
    ]
    clean = run("check", "--baseline", "baseline.json", "archive.md")
    assert (clean.exit_code, clean.stdout) == (0, "")
    # Lines moving above an old finding do not make it new; a second occurrence is new.
    archive.write_text("新的一段。\n\n" + DRAFT + "\n另一处多边环境协议。\n", encoding="utf-8")
    result = run("check", "-f", "json", "--baseline", "baseline.json", "archive.md")
    assert result.exit_code == 1
    assert [(f["line"], f["code"]) for f in json.loads(result.stdout)] == [(7, "TK101")]
    # Run from another folder: paths are relative to the baseline's folder.
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    again = run("check", "-f", "json", "--baseline", "../baseline.json", "../archive.md")
    assert [f["line"] for f in json.loads(again.stdout)] == [7]


@pytest.mark.parametrize("content", ["{", '{"findings": []}', '{"termkit-baseline": 1, "findings": [1]}'])
def test_a_bad_baseline_is_one_line(draft: Path, tmp_path: Path, content: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    result = run("check", "--baseline", str(bad), str(draft))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"termkit: error: {bad}: ")
    assert result.stderr.count("\n") == 1
