"""Validation reports: JSON that fits its shipped schema, JUnit XML a real consumer reads."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
from junitparser import Failure, JUnitXml, TestCase
from lxml import etree

from tei_convert.checks.reports import FileResult, json_report, junit_report
from tei_convert.checks.validate import validate_file
from tei_convert.diagnostics import Diagnostic, Severity

from conftest import ROOT

SCHEMA = json.loads((ROOT / "schema" / "validation-report.schema.json").read_text("utf-8"))
OUTCOMES = {"valid": True, "warned": True, "invalid": False, "broken": False}


def _results(samples: dict[str, Path]) -> list[FileResult]:
    return [FileResult(str(path), tuple(validate_file(path))) for path in samples.values()]


def _json(results: list[FileResult]) -> dict[str, Any]:
    report: dict[str, Any] = json.loads(json_report(results))
    jsonschema.validate(report, SCHEMA)
    return report


def _cases(results: list[FileResult], folder: Path) -> dict[str, TestCase]:
    # Read from a file, as CI services read the report.
    report = folder / "report.xml"
    report.write_bytes(junit_report(results))
    xml = JUnitXml.fromfile(str(report))
    return {Path(case.name).stem: case for suite in xml for case in suite}


def test_the_shipped_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_json_report_says_which_files_are_valid(tei_samples: dict[str, Path]) -> None:
    report = _json(_results(tei_samples))
    assert {Path(f["path"]).stem: f["valid"] for f in report["files"]} == OUTCOMES
    problems = [p for f in report["files"] for p in f["problems"]]
    errors = sum(p["severity"] == "error" for p in problems)
    assert errors >= 3  # two from the schema, one from the parser
    assert report["summary"] == {"files": 4, "valid": 2, "invalid": 2, "errors": errors,
                                 "warnings": 1}
    assert report["tool"]["name"] == "tei-convert"
    assert report["report_version"] == 1


def test_json_problems_carry_file_line_column_and_null_when_unknown(
        tei_samples: dict[str, Path]) -> None:
    files = {Path(f["path"]).stem: f for f in _json(_results(tei_samples))["files"]}
    assert files["broken"]["problems"] == [{
        "file": str(tei_samples["broken"]), "line": 2, "column": 10, "code": "not-xml",
        "severity": "error", "message": files["broken"]["problems"][0]["message"]}]
    schema_errors = files["invalid"]["problems"]
    assert {p["code"] for p in schema_errors} == {"schema-invalid"}
    assert all(p["column"] is None and p["line"] >= 1 for p in schema_errors)
    [warning] = files["warned"]["problems"]
    assert (warning["code"], warning["severity"]) == ("note-unlinked", "warning")


def test_reports_list_files_sorted_whatever_the_order_given(tei_samples: dict[str, Path]) -> None:
    results = _results(tei_samples)
    assert json_report(results) == json_report(results[::-1])
    assert junit_report(results) == junit_report(results[::-1])
    paths = [f["path"] for f in _json(results)["files"]]
    assert paths == sorted(paths)


def test_junit_report_as_junitparser_reads_it(tei_samples: dict[str, Path],
                                             tmp_path: Path) -> None:
    cases = _cases(_results(tei_samples), tmp_path)
    assert {name: case.is_passed for name, case in cases.items()} == OUTCOMES
    types = {name: [r.type for r in case.result if isinstance(r, Failure)]
             for name, case in cases.items()}
    assert types == {"valid": [], "warned": [], "invalid": ["schema-invalid"],
                     "broken": ["not-xml"]}
    broken = cases["broken"].result[0]
    assert f"{tei_samples['broken']}:2:10: error not-xml: " in (broken.text or "")
    assert "warning note-unlinked" in (cases["warned"].system_out or "")
    assert cases["valid"].system_out is None


def test_junit_report_structure(tei_samples: dict[str, Path]) -> None:
    root = etree.fromstring(junit_report(_results(tei_samples)))
    assert root.tag == "testsuites"
    [suite] = root.xpath("testsuite")
    assert (suite.get("tests"), suite.get("failures")) == ("4", "2")
    failing = root.xpath("testsuite/testcase[failure]/@file")
    assert failing == [str(tei_samples["broken"]), str(tei_samples["invalid"])]
    assert root.xpath("count(//testcase[@classname and @name = @file])") == 4
    # No clock and no host, so two runs give the same bytes.
    assert root.xpath("//@timestamp | //@time | //@hostname") == []


def test_characters_xml_cannot_hold_are_replaced_in_both_reports(tmp_path: Path) -> None:
    # A file name with a control character and a byte that is not UTF-8.
    name = "caf\udce9\x01.xml"
    results = [FileResult(name, (Diagnostic("not-xml", Severity.ERROR, "bad\x00", name, 1),))]
    [entry] = _json(results)["files"]
    assert entry["path"] == entry["problems"][0]["file"] == "caf\ufffd\ufffd.xml"
    assert entry["problems"][0]["message"] == "bad\ufffd"
    [case] = _cases(results, tmp_path).values()
    assert case.name == "caf\ufffd\ufffd.xml"


def test_the_documented_example_fits_the_schema() -> None:
    doc = (ROOT / "docs" / "validation-report.md").read_text("utf-8")
    example = re.search(r"```json\n(.*?)```", doc, re.DOTALL)
    assert example is not None
    jsonschema.validate(json.loads(example.group(1)), SCHEMA)
