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
    Figure,
    Formula,
    FormulaKind,
    Highlight,
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
from tei_convert.tei.front import front
from tei_convert.tei.header import calendar_desc, revision_desc, tei_header

_FORMULA_ELEMENTS = {
    FormulaKind.DATELINE: "dateline",
    FormulaKind.SALUTE: "salute",
    FormulaKind.SIGNED: "signed",
    FormulaKind.ADDRESS: "address",
}


def note_ids(document: Document) -> list[str]:
    """The ``xml:id`` of each of the document's notes, in the model's (the
    source's) order; a label used twice gets a numbered suffix."""
    ids: list[str] = []
    used: set[str] = set()
    for note in document.notes:
        base = f"{document.id}-note{_id_label(note.label)}"
        note_id, count = base, 1
        while note_id in used:
            count += 1
            note_id = f"{base}-{count}"
        used.add(note_id)
        ids.append(note_id)
    return ids


_SIGN_NAMES = {"*": "star", "†": "dagger", "‡": "ddagger"}
"""Names for the signs that label notes, which an ``xml:id`` cannot hold."""


def _id_label(label: str) -> str:
    """A note label as part of an ``xml:id``: a number or letter as it is, a
    sign by its name, repeated signs counted ("**": "star2")."""
    if label.isascii() and label.isalnum():
        return label
    name = _SIGN_NAMES.get(label[:1])
    if name is not None and label == label[0] * len(label):
        return name + (str(len(label)) if len(label) > 1 else "")
    return "-" + "-".join(f"{ord(char):x}" for char in label)


class _Notes:
    """The notes of one document while its text is written: the first marker
    of a label gets the note itself, later markers a ``ref`` to it, and the
    notes no marker placed go to ``back``."""

    def __init__(self, document: Document) -> None:
        self.by_note = note_ids(document)
        self.by_label: dict[str, str] = {}
        self.note_by_id: dict[str, Note] = {}
        for note, note_id in zip(document.notes, self.by_note, strict=True):
            self.by_label.setdefault(note.label, note_id)
            self.note_by_id[note_id] = note
        self.placed: set[str] = set()
        self.in_note = False


def build_tei(document: Document, *, version: str, publisher: str | None = None,
              published: str | None = None, source_sha256: str | None = None,
              source_url: str | None = None) -> Element:
    """Build the ``TEI`` element for ``document``.

    Args:
        version: the tool version recorded in ``encodingDesc`` and ``revisionDesc``.
        publisher: who publishes the edition; ``publisher`` stays empty when unknown.
        published: the edition's date (ISO), when the user gives one; never the
            day of the run, so that the same input gives the same bytes.
        source_sha256: the hash of the source file, for ``revisionDesc``.
        source_url: where the archive the text came from serves it, for ``sourceDesc``.
    """
    ids = _Notes(document)
    root = etree.Element(tei("TEI"), nsmap={None: TEI_NS})
    root.set(XML_ID, document.id)
    if document.header.language:
        root.set(XML_LANG, document.header.language)
    root.append(tei_header(document, version=version, publisher=publisher,
                            published=published, source_url=source_url))
    root[0].append(revision_desc(document, version, source_sha256, published))
    text = sub(root, "text")
    if document.part_of is not None and document.part_of.kind != "work":
        text.set("type", document.part_of.kind)
    front_matter = front(document)
    if front_matter is not None:
        text.append(front_matter)
    body = sub(text, "body")
    _fill_body(sub(body, "div", type=div_type(document.header.genre)), document, ids)
    _back(text, document, ids)
    calendar_desc(root, f"{document.id}-julian")
    return root


def div_type(genre: str | None) -> str:
    """The ``@type`` of the division that holds a document's text: its genre
    as one token, or "text" when nothing names one."""
    return "-".join(genre.split()) if genre else "text"


