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
# The calls that take a code, and the severity each gives it (None: the registry's).
_CODE_CALLS = {"warn": Severity.WARNING, "info": Severity.INFO, "diagnostic": None,
               "Diagnostic": None, "registered": None}
_BUCKETS = {"failed": Severity.ERROR, "skipped": Severity.WARNING}


def _code_of(call: ast.Call) -> ast.expr | None:
    """The code argument of a call: the first one, or ``code=``."""
    keyword = next((k.value for k in call.keywords if k.arg == "code"), None)
    return keyword if keyword is not None else (call.args[0] if call.args else None)


def _severity_of(call: ast.Call, name: str) -> Severity | None:
    """The severity a call gives its code: by the method, or ``Severity.X``."""
    if _CODE_CALLS[name] is not None:
        return _CODE_CALLS[name]
    for argument in call.args[1:2] if name == "Diagnostic" else ():
        if isinstance(argument, ast.Attribute):
            return Severity[argument.attr]
    return None


def _code_uses() -> list[tuple[str, Severity | None, str]]:
    """(code, severity given, where) of every code written in the package's source:
    as the code of a diagnostic call, or as a failed or skipped input's problem."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "diagnostics.py":
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            where = f"{path.relative_to(PACKAGE)}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.Call):
                name = getattr(node.func, "attr", getattr(node.func, "id", None))
                code = _code_of(node) if name in _CODE_CALLS else None
                if isinstance(code, ast.Constant) and isinstance(code.value, str):
                    found.append((code.value, _severity_of(node, str(name)), where))
            elif isinstance(node, ast.Tuple) and len(node.elts) >= 3 and all(
                    isinstance(e, ast.Constant) and isinstance(e.value, str)
                    for e in node.elts[:2]) and node.elts[0].value in _BUCKETS:  # type: ignore[attr-defined]
                bucket, code = (e.value for e in node.elts[:2])  # type: ignore[attr-defined]
                found.append((code, _BUCKETS[bucket], where))
    return found


def test_every_code_the_source_uses_is_registered_at_its_severity() -> None:
    uses = _code_uses()
    assert len(uses) > 30
    assert [(c, where) for c, _, where in uses if c not in CODES] == []
    assert [(c, given, where) for c, given, where in uses
            if given is not None and c in CODES and CODES[c].severity is not given] == []


def test_every_registered_code_is_used_somewhere() -> None:
    assert set(CODES) - {code for code, _, _ in _code_uses()} == set()


def test_the_checks_see_a_wrong_code_and_a_wrong_severity(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "pkg"
    fake.mkdir()
    (fake / "x.py").write_text(
        'reporter.warn(code="hyphen-kept", message="m")\n'
        'problem = ("failed",\n           "no-such-code", "m", None)\n'
        'Diagnostic("title-supplied", Severity.ERROR, "m", "s")\n', "utf-8")
    monkeypatch.setattr(f"{__name__}.PACKAGE", fake)
    assert sorted((c, g) for c, g, _ in _code_uses()) == [
        ("hyphen-kept", Severity.WARNING), ("no-such-code", Severity.ERROR),
        ("title-supplied", Severity.ERROR)]


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
    assert rows == _expected("convert")


def test_the_report_docs_list_every_code_validate_reports() -> None:
    rows = _table(ROOT / "docs" / "validation-report.md", "| code | severity | meaning |")
    assert rows == _expected("validate")


def test_the_mapping_lists_every_code_cmif_reports() -> None:
    rows = _table(ROOT / "docs" / "mapping.md", "## Correspondence metadata (CMIF)")
    assert rows == _expected("cmif")


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
