"""``termkit lookup -i`` (issue 19): the interactive lookup, driven through a pseudo-terminal as a
translator drives it (type a query, read the card, leave with Ctrl-D); its parts tested alone."""

from __future__ import annotations

import base64
import os
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from termkit.cli import cli
from termkit.interactive import data_directory, osc52, preferred_for_copy
from termkit.lookup import MatchKind, complete, lookup
from termkit.model import Termbase
from termkit.termbase import load_termbase

ROOT = Path(__file__).resolve().parents[1]
pty = pytest.importorskip("pty", reason="pseudo-terminals are POSIX")


@pytest.fixture(scope="module")
def termbase() -> Termbase:
    return load_termbase()


class Terminal:
    """``termkit lookup -i`` on a pseudo-terminal: what it printed so far, and keys to type."""

    def __init__(self, tmp_path: Path, *args: str) -> None:
        master, slave = pty.openpty()
        env = {
            **os.environ, "PYTHONPATH": str(ROOT), "XDG_DATA_HOME": str(tmp_path),
            "TERM": "xterm", "NO_COLOR": "1", "COLUMNS": "100", "LINES": "40",
            # no cursor-position request: nothing on this side of the terminal would answer it
            "PROMPT_TOOLKIT_NO_CPR": "1",
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "termkit", "lookup", "-i", *args],
            stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True,
        )
        os.close(slave)
        self.master = master
        self.seen = b""
        self.since = 0  # what was shown before the last keys typed is not their answer

    def read_until(self, wanted: bytes, timeout: float = 20.0) -> bytes:
        deadline = time.monotonic() + timeout
        while wanted not in self.seen[self.since :]:
            left = deadline - time.monotonic()
            assert left > 0, f"{wanted!r} not shown; the terminal shows {self.seen[-800:]!r}"
            ready, _, _ = select.select([self.master], [], [], left)
            if ready:
                try:
                    self.seen += os.read(self.master, 65536)
                except OSError:  # the program ended and closed the terminal
                    break
        return self.seen

    def type(self, keys: str) -> None:
        self.since = len(self.seen)
        os.write(self.master, keys.encode("utf-8"))

    def close(self) -> int:
        try:
            return self.process.wait(timeout=20)
        finally:
            os.close(self.master)


def test_type_a_query_read_the_card_and_leave(tmp_path: Path) -> None:
    terminal = Terminal(tmp_path, "--lang", "zh,en")
    try:
        terminal.read_until(b"lookup>")
        terminal.type("OEWG\r")
        terminal.read_until(b"(full, preferred)")  # a card, not the completion menu
        terminal.read_until("不限成员名额的工作组".encode())
        terminal.read_until(b"open-ended working group")
        terminal.read_until(b"lookup>")  # the prompt again, after the card
        # F2 copies the Chinese preferred term of what is typed, through OSC 52
        terminal.type("GISTM")
        terminal.type("\x1bOQ")  # F2
        copied = osc52("全球尾矿管理行业标准").encode()
        terminal.read_until(copied)
        terminal.type("\x15")  # Ctrl-U: clear the line
        terminal.type("\x04")  # Ctrl-D
        assert terminal.close() == 0
    finally:
        if terminal.process.poll() is None:
            terminal.process.kill()
    # the history is kept in the user's data directory
    assert "OEWG" in (tmp_path / "termkit" / "lookup-history").read_text(encoding="utf-8")
    # French is not shown with --lang zh,en
    assert "groupe de travail" not in terminal.seen.decode("utf-8", "replace")


def test_completion_is_offered_as_you_type(tmp_path: Path) -> None:
    terminal = Terminal(tmp_path)
    try:
        terminal.read_until(b"lookup>")
        terminal.type("尾矿")
        # the menu offers the Chinese term that contains what was typed, with its concept
        terminal.read_until("全球尾矿管理行业标准".encode())
        terminal.read_until(b"GISTM")
        terminal.type("\x15\x04")
        assert terminal.close() == 0
    finally:
        if terminal.process.poll() is None:
            terminal.process.kill()


def test_completions_are_ranked_as_lookup_ranks(termbase: Termbase) -> None:
    offered = complete(termbase, "unep")
    assert offered[0][0].text == "UNEP" and offered[0][1] is MatchKind.ACRONYM
    kinds = [kind.rank for _, kind in offered]
    assert kinds == sorted(kinds)
    # by part of a Chinese term, and fuzzily once nothing contains the query
    assert any(t.text == "全球尾矿管理行业标准" for t, _ in complete(termbase, "尾矿"))
    fuzzy = complete(termbase, "open ended workgroup")
    assert fuzzy and fuzzy[0][0].concept_id == "OEWG"
    assert complete(termbase, "   ") == []
    # the concept lookup -i shows first is the one lookup finds first
    assert lookup(termbase, offered[0][0].text)[0].concept.id == offered[0][0].concept_id


def test_the_term_copied_and_the_sequence_that_copies_it(termbase: Termbase) -> None:
    assert preferred_for_copy(termbase, "OEWG", "zh") == "不限成员名额的工作组"
    assert preferred_for_copy(termbase, "ASGM", "fr") == (
        "extraction minière artisanale et à petite échelle d'or"
    )
    assert preferred_for_copy(termbase, "qqqqqqqq", "zh") is None
    sequence = osc52("联合国环境规划署")
    assert sequence.startswith("\x1b]52;c;") and sequence.endswith("\x07")
    assert base64.b64decode(sequence[7:-1]).decode("utf-8") == "联合国环境规划署"


def test_the_data_directory_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    if sys.platform in ("win32", "darwin"):
        pytest.skip("XDG applies on Linux and the BSDs")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert data_directory() == tmp_path / "termkit"
    monkeypatch.setenv("XDG_DATA_HOME", "relative/path")  # invalid per the spec: ignored
    assert data_directory() == Path.home() / ".local" / "share" / "termkit"


def test_without_a_terminal_it_says_so() -> None:
    result = CliRunner().invoke(cli, ["lookup", "-i"])
    assert result.exit_code == 2
    assert "lookup -i needs a terminal" in result.stderr