def _back(text: Element, document: Document, ids: _Notes) -> None:
    """The notes no marker placed, under the source's heading; when every note
    stands at its marker, the heading alone marks where the source printed
    them (``divGen``, § 3.9.2, is where a processor generates the notes)."""
    left = [note_id for note_id in ids.by_note if note_id not in ids.placed]
    if not left and not document.notes_head:
        return
    back = sub(text, "back")
    if not left:
        sub(sub(back, "divGen", type="notes"), "head", document.notes_head)
        return
    notes_div = sub(back, "div", type="notes")
    if document.notes_head:
        sub(notes_div, "head", document.notes_head)
    for note_id in left:
        note = _note(ids.note_by_id[note_id], note_id, ids)
        for paragraph in note:
            paragraph.tail = None  # here the pretty printer parts them
        notes_div.append(note)


def _fill_body(division: Element, document: Document, ids: _Notes) -> None:
    """The division that holds the text: its heads, then its blocks."""
    if document.head is not None:
        _inline(sub(division, "head"), document.head, ids)
    if document.subhead is not None:
        _inline(sub(division, "head", type="sub"), document.subhead, ids)
    for element in _divisions(document.body, ids):
        division.append(element)
    if not any(isinstance(block, (Paragraph, ItemList, Section, Figure))
               for block in document.body):
        # TEI requires text after an opener; an empty paragraph says "nothing here".
        sub(division, "p")


def _divisions(blocks: tuple[Block, ...], ids: _Notes) -> list[Element]:
    """The blocks' elements. A closer or postscript ends a division (§ 4.2:
    nothing but more closing matter follows it), so text that closes before
    the sections begin (a covering letter, signed, over numbered theses) is a
    division of its own, without a head; the opener stays the whole text's."""
    first_section = next((index for index, block in enumerate(blocks)
                          if isinstance(block, Section)), len(blocks))
    lead = 1 if blocks and isinstance(blocks[0], Opener) else 0
    if first_section == len(blocks) or not any(
            isinstance(block, (Closer, Postscript)) for block in blocks[:first_section]):
        return [_block(block, ids) for block in blocks]
    preamble = etree.Element(tei("div"), type="section")
    for block in blocks[lead:first_section]:
        preamble.append(_block(block, ids))
    return ([_block(block, ids) for block in blocks[:lead]] + [preamble]
            + [_block(block, ids) for block in blocks[first_section:]])


def _block(block: Block, ids: _Notes) -> Element:
    if isinstance(block, Paragraph):
        return _paragraph(block, ids)
    if isinstance(block, ItemList):
        return _list(block, ids)
    if isinstance(block, (Opener, Closer)):
        return _formulas("opener" if isinstance(block, Opener) else "closer", block.parts, ids)
    if isinstance(block, Section):
        return _section(block, ids)
    if isinstance(block, Figure):
        return _figure(block, ids)
    return _postscript(block, ids)


def _section(section: Section, ids: _Notes) -> Element:
    """§ 4.1: a division, typed by what the source calls it; a book's chapters
    are divisions inside it."""
    element = etree.Element(tei("div"), type=section.kind)
    _inline(sub(element, "head"), section.head, ids)
    for block in section.blocks:
        element.append(_block(block, ids))
    return element


def _figure(figure: Figure, ids: _Notes) -> Element:
    """§ 15.4 "Specific Elements for Graphic Images": where the source had an
    illustration. Its printed caption is the figure's ``head``; ``figDesc``
    would describe the picture, which the source does not do."""
    element = etree.Element(tei("figure"))
    if figure.head is not None:
        _inline(sub(element, "head"), figure.head, ids)
    return element


def _paragraph(paragraph: Paragraph, ids: _Notes) -> Element:
    element = etree.Element(tei("p"))
    _inline(element, paragraph.content, ids)
    return element


def _list(item_list: ItemList, ids: _Notes) -> Element:
    element = etree.Element(tei("list"), type="ordered")
    for item in item_list.items:
        _inline(sub(element, "item", n=item.n), item.content, ids)
    return element


def _formulas(tag: str, parts: Iterable[Formula], ids: _Notes) -> Element:
    element = etree.Element(tei(tag))
    for part in parts:
        if part.kind is FormulaKind.PUBLICATION:
            element.append(_publication(part, ids))
            continue
        child = sub(element, _FORMULA_ELEMENTS[part.kind])
        if part.kind is FormulaKind.ADDRESS:
            # § 3.6.2: an address is a sequence of addrLine, one per printed line.
            for line in _lines(part.content):
                _inline(sub(child, "addrLine"), line, ids)
        elif part.kind is FormulaKind.DATELINE and part.date is not None:
            _dated_inline(child, part.content, part.date, ids)
        else:
            _inline(child, part.content, ids)
    return element


