"""The ``teiHeader``: what the source says of the text (title, author, dates,
credits, licence, citation, correspondence) and what the conversion says of
itself (editorial declaration, revision, id); and the teiCorpus header."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from lxml import etree

from tei_convert.model import (
    Bibl,
    BiblKind,
    BiblPart,
    CorpusLicence,
    DateValue,
    Document,
    Field,
    Header,
    Licence,
    Publication,
    Responsibility,
)
from tei_convert.tei.elements import (
    JULIAN,
    TEI_NS,
    XML_ID,
    Element,
    append_text,
    date_element,
    keep_inline,
    sub,
    tei,
    text_with_date,
)

_BIBL_ELEMENTS = {
    BiblKind.TITLE: "title",
    BiblKind.EDITION: "edition",
    BiblKind.PUBLISHER: "publisher",
    BiblKind.PLACE: "pubPlace",
    BiblKind.DATE: "date",
    BiblKind.AUTHOR: "author",
    BiblKind.EDITOR: "editor",
}


_SCOPE_UNITS = {BiblKind.VOLUME: "volume", BiblKind.PAGES: "page"}


def tei_header(document: Document, *, version: str, publisher: str | None,
                published: str | None, source_url: str | None = None) -> Element:
    header = document.header
    element = etree.Element(tei("teiHeader"))
    file_desc = sub(element, "fileDesc")
    file_desc.append(_title_stmt(header))
    # The user's metadata may name the text's own publisher; else the option's.
    file_desc.append(_publication_stmt(header.licence, header.publisher or publisher,
                                       document.id, published))
    if header.other_fields or header.collection:
        file_desc.append(_notes_stmt(header.other_fields, header.collection))
    file_desc.append(_source_desc(header, source_url))
    element.append(encoding_desc(version, document.reader, wrapped=document.wrapped))
    if header.creation is not None or header.language or header.correspondence is not None \
            or header.genre or header.coverage is not None:
        profile = sub(element, "profileDesc")
        if header.creation is not None:
            creation = sub(profile, "creation")
            if header.creation.wording:
                creation.text = header.creation.wording + " "
            creation.append(date_element(header.creation.date))
        if header.coverage is not None:
            # § 2.4, § 16.2.3: the time a text is about is its setting (the
            # Guidelines' example: a novel's "Late 19th century"); creation
            # is only when it was written.
            setting = sub(sub(profile, "settingDesc"), "setting")
            setting.append(_period(header.coverage))
        desc = _corresp_desc(header) if header.correspondence is not None else None
        if desc is not None:
            profile.append(desc)
        if header.genre:
            # § 2.4.3: the text's kind, as a keyword a catalogue can facet on.
            keywords = sub(sub(profile, "textClass"), "keywords")
            sub(keywords, "term", header.genre)
        if header.language:
            # § 2.4.2: the languages of the text, by the tag xml:lang uses (and
            # by the name the source gives it).
            sub(sub(profile, "langUsage"), "language", header.language_name,
                ident=header.language)
    return element


def _corresp_desc(header: Header) -> Element | None:
    """§ 2.4.6: who sent the letter, from where and when, and to whom, in the
    form correspSearch harvests (CMIF). An action the text says nothing about
    is left out (TEI allows no empty one); None when it names neither."""
    letter = header.correspondence
    assert letter is not None
    desc = etree.Element(tei("correspDesc"))
    if letter.sender or letter.sent_from or header.creation is not None:
        sent = sub(desc, "correspAction", type="sent")
        if letter.sender:
            sub(sent, "persName", letter.sender)
        if letter.sent_from:
            sub(sent, "placeName", letter.sent_from)
        if header.creation is not None:
            sent.append(date_element(header.creation.date))
    if letter.addressee:
        received = sub(desc, "correspAction", type="received")
        sub(received, "persName" if letter.addressee_is_person else "orgName",
             letter.addressee)
        if letter.received_at:
            sub(received, "placeName", letter.received_at)
    return desc if len(desc) else None


def _period(date: DateValue) -> Element:
    """A stretch of time as ``date`` with ``@from`` and ``@to``: the whole of it,
    where ``@notBefore``/``@notAfter`` would bound one uncertain point."""
    element = etree.Element(tei("date"))
    for attribute, value in (("from", date.not_before or date.when),
                             ("to", date.not_after or date.when)):
        if value:
            element.set(attribute, value)
    element.text = date.text
    return element


def revision_desc(document: Document, version: str, source_sha256: str | None,
                   published: str | None) -> Element:
    """§ 2.6: what was done to make this file, and from what; dated only when the
    user gives the edition a date."""
    revision = etree.Element(tei("revisionDesc"))
    digest = f" (sha256 {source_sha256})" if source_sha256 else ""
    sub(revision, "change", f"Converted to TEI by tei-convert {version} from "
         f"{Path(document.source).name}{digest}.", when=published or "")
    return revision


def calendar_desc(root: Element, calendar_id: str) -> None:
    """Declare the Julian calendar that Old Style dates point to (``calendarDesc``
    in ``profileDesc``, Guidelines § 2.4), when the document has one."""
    # Dates are built before the document's id is at hand; they name the
    # calendar by a placeholder, made the document's own (unique in a corpus) here.
    dates = [date for date in root.iter(tei("date")) if date.get("datingMethod") == JULIAN]
    if not dates:
        return
    for date in dates:
        date.set("datingMethod", "#" + calendar_id)
    header = root[0]
    profile = header.find(tei("profileDesc"))
    if profile is None:
        profile = sub(header, "profileDesc")
    calendar = sub(sub(profile, "calendarDesc"), "calendar")
    calendar.set(XML_ID, calendar_id)
    sub(calendar, "p", "Julian calendar (Old Style), as the source gives it beside the "
         "Gregorian date")


def encoding_desc(version: str, reader: str | None = None, *, wrapped: bool = False) -> Element:
    encoding = etree.Element(tei("encodingDesc"))
    if reader is not None:
        encoding.append(_editorial_decl(reader, wrapped=wrapped))
    app = sub(sub(encoding, "appInfo"), "application", ident="tei-convert", version=version)
    sub(app, "label", "tei-convert")
    return encoding


def _editorial_decl(reader: str, *, wrapped: bool) -> Element:
    """§ 2.3.3: how the source was transcribed into this file, so that a reader
    of the TEI knows what the tool changed, and what it did not. Whether line-end
    hyphens were resolved depends on the source (``wrapped``): a plain text may
    be hard-wrapped or not."""
    decl = etree.Element(tei("editorialDecl"))
    sub(sub(decl, "normalization"), "p", _NORMALIZATION)
    if wrapped:
        sub(sub(decl, "hyphenation", eol="some"), "p", _HYPHENATION)
    else:
        sub(sub(decl, "hyphenation", eol="none"), "p",
            _NO_HYPHENATION.get(reader, _NOT_WRAPPED))
    sub(sub(decl, "segmentation"), "p", _SEGMENTATION[reader])
    sub(sub(decl, "interpretation"), "p", _INTERPRETATION.get(reader, _LETTER_PARTS))
    return decl


_NORMALIZATION = ("White space is normalised. Characters XML does not allow are replaced "
                  "with spaces, and bytes that are not UTF-8 are read as Windows-1252; each "
                  "repair is listed in the manifest.")


_HYPHENATION = ("A word broken with a hyphen at a line end is joined, with lb break=\"no\" "
                "type=\"hyphenInWord\" where the line ended: the hyphen is not in the text. "
                "A hyphen that belongs to a compound is kept as it stands.")


_NOT_WRAPPED = "The source is not hard-wrapped; hyphens are kept as they stand."


_NO_HYPHENATION = {
    "gutenberg": ("The e-text is hard-wrapped, but Project Gutenberg rejoins words broken at "
                  "line ends: a hyphen that ends a line belongs to a compound and is kept, "
                  "with no space after it."),
}
"""What hyphens mean in the sources of readers that resolve none."""


_SEGMENTATION = {
    "mia": ("One p for each block of lines between blank lines; a block set in lines keeps "
            "its line ends as lb."),
    "volume": ("Paragraphs are rebuilt from the printed lines: a line ends one when it ends "
               "a sentence and the first word of the next line would still have fitted on it "
               "(line widths in Times-Roman against the volume's own measure, or character "
               "counts where that cannot be learned), or when a gap follows it outside a "
               "sentence. Page breaks are pb."),
    "gutenberg": ("One p for each block of lines between blank lines, its hard-wrapped lines "
                  "joined; a block whose every line is indented (verse) keeps its line ends "
                  "as lb."),
    "plain": ("One p for each block of lines between blank lines, its wrapped lines joined; "
              "a block of running prose whose lines were hard-wrapped without blank lines "
              "between paragraphs is cut where a line is indented as a paragraph's first, "
              "where a line ends a sentence and the first word of the next line would still "
              "have fitted on it (line lengths against the text's own measure), or where a "
              "line falls well short of it; a block set in lines keeps its line ends as lb."),
}


_LETTER_PARTS = ("Openers, closers, lists and notes are recognised by the shape of the "
                 "lines. A note stands at its first marker ([n], or a bare number after a "
                 "word) as note place=\"end\" with the printed mark in n; a later marker is "
                 "a ref to it, and a note no marker places stays in back. Site navigation "
                 "and the dividers between works are left out and listed in the manifest.")


_INTERPRETATION = {
    "gutenberg": ("Headings (CHAPTER I, BOOK II, a numeral alone, a line in capitals after "
                  "three or more blank lines) open divisions, nested by rank; _underscores_ "
                  "are hi rend=\"italic\"; [Illustration: caption] is a figure with the "
                  "caption as head; [Footnote n: ...] is a note place=\"end\" at its first "
                  "marker [n]. The words Illustration and Footnote, and the e-text's header "
                  "lines, START and END lines and licence are left out of the text and "
                  "listed in the manifest; the header's fields and its statement of the terms "
                  "of use are in this header."),
    "plain": ("Openers, closers, lists and notes are recognised by the shape of the lines. "
              "A marker [n], (n) or * is a note's only where the text prints a note that "
              "opens the same way and no other note has its label, in a run of notes at the "
              "end or as [Footnote n: ...] after the marker; the note stands at its first "
              "marker as note place=\"end\" with the printed mark in n, and a later marker is "
              "a ref to it. Other markers are kept as text. Nothing is left out."),
}
"""How each reader's text was read, where it differs from the letter parts'."""


CORPUS_START = f'<teiCorpus xmlns="{TEI_NS}">'.encode()


CORPUS_END = b"</teiCorpus>"


def build_corpus_header(*, title: str, publisher: str | None, licence: CorpusLicence | None,
                        sources: Iterable[tuple[str, str]], version: str) -> Element:
    """The ``teiHeader`` of a ``teiCorpus``; the documents follow it.

    Args:
        sources: (path, sha256) of each source file, for the ``sourceDesc``.
    """
    header = etree.Element(tei("teiHeader"), nsmap={None: TEI_NS})
    file_desc = sub(header, "fileDesc")
    sub(sub(file_desc, "titleStmt"), "title", title)
    statement = sub(file_desc, "publicationStmt")
    sub(statement, "publisher", publisher)
    if licence is not None:
        availability = sub(statement, "availability", status=licence.status.value)
        sub(availability, "licence", licence.text, target=licence.target or "")
    bibls = sub(sub(file_desc, "sourceDesc"), "listBibl")
    for path, digest in sources:
        bibl = sub(bibls, "bibl")
        sub(bibl, "idno", path, type="path")
        sub(bibl, "idno", digest, type="sha256")
    header.append(encoding_desc(version))
    return header


def _notes_stmt(fields: Iterable[Field], collection: str | None) -> Element:
    """Header fields with no element of their own, label and wording kept; the
    collection the page belongs to."""
    stmt = etree.Element(tei("notesStmt"))
    if collection:
        sub(stmt, "note", collection, type="collection")
    for field in fields:
        note = sub(stmt, "note", type="sourceField")
        sub(note, "label", field.label).tail = f": {field.value}" if field.value else None
        keep_inline(note)
    return stmt


def _title_stmt(header: Header) -> Element:
    stmt = etree.Element(tei("titleStmt"))
    title_type = "supplied" if header.title.supplied else None
    if header.title.subtitle:
        title_type = "main"
    title = sub(stmt, "title", header.title.text, type=title_type or "")
    if header.title.n:
        title.set("n", header.title.n)
    if header.title.subtitle:
        sub(stmt, "title", header.title.subtitle, type="sub")
    if header.author:
        sub(stmt, "author", header.author)
    for other in header.co_authors:
        sub(stmt, "author", other)
    if header.editor:
        sub(stmt, "editor", header.editor)
    for responsibility in header.responsibilities:
        stmt.append(_resp_stmt(responsibility))
    # The conversion is a responsibility too: the markup is the tool's.
    conversion = sub(stmt, "respStmt")
    sub(conversion, "resp", "Conversion to TEI", key="mrk")
    sub(conversion, "name", "tei-convert")
    return stmt


def _resp_stmt(responsibility: Responsibility) -> Element:
    # TEI requires at least one name in a respStmt; an empty value keeps the
    # field's wording as the name rather than dropping the field.
    stmt = etree.Element(tei("respStmt"))
    sub(stmt, "resp", responsibility.label, key=responsibility.role)
    names = responsibility.names
    if not names:
        sub(stmt, "name", responsibility.text or "unknown")
    for name in names:
        sub(stmt, "persName" if name.is_person else "orgName", name.text)
    if names and " ".join(name.text for name in names) != responsibility.text:
        # The names alone lose the source's wording ("X and Y"); keep it.
        sub(stmt, "note", responsibility.text, type="sourceWording")
    return stmt


def _publication_stmt(licence: Licence | None, publisher: str | None, doc_id: str,
                      published: str | None) -> Element:
    # publicationStmt must name an agency before availability; the converted
    # edition's publisher is the user's to state. When nobody states one, the
    # element stays empty (as GROBID writes it): no invented agency.
    stmt = etree.Element(tei("publicationStmt"))
    sub(stmt, "publisher", publisher)
    if published:
        sub(stmt, "date", published, when=published)
    # The id the manifest, the file name and a teiCorpus know the document by.
    sub(stmt, "idno", doc_id, type="tei-convert")
    if licence is not None:
        availability = sub(stmt, "availability", status=licence.status.value)
        element = sub(availability, "licence", target=licence.target or "")
        if not licence.label:
            # A statement the source prints under no field name (a Project
            # Gutenberg e-text's) is the licence's wording alone.
            element.text = licence.text
        else:
            sub(element, "label", licence.label).tail = (f": {licence.text}" if licence.text
                                                         else None)
    return stmt


def _source_desc(header: Header, source_url: str | None) -> Element:
    desc = etree.Element(tei("sourceDesc"))
    if source_url:
        # § 2.2.7: the text as the archive it came from serves it.
        sub(sub(desc, "bibl", type="online"), "ptr", target=source_url)
    if header.source is not None:
        desc.append(_bibl(header.source))
    for publication in header.publications:
        desc.append(_publication(publication))
    if len(desc) == 0:
        sub(desc, "p", "The source text names no printed source.")
    return desc


def _bibl(bibl: Bibl) -> Element:
    element = etree.Element(tei("bibl"), type="source")
    for part in bibl.parts:
        child = _bibl_part(part)
        if child is None:
            append_text(element, part.text)
        else:
            element.append(child)
    keep_inline(element)
    return element


def _bibl_part(part: BiblPart) -> Element | None:
    if part.kind is None:
        return None
    if part.kind is BiblKind.DATE and part.date is not None:
        return date_element(part.date)
    if part.kind is BiblKind.IDNO:
        # § 2.2.4 and § 3.12.2.4: the identifier of the cited item, by scheme.
        return _element("idno", part.text, type=part.scheme or "")
    if part.kind in _SCOPE_UNITS:
        scope = etree.Element(tei("biblScope"), unit=_SCOPE_UNITS[part.kind])
        if part.range_from:
            scope.set("from", part.range_from)
            scope.set("to", part.range_to or part.range_from)
        scope.text = part.text
        return scope
    return _element(_BIBL_ELEMENTS[part.kind], part.text)


def _element(tag: str, text: str, **attrs: str) -> Element:
    element = etree.Element(tei(tag), {k: v for k, v in attrs.items() if v})
    element.text = text
    return element


def _publication(publication: Publication) -> Element:
    element = etree.Element(tei("bibl"), type="firstPublication")
    text_with_date(element, publication.text, publication.date, publication.date_start)
    return element
