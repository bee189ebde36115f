"""TBX export and import: schemas, the real sample files, translate-toolkit, unsafe and bad XML."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree as lxml_etree

from termkit.cli import cli
from termkit.errors import InputError
from termkit.interchange import export_termbase, import_as_toml, import_termbase
from termkit.interchange.tbx import encode_id
from termkit.model import Status, Termbase, TermType
from termkit.termbase import load_termbase, load_termbase_text, validate_paths

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "termbases" / "gimm.toml"
TBX_NS = "urn:iso:std:iso:30042:ed-2"
BASIC_NS = "http://www.tbxinfo.net/ns/basic"
MIN_NS = "http://www.tbxinfo.net/ns/min"
# Data categories of the TBX-Min module; the others used here are TBX-Basic's.
MIN_CATEGORIES = {
    "subjectField",
    "administrativeStatus",
    "partOfSpeech",
    "customerSubset",
    "externalCrossReference",
}

SMALL = """\
[termbase]
name = "small"
languages = ["en", "fr", "zh"]
acronyms-from = { zh = "en" }

[concept.OEWG]
domain = "UN bodies"
definition.en = "A working group that every member State may join."
note = "Ad hoc & open."
related = ["UNEA"]
well-known = true

[concept.OEWG.en]
full = "open-ended working group"
acronym = { term = "OEWG", plural = "OEWGs", source = "UN" }
deprecated = { term = "open ended working group", note = "unhyphenated" }

[concept.OEWG.fr]
full = "groupe de travail à composition non limitée"
note = "masculin"

[concept.OEWG.zh]
full = "不限成员名额的工作组"

