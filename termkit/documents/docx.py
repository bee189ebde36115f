"""Word documents (``.docx``): their text, review comments on findings, and fixes in place.

A ``.docx`` is a zip of XML parts. termkit reads the parts itself, with :mod:`zipfile` and expat
(as the XLIFF reader does), rather than through python-docx: expat reports the byte offset of every
event, so each character of the text read is tied to the bytes it came from, and comments and
fixes are written by splicing those bytes. Nothing else of the part is re-serialised, and every
other part of the package is copied as it was (python-docx writes every part anew when it saves,
which would rewrite the whole package). python-docx is what the tests reload written files with.

What is text, in document order: the body's paragraphs (tables cell by cell, a text box's
paragraphs after the paragraph that anchors it), then the footnotes, then the endnotes, then (with
``parts``) headers and footers. Tracked changes read as accepted: deleted and moved-away runs are
out, inserted ones in. Comments, field instructions and the fallback copy of a text box
(``mc:Fallback``) are not text. A tab reads as a tab, a line break as a line break (``\\n``, one
space to the matcher, nothing between two Han characters).

Locations: paragraph ``k`` (1-based, in the order above, empty paragraphs counted) is line ``k``,
and the column counts characters in the paragraph.
"""

from __future__ import annotations

import io
import re
import shutil
import warnings
import zipfile
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import cached_property
from xml.parsers import expat
from xml.sax.saxutils import escape, quoteattr

from termkit.documents import DEFAULT_DOCX_PARTS, DOCX_PARTS
from termkit.errors import InputError
from termkit.i18n import T_

__all__ = [
    "DOCX_PARTS",
    "DocxDocument",
    "DocxParagraph",
    "read_docx",
]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_STRICT_REL = "http://purl.oclc.org/ooxml/officeDocument/relationships/"
_COMMENTS_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"


# A zip bomb's parts inflate a thousandfold: no part, and not all together, may inflate past this.
MAX_PART_SIZE = 128 << 20
MAX_PACKAGE_SIZE = 2048 << 20  # with its pictures; only the XML is inflated to read it

