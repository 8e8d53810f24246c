"""From source text to checked TEI bytes, without touching the file system.

A reader turns the text into documents; the user's metadata of the file goes
into each document's header (:func:`~tei_convert.transforms.metadata.apply_metadata`,
first, since it takes the file's metadata and options); then the passes run in
the order of :data:`PASSES`, each taking a document and the reporter and
returning a document.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from lxml import etree

from tei_convert.canonical import sha256
from tei_convert.checks.fidelity import first_difference, source_letters, tei_words_and_letters
from tei_convert.checks.relaxng import our_schema
from tei_convert.checks.validate import check_tree, is_failure
from tei_convert.diagnostics import Diagnostic, Reporter, Severity
from tei_convert.errors import ValidationError
from tei_convert.input.encoding import decode
from tei_convert.input.files import read_limited
from tei_convert.input.sanitize import SourceLines, sanitize
from tei_convert.model import Document, Metadata, Span
from tei_convert.readers import Reader, get_reader, read_sniffed, sniff
from tei_convert.readers.catalogue import load_catalogue
from tei_convert.readers.formulas import dateline_date
from tei_convert.readers.metadata import find_metadata, merged
from tei_convert.tei import build_tei, note_ids, serialize, tei
from tei_convert.transforms.genre import name_genre
from tei_convert.transforms.metadata import apply_metadata, warn_unused
from tei_convert.transforms.notes import link_notes
from tei_convert.values.dates import parse_date
from tei_convert.values.urls import source_url
from tei_convert.version import __version__

Pass = Callable[[Document, Reporter], Document]

PASSES: tuple[tuple[str, Pass], ...] = (
    ("link-notes", link_notes),
    ("name-genre", name_genre),
)
"""Model transforms, in the order they run."""


@dataclass(frozen=True)
class Options:
    """Choices that change the output."""

    publisher: str | None = None
    """Who publishes the converted edition (``publicationStmt/publisher``)."""
    published: str | None = None
    """The edition's date (ISO 8601), as the user gives it (the command line
    takes ``SOURCE_DATE_EPOCH``); never the day of the run."""
    lang: str | None = None
    """The texts' language (BCP 47) where their metadata states none."""
    source_url: str | None = None
    """Where the archive serves each source: a pattern with ``{stem}`` or
    ``{name}`` for the source file's name (``sourceDesc/bibl[@type='online']``)."""
    metadata: Metadata | None = None
    """What the user states about the source file (author, title, date...; a
    volume's edition), which wins over what the reader infers. For a file
    converted from disk it is found when None: the row of ``catalogue`` that
    names the file, under ``metadata_file`` or the sidecar."""
    metadata_file: Path | None = None
    """The metadata file for every file converted from disk (``--meta``); without
    it the sidecar ``<name>.meta.json`` next to each file, if there is one."""
    catalogue: Path | None = None
    """A CSV or TSV table of many files' metadata, one row per file (``--catalogue``)."""


@dataclass(frozen=True)
class Counts:
    """Sizes of one converted document, as the manifest reports them."""

    paragraphs: int
    """``p`` elements in the body (notes not included)."""
    notes: int
    words: int
    """Words of the TEI ``text`` element, by the "nothing lost" rule."""


@dataclass(frozen=True)
class Checked:
    """What was verified of one document before its bytes were handed out."""

    schema: str
    """The RelaxNG schema it fits."""
    checks: tuple[str, ...]
    """The checks it passed, in the order they ran."""
    letters: int
    """Letters of the source compared with the TEI by the nothing-lost check."""


@dataclass(frozen=True)
class Converted:
    """One document: its model, its TEI bytes and what was found on the way."""

    document: Document
    xml: bytes
    counts: Counts
    diagnostics: tuple[Diagnostic, ...]
    checked: Checked | None = None
    """What was verified before ``xml`` was handed out."""


@dataclass(frozen=True)
class Result:
    """Everything that came of one source text."""

    source: str
    reader: str
    documents: tuple[Converted, ...]
    diagnostics: tuple[Diagnostic, ...]
    """Diagnostics about the file as a whole, tied to no one document."""

    @property
    def all_diagnostics(self) -> tuple[Diagnostic, ...]:
        """The file's diagnostics followed by every document's."""
        return self.diagnostics + tuple(d for c in self.documents for d in c.diagnostics)


MAX_ID_LENGTH = 120
"""Longer ids are cut and given a hash of the whole: ``<id>-NNN.xml`` and the
temporary file beside it must fit the file system's 255-byte names."""


def document_id(source: str) -> str:
    """A stable id from a file name: a valid ``xml:id`` and a safe file name."""
    stem = Path(source).stem
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-.") or "document"
    slug = slug if slug[0].isalpha() or slug[0] == "_" else f"doc-{slug}"
    if len(slug) <= MAX_ID_LENGTH:
        return slug
    return f"{slug[:MAX_ID_LENGTH - 9]}-{sha256(slug.encode('utf-8'))[:8]}"


