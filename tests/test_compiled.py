"""The methods dataclasses generate, compiled once per installation (termkit.compiled, issue 17:
small runs): the command's classes must be exactly what plain ``dataclasses`` makes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from termkit import compiled

# Imports termkit's modules (with the shortcut or without) and prints, for every dataclass
# method, what its code is made of: a method compiled differently (another name, flag,
# annotation or constant) shows up here.
PROBE = r"""
import dataclasses, importlib, json, pkgutil, sys
import termkit
if sys.argv[1] == "kept":
    from termkit.compiled import keep_generated_code
    keep_generated_code()
seen = {}
for info in pkgutil.walk_packages(termkit.__path__, "termkit."):
    if info.name.endswith("__main__"):
        continue
    try:
        module = importlib.import_module(info.name)
    except ImportError:  # an optional extra that is not installed
        continue
    for name, value in vars(module).items():
        if not (isinstance(value, type) and dataclasses.is_dataclass(value)):
            continue
        for method in ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__"):
            function = getattr(vars(value).get(method), "__wrapped__", vars(value).get(method))
            code = getattr(function, "__code__", None)
            if code is None:
                continue
            seen[f"{value.__module__}.{value.__qualname__}.{method}"] = [
                code.co_code.hex(), repr(code.co_consts), code.co_names, code.co_varnames,
                code.co_flags, code.co_filename, repr(function.__annotations__),
                repr(function.__defaults__), repr(function.__kwdefaults__),
            ]
print(json.dumps(seen, sort_keys=True))
"""


def _probe(way: str, cache: Path) -> dict[str, list[object]]:
    env = {**os.environ, "TERMKIT_CACHE_DIR": str(cache)}
    env.pop("TERMKIT_NO_CACHE", None)
    done = subprocess.run(
        [sys.executable, "-c", PROBE, way], env=env, capture_output=True, text=True, check=True
    )
    seen: dict[str, list[object]] = json.loads(done.stdout)
    return seen


@pytest.mark.skipif(sys.implementation.name != "cpython", reason="the shortcut is CPython's")
def test_kept_methods_are_the_ones_dataclasses_compiles(tmp_path: Path) -> None:
    plain = _probe("plain", tmp_path)
    assert not list(tmp_path.glob("code-*.bin"))  # only the command line keeps them
    first = _probe("kept", tmp_path)  # compiles and writes
    [written] = tmp_path.glob("code-*.bin")
    before = written.read_bytes()
    second = _probe("kept", tmp_path)  # reads them back
    assert len(plain) > 100 and any(name.endswith("Finding.__init__") for name in plain)
    assert first == plain
    assert second == plain
    assert written.read_bytes() == before  # nothing new compiled in the second run


def test_the_command_writes_the_code_once_and_reads_it_after(tmp_path: Path) -> None:
    env = {**os.environ, "TERMKIT_CACHE_DIR": str(tmp_path)}
    env.pop("TERMKIT_NO_CACHE", None)
    draft = Path(__file__).resolve().parents[1] / "examples" / "draft-en.md"
    command = [sys.executable, "-m", "termkit", "check", "--format", "json", str(draft)]
    first = subprocess.run(command, env=env, capture_output=True, check=False)
    written = {path: path.read_bytes() for path in tmp_path.glob("code-*.bin")}
    second = subprocess.run(command, env=env, capture_output=True, check=False)
    assert first.stdout == second.stdout and first.returncode == second.returncode == 1
    if sys.implementation.name == "cpython":
        assert len(written) == 1
        assert {path: path.read_bytes() for path in tmp_path.glob("code-*.bin")} == written


def test_a_damaged_file_is_ignored_and_a_full_one_starts_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TERMKIT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("TERMKIT_NO_CACHE", raising=False)
    store = compiled.CompiledStore("probe", b"TKXX\x01", "a build", most=8)
    code = compile("x = 1", "<string>", "exec", dont_inherit=True)
    store.put("x = 1", code)
    store.save()
    [path] = tmp_path.glob("probe-*.bin")
    store.forget()
    assert store.get("x = 1") == code
    data = bytearray(path.read_bytes())
    data[-3] ^= 0xFF  # a flipped byte: the digest no longer matches
    path.write_bytes(bytes(data))
    store.forget()
    assert store.get("x = 1") is None and store.known == {}
    store.put("x = 1", code)
    store.save()
    store.forget()
    assert store.get("x = 1") == code
    for number in range(8):  # 1 + 8 entries: past its limit, the file starts over
        store.put(f"y = {number}", compile(f"y = {number}", "<string>", "exec"))
    store.save()
    store.forget()
    assert store.get("y = 7") is not None and store.get("x = 1") is None


def _tampered(path: Path, value: object) -> None:
    """Rewrite the only entry of a store's file as ``value``, with a digest that matches."""
    import hashlib
    import marshal

    data = path.read_bytes()
    magic = b"TKCO\x01"
    known = marshal.loads(data[len(magic) + 16 :])
    body = marshal.dumps(dict.fromkeys(known, value))
    path.write_bytes(magic + hashlib.blake2b(body, digest_size=16).digest() + body)


@pytest.mark.skipif(sys.implementation.name != "cpython", reason="the shortcut is CPython's")
@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="needs owners and modes")
def test_code_that_is_not_a_generated_method_or_not_the_user_s_own_is_not_run(
    tmp_path: Path,
) -> None:
    probe = (
        "import dataclasses\n"
        "from termkit.compiled import keep_generated_code\n"
        "keep_generated_code()\n"
        "@dataclasses.dataclass(frozen=True)\n"
        "class Point:\n"
        "    x: int\n"
        "print(Point(1))\n"
    )
    env = {**os.environ, "TERMKIT_CACHE_DIR": str(tmp_path)}
    env.pop("TERMKIT_NO_CACHE", None)

    def run() -> str:
        done = subprocess.run(
            [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
        )
        return done.stdout.strip()

    assert run() == "Point(x=1)"
    [path] = tmp_path.glob("code-*.bin")
    evil = compile("print('from the cache folder')", "<evil>", "exec")
    _tampered(path, evil)  # code, but not of a text dataclasses wrote: compiled again
    assert run() == "Point(x=1)"
    _tampered(path, 42)  # not code at all
    assert run() == "Point(x=1)"
    done = compile("print('from the cache folder')", "<string>", "exec")
    _tampered(path, done)
    path.chmod(0o666)  # anyone may write it: not read
    assert run() == "Point(x=1)"


def test_no_home_folder_is_no_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    for name in ("TERMKIT_CACHE_DIR", "TERMKIT_NO_CACHE", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    import dataclasses

    monkeypatch.delitem(vars(dataclasses), "exec", raising=False)
    compiled.keep_generated_code()  # nothing raised
    assert "exec" not in vars(dataclasses)
