
"""HTML pages (issue 15): the body's text across inline tags, block elements ending paragraphs,
what is not text, locations and fixes in the file's own bytes, the declared charset."""

from __future__ import annotations

from pathlib import Path

import pytest
from document_fixtures import (
    check_cli,
    check_json,
    finding_keys,
    html_from_paragraphs,
    sample_paragraphs,
)

from termkit.documents.html import declared_charset, mask_html

invoke = check_cli
findings = check_json


def visible(masked: str) -> str:
    """What the normaliser keeps of a masked page, roughly: no zero-width spaces, paragraph
    separators as blank lines."""
    return masked.replace("\u200b", "").replace("\u2029", "\n")


def test_the_mask_is_as_long_as_the_page_with_its_line_breaks() -> None:
    page = ('<html><head><title>多边环境协议</title></head>\r\n<body class="x">\n'
            "<p>A &amp; B <b>多边环境</b>协议</p><!-- 多边环境协议 -->\n</body></html>")
    masked = mask_html(page)
    assert len(masked) == len(page)
    assert [i for i, c in enumerate(masked) if c in "\r\n"] == [
        i for i, c in enumerate(page) if c in "\r\n"]
    text = visible(masked)
    assert "多边环境协议" in text  # across the inline tag
    assert "A & B" in text
    assert text.count("多边环境协议") == 1  # not the title's, not the comment's


