"""``validate --schema``: TEI that editors enriched by hand, checked against our
schema, TEI P5 ``tei_all`` or a project's own RelaxNG schema, as a user runs it.

Compiling tei_all takes about ten seconds, so one run of the command over every
sample file (``tei_all_run``) serves all the tei_all tests here.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner, Result
from lxml import etree

from tei_convert.checks.relaxng import load_schema
from tei_convert.checks.validate import validate_file
from tei_convert.cli import main

from conftest import GOLDEN, ROOT, TEI_ALL, require_oracle
from tei_helpers import NS, add_dangling_ref, unlink_first_note

TEI = f"{{{NS['tei']}}}"
XML_ID = f"{{{NS['xml']}}}id"
REPORT_SCHEMA = json.loads((ROOT / "schema" / "validation-report.schema.json").read_text("utf-8"))
# What each sample is, under tei_all and under the project schema below alike.
OUTCOMES = {"plain": True, "enriched": True, "oops": False, "duplicate": False,
            "dangling": False}

# A project's own schema, as an ODD or a hand-written RelaxNG file may give it:
# any TEI element but <oops>, any attribute; the patterns sit in a sibling file.
EDITION_RNG = """<?xml version="1.0" encoding="UTF-8"?>
<grammar xmlns="http://relaxng.org/ns/structure/1.0" ns="http://www.tei-c.org/ns/1.0">
  <include href="my-edition-parts.rng"/>
  <start><element name="TEI"><ref name="content"/></element></start>
</grammar>
"""
EDITION_PARTS_RNG = """<?xml version="1.0" encoding="UTF-8"?>
<grammar xmlns="http://relaxng.org/ns/structure/1.0">
  <define name="content">
    <zeroOrMore>
      <choice>
        <attribute><anyName/></attribute>
        <text/>
        <element>
          <anyName><except><name ns="http://www.tei-c.org/ns/1.0">oops</name></except></anyName>
          <ref name="content"/>
        </element>
      </choice>
    </zeroOrMore>
  </define>
</grammar>
"""
RNG_NS = "http://relaxng.org/ns/structure/1.0"


def _edit(source: Path, target: Path, change: Callable[[etree._Element], None]) -> Path:
    tree = etree.parse(str(source))
    change(tree.getroot())
    tree.write(str(target), encoding="UTF-8", xml_declaration=True)
    return target


def _paragraphs(root: etree._Element) -> list[etree._Element]:
    return list(root.iterfind(f".//{TEI}body/{TEI}div/{TEI}p"))


def _enrich(root: etree._Element) -> None:
    # What an editor adds by hand: a name, an emphasis and a date inside a p.
    paragraph = _paragraphs(root)[0]
    paragraph.text = "Information from "
    name = etree.SubElement(paragraph, f"{TEI}persName")
    name.text, name.tail = "Ludwig Martens", " has "
    emphasis = etree.SubElement(paragraph, f"{TEI}hi", rend="italic")
    emphasis.text, emphasis.tail = "appeared", " in our press on "
    date = etree.SubElement(paragraph, f"{TEI}date", when="1922-10-20")
    date.text, date.tail = "20 October", "."


def _oops(root: etree._Element) -> None:
    body = root.find(f".//{TEI}body")
    assert body is not None
    body.append(etree.Element(f"{TEI}oops"))


def _duplicate(root: etree._Element) -> None:
    for paragraph in _paragraphs(root)[:2]:
        paragraph.set(XML_ID, "p1")


def _dangling(root: etree._Element) -> None:
    add_dangling_ref(root)
    unlink_first_note(root)


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A converted TEI file (``plain``) and copies of it edited by hand: valid TEI P5
    (``enriched``), an unknown element (``oops``), a duplicate ``xml:id``
    (``duplicate``) and a pointer to nothing (``dangling``)."""
    folder = tmp_path_factory.mktemp("edited")
    golden = GOLDEN / "001_c9ba2724c89e91a5.xml"
    files = {"plain": folder / "plain.xml"}
    shutil.copy(golden, files["plain"])
    for name, change in (("enriched", _enrich), ("oops", _oops), ("duplicate", _duplicate),
                         ("dangling", _dangling)):
        files[name] = _edit(golden, folder / f"{name}.xml", change)
    return files