def _publication(part: Formula, ids: _Notes) -> Element:
    """Where the text was first printed, as a ``bibl`` with its date: TEI allows
    no ``bibl`` in an opener or closer (§ 4.2.2), but a ``note`` holding one,
    here of ``@type`` "publication", unnumbered and where the source prints it.
    A label the editors print under it ("Editorial") follows the ``bibl``. The
    header keeps the ``bibl`` too, as ``bibl[@type='firstPublication']``."""
    element = etree.Element(tei("note"), type="publication")
    bibl = sub(element, "bibl")
    if part.date is not None:
        _dated_inline(bibl, part.content, part.date, ids)
    else:
        _inline(bibl, part.content, ids)
    _inline(element, part.remark, ids)
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


def _dated_inline(element: Element, content: Content, date: DateValue, ids: _Notes) -> None:
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


def _postscript(postscript: Postscript, ids: _Notes) -> Element:
    element = etree.Element(tei("postscript"))
    for block in postscript.blocks:
        element.append(_block(block, ids))
    return element


def _note(note: Note, note_id: str, ids: _Notes) -> Element:
    element = etree.Element(tei("note"), place="end", n=note.label)
    element.set(XML_ID, note_id)
    ids.placed.add(note_id)
    # A marker inside a note points to its note; notes are not nested.
    outer, ids.in_note = ids.in_note, True
    for paragraph in note.paragraphs:
        if len(element):
            # Inside running text nothing else parts two paragraphs' words.
            element[-1].tail = " "
        element.append(_paragraph(paragraph, ids))
    ids.in_note = outer
    return element


def _marker(element: Element, ref: NoteRef, ids: _Notes) -> None:
    """§ 3.9.1: the note itself stands where its first marker is, with the
    printed mark in ``@n``; every other marker is a ``ref`` to it."""
    note_id = ids.by_label[ref.label] if ref.note is None else ids.by_note[ref.note]
    if ids.in_note or note_id in ids.placed:
        sub(element, "ref", ref.label, type="noteAnchor", n=ref.label, target="#" + note_id)
    else:
        element.append(_note(ids.note_by_id[note_id], note_id, ids))


def _repair(element: Element, choice: Choice) -> None:
    """A word joined across a line end (§ 3.11.3): ``lb`` with ``@break="no"``
    inside the joined word, so that renderers show one word; the hyphen the
    source printed there is recorded by ``@type="hyphenInWord"``, and
    ``@rend="hidden"`` says the edition does not show the source's line end.
    Any other repair keeps both readings, the edition's first."""
    at = next((i for i, (a, b) in enumerate(zip(choice.orig, choice.reg, strict=False))
               if a != b), len(choice.reg))
    if choice.orig[:at] + choice.orig[at + 1:] == choice.reg and choice.orig[at:at + 1] == "-":
        append_text(element, choice.reg[:at])
        sub(element, "lb", **{"break": "no", "type": "hyphenInWord", "rend": "hidden"})
        append_text(element, choice.reg[at:])
        return
    pair = sub(element, "choice")
    sub(pair, "reg", choice.reg)
    sub(pair, "orig", choice.orig)


def _inline(element: Element, content: Content, ids: _Notes) -> None:
    """Write text runs, notes and their markers into ``element``."""
    for part in content:
        if isinstance(part, NoteRef):
            _marker(element, part, ids)
        elif isinstance(part, Choice):
            _repair(element, part)
        elif isinstance(part, PageBreak):
            sub(element, "pb", n=part.n or "")
        elif isinstance(part, Label):
            sub(element, "label", part.text)
        elif isinstance(part, Highlight):
            # § 3.3.2.2: set apart by the source, for no stated reason.
            _inline(sub(element, "hi", rend=part.rend), part.content, ids)
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
