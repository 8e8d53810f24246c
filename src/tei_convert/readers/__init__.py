"""Source formats: the READERS table, the sniffer that picks one, and the readers.

Each reader turns one source text into documents of the model and knows
nothing of TEI.

Modules:
    mia              Marxists Internet Archive page texts
    mia_header       "Field: value" header lines (also used under volume titles)
    mia_title        a page's title, subtitle, document number and author line
    volume           PDF-extracted collected-works volumes, one document per work
    volume_layout    a volume's line shapes, page breaks and paragraphs (plain texts' too)
    volume_measure   how wide a volume's lines are in a book face or in characters, and its measure
    volume_headings  where a volume's works start: their heading blocks
    volume_titles    a work's title, subtitle and date lines; date headings; periods covered
    volume_text      a volume's running text: joined lines, hyphens, references (plain texts' too)
    volume_notes     where a work's notes section is, and what each note holds
    metadata         the user's metadata of a file: a sidecar or --meta JSON file
    catalogue        an archive's catalogue: a CSV or TSV table of many files' metadata
    gutenberg        Project Gutenberg plain-text e-books, one document per e-text
    gutenberg_header an e-text's own header: fields, terms of use, boilerplate
    gutenberg_fields what each header field of an e-text becomes (title, credits, source)
    gutenberg_text   an e-text's text: blocks, illustrations, footnotes, _italics_
    gutenberg_sections  an e-text's headings and the (nested) divisions they open
    plain            any plain transcription: the fallback when no other reader recognises a text
    plain_layout     a plain text's paragraphs: blank lines, or hard-wrapped lines cut by layout
    plain_notes      a plain text's notes: [1], (1), * and [Footnote 1: ...], where they match
    blocks           blank-line block splitting
    formulas         what one line of a letter is: dateline, salutation, signature...
    letters          who sent a letter to whom, from where (correspDesc), and when (its dateline)
    closers          closing blocks read from the bottom up: signatures, dates, publication lines
    structure        openers, closers, lists: the parts of a text
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from importlib import import_module
from types import ModuleType
from typing import Protocol

from tei_convert.diagnostics import Reporter
from tei_convert.errors import NotThisFormatError, UnknownFormatError
from tei_convert.model import Document, Metadata


class ReadFunction(Protocol):
    """What every reader's ``read`` accepts and returns.

    ``metadata`` is what the user states about the file; a reader needs it only
    where it changes the reading (a volume's first page number, its language for
    hyphenation): the pipeline puts it into every document's header afterwards
    (:mod:`tei_convert.transforms.metadata`).

    The documents come in the order of their lines, and may be read only as
    they are taken (a volume's works are): what a document's reading reports
    is reported before the document is handed out, and a text that is not of
    the format is refused at once (``NotThisFormatError``), before any document.
    """

    def __call__(self, text: str, *, source: str, doc_id: str, reporter: Reporter,
                 metadata: Metadata | None = None) -> Iterable[Document]: ...


@dataclass(frozen=True)
class Reader:
    """One source format: how to recognise it and how to read it.

    The modules are imported when first used, so that a run imports only the
    readers it tries: converting a page text never loads the volume reader.
    Each module defines ``NAME``, ``DESCRIPTION``, ``read``, and (or its
    ``sniffer`` does) ``RECOGNISED`` and ``sniff``.
    """

    name: str
    module: str
    """The module that reads the format."""
    sniffer: str | None = None
    """A lighter module that recognises the format, when the reader's is heavy."""
    fallback: bool = False
    """Tried only when no other reader recognises the text (with a warning)."""

    def _reader(self) -> ModuleType:
        return import_module(self.module)

    def _sniffer(self) -> ModuleType:
        return import_module(self.sniffer or self.module)

    @property
    def description(self) -> str:
        """What the format is, in words."""
        return str(self._reader().DESCRIPTION)

    @property
    def recognised(self) -> str:
        """How :func:`sniff` tells this format, in words."""
        return str(self._sniffer().RECOGNISED)

    def sniff(self, text: str) -> bool:
        """Whether ``text`` looks like this format."""
        return bool(self._sniffer().sniff(text))

    def read(self, text: str, *, source: str, doc_id: str, reporter: Reporter,
             metadata: Metadata | None = None) -> Iterable[Document]:
        """The documents of ``text`` (see :class:`ReadFunction`)."""
        function: ReadFunction = self._reader().read
        return function(text, source=source, doc_id=doc_id, reporter=reporter,
                        metadata=metadata)


READERS: dict[str, Reader] = {
    # First: its START line is the surest sign of any format's, and a page
    # text's "Field: value" lines could be taken for an e-text's header fields.
    "gutenberg": Reader("gutenberg", "tei_convert.readers.gutenberg",
                        sniffer="tei_convert.readers.gutenberg_header"),
    "mia": Reader("mia", "tei_convert.readers.mia"),
    "volume": Reader("volume", "tei_convert.readers.volume"),
    "plain": Reader("plain", "tei_convert.readers.plain", fallback=True),
}


def get_reader(name: str) -> Reader:
    """The reader called ``name``.

    Raises:
        UnknownFormatError: listing the known names.
    """
    try:
        return READERS[name]
    except KeyError:
        known = ", ".join(sorted(READERS))
        raise UnknownFormatError(f"unknown format '{name}'; known formats: {known}") from None


def sniff(text: str, *, source: str, reporter: Reporter | None = None) -> Reader:
    """The first reader in :data:`READERS` that recognises ``text``; else the
    fallback reader, with the warning ``format-fallback`` (to ``reporter``).

    Raises:
        UnknownFormatError: when none does and there is no fallback.
    """
    for reader in READERS.values():
        if not reader.fallback and reader.sniff(text):
            return reader
    for reader in READERS.values():
        if reader.fallback and reader.sniff(text):
            if reporter is not None:
                reporter.warn("format-fallback", f"no reader recognises this text; read as "
                              f"{reader.name} (--format names another)", None)
            return reader
    known = ", ".join(sorted(READERS))
    raise UnknownFormatError(f"no reader recognises this text (known formats: {known}); "
                             "name one with --format", source=source)


def read_sniffed(reader: Reader, text: str, *, source: str, doc_id: str, reporter: Reporter,
                 metadata: Metadata | None = None) -> tuple[Reader, Iterable[Document]]:
    """Read ``text`` with the reader :func:`sniff` chose; when it finds the text
    has the look of its format but not its structure, with the fallback
    reader instead (warning ``format-fallback``), forgetting what the first
    reader reported.

    Raises:
        TeiConvertError: what the reader (or the fallback) raises.
    """
    before = len(reporter.diagnostics)
    try:
        return reader, reader.read(text, source=source, doc_id=doc_id, reporter=reporter,
                                   metadata=metadata)
    except NotThisFormatError as error:
        fallback = next((r for r in READERS.values() if r.fallback), None)
        if fallback is None or fallback is reader:
            raise
        del reporter.diagnostics[before:]
        reporter.warn("format-fallback", f"looked like {reader.name} but is not ("
                      f"{error.message.split(';')[0]}); read as {fallback.name}", None)
        return fallback, fallback.read(text, source=source, doc_id=doc_id, reporter=reporter,
                                       metadata=metadata)


__all__ = ["READERS", "ReadFunction", "Reader", "get_reader", "read_sniffed", "sniff"]
