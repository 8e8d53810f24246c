"""tei-convert: plain-text transcriptions of historical documents to TEI P5.

This module is the public API; the code is laid out by pipeline stage, and
imports only go down this list:

    cli          the click command line: options -> library calls -> messages
    package/     what is made of a finished output folder (bag, teiCorpus, CMIF, status)
    run/         many inputs into one output folder, with a manifest
    pipeline     one source text (or the bytes of one file) -> checked TEI bytes
    readers/     one reader per source format: source text -> document model
    transforms/  passes over the model and the rules readers share with them
    values/      small parsers for header field values
    checks/      schema, integrity and "nothing lost" checks; JSON schemas; reports
    tei/         document model -> lxml TEI tree (header, text); the CMIF tree
    input/       bytes -> clean lines
    model        the document model (frozen dataclasses) at the centre
    diagnostics  Diagnostic, the Reporter, and CODES, the registry of every code
    canonical    SHA-256 and canonical JSON, the stable forms of data
    errors       TeiConvertError and its kinds
    version      the package version

Each package's docstring lists its modules and their one job.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from tei_convert.version import __version__

if TYPE_CHECKING:
    from tei_convert.model import Document
    from tei_convert.pipeline import (
        Conversion,
        Converted,
        Options,
        Result,
        convert_file,
        convert_text,
        stream_text,
    )
    from tei_convert.run.corpus import RunReport, convert_corpus

__all__ = [
    "Conversion",
    "Converted",
    "Document",
    "Options",
    "Result",
    "RunReport",
    "__version__",
    "convert_corpus",
    "convert_file",
    "convert_text",
    "stream_text",
]

# Where each name of the API lives. They are imported when first asked for
# (PEP 562), so that importing a module of the package, as the command line
# does for --help, does not import the whole pipeline.
_HOMES = {
    "Conversion": "tei_convert.pipeline",
    "Converted": "tei_convert.pipeline",
    "Document": "tei_convert.model",
    "Options": "tei_convert.pipeline",
    "Result": "tei_convert.pipeline",
    "RunReport": "tei_convert.run.corpus",
    "convert_corpus": "tei_convert.run.corpus",
    "convert_file": "tei_convert.pipeline",
    "convert_text": "tei_convert.pipeline",
    "stream_text": "tei_convert.pipeline",
}


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'tei_convert' has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
