"""One ``teiCorpus`` file holding every document of an output folder, for tools
that take a corpus in one file (TEI Publisher, XSLT and text-analysis pipelines).

Each document goes in as it was written on its own, so a corpus and its
folder never disagree.
"""

from __future__ import annotations

from pathlib import Path

from tei_convert.edition import Edition, read_edition
from tei_convert.errors import EditionError, ValidationError
from tei_convert.output import write_atomic
from tei_convert.tei import build_tei_corpus, serialize
from tei_convert.validate import check_tree, is_failure, parse_bytes
from tei_convert.version import __version__

DEFAULT_PUBLISHER = "Unpublished"


def corpus_title(edition: Edition) -> str:
    """What a corpus is called when the configuration does not say."""
    count = len(edition.documents)
    return f"{count} document{'s' if count != 1 else ''} converted with tei-convert"


def tei_corpus(edition: Edition, *, title: str | None = None, publisher: str | None = None,
               licence: str | None = None) -> bytes:
    """The corpus file of a checked output folder, checked against our schema.

    Raises:
        EditionError: the folder has no documents (a corpus needs one).
        ValidationError: the corpus breaks our schema (a bug in the tool).
    """
    if not edition.documents:
        raise EditionError("no documents to put in a corpus", source=str(edition.folder))
    roots = [parse_bytes(document.path.read_bytes(), source=str(document.path)).getroot()
             for document in edition.documents]
    sources = dict.fromkeys((document.entry["source"]["path"], document.entry["source"]["sha256"])
                            for document in edition.documents)
    root = build_tei_corpus(roots, title=title or corpus_title(edition),
                            publisher=publisher or DEFAULT_PUBLISHER, licence=licence,
                            sources=sources, version=__version__)
    problems = check_tree(root.getroottree(), source="teiCorpus")
    if is_failure(problems):
        raise ValidationError(f"the corpus breaks our schema: {problems[0].message}")
    return serialize(root)


def write_tei_corpus(edition_folder: Path, path: Path, *, title: str | None = None,
                     publisher: str | None = None, licence: str | None = None) -> Path:
    """Write the corpus of ``edition_folder`` to ``path`` (atomically).

    Raises:
        EditionError: the folder does not match its manifest, or ``path`` lies in it
            (the folder holds only what the manifest lists).
        OutputError: ``path`` cannot be written.
    """
    if path.resolve().parent == edition_folder.resolve():
        raise EditionError("the corpus file must not be in the output folder, which holds "
                           "only what its manifest lists", source=str(path))
    edition = read_edition(edition_folder)
    write_atomic(path, tei_corpus(edition, title=title, publisher=publisher, licence=licence))
    return path
