"""Diagnostics: how they render and serialise, and the registry of codes that
the README and the report docs are checked against."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tei_convert.diagnostics import CODES, Diagnostic, Reporter, Severity, diagnostic

from conftest import ROOT


def test_column_is_not_part_of_the_manifest_form_or_the_message() -> None:
    plain = Diagnostic("not-xml", Severity.ERROR, "broken", "a.xml", 3)
    located = Diagnostic("not-xml", Severity.ERROR, "broken", "a.xml", 3, column=7)
    assert located.column == 7
    assert located.to_json() == plain.to_json() == {
        "code": "not-xml", "severity": "error", "message": "broken", "source": "a.xml", "line": 3}
    assert located.render() == plain.render() == "a.xml:3: error not-xml: broken"


# --- The registry: one list of codes, the docs checked against it.

PACKAGE = ROOT / "src" / "tei_convert"
# The calls that take a code as their first argument.
_CODE_CALLS = {"warn", "info", "diagnostic", "Diagnostic", "registered"}


def _code_literals() -> dict[str, list[str]]:
    """Every string passed as a code in the package's source, with where."""
    found: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "diagnostics.py":
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", None))
            first = node.args[0]
            if name in _CODE_CALLS and isinstance(first, ast.Constant) \
                    and isinstance(first.value, str):
                found.setdefault(first.value, []).append(f"{path.name}:{node.lineno}")
    return found


def _problem_codes() -> set[str]:
    """The codes of inputs that fail or are skipped, written as ``("failed", code, ...)``."""
    codes: set[str] = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        codes.update(re.findall(r'\("(?:failed|skipped)",\s*"([a-z-]+)"',
                                path.read_text("utf-8")))
    return codes


def test_every_code_the_source_uses_is_registered() -> None:
    used = _code_literals()
    assert len(used) > 20
    assert {code: where for code, where in used.items() if code not in CODES} == {}
    assert _problem_codes() - set(CODES) == set()


def test_every_registered_code_is_used_somewhere() -> None:
    used = set(_code_literals()) | _problem_codes()
    assert set(CODES) - used == set()


def test_each_code_has_one_meaning() -> None:
    # A code names one thing: one severity, one line of meaning.
    assert all(code.name == name and code.meaning and "\n" not in code.meaning
               for name, code in CODES.items())
    assert all(re.fullmatch(r"[a-z]+(?:-[a-z]+)*", name) for name in CODES)


def _table(path: Path, after: str) -> list[tuple[str, str, str]]:
    """The rows of the ``| code | severity | meaning |`` table after ``after``."""
    text = path.read_text("utf-8")
    section = text[text.index(after):]
    rows: list[tuple[str, str, str]] = re.findall(
        r"^\| `([a-z-]+)` \| (\w+) \| (.+) \|$", section, re.MULTILINE)
    return rows


def _expected(command: str) -> list[tuple[str, str, str]]:
    return [(c.name, c.severity.value, c.meaning) for c in CODES.values()
            if command in c.commands]


def test_the_readme_lists_every_code_convert_reports() -> None:
    rows = _table(ROOT / "README.md", "Diagnostic codes, as printed")
    assert rows[:len(_expected("convert"))] == _expected("convert")


def test_the_report_docs_list_every_code_validate_reports() -> None:
    rows = _table(ROOT / "docs" / "validation-report.md", "| code | severity | meaning |")
    assert rows == _expected("validate")


def test_an_unregistered_code_or_a_wrong_severity_is_refused() -> None:
    reporter = Reporter("a.txt")
    with pytest.raises(KeyError, match="not in the registry"):
        reporter.warn("no-such-code", "message")
    with pytest.raises(ValueError, match="has severity warning, not info"):
        reporter.info("title-supplied", "message")
    with pytest.raises(ValueError, match="has severity info, not warning"):
        reporter.warn("hyphen-kept", "message")
    with pytest.raises(KeyError):
        diagnostic("no-such-code", "message", "a.xml")
    assert reporter.diagnostics == []


def test_a_diagnostic_takes_its_severity_from_the_registry() -> None:
    assert diagnostic("not-xml", "broken", "a.xml", 3).severity is Severity.ERROR
    assert diagnostic("note-unlinked", "n", "a.xml").severity is Severity.WARNING
