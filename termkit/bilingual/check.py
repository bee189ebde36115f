"""The translation check's driver: two sides analysed, the target checked against the source.

Each side is one document for the analysis layer: a bilingual file's source texts joined one
segment per paragraph, and its target texts likewise (so that the document-level rules, TK103's
consistency among them, see the whole translation), or a parallel document as it is. Findings are
then located in the file: a bilingual file's line and column of the target text, with the
segment's id and its source side.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import PurePath

from termkit.analysis import Needs, analyse_document
from termkit.analysis.pairs import Pair, Segment
from termkit.bilingual.parallel import Bead, align_lengths, paragraph_spans
from termkit.bilingual.units import BilingualFile, Located, OffsetMap, Unit
from termkit.check import check_document
from termkit.errors import InputError
from termkit.findings import Finding, SourceRef
from termkit.i18n import T_
from termkit.model import Termbase
from termkit.settings import CheckSettings
from termkit.text.lines import LineIndex

__all__ = [
    "PairCheck",
    "check_bilingual_file",
    "check_pair",
    "check_parallel",
    "check_units",
    "read_bilingual",
]

_SEPARATOR = "\n\n"  # between segments joined into one document: a paragraph each


@dataclass(frozen=True)
class PairCheck:
    """A translation check's outcome: the findings, located in the target's file (and, with
    ``check_source``, the source's), and what the segments were."""

    findings: list[Finding]
    checked: int  # segments compared
    skipped: int  # segments without a translation (untranslated, empty), not compared
    notes: tuple[str, ...] = ()  # how the documents were aligned, where not one to one

    @property
    def with_findings(self) -> int:
        return len({f.segment for f in self.findings if f.segment is not None})


def read_bilingual(
    data: bytes,
    path: str,
    termbase: Termbase,
    *,
    source_lang: str | None = None,
    target_lang: str | None = None,
    columns: Sequence[str] = (),
    encoding: str | None = None,
) -> BilingualFile:
    """A bilingual file's segments, by its suffix (``.xlf``, ``.xliff``, ``.sdlxliff``, ``.tmx``,
    ``.po``, ``.tsv``, ``.csv``). Raises :class:`InputError` for one that cannot be read."""
    suffix = PurePath(path).suffix.lower()
    if suffix == ".po":
        from termkit.bilingual.po import read_po

        return read_po(data, path, source_lang=source_lang)
    if suffix in (".tsv", ".csv"):
        from termkit.bilingual.table import read_table

        text = _decode_table(data, path, encoding)
        return read_table(
            text, path, delimiter="\t" if suffix == ".tsv" else ",",
            languages=termbase.languages, columns=columns, source_lang=source_lang,
            target_lang=target_lang,
        )
    from termkit.bilingual.xml import read_xml

    return read_xml(data, path, source_lang=source_lang, target_lang=target_lang)


def _decode_table(data: bytes, path: str, encoding: str | None) -> str:
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"),
                       (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            data, encoding = data[len(bom):], codec
            break
    try:
        return data.decode(encoding or "utf-8")
    except (UnicodeDecodeError, LookupError) as error:
        raise InputError(
            T_(
                "cannot decode as {value}: {reason}",
                value=encoding or 'utf-8', reason=error,
            ),
            path,
        ) from None


def _language(termbase: Termbase, tag: str | None, what: str, path: str) -> str:
    """The termbase language a file's (or option's) language tag names."""
    from termkit.langtags import match_language

    source = what == "source"
    if not tag:
        raise InputError(
            T_("the source language is not given: say it with --source-lang") if source
            else T_("the target language is not given: say it with --lang"),
            path,
        )
    try:
        lang = match_language(tag, list(termbase.languages))
    except ValueError:
        lang = None
    if lang is None:
        known = ", ".join(termbase.languages)
        raise InputError(
            T_("the source language {tag!r} is not one of the termbase's ({languages})",
               tag=tag, languages=known) if source
            else T_("the target language {tag!r} is not one of the termbase's ({languages})",
                    tag=tag, languages=known),
            path,
        )
    return lang


@dataclass(frozen=True)
class _Side:
    """One side of a translation check as the analysis reads it."""

    path: str
    lang: str
    text: str  # the document analysed
    markdown: bool
    file_text: str  # the file, for lines and columns
    offsets: OffsetMap | None = None  # ``text`` → ``file_text`` (None: the same text)

    def file_span(self, start: int, end: int) -> tuple[int, int]:
        if self.offsets is None:
            return start, end
        first = self.offsets(start)
        return first, (self.offsets.end_of(end - 1) if end > start else first)


def _joined(units: Sequence[Unit], target: bool) -> tuple[str, OffsetMap, list[tuple[int, int]]]:
    """The units' source (or target) texts as one document, a paragraph each."""
    parts: list[str] = []
    offsets = OffsetMap()
    spans = []
    position = 0
    for unit in units:
        located = unit.target if target else unit.source
        assert located is not None
        if parts:
            parts.append(_SEPARATOR)
            # the blank line between two segments stands where the previous one ends
            offsets.add(len(_SEPARATOR), offsets.end_of(position - 1), width=0)
            position += len(_SEPARATOR)
        parts.append(located.text)
        offsets.extend(located.map)
        spans.append((position, position + len(located.text)))
        position += len(located.text)
    return "".join(parts), offsets, spans


def check_units(
    units: Sequence[Unit | tuple[str, str, str | None]] | BilingualFile,
    termbase: Termbase,
    *,
    source_lang: str | None = None,
    target_lang: str | None = None,
    settings: CheckSettings | None = None,
    path: str = "<units>",
    check_source: bool = False,
) -> PairCheck:
    """Check each unit's target against its source.

    ``units`` is a :class:`BilingualFile` (its path, and its languages where it says them, else
    ``source_lang``/``target_lang``; its findings are located in its file), or
    ``(id, source, target)`` tuples (located in the targets, and the sources, joined one per
    paragraph: segment ``k`` starts after ``k`` blank lines; ``Finding.segment`` names it).
    A unit without a target is skipped and counted."""
    settings = settings or CheckSettings()
    file_text: str | None = None
    if isinstance(units, BilingualFile):
        # the file's own languages first: a configuration's lang is for documents
        source_lang = units.source_lang or source_lang
        target_lang = units.target_lang or target_lang
        path, file_text = units.path, units.text
        items: list[Unit] = list(units.units)
    else:
        items = [u if isinstance(u, Unit) else _plain_unit(*u) for u in units]
    source_code = _language(termbase, source_lang, "source", path)
    target_code = _language(termbase, target_lang, "target", path)
    translated = [u for u in items if u.target is not None]
    skipped = len(items) - len(translated)
    if not translated:
        return PairCheck([], 0, skipped)
    source_text, source_map, source_spans = _joined(translated, target=False)
    target_text, target_map, target_spans = _joined(translated, target=True)
    if file_text is None:
        source = _Side(path, source_code, source_text, False, source_text)
        target = _Side(path, target_code, target_text, False, target_text)
    else:
        source = _Side(path, source_code, source_text, False, file_text, source_map)
        target = _Side(path, target_code, target_text, False, file_text, target_map)
    segments = [
        Segment(unit.id, s, t)
        for unit, s, t in zip(translated, source_spans, target_spans, strict=True)
    ]
    findings = _check_sides(source, target, segments, termbase, settings, check_source)
    # the joined document is no file: its fixes cannot be applied as they stand
    findings = [replace(f, fix=None) if f.fix is not None else f for f in findings]
    return PairCheck(findings, len(translated), skipped)


def _plain_unit(unit_id: str, source: str, target: str | None) -> Unit:
    """A unit of plain texts, each character where it stands in its own text."""

    def located(text: str) -> Located:
        offsets = OffsetMap()
        offsets.add(len(text), 0)
        return Located(text, offsets)

    return Unit(unit_id, located(source), located(target) if target and target.strip() else None)


def check_bilingual_file(
    data: bytes,
    path: str,
    termbase: Termbase,
    *,
    settings: CheckSettings | None = None,
    source_lang: str | None = None,
    target_lang: str | None = None,
    columns: Sequence[str] = (),
    encoding: str | None = None,
    check_source: bool = False,
) -> tuple[BilingualFile, PairCheck]:
    """Read a bilingual file (see :func:`read_bilingual`) and check it (:func:`check_units`).
    ``source_lang`` and ``target_lang`` serve where the file does not say its languages (and
    choose among a TMX unit's or a table's several)."""
    read = read_bilingual(
        data, path, termbase, source_lang=source_lang, target_lang=target_lang,
        columns=columns, encoding=encoding,
    )
    result = check_units(
        read, termbase, source_lang=source_lang, target_lang=target_lang, settings=settings,
        check_source=check_source,
    )
    return read, result


def check_parallel(
    source_text: str,
    target_text: str,
    termbase: Termbase,
    *,
    source_lang: str,
    target_lang: str,
    source_path: str = "<source>",
    target_path: str = "<target>",
    source_markdown: bool = False,
    target_markdown: bool = False,
    settings: CheckSettings | None = None,
    check_source: bool = False,
) -> PairCheck:
    """Check a translation (``target_text``) against its source, two documents aligned
    paragraph by paragraph (see ``termkit.bilingual.parallel``). Findings are located in the
    target document (with ``check_source``, the source's findings in the source)."""
    settings = settings or CheckSettings()
    source_code = _language(termbase, source_lang, "source", source_path)
    target_code = _language(termbase, target_lang, "target", target_path)
    source_spans = paragraph_spans(source_text, markdown=source_markdown)
    target_spans = paragraph_spans(target_text, markdown=target_markdown)
    beads = align_lengths(
        [end - start for start, end in source_spans], [end - start for start, end in target_spans]
    )
    segments = []
    source_lines, target_lines = LineIndex(source_text), LineIndex(target_text)
    notes = []
    for bead in beads:
        if not bead.one_to_one:
            notes.append(_bead_note(bead, source_spans, target_spans, source_lines,
                                    target_lines, source_path, target_path))
        if not bead.source or not bead.target:
            continue
        source_span = (source_spans[bead.source[0]][0], source_spans[bead.source[-1]][1])
        target_span = (target_spans[bead.target[0]][0], target_spans[bead.target[-1]][1])
        numbers = [k + 1 for k in bead.target]
        name = f"p{numbers[0]}" + (f"-{numbers[-1]}" if len(numbers) > 1 else "")
        segments.append(Segment(name, source_span, target_span))
    source = _Side(source_path, source_code, source_text, source_markdown, source_text)
    target = _Side(target_path, target_code, target_text, target_markdown, target_text)
    findings = _check_sides(source, target, segments, termbase, settings, check_source)
    return PairCheck(findings, len(segments), 0, tuple(notes))


def _bead_note(
    bead: Bead,
    source_spans: list[tuple[int, int]],
    target_spans: list[tuple[int, int]],
    source_lines: LineIndex,
    target_lines: LineIndex,
    source_path: str,
    target_path: str,
) -> str:
    def where(indices: tuple[int, ...], spans: list[tuple[int, int]], lines: LineIndex,
              path: str) -> str:
        if not indices:
            return T_("nothing")
        first = lines.line_col(spans[indices[0]][0])[0]
        numbers = "-".join(str(k + 1) for k in (indices[0], indices[-1])[: len(indices)])
        place = path + ":" + str(first)
        if len(indices) > 1:
            return T_("paragraphs {numbers} ({place})", numbers=numbers, place=place)
        return T_("paragraph {numbers} ({place})", numbers=numbers, place=place)

    return "termkit: warning: " + T_(
        "aligned by length: source {source} with target {target}",
        source=where(bead.source, source_spans, source_lines, source_path),
        target=where(bead.target, target_spans, target_lines, target_path),
    ).translated()


def check_pair(
    source: str,
    target: str,
    termbase: Termbase,
    *,
    source_lang: str,
    target_lang: str,
    markdown: bool = False,
    settings: CheckSettings | None = None,
) -> list[Finding]:
    """The findings of ``target`` checked as a translation of ``source`` (two texts aligned
    paragraph by paragraph), located in ``target``."""
    return check_parallel(
        source, target, termbase, source_lang=source_lang, target_lang=target_lang,
        source_markdown=markdown, target_markdown=markdown, settings=settings,
    ).findings


def _check_sides(
    source: _Side,
    target: _Side,
    segments: list[Segment],
    termbase: Termbase,
    settings: CheckSettings,
    check_source: bool,
) -> list[Finding]:
    source_settings = replace(settings, lang=source.lang)
    source_analysis = analyse_document(
        source.text, termbase, source_settings, markdown=source.markdown,
        needs=Needs.OTHER_ACRONYMS,
    )
    source_lines = LineIndex(source.file_text)

    def source_location(offset: int) -> tuple[int, int]:
        return source_lines.line_col(source.file_span(offset, offset)[0])

    pair = Pair(source_analysis, segments, source.lang, target.lang, source.path,
                source_location)
    target_lines = LineIndex(target.file_text)
    checked = check_document(
        target.text, termbase, path=target.path, markdown=target.markdown,
        settings=replace(settings, lang=target.lang), pair=pair,
        line_col=_file_line_col(target, target_lines),
    )
    findings = [
        _located(f, target, target_lines, pair, segment_side="target")
        if target.offsets is not None
        else _with_segment(f, pair, f.start, "target")
        for f in _one_per_span(checked.findings)
    ]
    if check_source:
        own = check_document(
            source.text, termbase, path=source.path, markdown=source.markdown,
            settings=source_settings, line_col=_file_line_col(source, source_lines),
        )
        findings += [_located(f, source, source_lines, pair, segment_side="source")
                     for f in own.findings]
    findings.sort(key=lambda f: (f.path != target.path, f.start, f.code, f.end))
    return findings


def _file_line_col(side: _Side, lines: LineIndex) -> Callable[[int], tuple[int, int]] | None:
    """Where an offset of the side's analysed text is in its file (None: the same text)."""
    offsets = side.offsets
    if offsets is None:
        return None
    return lambda offset: lines.line_col(offsets(offset))


def _one_per_span(findings: list[Finding]) -> list[Finding]:
    """The findings less a translation rule's finding that another rule's finding already
    makes, at the same place about the same concept (TK104's near miss, TK201's other body's
    name): that one says it, and it carries the segment's source too."""
    taken = {(f.start, f.concept) for f in findings if not f.code.startswith("TK3")}
    return [
        f for f in findings if not (f.code.startswith("TK3") and (f.start, f.concept) in taken)
    ]


def _with_segment(finding: Finding, pair: Pair, offset: int, side: str) -> Finding:
    """A finding of a side's own rules with the segment it is in and that segment's source."""
    if finding.segment is not None:
        return finding
    segment = pair.segment_at(offset, side)
    if segment is None:
        return finding
    start, end = segment.source
    written = pair.source.written(start, end)
    # the source's own term of the finding's concept, where the source segment names it
    named = pair.source_occurrence((start, end), finding.concept) if finding.concept else None
    if named is not None:
        line, column = pair.source_location(named.start)
        found: str | None = pair.source.written(named.start, named.end)
    else:
        lead = len(written) - len(written.lstrip())
        line, column = pair.source_location(start + lead)
        found = None
    source = SourceRef(pair.source_path, written.strip(), found, line, column)
    return replace(finding, segment=segment.id, source=source)


def _located(
    finding: Finding, side: _Side, lines: LineIndex, pair: Pair, *, segment_side: str
) -> Finding:
    """A finding of the joined document located in the file."""
    finding = _with_segment(finding, pair, finding.start, segment_side)
    start, end = side.file_span(finding.start, finding.end)
    line, column = lines.line_col(start)
    end_line, end_column = lines.line_col(end)
    return replace(
        finding, path=side.path, line=line, column=column, end_line=end_line,
        end_column=end_column, start=start, end=end,
    )

