"""The model as TOML text, in the hand-editable layout of ``docs/termbase-format.md``.

Written by hand rather than by a TOML library so that the layout is the documented one: a
``[concept.ID]`` table for concept fields, one ``[concept.ID.LANG]`` table per language, a term as a
plain string unless it carries details, multi-line notes as ``\"\"\"`` strings. Loading the text
gives back an equal termbase (borrowed acronyms are derived, so they are not written).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from termkit.interchange.common import own_terms
from termkit.model import Concept, Term, Termbase
from termkit.termbase.schema import TERM_KEYS

__all__ = ["concept_to_toml", "term_values_toml", "termbase_to_toml", "toml_key", "toml_string"]

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}


def toml_string(value: str, *, multiline: bool = False) -> str:
    """A TOML basic string; ``multiline`` writes a text with line breaks as a \"\"\" block."""
    if multiline and "\n" in value:
        # The newline right after the opening quotes is not part of the value.
        return '"""\n' + "".join(_escape(ch, keep_newline=True) for ch in value) + '"""'
    return '"' + "".join(_escape(ch) for ch in value) + '"'


def _escape(ch: str, *, keep_newline: bool = False) -> str:
    if keep_newline and ch == "\n":
        return ch
    if ch in _ESCAPES:
        return _ESCAPES[ch]
    if ord(ch) < 0x20 or ord(ch) == 0x7F:
        return f"\\u{ord(ch):04X}"
    return ch


def toml_key(key: str) -> str:
    """A key as written: bare when it can be, quoted otherwise."""
    return key if _BARE_KEY.match(key) else toml_string(key)


def _term_value(term: Term) -> str:
    return _value_toml(
        {"term": term.text, "plural": term.plural, "note": term.note, "source": term.source}
    )


def _value_toml(value: str | Mapping[str, str | None]) -> str:
    """One term value: a plain string, or an inline table when it carries details."""
    if isinstance(value, str):
        return toml_string(value)
    present = [(k, v) for k, v in value.items() if v is not None]
    if len(present) == 1 and present[0][0] == "term":
        return toml_string(present[0][1])
    return "{ " + ", ".join(f"{toml_key(k)} = {toml_string(v)}" for k, v in present) + " }"


def term_values_toml(values: Sequence[str | Mapping[str, str | None]]) -> str:
    """The value of a term key: one term, or an array of them (one per line when long)."""
    items = [_value_toml(v) for v in values]
    if len(items) == 1:
        return items[0]
    one_line = "[" + ", ".join(items) + "]"
    if len(one_line) <= 80 and not any(i.startswith("{") for i in items):
        return one_line
    return "[\n" + "".join(f"    {item},\n" for item in items) + "]"


def _values(terms: Sequence[Term]) -> str:
    if len(terms) == 1:
        return _term_value(terms[0])
    return term_values_toml(
        [{"term": t.text, "plural": t.plural, "note": t.note, "source": t.source} for t in terms]
    )


def concept_to_toml(concept: Concept) -> str:
    """The tables of one concept: ``[concept.ID]`` fields, then one table per language."""
    base = f"concept.{toml_key(concept.id)}"
    fields: list[str] = []
    if concept.domain is not None:
        fields.append(f"domain = {toml_string(concept.domain)}")
    for lang, text in concept.definitions.items():
        fields.append(f"definition.{toml_key(lang)} = {toml_string(text, multiline=True)}")
    if concept.note is not None:
        fields.append(f"note = {toml_string(concept.note, multiline=True)}")
    if concept.related:
        fields.append("related = [" + ", ".join(toml_string(r) for r in concept.related) + "]")
    if concept.well_known:
        fields.append("well-known = true")

    terms = own_terms(concept)
    languages = list(dict.fromkeys([*(t.lang for t in terms), *concept.language_notes]))
    blocks: list[str] = []
    if fields or not languages:
        blocks.append(f"[{base}]\n" + "".join(f"{line}\n" for line in fields))
    for lang in languages:
        lines = [f"[{base}.{toml_key(lang)}]"]
        for key, (status, term_type) in TERM_KEYS.items():
            found = [
                t for t in terms if t.lang == lang and t.status is status and t.type is term_type
            ]
            if found:
                lines.append(f"{key} = {_values(found)}")
        note = concept.language_notes.get(lang)
        if note is not None:
            lines.append(f"note = {toml_string(note, multiline=True)}")
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)


def termbase_to_toml(termbase: Termbase, *, comment: str | None = None) -> str:
    """The whole termbase as TOML text; ``comment`` becomes a ``#`` header (one or more lines)."""
    out: list[str] = []
    if comment:
        out.append("".join(f"# {line}".rstrip() + "\n" for line in comment.splitlines()))
    header = ["[termbase]", f"name = {toml_string(termbase.name)}"]
    header.append("languages = [" + ", ".join(toml_string(x) for x in termbase.languages) + "]")
    if termbase.acronyms_from:
        pairs = ", ".join(
            f"{toml_key(b)} = {toml_string(lend)}" for b, lend in termbase.acronyms_from.items()
        )
        header.append(f"acronyms-from = {{ {pairs} }}")
    out.append("\n".join(header) + "\n")
    out.extend(concept_to_toml(concept) for concept in termbase)
    return "\n".join(out)
