"""The plain TOML reader gives what tomli gives, or None: never another document, never one
tomli refuses."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
import tomli
from hypothesis import given
from hypothesis import strategies as st

from termkit.termbase.plaintoml import read_plain_toml

REPO = Path(__file__).resolve().parent.parent


def same_as_tomli(text: str) -> bool:
    """Whether the plain reader agrees with tomli on ``text`` (None counts as agreeing)."""
    plain = read_plain_toml(text)
    if plain is None:
        return True
    # json.dumps: the order of keys (the concepts' order) must be the same too
    return json.dumps(plain) == json.dumps(tomli.loads(text))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n\n",
        "# a comment\n[termbase]\nname = \"x\"\n",
        '[termbase]\nlanguages = ["en", "fr", "zh"]\nacronyms-from = { zh = "en" }\n',
        '[concept.C1.en]\nfull = "open-ended working group"\nacronym = "OEWG"\n',
        "[concept.C1.fr]\nfull = 'a literal \"string\" with a \\ backslash'\n",
        '[concept.C1.fr]\nfull = "accord sur l\'environnement"  # trailing comment\n',
        '[concept.C1]\nwell-known = true\nreplace = false\nrelated = ["C2", \'C3\',]\n',
        '[concept.C1.en]\nfull = { term = "a = b", source = "UN, 2023", note = \'say "x"\' }\n',
        '[concept.C1.en]\nfull = {}\nadmitted = []\n',
        '[concept.C1.en]\r\nfull = "windows"\r\n',
        '\t[concept.C1.en]\n  full\t=\t"indented"\t\n',
        '[concept.C1.en]\nfull = "no newline at the end"',
        '[a.b.c]\nx = "1"\n[a.b]\ny = "2"\n[a]\nz = "3"\n',  # super-tables declared later
        '[concept.C1.zh]\nfull = "矿物和金属管理所涉环境问题全球政府间会议"\n',
    ],
)
def test_plain_documents_read_as_tomli_reads_them(text: str) -> None:
    assert read_plain_toml(text) is not None
    assert same_as_tomli(text)


@pytest.mark.parametrize(
    "text",
    [
        '[a]\nx = "1"\nx = "2"\n',  # a duplicate key
        '[a]\n[a]\n',  # a table declared twice
        '[a.b]\n[a]\nb = "1"\n',  # a key over a table
        '[a]\nb = "1"\n[a.b]\n',  # a table over a value
        '[a]\nb = { c = "1" }\n[a.b]\n',  # an inline table extended
        '[a]\nb = ["1"]\n[a.b]\n',  # an array opened as a table
        '[a]\nb = { c = "1", c = "2" }\n',  # a duplicate key in an inline table
        '[a]\nb = { c = "1", }\n',  # a trailing comma in an inline table
        '[a]\nb = "tab\\tescape"\n',  # an escape: left to tomli
        '[a]\nb.c = "dotted"\n',  # a dotted key: left to tomli
        '[a]\nb = 1\n',  # a number: left to tomli
        '[a]\nb = [\n  "x",\n]\n',  # an array over lines: left to tomli
        '[ a ]\n',  # spaces in a header: left to tomli
        '[[a]]\n',  # an array of tables
        '[a]\nb = "x"\r',  # a carriage return that ends no line
        '[a]\nb = "x\ry"\n',  # a carriage return inside a string
        '[a]\n# a comment with a \x01 control\n',
        '[a]\nb = "x" junk\n',
        '[a]\nb = """multi"""\n',
        '[a]\nb = "unterminated\n',
    ],
)
def test_anything_else_is_left_to_tomli(text: str) -> None:
    assert read_plain_toml(text) is None


@pytest.mark.parametrize(
    "text",
    [
        " " * 200_000 + "x\n",
        'a = ["x"' + " " * 200_000 + "y]\n",
        '[c]\nrelated = ["C1"' + " " * 200_000 + ", 1]\n",
        "a = " + "\t" * 200_000 + "1\n",
    ],
)
def test_a_long_run_of_whitespace_is_refused_at_once(text: str) -> None:
    # Whitespace on both sides of an optional part made such a line take quadratic time (1.6 s
    # for 8,000 spaces; this one would take minutes): it must have one way to match.
    assert read_plain_toml(text) is None


def test_the_shipped_termbase_is_left_to_tomli() -> None:
    """It has dotted keys and arrays over lines: tomli reads it (and the result is the same)."""
    for path in (REPO / "termbases").glob("*.toml"):
        assert same_as_tomli(path.read_text(encoding="utf-8"))


def test_a_generated_workload_termbase_reads_as_tomli_reads_it(
    benchmark_script: Callable[[str], ModuleType],
) -> None:
    make_workload = benchmark_script("make_workload")
    text = make_workload.termbase_toml(make_workload.generate_concepts(300, 7))
    assert read_plain_toml(text) is not None
    assert same_as_tomli(text)


# Lines of plain termbases and lines near them that are not plain, or not TOML at all.
LINES = [
    "",
    "# comment",
    "[termbase]",
    "[concept]",
    "[concept.C1]",
    "[concept.C1.en]",
    "[concept.C2.en]",
    "[concept.C1.en.x]",
    "[[concept]]",
    "[concept.C1",
    'full = "a term"',
    "full = 'l’accord'",
    'full = "say \\"x\\""',
    'full = "x"',
    'acronym = "ABC"',
    "acronym = true",
    'C1 = "x"',
    "en = 'x'",
    'en = { full = "x" }',
    'related = ["C1", "C2"]',
    'related = ["C1",]',
    'related = [ "C1" , "C2" , ]',
    "related = []",
    "related = [",
    '"C1",',
    "]",
    'full = { term = "x", note = "y" }',
    'full = { term = "x", term = "y" }',
    "full = {}",
    "full.term = 'x'",
    "full = 1",
    'full = "x" # note',
    'full = "x"#note',
    "  full = 'x'  ",
    'full = "x\ty"',
    "x = 'a\"b'",
    "full =",
    '= "x"',
    'full = "x" "y"',
    '[concept.C1.en] # c',
    "\t",
    "#\x7f",
    "a = 'x'\rb",
    " " * 50 + "x",
    'related = ["C1"' + " " * 50 + ', "C2"]',
]


@given(st.lists(st.sampled_from(LINES), max_size=12), st.sampled_from(["\n", "\r\n"]))
def test_any_mix_of_lines_reads_as_tomli_reads_it_or_not_at_all(
    lines: list[str], newline: str
) -> None:
    text = newline.join(lines)
    plain = read_plain_toml(text)
    if plain is not None:
        # tomli must accept it (a TOMLDecodeError here is a document the reader let through)
        assert json.dumps(plain) == json.dumps(tomli.loads(text))