[concept.UNEA.en]
full = "United Nations Environment Assembly"
acronym = "UNEA"
short = "Environment Assembly"
"""


@pytest.fixture(scope="module")
def small() -> Termbase:
    return load_termbase_text(SMALL, "small.toml")


@pytest.fixture(scope="module")
def tbx_dir(reference_dir: Path) -> Path:
    folder = reference_dir / "tbx"
    if not folder.is_dir():
        pytest.skip(f"../shared is absent: {folder} not found")
    return folder


def exported_termbases() -> list[Termbase]:
    found = [load_termbase_text(SMALL, "small.toml")]
    if SHIPPED.is_file():
        found.append(load_termbase([SHIPPED], include_default=False))
    return found


def basic_module_errors(document: lxml_etree._Element, tbx_dir: Path) -> list[str]:
    """Check every DCA data category against the TBX-Basic / TBX-Min module schemas.

    The modules are written for DCT style (``<basic:definition>``), where NVDL hands each
    foreign-namespace element to its module. lxml has no NVDL, so each DCA element
    (``<descrip type="definition">``) is rewritten as its DCT twin and validated alone.
    """
    schemas = {
        BASIC_NS: lxml_etree.RelaxNG(lxml_etree.parse(str(tbx_dir / "Basic.rng"))),
        MIN_NS: lxml_etree.RelaxNG(lxml_etree.parse(str(tbx_dir / "Min.rng"))),
    }
    errors: list[str] = []
    for element in document.iter():
        category = element.get("type") if isinstance(element.tag, str) else None
        local = lxml_etree.QName(element).localname if isinstance(element.tag, str) else ""
        if category is None or local in ("tbx", "p", "martif"):
            continue
        ns = MIN_NS if category in MIN_CATEGORIES else BASIC_NS
        twin = lxml_etree.Element(f"{{{ns}}}{category}")
        twin.text = element.text
        if (target := element.get("target")) and category == "crossReference":
            # An IDREF cannot resolve in a one-element document: check the target exists here.
            if not document.xpath("//*[@id=$t]", t=target):
                errors.append(f"line {element.sourceline}: dangling target")
            continue
        if not schemas[ns].validate(twin):
            errors.append(f"line {element.sourceline}: {category}: {schemas[ns].error_log}")
    return errors


# --- export ----------------------------------------------------------------------------------


@pytest.mark.parametrize("termbase", exported_termbases(), ids=lambda t: t.name)
def test_tbx_v3_validates_against_core_and_basic(termbase: Termbase, tbx_dir: Path) -> None:
    text = export_termbase(termbase, "tbx").text
    document = lxml_etree.fromstring(text.encode())
    core = lxml_etree.RelaxNG(lxml_etree.parse(str(tbx_dir / "TBXcoreStructV03.rng")))
    assert core.validate(document), core.error_log
    assert basic_module_errors(document, tbx_dir) == []
    assert document.get("type") == "TBX-Basic" and document.get("style") == "dca"


def test_tbx_v3_layout(small: Termbase) -> None:
    text = export_termbase(small, "tbx").text
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<?xml-model href=')
    doc = lxml_etree.fromstring(text.encode())
    ns = {"t": TBX_NS}
    entry = doc.xpath("//t:conceptEntry[@id='OEWG']", namespaces=ns)[0]
    assert entry.xpath("t:descrip[@type='subjectField']/text()", namespaces=ns) == ["UN bodies"]
    assert entry.xpath("t:ref[@type='crossReference']/@target", namespaces=ns) == ["UNEA"]
    acronym = entry.xpath(".//t:termSec[t:term='OEWG']", namespaces=ns)[0]
    assert acronym.xpath("t:termNote[@type='termType']/text()", namespaces=ns) == ["acronym"]
    assert acronym.xpath("t:termNote[@type='administrativeStatus']/text()", namespaces=ns) == [
        "preferredTerm-admn-sts"
    ]
    assert acronym.xpath("t:admin[@type='source']/text()", namespaces=ns) == ["UN"]
    deprecated = entry.xpath(".//t:termSec[t:term='open ended working group']", namespaces=ns)[0]
    assert deprecated.xpath("t:termNote[@type='administrativeStatus']/text()", namespaces=ns) == [
        "deprecatedTerm-admn-sts"
    ]
    # Borrowed acronyms are derived: the zh section holds only zh's own term.
    assert entry.xpath("t:langSec[@xml:lang='zh']/t:termSec/t:term/text()", namespaces=ns) == [
        "不限成员名额的工作组"
    ]


@pytest.mark.parametrize("termbase", exported_termbases(), ids=lambda t: t.name)
def test_translate_toolkit_reads_tbx_v2(termbase: Termbase) -> None:
    tbx = pytest.importorskip("translate.storage.tbx")
    text = export_termbase(termbase, "tbx2").text
    store = tbx.tbxfile.parsestring(text.encode("utf-8"), sourcelanguage="en")
    assert [unit.getid() for unit in store.units] == [encode_id(c.id) for c in termbase]
    for unit, concept in zip(store.units, termbase, strict=True):
        for lang in concept.languages:
            found = [t.text for t in unit.get_target_terms(lang)]
            own = [t.text for t in concept.terms if t.lang == lang and t.borrowed_from is None]
            assert found == own, (concept.id, lang)
            statuses = [t.deprecated for t in unit.get_target_terms(lang)]
            assert statuses == [
                t.status is Status.DEPRECATED
                for t in concept.terms
                if t.lang == lang and t.borrowed_from is None
            ]


def test_concept_without_terms_is_left_out_with_a_warning() -> None:
    termbase = load_termbase_text(SMALL + '\n[concept.EMPTY]\nnote = "no terms yet"\n')
    result = export_termbase(termbase, "tbx")
    assert "EMPTY" not in result.text
    assert result.warnings == ("concept 'EMPTY' has no terms: TBX cannot hold it, left out",)


# --- import of the real sample files ---------------------------------------------------------

SAMPLES = [
    # file, concepts, languages, an (id, lang, term, type, status) that must be there
    ("Basic_Example_Astronomy_DCA_VALID.tbx", 45, ("en", "es", "zu"), None),
    ("Basic_Example_Astronomy_DCT_VALID.tbx", 45, ("en", "es", "zu"), None),
    ("Min_Example_Astronomy_DCA_VALID.tbx", 45, ("en", "es", "zu"), None),
    ("Min_Example_Astronomy_DCT_VALID.tbx", 45, ("en", "es", "zu"), None),
    ("v2_Good-Basic1.tbx", 50, ("en", "pt"), None),
    ("v2_Good-Basic2.tbx", 25, ("en", "es"), None),
]


@pytest.mark.parametrize(("name", "concepts", "languages", "_"), SAMPLES)
def test_sample_files_import_and_validate(
    tbx_dir: Path, tmp_path: Path, name: str, concepts: int, languages: tuple[str, ...], _: None
) -> None:
    path = tbx_dir / "samples" / name
    text, result = import_as_toml(path.read_bytes(), str(path))
    assert len(result.termbase) == concepts
    assert result.termbase.languages == languages
    out = tmp_path / "imported.toml"
    out.write_text(text, encoding="utf-8")
    assert [d for d in validate_paths([out]) if d.severity == "error"] == []


def test_astronomy_details_land_in_the_model(tbx_dir: Path) -> None:
    for style in ("DCA", "DCT"):
        path = tbx_dir / "samples" / f"Basic_Example_Astronomy_{style}_VALID.tbx"
        result = import_termbase(path.read_bytes(), str(path))
        concept = result.termbase["c1"]
        assert concept.domain == "General"
        assert (
            concept.definitions["en"]
            == "A group of stars formed together in the spiral arms of a galaxy."
        )
        open_cluster = concept.preferred_term("en")
        assert open_cluster is not None and open_cluster.text == "open cluster"
        assert open_cluster.note is not None and "partOfSpeech: noun" in open_cluster.note
        galactic = next(t for t in concept.terms if t.text == "galactic cluster")
        # supersededTerm is deprecated in the model, and the original status is kept.
        assert galactic.status is Status.DEPRECATED
        assert "administrativeStatus: supersededTerm-admn-sts" in (galactic.note or "")
        assert result.report.dropped["transactions (dates, responsibility)"] > 0
        assert result.report.kept["partOfSpeech (term note)"] == 107


def test_v2_sample_keeps_gender_and_reports_the_odd_language(tbx_dir: Path) -> None:
    path = tbx_dir / "samples" / "v2_Good-Basic1.tbx"
    result = import_termbase(path.read_bytes(), str(path))
    concept = result.termbase["c00d63ffe-d672-4422-9c21-3d96bdd49db3"]
    assert [t.text for t in concept.terms_in("pt", TermType.FULL, Status.PREFERRED)] == [
        "Sul-Americano",
        "Sul-Americana",
    ]
    assert "grammaticalGender: masculine" in (concept.terms_in("pt")[0].note or "")
    assert any("'---'" in key for key in result.report.kept)
    assert any("Fear" in (c.note or "") for c in result.termbase)


def test_import_cli_reports_what_it_kept_and_dropped(tbx_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "astro.toml"
    path = tbx_dir / "samples" / "Basic_Example_Astronomy_DCA_VALID.tbx"
    result = CliRunner().invoke(cli, ["import", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "kept in notes" in result.stderr and "partOfSpeech" in result.stderr
    assert "dropped: transactions" in result.stderr
    assert "imported 45 concepts" in result.stderr
    again = CliRunner().invoke(cli, ["import", str(path), "-o", str(out)])
    assert again.exit_code == 2 and "--force" in again.stderr
    forced = CliRunner().invoke(cli, ["import", str(path), "-o", str(out), "--force"])
    assert forced.exit_code == 0


# --- bad and unsafe input --------------------------------------------------------------------


def test_poorly_formed_xml_is_located(tbx_dir: Path) -> None:
    path = tbx_dir / "samples" / "test_files__poorly_formed_xml.tbx"
    result = CliRunner().invoke(cli, ["import", str(path)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"termkit: error: {path}:42:16: XML syntax error:")
    assert "Traceback" not in result.output


def test_core_structure_errors_are_listed_with_validate(tbx_dir: Path) -> None:
    path = tbx_dir / "samples" / "test_files__core_structure_bad.tbx"
    schema = tbx_dir / "TBXcoreStructV03.rng"
    result = CliRunner().invoke(cli, ["import", str(path), "--validate", str(schema)])
    assert result.exit_code == 2
    assert f"{path}:15: Did not expect text in element sourceDesc content" in result.stderr
    assert f"{path}:21: Did not expect element admin there" in result.stderr
    assert "structural error(s)" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(
    "name", ["test_files__core_structure_good.tbx", "Basic_Example_Astronomy_DCA_VALID.tbx"]
)
def test_valid_files_pass_validate(tbx_dir: Path, name: str) -> None:
    path = tbx_dir / "samples" / name
    schema = tbx_dir / "TBXcoreStructV03.rng"
    result = CliRunner().invoke(cli, ["import", str(path), "--validate", str(schema)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# Imported by termkit")


def test_validate_is_for_tbx_only(tmp_path: Path, tbx_dir: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_text("concept,lang,term\nA,en,alpha\n", encoding="utf-8")
    schema = tbx_dir / "TBXcoreStructV03.rng"
    result = CliRunner().invoke(cli, ["import", str(table), "--validate", str(schema)])
    assert result.exit_code == 2 and "TBX" in result.stderr


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE tbx [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
<tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader>
<text><body><conceptEntry id="c1"><langSec xml:lang="en">
<termSec><term>&lol9;</term></termSec></langSec></conceptEntry></body></text></tbx>
"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE martif [ <!ENTITY secret SYSTEM "{url}"> ]>
<martif type="TBX" xml:lang="en"><martifHeader><fileDesc><sourceDesc><p>x</p></sourceDesc>
</fileDesc></martifHeader><text><body><termEntry id="c1"><langSet xml:lang="en">
<tig><term>&secret;</term></tig></langSet></termEntry></body></text></martif>
"""


