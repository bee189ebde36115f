"""Rule documentation lives with the rule (issue 12): each rule's docstring is its page, and
every example in it is run, so that the docs cannot say what the rule does not do."""

from __future__ import annotations

import pytest

from termkit.check import CheckSettings, check_text
from termkit.model import Termbase
from termkit.rules import all_rules
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
    findings = check_text(
        example.text,
        termbase,
        example.lang,
        settings=CheckSettings(select=(code,), lang=example.lang),
    )
    fired = [f.code for f in findings]
    if example.fires:
        assert code in fired, f"{code} does not fire on its example: {example.text!r}"
    else:
        assert fired == [], f"{code} fires on its 'does not fire' example: {example.text!r}"


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
