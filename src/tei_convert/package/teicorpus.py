"""One ``teiCorpus`` file holding every document of an output folder, for tools
that take a corpus in one file (TEI Publisher, XSLT and text-analysis pipelines).

Each document goes in as it was written on its own, so a corpus and its
folder never disagree. Documents are streamed in one at a time: a corpus of
any size needs the memory of its largest document.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from tei_convert.checks.validate import check_tree, is_failure, made_by_tei_convert, parse_bytes
from tei_convert.errors import EditionError, ValidationError
from tei_convert.model import CorpusLicence
from tei_convert.package.edition import (
    Edition,
    EditionDocument,
    check_target,
    read_edition,
    source_paths,
)
from tei_convert.run.output import check_replaceable, open_atomic
from tei_convert.tei import CORPUS_END, CORPUS_START, build_corpus_header
from tei_convert.values.licences import read_statement
from tei_convert.version import __version__

_INDENT = b"\n  "


def default_corpus_title(edition: Edition) -> str:
    """What a corpus is called when the configuration does not say."""
    count = len(edition.documents)
    return f"{count} document{'s' if count != 1 else ''} converted with tei-convert"


def write_tei_corpus(edition: Path | Edition, path: Path, *, title: str | None = None,
                     publisher: str | None = None, licence: str | None = None) -> Path:
    """Write the corpus of ``edition_folder`` to ``path`` (atomically).

    Args:
        edition: the output folder, or the :class:`Edition` read from it.
        licence: the licence of the corpus as a whole: a URL or words; a licence
            the words name (CC BY 4.0...) gets its URL and status.

    Raises:
        EditionError: the folder has no documents, is not a whole edition that
            matches its manifest, or holds ``path`` (it holds only what the
            manifest lists).
        ValidationError: the corpus header breaks our schema (a bug in the tool).
        OutputError: ``path`` cannot be written.
    """
    check_target(edition if isinstance(edition, Path) else edition.folder, path,
                 "corpus file")
    if isinstance(edition, Path):
        edition = read_edition(edition)
    check_target(edition.folder, path, "corpus file", source_paths(edition))
    check_replaceable(path, "a teiCorpus", _is_our_corpus)
    with open_atomic(path) as stream:
        _write(stream, edition, title=title, publisher=publisher, licence=licence)
    return path


def corpus_licence(statement: str) -> CorpusLicence:
    """The status and URL of a licence stated as a URL or in words."""
    reading = read_statement(statement)
    return CorpusLicence(reading.text, reading.status, reading.target)


def _write(stream: BinaryIO, edition: Edition, *, title: str | None, publisher: str | None,
           licence: str | None) -> None:
    if not edition.documents:
        raise EditionError("no documents to put in a corpus", source=str(edition.folder))
    header = build_corpus_header(
        title=title or default_corpus_title(edition), publisher=publisher,
        licence=None if licence is None else corpus_licence(licence), version=__version__,
        sources=dict.fromkeys((d.entry["source"]["path"], d.entry["source"]["sha256"])
                              for d in edition.documents))
    # The header is checked beside a document as the tool wrote it; an edited
    # one need not fit our strict schema. (All edited: the header code is the
    # same that the tests check with unedited documents.)
    plain = next((d for d in edition.documents if not d.edited), None)
    if plain is not None:
        _check_header(header, plain)
    etree.indent(header, level=1)
    # Written piece by piece, so only one document is in memory at a time; each
    # piece declares the TEI namespace itself, as a document written alone does.
    stream.write(b"<?xml version='1.0' encoding='UTF-8'?>\n" + CORPUS_START)
    stream.write(_INDENT + etree.tostring(header, encoding="UTF-8"))
    for document in edition.documents:
        # Each document was checked against our schema when it was written,
        # and read_edition made sure it is still those bytes, or, edited by
        # hand, that it passes the check it was given (TEI P5).
        stream.write(_INDENT + etree.tostring(_root(document), encoding="UTF-8"))
    stream.write(b"\n" + CORPUS_END + b"\n")


def _check_header(header: etree._Element, first: EditionDocument) -> None:
    """Check the header against our schema in a corpus with one document."""
    corpus = etree.fromstring(CORPUS_START + CORPUS_END)
    corpus.extend([copy.deepcopy(header), _root(first)])
    problems = check_tree(corpus.getroottree(), source="teiCorpus")
    if is_failure(problems):
        raise ValidationError(f"the corpus header breaks our schema: {problems[0].message}")


def _root(document: EditionDocument) -> etree._Element:
    return parse_bytes(document.path.read_bytes(), source=str(document.path)).getroot()


def _is_our_corpus(path: Path) -> bool:
    """A teiCorpus this tool wrote: its header names tei-convert as the
    application, and it holds nothing but that header and TEI documents (read as
    XML without DTDs, entities or network, a piece at a time)."""
    return made_by_tei_convert(path, "teiCorpus", others=frozenset({"TEI"}))
