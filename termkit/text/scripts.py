"""Which script text is written in: the one definition of a Han character and of a Latin letter
that every part of termkit uses, and the questions asked of them."""

from __future__ import annotations

import re
import sys
from functools import cache

from termkit.patterns import compile_pattern

__all__ = ["HAN", "LATIN", "has_han", "has_latin", "has_lower_latin"]

# Character classes, as text for use inside [...].
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
"""Han characters (CJK unified ideographs, extension A and beyond, compatibility ideographs)."""
LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"
"""Latin letters: ASCII, Latin-1 (without × and ÷), Latin Extended-A and -B and Additional."""
_LOWER_LATIN = "a-z\u00df-\u00f6\u00f8-\u00ff\u0100-\u024f\u1e00-\u1eff"
"""Lower-case Latin letters (and the mixed-case blocks Latin Extended and Additional)."""


@cache
def _pattern(letters: str) -> re.Pattern[str]:
    # Compiled on first use: classes spanning the CJK blocks take milliseconds to compile,
    # which a command that never meets Chinese text should not pay at startup.
    return compile_pattern(f"[{letters}]")


def has_han(text: str, start: int = 0, end: int = sys.maxsize) -> bool:
    """Whether ``text[start:end]`` holds a Han character."""
    if start == 0 and end >= len(text) and text.isascii():
        return False  # a whole English document: no search
    return _pattern(HAN).search(text, start, end) is not None


def has_latin(text: str, start: int = 0, end: int = sys.maxsize) -> bool:
    """Whether ``text[start:end]`` holds a Latin letter."""
    return _pattern(LATIN).search(text, start, end) is not None


def has_lower_latin(text: str, start: int = 0, end: int = sys.maxsize) -> bool:
    """Whether ``text[start:end]`` holds a lower-case Latin letter (words, not just acronyms)."""
    return _pattern(_LOWER_LATIN).search(text, start, end) is not None