@pytest.mark.parametrize("kind", ["billion-laughs", "external-entity", "external-entity-utf16"])
def test_entity_attacks_are_refused(tmp_path: Path, kind: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-42", encoding="utf-8")
    document = (
        BILLION_LAUGHS if kind == "billion-laughs" else EXTERNAL_ENTITY.format(url=secret.as_uri())
    )
    path = tmp_path / "attack.tbx"
    if kind.endswith("utf16"):
        path.write_bytes(
            document.replace('"1.0"?>', '"1.0" encoding="UTF-16"?>', 1).encode("utf-16")
        )
    else:
        path.write_text(document, encoding="utf-8")
    out = tmp_path / "out.toml"
    result = CliRunner().invoke(cli, ["import", str(path), "-o", str(out)])
    assert result.exit_code == 2
    assert "refused" in result.stderr and "<!ENTITY" in result.stderr
    assert "TOP-SECRET-42" not in result.output
    assert "lollol" not in result.output
    assert not out.exists()


def test_doctype_without_declarations_is_accepted() -> None:
    data = (
        b'<?xml version="1.0"?>\n<!DOCTYPE martif SYSTEM "http://example.invalid/TBX.dtd">\n'
        b'<martif type="TBX" xml:lang="en"><text><body><termEntry id="c1">'
        b'<langSet xml:lang="en"><tig><term>alpha</term></tig></langSet>'
        b"</termEntry></body></text></martif>"
    )
    result = import_termbase(data, "ok.tbx")
    assert [t.text for t in result.termbase.terms()] == ["alpha"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<glossary/>", "not a TBX file: the root element is <glossary>"),
        (b"<tbx><unclosed></tbx>", "XML syntax error"),
        (
            b'<martif xml:lang="en"><text><body><termEntry><langSet xml:lang="xx-nonsense-tag">'
            b"<tig><term>a</term></tig></langSet></termEntry></body></text></martif>",
            "",
        ),
    ],
)
def test_bad_tbx_input(data: bytes, message: str) -> None:
    if not message:
        # An unknown language is kept in the concept note, never silently dropped.
        result = import_termbase(data, "x.tbx")
        assert "terms in unknown language 'xx-nonsense-tag': 'a'" in (
            result.termbase["c1"].note or ""
        )
        return
    with pytest.raises(InputError, match=message):
        import_termbase(data, "x.tbx")
