"""A leftmost-longest automaton built in shards, for the tables of a very large termbase.

daachorse builds a byte-wise automaton through a trie that takes about fifty times the bytes of
its patterns: the English case-folded table of an 80,000-concept termbase (450,000 patterns,
10 MB) took 500 MB to build, though the finished automaton holds 43 MB. Built in shards of about
:data:`SHARD_BYTES` of patterns each, one after the other, the build holds one shard's trie at a
time (21 shards there; the whole cold start then peaks under 400 MB), and is faster too.

:class:`ShardedAutomaton` answers :meth:`~ShardedAutomaton.find` exactly as one automaton of all
the patterns would: leftmost-longest, non-overlapping. Each shard's patterns all begin with
characters no other shard's pattern begins with, so at any position at most one shard has a
pattern that starts there, and that shard's longest is the longest of all. What each shard
finds on its own can still differ from the whole automaton's answer: a hit that a hit of another
shard overlaps is dropped, and the shard's own scan went on from the dropped hit's end, past
hits of its own that now count. Only there is that shard scanned again, in a short window.

Termbases of the sizes people write (the shipped one; the benchmark's 20,000 concepts, 2.5 MB of
English patterns) stay one automaton: sharding starts above :data:`SHARD_ABOVE` bytes of
patterns.
"""

from __future__ import annotations

import heapq
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from operator import itemgetter
from typing import Any, Final

__all__ = ["SHARD_ABOVE", "SHARD_BYTES", "ShardedAutomaton", "shard_order"]

SHARD_ABOVE: Final = 4_000_000  # bytes of patterns that one automaton is built from at most
SHARD_BYTES: Final = 500_000  # bytes of patterns per shard, when sharded

_Found = tuple[int, int, int]  # (start, end, pattern id), byte offsets
_MIN_WINDOW = 256  # bytes a shard's scan again looks at, at least


def shard_order(keys: Sequence[str], *, above: int | None = None,
                size: int | None = None) -> list[list[int]] | None:
    """The indexes of ``keys`` (none empty) shard by shard, or None for one automaton of them
    all (their UTF-8 holds no more than ``above`` bytes, :data:`SHARD_ABOVE`). Shards hold about
    ``size`` bytes each (:data:`SHARD_BYTES`), and all the keys of each of their first
    characters. The keys are never all encoded at once (25 MB at 80,000 concepts)."""
    above = SHARD_ABOVE if above is None else above
    size = SHARD_BYTES if size is None else size
    total = sum(map(len, keys))
    if total > above // 4:  # under, even four bytes a character stay under `above`
        total = len("\n".join(keys).encode("utf-8", "surrogatepass")) - len(keys) + 1
    if total <= above:
        return None
    # Keys per first character (a fair measure of their bytes), counted without a list of the
    # characters: past U+00FF each is a string of its own (34 MB for 400,000 Chinese keys).
    counts = Counter(map(itemgetter(0), keys))
    count = min(len(counts), -(-total // size))
    # The commonest first characters first, each into the lightest shard so far.
    bins: list[tuple[int, int]] = [(0, shard) for shard in range(count)]
    shard_of: dict[str, int] = {}
    for first, keys_of_first in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        load, shard = heapq.heappop(bins)
        shard_of[first] = shard
        heapq.heappush(bins, (load + keys_of_first, shard))
    shard_ids = array("I", [shard_of[key[0]] for key in keys])
    order = sorted(range(len(keys)), key=shard_ids.__getitem__)  # stable: in order within each
    sizes = Counter(shard_ids)
    shards: list[list[int]] = []
    start = 0
    for shard in range(count):
        shards.append(order[start : start + sizes[shard]])
        start += sizes[shard]
    return shards


class ShardedAutomaton:
    """Byte-wise leftmost-longest automata over disjoint shards of one pattern list, as one.

    ``automata[i]`` numbers its patterns from 0; ``ids[i][j]`` is the index in the whole list of
    its pattern ``j``. ``longest[i]`` is the length in bytes of its longest pattern.
    """

    __slots__ = ("_automata", "_ids", "_longest")

    def __init__(self, automata: Sequence[Any], ids: Sequence[array[int]],
                 longest: Sequence[int]) -> None:
        self._automata = tuple(automata)
        self._ids = tuple(ids)
        self._longest = tuple(longest)

    @property
    def size(self) -> int:
        """The number of patterns."""
        return sum(map(len, self._ids))

    @property
    def longest(self) -> int:
        """The length in bytes of the longest pattern."""
        return max(self._longest)

    @classmethod
    def build(cls, keys: Sequence[str], shards: Sequence[Sequence[int]]) -> ShardedAutomaton:
        """The automaton of ``keys`` (UTF-8) in the shards :func:`shard_order` gave; it reports
        the index of each key in ``keys``, as one automaton of them all would."""
        import daachorse

        automata: list[Any] = []
        longest: list[int] = []
        for shard in shards:
            patterns = [keys[i].encode("utf-8", "surrogatepass") for i in shard]
            automata.append(
                daachorse.DoubleArrayAhoCorasick(patterns, daachorse.MATCH_KIND_LEFTMOST_LONGEST)
            )
            longest.append(max(map(len, patterns)))
            del patterns  # one shard's patterns and trie at a time
        return cls(automata, [array("I", shard) for shard in shards], longest)

    def serialize(self) -> tuple[tuple[tuple[bytes, int], ...], list[bytes]]:
        """Each shard's pattern indexes and longest pattern (plain values), and its automaton."""
        return (
            tuple((ids.tobytes(), longest) for ids, longest in zip(self._ids, self._longest, strict=True)),
            [automaton.serialize() for automaton in self._automata],
        )

    @classmethod
    def deserialize(cls, shards: object, automata: Sequence[bytes]) -> ShardedAutomaton:
        """The automaton :meth:`serialize` gave; raises ValueError on anything else."""
        import daachorse

        if not (isinstance(shards, tuple) and shards and len(shards) == len(automata)):
            raise ValueError("damaged sharded automaton")
        all_ids, longest = [], []
        for item in shards:
            if not (isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], bytes)
                    and type(item[1]) is int):
                raise ValueError("damaged sharded automaton")
            ids = array("I")
            ids.frombytes(item[0])
            all_ids.append(ids)
            longest.append(item[1])
        loaded = [daachorse.DoubleArrayAhoCorasick.deserialize(a) for a in automata]
        sharded = cls(loaded, all_ids, longest)
        if not all(all_ids) or max(map(max, all_ids)) >= sharded.size:
            raise ValueError("damaged sharded automaton")
        return sharded

    def find(self, data: bytes) -> list[_Found]:
        """Every leftmost-longest hit in ``data``, in order, as one automaton finds them."""
        shards = zip(self._automata, self._ids, self._longest, strict=True)
        scans = [_ShardScan(automaton, ids, longest, data) for automaton, ids, longest in shards]
        # Each shard's next hit from `position` on; a hit that starts before `position` is stale.
        heap: list[tuple[int, int, int, int]] = []  # (start, -end, shard, pattern id)
        for shard, scan in enumerate(scans):
            hit = scan.next_from(0)
            if hit is not None:
                heap.append((hit[0], -hit[1], shard, hit[2]))
        heapq.heapify(heap)
        found: list[_Found] = []
        position = 0
        while heap:
            start, negative_end, shard, pid = heap[0]
            if start >= position:
                found.append((start, -negative_end, pid))
                position = -negative_end
            hit = scans[shard].next_from(position)
            if hit is None:
                heapq.heappop(heap)
            else:
                heapq.heapreplace(heap, (hit[0], -hit[1], shard, hit[2]))
        return found


