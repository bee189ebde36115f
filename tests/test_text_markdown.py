"""Masking what is not prose, keeping offsets: code, comments, link targets, URLs."""

from __future__ import annotations

from pathlib import Path

import pytest

from termkit.text import mask_markdown, mask_urls

SHARED = Path(__file__).resolve().parents[2] / "shared"
SAMPLE = SHARED / "samples" / "gimm-bulletin-zh-part1.txt"


def _shown(masked: str) -> str:
    """The text that survives masking, with runs of spaces squeezed and deleted markup (U+200B)
    dropped, as normalize() drops it, for readable tables."""
    return " ".join(masked.replace("\u200b", "").split())


# (Markdown, what survives)
MARKDOWN_TABLE = [
    # fenced code: ``` and ~~~, info strings, longer closing fences, unclosed fences
    ("before\n```\nUNEP code\n```\nafter", "before after"),
    ("before\n~~~python\nUNEP = 1\n~~~~\nafter", "before after"),
    ("a\n````\n```\nstill code\n````\nb", "a b"),
    ("a\n```\nnever closed UNEP\n", "a"),
    ("> quote\n> ```\n> UNEP\n> ```\n> after", "> quote > after"),
    # indented code after a blank line, but not a list item's continuation
    ("para\n\n    code UNEP\n    more\n\nafter", "para after"),
    ("    code at the start\n\ntext", "text"),
    ("- item\n\n    continued UNEP", "- item continued UNEP"),
    ("1. item\n   more\n\n    continued UNEP", "1. item more continued UNEP"),
    ("# Title\n\n    code UNEP\n\n\n    more code\ntext", "# Title text"),
    ("para\n    lazy continuation UNEP", "para lazy continuation UNEP"),
    # inline code, also over a line break, never over a blank line
    ("Use `UNEP` or ``a ` b`` here", "Use or here"),
    ("split `co\nde` here", "split here"),
    ("it`s\n\nnot `code", "it`s not `code"),
    # links and images: text and alt text stay, without their brackets; targets go
    (
        'the [open-ended working group](https://x.org/oewg "OEWG") met',
        "the open-ended working group met",
    ),
    ("![全球政府间会议](img/gimm.png)", "全球政府间会议"),
    ("[wiki](https://en.wikipedia.org/wiki/Foo_(bar)) end", "wiki end"),
    ("[a](<url with spaces>) end", "a end"),
    ("[UNEP][unep-site] and [GIMM][]", "UNEP and GIMM"),
    ("[International Resource Panel](https://x.org) (IRP)", "International Resource Panel (IRP)"),
    ('text\n\n[unep-site]: https://unep.org "UNEP"\n', "text"),
    ("[^1]: a footnote about UNEP", "[^1]: a footnote about UNEP"),
    # HTML comments, tags, autolinks
    ("a <!-- UNEP\nhidden --> b", "a b"),
    ('<b>UNEP</b> <span class="x">GIMM</span>', "UNEP GIMM"),
    ("<https://unep.org> and <info@unep.org>", "and"),
    ("a < b and c > d", "a < b and c > d"),
    # bare URLs and e-mail addresses
    ("see https://unep.org/gimm. Then", "see . Then"),
    ("mail info@unep.org now", "mail now"),
    # emphasis delimiters go without leaving a space: a Chinese term stays whole
    ("**联合国**环境规划署", "联合国环境规划署"),
    ("The **Global Mercury Partnership** (GMP) met", "The Global Mercury Partnership (GMP) met"),
    ("*Minamata Convention* and __GEF__ and _it_", "Minamata Convention and GEF and it"),
    # ... but not list bullets, rules, a lone star, or underscores inside words
    ("* item one\n* item two", "* item one * item two"),
    ("text\n\n***\n\nmore", "text *** more"),
    ("2 * 3 and snake_case_name", "2 * 3 and snake_case_name"),
    # an unpaired star is text; a pair is emphasis, inside a word too (as CommonMark reads them)
    ("2*3 = 6 and \\*not emphasis\\*", "2*3 = 6 and \\*not emphasis\\*"),
    ("The **ENGO**s and *regional monitoring arrangement*s met",
     "The ENGOs and regional monitoring arrangements met"),
    ("**open\n\nclose**", "**open close**"),  # not across a paragraph
    # runs of different lengths share their stars out
    ("**bold *UNEP*** and ***UNEP** report*", "bold UNEP and UNEP report"),
    # <pre> blocks are code, whatever their case and attributes; an unclosed one runs to the end
    ("a\n<pre>\nUNEP code\n</pre>\nb", "a b"),
    ('a\n<PRE class="x">UNEP</PRE> b', "a b"),
    ("a <pre>UNEP never closed", "a"),
    # code indented inside a list item (8 spaces: the item's 4 and code's 4), and in a quote
    ("- item:\n\n      code UNEP\n\n- next", "- item: - next"),
    ("1. item\n\n       code UNEP\n\n2. next", "1. item 2. next"),
    ("> quoted:\n>\n>     code UNEP\n\nafter", "> quoted: > after"),
    # a list item's continuation paragraph is prose
    ("- item\n\n  more UNEP\n", "- item more UNEP"),
]


@pytest.mark.parametrize(("text", "expected"), MARKDOWN_TABLE)
def test_mask_markdown(text: str, expected: str) -> None:
    masked = mask_markdown(text)
    assert len(masked) == len(text)
    assert [i for i, c in enumerate(masked) if c == "\n"] == [
        i for i, c in enumerate(text) if c == "\n"
    ]
    assert _shown(masked) == expected


def test_mask_markdown_keeps_crlf() -> None:
    text = "a\r\n```\r\nUNEP\r\n```\r\nb"
    masked = mask_markdown(text)
    assert masked == "a\r\n   \r\n    \r\n   \r\nb"


URL_TABLE = [
    ("see https://example.org/a_(b), then", "see , then"),
    ("见https://x.org。下一句", "见 。下一句"),  # a URL stops at the first CJK character
    ("go to www.unep.org.", "go to ."),
    ("FTP://files.example.org/x", ""),
    ("xhttps://not-a-url", "xhttps://not-a-url"),
    ("ratio 3:1, time 10:30", "ratio 3:1, time 10:30"),
    ("an @ sign, @handle", "an @ sign, @handle"),
    # a line that starts with a URL and ends with a file name: the PDF kept its spaces
    ("https://x.org/ENVIRONMENTAL ASPECTS OF METALS. English.pdf\n下一行", "下一行"),
    ("https://x.org/a then UNEP said\n", "then UNEP said"),
    ("https://x.org/a 联合国.pdf\n", "联合国.pdf"),
]


@pytest.mark.parametrize(("text", "expected"), URL_TABLE)
def test_mask_urls(text: str, expected: str) -> None:
    masked = mask_urls(text)
    assert len(masked) == len(text)
    assert _shown(masked) == expected


def test_sample_reference_lines_are_masked_whole() -> None:
    if not SAMPLE.is_file():
        pytest.skip(f"../shared is absent: no {SAMPLE.name}")
    text = SAMPLE.read_text(encoding="utf-8")
    masked = mask_urls(text)
    assert len(masked) == len(text)
    url_lines = [line for line in text.splitlines() if line.startswith("https://")]
    assert len(url_lines) == 6
    masked_lines = masked.splitlines()
    for number, line in enumerate(text.splitlines()):
        if line.startswith("https://"):
            assert not masked_lines[number].strip(), line
        else:
            assert masked_lines[number] == line
