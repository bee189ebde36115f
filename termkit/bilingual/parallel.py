"""Two parallel documents, a source and its translation, aligned paragraph by paragraph.

Paragraphs are what ``check`` reads as paragraphs (blank lines separate them; in plain text a
PDF's broken Chinese line is joined, as everywhere in termkit; Markdown code is not prose). They
are aligned by length, as Gale and Church (1993) align sentences: a translation's
length is about proportional to its source's, so a dynamic programme over one-to-one,
one-to-two, two-to-one, two-to-two and one-to-none pairings picks the likeliest. The expected
ratio of lengths is measured on the two documents themselves (their total lengths), not taken
from a table: Chinese is about a third of English in characters, French longer than English.
Every pairing that is not one to one is reported, so that nothing is compared silently askew.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Bead", "align_lengths", "paragraph_spans"]

# Gale and Church's prior probabilities of each kind of pairing, and the variance of the
# length difference per character (their measured 6.8).
_PRIORS = {(1, 1): 0.89, (1, 0): 0.0099 / 2, (0, 1): 0.0099 / 2, (2, 1): 0.089 / 2,
           (1, 2): 0.089 / 2, (2, 2): 0.011}
_VARIANCE = 6.8


@dataclass(frozen=True)
class Bead:
    """One pairing: source paragraphs ``source`` (indices) with target paragraphs ``target``."""

    source: tuple[int, ...]
    target: tuple[int, ...]

    @property
    def one_to_one(self) -> bool:
        return len(self.source) == 1 == len(self.target)


def paragraph_spans(text: str, *, markdown: bool) -> list[tuple[int, int]]:
    """The ``(start, end)`` of each paragraph of a document as ``check`` reads it: code and
    link targets masked (Markdown), URLs masked, and blank-line-separated paragraphs that are
    not all masked."""
    from termkit.text import mask_markdown, mask_urls, split_paragraphs

    masked = mask_markdown(text) if markdown else mask_urls(text)
    return [
        (start, end)
        for start, end in split_paragraphs(masked, join_broken=not markdown)
        if masked[start:end].strip()
    ]


def _cost(source: int, target: int, ratio: float, kind: tuple[int, int]) -> float:
    """Minus the log-likelihood of pairing ``source`` characters with ``target`` as ``kind``."""
    prior = -math.log(_PRIORS[kind])
    if source == 0 and target == 0:
        return prior
    mean = (source + target / ratio) / 2
    z = abs(ratio * source - target) / math.sqrt(_VARIANCE * max(mean, 1.0))
    # two-tailed probability of a deviation at least this large
    probability = max(math.erfc(z / math.sqrt(2)), 1e-300)
    return prior - math.log(probability)


def align_lengths(source: Sequence[int], target: Sequence[int]) -> list[Bead]:
    """The likeliest pairing of paragraphs of these lengths (in characters), in order.

    Documents with as many paragraphs on each side are aligned the same way, so that a
    paragraph left out on one side and another split on the other do not pass as one to one.
    The search keeps to a band around the diagonal (as wide as the difference in counts, plus
    ten), which keeps long documents linear in practice."""
    n, m = len(source), len(target)
    if not n or not m:
        return [Bead((k,), ()) for k in range(n)] + [Bead((), (k,)) for k in range(m)]
    ratio = (sum(target) or 1) / (sum(source) or 1)
    band = abs(n - m) + 10
    inf = float("inf")
    best: dict[tuple[int, int], float] = {(0, 0): 0.0}
    back: dict[tuple[int, int], tuple[int, int]] = {}
    for i in range(n + 1):
        centre = i * m // n
        for j in range(max(0, centre - band), min(m, centre + band) + 1):
            if i == j == 0:
                continue
            here = inf
            for di, dj in _PRIORS:
                previous = best.get((i - di, j - dj), inf) if di <= i and dj <= j else inf
                if previous == inf:
                    continue
                cost = previous + _cost(
                    sum(source[i - di : i]), sum(target[j - dj : j]), ratio, (di, dj)
                )
                if cost < here:
                    here = cost
                    back[(i, j)] = (di, dj)
            if here < inf:
                best[(i, j)] = here
    beads = []
    i, j = n, m
    while i or j:
        di, dj = back[(i, j)]
        beads.append(Bead(tuple(range(i - di, i)), tuple(range(j - dj, j))))
        i, j = i - di, j - dj
    beads.reverse()
    return beads
