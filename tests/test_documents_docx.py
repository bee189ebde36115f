
"""Word documents (issue 15): what is read, in which order; comments written into a copy;
fixes in the runs (in place and as tracked changes); damaged files; the sample's findings."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Mapping
from pathlib import Path

import pytest

pytest.importorskip("docx", reason="python-docx (the test extra) builds the Word documents")
import docx
from document_fixtures import (
    add_notes,
    check_cli,
    check_json,
    docx_from_paragraphs,
    finding_keys,
    read_part,
    replace_part,
    sample_paragraphs,
    splice_body,
)

from termkit.documents.docx import read_docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
RUN = '<w:r><w:t xml:space="preserve">{}</w:t></w:r>'
BOLD_RUN = '<w:r><w:rPr><w:b/></w:rPr><w:t>{}</w:t></w:r>'


invoke = check_cli
findings = check_json


def paragraph(*runs: str) -> bytes:
    return ("<w:p>" + "".join(runs) + "</w:p>").encode()


@pytest.fixture
def rich(tmp_path: Path) -> Path:
    """A Word document with what editors' drafts hold: a term split by formatting and by a
    spell-checker's mark, a table, a text box (with its VML fallback copy), a tracked change, a
    field, a comment, footnotes, endnotes and a header."""
    path = docx_from_paragraphs(tmp_path / "draft.docx", ["P1", "P2", "P3", "P4", "P5"])
    document = docx.Document(str(path))
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "表格一：多边环境协议"
    table.cell(0, 1).text = "表格二"
    document.sections[0].header.paragraphs[0].text = "页眉：多边环境协议"
    document.save(str(path))
    p = "<w:p><w:r><w:t>{}</w:t></w:r></w:p>"
    splice_body(path, p.format("P1").encode(), paragraph(
        RUN.format("本届会议讨论了多边环境"), BOLD_RUN.format("协议"), RUN.format("。")))
    splice_body(path, p.format("P2").encode(), paragraph(
        RUN.format("第二段：多边环境"), '<w:proofErr w:type="spellStart"/>',
        RUN.format("协议"), '<w:proofErr w:type="spellEnd"/>', RUN.format("和其他。")))
    box = ('<w:txbxContent><w:p><w:r><w:t>文本框里的多边环境协议</w:t></w:r></w:p>'
           '</w:txbxContent>')
    splice_body(path, p.format("P3").encode(), paragraph(
        RUN.format("有文本框的段落"),
        '<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/'
        'markup-compatibility/2006"><mc:Choice Requires="wps"><w:drawing><wps:wsp xmlns:wps='
        '"http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:txbx>'
        f'{box}</wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape '
        f'xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox>{box}</v:textbox></v:shape>'
        '</w:pict></mc:Fallback></mc:AlternateContent></w:r>'))
    splice_body(path, p.format("P4").encode(), paragraph(
        RUN.format("修订："),
        '<w:del w:id="901" w:author="editor"><w:r><w:delText>多边环境协议</w:delText></w:r>'
        '</w:del><w:ins w:id="902" w:author="editor">' + RUN.format("多边环境协定") + "</w:ins>",
        RUN.format("。")))
    splice_body(path, p.format("P5").encode(), paragraph(
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
        '<w:r><w:instrText xml:space="preserve"> HYPERLINK "多边环境协议" </w:instrText></w:r>',
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>', RUN.format("链接文字"),
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
        '<w:commentRangeStart w:id="5"/>', RUN.format("有批注"), '<w:commentRangeEnd w:id="5"/>'))
    add_notes(path, "footnotes", ["脚注里的多边环境协议。"])
    add_notes(path, "endnotes", ["尾注。"])
    return path


def test_the_text_in_document_order_with_changes_accepted(rich: Path) -> None:
    document = read_docx(rich.read_bytes(), str(rich))
    assert [p.text for p in document.paragraphs] == [
        "本届会议讨论了多边环境协议。",
        "第二段：多边环境协议和其他。",
        "有文本框的段落",
        "文本框里的多边环境协议",  # once: the fallback copy is not read
        "修订：多边环境协定。",  # the deletion out, the insertion in
        "链接文字有批注",  # the field's result, not its instruction
        "表格一：多边环境协议",
        "表格二",
        "脚注里的多边环境协议。",
        "尾注。",
    ]
    assert [p.kind for p in document.paragraphs][-2:] == ["footnotes", "endnotes"]
    headers = read_docx(rich.read_bytes(), str(rich), ("body", "headers"))
    assert headers.paragraphs[-1].text == "页眉：多边环境协议"
    assert "脚注里的多边环境协议。" not in headers.text


def test_findings_name_the_paragraph_and_column(rich: Path) -> None:
    found = [(f["line"], f["column"], f["found"]) for f in findings(rich, "--select", "TK101")]
    assert found == [
        (1, 8, "多边环境协议"), (2, 5, "多边环境协议"), (4, 6, "多边环境协议"),
        (7, 5, "多边环境协议"), (9, 5, "多边环境协议"),
    ]
    text = invoke(rich, "--select", "TK101", "--show-source").stdout
    assert "draft.docx:1:8: TK101" in text
    assert "    本届会议讨论了多边环境协议。\n" in text  # the paragraph is the context line
    headers = findings(rich, "--select", "TK101", "--docx-parts", "body,headers")
    assert [f["found"] for f in headers][-1] == "多边环境协议"
    assert len(headers) == 5  # the footnote out, the header in


def test_annotate_writes_a_comment_per_finding_on_the_exact_runs(rich: Path) -> None:
    before = rich.read_bytes()
    out = rich.with_name("annotated.docx")
    result = invoke(rich, "--select", "TK101", "--annotate", out)
    assert result.exit_code == 1
    assert rich.read_bytes() == before  # the original is never modified
    assert "wrote 5 comment(s)" in result.stderr
    comments = read_part(out, "word/comments.xml").decode()
    assert comments.count('w:author="termkit"') == 5
    assert "TK101 [deprecated-term]" in comments and "Expected: 多边环境协定" in comments
    # each comment's range holds exactly the found text, across the split runs
    for part in ("word/document.xml", "word/footnotes.xml"):
        xml = read_part(out, part).decode()
        for identifier in re.findall(r'commentRangeStart w:id="(\d+)"', xml):
            if identifier == "5":  # the document's own comment
                continue
            inside = xml.split(f'commentRangeStart w:id="{identifier}"/>')[1].split(
                f'commentRangeEnd w:id="{identifier}"/>')[0]
            assert "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", inside)) == "多边环境协议"
    # the bold run keeps its formatting; the split runs keep theirs
    xml = read_part(out, "word/document.xml").decode()
    assert "<w:r><w:rPr><w:b/></w:rPr><w:t>协议</w:t></w:r>" in xml
    # the package says it has comments; python-docx reloads it
    assert b"comments+xml" in read_part(out, "[Content_Types].xml")
    assert b"relationships/comments" in read_part(out, "word/_rels/document.xml.rels")
    reloaded = docx.Document(str(out))
    assert reloaded.paragraphs[0].text == "本届会议讨论了多边环境协议。"
    assert read_docx(out.read_bytes(), str(out)).text == read_docx(before, "x").text


def test_annotate_adds_to_existing_comments_and_refuses_the_original(tmp_path: Path) -> None:
    path = docx_from_paragraphs(tmp_path / "a.docx", ["多边环境协议。"])
    first = tmp_path / "first.docx"
    assert invoke(path, "--annotate", first).exit_code == 1
    second = tmp_path / "second.docx"
    assert invoke(first, "--annotate", second).exit_code == 1
    comments = read_part(second, "word/comments.xml").decode()
    assert len(set(re.findall(r'w:comment w:id="(\d+)"', comments))) == 2
    assert read_part(second, "[Content_Types].xml").count(b"comments+xml") == 1
    result = invoke(path, "--annotate", path)
    assert result.exit_code == 2
    assert "would overwrite the document itself" in result.stderr


def test_annotate_into_a_folder(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    docx_from_paragraphs(tmp_path / "in" / "a.docx", ["多边环境协议。"])
    docx_from_paragraphs(tmp_path / "in" / "b.docx", ["联合国环境规划署。"])
    (tmp_path / "out").mkdir()
    result = invoke(tmp_path / "in", "--include", "docx", "--annotate", f"{tmp_path / 'out'}/")
    assert result.exit_code == 1, result.output
    assert (tmp_path / "out" / "a.docx").is_file() and (tmp_path / "out" / "b.docx").is_file()
    one = invoke(tmp_path / "in", "--include", "docx", "--annotate", tmp_path / "one.docx")
    assert one.exit_code == 2
    assert "--annotate names one file, and 2 Word documents are checked" in one.stderr
    assert not (tmp_path / "one.docx").exists()


def test_fix_changes_only_the_runs_that_hold_the_text(tmp_path: Path) -> None:
    path = docx_from_paragraphs(tmp_path / "a.docx", ["各多边环境协议秘书处。", "其他。"])
    before = {name: read_part(path, name) for name in zipfile.ZipFile(path).namelist()}
    result = invoke(path, "--fix")
    assert result.exit_code == 1 and "Fixed 1 in" in result.stderr
    after = {name: read_part(path, name) for name in zipfile.ZipFile(path).namelist()}
    assert after.keys() == before.keys()
    for name in before:
        if name != "word/document.xml":
            assert after[name] == before[name], name
    old = before["word/document.xml"]
    assert after["word/document.xml"] == old.replace(
        "多边环境协议".encode(), "多边环境协定".encode())
    assert docx.Document(str(path)).paragraphs[0].text == "各多边环境协定秘书处。"
    assert invoke(path).exit_code == 0


def test_fix_across_runs(rich: Path) -> None:
    result = invoke(rich, "--fix", "--select", "TK101")
    assert "Fixed 5 in" in result.stderr
    texts = [p.text for p in read_docx(rich.read_bytes(), str(rich)).paragraphs]
    assert texts[0] == "本届会议讨论了多边环境协定。"
    assert texts[1] == "第二段：多边环境协定和其他。"
    assert texts[3] == "文本框里的多边环境协定"
    assert texts[6] == "表格一：多边环境协定"
    assert texts[8] == "脚注里的多边环境协定。"
    xml = read_part(rich, "word/document.xml").decode()
    # the fix changes 议 alone: inside the bold run, which stays bold
    assert "<w:r><w:rPr><w:b/></w:rPr><w:t>协定</w:t></w:r>" in xml
    assert '<w:proofErr w:type="spellStart"/>' in xml  # the runs are kept
    # the fallback copy of the text box is not the text, and is left as it was
    assert xml.count("文本框里的多边环境协议") == 1
    assert findings(rich, "--select", "TK101") == []


def test_no_fix_across_runs_formatted_differently(tmp_path: Path) -> None:
    path = docx_from_paragraphs(tmp_path / "a.docx", ["P1", "国际矿业与金属理事会。"])
    # the fix rewrites 矿业 as 采矿: across the bold 矿 and the plain 业
    splice_body(path, b"<w:p><w:r><w:t>P1</w:t></w:r></w:p>", paragraph(
        RUN.format("会见了国际"), BOLD_RUN.format("矿"), RUN.format("业与金属理事会。")))
    before = path.read_bytes()
    result = invoke(path, "--fix", "--select", "TK101")
    assert "a.docx:1:4: TK101 not fixed: the text crosses runs formatted differently" in (
        result.stderr)
    assert "Fixed 1 in" in result.stderr  # the second paragraph's, in one run
    texts = [p.text for p in read_docx(path.read_bytes(), str(path)).paragraphs]
    assert texts == ["会见了国际矿业与金属理事会。", "国际采矿与金属理事会。"]
    assert path.read_bytes() != before
    left = findings(path, "--select", "TK101")
    assert [(f["line"], f["column"]) for f in left] == [(1, 4)]


def test_fix_as_tracked_changes(tmp_path: Path) -> None:
    path = docx_from_paragraphs(tmp_path / "a.docx", ["各多边环境协议秘书处。"])
    assert invoke(path, "--fix", "--track-changes").exit_code == 1
    xml = read_part(path, "word/document.xml").decode()
    assert re.search(r'<w:del w:id="\d+" w:author="termkit" w:date="[0-9T:Z-]+">'
                     r"<w:r><w:delText xml:space=\"preserve\">议</w:delText></w:r></w:del>", xml)
    assert re.search(r'<w:ins w:id="\d+" w:author="termkit" w:date="[0-9T:Z-]+">'
                     r'<w:r><w:t xml:space="preserve">定</w:t></w:r></w:ins>', xml)
    # read with the change accepted, the text is fixed; python-docx reloads the file
    assert read_docx(path.read_bytes(), str(path)).paragraphs[0].text == "各多边环境协定秘书处。"
    docx.Document(str(path))
    assert invoke(path).exit_code == 0


def test_diff_shows_the_paragraphs_and_writes_nothing(tmp_path: Path) -> None:
    path = docx_from_paragraphs(tmp_path / "a.docx", ["各多边环境协议秘书处。"])
    before = path.read_bytes()
    result = invoke(path, "--diff")
    assert result.exit_code == 1
    assert "\n-各多边环境协议秘书处。\n+各多边环境协定秘书处。\n" in result.stdout
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_bytes(b"not a zip at all"), "not a Word document (not a zip file)"),
        (lambda p: p.write_bytes(p.read_bytes()[:900]), "not a Word document (not a zip file)"),
        (lambda p: _without(p, "word/document.xml"), "not a Word document (no word/document.xml"),
        (lambda p: replace_part(p, "word/document.xml", b'<?xml version="1.0"?><!DOCTYPE d '
                                b'[<!ENTITY a "aaaa">]><d>&a;</d>'),
         "entity declarations are not accepted"),
        (lambda p: replace_part(p, "word/document.xml", b'<w:document xmlns:w="x">\n<w:body>'),
         "word/document.xml, line 2, column 9: no element found"),
        (lambda p: replace_part(p, "word/styles.xml", b"\0" * (129 << 20)), "a zip bomb?"),
    ],
    ids=["not-zip", "truncated", "no-document", "entities", "malformed", "zip-bomb"],
)
def test_damaged_documents_are_one_line_and_exit_2(
    tmp_path: Path, make: object, message: str
) -> None:
    bad = docx_from_paragraphs(tmp_path / "bad.docx", ["多边环境协议。"])
    make(bad)  # type: ignore[operator]
    good = docx_from_paragraphs(tmp_path / "good.docx", ["多边环境协议。"])
    result = invoke(bad, good)
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("termkit: error")]
    assert len(errors) == 1 and errors[0].startswith(f"termkit: error: {bad}: "), result.stderr
    assert message in errors[0]
    assert "Traceback" not in result.output
    assert "good.docx:1:1: TK101" in result.stdout  # the others go on


def _without(path: Path, name: str) -> None:
    with zipfile.ZipFile(path) as archive:
        entries = [(i, archive.read(i)) for i in archive.infolist() if i.filename != name]
    with zipfile.ZipFile(path, "w") as archive:
        for info, data in entries:
            archive.writestr(info, data)


def test_a_folder_walk_reads_word_documents_only_when_asked(tmp_path: Path) -> None:
    docx_from_paragraphs(tmp_path / "a.docx", ["多边环境协议。"])
    (tmp_path / "b.txt").write_text("多边环境协议。\n", encoding="utf-8")
    assert [f["path"] for f in findings(tmp_path)] == [str(tmp_path / "b.txt")]
    both = [Path(str(f["path"])).name for f in findings(tmp_path, "--include", "docx")]
    assert both == ["a.docx", "b.txt"]
    (tmp_path / "termkit.toml").write_text('include = ["docx"]\n', encoding="utf-8")
    configured = [Path(str(f["path"])).name for f in findings(
        tmp_path, "--config", tmp_path / "termkit.toml")]
    assert configured == ["a.docx", "b.txt"]
    bad = invoke(tmp_path, "--include", "xlsx")
    assert bad.exit_code == 2 and "'xlsx': the formats are docx, html, pdf" in bad.stderr


def test_input_format_overrides_the_extension(tmp_path: Path) -> None:
    word = docx_from_paragraphs(tmp_path / "a.docx", ["多边环境协议。"])
    renamed = shutil.copy(word, tmp_path / "draft.bin")
    assert [f["found"] for f in findings(renamed, "--input-format", "docx")] == ["多边环境协议"]
    as_text = invoke(word, "--input-format", "text")
    assert "skipped" in as_text.stderr and "binary file" in as_text.stderr


def test_the_sample_reads_as_its_text_file_does(tmp_path: Path, samples_dir: Path) -> None:
    text = (samples_dir / "gimm-bulletin-zh-part1.txt").read_text(encoding="utf-8")
    word = docx_from_paragraphs(tmp_path / "sample.docx", sample_paragraphs(text))
    expected = finding_keys(findings(samples_dir / "gimm-bulletin-zh-part1.txt"))
    assert len(expected) >= 6
    assert finding_keys(findings(word)) == expected


def test_the_installed_entry_point_annotates(tmp_path: Path) -> None:
    termkit = shutil.which("termkit") or str(Path(sys.executable).with_name("termkit"))
    path = docx_from_paragraphs(tmp_path / "a.docx", ["各多边环境协议秘书处。"])
    out = tmp_path / "out.docx"
    done = subprocess.run(
        [termkit, "check", str(path), "--annotate", str(out)], capture_output=True,
        text=True, check=False, env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1"},
    )
    assert done.returncode == 1, done.stderr
    assert f"{path}:1:2: TK101" in done.stdout
    assert b"TK101" in read_part(out, "word/comments.xml")


def test_libreoffice_opens_the_annotated_copy(tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer")
    path = docx_from_paragraphs(tmp_path / "a.docx", ["各多边环境协议秘书处。", "事务。"])
    out = tmp_path / "annotated.docx"
    assert invoke(path, "--annotate", out).exit_code == 1
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to",
         "odt", "--outdir", str(tmp_path / "odt"), str(out)],
        capture_output=True, check=True, timeout=180,
    )
    content = read_part(tmp_path / "odt" / "annotated.odt", "content.xml").decode()
    assert content.count("<office:annotation ") == 1
    name = re.search(r'<office:annotation office:name="([^"]+)"', content)
    assert name is not None
    anchored = content.split("</office:annotation>")[1].split(
        f'<office:annotation-end office:name="{name.group(1)}"/>')[0]
    assert anchored == "多边环境协议"


# -- packages as other tools write them (from an independent review) -------------------------

_CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
       'package/2006/content-types"><Default Extension="rels" ContentType="application/'
       'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
       'ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType='
       '"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
       "</Types>")
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_PACKAGE_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
                 'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
                 f'Type="{_REL}officeDocument" Target="word/document.xml"/></Relationships>')


def minimal_docx(path: Path, document: str, parts: Mapping[str, str | bytes] | None = None,
                 content_types: str = _CT) -> Path:
    """A package with only what Word needs, its document part as given."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", _PACKAGE_RELS)
        archive.writestr("word/document.xml", document)
        for name, data in (parts or {}).items():
            archive.writestr(name, data)
    return path


