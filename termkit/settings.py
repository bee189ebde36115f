"""How to check a document: its languages, the rules to run, the near-miss threshold."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

__all__ = ["CheckSettings"]


@dataclass(frozen=True)
class CheckSettings:
    """How to check: languages, rules, thresholds. Defaults suit a zh/en/fr bulletin."""

    lang: str | None = None  # one language for the whole text; None: by script per paragraph
    # The language of Latin-script passages when lang is None; "auto" (the default, as on the
    # command line): each document's guessed from its words (English or French, of those the
    # termbase has), else "en".
    latin_lang: str = "auto"
    han_lang: str = "zh"
    select: Sequence[str] = ()
    ignore: Sequence[str] = ()
    per_file_ignores: Mapping[str, Sequence[str]] = field(default_factory=dict)
    # Character-level similarity of short CJK names runs low (西欧和其他地区 ~ 西欧和其他国家组: 67).
    near_miss_threshold: float = 65.0
    # A rule's severity in this project (code or name -> "error", "warning", "info"), for
    # reporting and --fail-on; the registry's default otherwise.
    severity: Mapping[str, str] = field(default_factory=dict)
