"""The ``front``: the source's particulars (author, dates, source, translators)
as a reader of the text sees them.

Renderers show no ``teiHeader`` (the TEI Stylesheets print the title alone,
CETEIcean hides it), so the header's source fields are repeated in the text's
front matter, one ``p`` each in the source's order and wording ("Translated:
David Skvirsky"). The header stays the record.

Two divisions keep apart what the source prints and what it does not:
``div[@type='sourceInfo']`` repeats only the lines that went to the header,
as the reader read them (before the user's metadata replaced anything);
``div[@type='metadata']`` gives, labelled, the header's author, date, source
and licence where the source prints none of them there: the user's metadata,
an author read from a signature, a citation the tool composed.
"""

from __future__ import annotations

from lxml import etree

from tei_convert.model import Document, Span
from tei_convert.tei.elements import Element, sub, tei


def front(document: Document) -> Element | None:
    """``front`` with the source's header lines and the header's other values,
    or None when there are neither."""
    printed, stated = _lines(document), _stated(document)
    if not printed and not stated:
        return None
    element = etree.Element(tei("front"))
    for kind, lines in (("sourceInfo", printed), ("metadata", stated)):
        if lines:
            info = sub(element, "div", type=kind)
            for line in lines:
                sub(info, "p", line)
    return element


def _stated(document: Document) -> list[str]:
    """"Label: value" for the author, date, source and licence of the header
    that the source does not print in its header lines."""
    header, lines = document.header, document.header_lines
    stated = []
    if header.author and not (header.author_span and _in(header.author_span, lines)):
        stated += [f"Author: {name}" for name in (header.author, *header.co_authors)]
    if header.creation is not None and header.creation.span is None:
        stated.append(f"{header.creation.label or 'Date'}: {header.creation.date.text}")
    if header.source is not None and not (header.source.span and _in(header.source.span, lines)):
        stated.append(f"Source: {header.source.text}")
    if header.licence is not None and header.licence.span is None:
        stated.append(f"Licence: {header.licence.text}")
    return stated


def _lines(document: Document) -> list[str]:
    """The fields as "Label: value", in the order the source prints them; a
    field whose line is part of the text (a volume work's date line) is left
    to the text."""
    header = document.read_header or document.header
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
    kept = [(span.first_line, text) for span, text in fields
            if span is not None and _in(span, document.header_lines)]
    ordered = [text for _, text in sorted(kept, key=lambda item: item[0])]
    printed = header.author_span is not None and _in(header.author_span, document.header_lines)
    authors = [header.author, *header.co_authors] if header.author and printed else []
    return [author for author in authors if author] + ordered


def _in(span: Span, spans: tuple[Span, ...]) -> bool:
    """True when ``span`` lies within one of ``spans``."""
    return any(s.first_line <= span.first_line and span.last_line <= s.last_line
               for s in spans)
