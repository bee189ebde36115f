"""Word, HTML and PDF test documents, made from text, reproducibly.

The tests build their documents with these functions (into a temporary folder) rather than
carrying binary files: python-docx writes the Word documents (and raw WordprocessingML is spliced
in where it has no API: footnotes, text boxes, tracked changes, fields), reportlab writes the PDFs
in the Adobe CID font STSong-Light, which every PDF reader knows and no font file is needed for.
To look at them::

    python tests/document_fixtures.py OUT_FOLDER   # the Chinese sample as .docx, .html, .pdf
"""

from __future__ import annotations

import html
import io
import json
import re
import sys
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "samples" / "gimm-bulletin-zh-part1.txt"


def docx_from_paragraphs(path: Path, paragraphs: Sequence[str]) -> Path:
    """A Word document with one paragraph (of one run) per item."""
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(path))
    return path


def sample_paragraphs(text: str) -> list[str]:
    """The sample's paragraphs (blank-line separated) with their PDF line breaks removed, as an
    editor who pasted it into Word would have them: broken lines joined, Latin words by a space."""
    paragraphs = []
    for block in text.split("\n\n"):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        joined = lines[0]
        for line in lines[1:]:
            ascii_edge = joined[-1:].isascii() and joined[-1:].isalnum() and line[:1].isascii()
            joined += (" " if ascii_edge and line[:1].isalnum() else "") + line
        paragraphs.append(joined)
    return paragraphs


def html_from_paragraphs(paragraphs: Sequence[str], *, charset: str = "utf-8") -> str:
    """A page with a head (title, style, script: none of it text) and a <p> per paragraph."""
    body = "\n".join(f"<p>{html.escape(text, quote=False)}</p>" for text in paragraphs)
    return (
        f'<!DOCTYPE html>\n<html lang="zh">\n<head>\n<meta charset="{charset}">\n'
        "<title>多边环境协议</title>\n<style>p { margin: 0 }</style>\n"
        "<script>var s = '多边环境协议';</script>\n</head>\n<body>\n"
        f"{body}\n</body>\n</html>\n"
    )


def pdf_from_lines(
    path: Path, lines: Sequence[str], *, lines_per_page: int = 40, encrypt: object = None
) -> Path:
    """A PDF with one line of text per item (an empty item: a paragraph gap), pages of
    ``lines_per_page`` lines, in STSong-Light (Chinese) at 11 points."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(path), encrypt=encrypt, invariant=True)
    pdf.setFont("STSong-Light", 11)
    y, count = 800, 0
    for line in lines:
        if count == lines_per_page:
            pdf.showPage()
            pdf.setFont("STSong-Light", 11)
            y, count = 800, 0
        if line.strip():
            pdf.drawString(50, y, line)
            y -= 16
            count += 1
        else:
            y -= 12  # a paragraph's gap: more than the lines' spacing
    pdf.save()
    return path


def scanned_pdf(path: Path) -> Path:
    """A PDF whose only page is a picture (no text layer), as a scanner makes them."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    try:
        from PIL import Image
    except ImportError:  # reportlab depends on pillow; this is a safeguard
        raise SystemExit("pillow is needed") from None
    picture = io.BytesIO()
    Image.new("L", (200, 100), 255).save(picture, format="PNG")
    picture.seek(0)
    pdf = canvas.Canvas(str(path), invariant=True)
    pdf.drawImage(ImageReader(picture), 50, 600, width=200, height=100)
    pdf.save()
    return path


def replace_part(path: Path, name: str, data: bytes) -> None:
    """Replace (or add) one part of a zip package, every other entry kept."""
    with zipfile.ZipFile(path) as archive:
        entries = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, content in entries:
            if info.filename != name:
                archive.writestr(info, content)
        archive.writestr(name, data)


def read_part(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name)


def add_notes(path: Path, kind: str, notes: Sequence[str]) -> None:
    """Add a footnotes or endnotes part (``kind``: footnotes, endnotes) with these notes, and a
    reference to each at the end of the first paragraph."""
    element = kind[:-1]  # footnote, endnote
    bodies = "".join(
        f'<w:{element} w:id="{number}"><w:p><w:r><w:t xml:space="preserve">{html.escape(text)}'
        f"</w:t></w:r></w:p></w:{element}>"
        for number, text in enumerate(notes, start=1)
    )
    part = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:{kind} xmlns:w="{W}">'
        f'<w:{element} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        f"</w:{element}>{bodies}</w:{kind}>"
    ).encode()
    replace_part(path, f"word/{kind}.xml", part)
    rels = read_part(path, "word/_rels/document.xml.rels")
    relation = (f'<Relationship Id="rIdTk{kind}" Type="{_REL}{kind}" '
                f'Target="{kind}.xml"/>').encode()
    replace_part(path, "word/_rels/document.xml.rels",
                 rels.replace(b"</Relationships>", relation + b"</Relationships>"))
    types = read_part(path, "[Content_Types].xml")
    override = (f'<Override PartName="/word/{kind}.xml" ContentType="application/'
                f'vnd.openxmlformats-officedocument.wordprocessingml.{kind}+xml"/>').encode()
    replace_part(path, "[Content_Types].xml", types.replace(b"</Types>", override + b"</Types>"))


def splice_body(path: Path, old: bytes, new: bytes) -> None:
    """Replace ``old`` (once) in the document part by raw WordprocessingML ``new``."""
    body = read_part(path, "word/document.xml")
    assert body.count(old) == 1, old
    replace_part(path, "word/document.xml", body.replace(old, new))


# -- the command line, as the tests of these formats run it --------------------------------------


def check_cli(*args: str | Path) -> Any:
    """``termkit check ARGS`` through click's runner, without colour (a ``click.testing.Result``)."""
    from click.testing import CliRunner

    from termkit.cli import cli

    env = {"NO_COLOR": None, "FORCE_COLOR": None}
    return CliRunner().invoke(cli, ["check", *map(str, args)], env=env)


def check_json(*args: str | Path) -> list[dict[str, Any]]:
    """The findings of ``termkit check --format json ARGS`` (which must not fail)."""
    result = check_cli("--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def finding_keys(found: Sequence[Mapping[str, Any]]) -> set[tuple[object, object, str]]:
    """(code, concept, found text without whitespace or tags): what the same text finds in any
    format."""
    return {(f["code"], f["concept"], re.sub(r"<[^>]*>|\s+", "", str(f["found"]))) for f in found}


def main(folder: str) -> None:
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    text = SAMPLE.read_text(encoding="utf-8")
    paragraphs = sample_paragraphs(text)
    docx_from_paragraphs(out / "sample.docx", paragraphs)
    (out / "sample.html").write_text(html_from_paragraphs(paragraphs), encoding="utf-8")
    pdf_from_lines(out / "sample.pdf", text.split("\n"))
    print(f"wrote sample.docx, sample.html and sample.pdf to {out}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
