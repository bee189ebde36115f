"""Termbase interchange: TBX v3 and v2, CSV and TSV (long and wide), JSON, and TOML output.

``export_termbase`` turns a loaded :class:`~termkit.model.Termbase` into text in one of
:data:`EXPORT_FORMATS`; ``import_termbase`` reads a file into a termbase plus an
:class:`~termkit.interchange.common.ImportReport` of what did not fit the model, and
``termbase_to_toml`` writes the hand-editable TOML. lxml is imported only by the TBX functions.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from termkit.errors import InputError
from termkit.i18n import T_
from termkit.interchange.common import ImportReport, ImportResult, select_languages
from termkit.interchange.toml_writer import termbase_to_toml
from termkit.model import Termbase

__all__ = [
    "EXPORT_FORMATS",
    "IMPORT_FORMATS",
    "ExportResult",
    "ImportReport",
    "ImportResult",
    "detect_import_format",
    "export_format_for",
    "export_termbase",
    "import_as_toml",
    "import_termbase",
    "termbase_to_toml",
]

EXPORT_FORMATS = ("tbx", "tbx2", "csv", "tsv", "json")
IMPORT_FORMATS = ("auto", "tbx", "csv", "tsv", "json")
_EXTENSIONS = {
    ".tbx": "tbx",
    ".xml": "tbx",
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".json": "json",
}


@dataclass(frozen=True)
class ExportResult:
    """Exported text and warnings about what the format could not hold."""

    text: str
    warnings: tuple[str, ...] = ()


def export_format_for(path: str | os.PathLike[str] | None) -> str:
    """The export format an output file's extension asks for; TBX v3 for standard output (None).

    Raises :class:`~termkit.errors.InputError` for an extension that names no format
    (``.xlsx``, ``.txt``, none): writing TBX there would give a file that is not what its name
    says; the format must then be given.
    """
    if path is None:
        return "tbx"
    suffix = Path(path).suffix.lower()
    if suffix not in _EXTENSIONS:
        what = (
            T_("the extension {suffix!r}", suffix=suffix) if suffix
            else T_("a name without an extension")
        )
        raise InputError(
            T_(
                "cannot tell the export format from {what}: give --format ({value}) or name the "
                "file .tbx, .csv, .tsv or .json",
                what=what, value=', '.join(EXPORT_FORMATS),
            ),
            os.fspath(path),
        )
    return _EXTENSIONS[suffix]


def export_termbase(
    termbase: Termbase,
    fmt: str = "tbx",
    *,
    languages: Sequence[str] = (),
    wide: bool = False,
    escape_formulas: bool = True,
) -> ExportResult:
    """The termbase (restricted to ``languages`` when given) as text in ``fmt``.

    ``wide`` asks CSV/TSV for one row per concept instead of one per term.
    ``escape_formulas`` (CSV/TSV): put a ``'`` before a cell a spreadsheet would run as a
    formula (see :mod:`termkit.interchange.tabular`); import removes it.
    """
    if fmt not in EXPORT_FORMATS:
        raise InputError(
            T_(
                "unknown export format {fmt!r} (expected {value})",
                fmt=fmt, value=', '.join(EXPORT_FORMATS),
            ),
        )
    if wide and fmt not in ("csv", "tsv"):
        raise InputError(T_("--wide applies to csv and tsv only"))
    if not escape_formulas and fmt not in ("csv", "tsv"):
        raise InputError(T_("--no-escape-formulas applies to csv and tsv only"))
    selected = select_languages(termbase, languages)
    if fmt in ("tbx", "tbx2"):
        from termkit.interchange.tbx import write_tbx

        text, warnings = write_tbx(selected, version=3 if fmt == "tbx" else 2)
        return ExportResult(text, tuple(warnings))
    if fmt == "json":
        from termkit.interchange.jsonio import write_json

        return ExportResult(write_json(selected))
    from termkit.interchange.tabular import write_long, write_wide

    write = write_wide if wide else write_long
    return ExportResult(write(selected, fmt, escape_formulas=escape_formulas))


def detect_import_format(data: bytes, path: str) -> str:
    """``tbx``, ``csv``, ``tsv`` or ``json``: from the extension, else from the first bytes."""
    by_extension = _EXTENSIONS.get(Path(path).suffix.lower())
    if by_extension is not None:
        return by_extension
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<") or data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "tbx"
    if head.startswith(b"{"):
        return "json"
    first_line = head.split(b"\n", 1)[0]
    return "tsv" if b"\t" in first_line else "csv"


def import_termbase(data: bytes, path: str, fmt: str = "auto") -> ImportResult:
    """Read ``data`` (the bytes of ``path``) as ``fmt`` into a termbase and a report.

    TBX v3 and v2 are told apart by their root element, long and wide tables by their header.
    Raises :class:`~termkit.errors.InputError` (with path, line and column) on bad input.
    """
    if fmt not in IMPORT_FORMATS:
        raise InputError(
            T_(
                "unknown import format {fmt!r} (expected {value})",
                fmt=fmt, value=', '.join(IMPORT_FORMATS),
            ),
        )
    if fmt == "auto":
        fmt = detect_import_format(data, path)
    if fmt == "tbx":
        from termkit.interchange.tbx import read_tbx

        return read_tbx(data, path)
    if fmt == "json":
        from termkit.interchange.jsonio import read_json

        return read_json(data, path)
    from termkit.interchange.tabular import read_table

    return read_table(data, path, fmt)


def import_as_toml(data: bytes, path: str, fmt: str = "auto") -> tuple[str, ImportResult]:
    """Import ``data`` and write it as TOML; the text is checked to pass validation."""
    from termkit.termbase import cross_concept_diagnostics
    from termkit.termbase.schema import parse_termbase_text

    result = import_termbase(data, path, fmt)
    text = termbase_to_toml(result.termbase, comment=f"Imported by termkit from {Path(path).name}.")
    termbase, diagnostics = parse_termbase_text(text, path)
    if termbase is not None:
        diagnostics = [*diagnostics, *cross_concept_diagnostics(termbase)]
    errors = [d for d in diagnostics if d.severity == "error"]
    if errors:
        # The draft repairs what the model forbids, so this is a bug, said plainly.
        raise InputError(
            T_(
                "the imported termbase would not validate: {message}",
                message=errors[0].message,
            ),
            path,
        )
    return text, result