def test_what_is_not_text(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text(
        "<html><head><style>.a{}</style><script>var t='多边环境协议';</script></head><body>\n"
        "<p>正文。</p>\n<pre>多边环境协议</pre>\n<p>代码 <code>多边环境协议</code> 和 "
        "<kbd>多边环境协议</kbd><samp>多边环境协议</samp>。</p>\n"
        '<p><img alt="多边环境协议" title="多边环境协议" src="x.png"></p>\n'
        '<p><a href="https://example.org/多边环境协议">链接</a></p>\n</body></html>\n',
        encoding="utf-8",
    )
    assert findings(page) == []


def test_blocks_end_paragraphs_and_inline_elements_do_not(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text(
        "<body><p>各<b>多边环境</b><i>协</i>议秘书处。</p>"
        "<div>多边环境</div><div>协议</div>"
        "<ul><li>多边环境</li><li>协议</li></ul>"
        "<table><tr><td>多边环境</td><td>协议</td></tr></table>"
        "<h2>多边环境</h2><p>协议</p></body>",
        encoding="utf-8",
    )
    found = findings(page)
    assert [(f["line"], f["column"], f["found"]) for f in found] == [
        (1, 14, "多边环境</b><i>协</i>议"),
    ]


def test_located_in_the_file_and_fixed_in_its_bytes(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    original = (
        '<!DOCTYPE html>\r\n<html lang="zh">\r\n<body>\r\n'
        "<p>A&amp;B: 各多边环境协议秘书处，\r\n又一个<em>多边环境协议</em>。</p>\r\n"
        "<script>/* 多边环境协议 */</script>\r\n</body>\r\n</html>\r\n"
    )
    page.write_bytes(original.encode("utf-8"))
    found = findings(page)
    assert [(f["line"], f["column"], f["end_column"]) for f in found] == [
        (4, 14, 20), (5, 8, 14),
    ]
    result = invoke(page, "--fix")
    assert result.exit_code == 1 and "Fixed 2 in" in result.stderr
    assert page.read_bytes() == original.replace(
        "各多边环境协议", "各多边环境协定").replace(
        "<em>多边环境协议", "<em>多边环境协定").encode("utf-8")
    assert findings(page) == []


def test_no_fix_rewrites_markup(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    # the fix rewrites 矿业 as 采矿: across the </b> between them
    original = "<p>国际<b>矿</b>业与金属理事会，国际矿业与金属理事会。</p>\n"
    page.write_text(original, encoding="utf-8")
    result = invoke(page, "--fix")
    assert f"{page}:1:4: TK101 not fixed: the text crosses markup" in result.stderr
    assert page.read_text(encoding="utf-8") == original.replace(
        "，国际矿业", "，国际采矿")
    assert [(f["column"], f["found"]) for f in findings(page)] == [(4, "国际<b>矿</b>业与金属理事会")]


def test_diff_of_a_page(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text("<p>各多边环境协议秘书处。</p>\n", encoding="utf-8")
    result = invoke(page, "--diff")
    assert "-<p>各多边环境协议秘书处。</p>\n+<p>各多边环境协定秘书处。</p>\n" in result.stdout
    assert page.read_text(encoding="utf-8") == "<p>各多边环境协议秘书处。</p>\n"


def test_the_declared_charset_is_honoured_and_kept(tmp_path: Path) -> None:
    page = tmp_path / "gb.htm"
    text = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
            "</head><body><p>各多边环境协议秘书处。</p></body></html>\n")
    page.write_bytes(text.encode("gbk"))
    assert declared_charset(page.read_bytes()) == "gbk"
    assert [f["found"] for f in findings(page)] == ["多边环境协议"]
    assert invoke(page, "--fix").exit_code == 1
    assert page.read_bytes() == text.replace("协议", "协定").encode("gbk")
    # no declaration: UTF-8; a wrong one: one line, exit 2
    undeclared = tmp_path / "u.html"
    undeclared.write_bytes("<p>各多边环境协议秘书处。</p>".encode("gbk"))
    result = invoke(undeclared)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"termkit: error: {undeclared}:1:4: not valid UTF-8")


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ('<meta charset="utf-8">', "utf-8"),
        ("<meta charset=GBK>", "gbk"),
        ('<meta charset="windows-1252">', "cp1252"),
        ('<meta charset="iso-8859-1">', "cp1252"),
        ('<meta charset="utf-16">', "utf-8"),
        ('<meta charset="no-such-thing">', None),
        ("<title>none</title>", None),
    ],
)
def test_declared_charsets(head: str, expected: str | None) -> None:
    assert declared_charset(f"<html><head>{head}</head>".encode()) == expected


def test_broken_markup_still_reads(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text(
        "<p>各多边环境协议秘书处<p>未闭合 <b>粗体 <i>斜体</b> 多边环境协议</i> < 5 & 6 &bogus;"
        "<!-- 未闭合的注释",
        encoding="utf-8",
    )
    found = findings(page)
    assert [f["found"] for f in found] == ["多边环境协议", "多边环境协议"]


def test_the_sample_reads_as_its_text_file_does(tmp_path: Path, samples_dir: Path) -> None:
    text = (samples_dir / "gimm-bulletin-zh-part1.txt").read_text(encoding="utf-8")
    page = tmp_path / "sample.html"
    page.write_text(html_from_paragraphs(sample_paragraphs(text)), encoding="utf-8")
    expected = finding_keys(findings(samples_dir / "gimm-bulletin-zh-part1.txt"))
    assert len(expected) >= 6
    assert finding_keys(findings(page)) == expected


def test_a_folder_walk_reads_pages_only_when_asked(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text("<p>多边环境协议</p>", encoding="utf-8")
    (tmp_path / "b.htm").write_text("<p>多边环境协议</p>", encoding="utf-8")
    assert findings(tmp_path) == []
    names = [Path(str(f["path"])).name for f in findings(tmp_path, "--include", "html")]
    assert names == ["a.html", "b.htm"]


def test_a_head_left_open_hides_nothing(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text("<html><head><title>T</title>\n<body><p>各多边环境协议秘书处。</p></body>"
                    "</html>", encoding="utf-8")
    assert [(f["line"], f["column"]) for f in findings(page)] == [(2, 11)]


def test_a_reference_without_its_semicolon_keeps_the_letters_after_it(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text("<p>x</p>\n<p>The &nbspmember country's multilateral environmental "
                    "agreements.</p>\n", encoding="utf-8")
    masked = mask_html(page.read_text(encoding="utf-8"))
    assert masked.split("\n")[1].startswith("\u2029\u2029\u200bThe \xa0\u200b\u200b\u200b\u200bmember")


def test_a_fix_is_written_as_html(tmp_path: Path) -> None:
    termbase = tmp_path / "tb.toml"
    termbase.write_text(
        '[termbase]\nname = "t"\nlanguages = ["en"]\n\n[concept.ATT]\ndomain = "x"\n\n'
        '[concept.ATT.en]\nfull = { term = "AT&T <Corp>" }\n'
        'deprecated = { term = "ATT Corporation" }\n', encoding="utf-8")
    page = tmp_path / "p.html"
    page.write_text("<p>The ATT Corporation said.</p>\n", encoding="utf-8")
    result = invoke(page, "--fix", "--termbase", termbase, "--no-default-termbase",
                    "--lang", "en")
    assert result.exit_code == 1 and "Fixed 1 in" in result.stderr, result.output
    assert page.read_text(encoding="utf-8") == "<p>The AT&amp;T &lt;Corp&gt; said.</p>\n"


def test_suppression_comments_in_a_page(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text(
        "<p>各多边环境协议秘书处。</p>\n"
        "<p>多边环境协议。</p> <!-- termkit: ignore TK101 -->\n"
        "<!-- termkit: off -->\n<p>多边环境协议。</p>\n<!-- termkit: on -->\n"
        "<p>又是多边环境协议。</p>\n", encoding="utf-8")
    assert [(f["line"], f["code"]) for f in findings(page)] == [(1, "TK101"), (6, "TK101")]
    assert invoke(page, "--fix").exit_code == 1
    text = page.read_text(encoding="utf-8")
    assert text.count("多边环境协定") == 2 and text.count("多边环境协议") == 2


def test_an_unused_suppression_comment_is_quoted_as_the_page_writes_it(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from termkit.cli import cli

    page = tmp_path / "page.html"
    page.write_text(
        "<html><body><p>UNEP met. <!-- termkit: ignore TK101 --></p></body></html>\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["check", "--report-unused-suppressions", str(page)])
    assert "TK001 [unused-suppression] 'termkit: ignore TK101' hides no TK101 finding" in (
        result.output
    )
