"""The command's process and the collector (termkit.process, termkit.termbase.cache.paused_gc;
issue 17: no collector pass over what a one-shot process keeps to its end)."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from collections.abc import Iterator

import pytest

from termkit import process
from termkit.termbase import cache


@pytest.fixture
def unfrozen() -> Iterator[None]:
    assert gc.isenabled()
    yield
    gc.unfreeze()


def test_after_a_pause_a_library_process_collects_as_before(unfrozen: None) -> None:
    frozen = gc.get_freeze_count()
    with cache.paused_gc():
        assert not gc.isenabled()
        kept = [[index] for index in range(1000)]
    assert gc.isenabled() and gc.get_freeze_count() == frozen
    assert len(kept) == 1000


def test_the_command_s_process_freezes_what_it_keeps(
    unfrozen: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(process, "_one_shot", True)
    frozen = gc.get_freeze_count()
    with cache.paused_gc():
        kept = [[index] for index in range(1000)]
    assert gc.isenabled()
    assert gc.get_freeze_count() >= frozen + len(kept)
    with cache.paused_gc(), cache.paused_gc():  # nested: the collector resumes at the end only
        pass
    assert gc.isenabled()


def _one_shot_in(argv: list[str], before: str = "") -> str:
    """Run ``termkit ARGV`` through the console entry point; what one_shot() was at its end."""
    probe = (
        "import os, sys, termkit.cli\n"
        "from termkit import process\n"
        f"{before}\n"
        "os._exit = lambda code: (print(process.one_shot()), sys.stdout.flush(), sys.exit(code))\n"
        f"sys.argv = ['termkit', *{argv!r}]\n"
        "termkit.cli.run()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], input="UNEP met.\n", capture_output=True, text=True,
        check=False, env={**os.environ, "TERMKIT_NO_CACHE": "1"},
    )
    return done.stdout.splitlines()[-1]


def test_a_check_the_entry_point_runs_ends_with_its_process() -> None:
    assert not process.one_shot()  # the test run goes on after each command
    assert _one_shot_in(["check", "--no-show-source", "-"]) == "True"
    assert _one_shot_in(["--version"]) == "False"


def test_the_language_server_goes_on() -> None:
    """``termkit server`` runs for hours, reloading termbases: nothing may be frozen there."""
    stub = "import termkit.server; termkit.server.serve = lambda: None"
    assert _one_shot_in(["server"], before=stub) == "False"


def test_a_check_run_in_another_program_goes_on() -> None:
    from click.testing import CliRunner

    from termkit.cli import cli

    result = CliRunner().invoke(cli, ["check", "-"], input="UNEP met.\n")
    assert result.exit_code in (0, 1)
    assert not process.one_shot()
