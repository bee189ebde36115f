"""XLIFF 1.2, XLIFF 2.x and TMX 1.4: their segments, with where each character is in the file.

Read with expat (the parser under ``xml.etree``), not lxml: translation QA must point an editor at
the character, and expat reports the byte offset of every event (lxml and ElementTree keep only an
element's line). Entity declarations are refused (the "billion laughs" expansion), external
entities are never fetched. Inline markup is markup: ``<g>``, ``<pc>``, ``<mrk>`` and ``<hi>`` keep
their text; ``<x/>``, ``<ph>``, ``<bpt>``/``<ept>``, ``<it>``, ``<ut>`` and XLIFF 2's codes are
left out (their content is the original format's code), so terms match across them.
"""

from __future__ import annotations

import re
from xml.parsers import expat

from termkit.bilingual import XML_SUFFIXES
from termkit.bilingual.units import BilingualFile, Located, OffsetMap, Unit
from termkit.errors import InputError
from termkit.i18n import T_
from termkit.text.lines import LineIndex

__all__ = ["XML_SUFFIXES", "read_xml"]


_XML_LANG = "http://www.w3.org/XML/1998/namespace lang"
# Inline elements whose content is text of the segment; every other element inside a segment
# is the original format's code (its content, if any, is not text).
_TEXT_INLINE = frozenset({"g", "mrk", "pc", "hi"})
# XLIFF 1.2 states of a target that is no translation yet.
_UNTRANSLATED = frozenset({"new", "needs-translation"})
_DECLARED = re.compile(rb"""^<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


class _Text:
    """The text of one segment element as it is read, with its map to the file."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.map = OffsetMap()
        self.marks: dict[str, _Text] = {}  # <mrk mtype="seg" mid="…">: each sub-segment's text

    def add(self, data: str, at: int, width: int) -> None:
        self.parts.append(data)
        self.map.add(len(data), at, width=width)

    def located(self) -> Located | None:
        text = "".join(self.parts)
        return Located(text, self.map) if text.strip() else None


class _Positions:
    """Byte offsets of the file → character offsets of its text, read forwards."""

    def __init__(self, data: bytes, codec: str, skip: int) -> None:
        self.data, self.codec, self.skip = data, codec, skip
        self.byte, self.char = skip, 0

    def char_at(self, byte: int) -> int:
        if byte < self.byte:  # events come in order; this is only a safeguard
            self.byte, self.char = self.skip, 0
        self.char += len(self.data[self.byte : byte].decode(self.codec, "replace"))
        self.byte = byte
        return self.char

    def width(self, byte: int, data: str) -> tuple[bool, int]:
        """Whether ``data`` stands in the file at ``byte`` as it is (else: the width in
        characters of the reference it was read from)."""
        raw = data.encode(self.codec)
        if self.data.startswith(raw, byte):
            return True, 0
        if self.data.startswith(b"&", byte) or self.data.startswith(b"&\x00", byte):
            end = self.data.find(b";", byte)
            if end != -1:
                return False, len(self.data[byte : end + 1].decode(self.codec, "replace"))
        return False, len(self.data[byte : byte + len(raw) + 1].decode(self.codec, "replace")[:2])


def read_xml(
    data: bytes, path: str, *, source_lang: str | None = None, target_lang: str | None = None
) -> BilingualFile:
    """The segments of an XLIFF 1.2, XLIFF 2.x or TMX file. ``source_lang``/``target_lang``
    choose a TMX unit's variants where the file does not say (``srclang="*all*"``, more than
    two languages). Raises :class:`InputError` with the line and column of what is wrong."""
    codec, skip = "utf-8", 0
    for bom, name in _BOMS:
        if data.startswith(bom):
            codec, skip = name, len(bom)
            break
    else:
        declared = _DECLARED.match(data)
        if declared:
            codec = declared.group(1).decode("ascii").lower()
    try:
        text = data[skip:].decode(codec)
    except (UnicodeDecodeError, LookupError) as error:
        raise InputError(T_("cannot decode as {codec}: {reason}", codec=codec, reason=error), path) from None
    reader = _Reader(path, text, _Positions(data, codec, skip), source_lang, target_lang)
    return reader.read(data)


class _Reader:
    """The expat handlers: a small state machine over XLIFF 1.2, XLIFF 2.x and TMX."""

    def __init__(
        self,
        path: str,
        text: str,
        positions: _Positions,
        source_lang: str | None,
        target_lang: str | None,
    ) -> None:
        self.path, self.text, self.positions = path, text, positions
        self.given_source, self.given_target = source_lang, target_lang
        self.kind = ""
        self.source_lang: str | None = None
        self.target_lang: str | None = None
        self.stack: list[str] = []
        self.units: list[Unit] = []
        self.excluded = 0
        self.parser = expat.ParserCreate(namespace_separator=" ")
        # the unit being read
        self.unit_id = ""
        self.unit_attrs: dict[str, str] = {}
        self.texts: dict[str, _Text] = {}  # "source", "target", "seg-source", TMX languages
        self.segments: list[tuple[str, _Text | None, _Text | None, str | None]] = []
        self.sink: _Text | None = None
        self.marks: list[str | None] = []  # the open <mrk>s: the mid of a seg mark, or None
        self.code_depth = 0  # inside an inline code element: its content is not text
        self.inline_depth = 0  # open inline elements inside the segment element
        self.tuv_lang: str | None = None
        self.target_state: str | None = None

    def read(self, data: bytes) -> BilingualFile:
        parser = self.parser
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = self.characters
        parser.EntityDeclHandler = self.refuse_entity
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        try:
            parser.Parse(data, True)
        except expat.ExpatError as error:
            raise self.error(expat.errors.messages[error.code], parser.ErrorByteIndex) from None
        if not self.kind:
            raise InputError(T_("not an XLIFF or TMX file (no <xliff> or <tmx> root)"), self.path)
        return BilingualFile(
            self.path, self.text, tuple(self.units), self.source_lang, self.target_lang,
            self.excluded,
        )

    def error(self, message: str, byte: int) -> InputError:
        offset = self.positions.char_at(max(byte, self.positions.skip))
        line, column = LineIndex(self.text).line_col(min(offset, len(self.text)))
        return InputError(message, self.path, line, column)

    def refuse_entity(self, name: str, *_: object) -> None:
        raise self.error(
            f"entity declarations are not accepted (<!ENTITY {name}>)",
            self.parser.CurrentByteIndex,
        )

    # -- events ------------------------------------------------------------------------------

    def start(self, name: str, attrs: dict[str, str]) -> None:
        local = name.rsplit(" ", 1)[-1]
        parent = self.stack[-1] if self.stack else ""
        self.stack.append(local)
        if self.sink is not None:
            self.inline_start(local, attrs)
            return
        if not parent:
            self.root(local, attrs)
        elif self.kind == "xliff1":
            self.xliff1_start(local, parent, attrs)
        elif self.kind == "xliff2":
            self.xliff2_start(local, parent, attrs)
        elif self.kind == "tmx":
            self.tmx_start(local, parent, attrs)

    def end(self, name: str) -> None:
        local = self.stack.pop()
        if self.sink is not None:
            if self.inline_depth:
                self.inline_end(local)
            else:
                self.sink = None  # the segment element itself ends
            return
        if self.kind == "xliff1" and local == "trans-unit":
            self.xliff1_unit()
        elif self.kind == "xliff2" and local == "segment":
            self.segments.append(
                (self.unit_attrs.get("segment", ""), self.texts.get("source"),
                 self.texts.get("target"), self.target_state)
            )
            self.texts = {}
        elif self.kind == "xliff2" and local == "unit":
            self.xliff2_unit()
        elif self.kind == "tmx" and local == "tu":
            self.tmx_unit()

    def characters(self, data: str) -> None:
        if self.sink is None or self.code_depth:
            return
        byte = self.parser.CurrentByteIndex
        at = self.positions.char_at(byte)
        plain, width = self.positions.width(byte, data)
        if plain:
            self.sink.add(data, at, 0)
        else:
            for char in data:  # each character a reference of its own (or a CRLF)
                self.sink.add(char, at, width)
        for mid in self.marks:
            if mid is not None:
                mark = self.sink.marks.setdefault(mid, _Text())
                if plain:
                    mark.add(data, at, 0)
                else:
                    for char in data:
                        mark.add(char, at, width)

    # -- inline markup ---------------------------------------------------------------------

    def inline_start(self, local: str, attrs: dict[str, str]) -> None:
        self.inline_depth += 1
        if self.code_depth:
            self.code_depth += 1
        elif local == "mrk":
            self.marks.append(attrs.get("mid") if attrs.get("mtype") == "seg" else None)
        elif local == "cp" and self.sink is not None:  # XLIFF 2: a character XML cannot hold
            try:
                char = chr(int(attrs.get("hex", ""), 16))
            except ValueError:
                return
            at = self.positions.char_at(self.parser.CurrentByteIndex)
            self.sink.add(char, at, 1)
        elif local not in _TEXT_INLINE:
            self.code_depth = 1

    def inline_end(self, local: str) -> None:
        self.inline_depth -= 1
        if self.code_depth:
            self.code_depth -= 1
        elif local == "mrk" and self.marks:
            self.marks.pop()

    def open_sink(self, key: str) -> None:
        self.sink = self.texts[key] = _Text()
        self.marks, self.code_depth, self.inline_depth = [], 0, 0

    # -- the formats -----------------------------------------------------------------------

    def root(self, local: str, attrs: dict[str, str]) -> None:
        if local == "xliff":
            version = attrs.get("version", "")
            self.kind = "xliff2" if version.startswith("2") else "xliff1"
            if self.kind == "xliff2":
                self.source_lang = attrs.get("srcLang")
                self.target_lang = attrs.get("trgLang")
        elif local == "tmx":
            self.kind = "tmx"
        else:
            raise self.error(
                f"not an XLIFF or TMX file (the root element is <{local}>)",
                self.parser.CurrentByteIndex,
            )

    def xliff1_start(self, local: str, parent: str, attrs: dict[str, str]) -> None:
        if local == "file":
            self.source_lang = self.source_lang or attrs.get("source-language")
            self.target_lang = self.target_lang or attrs.get("target-language")
        elif local == "trans-unit":
            self.unit_id = attrs.get("id", str(len(self.units) + 1))
            self.unit_attrs = attrs
            self.texts = {}
            self.target_state = None
        elif parent == "trans-unit" and local in ("source", "target", "seg-source"):
            if local == "target":
                self.target_state = attrs.get("state")
            self.open_sink(local)

    def xliff1_unit(self) -> None:
        if self.unit_attrs.get("translate") == "no":
            self.excluded += 1
            return
        source, target = self.texts.get("source"), self.texts.get("target")
        if self.target_state in _UNTRANSLATED:
            target = None
        segmented = self.texts.get("seg-source")
        if segmented is not None and segmented.marks:
            targets = target.marks if target is not None else {}
            for mid, text in segmented.marks.items():
                self.add_unit(f"{self.unit_id}/{mid}", text, targets.get(mid))
        else:
            self.add_unit(self.unit_id, source, target)

    def add_unit(self, unit_id: str, source: _Text | None, target: _Text | None) -> None:
        located = source.located() if source is not None else None
        if located is None:
            self.excluded += 1  # nothing to translate
            return
        self.units.append(Unit(unit_id, located, target.located() if target else None))

    def xliff2_start(self, local: str, parent: str, attrs: dict[str, str]) -> None:
        if local == "unit":
            self.unit_id = attrs.get("id", str(len(self.units) + 1))
            self.unit_attrs = dict(attrs)
            self.segments = []
            self.texts = {}
        elif local == "segment":
            self.unit_attrs["segment"] = attrs.get("id", str(len(self.segments) + 1))
            self.target_state = attrs.get("state")
            self.texts = {}
        elif parent == "segment" and local in ("source", "target"):
            self.open_sink(local)

    def xliff2_unit(self) -> None:
        if self.unit_attrs.get("translate") == "no":
            self.excluded += len(self.segments) or 1
            return
        for segment_id, source, target, _state in self.segments:
            unit_id = self.unit_id if len(self.segments) == 1 else f"{self.unit_id}/{segment_id}"
            self.add_unit(unit_id, source, target)

    def tmx_start(self, local: str, parent: str, attrs: dict[str, str]) -> None:
        if local == "header":
            srclang = attrs.get("srclang")
            self.source_lang = srclang if srclang and srclang != "*all*" else None
        elif local == "tu":
            self.unit_id = attrs.get("tuid", str(len(self.units) + 1))
            self.unit_attrs = attrs
            self.texts = {}
        elif local == "tuv":
            self.tuv_lang = attrs.get(_XML_LANG) or attrs.get("lang")
        elif local == "seg" and parent == "tuv" and self.tuv_lang:
            self.open_sink(self.tuv_lang)

    def tmx_unit(self) -> None:
        languages = list(self.texts)
        source_lang = self.given_source or self.unit_attrs.get("srclang") or self.source_lang
        if source_lang == "*all*":
            source_lang = self.given_source
        source_key = _pick(languages, source_lang)
        if source_key is None:
            raise InputError(
                T_(
                    "translation unit {unit_id!r} has no variant in the source language "
                    "({value})",
                    unit_id=self.unit_id, value=source_lang or 'not given: say it with --source-lang',
                ), self.path,
            )
        others = [lang for lang in languages if lang != source_key]
        target_key = _pick(others, self.given_target) if self.given_target else None
        if target_key is None and len(others) == 1 and not self.given_target:
            target_key = others[0]
        if target_key is None and len(others) > 1:
            raise InputError(
                T_(
                    "translation unit {unit_id!r} has variants in {value}: say which is the "
                    "target with --lang",
                    unit_id=self.unit_id, value=', '.join(others),
                ), self.path,
            )
        self.source_lang = self.source_lang or source_key
        if target_key is not None:
            self.target_lang = self.target_lang or target_key
        elif self.given_target:
            self.target_lang = self.given_target
        self.add_unit(
            self.unit_id, self.texts[source_key],
            self.texts.get(target_key) if target_key else None,
        )


def _pick(languages: list[str], wanted: str | None) -> str | None:
    """The language of ``languages`` that ``wanted`` names: the same tag (any case), else the
    same primary language."""
    if wanted is None:
        return None
    lowered = wanted.lower().replace("_", "-")
    for lang in languages:
        if lang.lower().replace("_", "-") == lowered:
            return lang
    primary = lowered.split("-")[0]
    for lang in languages:
        if lang.lower().replace("_", "-").split("-")[0] == primary:
            return lang
    return None
