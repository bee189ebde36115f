"""``termkit add`` and ``termkit merge``: in-place edits that keep layout, refusals, conflicts."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from termkit.cli import cli
from termkit.editing import MergeConflictError, TermToAdd, add_terms, check_editable, merge_files
from termkit.errors import TermbaseError
from termkit.model import Status, TermType
from termkit.termbase import load_termbase, validate_paths

BASE = """\
# My terms: comments stay where they are.
[termbase]
name = "mine"
languages = ["en", "fr"]

# concept A
[concept.A]
domain = "x"

[concept.A.en]
full = "alpha"  # the usual form

# B comes next
[concept.B.en]
full = "beta"

[concept.A.fr]
full = "alphe"
"""


def write(path: Path, text: str, *, newline: str = "\n", bom: bool = False) -> Path:
    data = text.replace("\n", newline).encode("utf-8")
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def mine(tmp_path: Path) -> Path:
    return write(tmp_path / "mine.toml", BASE)


def add(path: Path, *args: str) -> Result:
    return run("add", "--termbase", str(path), "--config", str(path.parent / "none.toml"), *args)


@pytest.fixture(autouse=True)
def no_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "none.toml").write_text("default-termbase = false\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)


# --- add -------------------------------------------------------------------------------------

ADDS = [
    # args, the lines that must appear (in order, right after each other), unchanged elsewhere
    (
        ["A", "--lang", "en", "--acronym", "AL", "--source", "UN"],
        [
            'full = "alpha"  # the usual form',
            'acronym = { term = "AL", source = "UN" }',
            "",
            "# B comes next",
        ],
    ),
    (
        ["A", "--lang", "en", "--admitted", "alpha form"],
        ['full = "alpha"  # the usual form', 'admitted = "alpha form"'],
    ),
    (
        ["A", "--lang", "en", "--full", "alpha two", "--note", 'say "hi"'],
        [
            "full = [",
            '    "alpha",',
            '    { term = "alpha two", note = "say \\"hi\\"" },',
            "]  # the usual form",
        ],
    ),
    (
        ["B", "--lang", "fr", "--full", "bête"],
        ['full = "beta"', "", "[concept.B.fr]", 'full = "bête"', "", "[concept.A.fr]"],
    ),
    (
        ["C", "--lang", "fr", "--full", "gamma", "--acronym", "G"],
        ['full = "alphe"', "", "[concept.C.fr]", 'full = "gamma"', 'acronym = "G"'],
    ),
    (
        ["A", "--lang", "en", "--deprecated-acronym", "ALP", "--plural", "ALPs"],
        ['deprecated-acronym = { term = "ALP", plural = "ALPs" }'],
    ),
]


@pytest.mark.parametrize(("args", "lines"), ADDS)
def test_add_in_place(mine: Path, args: list[str], lines: list[str]) -> None:
    result = add(mine, *args)
    assert result.exit_code == 0, result.stderr
    text = mine.read_text(encoding="utf-8")
    got = text.split("\n")
    start = got.index(lines[0])
    assert got[start : start + len(lines)] == lines
    # Everything that was there is still there, in order.
    old = BASE.split("\n")
    it = iter(got)
    changed = {'full = "alpha"  # the usual form'} if "alpha two" in args else set()
    assert all(line in it for line in old if line not in changed)
    assert [d for d in validate_paths([mine]) if d.severity == "error"] == []
    assert "added" in result.stderr


def test_added_terms_load_with_their_details(mine: Path) -> None:
    assert (
        add(mine, "A", "--lang", "en", "--acronym", "AL", "--note", "n", "--source", "UN").exit_code
        == 0
    )
    termbase = load_termbase([mine], include_default=False)
    acronym = termbase["A"].preferred_term("en", TermType.ACRONYM)
    assert acronym is not None and (acronym.note, acronym.source) == ("n", "UN")
    assert termbase["A"].domain == "x"


REFUSALS = [
    (
        ["A", "--lang", "en", "--full", "alpha"],
        "already a term of concept 'A' (en, preferred full)",
    ),
    (["A", "--lang", "en", "--deprecated", "alpha"], "already a term of concept 'A'"),
    (["C", "--lang", "en", "--full", "beta"], "'beta' (en) is a term of both 'B' and 'C'"),
    (["A", "--lang", "de", "--full", "Alpha"], "language 'de' is not declared"),
    (["A", "--lang", "xx-nonsense", "--full", "a"], "unknown language tag"),
    (["A", "--lang", "en", "--full", " padded"], "leading, trailing or doubled spaces"),
    (["A", "--lang", "en"], "give a term"),
    (["A", "--lang", "en", "--full", "a1", "--acronym", "A1", "--plural", "x"], "one term"),
]


@pytest.mark.parametrize(("args", "message"), REFUSALS)
def test_add_refuses_and_leaves_the_file_untouched(
    mine: Path, args: list[str], message: str
) -> None:
    before = mine.read_bytes()
    result = add(mine, *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert mine.read_bytes() == before


def test_add_allows_homonym_acronyms(mine: Path) -> None:
    assert add(mine, "A", "--lang", "fr", "--acronym", "EMAPE").exit_code == 0
    assert add(mine, "B", "--lang", "fr", "--acronym", "EMAPE").exit_code == 0


@pytest.mark.parametrize(("newline", "bom"), [("\r\n", False), ("\n", True), ("\r\n", True)])
def test_add_keeps_line_endings_and_bom(tmp_path: Path, newline: str, bom: bool) -> None:
    path = write(tmp_path / "crlf.toml", BASE, newline=newline, bom=bom)
    assert add(path, "C", "--lang", "en", "--full", "gamma").exit_code == 0
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") == bom
    body = data.decode("utf-8-sig")
    assert body.count(newline) == body.count("\n")
    assert body.replace(newline, "\n").startswith(BASE)


def test_add_checks_clashes_with_the_termbases_loaded_alongside(tmp_path: Path) -> None:
    other = write(
        tmp_path / "other.toml", '[termbase]\nlanguages = ["en"]\n\n[concept.Z.en]\nfull = "zeta"\n'
    )
    mine = write(tmp_path / "x.toml", BASE)
    with pytest.raises(TermbaseError, match="'zeta' \\(en\\) is a term of both 'Z' and 'Q'"):
        add_terms(mine, "Q", "en", [TermToAdd("full", "zeta")], others=[other])
    assert mine.read_text(encoding="utf-8") == BASE


def test_add_uses_the_first_configured_termbase(tmp_path: Path, mine: Path) -> None:
    config = write(
        tmp_path / "termkit.toml", 'termbases = ["mine.toml"]\ndefault-termbase = false\n'
    )
    result = run("add", "--config", str(config), "D", "--lang", "en", "--full", "delta")
    assert result.exit_code == 0, result.stderr
    assert "[concept.D.en]" in mine.read_text(encoding="utf-8")
    none = write(tmp_path / "empty.toml", "default-termbase = false\n")
    result = run("add", "--config", str(none), "D", "--lang", "en", "--full", "delta")
    assert result.exit_code == 2 and "no termbase to edit" in result.stderr


def test_add_dry_run_prints_and_does_not_write(mine: Path) -> None:
    before = mine.read_bytes()
    result = add(mine, "--dry-run", "C", "--lang", "en", "--full", "gamma")
    assert result.exit_code == 0
    assert "[concept.C.en]" in result.stdout
    assert mine.read_bytes() == before


def test_the_shipped_termbase_inside_the_package_is_never_edited(tmp_path: Path) -> None:
    import termkit

    inside = Path(termkit.__file__).parent / "_termbases" / "gimm.toml"
    with pytest.raises(TermbaseError, match="shipped inside termkit"):
        check_editable(inside)
    check_editable(tmp_path / "mine.toml")  # anywhere else is fine


# --- layouts other than one table per language ------------------------------------------------

HEAD = '[termbase]\nname = "x"\nlanguages = ["en", "fr"]\n\n'

LAYOUTS = [
    (
        "a comment inside a multi-line array stays",
        '[concept.X.en]\nfull = "x thing"\nadmitted = [\n  "x stuff",   # from the 2023 glossary\n]\n',
        ["X", "--lang", "en", "--admitted", "x item"],
        '[concept.X.en]\nfull = "x thing"\nadmitted = [\n  "x stuff",   # from the 2023 glossary\n'
        '  "x item",\n]\n',
    ),
    (
        "a one-line array keeps its layout and comment",
        '[concept.X.en]\nfull = "x thing"\nadmitted = [ "a", \'b\' ]  # two\n',
        ["X", "--lang", "en", "--admitted", "c", "--note", "n"],
        '[concept.X.en]\nfull = "x thing"\nadmitted = [ "a", \'b\', { term = "c", note = "n" } ]'
        "  # two\n",
    ),
    (
        "an inline language table",
        '[concept.Y]\nen = { full = "why thing" }  # inline\n',
        ["Y", "--lang", "en", "--admitted", "why item"],
        '[concept.Y]\nen = { full = "why thing", admitted = "why item" }  # inline\n',
    ),
    (
        "a term key inside an inline language table",
        '[concept.Y]\nen = {full = "why thing"}\n',
        ["Y", "--lang", "en", "--full", "why two"],
        '[concept.Y]\nen = {full = ["why thing", "why two"]}\n',
    ),
    (
        "an inline concept",
        '[concept]\nW = { en = { full = "w" } }\n',
        ["W", "--lang", "fr", "--full", "double v"],
        '[concept]\nW = { en = { full = "w" }, fr.full = "double v" }\n',
    ),
    (
        "dotted keys under [concept]",
        '[concept]\nQ.en.full = "queue thing"\nQ.domain = "q"\n\n[concept.R.en]\nfull = "r"\n',
        ["Q", "--lang", "en", "--admitted", "queue item"],
        '[concept]\nQ.en.full = "queue thing"\nQ.en.admitted = "queue item"\nQ.domain = "q"\n\n'
        '[concept.R.en]\nfull = "r"\n',
    ),
    (
        "a new language of a concept written in dotted keys",
        '[concept]\nQ.en.full = "queue thing"\n\n[concept.R.en]\nfull = "r"\n',
        ["Q", "--lang", "fr", "--full", "queue"],
        '[concept]\nQ.en.full = "queue thing"\nQ.fr.full = "queue"\n\n[concept.R.en]\nfull = "r"\n',
    ),
    (
        "dotted language keys in the concept's table",
        '[concept.Z]\nen.full = "zed thing"\nfr.full = "zède"\n',
        ["Z", "--lang", "en", "--admitted", "zed item"],
        '[concept.Z]\nen.full = "zed thing"\nen.admitted = "zed item"\nfr.full = "zède"\n',
    ),
    (
        "dotted keys at the top level",
        'concept.T.en.full = "tee"\n\n' + HEAD.rstrip("\n") + "\n",
        ["T", "--lang", "en", "--acronym", "T"],
        'concept.T.en.full = "tee"\nconcept.T.en.acronym = "T"\n\n' + HEAD.rstrip("\n") + "\n",
    ),
]


@pytest.mark.parametrize(
    ("body", "args", "expected"),
    [case[1:] for case in LAYOUTS],
    ids=[case[0] for case in LAYOUTS],
)
def test_add_keeps_other_layouts(tmp_path: Path, body: str, args: list[str], expected: str) -> None:
    top = body.startswith("concept.")
    path = write(tmp_path / "layout.toml", body if top else HEAD + body)
    result = add(path, *args)
    assert result.exit_code == 0, result.stderr
    assert path.read_text(encoding="utf-8") == (expected if top else HEAD + expected)
    assert [d for d in validate_paths([path]) if d.severity == "error"] == []


def test_add_refuses_a_term_written_as_dotted_keys_clearly(tmp_path: Path) -> None:
    path = write(tmp_path / "d.toml", HEAD + '[concept.Q.en]\nfull = "q"\nacronym.term = "Q"\n')
    before = path.read_bytes()
    result = add(path, "Q", "--lang", "en", "--acronym", "QQ")
    assert result.exit_code == 2
    assert "acronym.term" in result.stderr and "by hand" in result.stderr
    assert "twice" not in result.stderr
    assert path.read_bytes() == before


# --- merge -----------------------------------------------------------------------------------

SECOND = """\
[termbase]
name = "theirs"
languages = ["en", "fr", "zh"]

