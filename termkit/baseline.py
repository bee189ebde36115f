"""A baseline: the findings a team has accepted, so that a check shows only new ones.

A team adopting termkit on an archive of bulletins cannot fix every old finding first. ``termkit
check --write-baseline FILE`` records the findings of today; ``--baseline FILE`` then drops those
findings and reports the rest. A finding is recorded by what it is, not where it is: its file
(relative to the baseline's folder), rule, concept and found text, with how many times that
combination occurs in the file. Lines may move above it without making it new; a second
occurrence of the same problem in the same file is new.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from termkit.errors import InputError
from termkit.findings import Finding
from termkit.i18n import T_

__all__ = ["BASELINE_VERSION", "filter_baseline", "read_baseline", "write_baseline"]

BASELINE_VERSION = 1

Key = tuple[str, str, str, str]  # file, code, concept, found (without whitespace)


def _key(finding: Finding, folder: Path) -> Key:
    path = finding.path
    if not path.startswith("<"):  # <stdin> stays as it is
        resolved = Path(os.path.abspath(path))
        try:
            path = resolved.relative_to(folder).as_posix()
        except ValueError:
            path = resolved.as_posix()
    return (path, finding.code, finding.concept or "", "".join(finding.found.split()))


def write_baseline(path: str | os.PathLike[str], findings: Iterable[Finding]) -> int:
    """Record ``findings`` in the baseline file at ``path`` (written atomically); how many."""
    from termkit.files import write_file

    folder = Path(os.path.abspath(path)).parent
    counts = Counter(_key(finding, folder) for finding in findings)
    entries = [
        {"path": p, "code": code, "concept": concept or None, "found": found, "count": count}
        for (p, code, concept, found), count in sorted(counts.items())
    ]
    document = {"termkit-baseline": BASELINE_VERSION, "findings": entries}
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    write_file(path, text.encode("utf-8"))
    return sum(counts.values())


def read_baseline(path: str | os.PathLike[str]) -> Counter[Key]:
    """The findings a baseline file records; InputError naming the file when it is not one."""
    from termkit.reading import DOCUMENT_LIMIT, read_regular_file

    name = os.fspath(path)
    try:
        data, _ = read_regular_file(name, DOCUMENT_LIMIT)
        document = json.loads(data.decode("utf-8"))
    except OSError as error:
        raise InputError(
            T_(
                "cannot read baseline: {reason}",
                reason=error.strerror or error,
            ),
            name,
        ) from None
    except (UnicodeDecodeError, ValueError) as error:
        raise InputError(T_("not a termkit baseline (invalid JSON: {reason})", reason=error), name) from None
    if not isinstance(document, dict) or document.get("termkit-baseline") != BASELINE_VERSION:
        raise InputError(
            T_(
                "not a termkit baseline of version {BASELINE_VERSION} (write one with "
                "--write-baseline)",
                BASELINE_VERSION=BASELINE_VERSION,
            ),
            name,
        )
    counts: Counter[Key] = Counter()
    for entry in document.get("findings", []):
        try:
            key = (entry["path"], entry["code"], entry["concept"] or "", entry["found"])
            count = int(entry["count"])
        except (KeyError, TypeError, ValueError):
            raise InputError(T_("a baseline entry is damaged: {entry!r}", entry=entry), name) from None
        counts[key] += count
    return counts


def filter_baseline(
    findings: Sequence[Finding], baseline: Counter[Key], path: str | os.PathLike[str]
) -> list[Finding]:
    """``findings`` less those the baseline records, occurrence by occurrence, in order."""
    folder = Path(os.path.abspath(path)).parent
    left = Counter(baseline)
    kept = []
    for finding in findings:
        key = _key(finding, folder)
        if left[key] > 0:
            left[key] -= 1
        else:
            kept.append(finding)
    return kept
