"""TK001: suppression comments that hide nothing."""

from __future__ import annotations

from collections.abc import Iterator

from termkit.findings import Finding, Severity
from termkit.i18n import M_
from termkit.rules.context import CheckContext
from termkit.rules.registry import rule

__all__ = ["unused_suppression"]


@rule(
    "TK001",
    "unused-suppression",
    Severity.WARNING,
    "A suppression comment hides no finding.",
    default=False,
    after=True,
)
def unused_suppression(ctx: CheckContext) -> Iterator[Finding]:
    """## What it finds

    A `termkit: ignore` comment, or a `termkit: off` block, that hides no finding of the rules
    that ran: the text it excused was corrected, or the rule it names does not fire there. A
    comment that names several rules is reported for those that hide nothing. Rules that did
    not run (not selected, ignored) are not judged: their suppressions may serve another run.
    Select it with `--report-unused-suppressions` (or `--select TK001` with the other rules);
    like ruff's RUF100.

    ## Why it matters

    A suppression outlives the text it excused: after an edit it hides the next real problem
    on its line, and readers of the source take it for a known exception.

    ## Example

    ```zh
    各方讨论了多边环境协定的执行情况。<!-- termkit: ignore TK101 -->
    ```

    ## Does not fire

    ```zh
    各方讨论了多边环境协议的执行情况。<!-- termkit: ignore TK101 -->
    ```

    ## Fix

    None: remove the comment (or the rule's code from it) by hand; termkit does not edit
    comments, whose syntax depends on the file.
    """
    judged = [r for r in ctx.rules.values() if not r.after]
    if not judged:
        return
    names = {key.casefold(): r.code for r in judged for key in (r.code, r.name)}
    for directive in ctx.suppressions.directives:
        hid = ctx.suppressed.get(directive, frozenset())
        written = directive.text
        if not directive.codes:
            if not hid:
                yield ctx.finding(
                    "TK001", directive.start, directive.end,
                    M_("{comment} hides no finding").format(comment=repr(written)),
                    found=written,
                )
            continue
        idle = [c for c in sorted(directive.codes) if c in names and names[c] not in hid]
        if idle:
            shown = ", ".join(names[c] if c == names[c].casefold() else c for c in idle)
            yield ctx.finding(
                "TK001", directive.start, directive.end,
                M_("{comment} hides no {codes} finding").format(
                    comment=repr(written), codes=shown
                ),
                found=written,
            )
