"""The ``front``: the source's particulars (author, dates, source, translators)
as a reader of the text sees them.

Renderers show no ``teiHeader`` (the TEI Stylesheets print the title alone,
CETEIcean hides it), so the header's source fields are repeated in the text's
front matter, one ``p`` each in the source's order and wording ("Translated:
David Skvirsky"). The header stays the record; the front is written from it:
from the header as the reader read it, where the user's metadata replaced a
value (the source's own wording stays in the text), and from the user's values
where the source states none.
"""

from __future__ import annotations

from dataclasses import replace

from lxml import etree

from tei_convert.model import Document, Header, Span
from tei_convert.tei.elements import Element, sub, tei


def front(document: Document) -> Element | None:
    """``front/div[@type='sourceInfo']`` with the header's source fields that
    the text does not print itself, or None when there are none."""
    lines = _lines(document)
    if not lines:
        return None
    element = etree.Element(tei("front"))
    info = sub(element, "div", type="sourceInfo")
    for line in lines:
        sub(info, "p", line)
    return element


_OUTSIDE = 1 << 30
"""Where a field from outside the source file (the user's metadata) sorts: last."""


def _shown(document: Document) -> Header:
    """The header the front shows: the source's own fields as the reader read
    them, and the user's where the source states none."""
    read, final = document.read_header, document.header
    if read is None:
        return final
    return replace(read, author=read.author or final.author,
                   creation=read.creation or final.creation,
                   source=read.source or final.source, licence=read.licence or final.licence)


def _lines(document: Document) -> list[str]:
    """The fields as "Label: value", in the order the source prints them; a
    field whose line is part of the text (a volume work's date line) is left
    to the text."""
    header = _shown(document)
    fields: list[tuple[Span | None, str]] = []
    if header.creation is not None and not header.creation.from_dateline:
        fields.append((header.creation.span,
                       f"{header.creation.label}: {header.creation.date.text}"))
    fields += [(p.span, f"{p.label}: {p.text}") for p in header.publications]
    if header.source is not None:
        fields.append((header.source.span, f"Source: {header.source.text}"))
    fields += [(r.span, f"{r.label}: {r.text}") for r in header.responsibilities]
    if header.licence is not None:
        licence = header.licence
        fields.append((licence.span, f"{licence.label}: {licence.text}".rstrip(": ")
                       if licence.label else licence.text))
    fields += [(f.span, f"{f.label}: {f.value}") for f in header.other_fields]
    kept = [(span.first_line if span else _OUTSIDE, text) for span, text in fields
            if span is None or _in(span, document.header_lines)]
    ordered = [text for _, text in sorted(kept, key=lambda item: item[0])]
    return ([header.author] if header.author else []) + list(header.co_authors) + ordered


def _in(span: Span, spans: tuple[Span, ...]) -> bool:
    """True when ``span`` lies within one of ``spans``."""
    return any(s.first_line <= span.first_line and span.last_line <= s.last_line
               for s in spans)
