"""Validation reports for machines: JSON (checked against its shipped schema)
and JUnit XML, which CI services show as test results.

Both are deterministic: files sorted by path, no clock, no host name.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from lxml import etree

from tei_convert.checks.relaxng import SCHEMA_NAME, safe_parser
from tei_convert.checks.schemas import checked_json
from tei_convert.checks.validate import is_failure
from tei_convert.diagnostics import Diagnostic, Severity
from tei_convert.input.files import read_file
from tei_convert.input.sanitize import xml_safe
from tei_convert.version import __version__

REPORT_SCHEMA = "validation-report.schema.json"
REPORT_VERSION = 1
_SUITE = "tei-convert validate"
_CLASSNAME = "tei-convert.validate"


@dataclass(frozen=True)
class FileResult:
    """One checked file and the problems found in it."""

    path: str
    problems: tuple[Diagnostic, ...]

    @property
    def valid(self) -> bool:
        """Warnings leave a file valid; any error does not."""
        return not is_failure(self.problems)

    def count(self, severity: Severity) -> int:
        """How many problems of ``severity`` the file has."""
        return sum(1 for problem in self.problems if problem.severity is severity)


def summary(results: Sequence[FileResult]) -> dict[str, int]:
    """Files checked, valid and invalid, and errors and warnings in all."""
    valid = sum(1 for result in results if result.valid)
    return {
        "files": len(results),
        "valid": valid,
        "invalid": len(results) - valid,
        "errors": sum(result.count(Severity.ERROR) for result in results),
        "warnings": sum(result.count(Severity.WARNING) for result in results),
    }


def json_report(results: Sequence[FileResult], *, schema: str = SCHEMA_NAME) -> bytes:
    """The JSON report (``schema/validation-report.schema.json``), canonical.

    Args:
        schema: the name of the RelaxNG schema the files were checked against.

    Raises:
        ValidationError: when the report does not fit its schema (a bug).
    """
    ordered = _by_path(results)
    data: dict[str, Any] = {
        "report_version": REPORT_VERSION,
        "tool": {"name": "tei-convert", "version": __version__},
        "schema": xml_safe(schema),
        "files": [{"path": xml_safe(result.path), "valid": result.valid,
                   "problems": [_problem_json(problem) for problem in result.problems]}
                  for result in ordered],
        "summary": summary(ordered),
    }
    return checked_json(data, schema=REPORT_SCHEMA, what="the validation report")


def _problem_json(problem: Diagnostic) -> dict[str, Any]:
    # Every key always present (null when unknown), so consumers need no defaults.
    return {"file": xml_safe(problem.source), "line": problem.line, "column": problem.column,
            "code": problem.code, "message": xml_safe(problem.message),
            "severity": problem.severity.value}


def junit_report(results: Sequence[FileResult], *, schema: str = SCHEMA_NAME) -> bytes:
    """JUnit XML: one test suite, one test case per file, a failure per invalid file;
    the suite's ``schema`` property names the RelaxNG schema used."""
    ordered = _by_path(results)
    counts = summary(ordered)
    totals = {"name": _SUITE, "tests": str(counts["files"]),
              "failures": str(counts["invalid"]), "errors": "0", "skipped": "0"}
    suites = etree.Element("testsuites", totals)
    suite = etree.SubElement(suites, "testsuite", totals)
    properties = etree.SubElement(suite, "properties")  # before the test cases, as JUnit has it
    etree.SubElement(properties, "property", name="schema", value=xml_safe(schema))
    for result in ordered:
        _testcase(suite, result)
    return etree.tostring(suites, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _testcase(suite: etree._Element, result: FileResult) -> None:
    path = xml_safe(result.path)
    case = etree.SubElement(suite, "testcase", classname=_CLASSNAME, name=path, file=path)
    errors = [p for p in result.problems if p.severity is Severity.ERROR]
    if errors:
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        failure = etree.SubElement(case, "failure", message=xml_safe(errors[0].message) + more,
                                   type=errors[0].code)
        failure.text = _listing(errors)
    others = [p for p in result.problems if p.severity is not Severity.ERROR]
    if others:
        etree.SubElement(case, "system-out").text = _listing(others)


def _listing(problems: Sequence[Diagnostic]) -> str:
    """One ``file:line:column: severity code: message`` line a problem."""
    return "".join(xml_safe(problem.render(column=True)) + "\n" for problem in problems)


def _by_path(results: Sequence[FileResult]) -> list[FileResult]:
    return sorted(results, key=lambda result: result.path)


class Report(Protocol):
    """A report writer: the results, and the name of the schema they were checked against."""

    def __call__(self, results: Sequence[FileResult], *, schema: str = ...) -> bytes: ...


REPORTS: dict[str, Report] = {
    "json": json_report,
    "junit": junit_report,
}
"""Report formats by the name ``validate --format`` takes."""


def written_by_validate(path: Path) -> bool:
    """Whether ``path`` is a report ``validate`` wrote (JSON naming tei-convert, or
    JUnit XML whose suites are ours), the only kind of file ``validate -o`` may
    replace. Read without DTDs or entities; anything else is the user's."""
    if path.is_symlink() or not path.is_file():
        return False
    try:
        data = read_file(path)
    except OSError:
        return False
    try:
        report = json.loads(data)
        return (isinstance(report, dict) and report.get("tool", {}).get("name") == "tei-convert"
                and "report_version" in report)
    except (ValueError, AttributeError):
        pass
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError:
        return False
    return root.tag == "testsuites" and root.get("name") == _SUITE
