"""Documents that are not plain text: Word (``.docx``), HTML and PDF.

:func:`load_document` reads one into a :class:`LoadedDocument`: the text the analysis reads, how
to locate an offset of it in the file (paragraph and column in a Word document; line and column
of the file's characters in an HTML page; page, line on the page and column in a PDF), and the
text shown under a finding. The format follows the file's extension (:func:`format_of`), or
``--input-format``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import PurePath
from typing import TYPE_CHECKING

from termkit.errors import InputError
from termkit.i18n import T_

if TYPE_CHECKING:
    from termkit.documents.docx import DocxDocument
    from termkit.documents.pdf import PdfDocument
    from termkit.files import FileStamp
    from termkit.findings import Finding
    from termkit.text.document import Document

__all__ = [
    "DEFAULT_DOCX_PARTS",
    "DOCUMENT_FORMATS",
    "DOCX_PARTS",
    "INPUT_FORMATS",
    "LoadedDocument",
    "format_of",
    "load_document",
    "read_as_text",
]

DOCUMENT_FORMATS = ("docx", "html", "pdf")
"""The formats read by this package (the others are read as text)."""
INPUT_FORMATS = ("text", "markdown", "rst", *DOCUMENT_FORMATS)
"""What ``--input-format`` accepts."""
DOCX_PARTS = ("body", "footnotes", "endnotes", "headers", "footers")
"""The parts of a Word document whose text can be read (``--docx-parts``)."""
DEFAULT_DOCX_PARTS = ("body", "footnotes", "endnotes")
"""Those read unless ``--docx-parts`` says otherwise."""
_SUFFIXES = {".docx": "docx", ".html": "html", ".htm": "html", ".pdf": "pdf"}


def format_of(path: str | PurePath, given: str | None = None) -> str:
    """The format a file is read as: ``given`` (``--input-format``), else its extension's
    (``docx``, ``html``, ``pdf``), else ``text`` (plain text, Markdown and reStructuredText are
    told apart by their extensions as before)."""
    if given:
        return given
    return _SUFFIXES.get(PurePath(path).suffix.lower(), "text")


@dataclass(frozen=True)
class LoadedDocument:
    """A Word, HTML or PDF document as the analysis reads it."""

    path: str
    format: str
    text: str  # what the matcher reads (for HTML: the page masked, as long as the file)
    display: str  # shown under findings (a Word paragraph per line; a PDF's pages by \f)
    blocks: bool  # its paragraphs are blocks, never joined (Word, HTML)
    line_col: Callable[[int], tuple[int, int]] | None = None
    docx: DocxDocument | None = None
    page: PdfDocument | None = None
    html: Document | None = None  # the page as a text document, to fix and write back
    stamp: FileStamp | None = None  # the file as it was read (not replaced if it changed)

    def relocate(self, findings: Sequence[Finding]) -> list[Finding]:
        """:meth:`locate` for findings located in :attr:`text` as if it were the file (a
        translation check's): lines and columns from their offsets."""
        if self.line_col is not None:
            line_col = self.line_col
            moved = []
            for finding in findings:
                line, column = line_col(finding.start)
                end_line, end_column = line_col(max(finding.end - 1, finding.start))
                moved.append(replace(finding, line=line, column=column, end_line=end_line,
                                     end_column=end_column + 1))
            findings = moved
        return self.locate(findings)

    def locate(self, findings: Sequence[Finding]) -> list[Finding]:
        """``findings`` with their places in the file (a PDF's page, line on the page and
        column; an HTML page's found text with its tags); others are located already."""
        if self.html is not None:  # the found text as the file has it, tags and all
            source = self.html.text
            return [replace(f, found=source[f.start:f.end]) for f in findings]
        pdf = self.page
        if pdf is None:
            return list(findings)
        located = []
        for finding in findings:
            page, line, column = pdf.place(finding.start)
            end_page, end_line, end_column = pdf.place(max(finding.end - 1, finding.start))
            if end_page != page:  # across a page break: to the end of the first page's line
                end_line, end_column = line, column + len(finding.found)
            else:
                end_column += 1
            located.append(replace(  # a PDF is not fixed: its findings offer no fix
                finding, page=page, line=line, column=column, end_line=end_line,
                end_column=end_column, fix=None,
            ))
        return located


def load_document(
    path: str,
    fmt: str,
    *,
    encoding: str | None = None,
    docx_parts: Sequence[str] | None = None,
) -> LoadedDocument:
    """Read a Word, HTML or PDF file. Raises :class:`InputError` with one line for a file that
    cannot be read as that format."""
    from termkit.text.document import read_document_bytes

    data, stamp = read_document_bytes(path)
    if fmt == "docx":
        from termkit.documents.docx import read_docx

        docx = read_docx(data, path, docx_parts or DEFAULT_DOCX_PARTS)
        return LoadedDocument(
            path, fmt, docx.text, docx.display_text, True, docx.line_col(), docx=docx,
            stamp=stamp,
        )
    if fmt == "html":
        from termkit.documents.html import declared_charset, mask_html
        from termkit.text.document import decode_document

        page = decode_document(path, data, encoding, stamp, declared=declared_charset(data))
        return LoadedDocument(path, fmt, mask_html(page.text), page.text, True, html=page)
    if fmt == "pdf":
        from termkit.documents.pdf import read_pdf

        pdf = read_pdf(data, path)
        return LoadedDocument(path, fmt, pdf.text, pdf.display_text, False, page=pdf)
    raise InputError(T_("unknown input format {value!r}", value=fmt), path)


def read_as_text(
    path: str | PurePath, encoding: str | None = None, input_format: str | None = None,
    *, located: bool = False,
) -> Document:
    """A document's text for commands that read but do not write it back (``glossary``,
    ``terms``, ``extract``, ``expand`` to standard output): a text file as
    :func:`~termkit.text.read_document` reads it; a Word document's paragraphs (paragraph ``k``
    on line ``2k - 1``, a blank line between two) or a PDF's pages as plain text; an HTML page's
    text, or with ``located`` the page masked (what is not text blanked, so that lines and
    columns are the file's). Its ``stamp`` is None: it is not a file to write."""
    from termkit.text import read_document  # looked up when called (tests stand in for it)
    from termkit.text.document import Document

    name = str(path)
    fmt = format_of(name, input_format) if name != "-" else (input_format or "text")
    if name == "-" and fmt in DOCUMENT_FORMATS:
        raise InputError(
            T_("Word, HTML and PDF documents are read from files, not standard input"), name
        )
    if fmt not in DOCUMENT_FORMATS:
        document = read_document(name, encoding)
        if input_format is not None:
            document = replace(document, markdown=input_format == "markdown")
        return document
    loaded = load_document(name, fmt, encoding=encoding)
    text = loaded.text
    if fmt == "html" and not located:  # what the page shows: no markup, its blocks as paragraphs
        text = text.replace("\u200b", "").replace("\u2029", "\n").replace("\u2028", "\n")
    return Document(name, text, markdown=False)
