"""The user's metadata over what the reader read: the values a metadata file or
catalogue row states go into the document's header, and every header value
records where it came from (``Header.provenance``).

What the user states wins over what the reader infers: title, author, date
written, language, source, licence, publisher, editor and a letter's sender,
addressee and place. Only the header changes: a title the source prints stays
the text's ``head``, and the header as the reader read it is kept
(``Document.read_header``), so that the front still shows the source's own
fields as it prints them.

A document split from a volume (``part_of``) shares its file's metadata with the
other works. There the metadata describes the printed volume: its title,
editor, publisher and place, with the volume number and year, cite the volume
(``sourceDesc/bibl``); author, language, source and licence apply to every
work; a date, sender or addressee would fit no one work and is not used.

Provenance says, per field (the metadata's key names): ``metadata: FILE`` or
``metadata: TABLE line N``; ``source line N`` or ``source lines N-M``, read
from those lines; ``reader``, inferred from the text as a whole (an addressee
from the title); ``reader (supplied)``, made up where the source has none (a
title of the first words); ``option --lang`` or ``option --publisher`` (or
the configuration's ``lang``, ``publisher``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from tei_convert.diagnostics import Reporter
from tei_convert.model import (
    Bibl,
    BiblKind,
    BiblPart,
    Correspondence,
    Creation,
    DateValue,
    Document,
    Header,
    Licence,
    Metadata,
    Span,
    Title,
)
from tei_convert.values.bibl import parse_source
from tei_convert.values.dates import parse_date
from tei_convert.values.licences import read_statement
from tei_convert.values.names import is_organisation

VOLUME_ONLY = ("volume", "year", "period", "first-page")
"""Keys only a volume's works use (the volume reader reads ``first-page``)."""
ONE_DOCUMENT = ("date", "sender", "addressee")
"""Keys that describe one document, which no work of a volume shares."""
_VOLUME_CITATION = ("author", "title", "volume", "editor", "publisher", "place", "year")
_SUPERSEDED = {
    "title": ("title-supplied",),
    "author": ("author-inferred", "author-unknown"),
    "date": ("date-from-dateline",),
}
"""Diagnostics about a header value the reader made, which the user's value replaced."""
_ISO_MONTH = re.compile(r"(?P<year>[12][0-9]{3})-(?P<month>0[1-9]|1[0-2])")


def warn_unused(metadata: Metadata | None, *, volume: bool, reporter: Reporter) -> None:
    """Warn of the keys ``metadata`` states that no document of the file can use:
    a date or correspondent for the works of a volume (``volume``), volume
    fields for a file that is one document."""
    if metadata is None:
        return
    why = ("describes one document, and this file holds the works of a volume" if volume
           else "applies to the works of a volume only")
    for key in ONE_DOCUMENT if volume else VOLUME_ONLY:
        if key in metadata.stated():
            reporter.warn("metadata-unused", f"'{key}' ({metadata.origin(key)}) {why}; "
                          "not used")


def apply_metadata(document: Document, metadata: Metadata | None, reporter: Reporter, *,
                   lang: str | None = None, publisher: str | None = None) -> Document:
    """The document with the user's metadata in its header and every header
    value's provenance recorded.

    Args:
        lang: the language of texts whose metadata (or source) states none (``--lang``).
        publisher: the converted edition's publisher where the metadata names none.
    """
    read = document.header
    origins = _read_origins(read)
    header = read
    if metadata is not None:
        header = _shared(read, metadata, origins, volume=document.part_of is not None)
        if document.part_of is None:
            header = _one_document(header, metadata, origins, reporter)
        applied = [key for key, origin in origins.items() if origin.startswith("metadata")]
        superseded = {code for key in applied for code in _SUPERSEDED.get(key, ())}
        reporter.diagnostics[:] = [d for d in reporter.diagnostics if d.code not in superseded]
    if header.language is None and lang:
        header = replace(header, language=lang, language_from="option")
        origins["language"] = "option --lang"
    if header.publisher is None and publisher:
        header = replace(header, publisher=publisher)
        origins["publisher"] = "option --publisher"
    header = replace(header, provenance=tuple(sorted(origins.items())))
    return replace(document, header=header,
                   read_header=read if metadata is not None and metadata.stated() else None)


def _shared(header: Header, metadata: Metadata, origins: dict[str, str], *,
            volume: bool) -> Header:
    """The fields every document of a file takes: author, language, licence and
    source; for the works of a volume, the volume's citation."""
    if metadata.author:
        header = replace(header, author=metadata.author, author_span=None)
    if metadata.language:
        header = replace(header, language=metadata.language, language_from="metadata")
    if metadata.licence:
        reading = read_statement(metadata.licence)
        header = replace(header, licence=Licence("Licence", reading.text, reading.status,
                                                 reading.target, None))
    if metadata.source:
        citation = parse_source(metadata.source, author=header.author)
        header = replace(header, source=replace(citation, span=None))
    elif volume and _volume_citation(metadata) is not None:
        header = replace(header, source=_volume_citation(metadata))
        origins["source"] = _joined_origins(metadata, _VOLUME_CITATION)
    _record(origins, metadata, ("author", "language", "licence", "source"))
    return header


