"""Parsing untrusted XML safely with lxml: no entities, no DTD, no network, no huge trees.

lxml's parser is told not to resolve entities, load DTDs or touch the network, and not to lift its
limits on tree size. Entity declarations have no use in TBX, and they are how the "billion laughs"
and external-entity (XXE) attacks work, so a document that declares any is refused outright, before
lxml reads it: nothing it names is ever read. A ``<!DOCTYPE martif SYSTEM "…dtd">`` line without
declarations, as TBX v2 exports carry, is accepted and ignored.
"""

from __future__ import annotations

import codecs
import re
from typing import TYPE_CHECKING

from termkit.errors import InputError
from termkit.i18n import T_

if TYPE_CHECKING:
    from lxml import etree

__all__ = ["parse_xml"]

_DECLARATION = re.compile(r"<!(ENTITY|ELEMENT|ATTLIST|NOTATION)\b")


def _prolog_text(data: bytes) -> str:
    """The document decoded well enough to search its prolog for declarations."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    if data[:4] in (b"<\x00?\x00", b"\x00<\x00?"):
        return data.decode("utf-16-le" if data[0] == 0x3C else "utf-16-be", errors="replace")
    # Every other encoding a TBX file may use is ASCII-compatible for markup.
    return data.decode("latin-1")


def _refuse_declarations(data: bytes, path: str) -> None:
    text = _prolog_text(data)
    doctype = text.find("<!DOCTYPE")
    if doctype < 0:
        return
    # Conservative: any declaration after <!DOCTYPE refuses the file (an escaped one in text
    # would read "&lt;!ENTITY", so only markup, a comment or CDATA can match).
    found = _DECLARATION.search(text, doctype)
    if found is None:
        return
    line = text.count("\n", 0, found.start()) + 1
    column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
    raise InputError(
        T_(
            "the document type declares <!{value} …>: refused, since entity expansion and "
            "external entities are unsafe and TBX needs no declarations",
            value=found.group(1),
        ),
        path,
        line,
        column,
    )


def parse_xml(data: bytes, path: str) -> etree._ElementTree:
    """Parse ``data`` safely; errors become :class:`InputError` at ``path:line:col``."""
    from lxml import etree

    _refuse_declarations(data, path)
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        tree = etree.ElementTree(etree.fromstring(data, parser))
    except etree.XMLSyntaxError as exc:
        line, column = exc.position
        message = exc.msg or "not well-formed XML"
        # lxml appends "(<file>, line N)": the location is given once, in front.
        message = re.sub(r"\s*\([^()]*, line \d+\)$", "", message)
        message = re.sub(r", line \d+, column \d+$", "", message)
        raise InputError(T_("XML syntax error: {message}", message=message), path, line, column) from None
    docinfo = tree.docinfo
    dtd = docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise InputError(T_("the document type declares entities: refused"), path)
    return tree