# Elements whose content is not the text as it reads with changes accepted, or not text at all.
_SKIPPED = frozenset({
    (W_NS, "del"), (W_NS, "moveFrom"), (W_NS, "instrText"), (W_NS, "delInstrText"),
    (_MC_NS, "Fallback"), (W_NS, "comment"), (W_NS, "rt"),  # rt: a ruby's phonetic guide
})
_DECLARED = re.compile(rb"""<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_SEPARATOR_NOTES = frozenset({"separator", "continuationSeparator", "continuationNotice"})
_RUN_CHARACTERS = {"tab": "\t", "br": "\n", "cr": "\n", "noBreakHyphen": "\u2011",
                   "softHyphen": "\u00ad"}


@dataclass
class _Run:
    """A ``<w:r>`` as read: where it starts and ends in the part, and its properties' bytes."""

    start: int
    depth: int
    end: int = -1
    children: int = 0  # direct children other than <w:rPr>
    rpr: bytes = b""
    rpr_start: int = -1


@dataclass
class _T:
    """A ``<w:t>``: its text and where each stretch of it is in the part's bytes."""

    run: _Run
    tag_start: int  # the start tag, for adding xml:space="preserve"
    tag_end: int
    preserve: bool
    child: int  # its index among the run's children other than <w:rPr>
    text: str = ""
    # (char offset in text, byte offset, literal?, byte width): a literal stretch maps one UTF-8
    # encoding to one, a reference (&amp;) stands for one character
    pieces: list[tuple[int, int, bool, int]] = field(default_factory=list)
    content_end: int = -1

    def byte_at(self, k: int) -> int:
        """The byte offset in the part of character ``k`` of the text (``len`` allowed)."""
        if not self.pieces:
            return self.tag_end
        index = bisect_right([p[0] for p in self.pieces], k) - 1
        if index < 0:
            return self.pieces[0][1]
        start, byte, literal, width = self.pieces[index]
        if literal:
            return byte + len(self.text[start:k].encode("utf-8"))
        return byte if k == start else byte + width

    @property
    def first_in_run(self) -> bool:
        return self.child == 0

    @property
    def last_in_run(self) -> bool:
        return self.child == self.run.children - 1


@dataclass(frozen=True)
class _Piece:
    """A stretch of a paragraph's text: from a ``<w:t>`` (``t``), or a tab or break (``t`` None)."""

    start: int
    text: str
    t: _T | None

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass
class DocxParagraph:
    """One paragraph: its part (``word/document.xml``…), which text it is and its pieces."""

    part: str
    kind: str  # body, footnotes, endnotes, headers, footers
    pieces: list[_Piece] = field(default_factory=list)
    length: int = 0
    nested: list[DocxParagraph] = field(default_factory=list)  # a text box's, read after it

    @property
    def text(self) -> str:
        return "".join(piece.text for piece in self.pieces)

    def add(self, text: str, t: _T | None) -> None:
        if text:
            self.pieces.append(_Piece(self.length, text, t))
            self.length += len(text)


@dataclass(frozen=True)
class DocxDocument:
    """A Word document read: its package, its paragraphs and the text termkit checks."""

    path: str
    data: bytes
    package: _Package
    paragraphs: tuple[DocxParagraph, ...]
    prefixes: dict[str, str]  # part -> the prefix its WordprocessingML elements use
    parts_read: tuple[str, ...] = DEFAULT_DOCX_PARTS  # which kinds of text were read
    max_id: int = -1  # the largest w:id in the parts read (new ones go above it)

    @property
    def text(self) -> str:
        """The paragraphs, a blank line between two (what the matcher reads)."""
        return "\n\n".join(paragraph.text for paragraph in self.paragraphs)

    @property
    def display_text(self) -> str:
        """Paragraph ``k`` on line ``k`` (for showing a finding's context)."""
        return "\n".join(
            paragraph.text.replace("\n", " ") for paragraph in self.paragraphs
        )

    @cached_property
    def starts(self) -> list[int]:
        """Where each paragraph starts in :attr:`text` (worked out once: every finding's
        comment or fix is located with it)."""
        starts, position = [], 0
        for paragraph in self.paragraphs:
            starts.append(position)
            position += paragraph.length + 2
        return starts

    def line_col(self) -> Callable[[int], tuple[int, int]]:
        """Offset in :attr:`text` → (paragraph number, column in the paragraph), 1-based."""
        starts = self.starts

        def line_col(offset: int) -> tuple[int, int]:
            index = max(bisect_right(starts, offset) - 1, 0)
            return index + 1, offset - starts[index] + 1

        return line_col

    def locate(self, start: int, end: int) -> tuple[DocxParagraph, int, int]:
        """The paragraph of ``text[start:end]`` and the span in it."""
        starts = self.starts
        index = max(bisect_right(starts, start) - 1, 0)
        return self.paragraphs[index], start - starts[index], end - starts[index]


# -- the package -------------------------------------------------------------------------------


@dataclass
class _Package:
    """The zip's entries in order, its XML parts inflated (size-capped); the other parts (media)
    are not read, and are copied from ``data`` when the package is written."""

    data: bytes
    infos: list[zipfile.ZipInfo]
    parts: dict[str, bytes]

    @classmethod
    def read(cls, data: bytes, path: str) -> _Package:
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile:
            raise InputError(T_("not a Word document (not a zip file)"), path) from None
        parts: dict[str, bytes] = {}
        try:
            with archive:
                infos = archive.infolist()
                # the sizes the directory declares bound what inflating can produce (zipfile
                # stops there, and a lying entry fails its CRC)
                if sum(info.file_size for info in infos) > MAX_PACKAGE_SIZE:
                    raise InputError(
                        T_("the document's parts inflate past {size} MiB (a zip bomb?)",
                           size=MAX_PACKAGE_SIZE >> 20),
                        path,
                    )
                for info in infos:
                    if info.is_dir() or not info.filename.endswith((".xml", ".rels")):
                        continue
                    if info.file_size > MAX_PART_SIZE:
                        raise _too_big(info.filename, path)
                    with archive.open(info) as member:
                        content = member.read(MAX_PART_SIZE + 1)
                    if len(content) > MAX_PART_SIZE:
                        raise _too_big(info.filename, path)
                    parts[info.filename] = content
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError,
                RuntimeError) as error:  # RuntimeError: an encrypted entry
            raise InputError(
                T_("a damaged Word document: {reason}", reason=error), path
            ) from None
        return cls(data, infos, parts)

    def write(self, changed: dict[str, bytes]) -> bytes:
        """The package with ``changed`` parts replaced or added, every other part as it was."""
        out = io.BytesIO()
        with warnings.catch_warnings(), zipfile.ZipFile(io.BytesIO(self.data)) as source, \
                zipfile.ZipFile(out, "w") as archive:
            warnings.simplefilter("ignore")  # a duplicate name is copied as it came
            for info in self.infos:
                if info.is_dir():
                    archive.writestr(info, b"")
                elif info.filename in changed or info.filename in self.parts:
                    archive.writestr(
                        info, changed.get(info.filename, self.parts[info.filename]),
                        compress_type=info.compress_type,
                    )
                else:
                    with source.open(info) as reader, archive.open(_copy(info), "w") as writer:
                        shutil.copyfileobj(reader, writer)
            for name, content in changed.items():
                if name not in self.parts:
                    archive.writestr(name, content, compress_type=zipfile.ZIP_DEFLATED)
        return out.getvalue()