@pytest.fixture(scope="module")
def edition_schema(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``my-edition.rng``, which includes ``my-edition-parts.rng`` beside it."""
    folder = tmp_path_factory.mktemp("schema")
    (folder / "my-edition-parts.rng").write_text(EDITION_PARTS_RNG, "utf-8")
    schema = folder / "my-edition.rng"
    schema.write_text(EDITION_RNG, "utf-8")
    return schema


@dataclass(frozen=True)
class Run:
    """One run of ``tei-convert validate``: what it said, and how often it compiled."""

    result: Result
    compiles: int

    @property
    def report(self) -> dict[str, Any]:
        report: dict[str, Any] = json.loads(self.result.stdout)
        jsonschema.validate(report, REPORT_SCHEMA)
        return report

    def outcomes(self) -> dict[str, bool]:
        return {Path(f["path"]).stem: f["valid"] for f in self.report["files"]}

    def codes(self, name: str) -> set[str]:
        return {p["code"] for f in self.report["files"] if Path(f["path"]).stem == name
                for p in f["problems"]}


@pytest.fixture(scope="module")
def counting() -> Iterator[list[int]]:
    """Count the RelaxNG schemas lxml compiles while the fixture is in use."""
    compiled = [0]
    original = etree.RelaxNG

    def relaxng(*args: Any, **kwargs: Any) -> etree.RelaxNG:
        compiled[0] += 1
        return original(*args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(etree, "RelaxNG", relaxng)
        yield compiled


def _validate(counting: list[int], *arguments: str | Path, env: dict[str, str] | None = None
              ) -> Run:
    before = counting[0]
    result = CliRunner(env=env).invoke(main, ["validate", *map(str, arguments)])
    return Run(result, counting[0] - before)


@pytest.fixture(scope="module")
def tei_all_run(samples: dict[str, Path], counting: list[int]) -> Run:
    """Every sample checked against TEI P5, found through TEI_ALL_RNG, in one run."""
    require_oracle(TEI_ALL.is_file(), f"TEI P5 {TEI_ALL.name} (../shared/tei/)")
    return _validate(counting, *samples.values(), "--schema", "tei_all", "--format", "json",
                     env={"TEI_ALL_RNG": str(TEI_ALL)})


# --- TEI P5 tei_all.

def test_enriched_tei_passes_tei_all_and_invalid_tei_p5_fails(tei_all_run: Run) -> None:
    assert tei_all_run.outcomes() == OUTCOMES
    assert tei_all_run.codes("enriched") == set()
    assert tei_all_run.codes("oops") == {"schema-invalid"}
    assert tei_all_run.result.exit_code == 1
    assert "oops.xml:" in tei_all_run.result.stderr
    assert "error schema-invalid: Did not expect element oops there" in tei_all_run.result.stderr


def test_integrity_rules_apply_under_tei_all(tei_all_run: Run) -> None:
    assert "id-duplicate" in tei_all_run.codes("duplicate")
    # tei_all cannot see a pointer to nothing; our integrity rules do.
    assert tei_all_run.codes("dangling") == {"target-unresolved", "note-unlinked"}


def test_the_report_names_tei_all_and_it_was_compiled_once(tei_all_run: Run) -> None:
    assert tei_all_run.report["schema"] == "tei_all.rng"
    assert tei_all_run.report["summary"]["files"] == len(OUTCOMES)
    assert tei_all_run.compiles == 1


def test_tei_all_without_tei_all_rng_says_where_to_get_it(
        samples: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TEI_ALL_RNG", raising=False)
    error = _usage_error(CliRunner().invoke(main, ["validate", str(samples["plain"]),
                                                   "--schema", "tei_all"]))
    assert "TEI_ALL_RNG is not set" in error
    assert "xml/tei/custom/schema/relaxng/" in error
    assert "TEI_ALL_RNG=/path/tei_all.rng" in error
    assert "--schema /path/tei_all.rng" in error


def test_tei_all_rng_naming_no_file_is_a_usage_error(samples: dict[str, Path],
                                                     tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "tei_all.rng"
    error = _usage_error(CliRunner(env={"TEI_ALL_RNG": str(missing)}).invoke(
        main, ["validate", str(samples["plain"]), "--schema", "tei_all"]))
    assert f"TEI_ALL_RNG={missing} names no file" in error


# --- Our schema, the default.

def test_our_schema_is_the_default_and_rejects_hand_enrichment(
        samples: dict[str, Path], counting: list[int]) -> None:
    for arguments in ([], ["--schema", "ours"]):
        run = _validate(counting, samples["plain"], samples["enriched"], "--format", "json",
                        *arguments)
        assert run.result.exit_code == 1
        assert run.outcomes() == {"plain": True, "enriched": False}
        assert run.codes("enriched") == {"schema-invalid"}
        assert run.report["schema"] == "tei-convert.rng"


def test_integrity_rules_apply_under_our_schema(samples: dict[str, Path],
                                                counting: list[int]) -> None:
    run = _validate(counting, samples["duplicate"], samples["dangling"], "--format", "json")
    assert "id-duplicate" in run.codes("duplicate")
    assert "target-unresolved" in run.codes("dangling")


# --- A project's own schema.

def test_a_project_schema_with_an_include_accepts_what_it_allows(
        samples: dict[str, Path], edition_schema: Path, counting: list[int]) -> None:
    run = _validate(counting, *samples.values(), "--schema", edition_schema, "--format", "json")
    assert run.outcomes() == OUTCOMES
    assert run.codes("oops") == {"schema-invalid"}
    assert run.report["schema"] == "my-edition.rng"
    assert run.result.exit_code == 1
    assert run.compiles == 1  # once for five files


def test_integrity_rules_apply_under_a_project_schema(
        samples: dict[str, Path], edition_schema: Path, counting: list[int]) -> None:
    run = _validate(counting, samples["duplicate"], samples["dangling"], "--schema",
                    edition_schema, "--format", "json")
    # The schema allows any attribute, so only our rules see these.
    assert run.codes("duplicate") == {"id-duplicate"}
    assert run.codes("dangling") == {"target-unresolved", "note-unlinked"}
    assert run.result.exit_code == 1


def test_a_valid_file_passes_a_project_schema(samples: dict[str, Path],
                                              edition_schema: Path) -> None:
    result = CliRunner().invoke(main, ["validate", str(samples["enriched"]),
                                       "--schema", str(edition_schema)])
    assert result.exit_code == 0, result.output


def test_the_junit_report_names_the_schema(samples: dict[str, Path],
                                           edition_schema: Path) -> None:
    result = CliRunner().invoke(main, ["validate", str(samples["plain"]), "--schema",
                                       str(edition_schema), "--format", "junit"])
    assert result.exit_code == 0, result.output
    suite = etree.fromstring(result.stdout_bytes).find("testsuite")
    assert suite is not None
    assert suite.xpath("properties/property[@name='schema']/@value") == ["my-edition.rng"]
    assert suite[0].tag == "properties"  # before the test cases, as JUnit readers expect


@pytest.mark.parametrize("href", ["my-edition.rng", "FILE_URL", "my%2Dedition.rng"],
                         ids=["relative", "file-url", "percent-escaped"])
def test_a_schema_may_pull_in_local_files_with_external_ref(
        samples: dict[str, Path], tmp_path: Path, href: str) -> None:
    (tmp_path / "my-edition-parts.rng").write_text(EDITION_PARTS_RNG, "utf-8")
    (tmp_path / "my-edition.rng").write_text(EDITION_RNG, "utf-8")
    href = href.replace("FILE_URL", (tmp_path / "my-edition.rng").as_uri())
    wrapper = tmp_path / "wrapper.rng"
    wrapper.write_text(f'<externalRef xmlns="{RNG_NS}" href="{href}"/>\n', "utf-8")
    schema = load_schema(wrapper)
    assert schema.name == "wrapper.rng"
    assert validate_file(samples["enriched"], schema=schema) == []
    assert [p.code for p in validate_file(samples["oops"], schema=schema)] == ["schema-invalid"]


# --- Schemas that cannot be used: one line, exit 2, nothing validated.

def _usage_error(result: Result) -> str:
    """The one-line message of a usage error, under click's usage lines."""
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 4, lines  # Usage: ..., Try ..., a blank line, the error
    assert lines[-1].startswith("Error: ")
    return lines[-1]


def _grammar(body: str, doctype: str = "") -> str:
    return f'{doctype}<grammar xmlns="{RNG_NS}">\n{body}\n</grammar>\n'


_START = "<start><element name='TEI'><text/></element></start>"
BROKEN = {
    # name: (files to write, what the message must say)
    "missing": ({}, ["broken.rng: cannot read the schema: No such file",
                     "--schema takes ours, tei_all or the path"]),
    "folder": ({"broken.rng/inside.rng": _grammar(_START)}, ["broken.rng: cannot read"]),
    "not-xml": ({"broken.rng": "this is a schema, trust me\n"},
                ["broken.rng:1: not well-formed XML"]),
    "not-relaxng": ({"broken.rng": "<TEI xmlns='http://www.tei-c.org/ns/1.0'/>\n"},
                    ["broken.rng: not valid RelaxNG"]),
    "bad-pattern": ({"broken.rng": _grammar("<start>\n<element name='TEI'><bogus/></element>"
                                            "</start>")},
                    ["broken.rng:3: not valid RelaxNG: Unexpected node bogus"]),
    "doctype": ({"secret.txt": "SECRET\n",
                 "broken.rng": _grammar("<start><element name='TEI'><value>&x;</value>"
                                        "</element></start>",
                                        '<!DOCTYPE grammar [<!ENTITY x SYSTEM "secret.txt">]>\n')},
                ["broken.rng: a DOCTYPE declaration is not allowed in a schema"]),
    "included-doctype": ({"broken.rng": _grammar(f"<include href='part.rng'/>{_START}"),
                          "part.rng": _grammar("", "<!DOCTYPE grammar>\n")},
                         ["part.rng: a DOCTYPE declaration is not allowed"]),
    "included-from-the-network": (
        {"broken.rng": _grammar(f"<include href='http://127.0.0.1:9/part.rng'/>{_START}")},
        ["broken.rng:2: include 'http://127.0.0.1:9/part.rng' is refused: a schema may pull "
         "in local files only"]),
    "included-missing": ({"broken.rng": _grammar(f"<externalRef href='absent.rng'/>{_START}")},
                         ["broken.rng:2: externalRef 'absent.rng': cannot read ",
                          "absent.rng: No such file"]),
    "included-broken": ({"broken.rng": _grammar(f"<include href='part.rng'/>{_START}"),
                         "part.rng": "<grammar"}, ["part.rng:1: not well-formed XML"]),
    "include-loop": ({"broken.rng": _grammar(f"<include href='part.rng'/>{_START}"),
                      "part.rng": _grammar("<include href='broken.rng'/>")},
                     ["broken.rng:2: not valid RelaxNG: Detected an Include recursion"]),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_schema_that_cannot_be_used_is_a_one_line_usage_error(
        case: str, samples: dict[str, Path], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    files, expected = BROKEN[case]
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, "utf-8")
    monkeypatch.chdir(tmp_path)  # so that messages name files as the user typed them
    error = _usage_error(CliRunner().invoke(main, [
        "validate", str(samples["plain"]), "--schema", "broken.rng", "--format", "json"]))
    for words in expected:
        assert words in error
    assert "SECRET" not in error


def test_a_misspelt_schema_name_lists_the_choices(samples: dict[str, Path]) -> None:
    error = _usage_error(CliRunner().invoke(main, ["validate", str(samples["plain"]),
                                                   "--schema", "tei-all"]))
    assert "tei-all: cannot read the schema" in error
    assert "--schema takes ours, tei_all or the path of a RelaxNG schema" in error
