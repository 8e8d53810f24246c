"""The TEI writer: one :class:`~tei_convert.model.Document` in, one lxml tree out.

All TEI element names live in this package, one small function per model
node. The mandatory skeleton (``fileDesc`` with ``titleStmt``,
``publicationStmt`` and ``sourceDesc``; a non-empty ``body``) is always
emitted, so output is valid by construction.

Modules:
    elements    namespaces, element names, text runs and dates, shared by the rest
    header      the teiHeader of a document, and the teiCorpus header
    front       the source's particulars repeated as front matter, for renderers
    text        the text: body, openers, closers, notes; build_tei and serialize
    cmif        the tree of a CMIF file: correspondence metadata of many letters
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tei_convert.tei.elements import TEI_NS, XML_ID, XML_NS, tei
    from tei_convert.tei.header import CORPUS_END, CORPUS_START, build_corpus_header
    from tei_convert.tei.text import build_tei, note_ids, serialize

__all__ = [
    "CORPUS_END",
    "CORPUS_START",
    "TEI_NS",
    "XML_ID",
    "XML_NS",
    "build_corpus_header",
    "build_tei",
    "note_ids",
    "serialize",
    "tei",
]

# Each name's module, imported when the name is first asked for (PEP 562): the
# checks need the element names, not the whole writer.
_HOMES = {
    "TEI_NS": "elements", "XML_ID": "elements", "XML_NS": "elements", "tei": "elements",
    "CORPUS_END": "header", "CORPUS_START": "header", "build_corpus_header": "header",
    "build_tei": "text", "note_ids": "text", "serialize": "text",
}


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'tei_convert.tei' has no attribute {name!r}")
    value = getattr(import_module(f"tei_convert.tei.{home}"), name)
    globals()[name] = value
    return value
