"""Configuration: every key is checked once, in config.py; a wrong value is one located line."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from termkit.cli import cli
from termkit.config import CONFIG_KEYS, CheckConfig, load_config
from termkit.errors import TermbaseError

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "draft-en.md"

# (key, a value it refuses, what the message says); every key has at least one row.
WRONG = [
    ("termbases", "5", "must be a string or a list of strings"),
    ("termbases", "[1, 2]", "must be a string or a list of strings"),
    ("default-termbase", '"no"', "must be true or false"),
    ("lang", "7", "must be a string"),
    ("lang", '""', "must be a string"),
    ("latin-lang", "true", "must be a string"),
    ("select", "{ a = 1 }", "must be a string or a list of strings"),
    ("ignore", "[1]", "must be a string or a list of strings"),
    ("per-file-ignores", '{ "*.md" = 5 }', "'*.md' has 5"),
    ("per-file-ignores", '"TK101"', "must be a table of glob"),
    ("exclude", "3.5", "must be a string or a list of strings"),
    ("include", "5", "must be a string or a list of strings"),
    ("include", '["docx", "xlsx"]', "must be a list of formats among docx, html, pdf"),
    ("fail-on", '"sometimes"', "must be one of 'error', 'warning', 'info', 'never'"),
    ("near-miss-threshold", '"high"', "must be a number from 0 to 100"),
    ("near-miss-threshold", "500", "must be a number from 0 to 100, not 500"),
    ("near-miss-threshold", "-1", "must be a number from 0 to 100, not -1"),
    ("near-miss-threshold", "nan", "must be a number from 0 to 100"),
    ("near-miss-threshold", "inf", "must be a number from 0 to 100"),
    ("near-miss-threshold", "true", "must be a number from 0 to 100"),
    ("jobs", "-1", "must be a whole number"),
    ("jobs", "1.5", "must be a whole number"),
    ("jobs", "true", "must be a whole number"),
    ("jobs", '"2"', "must be a whole number"),
    ("prefer", '"ASGM"', "must be a table of ACRONYM"),
    ("prefer", "{ EMAPE = 1 }", "must be a table of ACRONYM"),
    ("severity", '{ TK203 = "loud" }', 'must be a table of RULE = "error", "warning" or "info"'),
    ("severity", '"warning"', "must be a table of RULE"),
]


def test_every_key_has_a_wrong_value_row() -> None:
    assert {key for key, _, _ in WRONG} == set(CONFIG_KEYS)


def _run_with(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str, command: str, key: str,
    value: str,
) -> tuple[Result, str]:
    """Run ``command`` with ``key = value`` in ``where``, on a known line after a comment and a
    valid key; the result, and the ``termkit: error: path:line:1:`` an error there starts with."""
    header = "[project]\nname = 'x'\n\n[tool.termkit]\n" if where == "pyproject.toml" else ""
    other = 'lang = "en"' if key == "fail-on" else 'fail-on = "error"'
    text = f"{header}# bulletins\n{other}\n{key} = {value}\n"
    (tmp_path / where).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, [command, str(EXAMPLE)])
    return result, f"termkit: error: {(tmp_path / where).resolve()}:{text.count(chr(10))}:1:"


@pytest.mark.parametrize("command", ["check", "expand", "glossary", "extract"])
@pytest.mark.parametrize(("key", "value", "says"), WRONG, ids=[f"{k}={v}" for k, v, _ in WRONG])
@pytest.mark.parametrize("where", ["termkit.toml", "pyproject.toml"])
def test_a_wrong_value_is_one_located_line_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, key: str, value: str,
    says: str, where: str,
) -> None:
    result, located = _run_with(tmp_path, monkeypatch, where, command, key, value)
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines() == [result.stderr.rstrip("\n")]  # one line
    assert result.stderr.startswith(f"{located} '{key}' "), result.stderr
    assert says in result.stderr
    assert "Traceback" not in result.output


# Values of the right type that only the termbase or the rules can judge: blamed on the key's
# line, not on a command-line option the user never gave.
UNKNOWN = [
    ("check", "lang", '"xx"', "lang: unknown language tag 'xx'"),
    ("expand", "lang", '"de"', "lang: the termbase has no language 'de'"),
    ("glossary", "latin-lang", '"de"', "latin-lang: the termbase has no language 'de'"),
    ("extract", "latin-lang", '"xx"', "latin-lang: unknown language tag 'xx'"),
    ("check", "select", '["TK1", "TK999"]', "select: unknown rule 'TK999'"),
    ("check", "ignore", '"no-such-rule"', "ignore: unknown rule 'no-such-rule'"),
    ("check", "per-file-ignores", '{ "*.md" = ["TK999"] }', "per-file-ignores: unknown rule"),
    ("check", "severity", '{ TK999 = "info" }', "severity: unknown rule 'TK999'"),
]


def test_severity_sets_a_rule_s_level_for_reporting_and_failing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    monkeypatch.chdir(tmp_path)
    args = ["check", "-f", "json", "--fail-on", "error", str(EXAMPLE)]
    before = json.loads(CliRunner().invoke(cli, args).stdout)
    (tmp_path / "termkit.toml").write_text(
        '[severity]\nundefined-acronym = "error"\nTK1 = "info"\n', encoding="utf-8"
    )
    result = CliRunner().invoke(cli, args)
    after = json.loads(result.stdout)
    assert [f["code"] for f in after] == [f["code"] for f in before]

    def levels(findings: list[dict[str, str]], code: str) -> set[str]:
        return {f["severity"] for f in findings if f["code"] == code}

    assert (levels(before, "TK202"), levels(after, "TK202")) == ({"warning"}, {"error"})
    assert (levels(before, "TK101"), levels(after, "TK101")) == ({"error"}, {"info"})
    assert (levels(before, "TK201"), levels(after, "TK201")) == ({"error"}, {"error"})
    # TK201 stays an error: the run fails on errors either way
    assert result.exit_code == 1


@pytest.mark.parametrize(("command", "key", "value", "says"), UNKNOWN)
@pytest.mark.parametrize("where", ["termkit.toml", "pyproject.toml"])
def test_an_unknown_language_or_rule_is_blamed_on_its_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, key: str, value: str,
    says: str, where: str,
) -> None:
    result, located = _run_with(tmp_path, monkeypatch, where, command, key, value)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"{located} {says}"), result.stderr
    assert result.stderr.count("\n") == 1


def test_a_nan_threshold_on_the_command_line_is_refused() -> None:
    result = CliRunner().invoke(cli, ["check", "--near-miss-threshold", "nan", str(EXAMPLE)])
    assert result.exit_code == 2
    assert "'nan' is not a number from 0 to 100" in result.stderr


def test_an_unknown_key_is_located_and_named(tmp_path: Path) -> None:
    path = tmp_path / "termkit.toml"
    path.write_text('lang = "en"\nnear-mis-threshold = 70\n', encoding="utf-8")
    with pytest.raises(TermbaseError) as caught:
        load_config(path)
    assert str(caught.value) == (
        f"{path}:2:1: unknown configuration key 'near-mis-threshold' "
        "(did you mean 'near-miss-threshold'?)"
    )


def test_valid_values_become_typed_settings(tmp_path: Path) -> None:
    path = tmp_path / "termkit.toml"
    path.write_text(
        """termbases = "terms.toml"
