"""Keep termkit's message catalogues (gettext, with Babel): extract, update, compile, check.

    python scripts/catalogs.py extract   # termkit/locale/termkit.pot from the sources
    python scripts/catalogs.py update    # merge it into termkit/locale/{zh,fr}/LC_MESSAGES/termkit.po
    python scripts/catalogs.py compile   # the .mo files (the packaging does this too)
    python scripts/catalogs.py check     # every message translated, placeholders matching

What ``pybabel extract -F babel.cfg -k M_`` finds (``_("…")`` and ``M_("…")`` calls), plus what
it cannot: the help of the commands in ``LOCALIZED_COMMANDS`` and of their options, which click
reads from docstrings and ``help=`` arguments (``termkit.cli.localize`` translates them at run
time, the English text being the message id).
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "termkit" / "locale"
TEMPLATE = LOCALE / "termkit.pot"
TRANSLATED = ("zh", "fr")
# The commands whose help is in the catalogues (the others' help is shown in English).
LOCALIZED_COMMANDS = (
    "lookup", "check", "rule", "expand", "glossary", "terms", "extract", "validate", "export",
    "import", "add", "merge", "server",
)
_PLACEHOLDER = re.compile(r"\{(\w*)[^}]*\}")


def _click_strings() -> list[tuple[str, str]]:
    """(text, where) of every help the catalogues hold besides the marked strings."""
    os.environ["TERMKIT_LANG"] = "en"  # the English texts are the ids
    sys.path.insert(0, str(ROOT))
    import click

    from termkit.cli import COMMANDS, SHORT_HELP, LazyGroup, cli

    found = [(text, "termkit/cli/__init__.py") for text in SHORT_HELP.values()]
    commands: list[tuple[str, click.Command]] = [("termkit", cli)]
    for name in LOCALIZED_COMMANDS:
        command = LazyGroup.get_command(cli, click.Context(cli), name)
        assert command is not None
        commands.append((COMMANDS[name].split(":")[0].replace(".", "/") + ".py", command))
    for where, command in commands:
        if command.help:
            found.append((command.help, where))
        found += [(p.help, where) for p in command.params
                  if isinstance(p, click.Option) and p.help]
    return found


def extract(target: Path = TEMPLATE) -> None:
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir
    from babel.messages.pofile import write_po

    catalog = Catalog(project="termkit", msgid_bugs_address="", charset="utf-8")
    keywords = {"_": None, "M_": None, "T_": None}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(ROOT / "termkit"), method_map=[("**.py", "python")], keywords=keywords
    ):
        catalog.add(message, locations=[(f"termkit/{filename}", lineno)],
                    flags=("python-brace-format",) if "{" in message else ())
    for text, where in _click_strings():
        catalog.add(text, locations=[(where, 0)])
    _brace_format_only(catalog)
    with target.open("wb") as out:
        write_po(out, catalog, width=100, omit_header=False, sort_output=True)
    print(f"{len(catalog)} messages in {target}")


def _brace_format_only(catalog: Catalog) -> None:
    """termkit formats with ``str.format``: a ``%`` in a message (``{score}% similar``) is no
    printf conversion, whatever Babel guesses."""
    for message in catalog:
        message.flags.discard("python-format")


def _read(path: Path) -> Catalog:
    from babel.messages.pofile import read_po

    with path.open("rb") as stream:
        catalog = read_po(stream, abort_invalid=True)
    _brace_format_only(catalog)
    return catalog


def update() -> None:
    from babel.messages.pofile import write_po

    template = _read(TEMPLATE)
    for lang in TRANSLATED:
        path = LOCALE / lang / "LC_MESSAGES" / "termkit.po"
        catalog = _read(path)
        catalog.update(template, no_fuzzy_matching=True)
        _brace_format_only(catalog)
        with path.open("wb") as out:
            write_po(out, catalog, width=100, sort_output=True, ignore_obsolete=True)
        print(f"updated {path.relative_to(ROOT)}")


def compile_catalogs() -> None:
    from babel.messages.mofile import write_mo

    for lang in TRANSLATED:
        path = LOCALE / lang / "LC_MESSAGES" / "termkit.po"
        with path.with_suffix(".mo").open("wb") as out:
            write_mo(out, _read(path))


def problems() -> list[str]:
    """What is wrong with the catalogues: a message of the template untranslated or missing, a
    translation whose placeholders are not the message's, a stale entry."""
    template = _read(TEMPLATE)
    ids = {m.id for m in template if m.id}
    found = []
    for lang in TRANSLATED:
        catalog = _read(LOCALE / lang / "LC_MESSAGES" / "termkit.po")
        have = {m.id: m for m in catalog if m.id}
        for message_id in sorted(ids - set(have)):
            found.append(f"{lang}: missing {message_id!r}")
        for message_id in sorted(set(have) - ids):
            found.append(f"{lang}: stale {message_id!r}")
        for message_id, message in have.items():
            if not message.string:
                found.append(f"{lang}: untranslated {message_id!r}")
            elif message.fuzzy:
                found.append(f"{lang}: fuzzy {message_id!r}")
            elif sorted(_PLACEHOLDER.findall(str(message_id))) != sorted(
                _PLACEHOLDER.findall(str(message.string))
            ):
                found.append(f"{lang}: placeholders differ in {message_id!r}")
        for message, errors in catalog.check():
            found += [f"{lang}: {message.id!r}: {error}" for error in errors]
    return found


def main(argv: list[str]) -> int:
    action = argv[0] if argv else "check"
    if action == "extract":
        extract()
    elif action == "update":
        update()
    elif action == "compile":
        compile_catalogs()
    elif action == "check":
        wrong = problems()
        print("\n".join(wrong) or "the catalogues are complete")
        return 1 if wrong else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
