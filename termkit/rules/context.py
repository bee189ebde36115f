"""What a rule is, and what it sees of a document: its :class:`~termkit.analysis.Analysis`, and
how to locate a finding in it."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from termkit.analysis import Analysis, DefinitionSite, NearMissSpan, Needs, Occurrence, Verdict
from termkit.findings import Finding, Fix, Severity
from termkit.model import Concept, Termbase
from termkit.rules.docs import RuleDoc, parse_rule_doc
from termkit.text.suppress import Directive, Suppressions

if TYPE_CHECKING:  # a plain check never imports the translation machinery
    from termkit.analysis.pairs import Pair

__all__ = ["CheckContext", "Place", "Rule", "RuleFunction"]

RuleFunction = Callable[["CheckContext"], Iterator[Finding]]
_State = TypeVar("_State")


class Place(NamedTuple):
    """Where a finding is in the document: offsets, and 1-based lines and columns."""

    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True)
class Rule:
    """A rule: ``TK101`` ``deprecated-term`` (error), and the function that finds its problems.

    ``needs`` says what the rule reads of the analysis beyond terms and definition sites;
    ``after``: the rule runs after the others and judges what they found and what suppression
    comments hid (TK001); ``bilingual``: it judges a translation against its source (TK3xx)."""

    code: str
    name: str
    severity: Severity
    description: str
    default: bool
    function: RuleFunction
    needs: Needs = Needs.NOTHING
    after: bool = False
    # A translation check's rule: it compares the target with its source (``CheckContext.pair``)
    # and finds nothing in a document checked alone.
    bilingual: bool = False

    @property
    def summary(self) -> str:
        """The one-line description: ``--list-rules``, SARIF's ``shortDescription``."""
        return self.description

    @cached_property
    def doc(self) -> RuleDoc:
        """The rule's documentation, read once from its function's docstring."""
        return parse_rule_doc(self.function.__doc__ or "")

    @property
    def markdown(self) -> str:
        """The rule's page: its code and name, summary, severity, then its documentation."""
        state = "on by default" if self.default else f"off unless selected (`--select {self.code}`)"
        return (
            f"# {self.code} {self.name}\n\n{self.summary}\n\n"
            f"Severity: {self.severity.value}; {state}.\n\n{self.doc.markdown}\n"
        )


@dataclass(frozen=True)
class CheckContext:
    """One analysed document, ready for the rules; ``finding`` builds located findings."""

    path: str
    analysis: Analysis
    termbase: Termbase
    line_col: Callable[[int], tuple[int, int]]
    rules: Mapping[str, Rule]  # by code: the name and severity of what ``finding`` reports
    near_miss_threshold: float = 65.0
    # For the rules that run after the others: the document's suppression comments, and the
    # codes of the findings each one hid.
    suppressions: Suppressions = field(default_factory=Suppressions)
    suppressed: Mapping[Directive, frozenset[str]] = field(default_factory=dict)
    # A translation check: the source side, aligned segment by segment (None: a document alone)
    pair: Pair | None = None
    # A long document is checked in parts (blocks of paragraphs): where this part starts in the
    # document (the analysis's offsets are the part's; findings get the document's), whether it
    # is the last, and what rules about the whole document (TK103, TK202, TK203) carry from one
    # part to the next, by rule. A document checked whole is one part.
    offset: int = 0
    final: bool = True
    carried: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.analysis.text

    @property
    def occurrences(self) -> tuple[Occurrence, ...]:
        return self.analysis.occurrences

    @property
    def verdicts(self) -> tuple[tuple[DefinitionSite, Verdict], ...]:
        """Every definition site with its verdict, in text order."""
        return self.analysis.verdicts

    @property
    def foreign_acronyms(self) -> tuple[Occurrence, ...]:
        return self.analysis.foreign

    @property
    def borrowed_acronyms(self) -> tuple[Occurrence, ...]:
        """Another language's acronyms of concepts without one in the text's language (GISTM
        in French text): their definitions are judged against those concepts' terms."""
        return self.analysis.borrowed

    @property
    def near_misses(self) -> tuple[NearMissSpan, ...]:
        return self.analysis.near_misses

    @property
    def uncertain_lang(self) -> str | None:
        """A language the text was read in by default, not as its words said: no fix then
        rewrites it into another language (a short French line read as English: PNUE → UNEP)."""
        return self.analysis.uncertain_lang

    def concept(self, concept_id: str) -> Concept:
        return self.termbase[concept_id]

    def carry(self, code: str, make: Callable[[], _State]) -> _State:
        """Rule ``code``'s state for the whole document (made by ``make`` in its first part)."""
        state = self.carried.get(code)
        if state is None:
            state = self.carried[code] = make()
        return state

    def locate(self, start: int, end: int) -> Place:
        """``start:end`` of this part as a place in the document: offsets, lines and columns."""
        line, column = self.line_col(start)
        end_line, end_column = self.line_col(end)
        return Place(start + self.offset, end + self.offset, line, column, end_line, end_column)

    def finding(
        self,
        code: str,
        start: int,
        end: int,
        message: str,
        *,
        found: str,
        concept: str | None = None,
        expected: str | None = None,
        fix: Fix | None = None,
    ) -> Finding:
        if fix is not None and self.offset:
            fix = replace(fix, start=fix.start + self.offset, end=fix.end + self.offset)
        return self.finding_at(
            code, self.locate(start, end), message, found=found, concept=concept,
            expected=expected, fix=fix,
        )

    def finding_at(
        self,
        code: str,
        place: Place,
        message: str,
        *,
        found: str,
        concept: str | None = None,
        expected: str | None = None,
        fix: Fix | None = None,
    ) -> Finding:
        """A finding at ``place``, located before (in an earlier part of the document)."""
        registered = self.rules[code]
        return Finding(
            path=self.path,
            line=place.line,
            column=place.column,
            end_line=place.end_line,
            end_column=place.end_column,
            code=code,
            rule=registered.name,
            severity=registered.severity,
            message=message,
            found=found,
            concept=concept,
            expected=expected,
            fix=fix,
            start=place.start,
            end=place.end,
        )

    def written(self, start: int, end: int) -> str:
        """The text at ``start:end`` as the document writes it: a finding's ``found``."""
        return self.analysis.written(start, end)
