"""The ``Field: value`` header block of Marxists Internet Archive pages."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from tei_convert.diagnostics import Reporter
from tei_convert.input.text import normalize_space
from tei_convert.model import (
    Creation,
    DateValue,
    Field,
    Licence,
    Publication,
    Responsibility,
    Span,
)
from tei_convert.values.dates import find_dates, read_date
from tei_convert.values.licences import read_licence
from tei_convert.values.names import is_responsibility_label, role_for_label, split_names

# A label is one to five words; backslashes and slashes join alternatives
# ("Transcription\HTML Markup"). The value may be empty on its own line.
FIELD_LINE = re.compile(r"^\s*([A-Z][\w'’.-]*(?:[ \t\\/&]+[A-Za-z][\w'’.-]*){0,4})\s*:\s*(.*)$")

# Each names when the text came to be: written, spoken, dictated, sent by wire.
_CREATION = {"written", "date", "dated", "delivered", "composed", "dictated", "wired", "sent",
             "telegraphed"}
_PUBLICATION = {"published", "first published", "first publication", "publication"}
_SOURCE = {"source"}
_LICENCE = {"public domain", "copyleft", "copyright", "license", "licence", "rights"}


def canonical_label(label: str) -> str:
    """Lower-case a label and unify its separators, for table look-up."""
    return normalize_space(re.sub(r"[\\/]", " / ", label)).lower()


def is_known_label(label: str) -> bool:
    """True for labels the tool maps to a specific TEI element."""
    key = canonical_label(label)
    return key in _CREATION | _PUBLICATION | _SOURCE | _LICENCE or is_responsibility_label(label)


@dataclass(frozen=True)
class RawField:
    """A header field as written: its label, value and lines."""

    label: str
    value: str
    span: Span


def collect_fields(lines: Sequence[str], first_line: int) -> list[RawField]:
    """Read ``Field: value`` lines; other non-blank lines continue the previous value."""
    fields: list[RawField] = []
    for offset, line in enumerate(lines):
        number = first_line + offset
        match = FIELD_LINE.match(line)
        if match is not None:
            fields.append(RawField(match.group(1), normalize_space(match.group(2)),
                                   Span(number, number)))
        elif line.strip() and fields:
            last = fields[-1]
            fields[-1] = RawField(last.label, normalize_space(f"{last.value} {line}"),
                                  Span(last.span.first_line, number))
    return fields


@dataclass
class HeaderParts:
    """What the header block says, sorted by the TEI element it feeds."""

    creation: Creation | None = None
    publications: tuple[Publication, ...] = ()
    source_text: tuple[str, Span] | None = None
    responsibilities: tuple[Responsibility, ...] = ()
    licence: Licence | None = None
    other: tuple[Field, ...] = ()


def read_fields(fields: Sequence[RawField], reporter: Reporter) -> HeaderParts:
    """Sort fields into header parts; unknown or repeated fields are kept as-is."""
    parts = HeaderParts()
    for raw in fields:
        if not raw.value:
            reporter.warn("field-empty", f"header field '{raw.label}' has no value; kept as a "
                          "note", raw.span.first_line)
            parts.other += (Field(raw.label, raw.value, raw.span),)
        elif not _store(parts, raw, reporter):
            parts.other += (Field(raw.label, raw.value, raw.span),)
            reporter.info("field-unmapped",
                          f"header field '{raw.label}' kept as a note", raw.span.first_line)
    return parts


def _store(parts: HeaderParts, raw: RawField, reporter: Reporter) -> bool:
    """Put one field where it belongs; False when it has no place of its own."""
    key = canonical_label(raw.label)
    if key in _CREATION and parts.creation is None:
        parts.creation = _creation(raw, reporter)
    elif key in _PUBLICATION:
        parts.publications += (_publication(raw),)
    elif key in _SOURCE and parts.source_text is None:
        parts.source_text = (raw.value, raw.span)
    elif is_responsibility_label(raw.label):
        names = split_names(raw.value)
        parts.responsibilities += (Responsibility(raw.label, role_for_label(raw.label), names,
                                                  raw.value, raw.span),)
    elif key in _LICENCE and parts.licence is None:
        parts.licence = _licence(raw, reporter)
    else:
        return False
    return True


def _creation(raw: RawField, reporter: Reporter) -> Creation:
    return Creation(raw.label, field_date(raw.value, raw.span.first_line, reporter), raw.span)


def field_date(value: str, line: int, reporter: Reporter) -> DateValue:
    """The date a header field states, with a warning when it cannot be read
    (or is no day of the calendar)."""
    date = read_date(value)
    if date.problem:
        reporter.warn("date-impossible", f"{date.problem}; kept as text", line)
    elif not date.is_understood:
        reporter.warn("date-unread", f"could not read the date '{value}'; kept as text", line)
    return date


def _publication(raw: RawField) -> Publication:
    matches = find_dates(raw.value)
    if not matches:
        return Publication(raw.label, raw.value, None, raw.span)
    return Publication(raw.label, raw.value, matches[0].value, raw.span, matches[0].start)


def _licence(raw: RawField, reporter: Reporter) -> Licence:
    reading = read_licence(raw.label, raw.value)
    if reading.removed:
        reporter.warn("link-text-removed",
                      f"removed link text '{reading.removed}' glued to the end of '{raw.label}'",
                      raw.span.first_line)
    return Licence(raw.label, reading.text, reading.status, reading.target, raw.span)