def convert_text(text: str, *, source: str, reader: str | None = None,
                 doc_id: str | None = None, options: Options | None = None,
                 reporter: Reporter | None = None, source_sha256: str | None = None) -> Result:
    """Convert one source text to TEI.

    Args:
        text: the whole source text.
        source: its name, used in ids, diagnostics and the manifest.
        reader: a name from ``READERS``; sniffed from the text when None.
        doc_id: the document id; derived from ``source`` when None.
        reporter: where to add diagnostics, for a caller that already has some
            (decoding the file); a new one when None.
        source_sha256: the hash of the source file's bytes, for ``revisionDesc``.

    Raises:
        TeiConvertError: when the text cannot be converted (unknown or
            unsupported format, no usable content, or output that fails
            our checks).
    """
    return stream_text(text, source=source, reader=reader, doc_id=doc_id, options=options,
                       reporter=reporter, source_sha256=source_sha256).result()


def stream_text(text: str, *, source: str, reader: str | None = None,
                doc_id: str | None = None, options: Options | None = None,
                reporter: Reporter | None = None, source_sha256: str | None = None
                ) -> Conversion:
    """Convert one source text to TEI a document at a time (arguments as
    :func:`convert_text`): the text is read, and the documents converted and
    checked, as they are taken from the :class:`Conversion`, so that a volume
    of many works never holds them all (nor its caller the bytes it was
    decoded from, once this returns).

    Raises:
        TeiConvertError: at once when no reader recognises the text; the
            reader's errors (unsupported format, no usable content) and the
            checks' while the documents are taken.
    """
    reporter = reporter or Reporter(source)
    # The date caches spare the reader the lines it asks about more than once;
    # they serve one text, so that memory stays flat and no file is read
    # faster for the ones before it (a corpus of copies would be).
    parse_date.cache_clear()
    dateline_date.cache_clear()
    text = sanitize(text, reporter)
    options = options or Options()
    doc_id = doc_id or document_id(source)
    chosen = get_reader(reader) if reader else sniff(text, source=source, reporter=reporter)
    return Conversion(source, chosen, _Context(text, options, reporter, doc_id, source_sha256,
                                               sniffed=not reader))


@dataclass(frozen=True)
class _Context:
    """What reading one text and converting each of its documents needs."""

    text: str
    options: Options
    reporter: Reporter
    """The file's reporter, which the reader reports to."""
    doc_id: str
    source_sha256: str | None
    sniffed: bool
    """The reader was sniffed, not named: the fallback may take over."""

    def read(self, reader: Reader, source: str) -> tuple[Reader, Iterable[Document]]:
        """The reader that reads the text (``reader``, or the fallback), and its documents."""
        if self.sniffed:
            return read_sniffed(reader, self.text, source=source, doc_id=self.doc_id,
                                reporter=self.reporter, metadata=self.options.metadata)
        return reader, reader.read(self.text, source=source, doc_id=self.doc_id,
                                   reporter=self.reporter, metadata=self.options.metadata)


class Conversion:
    """One text's documents, each converted when it is taken; iterate once.

    After the last, :attr:`diagnostics` holds those about the file as a whole
    (tied to no one document), which only then are all known.
    """

    def __init__(self, source: str, reader: Reader, context: _Context) -> None:
        self.source = source
        self.reader = reader.name
        """The name of the reader that reads the text: the one sniffed or named,
        or, once reading starts, the fallback when that one finds the text is
        not of its format after all."""
        self._reader = reader
        self._context = context
        self._diagnostics: tuple[Diagnostic, ...] | None = None
        self._taken = False

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        """The file's own diagnostics, once every document has been taken."""
        if self._diagnostics is None:
            raise RuntimeError("a conversion's file diagnostics are known once every "
                               "document has been taken")
        return self._diagnostics

    def result(self) -> Result:
        """Every document, converted, with the file's diagnostics."""
        documents = tuple(self)
        return Result(self.source, self.reader, documents, self.diagnostics)

    def __iter__(self) -> Iterator[Converted]:
        if self._taken:
            # A second reading would report every diagnostic twice.
            raise RuntimeError("a conversion's documents can be taken once")
        self._taken = True
        context = self._context
        options, metadata = context.options, context.options.metadata
        lines = SourceLines(context.text)
        locator = _Locator(context.reporter)
        volume: bool | None = None
        reader, documents = context.read(self._reader, self.source)
        self.reader = reader.name
        for document in documents:
            volume = volume or document.part_of is not None
            doc_reporter = Reporter(self.source, locator.take(document.span))
            document = apply_metadata(document, metadata, doc_reporter, lang=options.lang,
                                      publisher=options.publisher)
            for _name, transform in PASSES:
                document = transform(document, doc_reporter)
            xml, counts, checked = _checked_xml(document, lines, options,
                                                context.source_sha256)
            yield Converted(document, xml, counts, tuple(doc_reporter.diagnostics), checked)
        if volume is not None:
            warn_unused(metadata, volume=volume, reporter=context.reporter)
        self._diagnostics = locator.rest()


