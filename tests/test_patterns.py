"""Regular expressions compiled once per installation (termkit.patterns, issue 17: small runs)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from termkit import compiled, patterns
from termkit.text.normalize import CJK

# Patterns like termkit's own: big CJK classes, lookarounds, named groups, flags.
CASES = [
    (f"[{CJK}]+", 0),
    (f"(?P<long>[{CJK}]{{2,}})\\s*[（(](?P<acronym>[A-Z]{{2,}})[)）]", 0),
    (r"^[ \t>]*(`{3,}|~{3,})([^\n]*)$", re.MULTILINE),
    (r"\b(?:the|of|and)\b", re.IGNORECASE),
    (r"<!--.*?-->", re.DOTALL),
]
TEXT = "联合国环境规划署（UNEP）开会。The Assembly OF the parties\n```py\n<!-- a\nb -->\n"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TERMKIT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("TERMKIT_NO_CACHE", raising=False)
    monkeypatch.setattr(patterns._store, "known", None)
    monkeypatch.setattr(patterns._store, "new", {})
    return tmp_path


def _behaviour(pattern: re.Pattern[str]) -> tuple[object, ...]:
    return (
        pattern.pattern, pattern.flags, pattern.groups, dict(pattern.groupindex),
        [(m.span(), m.groups(), m.groupdict()) for m in pattern.finditer(TEXT)],
    )


@pytest.mark.parametrize(("pattern", "flags"), CASES)
def test_a_pattern_compiled_or_from_the_cache_behaves_as_re_compiles_it(
    pattern: str, flags: int, cache: Path
) -> None:
    expected = _behaviour(re.compile(pattern, flags))
    assert _behaviour(patterns.compile_pattern(pattern, flags)) == expected
    patterns.save()
    [written] = cache.glob("patterns-*.bin") if patterns._SUPPORTED else [None]
    patterns._store.forget()  # a later run: read from the file
    assert _behaviour(patterns.compile_pattern(pattern, flags)) == expected
    if written is not None:
        assert patterns._store.known and (pattern, flags) in patterns._store.known


@pytest.mark.skipif(not patterns._SUPPORTED, reason="the shortcut needs CPython 3.11 to 3.14")
def test_a_damaged_file_is_ignored_and_written_again(cache: Path) -> None:
    patterns.compile_pattern(CASES[0][0])
    patterns.save()
    [path] = cache.glob("patterns-*.bin")
    data = bytearray(path.read_bytes())
    data[-5] ^= 0xFF  # a flipped byte: the digest no longer matches
    path.write_bytes(bytes(data))
    patterns._store.forget()
    assert _behaviour(patterns.compile_pattern(CASES[0][0])) == _behaviour(re.compile(CASES[0][0]))
    assert patterns._store.known == {}  # nothing trusted from it
    patterns.save()
    patterns._store.forget()
    patterns.compile_pattern(CASES[1][0])
    assert (CASES[0][0], 0) in (patterns._store.known or {})


def test_no_file_without_a_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERMKIT_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("TERMKIT_NO_CACHE", "1")
    monkeypatch.setattr(patterns._store, "known", None)
    monkeypatch.setattr(patterns._store, "new", {})
    assert patterns.compile_pattern(r"\d+").fullmatch("42")
    patterns.save()
    assert not list(tmp_path.iterdir())


def test_the_command_writes_its_patterns_once_and_reads_them_after(tmp_path: Path) -> None:
    env = {**os.environ, "TERMKIT_CACHE_DIR": str(tmp_path)}
    env.pop("TERMKIT_NO_CACHE", None)
    draft = Path(__file__).resolve().parents[1] / "examples" / "draft-zh.md"
    command = [sys.executable, "-m", "termkit", "check", "--format", "json", str(draft)]
    first = subprocess.run(command, env=env, capture_output=True, check=False)
    written = sorted(tmp_path.glob("patterns-*.bin"))
    second = subprocess.run(command, env=env, capture_output=True, check=False)
    assert first.stdout == second.stdout and first.returncode == second.returncode == 1
    if patterns._SUPPORTED:
        assert len(written) == 1
        assert sorted(tmp_path.glob("patterns-*.bin")) == written


def test_a_cache_folder_that_cannot_be_found_is_no_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_home() -> None:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(compiled, "cache_directory", no_home)
    monkeypatch.setattr(patterns._store, "known", None)
    monkeypatch.setattr(patterns._store, "new", {})
    assert patterns.compile_pattern(r"(?P<n>\d+)").fullmatch("42")
    patterns.save()  # nothing raised, nothing written


def test_the_patterns_a_check_compiles_are_the_same_whatever_the_hash_seed(tmp_path: Path) -> None:
    """A pattern built from a set's order (Greek letter names joined in hash order) was a new
    cache entry in every run: the file grew to a megabyte, read at every start (issue 17)."""
    if not patterns._SUPPORTED:
        pytest.skip("the shortcut needs CPython 3.11 to 3.14")
    probe = (
        "import termkit.definitions.latin, termkit.analysis, termkit.runner, termkit.rules\n"
        "from termkit import patterns\n"
        "print(len(patterns._store.new))\n"
    )
    counts = []
    for seed in ("1", "2", "3", "4", "5"):
        env = {**os.environ, "TERMKIT_CACHE_DIR": str(tmp_path), "PYTHONHASHSEED": seed}
        env.pop("TERMKIT_NO_CACHE", None)
        done = subprocess.run(
            [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
        )
        counts.append(int(done.stdout))
    assert counts[0] > 20
    assert counts[1:] == [0, 0, 0, 0]  # the other seeds find every pattern in the file