# A, with another preferred English term
[concept.A.en]
full = "alpha prime"
admitted = "alpha form"

# D is new
[concept.D.en]
full = "delta"

[concept.D.zh]
full = "德尔塔"
"""


def test_merge_without_prefer_lists_conflicts(tmp_path: Path, mine: Path) -> None:
    theirs = write(tmp_path / "theirs.toml", SECOND)
    out = tmp_path / "out.toml"
    result = run("merge", str(mine), str(theirs), "-o", str(out))
    assert result.exit_code == 2
    assert (
        "conflict: concept 'A': preferred full (en): 'alpha' (first) vs 'alpha prime' (second)"
        in result.stderr
    )
    assert "--prefer" in result.stderr
    assert not out.exists()
    with pytest.raises(MergeConflictError) as caught:
        merge_files(mine, theirs)
    assert len(caught.value.conflicts) == 1


@pytest.mark.parametrize(("prefer", "preferred"), [("first", "alpha"), ("second", "alpha prime")])
def test_merge_with_prefer(tmp_path: Path, mine: Path, prefer: str, preferred: str) -> None:
    theirs = write(tmp_path / "theirs.toml", SECOND)
    out = tmp_path / "out.toml"
    result = run("merge", str(mine), str(theirs), "-o", str(out), "--prefer", prefer)
    assert result.exit_code == 0, result.stderr
    assert f"-> kept {prefer}" in result.stderr
    merged = load_termbase([out], include_default=False)
    a = merged["A"]
    assert [t.text for t in a.terms_in("en", TermType.FULL, Status.PREFERRED)] == [preferred]
    assert [t.text for t in a.terms_in("en", status=Status.ADMITTED)] == ["alpha form"]
    assert a.domain == "x" and a.preferred_term("fr") is not None
    assert merged.languages == ("en", "fr", "zh")
    text = out.read_text(encoding="utf-8")
    # The first file's comments survive, and D comes with the comment written above it.
    assert text.startswith("# My terms: comments stay where they are.")
    assert "# B comes next" in text and "# D is new\n[concept.D.en]" in text
    assert [d for d in validate_paths([out]) if d.severity == "error"] == []


def test_merge_without_conflicts_needs_no_prefer(tmp_path: Path, mine: Path) -> None:
    theirs = write(tmp_path / "theirs.toml", SECOND.replace('full = "alpha prime"\n', ""))
    result = merge_files(mine, theirs)
    assert result.conflicts == ()
    assert result.text.startswith(BASE.split("[concept.A]")[0].replace('"fr"]', '"fr", "zh"]'))
    assert "alpha form" in result.text


@pytest.mark.parametrize(
    ("second", "what"),
    [
        ('[concept.A]\ndomain = "y"\n', "domain: 'x' (first) vs 'y' (second)"),
        ('[concept.A.fr]\ndeprecated = "alphe"\n', "status of 'alphe' (fr)"),
    ],
)
def test_merge_conflicts_beyond_preferred_terms(
    tmp_path: Path, mine: Path, second: str, what: str
) -> None:
    theirs = write(tmp_path / "theirs.toml", '[termbase]\nlanguages = ["en", "fr"]\n\n' + second)
    with pytest.raises(MergeConflictError) as caught:
        merge_files(mine, theirs)
    assert what in str(caught.value.conflicts[0])


def test_merge_refuses_a_result_that_would_not_validate(tmp_path: Path, mine: Path) -> None:
    theirs = write(
        tmp_path / "theirs.toml",
        '[termbase]\nlanguages = ["en"]\n\n[concept.E.en]\nfull = "beta"\n',
    )
    result = run("merge", str(mine), str(theirs), "-o", str(tmp_path / "o.toml"))
    assert result.exit_code == 2
    assert "is a term of both 'B' and 'E'" in result.stderr
