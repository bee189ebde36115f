"""Rule documentation lives with the rule (issue 12): each rule's docstring is its page, and
every example in it is run, so that the docs cannot say what the rule does not do."""

from __future__ import annotations

from pathlib import Path

import pytest

from termkit.bilingual.check import check_pair
from termkit.check import CheckSettings, check_text
from termkit.model import Termbase
from termkit.rules import RULES, all_rules
from termkit.rules.docs import SECTIONS, Example, RuleDocError, parse_rule_doc
from termkit.termbase import load_termbase

EXAMPLES = [
    pytest.param(r.code, example, id=f"{r.code}-{'fires' if example.fires else 'quiet'}-{i}")
    for r in all_rules()
    for i, example in enumerate(r.doc.examples)
]


@pytest.fixture(scope="module")
def termbase() -> Termbase:
    return load_termbase()


@pytest.mark.parametrize(("code", "example"), EXAMPLES)
def test_every_docstring_example_does_what_it_says(
    termbase: Termbase, code: str, example: Example
) -> None:
    registered = RULES[code]
    # A rule that judges the others' findings (TK001) runs with the default rules.
    others = tuple(r.code for r in all_rules() if r.default) if registered.after else ()
    if registered.bilingual:
        # a translation rule's example: "en-zh", the source line, then its translation
        source_lang, target_lang = example.lang.split("-")
        source, target = example.text.rstrip("\n").split("\n")
        findings = check_pair(
            source, target, termbase, source_lang=source_lang, target_lang=target_lang,
            settings=CheckSettings(select=(code,)),
        )
        fired = [f.code for f in findings]
        assert (code in fired) is example.fires, (code, example.text, fired)
        return
    findings = check_text(
        example.text,
        termbase,
        example.lang,
        settings=CheckSettings(select=(code, *others), lang=example.lang),
    )
    fired = [f.code for f in findings]
    if example.fires:
        assert code in fired, f"{code} does not fire on its example: {example.text!r}"
    else:
        assert code not in fired, f"{code} fires on its 'does not fire' example: {example.text!r}"
        assert registered.after or fired == []


@pytest.mark.parametrize("registered", all_rules(), ids=lambda r: r.code)
def test_every_rule_has_a_page_with_examples_both_ways(registered: object) -> None:
    from termkit.rules import Rule

    assert isinstance(registered, Rule)
    assert tuple(title for title, _ in registered.doc.sections) == SECTIONS
    assert all(body for _, body in registered.doc.sections)
    assert {e.fires for e in registered.doc.examples} == {True, False}
    assert registered.markdown.startswith(f"# {registered.code} {registered.name}\n")
    assert registered.description in registered.markdown


def test_the_documentation_is_read_once() -> None:
    (first, *_) = all_rules()
    assert first.doc is first.doc


PAGE = """\
## What it finds

X.

## Why it matters

Y.

## Example

```en
UNEP met.
```

## Does not fire

```fr
Le PNUE.
```

```zh
联合国环境规划署（UNEP）
```

## Fix

None.
"""


def test_parse_a_page() -> None:
    doc = parse_rule_doc(PAGE)
    assert doc.what == "X."
    assert [(e.lang, e.text, e.fires) for e in doc.examples] == [
        ("en", "UNEP met.\n", True),
        ("fr", "Le PNUE.\n", False),
        ("zh", "联合国环境规划署（UNEP）\n", False),
    ]
    assert doc.markdown == PAGE.rstrip("\n")


@pytest.mark.parametrize(
    "docstring",
    [
        "",
        "A rule.\n\n" + PAGE,  # text before the first section
        PAGE.replace("## Why it matters", "## Why"),
        PAGE.replace("```en", "```"),  # an example without its language
        PAGE.replace("```en\nUNEP met.\n```", "UNEP met."),  # no fenced example
    ],
    ids=["empty", "preamble", "unknown-section", "no-language", "no-example"],
)
def test_a_malformed_page_is_an_error(docstring: str) -> None:
    with pytest.raises(RuleDocError):
        parse_rule_doc(docstring)


def test_the_generated_rule_docs_are_up_to_date() -> None:
    from termkit.render.rules import GENERATE_COMMAND, ROOT, generated_files

    stale = [
        path.relative_to(ROOT).as_posix()
        for path, text in generated_files(all_rules()).items()
        if not path.is_file() or path.read_text(encoding="utf-8") != text
    ]
    assert stale == [], f"{', '.join(stale)} stale: run {GENERATE_COMMAND}"


def test_every_rule_has_its_anchor_in_the_reference() -> None:
    from termkit.render.rules import ROOT

    reference = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for registered in all_rules():
        anchor = registered.code.lower()
        assert f'<a id="{anchor}"></a>\n\n## {registered.code} {registered.name}\n' in reference
        assert f"| [{registered.code}](docs/rules.md#{anchor}) | {registered.name} |" in readme


def test_the_generator_says_what_is_stale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    from termkit.render import rules as render_rules

    (tmp_path / "docs").mkdir()
    (tmp_path / "README.md").write_text(
        "# x\n\n<!-- rules: begin -->\nold\n<!-- rules: end -->\n\nafter\n", encoding="utf-8"
    )
    monkeypatch.setattr(render_rules, "ROOT", tmp_path)
    assert render_rules.main([]) == 1
    assert "README.md" in capsys.readouterr().err
    assert render_rules.main(["--write"]) == 0
    assert render_rules.main([]) == 0
    readme = (tmp_path / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# x\n\n<!-- rules: begin -->\n") and readme.endswith("end -->\n\nafter\n")
    assert "| [TK205](docs/rules.md#tk205)" in readme
    assert (tmp_path / "docs" / "rules.md").read_text(encoding="utf-8").startswith("# The rules")
