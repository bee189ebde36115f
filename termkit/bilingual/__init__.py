"""Translation QA: a translation checked against its source, segment by segment.

Bilingual files (XLIFF 1.2 and 2.x, TMX, gettext PO, TSV/CSV tables) are read into units with
each character's place in the file (``termkit.bilingual.xml``, ``.po``, ``.table``); two parallel
documents are aligned paragraph by paragraph (``.parallel``); ``.check`` analyses both sides as
``check`` does and runs the document rules on the target and the translation rules (TK3xx) on the
pair. This module only names the files it reads, so that ``check`` can tell them cheaply.
"""

from __future__ import annotations

from pathlib import PurePath

__all__ = ["BILINGUAL_SUFFIXES", "TABLE_SUFFIXES", "XML_SUFFIXES", "is_bilingual_path"]

XML_SUFFIXES = frozenset({".xlf", ".xliff", ".sdlxliff", ".tmx"})
TABLE_SUFFIXES = frozenset({".tsv", ".csv"})
BILINGUAL_SUFFIXES = XML_SUFFIXES | TABLE_SUFFIXES | {".po"}


def is_bilingual_path(path: str | PurePath) -> bool:
    """Whether the file name says a bilingual file: XLIFF, TMX, PO, TSV or CSV."""
    return PurePath(path).suffix.lower() in BILINGUAL_SUFFIXES
