"""termkit in Chinese and French (issue 19): gettext catalogues kept with Babel, the interface
language from the environment, machine output unchanged by it."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner

from termkit.cli import cli
from termkit.i18n import interface_language, message_language, set_message_language

ROOT = Path(__file__).resolve().parents[1]
DRAFT = ROOT / "examples" / "draft-zh.md"


def _catalogs() -> ModuleType:
    spec = importlib.util.spec_from_file_location("catalogs", ROOT / "scripts" / "catalogs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_message_is_translated_in_both_catalogues_with_its_placeholders() -> None:
    assert _catalogs().problems() == []


def test_the_template_holds_what_the_sources_mark(tmp_path: Path) -> None:
    """A message marked in the code but missing from termkit.pot (and so from the catalogues)
    would be shown in English: the template must be regenerated and the catalogues updated."""
    from babel.messages.pofile import read_po

    catalogs = _catalogs()
    catalogs.extract(tmp_path / "fresh.pot")
    with (tmp_path / "fresh.pot").open("rb") as fresh, catalogs.TEMPLATE.open("rb") as kept:
        assert {m.id for m in read_po(fresh)} == {m.id for m in read_po(kept)}


def test_the_catalogues_compile_without_warnings(tmp_path: Path) -> None:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for lang in ("zh", "fr"):
        path = ROOT / "termkit" / "locale" / lang / "LC_MESSAGES" / "termkit.po"
        with path.open("rb") as stream:
            catalog = read_po(stream, abort_invalid=True)
        assert [errors for _, errors in catalog.check()] == []
        with (tmp_path / f"{lang}.mo").open("wb") as out:
            write_mo(out, catalog)


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({"TERMKIT_LANG": "zh", "LC_ALL": "fr_FR.UTF-8"}, "zh"),
        ({"LC_ALL": "fr_FR.UTF-8", "LANG": "zh_CN.UTF-8"}, "fr"),
        ({"LC_MESSAGES": "zh_TW.UTF-8", "LANG": "fr_FR.UTF-8"}, "zh"),
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LC_ALL": "C.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_the_interface_language_comes_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], expected: str
) -> None:
    for variable in ("TERMKIT_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    for variable, value in environment.items():
        monkeypatch.setenv(variable, value)
    assert interface_language() == expected


def _check(env_changes: dict[str, str | None], *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("TERMKIT_LANG", "LC_ALL", "LC_MESSAGES", "LANG")}
    env.update({k: v for k, v in env_changes.items() if v is not None})
    return subprocess.run(
        [sys.executable, "-m", "termkit", "check", str(DRAFT), "--no-show-source", *args],
        capture_output=True, text=True, env=env, check=False,
    )


def test_a_chinese_locale_prints_chinese_messages_and_the_same_codes() -> None:
    english = _check({"LANG": "en_US.UTF-8"})
    chinese = _check({"LANG": "zh_CN.UTF-8"})
    assert english.returncode == chinese.returncode == 1
    def codes(out: str) -> list[str]:
        return [line.split()[1] for line in out.splitlines() if line.startswith(str(DRAFT))]
    assert codes(english.stdout) == codes(chinese.stdout) != []
    assert "is deprecated for MEA; use '多边环境协定'" in english.stdout
    assert "'多边环境协议' 是 MEA 的弃用术语；请使用 '多边环境协定'" in chinese.stdout
    assert "个文件中发现" in chinese.stdout  # the summary
    french = _check({"TERMKIT_LANG": "fr", "LANG": "zh_CN.UTF-8"})
    assert "est un terme déconseillé pour MEA ; employer '多边环境协定'" in french.stdout


def test_machine_output_does_not_change_with_the_locale() -> None:
    for output_format in ("json", "sarif", "github"):
        english = _check({"LANG": "en_US.UTF-8"}, "--format", output_format)
        chinese = _check({"LANG": "zh_CN.UTF-8"}, "--format", output_format)
        assert english.stdout == chinese.stdout, output_format
    french = _check({"LANG": "zh_CN.UTF-8"}, "--format", "json", "--message-lang", "fr")
    messages = [row["message"] for row in json.loads(french.stdout)]
    assert "'多边环境协议' est un terme déconseillé pour MEA ; employer '多边环境协定'" in messages
    assert [row["code"] for row in json.loads(french.stdout)] == [
        row["code"] for row in json.loads(_check({}, "--format", "json").stdout)
    ]


def test_an_unknown_message_language_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["check", str(DRAFT), "--message-lang", "de"])
    assert result.exit_code == 2
    assert "messages are in en, fr, zh" in result.stderr


def test_help_and_lookup_cards_in_the_interface_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERMKIT_LANG", "zh")
    help_text = CliRunner().invoke(cli, ["check", "--help"]).output
    assert "对照术语库检查文件" in help_text
    assert "只运行这些规则" in help_text
    card = CliRunner().invoke(cli, ["lookup", "OEWG"]).output
    assert "英语" in card and "法语" in card and "中文" in card
    monkeypatch.setenv("TERMKIT_LANG", "fr")
    assert "Vérifier des documents" in CliRunner().invoke(cli, ["check", "--help"]).output
    assert "anglais" in CliRunner().invoke(cli, ["lookup", "OEWG"]).output
    monkeypatch.setenv("TERMKIT_LANG", "en")  # and back: the English help is kept
    assert "Check documents against the termbase" in CliRunner().invoke(
        cli, ["check", "--help"]
    ).output


def test_the_library_speaks_english_unless_told() -> None:
    from termkit.check import check_text
    from termkit.termbase import load_termbase

    termbase = load_termbase()
    assert message_language() == "en"
    try:
        set_message_language("zh")
        (finding,) = check_text("各多边环境协议秘书处。", termbase, "zh")
        assert finding.message == "'多边环境协议' 是 MEA 的弃用术语；请使用 '多边环境协定'"
    finally:
        set_message_language(None)
    (finding,) = check_text("各多边环境协议秘书处。", termbase, "zh")
    assert finding.message == "'多边环境协议' is deprecated for MEA; use '多边环境协定'"


def test_the_readme_example_is_what_check_prints() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("$ LANG=zh_CN.UTF-8 termkit check examples/draft-zh.md --select TK101\n")[1]
    shown = block.split("```", 1)[0].splitlines()
    done = _check({"LANG": "zh_CN.UTF-8"}, "--select", "TK101", "-q")
    printed = [line.replace(str(ROOT) + "/", "") for line in done.stdout.splitlines()]
    assert printed == shown


def test_errors_are_shown_in_the_interface_language_and_stay_english_in_the_library(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from termkit.errors import InputError
    from termkit.text import read_document

    with pytest.raises(InputError) as caught:
        read_document(tmp_path / "missing.md")
    assert str(caught.value).endswith("missing.md: no such file")  # the library: English
    monkeypatch.setenv("TERMKIT_LANG", "zh")
    assert caught.value.localized().endswith("missing.md: 文件不存在")
    result = CliRunner().invoke(cli, ["check", str(tmp_path / "missing.md")])
    assert result.exit_code == 2
    assert result.stderr.strip().endswith("missing.md: 文件或文件夹不存在")
    bad = tmp_path / "bad.toml"
    bad.write_text('[termbase]\nname = "x"\nlanguages = ["en"]\n[concept.A.en]\nfulll = "a"\n',
                   encoding="utf-8")
    monkeypatch.setenv("TERMKIT_LANG", "fr")
    result = CliRunner().invoke(cli, ["validate", str(bad)])
    assert "clé inconnue 'fulll' dans [concept.A.en] (vouliez-vous dire 'full' ?)" in result.stdout
    assert "erreur(s)" in result.stderr
