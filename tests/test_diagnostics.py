"""Diagnostics render and serialise the same whether or not a column is known."""

from __future__ import annotations

from tei_convert.diagnostics import Diagnostic, Severity


def test_column_is_not_part_of_the_manifest_form_or_the_message() -> None:
    plain = Diagnostic("not-xml", Severity.ERROR, "broken", "a.xml", 3)
    located = Diagnostic("not-xml", Severity.ERROR, "broken", "a.xml", 3, column=7)
    assert located.column == 7
    assert located.to_json() == plain.to_json() == {
        "code": "not-xml", "severity": "error", "message": "broken", "source": "a.xml", "line": 3}
    assert located.render() == plain.render() == "a.xml:3: error not-xml: broken"
