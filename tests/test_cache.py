"""The compiled termbase cache: content-keyed, atomic, and harmless when damaged or switched off."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import termkit.termbase as termbase_module
from termkit.errors import TermbaseError
from termkit.matcher import TermMatcher
from termkit.model import Termbase
from termkit.termbase import cache, load_termbase

TOML = """
[termbase]
name = "cache tests"
languages = ["en", "zh"]
acronyms-from = {{ zh = "en" }}

[concept.UNEP]
domain = "UN bodies"
definition.en = "The UN's environmental authority."
related = ["UNEA"]

[concept.UNEP.en]
full = {{ term = "United Nations Environment Programme", source = "UN", note = "{note}" }}
acronym = "UNEP"

[concept.UNEP.zh]
full = "联合国环境规划署"
deprecated = "联合国环境署"
note = "机构名称"

[concept.UNEA]
well-known = true

[concept.UNEA.en]
full = "United Nations Environment Assembly"
acronym = {{ term = "UNEA", plural = "UNEAs" }}

[concept.UNEA.zh]
full = "联合国环境大会"
"""


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_DIR_ENV, str(folder))
    monkeypatch.delenv(cache.NO_CACHE_ENV, raising=False)
    return folder


@pytest.fixture
def toml_file(tmp_path: Path) -> Path:
    path = tmp_path / "terms.toml"
    path.write_text(TOML.format(note="aaaa"), encoding="utf-8")
    return path


def load(path: Path) -> Termbase:
    return load_termbase([path], include_default=False)


PARTS = ("exact", "folded")  # the word list is built when the hyphen index needs it


def entries(folder: Path) -> list[str]:
    return sorted(p.name.split(".", 1)[1] for p in folder.glob("*.tkc"))


def forbid_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def parse(*args: object) -> None:
        raise AssertionError("the TOML was parsed: the cache was not used")

    monkeypatch.setattr(termbase_module, "read_termbase_file", parse)


def test_a_hit_returns_an_equal_termbase_without_parsing(
    cache_dir: Path, toml_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    uncached = load_termbase([toml_file], include_default=False, cache=False)
    first = load(toml_file)
    assert entries(cache_dir) == ["termbase.tkc"]
    forbid_parsing(monkeypatch)
    second = load(toml_file)
    assert isinstance(second.concepts, cache.CachedConcepts)
    assert repr(second.concepts) == "CachedConcepts(2 concepts, 0 decoded)"
    assert second == uncached == first
    assert list(second.concepts) == ["UNEP", "UNEA"]
    assert second["UNEP"].terms == uncached["UNEP"].terms
    assert second["UNEA"].well_known is True
    assert second["UNEP"].language_notes["zh"] == "机构名称"
    assert second.acronyms_from == {"zh": "en"}
    assert second.sources == (str(toml_file),)
    assert "UNEA" in second.concepts and "nope" not in second.concepts
    with pytest.raises(KeyError):
        second["nope"]


def test_same_size_and_mtime_but_new_content_invalidates(cache_dir: Path, toml_file: Path) -> None:
    assert load(toml_file)["UNEP"].terms[0].note == "aaaa"
    stat = toml_file.stat()
    toml_file.write_text(TOML.format(note="bbbb"), encoding="utf-8")
    os.utime(toml_file, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert toml_file.stat().st_size == stat.st_size
    assert toml_file.stat().st_mtime_ns == stat.st_mtime_ns
    assert load(toml_file)["UNEP"].terms[0].note == "bbbb"


def test_the_key_covers_paths_flags_and_content(toml_file: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.toml"
    copy.write_bytes(toml_file.read_bytes())
    key = cache.termbase_key([toml_file], False)
    assert key == cache.termbase_key([toml_file], False)
    assert key != cache.termbase_key([toml_file], True)
    assert key != cache.termbase_key([copy], False)  # sources name the path
    assert key != cache.termbase_key([toml_file, copy], False)
    assert cache.termbase_key([tmp_path / "missing.toml"], False) is None


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # truncated
        lambda data: data[:10],  # shorter than the header
        lambda data: b"",
        lambda data: data[:-1] + bytes([data[-1] ^ 0xFF]),  # one flipped byte
        lambda data: b"garbage" * 100,
        lambda data: data + b"trailing",
    ],
    ids=["truncated", "header-only", "empty", "bit-flip", "garbage", "trailing"],
)
def test_a_damaged_entry_is_ignored_and_replaced(
    cache_dir: Path, toml_file: Path, damage: object
) -> None:
    expected = load(toml_file)
    (entry,) = cache_dir.glob("*.termbase.tkc")
    assert callable(damage)
    entry.write_bytes(damage(entry.read_bytes()))
    assert load(toml_file) == expected
    assert cache.read_entry(entry.name.split(".")[0], "termbase") is not None


def test_a_payload_of_another_format_is_rebuilt(cache_dir: Path, toml_file: Path) -> None:
    expected = load(toml_file)
    key = cache.termbase_key([toml_file], False)
    assert key is not None
    cache.write_entry(key, "termbase", b"\x00not marshal")
    assert load(toml_file) == expected
    import marshal

    cache.write_entry(key, "termbase", marshal.dumps((99, "old", (), {}, (), (), b"", b"")))
    assert load(toml_file) == expected


@pytest.mark.parametrize("value", ["1", "yes", "true"])
def test_no_cache_switches_it_off(
    cache_dir: Path, toml_file: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv(cache.NO_CACHE_ENV, value)
    termbase = load(toml_file)
    assert not isinstance(termbase.concepts, cache.CachedConcepts)
    assert not cache_dir.exists()
    TermMatcher.compile(termbase).find("UNEP", "en")
    assert not cache_dir.exists()


def test_cache_false_switches_it_off(cache_dir: Path, toml_file: Path) -> None:
    load_termbase([toml_file], include_default=False, cache=False)
    assert not cache_dir.exists()


def test_an_invalid_termbase_is_not_cached(cache_dir: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[termbase]\nlanguages = ["en"]\n[concept.X.en]\nfull = " padded"\n', "utf-8")
    for _ in range(2):
        with pytest.raises(TermbaseError):
            load(bad)
    assert not list(cache_dir.glob("*.tkc"))


def test_an_unwritable_cache_is_not_an_error(
    tmp_path: Path, toml_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(cache.CACHE_DIR_ENV, str(blocker / "cache"))
    assert load(toml_file)["UNEA"].label == "UNEA"


def test_a_failed_write_leaves_no_file(
    cache_dir: Path, toml_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(src: str, dst: str) -> None:
        raise PermissionError("busy")

    monkeypatch.setattr(os, "replace", refuse)
    load(toml_file)
    assert list(cache_dir.iterdir()) == []


def test_concurrent_loads_agree(cache_dir: Path, toml_file: Path) -> None:
    results: list[Termbase] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            for _ in range(5):
                results.append(load(toml_file))
        except BaseException as exc:  # pragma: no cover - the assertion below reports it
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(results) == 20
    assert all(r == results[0] for r in results)
    assert not list(cache_dir.glob(".tmp-*"))


def test_concurrent_processes_never_see_half_a_file(cache_dir: Path, toml_file: Path) -> None:
    script = (
        "import sys\n"
        "from termkit.termbase import load_termbase\n"
        "for _ in range(3):\n"
        "    t = load_termbase([sys.argv[1]], include_default=False)\n"
        "    assert t['UNEP'].preferred_term('zh').text == '联合国环境规划署'\n"
    )
    env = {**os.environ, cache.CACHE_DIR_ENV: str(cache_dir)}
    procs = [
        subprocess.Popen([sys.executable, "-c", script, str(toml_file)], env=env) for _ in range(4)
    ]
    assert [p.wait(timeout=120) for p in procs] == [0, 0, 0, 0]


def _modules_after(script: str, cache_dir: Path, toml_file: Path) -> str:
    """Which of babel, rich and click ``script`` (run with the termbase loaded as ``t``, from
    the cache) has imported, as printed by a fresh interpreter."""
    load(toml_file)
    program = (
        "import sys\n"
        "from termkit.termbase import load_termbase\n"
        "t = load_termbase([sys.argv[1]], include_default=False)\n"
        f"{script}\n"
        "print(sorted(m for m in ('babel', 'rich', 'click') if m in sys.modules))\n"
    )
    env = {**os.environ, cache.CACHE_DIR_ENV: str(cache_dir)}
    out = subprocess.run(
        [sys.executable, "-c", program, str(toml_file)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip()


def test_a_hit_imports_no_babel(cache_dir: Path, toml_file: Path) -> None:
    script = (
        "assert type(t.concepts).__name__ == 'CachedConcepts'\n"
        "assert t['UNEP'].label == 'UNEP'"
    )
    assert _modules_after(script, cache_dir, toml_file) == "[]"


def test_a_warm_check_imports_no_babel(cache_dir: Path, toml_file: Path) -> None:
    """Babel (6 ms to import) normalises tags the user writes; a tag the termbase has as it is
    (``en``, the default) needs no normalising, in every pre-commit run."""
    script = (
        "from termkit.check import check_text\n"
        "assert check_text('UNEP met.', t, lang='en')\n"
        "assert check_text('UNEP met.', t)"
    )
    assert _modules_after(script, cache_dir, toml_file) == "[]"


def test_old_termbases_are_pruned(cache_dir: Path, tmp_path: Path) -> None:
    for i in range(cache.KEEP_TERMBASES + 3):
        path = tmp_path / f"t{i}.toml"
        path.write_text(TOML.format(note=f"n{i}"), encoding="utf-8")
        load(path)
    keys = {p.name.split(".")[0] for p in cache_dir.glob("*.tkc")}
    assert len(keys) == cache.KEEP_TERMBASES
    assert cache.termbase_key([path], False) in keys


def test_stale_temporary_files_are_removed(cache_dir: Path, toml_file: Path) -> None:
    cache_dir.mkdir()
    stale = cache_dir / ".tmp-dead.tkc"
    stale.write_bytes(b"half")
    os.utime(stale, (1_000_000, 1_000_000))
    fresh = cache_dir / ".tmp-writing.tkc"
    fresh.write_bytes(b"half")
    load(toml_file)
    assert not stale.exists()
    assert fresh.exists()  # another process may be writing it right now


@pytest.mark.parametrize(
    ("platform", "env", "expected"),
    [
        ("linux", {"XDG_CACHE_HOME": "/xdg"}, "/xdg/termkit"),
        ("linux", {"XDG_CACHE_HOME": "relative/ignored"}, "{home}/.cache/termkit"),
        ("linux", {}, "{home}/.cache/termkit"),
        ("darwin", {}, "{home}/Library/Caches/termkit"),
        (
            "win32",
            {"LOCALAPPDATA": "C:/Users/me/AppData/Local"},
            "C:/Users/me/AppData/Local/termkit/Cache",
        ),
        ("linux", {"TERMKIT_CACHE_DIR": "/custom", "XDG_CACHE_HOME": "/xdg"}, "/custom"),
    ],
)
def test_cache_directory(
    monkeypatch: pytest.MonkeyPatch, platform: str, env: dict[str, str], expected: str
) -> None:
    for name in ("XDG_CACHE_HOME", "LOCALAPPDATA", cache.CACHE_DIR_ENV, cache.NO_CACHE_ENV):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(sys, "platform", platform)
    assert cache.cache_directory() == Path(expected.format(home=Path.home()))


def test_no_home_folder_means_no_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A container's user without a home folder: no cache, not an internal error."""
    for name in ("XDG_CACHE_HOME", cache.CACHE_DIR_ENV, cache.NO_CACHE_ENV):
        monkeypatch.delenv(name, raising=False)

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert cache.cache_directory() is None
    draft = tmp_path / "draft.txt"
    draft.write_text("The UNEP met.\n", encoding="utf-8")
    from click.testing import CliRunner

    from termkit.cli import cli

    result = CliRunner().invoke(cli, ["check", str(draft)])
    assert result.exit_code in (0, 1) and "internal error" not in result.output


