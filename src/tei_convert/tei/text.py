"""The TEI ``text``: one small function per model node, from the document's
body and notes; :func:`build_tei` puts the header and text together."""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from tei_convert.model import (
    Block,
    Choice,
    Closer,
    Content,
    DateValue,
    Document,
    Formula,
    FormulaKind,
    Inline,
    ItemList,
    Label,
    LineBreak,
    Note,
    NoteRef,
    Opener,
    PageBreak,
    Paragraph,
    Postscript,
    Section,
)
from tei_convert.tei.elements import (
    TEI_NS,
    XML_ID,
    XML_LANG,
    Element,
    append_text,
    keep_inline,
    sub,
    tei,
    text_with_date,
)
from tei_convert.tei.header import calendar_desc, revision_desc, tei_header

_DATED = (FormulaKind.DATELINE, FormulaKind.PUBLICATION)


_FORMULA_ELEMENTS = {
    FormulaKind.DATELINE: "dateline",
    FormulaKind.SALUTE: "salute",
    FormulaKind.SIGNED: "signed",
    FormulaKind.ADDRESS: "address",
    # TEI allows no bibl in a closer; the issue and date of first printing
    # are what a dateline holds, and the header keeps them as a bibl too.
    FormulaKind.PUBLICATION: "dateline",
}


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
    root.append(tei_header(document, version=version, publisher=publisher,
                            published=published))
    root[0].append(revision_desc(document, version, source_sha256, published))
    text = sub(root, "text")
    if document.part_of is not None and document.part_of.kind != "work":
        text.set("type", document.part_of.kind)
    body = sub(text, "body")
    _fill_body(body, document, ids)
    if document.notes:
        back = sub(text, "back")
        notes_div = sub(back, "div", type="notes")
        if document.notes_head:
            sub(notes_div, "head", document.notes_head)
        for note, note_id in zip(document.notes, ids.by_note, strict=True):
            notes_div.append(_note(note, note_id, ids))
    calendar_desc(root, f"{document.id}-julian")
    return root


def _fill_body(body: Element, document: Document, ids: _Ids) -> None:
    if document.head is not None:
        _inline(sub(body, "head"), document.head, ids)
    if document.subhead is not None:
        _inline(sub(body, "head", type="sub"), document.subhead, ids)
    for block in document.body:
        body.append(_block(block, ids))
    if not any(isinstance(block, (Paragraph, ItemList, Section)) for block in document.body):
        # TEI requires text after an opener; an empty paragraph says "nothing here".
        sub(body, "p")


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
    _inline(sub(element, "head"), section.head, ids)
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
        _inline(sub(element, "item", n=item.n), item.content, ids)
    return element


def _formulas(tag: str, parts: Iterable[Formula], ids: _Ids) -> Element:
    element = etree.Element(tei(tag))
    for part in parts:
        child = sub(element, _FORMULA_ELEMENTS[part.kind])
        if part.kind is FormulaKind.ADDRESS:
            # § 3.6.2: an address is a sequence of addrLine, one per printed line.
            for line in _lines(part.content):
                _inline(sub(child, "addrLine"), line, ids)
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
            text_with_date(element, part, date)
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
            sub(element, "ptr", type="noteAnchor", n=part.label,
                 target="#" + ids.by_label[part.label])
        elif isinstance(part, Choice):
            choice = sub(element, "choice")
            sub(choice, "orig", part.orig)
            sub(choice, "reg", part.reg)
        elif isinstance(part, PageBreak):
            sub(element, "pb", n=part.n or "")
        elif isinstance(part, Label):
            sub(element, "label", part.text)
        elif isinstance(part, LineBreak):
            # The line end stays in the text too, so that a reader of the
            # text alone, or a renderer that drops lb, still sees two words.
            append_text(element, "\n")
            sub(element, "lb")
        else:
            append_text(element, part)
    keep_inline(element)


def serialize(root: Element) -> bytes:
    """UTF-8 bytes with an XML declaration, indented where content is not mixed."""
    # libxml2's pretty printer leaves mixed content alone; etree.indent would
    # add white space after a trailing child such as a note pointer.
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
