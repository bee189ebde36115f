"""Generate the benchmark workload of issue 3, deterministically (fixed seed).

- ``termbase.toml``: 20,000 concepts in zh/en/fr. Each language has a preferred full form, an
  admitted and a deprecated variant; English has a preferred acronym (Chinese borrows it with
  ``acronyms-from``), French has one for half of the concepts.
- ``corpus.txt``: about 10 MB (UTF-8 bytes) of mixed English and Chinese paragraphs built from
  phrases; about one phrase in 200 is a variant (an admitted or deprecated term), others are
  preferred terms, acronyms (sometimes plural or with a session number) or filler.
- ``variants.txt``: the English and Chinese variant terms, one per line, for
  ``LC_ALL=C grep -F -o -f variants.txt``.
- ``md/0000.md`` … ``md/0999.md``: 1,000 Markdown files of about 2 KB (headings, lists, code,
  links).

Library use: ``generate_workload(Path("out"))``; script: ``python benchmarks/make_workload.py OUT``.
Only the standard library is used, so the script runs before termkit is installed.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "GeneratedConcept",
    "Workload",
    "generate_concepts",
    "generate_corpus",
    "generate_markdown",
    "generate_workload",
    "termbase_toml",
]

SEED = 20230907
CONCEPTS = 20_000
CORPUS_BYTES = 10_000_000
MARKDOWN_FILES = 1_000
MARKDOWN_BYTES = 2_000
VARIANT_EVERY = 200  # one phrase in this many is a variant

_CONSONANTS = "bcdfghjklmnprstvwz"
_VOWELS = "aeiou"
_FR_VOWELS = "aeiouéèà"
_EN_GLUE = ("of", "and", "for", "on", "the", "in", "to", "with")
_FR_GLUE = ("de", "des", "du", "pour", "sur", "et", "de la", "de l'")
_ZH_GLUE = "的和与及在对为是了"
_ZH_PUNCT = "，。、；"


@dataclass(frozen=True)
class GeneratedConcept:
    """One concept's terms per language: preferred full form, admitted and deprecated variants."""

    id: str
    full: dict[str, str]
    admitted: dict[str, str]
    deprecated: dict[str, str]
    acronyms: dict[str, str]


@dataclass(frozen=True)
class Workload:
    """Where the files were written and what they hold."""

    termbase: Path
    corpus: Path
    variants: Path
    markdown_dir: Path
    concepts: int
    corpus_bytes: int
    variant_count: int
    markdown_files: int


def _word(rng: random.Random, vowels: str, syllables: tuple[int, int]) -> str:
    return "".join(
        rng.choice(_CONSONANTS) + rng.choice(vowels) for _ in range(rng.randint(*syllables))
    ) + (rng.choice(_CONSONANTS) if rng.random() < 0.5 else "")


def _vocabulary(rng: random.Random, size: int, vowels: str) -> list[str]:
    words: dict[str, None] = {}
    while len(words) < size:
        words[_word(rng, vowels, (1, 4))] = None
    return list(words)


def _han_characters(rng: random.Random, size: int) -> list[str]:
    # A fixed sample of the common CJK block; meaning does not matter, only the script and the mix.
    return rng.sample([chr(c) for c in range(0x4E00, 0x9FA6)], size)


