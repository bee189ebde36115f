"""termkit in the user's language: gettext catalogues (zh, fr), kept with Babel.

Two languages are in play. The **interface language** (help, summaries, notes, the text report) comes
from ``TERMKIT_LANG``, else the locale variables ``LC_ALL``, ``LC_MESSAGES`` and ``LANG`` (``C`` and
``POSIX`` mean English), else English. The **message language** is that of the findings' messages:
the interface language for ``check``'s text report, English for JSON, SARIF and GitHub output
(machine output does not change with the locale) and for the library, unless ``--message-lang``
asks for another.

Strings are marked ``_("…")`` (interface) and ``M_("…")`` (finding messages), with named
placeholders (``{found}``) that translators may move. The catalogues are
``termkit/locale/<lang>/LC_MESSAGES/termkit.po``; the packaging compiles them (``hatch_build.py``).
Maintenance (see the README's Development section)::

    pybabel extract -F babel.cfg -k M_ -o termkit/locale/termkit.pot termkit
    pybabel update -i termkit/locale/termkit.pot -d termkit/locale -D termkit
    pybabel compile -d termkit/locale -D termkit --statistics
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import gettext

__all__ = [
    "DOMAIN",
    "LANGUAGES",
    "LOCALE_DIR",
    "M_",
    "T_",
    "Text",
    "_",
    "either",
    "interface_language",
    "message_language",
    "set_message_language",
    "translated",
    "translation",
]

DOMAIN = "termkit"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES = ("en", "fr", "zh")  # English is the source language of the messages


def _language_of(value: str) -> str | None:
    """The catalogue language a locale name or tag asks for (``zh_CN.UTF-8`` → ``zh``), or
    None for one termkit has no catalogue for."""
    code = value.split(".", 1)[0].split("@", 1)[0].replace("-", "_").split("_", 1)[0]
    code = code.strip().lower()
    if code in ("c", "posix"):
        return "en"
    return code if code in LANGUAGES else None


def interface_language() -> str:
    """The interface language: ``TERMKIT_LANG``, else ``LC_ALL``, ``LC_MESSAGES``, ``LANG``
    (the first that is set decides, as in POSIX), else English."""
    for variable in ("TERMKIT_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "").strip()
        if value:
            return _language_of(value) or "en"
    return "en"


@cache
def translation(lang: str) -> gettext.NullTranslations:
    """The compiled catalogue of ``lang`` (English, or a catalogue not built: the messages as
    written)."""
    import gettext

    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)


class _State:
    message_lang: str | None = None  # set per run (--message-lang, or the output format)


def set_message_language(lang: str | None) -> None:
    """The language of the findings' messages from now on (None: English again)."""
    _State.message_lang = None if lang is None else (_language_of(lang) or "en")


def message_language() -> str:
    """The findings' messages' language: English unless a run set another (``termkit check``
    sets the interface language for its text report, or ``--message-lang``'s)."""
    return _State.message_lang or "en"


def _(text: str) -> str:
    """``text`` in the interface language."""
    lang = interface_language()
    return text if lang == "en" else translation(lang).gettext(text)  # English: no catalogue


def M_(text: str) -> str:
    """A finding's message ``text`` in the message language."""
    lang = message_language()
    return text if lang == "en" else translation(lang).gettext(text)  # English: no catalogue


class Text(str):
    """A message in English (it is that ``str``, for the library, logs and tests) that the command
    line shows in the interface language: ``T_("cannot read: {reason}", reason=…)``. Errors carry
    these; the catalogue holds the template."""

    template: str
    values: dict[str, object]

    def __new__(cls, template: str, /, **values: object) -> Text:
        self = super().__new__(cls, template.format(**values) if values else template)
        self.template = template
        self.values = values
        return self

    def __reduce__(self) -> tuple[object, ...]:  # a worker process sends it back pickled
        return (_text, (self.template, self.values))

    def translated(self) -> str:
        """The message in the interface language (placeholders' own messages too)."""
        values = {k: translated(v) if isinstance(v, str) else v for k, v in self.values.items()}
        template = _(self.template)
        return template.format(**values) if values else template


def _text(template: str, values: dict[str, object]) -> Text:
    return Text(template, **values)


def T_(template: str, /, **values: object) -> Text:
    """A message to be shown in the interface language (see :class:`Text`)."""
    return Text(template, **values)


def translated(message: str) -> str:
    """``message`` in the interface language when it is a :class:`Text`, else as it is."""
    return message.translated() if isinstance(message, Text) else message


def either(items: list[str] | tuple[str, ...]) -> str:
    """``a or b or c``, its "or" in the interface language when shown (a :class:`Text`)."""
    if not items:
        return ""
    joined: str = items[0]
    for item in items[1:]:
        joined = T_("{first} or {second}", first=joined, second=item)
    return joined
