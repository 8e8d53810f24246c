"""The tree of a CMIF file (Correspondence Metadata Interchange Format, the TEI
subset correspSearch harvests): a header about the file, one ``bibl`` per
source and one ``correspDesc`` per letter, and an empty body.

CMIF narrows TEI: ``titleStmt`` holds a title and editors only, ``publicationStmt``
a publisher, the file's URL, its date and a CC BY 4.0 (or CC0) licence, in that
order; every ``bibl`` has an ``xml:id`` and a ``@type``; names and dates carry no
markup, and a date only the ISO forms ``YYYY``, ``YYYY-MM`` and ``YYYY-MM-DD``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree

from tei_convert.tei.elements import TEI_NS, XML_ID, Element, sub, tei

CC_BY = "https://creativecommons.org/licenses/by/4.0/"
"""The licence CMIF asks for its metadata (CC0 is the other it allows)."""

UNKNOWN = "Unknown"
"""What CMIF writes for a sender or addressee no source names."""

_LICENCE_WORDS = ("The correspondence metadata in this file may be reused under the Creative "
                  "Commons Attribution 4.0 International licence (CC BY 4.0).")


@dataclass(frozen=True)
class CmifHeader:
    """What a CMIF file says about itself."""

    title: str
    editor: str
    """The contact person for the file (``titleStmt/editor``)."""
    publisher: str
    """Who gives the metadata, as the licence's attribution names it."""
    url: str
    """Where the file is published (``publicationStmt/idno[@type='url']``)."""
    date: str
    """The day the file was made, ISO 8601 (``publicationStmt/date/@when``)."""


@dataclass(frozen=True)
class CmifSource:
    """The edition some letters were taken from, as one ``sourceDesc/bibl``."""

    id: str
    """Its ``xml:id``, which each letter's ``correspDesc/@source`` points to."""
    text: str
    """Its description in words."""
    kind: str | None
    """``print`` or ``online``; ``None`` when nothing says which."""


@dataclass(frozen=True)
class Name:
    """A person, body or place a letter names, with its authority URI if known."""

    text: str
    ref: str | None = None
    is_person: bool = True
    """A ``persName`` (else an ``orgName``); not read for places."""


@dataclass(frozen=True)
class CorrespAction:
    """Who sent (or received) a letter, where and when."""

    names: tuple[Name, ...] = ()
    """Empty when unknown: the file then says :data:`UNKNOWN`."""
    places: tuple[Name, ...] = ()
    date: tuple[tuple[str, str], ...] = ()
    """(attribute, ISO value) pairs: ``when``, ``from``/``to``, ``notBefore``/``notAfter``."""


@dataclass(frozen=True)
class CmifLetter:
    """One letter's ``correspDesc``."""

    source: CmifSource
    sent: CorrespAction
    received: CorrespAction
    key: str | None = None
    """The letter's number in its printed edition."""
    ref: str | None = None
    """The letter's own URL, when it has one."""


def build_cmif(header: CmifHeader, letters: Sequence[CmifLetter]) -> Element:
    """The ``TEI`` element of a CMIF file listing ``letters`` in the order given."""
    root = etree.Element(tei("TEI"), nsmap={None: TEI_NS})
    tei_header = sub(root, "teiHeader")
    file_desc = sub(tei_header, "fileDesc")
    title_stmt = sub(file_desc, "titleStmt")
    sub(title_stmt, "title", header.title)
    sub(title_stmt, "editor", header.editor)
    file_desc.append(_publication_stmt(header))
    source_desc = sub(file_desc, "sourceDesc")
    for source in dict.fromkeys(letter.source for letter in letters):
        sub(source_desc, "bibl", source.text, type=source.kind or "", **{XML_ID: source.id})
    profile = sub(tei_header, "profileDesc")
    for letter in letters:
        profile.append(_corresp_desc(letter))
    # TEI wants a text; CMIF leaves it empty.
    sub(sub(sub(root, "text"), "body"), "p")
    return root


def _publication_stmt(header: CmifHeader) -> Element:
    statement = etree.Element(tei("publicationStmt"))
    sub(statement, "publisher", header.publisher)
    sub(statement, "idno", header.url, type="url")
    sub(statement, "date", when=header.date)
    sub(sub(statement, "availability"), "licence", _LICENCE_WORDS, target=CC_BY)
    return statement


def _corresp_desc(letter: CmifLetter) -> Element:
    desc = etree.Element(tei("correspDesc"), {
        name: value for name, value in (("key", letter.key), ("ref", letter.ref),
                                        ("source", "#" + letter.source.id)) if value})
    desc.append(_corresp_action("sent", letter.sent))
    # CMIF asks for both actions, and a name in each, known or not.
    desc.append(_corresp_action("received", letter.received))
    return desc


def _corresp_action(kind: str, action: CorrespAction) -> Element:
    element = etree.Element(tei("correspAction"), type=kind)
    for name in action.names or (Name(UNKNOWN),):
        sub(element, "persName" if name.is_person else "orgName", name.text, ref=name.ref or "")
    for place in action.places:
        sub(element, "placeName", place.text, ref=place.ref or "")
    if action.date:
        sub(element, "date", **dict(action.date))
    return element
