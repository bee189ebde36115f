"""Findings for people (ruff-style lines), for programs (JSON, SARIF 2.1.0) and for GitHub Actions."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import IO, TYPE_CHECKING, Any

from termkit import __version__
from termkit.findings import Finding, Severity

if TYPE_CHECKING:
    from termkit.rules.context import Rule

__all__ = [
    "findings_report",
    "findings_to_github",
    "findings_to_json",
    "findings_to_sarif",
    "format_finding",
    "print_findings_text",
    "sarif_rule",
    "summary_lines",
]

_SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def format_finding(finding: Finding) -> str:
    """``path:line:col: CODE [rule] message``, as ruff and flake8 print them."""
    return f"{finding.place}: {finding.code} [{finding.rule}] {finding.message}"


def statistics(findings: Sequence[Finding]) -> list[dict[str, Any]]:
    """Findings counted by rule, most frequent first (``--statistics``, as ruff counts): code,
    name, severity, count, and how many have a fix."""
    by_rule = Counter((f.code, f.rule, f.severity) for f in findings)
    fixable = Counter(f.code for f in findings if f.fix is not None)
    return [
        {
            "code": code,
            "name": rule,
            "severity": severity.value,
            "count": count,
            "fixable": fixable[code],
        }
        for (code, rule, severity), count in sorted(
            by_rule.items(), key=lambda item: (-item[1], item[0][0])
        )
    ]


def statistics_lines(findings: Sequence[Finding]) -> list[str]:
    """:func:`statistics` as text: ``    3  TK101 [deprecated-term] (error), 3 fixable``."""
    return [
        f"{row['count']:>5}  {row['code']} [{row['name']}] ({row['severity']})"
        + (f", {row['fixable']} fixable" if row["fixable"] else "")
        for row in statistics(findings)
    ]


def summary_lines(findings: Sequence[Finding], files: int) -> list[str]:
    """A count by rule, most frequent first, then a total."""
    lines = [
        f"{row['count']:>5}  {row['code']} [{row['name']}] ({row['severity']})"
        for row in statistics(findings)
    ]
    from termkit.i18n import _

    fixable = sum(f.fix is not None for f in findings)
    total = _("Found {count} finding(s) in {files} file(s)").format(
        count=len(findings), files=files
    )
    if fixable:
        total += _("; {count} fixable with --fix").format(count=fixable)
    return [*lines, total + "."]


def print_findings_text(
    findings: Sequence[Finding],
    sources: Mapping[str, str],
    stream: IO[str],
    *,
    files: int,
    show_source: bool | None = None,
    summary: bool = True,
) -> None:
    """Findings one per line; on a terminal, in colour with the source line and a caret."""
    from termkit.render.console import wants_color

    color = wants_color(stream)
    if show_source is None:
        show_source = color
    if not color:
        for finding in findings:
            stream.write(format_finding(finding) + "\n")
            if show_source:
                stream.write(_source_excerpt(finding, sources))
            if finding.source is not None:
                stream.write(source_segment_line(finding) + "\n")
        if summary and findings:
            stream.write("\n" + "\n".join(summary_lines(findings, files)) + "\n")
        return
    from rich.text import Text

    from termkit.render.console import make_console

    console = make_console(stream)
    for finding in findings:
        line = Text()
        line.append(f"{finding.place}:", style="bold")
        line.append(f" {finding.code}", style=_SEVERITY_STYLE[finding.severity])
        line.append(f" [{finding.rule}]", style="dim")
        line.append(f" {finding.message}")
        console.print(line, soft_wrap=True)  # one finding, one line, as tools that parse it expect
        if show_source:
            # Never wrapped: the caret line must stay under the source line.
            console.print(
                Text(_source_excerpt(finding, sources), style="dim"), end="", soft_wrap=True
            )
        if finding.source is not None:
            console.print(Text(source_segment_line(finding), style="cyan"), soft_wrap=True)
    if summary and findings:
        console.print()
        for text in summary_lines(findings, files):
            console.print(text, markup=False, highlight=False)  # "[rule]" is not markup


_SEGMENT_WIDTH = 160  # characters of a source segment shown under a finding


def source_segment_line(finding: Finding) -> str:
    """A translation finding's source segment, indented under it: its id, where it is, and
    its text (about the term the finding is about, when the segment is long)."""
    source = finding.source
    assert source is not None
    text = " ".join(source.text.split())
    if len(text) > _SEGMENT_WIDTH:
        at = text.find(source.found) if source.found else 0
        start = max(0, min(at - _SEGMENT_WIDTH // 3, len(text) - _SEGMENT_WIDTH))
        text = ("…" if start else "") + text[start : start + _SEGMENT_WIDTH] + (
            "…" if start + _SEGMENT_WIDTH < len(text) else ""
        )
    from termkit.i18n import _

    return "    " + _("source {segment} ({place}): {text}").format(
        segment=finding.segment, place=f"{source.path}:{source.line}:{source.column}", text=text
    )


def _source_excerpt(finding: Finding, sources: Mapping[str, str]) -> str:
    """The finding's source line with a caret under the found text (first line only)."""
    text = sources.get(finding.path)
    if text is None:
        return ""
    if finding.page is not None:  # a PDF's pages, separated by form feeds
        pages = text.split("\f")
        text = pages[finding.page - 1] if 0 < finding.page <= len(pages) else ""
    # Lines end as LineIndex counts them (\n, \r\n, \r), not at form feeds as splitlines has it.
    lines = _LINE_BREAKS.split(text)
    if not 0 < finding.line <= len(lines):
        return ""
    source = lines[finding.line - 1]
    width = (
        finding.end_column - finding.column if finding.end_line == finding.line
        else len(source) - finding.column + 1
    )
    prefix = source[: finding.column - 1]
    pad = sum(2 if _is_wide(ch) else 1 for ch in prefix)
    marked = source[finding.column - 1 : finding.column - 1 + max(width, 1)]
    carets = sum(2 if _is_wide(ch) else 1 for ch in marked)
    return f"    {source}\n    {' ' * pad}{'^' * max(carets, 1)}\n"


