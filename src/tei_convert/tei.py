"""The TEI writer: one :class:`Document` in, one lxml tree out.

All TEI element names live here, one small function per model node. The
mandatory skeleton (``fileDesc`` with ``titleStmt``, ``publicationStmt`` and
``sourceDesc``; a non-empty ``body``) is always emitted, so output is valid by
construction.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from lxml import etree

from tei_convert.model import (
    Bibl,
    BiblKind,
    BiblPart,
    Block,
    Choice,
    Closer,
    Content,
    CorpusLicence,
    DateValue,
    Document,
    Field,
    Formula,
    FormulaKind,
    Header,
    Inline,
    ItemList,
    Label,
    Licence,
    LineBreak,
    Note,
    NoteRef,
    Opener,
    PageBreak,
    Paragraph,
    Postscript,
    Publication,
    Responsibility,
    Section,
)

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"

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
_DATED = (FormulaKind.DATELINE, FormulaKind.PUBLICATION)
_JULIAN = "#julian"
_FORMULA_ELEMENTS = {
    FormulaKind.DATELINE: "dateline",
    FormulaKind.SALUTE: "salute",
    FormulaKind.SIGNED: "signed",
    FormulaKind.ADDRESS: "address",
    # TEI allows no bibl in a closer; the issue and date of first printing
    # are what a dateline holds, and the header keeps them as a bibl too.
    FormulaKind.PUBLICATION: "dateline",
}

Element = etree._Element
# What publicationStmt/publisher says when the user names no publisher.
UNPUBLISHED = "Unpublished"


def tei(tag: str) -> str:
    """Clark notation for a TEI element name."""
    return f"{{{TEI_NS}}}{tag}"


def _sub(parent: Element, tag: str, text: str | None = None, **attrs: str) -> Element:
    child = etree.SubElement(parent, tei(tag), {k: v for k, v in attrs.items() if v})
    if text:
        child.text = text
    return child


class _Ids:
    """Note ids for one document: the first note with a label wins its marker."""

    def __init__(self, document: Document) -> None:
        self.by_label: dict[str, str] = {}
        self.by_note: list[str] = []
        used: set[str] = set()
        for note in document.notes:
            base = f"{document.id}-note{note.label}"
            note_id, count = base, 1
            while note_id in used:
                count += 1
                note_id = f"{base}-{count}"
            used.add(note_id)
            self.by_note.append(note_id)
            self.by_label.setdefault(note.label, note_id)


def build_tei(document: Document, *, version: str, publisher: str | None = None,
              published: str | None = None, source_sha256: str | None = None) -> Element:
    """Build the ``TEI`` element for ``document``.

    Args:
        version: the tool version recorded in ``encodingDesc`` and ``revisionDesc``.
        publisher: who publishes the edition; a placeholder when unknown.
        published: the edition's date (ISO), when the user gives one; never the
            day of the run, so that the same input gives the same bytes.
        source_sha256: the hash of the source file, for ``revisionDesc``.
    """
    ids = _Ids(document)
    root = etree.Element(tei("TEI"), nsmap={None: TEI_NS})
    root.set(XML_ID, document.id)
    if document.header.language:
        root.set(XML_LANG, document.header.language)
    root.append(_tei_header(document, version=version, publisher=publisher,
                            published=published))
    root[0].append(_revision_desc(document, version, source_sha256, published))
    text = _sub(root, "text")
    if document.part_of is not None and document.part_of.kind != "work":
        text.set("type", document.part_of.kind)
    body = _sub(text, "body")
    _fill_body(body, document, ids)
    if document.notes:
        back = _sub(text, "back")
        notes_div = _sub(back, "div", type="notes")
        if document.notes_head:
            _sub(notes_div, "head", document.notes_head)
        for note, note_id in zip(document.notes, ids.by_note, strict=True):
            notes_div.append(_note(note, note_id, ids))
    _calendar_desc(root, f"{document.id}-julian")
    return root


def _tei_header(document: Document, *, version: str, publisher: str | None,
                published: str | None) -> Element:
    header = document.header
    element = etree.Element(tei("teiHeader"))
    file_desc = _sub(element, "fileDesc")
    file_desc.append(_title_stmt(header))
    file_desc.append(_publication_stmt(header.licence, publisher, document.id, published))
    if header.other_fields or header.collection:
        file_desc.append(_notes_stmt(header.other_fields, header.collection))
    file_desc.append(_source_desc(header))
    element.append(_encoding_desc(version, document.reader))
    if header.creation is not None or header.language or header.correspondence is not None:
        profile = _sub(element, "profileDesc")
        if header.creation is not None:
            creation = _sub(profile, "creation")
            if header.creation.wording:
                creation.text = header.creation.wording + " "
            creation.append(_date(header.creation.date))
        if header.correspondence is not None:
            profile.append(_corresp_desc(header))
        if header.language:
            # § 2.4.2: the languages of the text, by the tag xml:lang uses.
            _sub(_sub(profile, "langUsage"), "language", ident=header.language)
    return element


def _corresp_desc(header: Header) -> Element:
    """§ 2.4.6: who sent the letter, from where and when, and to whom, in the
    form correspSearch harvests (CMIF)."""
    letter = header.correspondence
    assert letter is not None
    desc = etree.Element(tei("correspDesc"))
    sent = _sub(desc, "correspAction", type="sent")
    if letter.sender:
        _sub(sent, "persName", letter.sender)
    if letter.sent_from:
        _sub(sent, "placeName", letter.sent_from)
    if header.creation is not None:
        sent.append(_date(header.creation.date))
    if letter.addressee:
        received = _sub(desc, "correspAction", type="received")
        _sub(received, "persName" if letter.addressee_is_person else "orgName",
             letter.addressee)
        if letter.received_at:
            _sub(received, "placeName", letter.received_at)
    return desc


def _revision_desc(document: Document, version: str, source_sha256: str | None,
                   published: str | None) -> Element:
    """§ 2.6: what was done to make this file, and from what; dated only when the
    user gives the edition a date."""
    revision = etree.Element(tei("revisionDesc"))
    digest = f" (sha256 {source_sha256})" if source_sha256 else ""
    _sub(revision, "change", f"Converted to TEI by tei-convert {version} from "
         f"{Path(document.source).name}{digest}.", when=published or "")
    return revision


def _calendar_desc(root: Element, calendar_id: str) -> None:
    """Declare the Julian calendar that Old Style dates point to (``calendarDesc``
    in ``profileDesc``, Guidelines § 2.4), when the document has one."""
    # Dates are built before the document's id is at hand; they name the
    # calendar by a placeholder, made the document's own (unique in a corpus) here.
    dates = [date for date in root.iter(tei("date")) if date.get("datingMethod") == _JULIAN]
    if not dates:
        return
    for date in dates:
        date.set("datingMethod", "#" + calendar_id)
    header = root[0]
    profile = header.find(tei("profileDesc"))
    if profile is None:
        profile = _sub(header, "profileDesc")
    calendar = _sub(_sub(profile, "calendarDesc"), "calendar")
    calendar.set(XML_ID, calendar_id)
    _sub(calendar, "p", "Julian calendar (Old Style), as the source gives it beside the "
         "Gregorian date")


def _encoding_desc(version: str, reader: str | None = None) -> Element:
    encoding = etree.Element(tei("encodingDesc"))
    if reader is not None:
        encoding.append(_editorial_decl(reader))
    app = _sub(_sub(encoding, "appInfo"), "application", ident="tei-convert", version=version)
    _sub(app, "label", "tei-convert")
    return encoding


def _editorial_decl(reader: str) -> Element:
    """§ 2.3.3: how the source was transcribed into this file, so that a reader
    of the TEI knows what the tool changed, and what it did not."""
    decl = etree.Element(tei("editorialDecl"))
    _sub(_sub(decl, "normalization"), "p", _NORMALIZATION)
    if reader in _HYPHENATED:
        _sub(_sub(decl, "hyphenation", eol="some"), "p", _HYPHENATION)
    else:
        _sub(_sub(decl, "hyphenation", eol="none"), "p", _NO_HYPHENATION)
    _sub(_sub(decl, "segmentation"), "p", _SEGMENTATION[reader])
    _sub(_sub(decl, "interpretation"), "p", _INTERPRETATION)
    return decl


_HYPHENATED = frozenset({"volume"})
"""Readers of hard-wrapped sources, whose line-end hyphens the tool resolves."""
_NORMALIZATION = ("White space is normalised. Characters XML does not allow are replaced "
                  "with spaces, and bytes that are not UTF-8 are read as Windows-1252; each "
                  "repair is listed in the manifest.")
_HYPHENATION = ("A word broken at a line end is joined; the broken form is kept in "
                "choice/orig and the joined one in choice/reg. A hyphen that belongs to a "
                "compound is kept.")
_NO_HYPHENATION = "The source is not hard-wrapped; hyphens are kept as they stand."
_SEGMENTATION = {
    "mia": ("One p for each block of lines between blank lines; a block set in lines keeps "
            "its line ends as lb."),
    "volume": ("Paragraphs are rebuilt from the printed lines: a line that ends a sentence "
               "short of the measure ends one. Page breaks are pb."),
}
_INTERPRETATION = ("Openers, closers, lists and notes are recognised by the shape of the "
                   "lines. Note markers ([n], or a bare number after a word) become ptr to "
                   "the notes in back. Site navigation and the dividers between works are "
                   "left out and listed in the manifest.")


CORPUS_START = f'<teiCorpus xmlns="{TEI_NS}">'.encode()
CORPUS_END = b"</teiCorpus>"


def build_corpus_header(*, title: str, publisher: str, licence: CorpusLicence | None,
                        sources: Iterable[tuple[str, str]], version: str) -> Element:
    """The ``teiHeader`` of a ``teiCorpus``; the documents follow it.

    Args:
        sources: (path, sha256) of each source file, for the ``sourceDesc``.
    """
    header = etree.Element(tei("teiHeader"), nsmap={None: TEI_NS})
    file_desc = _sub(header, "fileDesc")
    _sub(_sub(file_desc, "titleStmt"), "title", title)
    statement = _sub(file_desc, "publicationStmt")
    _sub(statement, "publisher", publisher)
    if licence is not None:
        availability = _sub(statement, "availability", status=licence.status.value)
        _sub(availability, "licence", licence.text, target=licence.target or "")
    bibls = _sub(_sub(file_desc, "sourceDesc"), "listBibl")
    for path, digest in sources:
        bibl = _sub(bibls, "bibl")
        _sub(bibl, "idno", path, type="path")
        _sub(bibl, "idno", digest, type="sha256")
    header.append(_encoding_desc(version))
    return header


def _notes_stmt(fields: Iterable[Field], collection: str | None) -> Element:
    """Header fields with no element of their own, label and wording kept; the
    collection the page belongs to."""
    stmt = etree.Element(tei("notesStmt"))
    if collection:
        _sub(stmt, "note", collection, type="collection")
    for field in fields:
        note = _sub(stmt, "note", type="sourceField")
        _sub(note, "label", field.label).tail = f": {field.value}" if field.value else None
        _keep_inline(note)
    return stmt


def _title_stmt(header: Header) -> Element:
    stmt = etree.Element(tei("titleStmt"))
    title_type = "supplied" if header.title.supplied else None
    if header.title.subtitle:
        title_type = "main"
    title = _sub(stmt, "title", header.title.text, type=title_type or "")
    if header.title.n:
        title.set("n", header.title.n)
    if header.title.subtitle:
        _sub(stmt, "title", header.title.subtitle, type="sub")
    if header.author:
        _sub(stmt, "author", header.author)
    for responsibility in header.responsibilities:
        stmt.append(_resp_stmt(responsibility))
    # The conversion is a responsibility too: the markup is the tool's.
    conversion = _sub(stmt, "respStmt")
    _sub(conversion, "resp", "Conversion to TEI", key="mrk")
    _sub(conversion, "name", "tei-convert")
    return stmt


def _resp_stmt(responsibility: Responsibility) -> Element:
    # TEI requires at least one name in a respStmt; an empty value keeps the
    # field's wording as the name rather than dropping the field.
    stmt = etree.Element(tei("respStmt"))
    _sub(stmt, "resp", responsibility.label, key=responsibility.role)
    names = responsibility.names
    if not names:
        _sub(stmt, "name", responsibility.text or "unknown")
    for name in names:
        _sub(stmt, "persName" if name.is_person else "orgName", name.text)
    if names and " ".join(name.text for name in names) != responsibility.text:
        # The names alone lose the source's wording ("X and Y"); keep it.
        _sub(stmt, "note", responsibility.text, type="sourceWording")
    return stmt


def _publication_stmt(licence: Licence | None, publisher: str | None, doc_id: str,
                      published: str | None) -> Element:
    # publicationStmt must name an agency before availability; the converted
    # edition's publisher is the user's to state, so say plainly when it isn't.
    stmt = etree.Element(tei("publicationStmt"))
    _sub(stmt, "publisher", publisher or UNPUBLISHED)
    if published:
        _sub(stmt, "date", published, when=published)
    # The id the manifest, the file name and a teiCorpus know the document by.
    _sub(stmt, "idno", doc_id, type="tei-convert")
    if licence is not None:
        availability = _sub(stmt, "availability", status=licence.status.value)
        element = _sub(availability, "licence", target=licence.target or "")
        _sub(element, "label", licence.label).tail = f": {licence.text}" if licence.text else None
    return stmt


def _source_desc(header: Header) -> Element:
    desc = etree.Element(tei("sourceDesc"))
    if header.source is not None:
        desc.append(_bibl(header.source))
    for publication in header.publications:
        desc.append(_publication(publication))
    if len(desc) == 0:
        _sub(desc, "p", "The source text names no printed source.")
    return desc


def _bibl(bibl: Bibl) -> Element:
    element = etree.Element(tei("bibl"), type="source")
    for part in bibl.parts:
        child = _bibl_part(part)
        if child is None:
            _append_text(element, part.text)
        else:
            element.append(child)
    _keep_inline(element)
    return element


def _bibl_part(part: BiblPart) -> Element | None:
    if part.kind is None:
        return None
    if part.kind is BiblKind.DATE and part.date is not None:
        return _date(part.date)
    if part.kind in _SCOPE_UNITS:
        scope = etree.Element(tei("biblScope"), unit=_SCOPE_UNITS[part.kind])
        if part.range_from:
            scope.set("from", part.range_from)
            scope.set("to", part.range_to or part.range_from)
        scope.text = part.text
        return scope
    element = etree.Element(tei(_BIBL_ELEMENTS[part.kind]))
    element.text = part.text
    return element


def _publication(publication: Publication) -> Element:
    element = etree.Element(tei("bibl"), type="firstPublication")
    _text_with_date(element, publication.text, publication.date, publication.date_start)
    return element


def _text_with_date(element: Element, text: str, date: DateValue | None,
                    start: int | None = None) -> None:
    """Write ``text`` into ``element``, wrapping the date's wording in ``date``
    (at ``start`` when given, else its last occurrence: datelines end in it)."""
    at = -1 if date is None or not date.text else text.rfind(date.text)
    if start is not None and date is not None and text.startswith(date.text, start):
        at = start
    if date is None or at < 0:
        _append_text(element, text)
        return
    _append_text(element, text[:at])
    element.append(_date(date))
    _append_text(element, text[at + len(date.text):])
    _keep_inline(element)


def _date(date: DateValue) -> Element:
    element = etree.Element(tei("date"))
    for attribute, value in (("when", date.when), ("notBefore", date.not_before),
                             ("notAfter", date.not_after)):
        if value:
            element.set(attribute, value)
    if date.when_julian:
        # att.datable.custom: @when holds the Gregorian day; the Old Style day
        # goes in @when-custom, with @datingMethod naming its calendar.
        element.set("when-custom", date.when_julian)
        element.set("datingMethod", _JULIAN)
    element.text = date.text
    return element


def _fill_body(body: Element, document: Document, ids: _Ids) -> None:
    if document.head is not None:
        _inline(_sub(body, "head"), document.head, ids)
    if document.subhead is not None:
        _inline(_sub(body, "head", type="sub"), document.subhead, ids)
    for block in document.body:
        body.append(_block(block, ids))
    if not any(isinstance(block, (Paragraph, ItemList, Section)) for block in document.body):
        # TEI requires text after an opener; an empty paragraph says "nothing here".
        _sub(body, "p")


def _block(block: Block, ids: _Ids) -> Element:
    if isinstance(block, Paragraph):
        return _paragraph(block, ids)
    if isinstance(block, ItemList):
        return _list(block, ids)
    if isinstance(block, (Opener, Closer)):
        return _formulas("opener" if isinstance(block, Opener) else "closer", block.parts, ids)
    if isinstance(block, Section):
        return _section(block, ids)
    return _postscript(block, ids)


def _section(section: Section, ids: _Ids) -> Element:
    element = etree.Element(tei("div"), type="section")
    _inline(_sub(element, "head"), section.head, ids)
    for block in section.blocks:
        element.append(_block(block, ids))
    return element


def _paragraph(paragraph: Paragraph, ids: _Ids) -> Element:
    element = etree.Element(tei("p"))
    _inline(element, paragraph.content, ids)
    return element


def _list(item_list: ItemList, ids: _Ids) -> Element:
    element = etree.Element(tei("list"), type="ordered")
    for item in item_list.items:
        _inline(_sub(element, "item", n=item.n), item.content, ids)
    return element


def _formulas(tag: str, parts: Iterable[Formula], ids: _Ids) -> Element:
    element = etree.Element(tei(tag))
    for part in parts:
        child = _sub(element, _FORMULA_ELEMENTS[part.kind])
        if part.kind is FormulaKind.ADDRESS:
            # § 3.6.2: an address is a sequence of addrLine, one per printed line.
            for line in _lines(part.content):
                _inline(_sub(child, "addrLine"), line, ids)
        elif part.kind in _DATED and part.date is not None:
            _dated_inline(child, part.content, part.date, ids)
        else:
            _inline(child, part.content, ids)
    return element


def _lines(content: Content) -> list[Content]:
    """Inline content cut at its kept line breaks."""
    lines: list[list[Inline]] = [[]]
    for part in content:
        if isinstance(part, LineBreak):
            lines.append([])
        else:
            lines[-1].append(part)
    return [tuple(line) for line in lines if line]


def _dated_inline(element: Element, content: Content, date: DateValue, ids: _Ids) -> None:
    """Inline content with the date's wording wrapped in ``date``, in the last
    text run that holds it (a dateline ends in its date; a note marker may
    stand between the place and the date)."""
    for index in range(len(content) - 1, -1, -1):
        part = content[index]
        if isinstance(part, str) and date.text and date.text in part:
            _inline(element, content[:index], ids)
            _text_with_date(element, part, date)
            _inline(element, content[index + 1:], ids)
            return
    _inline(element, content, ids)


def _postscript(postscript: Postscript, ids: _Ids) -> Element:
    element = etree.Element(tei("postscript"))
    for block in postscript.blocks:
        element.append(_block(block, ids))
    return element


def _note(note: Note, note_id: str, ids: _Ids) -> Element:
    element = etree.Element(tei("note"), place="end", n=note.label)
    element.set(XML_ID, note_id)
    for paragraph in note.paragraphs:
        element.append(_paragraph(paragraph, ids))
    return element


def _inline(element: Element, content: Content, ids: _Ids) -> None:
    """Write text runs and note pointers into ``element``."""
    for part in content:
        if isinstance(part, NoteRef):
            _sub(element, "ptr", type="noteAnchor", n=part.label,
                 target="#" + ids.by_label[part.label])
        elif isinstance(part, Choice):
            choice = _sub(element, "choice")
            _sub(choice, "orig", part.orig)
            _sub(choice, "reg", part.reg)
        elif isinstance(part, PageBreak):
            _sub(element, "pb", n=part.n or "")
        elif isinstance(part, Label):
            _sub(element, "label", part.text)
        elif isinstance(part, LineBreak):
            # The line end stays in the text too, so that a reader of the
            # text alone, or a renderer that drops lb, still sees two words.
            _append_text(element, "\n")
            _sub(element, "lb")
        else:
            _append_text(element, part)
    _keep_inline(element)


def _keep_inline(element: Element) -> None:
    """Mark ``element`` as mixed content so the pretty printer leaves it on one line.

    libxml2 indents an element whose first child comes without text before
    it, which would put white space into a ``dateline`` or ``bibl``.
    """
    if element.text is None:
        element.text = ""


def _append_text(element: Element, text: str) -> None:
    """Append text after the last child (or inside an empty element)."""
    if not text:
        return
    if len(element):
        last = element[-1]
        last.tail = (last.tail or "") + text
    else:
        element.text = (element.text or "") + text


def serialize(root: Element) -> bytes:
    """UTF-8 bytes with an XML declaration, indented where content is not mixed."""
    # libxml2's pretty printer leaves mixed content alone; etree.indent would
    # add white space after a trailing child such as a note pointer.
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
