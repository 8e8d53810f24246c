"""tei-convert: plain-text transcriptions of historical documents to TEI P5.

Modules:
    model        the document model (frozen dataclasses) at the centre
    readers      one module per source format, plus the READERS table and sniff();
                 mia_header reads "Field: value" lines; the volume reader's parts:
                 volume_layout, volume_headings, volume_text, volume_notes
    errors       TeiConvertError and its kinds
    diagnostics  Diagnostic and the Reporter that collects them
    encoding     bytes to text: UTF-8, UTF-16, detected legacy encodings
    text         white space, words and letters
    version      the package version
    blocks       blank-line block splitting shared by readers
    structure    openers, closers, lists: the parts of a text
    notes        note markers, endnotes and their linking
    dates, names, bibl, licences   small parsers for header values
    hyphenation  words split at a line end: join or keep the hyphen
    volume_meta  the metadata sidecar of a volume (author, edition)
    sanitize     line ends, byte-order marks, characters XML forbids
    tei          Document -> lxml TEI tree
    validate     our RelaxNG schema and integrity checks
    reports      validation reports for CI: JSON and JUnit XML
    schemas      the shipped schema files, loaded once; JSON checked against them
    fidelity     the "nothing lost" check
    pipeline     convert_text / convert_file: text -> checked TEI bytes
    corpus       convert_corpus: many files -> out/ with manifest.json
    manifest     manifest entries, canonical JSON, JSON Schema check
    output       atomic file writing
    edition      an output folder read back and checked against its manifest
    bag          BagIt deposits of an output folder (bagit)
    tei_corpus   one teiCorpus file of an output folder
    config       tei-convert.toml / [tool.tei-convert]: the user's settings
    cli          the click command line
"""

from __future__ import annotations

from tei_convert.corpus import RunReport, convert_corpus
from tei_convert.model import Document
from tei_convert.pipeline import Converted, Options, Result, convert_file, convert_text
from tei_convert.version import __version__

__all__ = [
    "Converted",
    "Document",
    "Options",
    "Result",
    "RunReport",
    "__version__",
    "convert_corpus",
    "convert_file",
    "convert_text",
]