class _Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.en_words = _vocabulary(self.rng, 4000, _VOWELS)
        self.fr_words = _vocabulary(self.rng, 4000, _FR_VOWELS)
        self.han = _han_characters(self.rng, 2500)

    def en_phrase(self) -> str:
        rng = self.rng
        words = [rng.choice(self.en_words) for _ in range(rng.randint(2, 4))]
        if rng.random() < 0.5:
            words.insert(rng.randint(1, len(words) - 1), rng.choice(_EN_GLUE))
        return " ".join(words)

    def fr_phrase(self) -> str:
        rng = self.rng
        words = [rng.choice(self.fr_words) for _ in range(rng.randint(2, 4))]
        glue = rng.choice(_FR_GLUE)
        at = rng.randint(1, len(words) - 1)
        text = " ".join(words[:at]) + " " + glue
        text += "" if glue.endswith("'") else " "
        return text + " ".join(words[at:])

    def zh_phrase(self, low: int = 4, high: int = 10) -> str:
        rng = self.rng
        chars = [rng.choice(self.han) for _ in range(rng.randint(low, high))]
        if rng.random() < 0.4:
            chars.insert(rng.randint(1, len(chars) - 1), rng.choice(_ZH_GLUE))
        return "".join(chars)

    def en_variant(self, full: str) -> str:
        rng = self.rng
        words = full.split(" ")
        choice = rng.random()
        if choice < 0.3 and len(words) > 2:
            # the common real variant: a hyphen where the preferred form has a space
            at = rng.randint(0, len(words) - 2)
            return " ".join([*words[:at], words[at] + "-" + words[at + 1], *words[at + 2 :]])
        words[rng.randrange(len(words))] = rng.choice(self.en_words)
        return " ".join(words)

    def fr_variant(self, full: str) -> str:
        words = full.split(" ")
        words[self.rng.randrange(len(words))] = self.rng.choice(self.fr_words)
        return " ".join(words)

    def zh_variant(self, full: str) -> str:
        chars = list(full)
        chars[self.rng.randrange(len(chars))] = self.rng.choice(self.han)
        return "".join(chars)


def _fresh(seen: set[str], produce: Callable[..., str], *args: str) -> str:
    """Call ``produce(*args)`` until it gives a text not yet used (case-insensitively)."""
    while True:
        text = produce(*args)
        key = text.casefold()
        if key not in seen:
            seen.add(key)
            return text


def _acronym(rng: random.Random, full: str) -> str:
    initials = "".join(w[0] for w in full.replace("-", " ").split(" ") if w and w[0].isalpha())
    initials = initials.upper()[:5]
    # Pad short ones and vary the rest: homonyms stay possible, as in real termbases.
    while len(initials) < 3 or rng.random() < 0.5:
        initials += rng.choice("ABCDEFGHIJKLMNOPRSTUVWXYZ")
        if len(initials) >= 6:
            break
    return initials


def generate_concepts(count: int = CONCEPTS, seed: int = SEED) -> list[GeneratedConcept]:
    """``count`` concepts with unique full forms and variants per language (acronyms may repeat)."""
    gen = _Generator(seed)
    rng = gen.rng
    seen: dict[str, set[str]] = {"en": set(), "fr": set(), "zh": set()}
    concepts: list[GeneratedConcept] = []
    for number in range(1, count + 1):
        full = {
            "en": _fresh(seen["en"], gen.en_phrase),
            "fr": _fresh(seen["fr"], gen.fr_phrase),
            "zh": _fresh(seen["zh"], gen.zh_phrase),
        }
        admitted = {
            "en": _fresh(seen["en"], gen.en_variant, full["en"]),
            "fr": _fresh(seen["fr"], gen.fr_variant, full["fr"]),
            "zh": _fresh(seen["zh"], gen.zh_variant, full["zh"]),
        }
        deprecated = {
            "en": _fresh(seen["en"], gen.en_variant, full["en"]),
            "fr": _fresh(seen["fr"], gen.fr_variant, full["fr"]),
            "zh": _fresh(seen["zh"], gen.zh_variant, full["zh"]),
        }
        acronyms = {"en": _acronym(rng, full["en"])}
        if rng.random() < 0.5:
            acronyms["fr"] = _acronym(rng, full["fr"])
        concepts.append(GeneratedConcept(f"C{number:05d}", full, admitted, deprecated, acronyms))
    return concepts


def _toml_string(text: str) -> str:
    # JSON string syntax is valid TOML basic-string syntax for the characters generated here.
    return json.dumps(text, ensure_ascii=False)