_LINE_BREAKS = re.compile(r"\r\n|\r|\n")


def _is_wide(ch: str) -> bool:
    import unicodedata

    return unicodedata.east_asian_width(ch) in ("W", "F")


_SURROGATES = re.compile("[\ud800-\udfff]")


def _unicode(text: str) -> str:
    """``text`` as valid Unicode, for JSON, SARIF and GitHub, which must be UTF-8: a lone
    surrogate (an undecodable byte of a file name, ``bad\\xff.md``) becomes U+FFFD."""
    return text if text.isascii() else _SURROGATES.sub("\ufffd", text)


def _optional_unicode(text: str | None) -> str | None:
    return None if text is None else _unicode(text)


def _valid_unicode(finding: Finding) -> Finding:
    """The finding with every text made valid Unicode (:func:`_unicode`)."""
    texts = (finding.path, finding.message, finding.found, finding.concept, finding.expected)
    if all(t is None or t.isascii() or not _SURROGATES.search(t) for t in texts):
        return finding
    return replace(
        finding,
        path=_unicode(finding.path),
        message=_unicode(finding.message),
        found=_unicode(finding.found),
        concept=_optional_unicode(finding.concept),
        expected=_optional_unicode(finding.expected),
    )


def _finding_to_json(finding: Finding) -> dict[str, Any]:
    finding = _valid_unicode(finding)
    return {
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "end_line": finding.end_line,
        "end_column": finding.end_column,
        "code": finding.code,
        "rule": finding.rule,
        "severity": finding.severity.value,
        "concept": finding.concept,
        "found": finding.found,
        "expected": finding.expected,
        "message": finding.message,
        # The fix as a replacement of the finding's whole span (internally it edits only the
        # characters that differ, to keep line breaks; consumers want the simple form).
        "fix": None if finding.fix is None else {"replacement": finding.expected},
        # a translation check's finding: its segment and the source side
        **_translation_fields(finding),
        # a PDF's finding: its page (line is the line on the page)
        **({} if finding.page is None else {"page": finding.page}),
    }


def _translation_fields(finding: Finding) -> dict[str, Any]:
    if finding.segment is None or finding.source is None:
        return {}
    source = finding.source
    return {
        "segment": _unicode(finding.segment),
        "source": {
            "path": _unicode(source.path),
            "text": _unicode(source.text),
            "found": _optional_unicode(source.found),
            "line": source.line,
            "column": source.column,
        },
    }


def findings_to_json(findings: Sequence[Finding]) -> list[dict[str, Any]]:
    """The documented ``--format json`` array."""
    return [_finding_to_json(f) for f in findings]


REPORT_FORMAT_VERSION = 1  # raised by a change that breaks readers of ``--format json-report``


def findings_report(
    findings: Sequence[Finding],
    *,
    files: int,
    unreadable: int,
    changed: int,
    segments: tuple[int, int, int] | None = None,
) -> dict[str, Any]:
    """``--format json-report``: the ``--format json`` findings in an object that says its
    format and version, with the run's counts (the array itself stays as it is for its readers)."""
    return {
        "format": "termkit-check-report",
        "version": REPORT_FORMAT_VERSION,
        "tool": {"name": "termkit", "version": __version__},
        "files": files,
        "unreadable": unreadable,
        "changed": changed,
        "statistics": statistics(findings),
        "segments": None if segments is None else dict(
            zip(("checked", "skipped", "with_findings"), segments, strict=True)
        ),
        "findings": findings_to_json(findings),
    }


