"""``termkit rule`` (issue 12): each rule's page, from its docstring; and the same pages in
SARIF's ``rules[]`` from ``termkit check --format sarif``."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from termkit.cli import cli
from termkit.rules import all_rules
from termkit.rules.docs import DOCS_URL

SARIF_SCHEMA = (
    Path(__file__).resolve().parents[2] / "shared" / "reference" / "sarif" / "sarif-schema-2.1.0.json"
)
PLAIN = {"NO_COLOR": None, "FORCE_COLOR": None}
CODES = [r.code for r in all_rules()]


def invoke(*args: str, env: Mapping[str, str | None] = PLAIN) -> Result:
    return CliRunner().invoke(cli, ["rule", *args], env=dict(env))


def test_rule_prints_the_page_as_plain_text() -> None:
    result = invoke("TK203")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.startswith("TK203 redefined-acronym\n\nAn acronym is defined again after its first")
    assert "Severity: info; off unless selected (`--select TK203`)." in text
    for heading in ("What it finds", "Why it matters", "Example", "Does not fire", "Fix"):
        assert f"\n{heading}\n" in text
    # Examples indented, not fenced; no Markdown heading marks, no colour.
    assert "\n    联合国环境规划署（UNEP）……联合国环境规划署（UNEP）\n" in text
    assert "```" not in text and "\n#" not in text and "\x1b[" not in text


@pytest.mark.parametrize(
    ("selectors", "codes"),
    [
        (["redefined-acronym"], ["TK203"]),
        (["TK2"], ["TK201", "TK202", "TK203", "TK204", "TK205"]),
        (["TK203", "tk101", "TK203"], ["TK101", "TK203"]),
        (["--all"], CODES),
    ],
)
def test_rule_selectors(selectors: list[str], codes: list[str]) -> None:
    result = invoke(*selectors, "--format", "json")
    assert result.exit_code == 0, result.output
    assert [page["code"] for page in json.loads(result.stdout)] == codes


def test_rule_all_prints_every_page() -> None:
    result = invoke("--all")
    assert result.exit_code == 0
    starts = [line.split()[0] for line in result.stdout.splitlines() if line.startswith("TK")]
    assert starts == CODES


def test_rule_json() -> None:
    result = invoke("TK102", "--format", "json")
    (page,) = json.loads(result.stdout)
    assert list(page) == ["code", "name", "severity", "default", "summary", "markdown"]
    assert page["name"] == "admitted-term"
    assert (page["severity"], page["default"]) == ("info", False)
    assert page["summary"] == "An admitted, non-preferred term is used."
    assert page["markdown"].startswith("# TK102 admitted-term\n")
    assert "off unless selected (`--select TK102`)" in page["markdown"]
    assert "```zh\n建议设立不限成员名额工作组。\n```" in page["markdown"]


def test_rule_markdown() -> None:
    result = invoke("TK101", "--format", "markdown")
    (registered,) = [r for r in all_rules() if r.code == "TK101"]
    assert result.stdout == registered.markdown


def test_rule_on_a_terminal_is_rendered_markdown_but_never_coloured_with_no_color() -> None:
    coloured = invoke("TK101", env={"NO_COLOR": None, "FORCE_COLOR": "1"})
    assert coloured.exit_code == 0 and "\x1b[" in coloured.stdout
    assert "```" not in coloured.stdout
    plain = invoke("TK101", env={"NO_COLOR": "1", "FORCE_COLOR": "1"})
    assert "\x1b[" not in plain.stdout and plain.stdout == invoke("TK101").stdout


@pytest.mark.parametrize("args", [["TK999"], ["TK101", "not-a-rule"], []])
def test_rule_unknown_or_missing_is_a_usage_error(args: list[str]) -> None:
    result = invoke(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    if args:
        (line,) = result.stderr.splitlines()
        assert line.startswith("termkit: error: unknown rule")


def test_rule_help_has_examples() -> None:
    result = invoke("--help")
    assert "Examples:" in result.stdout and "termkit rule TK101" in result.stdout


@pytest.fixture(scope="module")
def sarif_validator() -> Any:
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"../shared is absent: {SARIF_SCHEMA} not found (only the project's CI has it)")
    import jsonschema

    return jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))


def test_sarif_rules_carry_their_pages(sarif_validator: Any) -> None:
    result = CliRunner().invoke(
        cli, ["check", "-", "--lang", "zh", "--format", "sarif"], input="多边环境协议和OEWG。\n",
        env=PLAIN,
    )
    log = json.loads(result.stdout)
    assert [e.message for e in sarif_validator.iter_errors(log)] == []
    (run,) = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == CODES
    for registered, descriptor in zip(all_rules(), rules, strict=True):
        assert descriptor["shortDescription"]["text"] == registered.description
        assert descriptor["fullDescription"]["text"]
        assert descriptor["fullDescription"]["markdown"] == registered.doc.what
        assert descriptor["help"]["markdown"] == registered.markdown
        assert descriptor["help"]["text"].startswith(f"{registered.code} {registered.name}\n")
        assert descriptor["helpUri"] == f"{DOCS_URL}#{registered.code.lower()}"
    assert {r["ruleId"] for r in run["results"]} == {"TK101", "TK202"}