def termbase_toml(concepts: list[GeneratedConcept]) -> str:
    """The concepts as a termkit TOML termbase."""
    out = [
        "# Generated by benchmarks/make_workload.py: do not edit.",
        "[termbase]",
        'name = "Benchmark termbase (generated)"',
        'languages = ["en", "fr", "zh"]',
        'acronyms-from = { zh = "en" }',
        "",
    ]
    for concept in concepts:
        for lang in ("en", "fr", "zh"):
            out.append(f"[concept.{concept.id}.{lang}]")
            out.append(f"full = {_toml_string(concept.full[lang])}")
            if lang in concept.acronyms:
                out.append(f"acronym = {_toml_string(concept.acronyms[lang])}")
            out.append(f"admitted = {_toml_string(concept.admitted[lang])}")
            out.append(f"deprecated = {_toml_string(concept.deprecated[lang])}")
        out.append("")
    return "\n".join(out)


class _Writer:
    """Builds text phrase by phrase: filler, terms, acronyms, variants at fixed rates."""

    def __init__(self, concepts: list[GeneratedConcept], seed: int) -> None:
        self.gen = _Generator(seed + 1)
        self.rng = self.gen.rng
        self.concepts = concepts

    def en_phrase(self) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 1 / VARIANT_EVERY:
            concept = rng.choice(self.concepts)
            return rng.choice((concept.admitted["en"], concept.deprecated["en"]))
        if roll < 0.03:
            return rng.choice(self.concepts).full["en"]
        if roll < 0.05:
            return self.acronym()
        if roll < 0.055:
            concept = rng.choice(self.concepts)
            return f"{concept.full['en']} ({concept.acronyms['en']})"
        return self.gen.en_phrase()

    def zh_phrase(self) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 1 / VARIANT_EVERY:
            concept = rng.choice(self.concepts)
            return rng.choice((concept.admitted["zh"], concept.deprecated["zh"]))
        if roll < 0.03:
            return rng.choice(self.concepts).full["zh"]
        if roll < 0.05:
            return "（" + self.acronym() + "）"
        if roll < 0.055:
            concept = rng.choice(self.concepts)
            return f"{concept.full['zh']}（{concept.acronyms['en']}）"
        return self.gen.zh_phrase(2, 8)

    def acronym(self) -> str:
        rng = self.rng
        text = rng.choice(self.concepts).acronyms["en"]
        roll = rng.random()
        if roll < 0.1:
            return text + "s"
        if roll < 0.2:
            return text + rng.choice((" ", "-", "")) + str(rng.randint(1, 12))
        return text

    def en_paragraph(self, phrases: int) -> str:
        sentences = []
        while phrases > 0:
            n = min(phrases, self.rng.randint(2, 6))
            phrases -= n
            sentence = ", ".join(self.en_phrase() for _ in range(n))
            sentences.append(sentence[0].upper() + sentence[1:] + ".")
        return " ".join(sentences)

    def zh_paragraph(self, phrases: int) -> str:
        parts = []
        for i in range(phrases):
            parts.append(self.zh_phrase())
            parts.append("。" if i % 4 == 3 else self.rng.choice(_ZH_PUNCT[:3]))
        return "".join(parts)

    def paragraph(self) -> str:
        phrases = self.rng.randint(6, 30)
        if self.rng.random() < 0.5:
            return self.en_paragraph(phrases)
        return self.zh_paragraph(phrases)


def generate_corpus(
    concepts: list[GeneratedConcept], size: int = CORPUS_BYTES, seed: int = SEED
) -> str:
    """Mixed English/Chinese paragraphs (blank-line separated) of about ``size`` UTF-8 bytes."""
    writer = _Writer(concepts, seed)
    paragraphs: list[str] = []
    total = 0
    while total < size:
        paragraph = writer.paragraph()
        paragraphs.append(paragraph)
        total += len(paragraph.encode("utf-8")) + 2
    return "\n\n".join(paragraphs) + "\n"


