"""One CMIF file (Correspondence Metadata Interchange Format) listing the letters
of an output folder, for correspSearch and other services that harvest letter
metadata.

A letter is a document whose header has a ``correspDesc``: the sender, place and
date sent, and the addressee, as the conversion found them. The CMIF file takes
them from the documents as they are in the folder (edited by hand too), in
manifest order, and describes each document's source in a ``bibl``. Nothing is
invented: a name gets an authority URI only where the document gives one, and a
sender or addressee nobody names is CMIF's "Unknown".
"""

from __future__ import annotations

import datetime
import re
import uuid
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

from lxml import etree

from tei_convert.checks.validate import parse_bytes
from tei_convert.diagnostics import Diagnostic, diagnostic
from tei_convert.errors import EditionError, InputError, SettingError
from tei_convert.input.files import read_limited
from tei_convert.input.text import is_one_line, normalize_space
from tei_convert.package.edition import (
    Edition,
    EditionDocument,
    check_target,
    read_edition,
    source_paths,
)
from tei_convert.run.output import check_replaceable, open_atomic
from tei_convert.tei import TEI_NS, tei
from tei_convert.tei.cmif import (
    CmifHeader,
    CmifLetter,
    CmifSource,
    CorrespAction,
    Name,
    build_cmif,
)
from tei_convert.version import __version__

_NS = {"tei": TEI_NS}
_ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
"""The date forms CMIF takes: a year, a month, a day."""
_DATE_ATTRIBUTES = ("when", "from", "to", "notBefore", "notAfter")
_MARK = "Correspondence metadata (CMIF) written by tei-convert"
"""How a CMIF file this tool wrote begins (a comment before the root): the
only kind of file ``write_cmif`` replaces."""


@dataclass(frozen=True)
class CmifReport:
    """What :func:`write_cmif` wrote."""

    path: Path
    letters: int
    """How many ``correspDesc`` the file holds."""
    documents: int
    """How many documents the folder holds, letters or not."""
    diagnostics: tuple[Diagnostic, ...] = ()
    """Warnings about letters the file can describe only in part."""


def cmif_header(*, url: str | None, editor: str | None, date: str | None,
                publisher: str | None = None, title: str = "") -> CmifHeader:
    """Check what a CMIF file must say about itself.

    Args:
        url: where the file will be published; CMIF identifies it by this.
        editor: the contact person for the file.
        date: the file's day, ``YYYY-MM-DD`` (never the day of the run, so that
            the same folder gives the same bytes).
        publisher: who gives the metadata (default: the editor).
        title: the file's title; empty: one is made from the number of letters.

    Raises:
        SettingError: a setting CMIF requires is missing or unusable.
    """
    if not editor or not is_one_line(editor):
        raise SettingError("name the contact person for the CMIF file (--editor NAME, or a "
                           "publisher in the configuration): CMIF requires titleStmt/editor")
    if not url:
        raise SettingError("say where the CMIF file will be published (--url URL): CMIF "
                           "identifies the file by it (publicationStmt/idno)")
    if not _is_web_address(url):
        raise SettingError(f"--url takes an http or https address such as "
                           f"https://example.org/letters/cmif.xml, not '{url}'")
    if not date:
        raise SettingError("date the CMIF file (--date YYYY-MM-DD, or SOURCE_DATE_EPOCH): "
                           "CMIF requires publicationStmt/date, and the day of the run is "
                           "never written")
    if not _is_day(date):
        raise SettingError(f"--date takes a day as YYYY-MM-DD, not '{date}'")
    for name, value in (("publisher", publisher), ("title", title)):
        if value and not is_one_line(value):
            raise SettingError(f"the {name} must be one line of text")
    return CmifHeader(title=title, editor=editor.strip(),
                      publisher=(publisher or editor).strip(), url=url, date=date)


def _is_web_address(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc) \
        and is_one_line(url) and " " not in url


def _is_day(text: str) -> bool:
    try:
        return datetime.date.fromisoformat(text).isoformat() == text
    except ValueError:
        return False


def default_cmif_title(letters: int) -> str:
    """What a CMIF file is called when nobody says."""
    return f"{letters} letter{'s' if letters != 1 else ''} converted with tei-convert"


def write_cmif(edition: Path | Edition, path: Path, *, header: CmifHeader) -> CmifReport:
    """Write the CMIF file of the letters in ``edition`` to ``path`` (atomically).

    Args:
        edition: the output folder, or the :class:`Edition` read from it.
        header: what the file says about itself (:func:`cmif_header`).

    Raises:
        EditionError: the folder holds no letter, does not match its manifest,
            or holds ``path``, or ``path`` would replace a source.
        OutputError: ``path`` is a file this tool did not write, or cannot be written.
    """
    check_target(edition if isinstance(edition, Path) else edition.folder, path, "CMIF file")
    if isinstance(edition, Path):
        edition = read_edition(edition)
    check_target(edition.folder, path, "CMIF file", source_paths(edition))
    letters: list[CmifLetter] = []
    problems: list[Diagnostic] = []
    for document in edition.documents:
        letters.extend(_letters(document, header.url, problems))
    if not letters:
        raise EditionError(f"none of the {len(edition.documents)} document(s) is a letter "
                           "(a document whose header has a correspDesc), so there is no "
                           "CMIF file to write", source=str(edition.folder))
    if not header.title:
        header = replace(header, title=default_cmif_title(len(letters)))
    data = _serialize(build_cmif(header, letters))
    check_replaceable(path, "a CMIF file", _is_our_cmif)
    with open_atomic(path) as stream:
        stream.write(data)
    return CmifReport(path, len(letters), len(edition.documents), tuple(problems))


