"""Language tags: parsed and normalised with Babel, imported only when a tag needs checking."""

from __future__ import annotations

import functools

from termkit.i18n import T_

__all__ = [
    "display_name",
    "match_language",
    "normalize_tag",
    "prepare_tags",
    "primary_subtag",
    "resolve_language",
    "resolve_languages",
]


@functools.lru_cache(maxsize=256)
def normalize_tag(tag: str) -> str:
    """Normalise a language tag to BCP 47 form: ``zh_CN`` → ``zh-CN``, ``ZH-hans`` → ``zh-Hans``.

    Raises ValueError for a tag Babel does not know.
    """
    from babel.core import Locale, UnknownLocaleError

    cleaned = tag.strip().replace("-", "_")
    if not cleaned:
        raise ValueError(T_("empty language tag"))
    try:
        locale = Locale.parse(cleaned)
    except (UnknownLocaleError, ValueError, TypeError) as exc:
        raise ValueError(T_("unknown language tag {tag!r}", tag=tag)) from exc
    # Babel fills in likely scripts (zh → zh_Hans_CN); keep only the parts the user wrote.
    parts = [locale.language]
    written = cleaned.split("_")[1:]
    if locale.script and any(p.lower() == locale.script.lower() for p in written):
        parts.append(locale.script)
    if locale.territory and any(p.upper() == locale.territory for p in written):
        parts.append(locale.territory)
    return "-".join(parts)


def prepare_tags() -> None:
    """Load what checking a tag needs (Babel's modules and data) now rather than on the first
    tag: a loader calls this before it reads a termbase. Made amid the parse's short-lived tables,
    these long-lived objects would each keep a block of the allocator's memory from going back
    to the system when the parse is freed (70 MB after a cold load of 80,000 concepts)."""
    normalize_tag("en")


def primary_subtag(tag: str) -> str:
    """``fr-CA`` → ``fr``."""
    return tag.replace("_", "-").split("-", 1)[0].lower()


def match_language(wanted: str, available: tuple[str, ...] | list[str]) -> str | None:
    """The termbase language that serves ``wanted``: the same tag, else the same primary language."""
    if wanted in available:
        return wanted  # a termbase's tags are normalised already (and this spares importing Babel)
    normalized = normalize_tag(wanted)
    if normalized in available:
        return normalized
    primary = primary_subtag(normalized)
    if primary in available:
        return primary
    for lang in available:
        if primary_subtag(lang) == primary:
            return lang
    return None


@functools.lru_cache(maxsize=64)
def display_name(tag: str, locale: str | None = None) -> str:
    """The language's name in the user's locale (``fr`` → ``French``, or ``français`` in fr)."""
    from babel.core import Locale, UnknownLocaleError, default_locale

    try:
        lang = Locale.parse(tag.replace("-", "_"))
        where = Locale.parse(locale or default_locale() or "en")
    except (UnknownLocaleError, ValueError, TypeError):
        return tag
    return lang.get_display_name(where) or tag


def resolve_languages(
    value: str | None, available: tuple[str, ...] | list[str], option: str
) -> list[str]:
    """The termbase languages a comma-separated option asks for (``zh,fr``, ``fr-CA``), each
    once; raises InputError naming ``option`` for an unknown tag or one the termbase lacks."""
    from termkit.errors import InputError

    chosen: list[str] = []
    for tag in (value or "").replace(" ", "").split(","):
        if not tag:
            continue
        try:
            lang = match_language(tag, available)
        except ValueError as exc:
            raise InputError(T_("{option}: {reason}", option=option, reason=exc)) from None
        if lang is None:
            raise InputError(
                T_(
                    "{option}: the termbase has no language {tag!r} (it has {value})",
                    option=option, tag=tag, value=', '.join(available),
                )
            )
        if lang not in chosen:
            chosen.append(lang)
    return chosen


def resolve_language(value: str, available: tuple[str, ...] | list[str], option: str) -> str:
    """The one termbase language an option names; InputError for none, several or unknown."""
    from termkit.errors import InputError

    chosen = resolve_languages(value, available, option)
    if len(chosen) != 1:
        raise InputError(
            T_(
                "{option} takes one language, not {value!r}",
                option=option, value=value,
            ),
        )
    return chosen[0]
