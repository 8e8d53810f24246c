"""Helpers for asserting on TEI output through namespaced XPath."""

from __future__ import annotations

from lxml import etree

from tei_convert import Result, convert_text

NS = {"tei": "http://www.tei-c.org/ns/1.0", "xml": "http://www.w3.org/XML/1998/namespace"}


def tei_tree(text: str, *, source: str = "case.txt") -> etree._Element:
    """Convert ``text`` and parse the single resulting TEI document."""
    result = convert_text(text, source=source)
    assert len(result.documents) == 1
    return etree.fromstring(result.documents[0].xml)


def xpath_texts(root: etree._Element, path: str) -> list[str]:
    """The normalised string value of every node ``path`` selects."""
    return [" ".join("".join(node.itertext()).split()) for node in root.xpath(path, namespaces=NS)]


def mia(body: str, *, title: str = "A Title", fields: str | None = None,
        author: str = "A. N. Author") -> str:
    """A minimal page text with the given body; fields default to Written and Source."""
    header = fields if fields is not None else (
        "Written: May 1, 1920\nSource: Collected Works, Progress Publishers, Moscow, 1965")
    top = f"{author}\n\n{title}\n\n" if title else f"{author}\n\n"
    return f"{top}{header}\n\n{body}\n"


def volume_text(*pages: list[str]) -> str:
    """A volume in the extracted layout: each line followed by an empty line,
    a line of one space for a gap, and three empty lines between pages."""
    out: list[str] = []
    for number, page in enumerate(pages):
        if number:
            out.extend(["", ""])
        for line in page:
            out.extend([line + " ", ""])
    return "\n".join(out) + "\n"


def convert_volume(text: str) -> Result:
    """Convert ``text`` with the volume reader, after a last work of ordinary
    full lines that sets the printed width for the others."""
    padding = ["A Work of Full Lines", "December 1, 1919", " ",
               *(f"Line {n} of a long and otherwise unremarkable page of printed text, full."
                 for n in range(25))]
    return convert_text(text + "\n\n" + volume_text(padding), source="v.txt", reader="volume")


def trees(result: Result) -> list[etree._Element]:
    """The parsed TEI of each document of ``result``."""
    return [etree.fromstring(c.xml) for c in result.documents]


def section_text(root: etree._Element, name: str) -> str:
    """All text inside the first TEI element called ``name`` (``text``, ``teiHeader``)."""
    element = root.find(f".//{{{NS['tei']}}}{name}")
    if element is None and root.tag == f"{{{NS['tei']}}}{name}":
        element = root
    assert element is not None, name
    return "".join(element.itertext())


_TEI = "{http://www.tei-c.org/ns/1.0}"


def add_dangling_ref(root: etree._Element) -> None:
    """What an editor's slip looks like: a note reference whose target is gone."""
    paragraph = next(root.iter(f"{_TEI}p"))
    ref = etree.SubElement(paragraph, f"{_TEI}ref", type="noteAnchor", n="9",
                           target="#nowhere")
    ref.text = "9"


def unlink_first_note(root: etree._Element) -> None:
    """Move the first note from its marker into ``back``, where nothing points to it."""
    note = next(root.iterfind(f".//{_TEI}text//{_TEI}note"))
    detach(note)
    text = root.find(f"{_TEI}text")
    assert text is not None
    back = text.find(f"{_TEI}back")
    if back is None:
        back = etree.SubElement(text, f"{_TEI}back")
    for child in list(back):
        back.remove(child)
    etree.SubElement(back, f"{_TEI}div", type="notes").append(note)


def detach(element: etree._Element) -> None:
    """Take ``element`` out of its parent, leaving the text after it in place
    (lxml would take that text away with it)."""
    parent = element.getparent()
    assert parent is not None
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + (element.tail or "")
    else:
        parent.text = (parent.text or "") + (element.tail or "")
    element.tail = None
    parent.remove(element)