def _serialize(root: etree._Element) -> bytes:
    """The file: an XML declaration, the comment that marks it as ours, the tree."""
    mark = etree.Comment(f" {_MARK} {__version__} from the documents of an output folder; "
                         "tei-convert cmif replaces it ")
    root.addprevious(mark)
    return etree.tostring(root.getroottree(), xml_declaration=True, encoding="UTF-8",
                          pretty_print=True)


def _letters(document: EditionDocument, url: str, problems: list[Diagnostic]
             ) -> list[CmifLetter]:
    """The letters of one document (none, or one per ``correspDesc``)."""
    where = str(document.path)
    root = parse_bytes(document.path.read_bytes(), source=where).getroot()
    descs = root.findall("tei:teiHeader/tei:profileDesc/tei:correspDesc", _NS)
    if not descs:
        return []
    source = _source(root, document.entry["id"], url, where, problems)
    title = root.find("tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title", _NS)
    key = None if title is None else title.get("n")
    letters = []
    for desc in descs:
        sent = _action(desc.find("tei:correspAction[@type='sent']", _NS))
        if not sent.names and not sent.date:
            problems.append(diagnostic("letter-unknown", "neither the sender nor the date "
                                       "sent is known", where, desc.sourceline))
        letters.append(CmifLetter(source, sent,
                                  _action(desc.find("tei:correspAction[@type='received']",
                                                    _NS)),
                                  key=key, ref=_web_refs(desc.get("ref"))))
    return letters


def _source(root: etree._Element, document_id: str, url: str, where: str,
            problems: list[Diagnostic]) -> CmifSource:
    """The document's printed source, in the words of its own ``sourceDesc``: the
    edition it was taken from, else where it was first published."""
    # A UUID, as CMIF recommends: the same for the same document in the file at
    # the same address, and told apart from every other file's.
    bibl_id = f"bibl-{uuid.uuid5(uuid.NAMESPACE_URL, f'{url}#{document_id}')}"
    file_desc = root.find("tei:teiHeader/tei:fileDesc", _NS)
    assert file_desc is not None  # our schema or TEI P5 requires it
    for kind in ("source", "firstPublication"):
        bibl = file_desc.find(f"tei:sourceDesc/tei:bibl[@type='{kind}']", _NS)
        if bibl is not None:
            return CmifSource(bibl_id, _words(bibl), "print")
    problems.append(diagnostic("source-unprinted", "the header names no printed source; the "
                               "CMIF file describes the letter by its author and title", where))
    title = _words(file_desc.find("tei:titleStmt/tei:title", _NS))
    author = _words(file_desc.find("tei:titleStmt/tei:author", _NS))
    return CmifSource(bibl_id, f"{author}: {title}" if author else title, None)


def _action(element: etree._Element | None) -> CorrespAction:
    """The names, places and date of a ``correspAction``, as CMIF takes them."""
    if element is None:
        return CorrespAction()
    names = tuple(Name(_words(child), _web_refs(child.get("ref")),
                       is_person=child.tag == tei("persName"))
                  for child in element if child.tag in (tei("persName"), tei("orgName"))
                  and _words(child))
    places = tuple(Name(_words(child), _web_refs(child.get("ref")))
                   for child in element.iterchildren(tei("placeName")) if _words(child))
    found = element.find("tei:date", _NS)
    dated = () if found is None else tuple(
        (name, value) for name in _DATE_ATTRIBUTES
        if _ISO_DATE.fullmatch(value := found.get(name) or ""))
    return CorrespAction(names, places, dated)


def _words(element: etree._Element | None) -> str:
    return "" if element is None else normalize_space("".join(element.itertext()))


def _web_refs(value: str | None) -> str | None:
    """The http(s) URIs among a ``@ref``'s (an authority's; a local ``#id`` means
    nothing outside its document)."""
    refs = [ref for ref in (value or "").split() if _is_web_address(ref)]
    return " ".join(refs) or None


def _is_our_cmif(path: Path) -> bool:
    """A CMIF file this tool wrote: a TEI document after the comment
    :func:`_serialize` puts first (read safely: no DTD, entities or network)."""
    try:
        root = parse_bytes(read_limited(path), source=str(path)).getroot()
    except InputError:
        return False
    first = next(root.itersiblings(preceding=True), None)
    return root.tag == tei("TEI") and isinstance(first, etree._Comment) \
        and (first.text or "").strip().startswith(_MARK)
