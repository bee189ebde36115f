"""From a document's text to what the matcher scans: masked, normalised, in paragraphs.

Two ways in:

- the hot path, :func:`normalize_document`: one :class:`NormalizedText` for the whole document,
  its paragraphs separated by ``\\n``; scan ``.text`` once, map hits back with
  ``.span_to_original``, find a hit's paragraph with ``.paragraph_at`` and its language with
  :class:`Languages` (computed only for paragraphs that have hits);
- :func:`prepare`: the same as a list of :class:`Paragraph` objects, for callers that work
  paragraph by paragraph (glossary, extract).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import PurePath

from termkit.text.languages import LanguageRun, language_runs
from termkit.text.markdown import mask_markdown, mask_urls
from termkit.text.normalize import KeepHyphen, NormalizedText, normalize

__all__ = [
    "MARKDOWN_SUFFIXES",
    "Paragraph",
    "is_markdown_path",
    "normalize_document",
    "paragraphs",
    "prepare",
    "split_paragraphs",
]

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd", ".mkdn"})


def is_markdown_path(path: str | PurePath) -> bool:
    """Does the file name say Markdown (``.md``, ``.markdown``…, any case)?"""
    return PurePath(path).suffix.lower() in MARKDOWN_SUFFIXES


def normalize_document(
    text: str, *, markdown: bool, keep_hyphen: KeepHyphen | None = None, blocks: bool = False
) -> NormalizedText:
    """Mask what is not prose, then normalise the whole document (paragraphs joined by ``\\n``).

    Plain text has its URLs masked and its PDF-broken paragraphs joined; Markdown has its code,
    link targets, comments and URLs masked, and its blank lines always separate paragraphs.
    ``to_original`` of the result gives offsets in ``text``. With ``blocks`` the text is that of
    a structured document (Word, HTML: ``termkit.documents``), already masked, whose paragraphs
    are its blocks: they are never joined.
    """
    if blocks:
        return normalize(text, keep_hyphen=keep_hyphen, join_paragraphs=False, source=text)
    masked = mask_markdown(text) if markdown else mask_urls(text)
    return normalize(masked, keep_hyphen=keep_hyphen, join_paragraphs=not markdown, source=text)


@dataclass(frozen=True)
class Paragraph:
    """One paragraph: its span ``start:end`` in the document text and its normalised text.

    ``normalized.to_original`` gives offsets in the document text, not in the paragraph.
    ``runs`` (offsets in ``normalized.text``) is computed on first use.
    """

    start: int
    end: int
    normalized: NormalizedText = field(compare=False)
    latin_lang: str = "en"
    han_lang: str = "zh"

    @property
    def text(self) -> str:
        """The normalised text (``normalized.text``)."""
        return self.normalized.text

    @cached_property
    def runs(self) -> list[LanguageRun]:
        """The language runs of the normalised text (see :func:`language_runs`)."""
        return language_runs(self.text, latin_lang=self.latin_lang, han_lang=self.han_lang)


def paragraphs(
    normalized: NormalizedText, *, latin_lang: str = "en", han_lang: str = "zh"
) -> list[Paragraph]:
    """The paragraphs of a normalised document, in order."""
    spans = normalized.paragraph_spans()
    firsts = normalized.to_original_all([start for start, _ in spans])
    # a paragraph ends after its last character (paragraphs are never empty)
    lasts = map(normalized.end_after, normalized.to_original_all([end - 1 for _, end in spans]))
    return [
        Paragraph(first, last, normalized.slice(start, end), latin_lang, han_lang)
        for (start, end), first, last in zip(spans, firsts, lasts, strict=True)
    ]


def prepare(
    document_text: str,
    *,
    markdown: bool,
    keep_hyphen: KeepHyphen | None = None,
    latin_lang: str = "en",
    han_lang: str = "zh",
) -> list[Paragraph]:
    """The document's paragraphs, masked and normalised (see :func:`normalize_document`)."""
    normalized = normalize_document(document_text, markdown=markdown, keep_hyphen=keep_hyphen)
    return paragraphs(normalized, latin_lang=latin_lang, han_lang=han_lang)


def split_paragraphs(text: str, *, join_broken: bool = True) -> list[tuple[int, int]]:
    """``(start, end)`` in ``text`` of each paragraph, without its surrounding whitespace.

    Paragraphs are separated by blank lines; with ``join_broken`` a blank line between a CJK
    character that does not end a sentence and a CJK character does not separate them (text
    extracted from PDF: ``在联合\\n\\n国环境大会``), as :func:`normalize` does.
    """
    normalized = normalize(text, join_paragraphs=join_broken)
    spans = []
    for start, end in normalized.paragraph_spans():
        spans.append(normalized.span_to_original(start, end))
    return spans