def test_no_cache_values(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.CACHE_DIR_ENV, "/somewhere")
    for value, disabled in [("1", True), ("yes", True), ("0", False), ("", False), ("no", False)]:
        monkeypatch.setenv(cache.NO_CACHE_ENV, value)
        assert (cache.cache_directory() is None) is disabled


# --- the matcher's automata live in the cache too --------------------------------------------


def test_matcher_tables_are_cached_and_reused(
    cache_dir: Path, toml_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import termkit.matcher as matcher_module

    text = "联合国环境署（UNEP）与 UNEAs"
    fresh = TermMatcher.compile(load(toml_file)).find(text, "zh")
    engine = matcher_module._engine_kind("")
    assert entries(cache_dir) == [
        *(f"matcher-{lang}-{part}{engine}.tkc" for lang in ("en", "zh") for part in PARTS),
        "termbase.tkc",
    ]

    def compile_again(*args: object) -> None:
        raise AssertionError("compiled again instead of loading from the cache")

    monkeypatch.setattr(matcher_module, "_compile_part", compile_again)
    cached = TermMatcher.compile(load(toml_file)).find(text, "zh")
    assert cached == fresh
    assert [(m.text, m.concept_ids, m.plural) for m in cached] == [
        ("联合国环境署", ("UNEP",), False),
        ("UNEP", ("UNEP",), False),
        ("UNEAs", ("UNEA",), True),
    ]


def test_a_damaged_matcher_entry_is_compiled_again(cache_dir: Path, toml_file: Path) -> None:
    expected = TermMatcher.compile(load(toml_file)).find("UNEP and UNEA", "en")
    (entry,) = cache_dir.glob("*.matcher-en-folded@*.tkc")
    data = entry.read_bytes()
    entry.write_bytes(data[: len(data) - 7])
    assert TermMatcher.compile(load(toml_file)).find("UNEP and UNEA", "en") == expected
    assert entry.read_bytes() == data  # rewritten whole


def test_a_termbase_not_from_the_cache_compiles_without_it(
    cache_dir: Path, toml_file: Path
) -> None:
    termbase = load_termbase([toml_file], include_default=False, cache=False)
    assert cache.cache_key_of(termbase) is None
    assert [m.text for m in TermMatcher.compile(termbase).find("UNEP", "en")] == ["UNEP"]
    assert not cache_dir.exists()


def test_decoded_terms_are_ordinary_terms() -> None:
    from termkit.model import Status, Term, TermType
    from termkit.termbase.cache import decode_term, encode_term

    term = Term("EMAPE", "fr", TermType.ACRONYM, Status.ADMITTED, "ASM", "homonym", "UN", None, None)
    decoded = decode_term(encode_term(term))
    assert decoded == term and hash(decoded) == hash(term) and repr(decoded) == repr(term)
    assert decoded.is_acronym and decoded.status is Status.ADMITTED
    import dataclasses

    assert dataclasses.replace(decoded, lang="zh", borrowed_from="fr").lang == "zh"


def test_foreign_acronyms_load_only_the_lenders_exact_table(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """English text needs the French acronyms (TK205), not the 12 MB of French full forms."""
    from termkit.check import check_text

    TermMatcher.compile(load_termbase())  # every part of every language into the cache
    kinds: list[str] = []
    read_entry = cache.read_entry

    def recording(key: str, kind: str) -> memoryview | None:
        kinds.append(kind)
        return read_entry(key, kind)

    monkeypatch.setattr("termkit.matcher.read_entry", recording)  # where the matcher calls it
    findings = check_text("Artisanal gold mining (EMAPE) again.", load_termbase(), lang="en")
    assert "TK205" in {f.code for f in findings}
    parts = {kind.partition("@")[0] for kind in kinds}
    assert "matcher-fr-exact" in parts and "matcher-en-folded" in parts
    assert "matcher-fr-folded" not in parts


def test_two_installs_sharing_the_cache_keep_their_own_automata(
    cache_dir: Path, toml_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The user's termkit and pre-commit's have different daachorse builds: each must find its
    own automata on every run instead of compiling them again after the other ran."""
    import termkit.matcher as matcher_module

    def run_as(install: str) -> None:
        monkeypatch.setattr(matcher_module, "_engine_tag", lambda: f"daachorse-{install}")
        assert [m.text for m in TermMatcher.compile(load(toml_file)).find("UNEP", "en")] == ["UNEP"]

    run_as("pipx")
    run_as("pre-commit")

    def compile_again(*args: object) -> None:
        raise AssertionError("compiled again instead of loading from the cache")

    monkeypatch.setattr(matcher_module, "_compile_part", compile_again)
    run_as("pipx")
    run_as("pre-commit")


def test_a_cold_run_builds_only_the_automata_it_uses(cache_dir: Path) -> None:
    """An English text needs the French acronyms, not the French full forms: a cold run must not
    pay for building them (seconds and ~100 MB for a large termbase)."""
    from termkit.check import check_text

    findings = check_text("Artisanal gold mining (EMAPE) again.", load_termbase(), lang="en")
    assert "TK205" in {f.code for f in findings}
    built = {name.partition("@")[0] for name in entries(cache_dir) if name.startswith("matcher-")}
    assert {"matcher-en-exact", "matcher-en-folded", "matcher-fr-exact"} <= built
    assert "matcher-fr-folded" not in built


def test_a_termbase_just_parsed_is_served_as_the_cache_serves_it(
    cache_dir: Path, toml_file: Path
) -> None:
    """Concepts decoded on demand from the stored entry, not the parsed objects kept whole."""
    termbase = load(toml_file)
    assert isinstance(termbase.concepts, cache.CachedConcepts)
    assert repr(termbase.concepts) == "CachedConcepts(2 concepts, 0 decoded)"
    assert termbase.concepts["UNEP"].preferred_term("zh") is not None
    assert repr(termbase.concepts) == "CachedConcepts(2 concepts, 1 decoded)"


def _mapped_paths() -> set[str]:
    maps = Path("/proc/self/maps")
    if not maps.exists():
        pytest.skip("needs /proc/self/maps (Linux)")
    return {line.split(None, 5)[-1].strip() for line in maps.read_text().splitlines()}


def test_the_termbase_file_is_read_not_mapped(
    toml_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An editor truncating a mapped file kills the reader with SIGBUS: the user's files are
    read. (Cache entries may be mapped: they are only ever replaced by a rename.)"""
    mapped_while_hashed: list[bool] = []
    sha256 = hashlib.sha256

    class Watching:
        def __init__(self) -> None:
            self._digest = sha256()

        def update(self, data: bytes) -> None:
            mapped_while_hashed.append(str(toml_file) in _mapped_paths())
            self._digest.update(data)

        def hexdigest(self) -> str:
            return self._digest.hexdigest()

    monkeypatch.setattr(hashlib, "sha256", Watching)
    assert cache.termbase_key([toml_file], False)
    assert mapped_while_hashed and not any(mapped_while_hashed)


def test_an_undecodable_entry_is_unmapped_before_it_is_replaced(
    cache_dir: Path, toml_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows refuses to replace a mapped file: the damaged entry must be let go first."""
    key = cache.termbase_key([toml_file], False)
    assert key is not None
    cache.write_entry(key, "termbase", b"not marshal data", cache_dir)  # checksum fine, content not
    (entry,) = cache_dir.glob("*.termbase.tkc")
    mapped_at_replace: list[bool] = []
    replace = os.replace

    def watching_replace(source: str, target: str) -> None:
        mapped_at_replace.append(str(entry) in _mapped_paths())
        replace(source, target)

    monkeypatch.setattr(os, "replace", watching_replace)
    assert load(toml_file)["UNEP"].label == "UNEP"
    assert mapped_at_replace == [False]


def test_only_the_latest_builds_keep_their_automata(
    cache_dir: Path, toml_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each reinstall of termkit brings a daachorse build of its own: the automata of older
    builds go, those of the two most recent stay (the user's install and pre-commit's)."""
    import termkit.matcher as matcher_module

    tags = []
    for step, install in enumerate(("first", "second", "third")):
        monkeypatch.setattr(matcher_module, "_engine_tag", lambda install=install: install)
        TermMatcher.compile(load(toml_file)).find("UNEP", "en")
        tag = matcher_module._engine_kind("")
        tags.append(tag)
        for entry in cache_dir.glob(f"*{tag}.tkc"):  # in order, even on a coarse clock
            os.utime(entry, (1000.0 * (step + 1), 1000.0 * (step + 1)))
    names = entries(cache_dir)
    assert "termbase.tkc" in names
    assert not [name for name in names if tags[0] in name]
    assert [name for name in names if tags[1] in name] and [n for n in names if tags[2] in n]


# --- entries that pass their checksum yet are not what they say --------------------------------

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _example_findings() -> list[tuple[str, int, int, str]]:
    from termkit import check_paths

    report = check_paths([EXAMPLES], load_termbase())
    return [(f.path, f.line, f.column, f.code) for f in report.findings]


def _entry_named(folder: Path, kind: str) -> Path:
    (entry,) = folder.glob(f"*.{kind}*.tkc")
    return entry


def test_entries_swapped_under_one_key_are_not_used(cache_dir: Path) -> None:
    """Two whole entries swapped (matcher-en-exact and matcher-fr-exact) each pass a checksum:
    served, the French acronyms were the English ones, and four TK205 went missing on the
    shipped drafts, on every run. The header names the entry's key, kind and format."""
    clean = _example_findings()
    assert sum(code == "TK205" for *_, code in clean) >= 1
    english = _entry_named(cache_dir, "matcher-en-exact")
    french = _entry_named(cache_dir, "matcher-fr-exact")
    english_data, french_data = english.read_bytes(), french.read_bytes()
    english.write_bytes(french_data)
    french.write_bytes(english_data)
    assert _example_findings() == clean
    # rebuilt: each file holds its own kind again (the bytes of a rebuilt entry may differ from
    # the cold run's, as marshal writes shared objects by reference)
    assert b" matcher-en-exact@" in english.read_bytes()[:200]
    assert b" matcher-fr-exact@" in french.read_bytes()[:200]
    assert english.read_bytes() != french_data


def test_an_entry_of_another_key_is_not_used(
    cache_dir: Path, toml_file: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other.toml"
    other.write_text(TOML.format(note="other"), encoding="utf-8")
    load(toml_file)
    load(other)
    mine = cache_dir / f"{cache.termbase_key([toml_file], False)}.termbase.tkc"
    theirs = cache_dir / f"{cache.termbase_key([other], False)}.termbase.tkc"
    mine.write_bytes(theirs.read_bytes())
    assert load(toml_file)["UNEP"].terms[0].note == "aaaa"


def _damage(key: str, kind: str, old: bytes, new: bytes, directory: Path) -> None:
    """Change an entry's payload and write it back with a header and checksum that fit it:
    damage that no checksum can see."""
    payload = cache.read_entry(key, kind, directory)
    assert payload is not None
    data = bytes(payload)
    del payload
    assert old in data
    cache.write_entry(key, kind, data.replace(old, new), directory)


def _payload(key: str, kind: str) -> bytes:
    payload = cache.read_entry(key, kind)
    assert payload is not None
    return bytes(payload)


def test_a_concept_that_does_not_decode_is_built_again(
    cache_dir: Path, toml_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = load_termbase([toml_file], include_default=False, cache=False)
    load(toml_file)
    key = cache.termbase_key([toml_file], False)
    assert key is not None
    _damage(key, "termbase", b"deprecated", b"deprecatxd", cache_dir)
    termbase = load(toml_file)  # served: the damage shows only when UNEP is decoded
    assert isinstance(termbase.concepts, cache.CachedConcepts)
    assert termbase["UNEP"] == expected["UNEP"]
    assert termbase == expected
    assert b"deprecatxd" not in _payload(key, "termbase")  # replaced
    forbid_parsing(monkeypatch)
    assert load(toml_file) == expected


def test_a_concept_that_does_not_decode_in_a_compile_is_built_again(
    cache_dir: Path, toml_file: Path
) -> None:
    text = "联合国环境署（UNEP）与 UNEAs"
    expected = TermMatcher.compile(load(toml_file)).find(text, "zh")
    key = cache.termbase_key([toml_file], False)
    assert key is not None
    for entry in cache_dir.glob("*.matcher-*.tkc"):
        entry.unlink()
    _damage(key, "termbase", b"deprecated", b"deprecatxd", cache_dir)
    assert TermMatcher.compile(load(toml_file)).find(text, "zh") == expected


def test_damage_the_checksum_cannot_see_is_built_again_on_the_shipped_drafts(
    cache_dir: Path,
) -> None:
    """Flipped bits and a CRC made again: every later run crashed with KeyError: 'admitved' in
    decode_term, and the entry was never rebuilt."""
    clean = _example_findings()
    key = cache.cache_key_of(load_termbase())
    assert key is not None
    _damage(key, "termbase", b"admitted", b"admitved", cache_dir)
    assert _example_findings() == clean
    assert b"admitved" not in _payload(key, "termbase")
    assert _example_findings() == clean


def test_matcher_terms_that_do_not_decode_are_compiled_again(cache_dir: Path) -> None:
    clean = _example_findings()
    key = cache.cache_key_of(load_termbase())
    assert key is not None
    entry = _entry_named(cache_dir, "matcher-en-exact")
    kind = entry.name[len(key) + 1 : -len(".tkc")]
    _damage(key, kind, b"preferred", b"preferrxd", cache_dir)
    assert _example_findings() == clean
    assert b"preferrxd" not in _payload(key, kind)  # removed, then stored afresh
    assert _example_findings() == clean


def test_a_failure_with_fresh_tables_is_raised(
    toml_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only tables from the cache are suspected, and only once: a bug is not hidden."""
    import termkit.matcher as matcher_module

    calls: list[bytes] = []

    def broken(self: object, data: bytes) -> None:
        calls.append(data)
        raise RuntimeError("a bug")

    monkeypatch.setattr(matcher_module._PatternSet, "scan", broken)
    termbase = load_termbase([toml_file], include_default=False, cache=False)
    with pytest.raises(RuntimeError, match="a bug"):
        TermMatcher.compile(termbase).find("UNEP", "en")
    assert len(calls) == 1



# --- a plain termbase (read without tomli) and automata built part by part ---------------------

PLAIN = TOML.replace("definition.en = ", "definition = ")


def test_a_plain_termbase_caches_and_invalidates_as_any_other(
    cache_dir: Path, tmp_path: Path
) -> None:
    from termkit.check import check_text
    from termkit.termbase.plaintoml import read_plain_toml

    path = tmp_path / "plain.toml"
    path.write_text(PLAIN.format(note="aaaa"), encoding="utf-8")
    assert read_plain_toml(path.read_text(encoding="utf-8")) is not None  # the fast reader's
    text = "The United Nations Environment Programme (UNEP) and 联合国环境署, UNEAs."
    uncached = check_text(text, load_termbase([path], include_default=False, cache=False))
    cold = check_text(text, load(path))
    warm = check_text(text, load(path))
    assert cold == warm == uncached and cold
    assert load(path)["UNEP"].definitions == {"en": "The UN's environmental authority."}
    stat = path.stat()
    path.write_text(PLAIN.format(note="bbbb"), encoding="utf-8")  # same size and mtime
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert load(path)["UNEP"].terms[0].note == "bbbb"


def test_an_exact_table_built_alone_is_the_one_built_with_the_folded(cache_dir: Path) -> None:
    """Another language's acronyms (TK205) build its exact automaton alone, without sorting its
    full forms: the same automaton, flags and terms as when both are built together."""
    from termkit.matcher import _PatternSet

    def parts(matcher: TermMatcher) -> tuple[object, ...]:
        exact = matcher._parts[("fr", "exact")]
        assert isinstance(exact, _PatternSet)
        (_, flags, longest, _), (automaton, *_) = exact.dump()
        return automaton, flags, longest, [exact.terms_of(i) for i in range(len(flags))]

    termbase = load_termbase(cache=False)  # the shipped one: French acronyms, homonyms, plurals
    alone = TermMatcher(termbase)
    alone.preload_acronyms("fr")
    assert ("fr", "folded") not in alone._parts
    together = TermMatcher(termbase)
    together.preload("fr")
    assert parts(alone) == parts(together)
    text = "L'EMAPE et les AME, ASGM, MEAs."
    assert alone.find_acronyms(text, "fr") == together.find_acronyms(text, "fr")
    assert alone.find_acronyms(text, "fr")


def test_a_compile_reads_the_terms_the_concepts_hold(cache_dir: Path, toml_file: Path) -> None:
    """transient_encoded reads each concept where it lies in the entry (_Slices.views): the
    same bytes as the mapping's own copies, and so the terms the decoded concepts hold."""
    load(toml_file)
    termbase = load(toml_file)
    concepts = termbase.concepts
    assert isinstance(concepts, cache.CachedConcepts)
    slices = concepts._encoded
    assert isinstance(slices, cache._Slices)
    assert [(k, bytes(v)) for k, v in slices.views()] == list(slices.items())
    for langs in ({"en"}, {"zh"}, {"en", "fr"}):
        read = list(concepts.transient_encoded(langs))
        expected = [
            cache.encode_term(term)
            for concept in concepts.values()
            for term in concept.terms
            if term.lang in langs
        ]
        assert read == expected
        assert read  # the comparison compared terms