def body(xml: str, declaration: str = '<?xml version="1.0" encoding="UTF-8"?>') -> str:
    return f'{declaration}<w:document xmlns:w="{W}"><w:body>{xml}</w:body></w:document>'


def test_a_part_in_another_encoding_is_refused_not_corrupted(tmp_path: Path) -> None:
    path = minimal_docx(tmp_path / "a.docx", body(
        "<w:p><w:r><w:t>各多边环境协议秘书处。</w:t></w:r></w:p>",
        '<?xml version="1.0" encoding="ISO-8859-1"?>'))
    before = path.read_bytes()
    result = invoke(path, "--fix")
    assert result.exit_code == 2
    assert "word/document.xml: only UTF-8 parts are read" in result.stderr
    assert path.read_bytes() == before


def test_ruby_text_is_not_read_into_the_sentence(tmp_path: Path) -> None:
    path = minimal_docx(tmp_path / "a.docx", body(
        "<w:p><w:r><w:t>各多边环境</w:t></w:r><w:r><w:ruby><w:rt><w:r><w:t>xié</w:t></w:r>"
        "</w:rt><w:rubyBase><w:r><w:t>协</w:t></w:r></w:rubyBase></w:ruby></w:r>"
        "<w:r><w:t>议秘书处。</w:t></w:r></w:p>"))
    assert read_docx(path.read_bytes(), str(path)).text == "各多边环境协议秘书处。"
    assert [f["found"] for f in findings(path)] == ["多边环境协议"]


