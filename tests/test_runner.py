"""``termkit.check_paths``: the file runner as a library, without click."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import termkit
from termkit.cli import cli
from termkit.runner import FileResult, Report, RunOptions, check_paths
from termkit.termbase import load_termbase

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture
def drafts(tmp_path: Path) -> Path:
    folder = tmp_path / "drafts"
    shutil.copytree(EXAMPLES, folder)
    return folder


def test_check_paths_finds_what_the_cli_reports(drafts: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(drafts.parent)
    # the library's defaults are the CLI's (Latin-script language guessed per document)
    report = termkit.check_paths(["drafts"], termkit.load_termbase())
    cli_json = CliRunner().invoke(cli, ["check", "drafts", "-f", "json"]).stdout
    expected = [(f["path"], f["line"], f["column"], f["code"]) for f in json.loads(cli_json)]
    assert [(f.path, f.line, f.column, f.code) for f in report.findings] == expected
    assert (report.files, report.unreadable, report.changed, report.exit_code) == (3, 0, 0, 1)
    assert set(report.sources) == {f"drafts/{p.name}" for p in EXAMPLES.glob("*.md")}


def test_on_file_sees_each_file_in_order(drafts: Path) -> None:
    seen: list[FileResult] = []
    started: list[tuple[int, int]] = []
    check_paths(
        [drafts], load_termbase(),
        on_start=lambda files, jobs: started.append((files, jobs)), on_file=seen.append,
    )
    assert started == [(3, 1)]
    assert [Path(r.path).name for r in seen] == sorted(p.name for p in EXAMPLES.glob("*.md"))


def test_fix_rewrites_and_the_exit_code_says_so(drafts: Path) -> None:
    before = (drafts / "draft-zh.md").read_text(encoding="utf-8")
    report = check_paths([drafts / "draft-zh.md"], load_termbase(), options=RunOptions(fix=True))
    assert report.changed == 1 and report.exit_code == 1
    after = (drafts / "draft-zh.md").read_text(encoding="utf-8")
    assert after != before
    assert all(f.fix is None for f in report.findings)  # what was fixed is no longer reported
    again = check_paths([drafts / "draft-zh.md"], load_termbase(), options=RunOptions(fix=True))
    assert again.changed == 0


@pytest.mark.parametrize(
    ("fail_on", "unreadable", "changed", "expected"),
    [("warning", 0, 0, 1), ("error", 0, 0, 1), ("never", 0, 0, 0), ("never", 0, 1, 1),
     ("never", 1, 1, 2)],
)
def test_exit_code(fail_on: str, unreadable: int, changed: int, expected: int) -> None:
    findings = tuple(check_paths([EXAMPLES / "draft-zh.md"], load_termbase()).findings)
    assert any(f.severity.value == "error" for f in findings)
    report = Report(findings, {}, 1, unreadable, changed, fail_on, 1)
    assert report.exit_code == expected


def test_unknown_fail_on_is_refused() -> None:
    with pytest.raises(termkit.InputError, match="fail-on"):
        RunOptions(fail_on="sometimes")


# --- fixes: one run, and a diff that patch applies -----------------------------------------------


def test_fix_is_offered_in_one_run_or_never(tmp_path: Path) -> None:
    """Fixing IRP's deprecated French name brings French words into the paragraph; the TK205
    fix that they allow is made in the same run, not in the next (issue 13's reproducer)."""
    path = tmp_path / "note.txt"
    path.write_text(
        "For the ASGM of the Panel international des ressources, see the de la notes.\n",
        encoding="utf-8",
    )
    settings = termkit.CheckSettings(lang="fr")
    first = check_paths([path], load_termbase(), settings, RunOptions(fix=True))
    assert first.changed == 1
    assert path.read_text(encoding="utf-8") == (
        "For the EMAPE d'or of the Groupe international d'experts sur les ressources, "
        "see the de la notes.\n"
    )
    second = check_paths([path], load_termbase(), settings, RunOptions(fix=True))
    assert second.changed == 0


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("no-final-newline.txt", "标题\n各多边环境协议秘书处。\n多边环境协议"),
        ("cr-only.txt", "标题\r各多边环境协议秘书处。\r多边环境协议\r"),
        ("line-separator.txt", "标题\u2028各多边环境协议\n多边环境协议\n"),
        ("crlf.txt", "标题\r\n各多边环境协议秘书处。\r\n"),
    ],
)
@pytest.mark.parametrize("absolute", [False, True])
def test_diff_applies_with_patch_to_give_the_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, content: str, absolute: bool
) -> None:
    import subprocess

    if shutil.which("patch") is None:
        pytest.skip("patch is not installed")
    monkeypatch.chdir(tmp_path)
    for folder in ("diffed", "fixed"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / name).write_bytes(content.encode("utf-8"))
    target = tmp_path / "diffed" / name
    diffs: list[str] = []
    check_paths(
        [target if absolute else Path("diffed") / name], load_termbase(),
        options=RunOptions(diff=True), on_file=lambda r: diffs.append(r.diff),
    )
    check_paths([Path("fixed") / name], load_termbase(), options=RunOptions(fix=True))
    assert diffs[0] and target.read_bytes() == content.encode("utf-8")  # --diff writes nothing
    where = "/" if absolute else str(tmp_path)
    subprocess.run(["patch", "-p1", "-s"], input=diffs[0].encode("utf-8"), cwd=where, check=True)
    assert target.read_bytes() == (tmp_path / "fixed" / name).read_bytes()


# --- the language of each file, said -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "settings", "lang", "choice", "unsure"),
    [
        ("Le Panel international des ressources a publié.\n", {}, "en", "default", True),
        ("Le rapport de la réunion est publié par les délégués.\n", {}, "fr", "guessed", False),
        ("Le Panel international des ressources a publié.\n", {"lang": "fr"}, "fr", "given",
         False),
        ("Le Panel international des ressources a publié.\n", {"latin_lang": "fr"}, "fr",
         "given", False),
        # Chinese with an acronym: its Latin letters are no reason to ask
        ("会议讨论了UNEP的报告。\n", {}, "en", "default", False),
    ],
)
def test_each_file_says_how_its_language_was_chosen(
    tmp_path: Path, text: str, settings: dict[str, str], lang: str, choice: str, unsure: bool
) -> None:
    path = tmp_path / "note.txt"
    path.write_text(text, encoding="utf-8")
    results: list[FileResult] = []
    chosen = termkit.CheckSettings(
        lang=settings.get("lang"), latin_lang=settings.get("latin_lang", "auto")
    )
    check_paths([path], load_termbase(), chosen, on_file=results.append)
    (result,) = results
    assert result.latin_choice is not None
    assert (result.latin_lang, result.latin_choice.value, result.language_unsure) == (
        lang, choice, unsure
    )


def test_a_language_taken_by_default_is_warned_once_per_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "short.txt").write_text("Le Panel international des ressources a publié.\n",
                                        encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "short.txt"])
    assert result.stderr.splitlines() == [
        "termkit: warning: short.txt: its words do not say whether it is English or French; "
        "read as English (say which with --latin-lang or --lang)"
    ]
    assert CliRunner().invoke(cli, ["check", "short.txt", "-q"]).stderr == ""
    said = CliRunner().invoke(cli, ["check", "short.txt", "--latin-lang", "fr", "-v"]).stderr
    assert "termkit: short.txt: Latin-script text read as French, as set" in said
    fixed = CliRunner().invoke(cli, ["check", "short.txt", "--latin-lang", "fr"])
    assert "TK101" in fixed.stdout  # read as French, its deprecated term is found