class _Locator:
    """Gives each diagnostic of a file's reporter to the document whose lines
    hold it, as the documents come (in line order, each after what its
    reading reported); the rest are about the file as a whole."""

    def __init__(self, reporter: Reporter) -> None:
        self._reporter = reporter
        self._taken = 0
        # (place in the reporter, diagnostic): the file's list keeps the reporter's order.
        self._pending: list[tuple[int, Diagnostic]] = []
        self._unlocated: list[tuple[int, Diagnostic]] = []

    def take(self, span: Span | None) -> list[Diagnostic]:
        """The diagnostics so far that fall in ``span``, the next document's lines."""
        self._collect()
        if span is None:
            return []
        located, later = [], []
        for at, found in self._pending:
            if found.line is None or found.line < span.first_line:
                # Documents come in line order: no later one holds this line.
                self._unlocated.append((at, found))
            elif found.line <= span.last_line:
                located.append(found)
            else:
                later.append((at, found))
        self._pending = later
        return located

    def rest(self) -> tuple[Diagnostic, ...]:
        """The diagnostics no document took, in the order they were reported."""
        self._collect()
        return tuple(found for _, found in sorted(self._unlocated + self._pending))

    def _collect(self) -> None:
        reported = self._reporter.diagnostics
        self._pending.extend(enumerate(reported[self._taken:], self._taken))
        self._taken = len(reported)


def _checked_xml(document: Document, lines: Sequence[str], options: Options,
                 source_sha256: str | None) -> tuple[bytes, Counts, Checked]:
    """Build, serialise and check the TEI; a failure here is a bug in the tool."""
    url = source_url(options.source_url, document.source) if options.source_url else None
    root = build_tei(document, version=__version__, publisher=options.publisher,
                     published=options.published, source_sha256=source_sha256,
                     source_url=url)
    xml = serialize(root)
    # The tree as built is checked, not the bytes read back: lxml serialises
    # only well-formed XML, so reading its own output back was work done twice.
    tree = root.getroottree()
    problems = check_tree(tree, source=document.id)
    if is_failure(problems):
        first = next(p for p in problems if p.severity is Severity.ERROR)
        raise ValidationError(f"generated TEI is invalid ({first.code}: {first.message}); "
                              "please report this", source=document.source)
    found, found_letters = tei_words_and_letters(tree.getroot(), note_ids(document))
    lost = first_difference(source_letters(document, lines), found_letters)
    if lost is not None:
        raise ValidationError(f"text would be lost or repeated in '{document.id}': {lost}; "
                              "please report this", source=document.source)
    checked = Checked(our_schema().name, ("well-formed", "schema", "integrity", "nothing-lost"),
                      len(found_letters))
    return xml, _counts(tree.getroot(), len(found)), checked


def _counts(root: etree._Element, words: int) -> Counts:
    body = root.find(f"{tei('text')}/{tei('body')}")
    # A note's paragraphs stand inside the body's, at their markers.
    paragraphs = 0 if body is None else sum(
        1 for p in body.iter(tei("p")) if next(p.iterancestors(tei("note")), None) is None)
    endnotes = sum(1 for note in root.iter(tei("note")) if note.get("place") == "end")
    return Counts(paragraphs, endnotes, words)


def file_metadata(path: Path, options: Options) -> Metadata | None:
    """The metadata of the file ``path``: its row in the catalogue, with what its
    metadata file (``metadata_file`` or the sidecar) states over it.

    Raises:
        InputError: the catalogue, its row or the metadata file is broken.
    """
    row = load_catalogue(options.catalogue).metadata_for(path) if options.catalogue else None
    return merged(row, find_metadata(path, options.metadata_file))


def convert_file(path: str | Path, *, reader: str | None = None, name: str | None = None,
                 doc_id: str | None = None, options: Options | None = None) -> Result:
    """Read a file and convert it (see :func:`convert_text`).

    Raises:
        InputError: when the file cannot be read or decoded.
    """
    path = Path(path)
    source = name or path.as_posix()
    data = read_limited(path, source=source)
    return convert_bytes(data, path=path, name=source, reader=reader, doc_id=doc_id,
                         options=options)


def convert_bytes(data: bytes, *, path: Path, name: str, reader: str | None = None,
                  doc_id: str | None = None, options: Options | None = None) -> Result:
    """Convert the bytes read from ``path``: decode them, find the metadata
    that belongs with the file, and convert the text.

    Raises:
        TeiConvertError: as :func:`convert_text`, or when the bytes are not
            UTF-8 or the metadata is broken.
    """
    return stream_bytes(data, path=path, name=name, reader=reader, doc_id=doc_id,
                        options=options).result()


def stream_bytes(data: bytes, *, path: Path, name: str, reader: str | None = None,
                 doc_id: str | None = None, options: Options | None = None) -> Conversion:
    """:func:`convert_bytes` a document at a time (see :func:`stream_text`).

    Raises:
        TeiConvertError: as :func:`stream_text`, or at once when the bytes are
            not UTF-8 or the metadata is broken.
    """
    options = options or Options()
    if options.metadata is None:
        options = replace(options, metadata=file_metadata(path, options))
    reporter = Reporter(name)
    text = decode(data, source=name, reporter=reporter)
    return stream_text(text, source=name, reader=reader, doc_id=doc_id, options=options,
                       reporter=reporter, source_sha256=sha256(data))