default-termbase = false
lang = "zh"
latin-lang = "auto"
select = "TK1"
ignore = ["TK103", "TK104"]
per-file-ignores = { "*.md" = "TK202", "old/*" = ["TK1", "TK2"] }
exclude = ["archive/*"]
fail-on = "never"
near-miss-threshold = 70
jobs = 2
prefer = { EMAPE = "ASGM" }
""",
        encoding="utf-8",
    )
    config = load_config(path)
    assert config == CheckConfig(
        path=path,
        termbases=(tmp_path / "terms.toml",),
        default_termbase=False,
        lang="zh",
        latin_lang="auto",
        select=("TK1",),
        ignore=("TK103", "TK104"),
        per_file_ignores={"*.md": ("TK202",), "old/*": ("TK1", "TK2")},
        exclude=("archive/*",),
        fail_on="never",
        near_miss_threshold=70.0,
        jobs=2,
        prefer={"EMAPE": "ASGM"},
    )
    assert isinstance(config.near_miss_threshold, float)


def test_no_configuration_is_every_default() -> None:
    assert load_config(None, search=False) == CheckConfig()


def test_the_settings_reach_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A value read from the file changes what check does: here fail-on and select."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "draft.md").write_text("各多边环境协议秘书处。\n", encoding="utf-8")
    assert CliRunner().invoke(cli, ["check", "draft.md"]).exit_code == 1
    (tmp_path / "termkit.toml").write_text('fail-on = "never"\n', encoding="utf-8")
    assert CliRunner().invoke(cli, ["check", "draft.md"]).exit_code == 0
    (tmp_path / "termkit.toml").write_text('select = ["TK2"]\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "draft.md", "-f", "json"])
    assert (result.exit_code, result.stdout.strip()) == (0, "[]")
