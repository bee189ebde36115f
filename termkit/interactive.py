"""``termkit lookup -i``: an interactive lookup for translators who look terms up many times in a row.

A prompt (prompt_toolkit) completes as you type over every term of every language, ranked as
``lookup`` ranks (acronym, exact, prefix, substring, fuzzy); Enter shows the cards of the best
matches; the history is kept in the user's data directory; F2 copies the preferred term of the
best match, in the first language of ``--lang``, to the clipboard through the terminal (OSC 52:
xterm, iTerm2, kitty, WezTerm, tmux with ``set-clipboard on``; a terminal that does not allow it
ignores the sequence). Ctrl-D leaves.
"""

from __future__ import annotations

import base64
import os
import sys
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from termkit.i18n import _
from termkit.lookup import MatchKind, complete, lookup
from termkit.model import Termbase, TermType

if TYPE_CHECKING:
    from prompt_toolkit.completion import CompleteEvent, Completion
    from prompt_toolkit.document import Document

__all__ = ["data_directory", "osc52", "preferred_for_copy", "run"]

PROMPT = "lookup> "
CARDS = 3  # concepts shown for a query: those ranked first, as far as this many


def data_directory() -> Path:
    """The user's data directory for termkit (the lookup history): ``$XDG_DATA_HOME/termkit``
    (default ``~/.local/share/termkit``), ``~/Library/Application Support/termkit`` on macOS,
    ``%APPDATA%\\termkit`` on Windows."""
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming") / "termkit"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "termkit"
    xdg = os.environ.get("XDG_DATA_HOME", "")
    base = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".local" / "share"
    return base / "termkit"


def osc52(text: str) -> str:
    """The terminal sequence that puts ``text`` on the system clipboard (OSC 52)."""
    return "\x1b]52;c;" + base64.b64encode(text.encode("utf-8")).decode("ascii") + "\x07"


def preferred_for_copy(termbase: Termbase, query: str, lang: str) -> str | None:
    """The preferred term in ``lang`` of the concept that ``query`` finds first (full form,
    else short form, else acronym)."""
    hits = lookup(termbase, query, limit=1)
    if not hits:
        return None
    concept = hits[0].concept
    for kind in (TermType.FULL, TermType.SHORT, TermType.ACRONYM):
        term = concept.preferred_term(lang, kind)
        if term is not None:
            return term.text
    return None


def _completer(termbase: Termbase, builder: threading.Thread | None = None) -> object:
    from prompt_toolkit.completion import Completer, Completion

    class TermCompleter(Completer):
        """Every term of every language that the text typed so far finds."""

        def get_completions(
            self, document: Document, complete_event: CompleteEvent
        ) -> Iterable[Completion]:
            query = document.text_before_cursor
            if not query.strip():
                return
            if builder is not None:
                builder.join()  # in the completion thread: typing goes on meanwhile
            for term, kind in complete(termbase, query):
                meta = f"{term.concept_id} · {term.lang}"
                if kind is MatchKind.FUZZY:
                    meta += " · ~"
                yield Completion(
                    term.text, start_position=-len(query), display_meta=meta
                )

    return TermCompleter()


def show(termbase: Termbase, query: str, languages: Sequence[str]) -> None:
    """The cards of the concepts ``query`` finds best (those of the best kind of match), or
    what it nearly finds."""
    from termkit.render.concepts import no_match, print_hits
    from termkit.render.console import make_console

    hits = lookup(termbase, query, limit=CARDS)
    console = make_console()
    if not hits:
        console.print(no_match(termbase, query), markup=False, highlight=False)
        return
    best = [h for h in hits if h.kind is hits[0].kind]
    print_hits(console, termbase, best, languages=languages)


def run(termbase: Termbase, languages: Sequence[str], *, history: Path | None = None) -> int:
    """The interactive lookup, until Ctrl-D; its exit code."""
    from prompt_toolkit import PromptSession
    from prompt_toolkit.completion import ThreadedCompleter
    from prompt_toolkit.history import FileHistory, InMemoryHistory
    from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent

    copy_lang = languages[0] if languages else termbase.languages[0]
    # The search index (about 2 s for 200,000 terms) is built while the user starts typing.
    from termkit.lookup import LookupIndex

    builder = threading.Thread(target=LookupIndex.of, args=(termbase,), daemon=True)
    builder.start()
    bindings = KeyBindings()
    said: list[str] = []

    @bindings.add("f2")
    def _copy(event: KeyPressEvent) -> None:
        buffer = event.app.current_buffer
        state = buffer.complete_state
        query = (
            state.current_completion.text
            if state is not None and state.current_completion is not None
            else buffer.text
        )
        text = preferred_for_copy(termbase, query, copy_lang) if query.strip() else None
        if text is None:
            said[:] = [_("nothing to copy in {lang}").format(lang=copy_lang)]
            return
        event.app.output.write_raw(osc52(text))
        event.app.output.flush()
        said[:] = [_("copied {term} ({lang})").format(term=repr(text), lang=copy_lang)]

    def toolbar() -> str:
        return said[0] if said else _(
            "Enter: cards · Tab: complete · F2: copy the {lang} term · Ctrl-D: leave"
        ).format(lang=copy_lang)

    store: FileHistory | InMemoryHistory = InMemoryHistory()
    if history is not None:
        try:
            history.parent.mkdir(parents=True, exist_ok=True)
            store = FileHistory(str(history))
        except OSError:
            pass  # a read-only home: the session keeps its own history
    session: PromptSession[str] = PromptSession(
        history=store,
        completer=ThreadedCompleter(_completer(termbase, builder)),  # type: ignore[arg-type]
        complete_while_typing=True,
        key_bindings=bindings,
        bottom_toolbar=toolbar,
    )
    while True:
        try:
            query = session.prompt(PROMPT)
        except KeyboardInterrupt:
            continue  # Ctrl-C clears the line, as in a shell
        except EOFError:
            return 0
        said.clear()
        if query.strip():
            show(termbase, query.strip(), languages)