def test_comments_go_into_packages_others_wrote(tmp_path: Path) -> None:
    text = "<w:p><w:r><w:t>各多边环境协议秘书处。</w:t></w:r></w:p>"
    cases = {
        # an external relationship holds rId2: the comments get another id
        "rid": ({"word/_rels/document.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId2" Type="{_REL}hyperlink" Target="https://example.org" '
            'TargetMode="External"/></Relationships>')}, _CT),
        # empty roots, written as one tag
        "empty": ({"word/_rels/document.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            'relationships"/>')}, _CT),
        # a comments part in the default namespace, already there
        "default-ns": ({
            "word/_rels/document.xml.rels": (
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                f'relationships"><Relationship Id="rId1" Type="{_REL}comments" '
                'Target="comments.xml"/></Relationships>'),
            "word/comments.xml": f'<comments xmlns="{W}"/>',
        }, _CT.replace("</Types>", '<Override PartName="/word/comments.xml" ContentType="'
                       'application/vnd.openxmlformats-officedocument.wordprocessingml.'
                       'comments+xml"/></Types>')),
    }
    for name, (parts, types) in cases.items():
        path = minimal_docx(tmp_path / f"{name}.docx", body(text), parts, types)
        out = tmp_path / f"{name}-annotated.docx"
        result = invoke(path, "--annotate", out)
        assert result.exit_code == 1, (name, result.output)
        document = docx.Document(str(out))  # python-docx reloads it
        assert document.paragraphs[0].text == "各多边环境协议秘书处。"
        rels = read_part(out, "word/_rels/document.xml.rels").decode()
        ids = re.findall(r'Id="([^"]+)"', rels)
        assert len(ids) == len(set(ids)), (name, rels)
        comments = read_part(out, "word/comments.xml").decode()
        assert re.search(r'<(w:)?comment [^>]*w:id="\d+"', comments), (name, comments)
        assert read_docx(out.read_bytes(), str(out)).text == "各多边环境协议秘书处。"


def test_a_body_in_the_default_namespace(tmp_path: Path) -> None:
    document = (f'<?xml version="1.0" encoding="UTF-8"?><document xmlns="{W}"><body><p><r>'
                "<t>各多边环境协议秘书处。</t></r></p></body></document>")
    path = minimal_docx(tmp_path / "a.docx", document)
    out = tmp_path / "annotated.docx"
    assert invoke(path, "--annotate", out).exit_code == 1
    xml = read_part(out, "word/document.xml").decode()
    assert f'<commentRangeStart xmlns:w="{W}" w:id="0"/>' in xml
    assert invoke(path, "--fix", "--track-changes").exit_code == 1
    xml = read_part(path, "word/document.xml").decode()
    assert f'<del xmlns:w="{W}" w:id="0" w:author="termkit"' in xml
    assert read_docx(path.read_bytes(), str(path)).text == "各多边环境协定秘书处。"


def test_one_broken_document_does_not_stop_the_others(tmp_path: Path) -> None:
    text = body("<w:p><w:r><w:t>各多边环境协议秘书处。</w:t></w:r></w:p>")
    broken = minimal_docx(tmp_path / "a1.docx", text, {
        "word/_rels/document.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{_REL}comments" Target="comments.xml"/>'
            "</Relationships>"),
        "word/comments.xml": "<w:comments",
    })
    good = minimal_docx(tmp_path / "a2.docx", text)
    result = invoke(broken, good, "--annotate", f"{tmp_path / 'new-folder'}/")
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert len(errors) == 1 and "a1.docx: word/comments.xml, line 1" in errors[0]
    assert "a2.docx:1:2: TK101" in result.stdout
    assert (tmp_path / "new-folder" / "a2.docx").is_file()  # the folder is made


def test_a_suppression_comment_in_a_paragraph_suppresses_that_paragraph(tmp_path: Path) -> None:
    path = docx_from_paragraphs(tmp_path / "a.docx", [
        "各多边环境协议秘书处。",
        "第二段。",
        "多边环境协议的一段。termkit: ignore TK101",
        "第四段。",
        "又是多边环境协议。",
    ])
    assert [(f["line"], f["code"]) for f in findings(path)] == [(1, "TK101"), (5, "TK101")]