def generate_markdown(
    concepts: list[GeneratedConcept],
    count: int = MARKDOWN_FILES,
    size: int = MARKDOWN_BYTES,
    seed: int = SEED,
) -> list[str]:
    """``count`` Markdown documents of about ``size`` bytes: headings, paragraphs, lists, code."""
    writer = _Writer(concepts, seed + 2)
    rng = writer.rng
    documents = []
    for number in range(count):
        zh = rng.random() < 0.5
        blocks = [f"# {'简报' if zh else 'Bulletin'} {number}"]
        total = len(blocks[0])
        while total < size:
            roll = rng.random()
            if roll < 0.15:
                items = [writer.zh_phrase() if zh else writer.en_phrase() for _ in range(3)]
                block = "\n".join(f"- {item}" for item in items)
            elif roll < 0.22:
                acronym = writer.acronym()
                block = f"```\n{acronym} = load('{acronym.lower()}')\n```"
            elif roll < 0.3:
                phrase = writer.en_phrase()
                block = f"See [{phrase}](https://example.org/{number}) and `{writer.acronym()}`."
            else:
                phrases = rng.randint(4, 12)
                block = writer.zh_paragraph(phrases) if zh else writer.en_paragraph(phrases)
            blocks.append(block)
            total += len(block.encode("utf-8")) + 2
        documents.append("\n\n".join(blocks) + "\n")
    return documents


def generate_workload(
    out: Path,
    *,
    seed: int = SEED,
    concepts: int = CONCEPTS,
    corpus_bytes: int = CORPUS_BYTES,
    markdown_files: int = MARKDOWN_FILES,
) -> Workload:
    """Write the whole workload under ``out`` (created if needed) and say what was written."""
    out.mkdir(parents=True, exist_ok=True)
    generated = generate_concepts(concepts, seed)
    termbase = out / "termbase.toml"
    termbase.write_text(termbase_toml(generated), encoding="utf-8")

    variants = out / "variants.txt"
    variant_terms = sorted(
        {c.admitted[lang] for c in generated for lang in ("en", "zh")}
        | {c.deprecated[lang] for c in generated for lang in ("en", "zh")}
    )
    variants.write_text("\n".join(variant_terms) + "\n", encoding="utf-8")

    corpus = out / "corpus.txt"
    corpus.write_text(generate_corpus(generated, corpus_bytes, seed), encoding="utf-8")

    markdown_dir = out / "md"
    markdown_dir.mkdir(exist_ok=True)
    for number, document in enumerate(generate_markdown(generated, markdown_files, seed=seed)):
        (markdown_dir / f"{number:04d}.md").write_text(document, encoding="utf-8")
    return Workload(
        termbase=termbase,
        corpus=corpus,
        variants=variants,
        markdown_dir=markdown_dir,
        concepts=concepts,
        corpus_bytes=corpus.stat().st_size,
        variant_count=len(variant_terms),
        markdown_files=markdown_files,
    )


def main(argv: list[str] | None = None) -> int:
    """``python benchmarks/make_workload.py OUT [--seed N] [--concepts N] [--corpus-mb X]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("out", type=Path, help="folder to write the workload into")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--concepts", type=int, default=CONCEPTS)
    parser.add_argument("--corpus-mb", type=float, default=CORPUS_BYTES / 1e6)
    parser.add_argument("--markdown-files", type=int, default=MARKDOWN_FILES)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    workload = generate_workload(
        args.out,
        seed=args.seed,
        concepts=args.concepts,
        corpus_bytes=int(args.corpus_mb * 1e6),
        markdown_files=args.markdown_files,
    )
    elapsed = time.perf_counter() - started
    print(
        f"{workload.concepts} concepts -> {workload.termbase} "
        f"({workload.termbase.stat().st_size / 1e6:.1f} MB); "
        f"corpus {workload.corpus_bytes / 1e6:.1f} MB; {workload.variant_count} variants; "
        f"{workload.markdown_files} Markdown files; {elapsed:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