def _one_document(header: Header, metadata: Metadata, origins: dict[str, str],
                  reporter: Reporter) -> Header:
    """The fields a file that is one document takes: title, date, publisher,
    editor and the letter's parts."""
    if metadata.title:
        # The user's title is the whole title; the printed subtitle stays in the
        # text's head. The document's number as printed is still its number.
        header = replace(header, title=Title(metadata.title, n=header.title.n))
    if metadata.date:
        date = _date(metadata.date)
        header = replace(header, creation=Creation("Date", date, None))
        _check_date(date, metadata.origin("date"), reporter)
    if metadata.publisher:
        header = replace(header, publisher=metadata.publisher)
    if metadata.editor:
        header = replace(header, editor=metadata.editor)
    _record(origins, metadata, ("title", "date", "publisher", "editor"))
    return replace(header, correspondence=_correspondence(header, metadata, origins))


def _record(origins: dict[str, str], metadata: Metadata, keys: Sequence[str]) -> None:
    """Note the metadata as the origin of those of ``keys`` it states."""
    stated = metadata.stated()
    origins.update((key, metadata.origin(key)) for key in keys if key in stated)


def _correspondence(header: Header, metadata: Metadata, origins: dict[str, str]
                    ) -> Correspondence | None:
    """The letter's parts with the user's sender, addressee and place: any of the
    three makes the text a letter. The author of a letter is its sender, unless
    the user names another."""
    letter = header.correspondence
    if letter is None and not (metadata.sender or metadata.addressee or metadata.place):
        return None
    if letter is None:
        letter = Correspondence(sender=header.author)
        if header.author and "author" in origins:
            origins["sender"] = origins["author"]
    if metadata.sender or metadata.author:
        key = "sender" if metadata.sender else "author"
        letter = replace(letter, sender=metadata.sender or metadata.author)
        origins["sender"] = metadata.origin(key)
    if metadata.addressee:
        # Where the reader's addressee was is not where the user's is.
        letter = replace(letter, addressee=metadata.addressee, received_at=None,
                         addressee_is_person=not is_organisation(metadata.addressee))
        origins["addressee"] = metadata.origin("addressee")
    if metadata.place:
        letter = replace(letter, sent_from=metadata.place)
        origins["place"] = metadata.origin("place")
    return letter


def _volume_citation(metadata: Metadata) -> Bibl | None:
    """The volume as a citation, in the order a reader would write it."""
    pieces = [
        BiblPart(metadata.author, BiblKind.AUTHOR) if metadata.author else None,
        BiblPart(metadata.title, BiblKind.TITLE) if metadata.title else None,
        BiblPart(f"Volume {metadata.volume}", BiblKind.VOLUME, range_from=metadata.volume)
        if metadata.volume else None,
        BiblPart(metadata.editor, BiblKind.EDITOR) if metadata.editor else None,
        BiblPart(metadata.publisher, BiblKind.PUBLISHER) if metadata.publisher else None,
        BiblPart(metadata.place, BiblKind.PLACE) if metadata.place else None,
        BiblPart(metadata.year, BiblKind.DATE, date=DateValue(metadata.year, when=metadata.year))
        if metadata.year else None,
    ]
    parts: list[BiblPart] = []
    for piece in pieces:
        if piece is not None:
            parts.extend([BiblPart(", ")] if parts else [])
            parts.append(piece)
    return Bibl(tuple(parts)) if parts else None


def _date(text: str) -> DateValue:
    """The user's date: ISO 8601 (a month, ``1920-05``, too) or words the date
    reader reads; other wording is kept as text."""
    match = _ISO_MONTH.fullmatch(text.strip())
    if match is not None:
        return DateValue(text.strip(), when=text.strip())
    return parse_date(text)


def _check_date(date: DateValue, where: str, reporter: Reporter) -> None:
    """Say when the user's date could not be read (it is kept as text)."""
    if date.problem:
        reporter.warn("date-impossible", f"{date.problem} ({where}); kept as text, with no "
                      "value")
    elif not date.is_understood:
        reporter.warn("date-unread", f"the date '{date.text}' ({where}) could not be read; "
                      "kept as text (give it as 1920-05-01, 1920-05 or 1920)")


def _read_origins(header: Header) -> dict[str, str]:
    """Where the reader's header values came from."""
    origins: dict[str, str] = {}
    title = header.title
    origins["title"] = "reader (supplied)" if title.supplied else _lines(title.span)
    if header.author:
        origins["author"] = _lines(header.author_span)
    if header.creation is not None:
        origins["date"] = _lines(header.creation.span)
    if header.language:
        origins["language"] = "option --lang" if header.language_from == "option" else "reader"
    if header.source is not None:
        origins["source"] = _lines(header.source.span)
    if header.licence is not None:
        origins["licence"] = _lines(header.licence.span)
    letter = header.correspondence
    if letter is not None:
        for key, value in (("sender", letter.sender), ("addressee", letter.addressee),
                           ("place", letter.sent_from)):
            if value:
                origins[key] = "reader"
    return origins


def _lines(span: Span | None) -> str:
    """``source line 3``, ``source lines 3-5``, or ``reader`` where no line is known."""
    if span is None:
        return "reader"
    if span.first_line == span.last_line:
        return f"source line {span.first_line}"
    return f"source lines {span.first_line}-{span.last_line}"


def _joined_origins(metadata: Metadata, keys: Sequence[str]) -> str:
    """The origins of the fields ``keys`` that ``metadata`` states, each once."""
    stated = metadata.stated()
    return "; ".join(dict.fromkeys(metadata.origin(key) for key in keys if key in stated))
