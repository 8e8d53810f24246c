"""Checking TEI: a RelaxNG schema (ours unless another is given, compiled
once) plus integrity rules.

Integrity rules are what RelaxNG cannot say: ``xml:id`` values unique, every
``#target`` resolves, every note in ``back`` is pointed to (a note in the text
stands at its marker). They apply whatever the schema.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from lxml import etree

from tei_convert.checks.relaxng import Schema, our_schema, safe_parser
from tei_convert.diagnostics import Diagnostic, Severity, diagnostic
from tei_convert.errors import InputError
from tei_convert.input.files import DEFAULT_MAX_BYTES, read_limited
from tei_convert.tei import XML_ID, tei

_XML_ID = XML_ID
_NOTE = tei("note")
_BACK = tei("back")
_BODY = tei("body")
_HEAD = tei("head")
_DIV = tei("div")


def parse_bytes(data: bytes, *, source: str) -> etree._ElementTree:
    """Parse XML safely.

    Raises:
        InputError: when the bytes are not well-formed XML or declare a DTD.
    """
    try:
        tree = etree.ElementTree(etree.fromstring(data, safe_parser()))
    except etree.XMLSyntaxError as error:
        raise InputError(f"not well-formed XML: {error.msg}", source=source,
                         line=error.lineno, column=_column(error.position[1])) from None
    if tree.docinfo.doctype:
        raise InputError("a DOCTYPE declaration is not allowed in TEI input", source=source)
    return tree


def check_tree(tree: etree._ElementTree, *, source: str,
               schema: Schema | None = None) -> list[Diagnostic]:
    """Schema errors and integrity problems of one TEI document.

    Args:
        schema: the compiled schema to check against (default: ours).
    """
    chosen = schema or our_schema()
    problems = _schema_problems(tree, source, chosen)
    if chosen is our_schema():
        problems.extend(_head_problems(tree, source))
    problems.extend(integrity_problems(tree, source=source))
    return problems


def _head_problems(tree: etree._ElementTree, source: str) -> list[Diagnostic]:
    """What our schema leaves to code: the division that holds a body's text
    opens with at most one title ``head`` and then at most one ``head[@type='sub']``."""
    problems = []
    for body in tree.getroot().iter(_BODY):
        for division in body.iterchildren(_DIV):
            kinds = [head.get("type") for head in division.iterchildren(_HEAD)]
            if kinds not in ([], [None], ["sub"], [None, "sub"]):
                problems.append(diagnostic(
                    "schema-invalid", "a text opens with one head at most, then one "
                    "head type=\"sub\" at most", source, division.sourceline))
    return problems


def _schema_problems(tree: etree._ElementTree, source: str,
                     schema: Schema) -> list[Diagnostic]:
    if schema.relaxng.validate(tree):
        return []
    return [diagnostic("schema-invalid", entry.message, source, entry.line,
                       _column(entry.column))
            for entry in schema.relaxng.error_log]


def _column(value: int | None) -> int | None:
    # libxml2 counts columns from 1 and says 0 when it does not know one.
    return value or None


def integrity_problems(tree: etree._ElementTree, *, source: str) -> list[Diagnostic]:
    """Duplicate ids, dangling ``#`` targets and notes in back nothing points to."""
    root = tree.getroot()
    ids = Counter(element.get(_XML_ID) for element in root.iter() if element.get(_XML_ID))
    problems = [
        diagnostic("id-duplicate", f"xml:id '{value}' is used {count} times", source)
        for value, count in sorted(ids.items()) if count > 1
    ]
    targets: set[str] = set()
    for element in root.iter():
        for target in (element.get("target") or "").split():
            if target.startswith("#"):
                targets.add(target[1:])
                if target[1:] not in ids:
                    problems.append(diagnostic("target-unresolved",
                                               f"target '{target}' points to no xml:id",
                                               source, element.sourceline))
    # A note in the text stands at its marker; one in back needs a pointer.
    for note in root.iter(_NOTE):
        note_id = note.get(_XML_ID)
        if (note_id and note_id not in targets
                and next(note.iterancestors(_BACK), None) is not None):
            problems.append(diagnostic("note-unlinked",
                                       f"note '{note_id}' in back is not pointed to",
                                       source, note.sourceline))
    return problems


def validate_file(path: Path, *, schema: Schema | None = None,
                  max_bytes: int = DEFAULT_MAX_BYTES) -> list[Diagnostic]:
    """Read and check one TEI file; problems reading it are reported, not raised.

    Args:
        schema: the compiled schema to check against (default: ours); compile
            it once (:func:`~tei_convert.checks.relaxng.choose_schema`) for
            many files.
    """
    source = str(path)
    try:
        data = read_limited(path, limit=max_bytes, source=source)
    except InputError as error:
        return [diagnostic("unreadable", error.message, source)]
    try:
        tree = parse_bytes(data, source=source)
    except InputError as error:
        return [diagnostic("not-xml", error.message, source, error.line, error.column)]
    return check_tree(tree, source=source, schema=schema)


def is_failure(problems: Sequence[Diagnostic]) -> bool:
    """True when any problem is an error (warnings do not fail validation)."""
    return any(problem.severity is Severity.ERROR for problem in problems)


def made_by_tei_convert(path: Path | bytes, root: str, *,
                        others: frozenset[str] | None = None) -> bool:
    """Whether ``path`` (or bytes already read from it) is XML this tool wrote:
    its root element is TEI's
    ``root``, its ``teiHeader`` names tei-convert in ``appInfo``, and, when
    ``others`` is given, every other child of the root is one of those TEI
    elements. Read a piece at a time, without DTDs, entities or network; a file
    that is not such XML, or cannot be read, is not ours."""
    try:
        return _made_by_tei_convert(path, root, others)
    except (etree.XMLSyntaxError, OSError):
        return False


def _made_by_tei_convert(path: Path | bytes, root: str, others: frozenset[str] | None
                         ) -> bool:
    source = io.BytesIO(path) if isinstance(path, bytes) else str(path)
    events = etree.iterparse(source, events=("start", "end"), resolve_entities=False,
                             no_network=True, load_dtd=False)
    depth, ours = 0, False
    for event, element in events:
        depth += 1 if event == "start" else -1
        if event == "start" and depth == 1 and element.tag != tei(root):
            return False
        if event == "end" and depth == 1:
            if element.tag == tei("teiHeader"):
                ours = any(app.get("ident") == "tei-convert"
                           for app in element.iter(tei("application")))
                if others is None:
                    return ours
            elif others is not None and (not ours or element.tag not in
                                         {tei(name) for name in others}):
                return False
            element.clear()
    return ours
