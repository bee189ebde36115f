"""The text layer: documents in, normalised paragraphs with offset maps out.

Data flow: :func:`read_document` (bytes → :class:`Document`) → :func:`normalize_document`
(mask code and URLs, normalise line-wrapped text; one :class:`NormalizedText` per document) →
the matcher scans ``.text`` → ``.span_to_original`` and :class:`LineIndex` give the original
span, line and column → :func:`write_document` writes fixes back atomically.
:func:`find_suppressions` reads ``termkit: ignore`` comments; :class:`Languages` and
:func:`language_runs` say which language a stretch of text is in.
"""

from __future__ import annotations

from termkit.text.document import (
    DOCUMENT_SUFFIXES,
    SKIPPED_FOLDERS,
    BinaryFileError,
    Document,
    iter_document_paths,
    read_document,
    write_document,
)
from termkit.text.languages import LanguageRun, Languages, language_at, language_runs
from termkit.text.lines import LineIndex
from termkit.text.markdown import mask_markdown, mask_urls
from termkit.text.normalize import KeepHyphen, NormalizedText, fold, normalize
from termkit.text.prepare import (
    MARKDOWN_SUFFIXES,
    Paragraph,
    is_markdown_path,
    normalize_document,
    paragraphs,
    prepare,
    split_paragraphs,
)
from termkit.text.suppress import Suppressions, find_suppressions

__all__ = [
    "DOCUMENT_SUFFIXES",
    "MARKDOWN_SUFFIXES",
    "SKIPPED_FOLDERS",
    "BinaryFileError",
    "Document",
    "KeepHyphen",
    "LanguageRun",
    "Languages",
    "LineIndex",
    "NormalizedText",
    "Paragraph",
    "Suppressions",
    "find_suppressions",
    "fold",
    "is_markdown_path",
    "iter_document_paths",
    "language_at",
    "language_runs",
    "mask_markdown",
    "mask_urls",
    "normalize",
    "normalize_document",
    "paragraphs",
    "prepare",
    "read_document",
    "split_paragraphs",
    "write_document",
]
