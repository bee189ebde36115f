
"""Checking at corpus scale (issue 17): a termbase pickles as a reference to its cache entry, and
the Dask recipe of docs/dask.md, run on two local workers, finds what the command line finds."""

from __future__ import annotations

import copyreg
import json
import pickle
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from termkit.cli import cli
from termkit.model import Termbase
from termkit.termbase import load_termbase

ROOT = Path(__file__).resolve().parents[1]
RECIPE = ROOT / "docs" / "dask.md"


def test_a_cached_termbase_pickles_as_a_reference() -> None:
    termbase = load_termbase()
    data = pickle.dumps(termbase)
    assert len(data) < 1000  # a reference, not 34 concepts
    assert b"termbase_from_reference" in data
    # another process maps the entry and gets the same termbase
    code = (
        "import pickle, sys\n"
        "tb = pickle.loads(sys.stdin.buffer.read())\n"
        "print(len(tb), type(tb.concepts).__name__, tb['MEA'].preferred_term('zh').text)"
    )
    done = subprocess.run([sys.executable, "-c", code], input=data, capture_output=True,
                          check=True)
    mea = termbase["MEA"].preferred_term("zh")
    assert mea is not None
    assert done.stdout.decode().split() == [str(len(termbase)), "CachedConcepts", mea.text]
    # in this process, twice: the same object (its compiled matcher kept)
    assert pickle.loads(data) is pickle.loads(data)


def test_a_termbase_off_the_cache_pickles_by_value() -> None:
    termbase = load_termbase(cache=False)
    copy = pickle.loads(pickle.dumps(termbase))
    assert list(copy.concepts) == list(termbase.concepts)
    assert all(copy[concept.id] == concept for concept in termbase)
    assert copy.languages == termbase.languages


def test_a_reference_to_changed_files_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from termkit.errors import TermbaseError
    from termkit.termbase import termbase_from_reference

    house = tmp_path / "house.toml"
    shutil.copy(ROOT / "termbases" / "gimm.toml", house)
    monkeypatch.chdir(tmp_path)
    termbase = load_termbase(["house.toml"], include_default=False)  # a relative path
    reduced = copyreg.dispatch_table[Termbase](termbase)
    assert isinstance(reduced, tuple)
    key, paths, include_default, _directory, digest = reduced[1]
    assert paths == (str(house),)  # made absolute: a worker may run elsewhere
    # another machine (no cache folder there), another working directory, no cache at all:
    # the same files are accepted...
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("TERMKIT_NO_CACHE", "1")
    elsewhere = str(tmp_path / "elsewhere")
    again = termbase_from_reference(
        str(key) + "x", tuple(paths), bool(include_default), elsewhere, str(digest))
    assert list(again.concepts) == list(termbase.concepts)
    # ...and changed ones refused, whatever the worker's cache settings
    house.write_text(house.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    with pytest.raises(TermbaseError, match="changed since it was sent"):
        termbase_from_reference(
            str(key) + "y", tuple(paths), bool(include_default), elsewhere, str(digest))


def test_a_termbase_pickled_by_value_shares_no_cache_entry() -> None:
    from termkit.termbase import load_termbase_text
    from termkit.termbase.cache import cache_key_of

    text = (ROOT / "termbases" / "gimm.toml").read_text(encoding="utf-8")
    one = load_termbase_text(text)
    copy = pickle.loads(pickle.dumps(one))
    assert cache_key_of(copy) is None  # its automata are its own, never another's


def test_a_changed_copy_pickles_as_what_it_is() -> None:
    from dataclasses import replace

    termbase = load_termbase()
    english = replace(termbase, languages=("en",))
    assert pickle.loads(pickle.dumps(english)).languages == ("en",)
    assert b"termbase_from_reference" not in pickle.dumps(english)


def _recipe() -> dict[str, object]:
    """The recipe's code, as docs/dask.md prints it (its ``__main__`` part not run)."""
    block = re.search(r"```python\n(.*?)```", RECIPE.read_text(encoding="utf-8"), re.S)
    assert block is not None
    namespace: dict[str, object] = {"__name__": "dask_recipe"}
    exec(compile(block.group(1), str(RECIPE), "exec"), namespace)
    return namespace


def test_the_dask_recipe_finds_what_the_command_line_finds(
    tmp_path: Path, samples_dir: Path
) -> None:
    pytest.importorskip("dask.bag", reason="the dask extra: pip install 'termkit[dask]'")
    distributed = pytest.importorskip("distributed", reason="the dask extra")
    folder = tmp_path / "archive"
    folder.mkdir()
    for draft in (ROOT / "examples").glob("draft-*.md"):
        shutil.copy(draft, folder / draft.name)
    shutil.copy(samples_dir / "gimm-bulletin-zh-part1.txt", folder / "bulletin-zh.txt")
    for number in range(24):
        (folder / f"note-{number:02}.md").write_text(
            f"# 说明 {number}\n\n各多边环境协议秘书处与 UNEP 合作。\n\n"
            f"The Open-ended Working Group (OEWG) met {number} times.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--format", "json", str(folder)],
                                env={"NO_COLOR": "1"})
    assert result.exit_code == 1, result.output
    expected = [(f["path"], f["line"], f["column"], f["code"], f["message"])
                for f in json.loads(result.stdout)]
    assert len(expected) > 30
    recipe = _recipe()
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster, distributed.Client(cluster) as client:
        found = recipe["check_folder"](str(folder), client, 5)  # type: ignore[operator]
    assert [(f.path, f.line, f.column, f.code, str(f.message)) for f in found] == expected
