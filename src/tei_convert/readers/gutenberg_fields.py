"""What each header field of a Project Gutenberg e-text becomes in the model.

``Title`` (its indented lines: the subtitle), ``Author`` (one a line),
credits and the other people named (``respStmt``), ``Language``,
``Original publication``; and the e-text itself as the document's source: a
citation with Project Gutenberg as publisher, the release date (the e-text's
publication, not the work's), the e-book number and the later updates.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from tei_convert.diagnostics import Reporter
from tei_convert.input.text import normalize_space
from tei_convert.model import (
    Bibl,
    BiblKind,
    BiblPart,
    DateValue,
    Field,
    Publication,
    Responsibility,
    Span,
    Title,
)
from tei_convert.readers.gutenberg_header import RawField
from tei_convert.readers.mia_header import field_date
from tei_convert.values.dates import find_dates
from tei_convert.values.languages import language_tag
from tei_convert.values.names import split_names

PUBLISHER = "Project Gutenberg"
NUMBER_SCHEME = "PG"
"""The ``idno/@type`` of a Project Gutenberg e-book number."""

# MARC relator codes of the fields that name who did what.
_ROLES = {
    "editor": "edt", "editors": "edt", "translator": "trl", "translators": "trl",
    "illustrator": "ill", "illustrators": "ill", "contributor": "ctb", "contributors": "ctb",
    "commentator": "cwt", "commentators": "cwt", "annotator": "ann", "compiler": "com",
    "photographer": "pht",
    # Credits name the volunteers who transcribed and proofread the e-text.
    "credits": "trc", "produced by": "trc",
}
_WRAPPED = frozenset({"credits", "produced by"})
"""Fields whose indented lines carry on a sentence; in the others each line names one."""
# The e-text's release, by the field that states it, most telling first.
_RELEASE = ("release date", "date first posted", "first posted", "posting date")
_EDITION = frozenset({"posting date", "last updated", "most recently updated", "updated",
                      "edition", "date first posted", "first posted"})
# "Credits: Produced by ...", "This ebook was produced by: ...": the names follow.
_PRODUCED_BY = re.compile(r"^(?:this e-?(?:book|text) was )?(?:produced|prepared) by:?\s*",
                          re.IGNORECASE)


@dataclass
class HeaderFields:
    """The header fields, sorted by what they become."""

    title: Title | None = None
    author: str | None = None
    co_authors: tuple[str, ...] = ()
    author_span: Span | None = None
    """The lines of the Author field."""
    responsibilities: tuple[Responsibility, ...] = ()
    publications: tuple[Publication, ...] = ()
    language: tuple[str, str] | None = None
    """The language's tag and its name as written."""
    release: tuple[str, DateValue] | None = None
    """The release date's wording and value."""
    editions: list[str] = field(default_factory=list)
    """Later postings and updates, each "Label: value"."""
    other: tuple[Field, ...] = ()


def read_fields(fields: Sequence[RawField], reporter: Reporter) -> HeaderFields:
    """Sort the fields; one with no element of its own is kept as a note."""
    parts = HeaderFields()
    release = next((f for key in _RELEASE for f in fields if f.key == key and f.value), None)
    for raw in fields:
        if not raw.value and raw is not release:
            reporter.warn("field-empty", f"header field '{raw.label}' has no value; kept as a "
                          "note", raw.span.first_line)
            parts.other += (Field(raw.label, raw.value, raw.span),)
        elif raw is release:
            parts.release = (raw.value, field_date(raw.value, raw.span.first_line, reporter))
        elif not _store(parts, raw):
            parts.other += (Field(raw.label, raw.value, raw.span),)
            reporter.info("field-unmapped", f"header field '{raw.label}' kept as a note",
                          raw.span.first_line)
    return parts


def _store(parts: HeaderFields, raw: RawField) -> bool:
    """Put one field where it belongs; False when it has no place of its own."""
    key = raw.key
    if key in ("title", "subtitle") and parts.title is None:
        subtitle = normalize_space(" ".join(raw.values[1:])) or None
        parts.title = Title(normalize_space(raw.values[0]) or raw.value, span=raw.span,
                            subtitle=subtitle)
    elif key in ("author", "authors") and parts.author is None:
        names = [normalize_space(value) for value in raw.values if value.strip()]
        parts.author, parts.co_authors = names[0], tuple(names[1:])
        parts.author_span = raw.span
    elif key in _ROLES:
        parts.responsibilities += (_responsibility(raw),)
    elif key == "language" and parts.language is None and language_tag(raw.value):
        parts.language = (language_tag(raw.value) or "", raw.value)
    elif key == "original publication":
        found = find_dates(raw.value)
        parts.publications += (Publication(raw.label, raw.value,
                                           found[0].value if found else None, raw.span,
                                           found[0].start if found else None),)
    elif key in _EDITION:
        parts.editions.append(f"{raw.label}: {raw.value}")
    else:
        return False
    return True


def _responsibility(raw: RawField) -> Responsibility:
    if raw.key in _WRAPPED:
        names = split_names(_PRODUCED_BY.sub("", raw.value))
    else:
        names = tuple(name for value in raw.values for name in split_names(value))
    return Responsibility(raw.label, _ROLES[raw.key], names, raw.value, raw.span)


def credit(label: str, names: str, span: Span) -> Responsibility:
    """A credit printed at the top of the text ("Produced by ...")."""
    return Responsibility(label, _ROLES["produced by"], split_names(names), names, span)


def source_bibl(title: str | None, author: str | None, parts: HeaderFields,
                number: tuple[str, str] | None) -> Bibl:
    """The e-text the document was converted from, as a citation: title, author,
    Project Gutenberg, the e-book number, the release date, the updates."""
    named = [BiblPart(title, BiblKind.TITLE)] if title else []
    if author:
        named += [BiblPart(", ")] * bool(named) + [BiblPart(author, BiblKind.AUTHOR)]
    cited = [*named, *[BiblPart(". ")] * bool(named), BiblPart(PUBLISHER, BiblKind.PUBLISHER)]
    if number is not None:
        cited += [BiblPart(f", {number[0]}"),
                  BiblPart(number[1], BiblKind.IDNO, scheme=NUMBER_SCHEME)]
    if parts.release is not None:
        wording, date = parts.release
        kind = BiblKind.DATE if date.is_understood else None
        cited += [BiblPart(", "), BiblPart(wording, kind, date=date if kind else None)]
    if parts.editions:
        cited += [BiblPart(", "), BiblPart("; ".join(parts.editions), BiblKind.EDITION)]
    return Bibl((*cited, BiblPart(".")))