class _ShardScan:
    """One shard's hits in one text, asked for in increasing positions (:meth:`next_from`)."""

    __slots__ = ("_automaton", "_data", "_hits", "_ids", "_index", "_longest", "_starts",
                 "_window", "_window_base", "_window_limit", "_window_starts")

    def __init__(self, automaton: Any, ids: array[int], longest: int, data: bytes) -> None:
        self._automaton = automaton
        self._ids = ids
        self._longest = longest
        self._data = data
        self._hits: list[_Found] = automaton.find(data)
        self._starts = [hit[0] for hit in self._hits]
        self._index = 0
        # The shard's scan from _window_base, valid for hits that start before _window_limit.
        self._window: list[_Found] = []
        self._window_starts: list[int] = []
        self._window_base = self._window_limit = -1

    def next_from(self, position: int) -> _Found | None:
        """The shard's leftmost-longest hit from ``position`` on (pattern ids of the whole list),
        or None. ``position`` never decreases from one call to the next."""
        hits, starts, size = self._hits, self._starts, len(self._data)
        while True:
            index = bisect_left(starts, position, self._index)
            self._index = index
            if index == 0 or hits[index - 1][1] <= position:
                # No hit of the shard's own scan straddles `position`: from here on it is the
                # scan from `position`.
                return self._global(hits[index]) if index < len(hits) else None
            # A hit of its own straddles `position`: a scan from here decides.
            if not self._window_base <= position < self._window_limit:
                self._rescan(position)
            window = self._window
            at = bisect_left(self._window_starts, position)
            if at and window[at - 1][1] > position:
                self._rescan(position)
                window, at = self._window, 0
            if at < len(window) and window[at][0] < self._window_limit:
                return self._global(window[at])
            if self._window_limit >= size:
                return None
            # No hit starts before the window's limit: ask again from there.
            position = self._window_limit

    def _rescan(self, position: int) -> None:
        """Scan ``data`` from ``position`` in a window long enough to decide a few hits."""
        data, longest = self._data, self._longest
        stop = min(len(data), position + max(4 * longest, _MIN_WINDOW))
        self._window = [(position + s, position + e, p)
                        for s, e, p in self._automaton.find(data[position:stop])]
        self._window_starts = [hit[0] for hit in self._window]
        self._window_base = position
        # Hits that start this far before the window's end are whole and leftmost-longest; at
        # a later start a longer pattern might run past the window's end.
        self._window_limit = len(data) if stop == len(data) else stop - longest + 1

    def _global(self, hit: _Found) -> _Found:
        return hit[0], hit[1], self._ids[hit[2]]