def _copy(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    """A new entry like ``info`` (its name, time, compression, attributes) to write into."""
    copy = zipfile.ZipInfo(info.filename, info.date_time)
    copy.compress_type = info.compress_type
    copy.external_attr = info.external_attr
    copy.create_system = info.create_system
    copy.comment = info.comment
    return copy


def _too_big(name: str, path: str) -> InputError:
    return InputError(
        T_("a part of the document ({name}) inflates past {size} MiB (a zip bomb?)",
           name=name, size=MAX_PART_SIZE >> 20),
        path,
    )


def _rels_name(part: str) -> str:
    folder, _slash, name = part.rpartition("/")
    return f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"


def _resolve(part: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    folder = part.rpartition("/")[0]
    names = [*(folder.split("/") if folder else []), *target.split("/")]
    resolved: list[str] = []
    for name in names:
        if name == "..":
            if resolved:
                resolved.pop()
        elif name not in ("", "."):
            resolved.append(name)
    return "/".join(resolved)


def _relationships(
    package: _Package, part: str, path: str, *, external: bool = False
) -> list[tuple[str, str, str]]:
    """(id, type's last word, target part) of a part's relationships, in order (with
    ``external``, those to outside the package too: their target is not a part)."""
    data = package.parts.get(_rels_name(part))
    if data is None:
        return []
    found: list[tuple[str, str, str]] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        if name == f"{_PKG_REL_NS} Relationship" and (
            external or attrs.get("TargetMode") != "External"
        ):
            kind = attrs.get("Type", "")
            for base in (_REL, _STRICT_REL):
                if kind.startswith(base):
                    kind = kind[len(base):]
            found.append((attrs.get("Id", ""), kind, _resolve(part, attrs.get("Target", ""))))

    _parse(data, _rels_name(part), path, start=start)
    return found


def _parse(
    data: bytes,
    part: str,
    path: str,
    *,
    start: Callable[[str, dict[str, str]], None] | None = None,
    end: Callable[[str], None] | None = None,
    characters: Callable[[str], None] | None = None,
    parser: expat.XMLParserType | None = None,
) -> None:
    parser = parser or expat.ParserCreate(namespace_separator=" ")

    def refuse_entity(name: str, *_args: object) -> None:
        raise InputError(
            T_("{part}: entity declarations are not accepted (<!ENTITY {name}>)",
               part=part, name=name),
            path,
        )

    parser.EntityDeclHandler = refuse_entity
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    if start is not None:
        parser.StartElementHandler = start
    if end is not None:
        parser.EndElementHandler = end
    if characters is not None:
        parser.CharacterDataHandler = characters
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        raise InputError(
            T_("{part}, line {line}, column {column}: {reason}", part=part,
               line=error.lineno, column=error.offset + 1,
               reason=expat.errors.messages[error.code]),
            path,
        ) from None


# -- reading a part ----------------------------------------------------------------------------


def _tag_end(data: bytes, start: int) -> int:
    """The offset just past the tag that starts at ``start`` (quotes respected)."""
    quote = 0
    for index in range(start + 1, len(data)):
        byte = data[index]
        if quote:
            if byte == quote:
                quote = 0
        elif byte in (0x22, 0x27):
            quote = byte
        elif byte == 0x3E:
            return index + 1
    return len(data)


class _PartReader:
    """The expat handlers that read one part's paragraphs."""

    def __init__(self, data: bytes, part: str, kind: str) -> None:
        self.data, self.part, self.kind = data, part, kind
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.namespace_prefixes = True
        self.depth = 0
        self.skip_depth = 0
        self.paragraphs: list[DocxParagraph] = []
        self.open: list[DocxParagraph] = []
        self.runs: list[_Run] = []
        self.t: _T | None = None
        self.t_depth = -1
        self.prefix = "w"
        self.max_id = -1

    def read(self, path: str) -> list[DocxParagraph]:
        declared = _DECLARED.match(self.data.removeprefix(b"\xef\xbb\xbf"))
        if not self.data.startswith((b"<", b"\xef\xbb\xbf")) or (
            declared and declared.group(1).lower().replace(b"-", b"") != b"utf8"
        ):
            raise InputError(
                T_("{part}: only UTF-8 parts are read", part=self.part), path
            )
        _parse(self.data, self.part, path, start=self.start, end=self.end,
               characters=self.characters, parser=self.parser)
        return self.paragraphs

    def start(self, name: str, attrs: dict[str, str]) -> None:
        self.depth += 1
        if self.skip_depth:
            return
        ns, local, prefix = [*name.split(" "), "", ""][:3]
        # with namespace prefixes on, attribute names carry theirs too: "uri local prefix"
        attrs = {" ".join(key.split(" ")[:2]): value for key, value in attrs.items()}
        identifier = attrs.get(f"{W_NS} id")
        if identifier is not None and identifier.lstrip("-").isdigit():
            self.max_id = max(self.max_id, int(identifier))
        if (ns, local) in _SKIPPED or (
            ns == W_NS and local in ("footnote", "endnote")
            and attrs.get(f"{W_NS} type") in _SEPARATOR_NOTES
        ):
            self.skip_depth = self.depth
            return
        if ns != W_NS:
            return
        if self.depth == 1:
            self.prefix = prefix
        byte = self.parser.CurrentByteIndex
        run = self.runs[-1] if self.runs else None
        child_of_run = run is not None and run.depth == self.depth - 1
        if local == "p":
            self.open.append(DocxParagraph(self.part, self.kind))
        elif local == "r":
            self.runs.append(_Run(byte, self.depth))
        elif child_of_run and run is not None:
            if local == "rPr":
                run.rpr_start = byte
                return
            run.children += 1
            if local == "t" and self.open:
                preserve = attrs.get("http://www.w3.org/XML/1998/namespace space") == "preserve"
                self.t = _T(run, byte, _tag_end(self.data, byte), preserve, run.children - 1)
                self.t_depth = self.depth
            elif local in _RUN_CHARACTERS and self.open:
                self.open[-1].add(_RUN_CHARACTERS[local], None)

    def end(self, name: str) -> None:
        depth = self.depth
        self.depth -= 1
        if self.skip_depth:
            if depth == self.skip_depth:
                self.skip_depth = 0
            return
        ns, local = [*name.split(" "), ""][:2]
        if ns != W_NS:
            return
        byte = self.parser.CurrentByteIndex
        if local == "t" and self.t is not None and depth == self.t_depth:
            t = self.t
            t.content_end = byte if self.data.startswith(b"</", byte) else t.tag_end
            if self.open:
                self.open[-1].add(t.text, t)
            self.t, self.t_depth = None, -1
        elif local == "rPr" and self.runs and self.runs[-1].depth == depth - 1:
            run = self.runs[-1]
            run.rpr = self.data[run.rpr_start:self._element_end(byte)]
        elif local == "r" and self.runs and self.runs[-1].depth == depth:
            run = self.runs.pop()
            run.end = self._element_end(byte)
        elif local == "p" and self.open:
            paragraph = self.open.pop()
            if self.open:
                self.open[-1].nested.append(paragraph)
            else:
                self._emit(paragraph)

    def _emit(self, paragraph: DocxParagraph) -> None:
        nested, paragraph.nested = paragraph.nested, []
        self.paragraphs.append(paragraph)
        for inner in nested:
            self._emit(inner)

    def _element_end(self, byte: int) -> int:
        return _tag_end(self.data, byte)

    def characters(self, data: str) -> None:
        t = self.t
        if t is None or self.skip_depth or self.depth != self.t_depth:
            return
        byte = self.parser.CurrentByteIndex
        raw = data.encode("utf-8")
        if self.data.startswith(raw, byte):
            t.pieces.append((len(t.text), byte, True, len(raw)))
        else:  # a character reference (&amp;, &#x4E2D;) or a CRLF read as one line break
            semicolon = self.data.find(b";", byte)
            width = semicolon + 1 - byte if self.data.startswith(b"&", byte) else 2
            for offset in range(len(data)):
                t.pieces.append((len(t.text) + offset, byte, False, width))
        t.text += data


def read_docx(data: bytes, path: str, parts: Sequence[str] = DEFAULT_DOCX_PARTS) -> DocxDocument:
    """Read a ``.docx`` file's text. Raises :class:`InputError` (one line) for a file that is
    not a Word document, is damaged, or holds parts that inflate past the size cap."""
    package = _Package.read(data, path)
    main = next(
        (target for _id, kind, target in _relationships(package, "", path)
         if kind == "officeDocument"),
        "word/document.xml",
    )
    if main not in package.parts:
        raise InputError(T_("not a Word document (no {part} in it)", part=main), path)
    related = _relationships(package, main, path)
    plan = [("body", main)]
    for kind, relation in (("footnotes", "footnotes"), ("endnotes", "endnotes"),
                           ("headers", "header"), ("footers", "footer")):
        plan += [(kind, target) for _id, rel, target in related
                 if rel == relation and target in package.parts]
    paragraphs: list[DocxParagraph] = []
    prefixes: dict[str, str] = {}
    max_id = -1
    for kind, part in plan:
        if kind not in parts:
            continue
        reader = _PartReader(package.parts[part], part, kind)
        paragraphs += reader.read(path)
        prefixes[part] = reader.prefix
        max_id = max(max_id, reader.max_id)
    return DocxDocument(
        path, data, package, tuple(paragraphs), prefixes, tuple(parts), max_id
    )


# -- writing -----------------------------------------------------------------------------------

_Splice = tuple[int, int, bytes]  # replace data[start:end] with the bytes


def _apply(data: bytes, splices: list[_Splice]) -> bytes:
    out, position = [], 0
    for start, end, replacement in sorted(splices, key=lambda s: (s[0], s[1])):
        if start < position:
            raise ValueError("overlapping edits")
        out += [data[position:start], replacement]
        position = end
    out.append(data[position:])
    return b"".join(out)


def _xml_text(text: str) -> bytes:
    return escape(text).encode("utf-8")


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _max_ids(document: DocxDocument) -> int:
    """The largest ``w:id`` in the parts read and the comments part (new ones start above it)."""
    highest = document.max_id
    comments = _comments_part(document)
    if comments is not None and comments in document.package.parts:
        reader = _PartReader(document.package.parts[comments], comments, "")
        reader.read(document.path)
        highest = max(highest, reader.max_id)
    return highest


def _covered(paragraph: DocxParagraph, start: int, end: int) -> list[tuple[_Piece, int, int]]:
    """The pieces ``paragraph.text[start:end]`` covers, with the span in each."""
    return [
        (piece, max(start, piece.start) - piece.start, min(end, piece.end) - piece.start)
        for piece in paragraph.pieces
        if piece.start < end and piece.end > start
    ]


@dataclass(frozen=True)
class Replacement:
    """A fix to write: ``text[start:end]`` of :attr:`DocxDocument.text` becomes ``new``."""

    start: int
    end: int
    new: str


def replace_text(
    document: DocxDocument, replacements: Sequence[Replacement], *, track_changes: bool = False,
    author: str = "termkit",
) -> tuple[bytes, list[Replacement], list[tuple[Replacement, str]]]:
    """The package with ``replacements`` made in the runs that hold the text: the replacement
    goes into the first run (keeping its formatting) and the rest of the old text leaves the
    others. A replacement whose text crosses runs formatted differently, or a tab or a break,
    is refused with the reason. With ``track_changes`` each is a tracked deletion and insertion.
    Returns the new package's bytes, the replacements made and those refused."""
    splices: dict[str, list[_Splice]] = {}
    done: list[Replacement] = []
    refused: list[tuple[Replacement, str]] = []
    next_id = _max_ids(document) + 1 if track_changes else 0
    date = _now()
    preserved: set[tuple[str, int]] = set()
    for replacement in replacements:
        paragraph, start, end = document.locate(replacement.start, replacement.end)
        covered = _covered(paragraph, start, end)
        if start == end:  # an insertion: in the run before it, else the one after
            covered = [(p, start - p.start, start - p.start) for p in paragraph.pieces
                       if p.t is not None and p.start < start <= p.end][:1] or [
                (p, 0, 0) for p in paragraph.pieces if p.t is not None and p.start == start][:1]
        if not covered:
            refused.append((replacement, T_("no text of the document is there")))
            continue
        if any(piece.t is None for piece, _s, _e in covered):
            refused.append((replacement, T_("the text crosses a tab or a line break")))
            continue
        first = covered[0][0].t
        assert first is not None
        if any(piece.t is not None and piece.t.run.rpr != first.run.rpr
               for piece, _s, _e in covered):
            refused.append((replacement, T_("the text crosses runs formatted differently")))
            continue
        part = paragraph.part
        prefix = document.prefixes.get(part, "w")
        edits = splices.setdefault(part, [])
        old = "".join(piece.text[s:e] for piece, s, e in covered)
        for index, (piece, s, e) in enumerate(covered):
            t = piece.t
            assert t is not None
            low, high = t.byte_at(s), t.byte_at(e)
            if index:
                edits.append((low, high, b""))
                continue
            if track_changes:
                new = _tracked(prefix, old, replacement.new, first.run.rpr, next_id, author, date)
                next_id += 2
                edits.append((low, high, new))
                if not t.preserve and (part, t.tag_start) not in preserved:
                    preserved.add((part, t.tag_start))
                    edits.append(_preserve(document.package.parts[part], t))
            else:
                edits.append((low, high, _xml_text(replacement.new)))
                after = t.text[:s] + replacement.new + t.text[e:]
                if (not t.preserve and after != after.strip()
                        and (part, t.tag_start) not in preserved):
                    preserved.add((part, t.tag_start))
                    edits.append(_preserve(document.package.parts[part], t))
        done.append(replacement)
    changed = {
        part: _apply(document.package.parts[part], edits) for part, edits in splices.items()
    }
    return document.package.write(changed), done, refused


def _preserve(data: bytes, t: _T) -> _Splice:
    """Add ``xml:space="preserve"`` to a ``<w:t>`` start tag."""
    tag = data[t.tag_start:t.tag_end]
    closing = 2 if tag.endswith(b"/>") else 1
    insert = t.tag_end - closing
    return (insert, insert, b' xml:space="preserve"')


class _Names:
    """Element and attribute names for markup spliced into a part whose WordprocessingML
    elements use ``prefix`` (``w`` mostly; empty: the default namespace, where attributes still
    need a prefix, declared on the element that carries them)."""

    def __init__(self, prefix: str) -> None:
        self.element = f"{prefix}:" if prefix else ""
        self.attribute = f"{prefix}:" if prefix else "w:"
        self.declare = "" if prefix else f' xmlns:w="{W_NS}"'

    def start(self, name: str, attributes: str = "", *, empty: bool = False) -> bytes:
        """A start tag (``attributes``: ``name="value"`` pairs, their names unprefixed)."""
        found = _PAIRS.findall(attributes)
        pairs = " ".join(pair if pair.startswith("xml:") else f"{self.attribute}{pair}"
                         for pair in found)
        declare = self.declare if any(not pair.startswith("xml:") for pair in found) else ""
        tail = "/>" if empty else ">"
        return f"<{self.element}{name}{declare}{' ' + pairs if pairs else ''}{tail}".encode()

    def end(self, *names: str) -> bytes:
        return "".join(f"</{self.element}{name}>" for name in names).encode()


_PAIRS = re.compile(r"""[\w:]+=(?:"[^"]*"|'[^']*')""")


def _tracked(
    prefix: str, old: str, new: str, rpr: bytes, first_id: int, author: str, date: str
) -> bytes:
    n = _Names(prefix)
    who = f"author={quoteattr(author)} date=\"{date}\""
    opened = n.start("r") + rpr
    parts = [
        n.end("t", "r"),
        n.start("del", f'id="{first_id}" {who}'), opened,
        n.start("delText", 'xml:space="preserve"'), _xml_text(old), n.end("delText", "r", "del"),
    ]
    if new:
        parts += [
            n.start("ins", f'id="{first_id + 1}" {who}'), opened,
            n.start("t", 'xml:space="preserve"'), _xml_text(new), n.end("t", "r", "ins"),
        ]
    parts += [opened, n.start("t", 'xml:space="preserve"')]
    return b"".join(parts)


def _append_to_root(data: bytes, insertion: bytes) -> bytes:
    """``data`` (an XML part) with ``insertion`` as the last children of its root element, an
    empty root (``<Types .../>``) opened for them."""
    stripped = data.rstrip()
    if stripped.endswith(b"/>"):
        opening = stripped.rfind(b"<")
        if opening != -1 and not stripped.startswith(b"<?", opening):
            name = stripped[opening + 1:].split(None, 1)[0].rstrip(b"/>")
            return (stripped[:-2].rstrip() + b">" + insertion + b"</" + name + b">"
                    + data[len(stripped):])
    close = data.rfind(b"</")
    if close == -1:
        raise ValueError("no root element")
    return data[:close] + insertion + data[close:]


# -- comments ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Comment:
    """A review comment on ``text[start:end]`` of :attr:`DocxDocument.text`."""

    start: int
    end: int
    text: str


def _comments_part(document: DocxDocument) -> str | None:
    main = next(iter(document.prefixes), None)
    if main is None:
        return None
    for _id, kind, target in _relationships(document.package, main, document.path):
        if kind == "comments":
            return target
    return None


def add_comments(
    document: DocxDocument, comments: Sequence[Comment], *, author: str = "termkit",
    initials: str = "tk",
) -> tuple[bytes, list[Comment]]:
    """The package with one Word comment per item, anchored on the runs of its text (runs split
    at the span's edges, their formatting kept). Returns the bytes and the comments that could
    not be anchored (text in a header or footer: Word keeps no comments there)."""
    main = next(iter(document.prefixes))
    package = document.package
    next_id = _max_ids(document) + 1
    date = _now()
    splices: dict[str, list[_Splice]] = {}
    left: list[Comment] = []
    written: list[tuple[int, str]] = []
    preserved: set[tuple[str, int]] = set()
    for comment in comments:
        paragraph, start, end = document.locate(comment.start, comment.end)
        if paragraph.kind in ("headers", "footers"):
            left.append(comment)
            continue
        texts = [p for p in paragraph.pieces if p.t is not None]
        if not texts:
            left.append(comment)
            continue
        part = paragraph.part
        data = package.parts[part]
        prefix = document.prefixes.get(part, "w")
        n = _Names(prefix)
        identifier = next_id
        next_id += 1
        edits = splices.setdefault(part, [])
        begin = n.start("commentRangeStart", f'id="{identifier}"', empty=True)
        finish = (n.start("commentRangeEnd", f'id="{identifier}"', empty=True) + n.start("r")
                  + n.start("commentReference", f'id="{identifier}"', empty=True) + n.end("r"))
        # the start: in the first text piece that ends after it; the end: the last that starts
        # before it
        first = next((p for p in texts if p.end > start), texts[-1])
        last = next((p for p in reversed(texts) if p.start < end), texts[0])
        for piece, at, marker, opening in (
            (first, max(start - first.start, 0), begin, True),
            (last, min(end - last.start, len(last.text)), finish, False),
        ):
            t = piece.t
            assert t is not None
            if opening and at == 0 and t.first_in_run:
                edits.append((t.run.start, t.run.start, marker))
            elif not opening and at == len(t.text) and t.last_in_run:
                edits.append((t.run.end, t.run.end, marker))
            else:
                byte = t.byte_at(at)
                edits.append((byte, byte, _split(prefix, t.run.rpr, marker)))
                if not t.preserve and (part, t.tag_start) not in preserved:
                    preserved.add((part, t.tag_start))
                    edits.append(_preserve(data, t))
        written.append((identifier, comment.text))
    changed = {part: _apply(package.parts[part], edits) for part, edits in splices.items()}
    if written:
        changed.update(_comment_parts(document, main, written, author, initials, date))
    return package.write(changed), left


def _split(prefix: str, rpr: bytes, marker: bytes) -> bytes:
    n = _Names(prefix)
    return n.end("t", "r") + marker + n.start("r") + rpr + n.start("t", 'xml:space="preserve"')


def _comment_parts(
    document: DocxDocument, main: str, written: list[tuple[int, str]], author: str,
    initials: str, date: str,
) -> dict[str, bytes]:
    """The comments part (new, or with the comments added) and, for a new one, its
    relationship and content type."""
    package = document.package
    existing = _comments_part(document)
    data = package.parts.get(existing) if existing is not None else None
    prefix = "w"
    if data is not None:
        root = re.search(rb"<([\w.-]+:)?comments[\s>/]", data)
        prefix = root.group(1)[:-1].decode() if root and root.group(1) else ""
    n = _Names(prefix)

    def comment(identifier: int, text: str) -> bytes:
        attributes = (f'id="{identifier}" author={quoteattr(author)} date="{date}" '
                      f"initials={quoteattr(initials)}")
        paragraphs = b"".join(
            n.start("p") + n.start("r") + n.start("t", 'xml:space="preserve"') + _xml_text(line)
            + n.end("t", "r", "p")
            for line in text.split("\n")
        )
        return n.start("comment", attributes) + paragraphs + n.end("comment")

    elements = b"".join(comment(identifier, text) for identifier, text in written)
    if existing is not None and data is not None:
        return {existing: _append_to_root(data, elements)}
    name = _resolve(main, "comments.xml")
    body = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
            b'<w:comments xmlns:w="' + W_NS.encode() + b'">' + elements + b"</w:comments>")
    changed = {name: body}
    rels_name = _rels_name(main)
    rels = package.parts.get(rels_name)
    ids = {identifier for identifier, _kind, _target
           in _relationships(package, main, document.path, external=True)}
    number = len(ids) + 1
    while f"rId{number}" in ids:
        number += 1
    relation = (f'<Relationship Id="rId{number}" Type="{_REL}comments" '
                f'Target="comments.xml"/>').encode()
    if rels is None:
        changed[rels_name] = (
            b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Relationships xmlns="'
            + _PKG_REL_NS.encode() + b'">' + relation + b"</Relationships>"
        )
    else:
        changed[rels_name] = _append_to_root(rels, relation)
    types = package.parts.get("[Content_Types].xml")
    override = (f'<Override PartName="/{name}" ContentType="{_COMMENTS_TYPE}"/>').encode()
    if types is None:
        raise ValueError("no [Content_Types].xml in the package")
    if f'PartName="/{name}"'.encode() not in types:
        changed["[Content_Types].xml"] = _append_to_root(types, override)
    return changed