_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def findings_to_sarif(findings: Sequence[Finding], rules: Sequence[Rule]) -> dict[str, Any]:
    """A SARIF 2.1.0 log with one run; ``rules`` are described in full (their pages)."""
    index = {registered.code: i for i, registered in enumerate(rules)}
    results = []
    for finding in findings:
        uri = _uri(finding.path)
        finding = _valid_unicode(finding)
        location: dict[str, Any] = {
            "physicalLocation": {
                "artifactLocation": {"uri": uri},
                "region": {
                    "startLine": finding.line,
                    "startColumn": finding.column,
                    "endLine": finding.end_line,
                    "endColumn": finding.end_column,
                    "snippet": {"text": finding.found},
                },
            }
        }
        result: dict[str, Any] = {
            "ruleId": finding.code,
            "level": _SARIF_LEVEL[finding.severity],
            "message": {"text": finding.message},
            "locations": [location],
        }
        if finding.code in index:
            result["ruleIndex"] = index[finding.code]
        if finding.fix is not None:
            result["fixes"] = [
                {
                    "description": {"text": f"Replace with {finding.expected!r}"},
                    "artifactChanges": [
                        {
                            "artifactLocation": {"uri": uri},
                            "replacements": [
                                {
                                    "deletedRegion": location["physicalLocation"]["region"]
                                    | {"snippet": {"text": finding.found}},
                                    "insertedContent": {"text": finding.expected or ""},
                                }
                            ],
                        }
                    ],
                }
            ]
        if finding.concept:
            result["properties"] = {"concept": finding.concept, "expected": finding.expected}
        if finding.source is not None:
            result["relatedLocations"] = [_sarif_source_location(finding)]
            result.setdefault("properties", {})["segment"] = _unicode(finding.segment or "")
        if finding.page is not None:  # SARIF has no pages: the line is the page's
            result.setdefault("properties", {})["page"] = finding.page
        results.append(result)
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "termkit",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/termkit/",
                        "rules": [sarif_rule(registered) for registered in rules],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def _sarif_source_location(finding: Finding) -> dict[str, Any]:
    """A translation finding's source segment, as a SARIF related location."""
    source = finding.source
    assert source is not None
    return {
        "id": 1,
        "message": {"text": f"source of segment {_unicode(finding.segment or '')}"},
        "physicalLocation": {
            "artifactLocation": {"uri": _uri(source.path)},
            "region": {
                "startLine": source.line,
                "startColumn": source.column,
                "snippet": {"text": _unicode(source.found or source.text)},
            },
        },
    }


def sarif_rule(registered: Rule) -> dict[str, Any]:
    """A SARIF 2.1.0 ``reportingDescriptor`` for the rule."""
    from termkit.render import rules

    what = registered.doc.what
    return {
        "id": registered.code,
        "name": registered.name,
        "shortDescription": {"text": registered.summary},
        "fullDescription": {"text": rules.plain_text(what), "markdown": what},
        "help": {"text": rules.rule_text(registered), "markdown": registered.markdown},
        "helpUri": rules.rule_help_uri(registered),
        "defaultConfiguration": {"level": _SARIF_LEVEL[registered.severity]},
    }


def _uri(path: str) -> str:
    """The path as a relative URI reference: its UTF-8 bytes percent-encoded (RFC 3986), the
    bytes of a name that is not UTF-8 (``bad\\xff.md``: ``bad%FF.md``) as they are on disk."""
    from urllib.parse import quote

    path = path.replace("\\", "/")
    try:
        data = path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate of another kind (a Windows name): WTF-8
        data = path.encode("utf-8", "surrogatepass")
    return quote(data, safe="/:")


_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _github_escape(value: str, *, property_value: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def _github_title(finding: Finding) -> str:
    page = "" if finding.page is None else f" (p{finding.page})"
    return f"{finding.code} {finding.rule}{page}"


def findings_to_github(findings: Sequence[Finding]) -> list[str]:
    """GitHub Actions workflow commands that annotate a pull request's files."""
    lines = []
    for f in map(_valid_unicode, findings):
        props = ",".join(
            [
                f"file={_github_escape(f.path, property_value=True)}",
                f"line={f.line}",
                f"col={f.column}",
                f"endLine={f.end_line}",
                f"endColumn={f.end_column}",
                f"title={_github_escape(_github_title(f), property_value=True)}",
            ]
        )
        lines.append(f"::{_GITHUB_LEVEL[f.severity]} {props}::{_github_escape(f.message)}")
    return lines
