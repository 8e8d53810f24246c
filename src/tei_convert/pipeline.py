"""From source text to checked TEI bytes, without touching the file system.

A reader turns the text into documents; the user's metadata of the file goes
into each document's header (:func:`~tei_convert.transforms.metadata.apply_metadata`,
first, since it takes the file's metadata and options); then the passes run in
the order of :data:`PASSES`, each taking a document and the reporter and
returning a document.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
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
from tei_convert.input.sanitize import sanitize, source_lines
from tei_convert.model import Document, Metadata
from tei_convert.readers import get_reader, read_sniffed, sniff
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
    reporter = reporter or Reporter(source)
    # The date caches spare the reader the lines it asks about more than once;
    # they serve one text, so that memory stays flat and no file is read
    # faster for the ones before it (a corpus of copies would be).
    parse_date.cache_clear()
    dateline_date.cache_clear()
    text = sanitize(text, reporter)
    options = options or Options()
    metadata = options.metadata
    doc_id = doc_id or document_id(source)
    if reader:
        chosen = get_reader(reader)
        documents = chosen.read(text, source=source, doc_id=doc_id, reporter=reporter,
                                metadata=metadata)
    else:
        chosen, documents = read_sniffed(sniff(text, source=source, reporter=reporter), text,
                                         source=source, doc_id=doc_id, reporter=reporter,
                                         metadata=metadata)
    warn_unused(metadata, documents, reporter)
    lines = source_lines(text)
    located, unlocated = _by_document(reporter.diagnostics, documents)
    converted = []
    for document, found in zip(documents, located, strict=True):
        doc_reporter = Reporter(source, found)
        document = apply_metadata(document, metadata, doc_reporter, lang=options.lang,
                                  publisher=options.publisher)
        for _name, transform in PASSES:
            document = transform(document, doc_reporter)
        xml, counts, checked = _checked_xml(document, lines, options, source_sha256)
        converted.append(Converted(document, xml, counts, tuple(doc_reporter.diagnostics),
                                   checked))
    return Result(source, chosen.name, tuple(converted), tuple(unlocated))


def _by_document(diagnostics: list[Diagnostic], documents: list[Document]
                 ) -> tuple[list[list[Diagnostic]], list[Diagnostic]]:
    """Give each diagnostic to the document whose lines hold it; the rest are
    about the file as a whole."""
    located: list[list[Diagnostic]] = [[] for _ in documents]
    unlocated: list[Diagnostic] = []
    # Documents come in line order, so a binary search finds the one that
    # starts at or before a line: a volume has thousands of both.
    spans = [(d.span.first_line, d.span.last_line, i) for i, d in enumerate(documents) if d.span]
    starts = [first for first, _, _ in spans]
    for diagnostic in diagnostics:
        at = bisect_right(starts, diagnostic.line) - 1 if diagnostic.line is not None else -1
        if at >= 0 and diagnostic.line is not None and diagnostic.line <= spans[at][1]:
            located[spans[at][2]].append(diagnostic)
        else:
            unlocated.append(diagnostic)
    return located, unlocated


def _checked_xml(document: Document, lines: list[str], options: Options,
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
    options = options or Options()
    if options.metadata is None:
        options = replace(options, metadata=file_metadata(path, options))
    reporter = Reporter(name)
    text = decode(data, source=name, reporter=reporter)
    return convert_text(text, source=name, reader=reader, doc_id=doc_id, options=options,
                        reporter=reporter, source_sha256=sha256(data))
