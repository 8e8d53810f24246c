"""Recognising PDF-extracted collected-works volumes (conversion not yet supported).

Such text comes out of PDF extraction with every printed line followed by a
blank line and most lines ending in a space; no other format looks like that.
"""

from __future__ import annotations

from itertools import pairwise

from tei_convert.diagnostics import Reporter
from tei_convert.errors import UnsupportedFormatError
from tei_convert.model import Document
from tei_convert.sanitize import source_lines

NAME = "volume"
DESCRIPTION = ("PDF-extracted collected-works volume: many works, hard-wrapped lines "
               "(not yet supported)")

_MIN_LINES = 40
_MIN_SHARE = 0.8


def sniff(text: str) -> bool:
    """True when at least 80% of text lines are followed by a blank line."""
    lines = source_lines(text)
    if len(lines) < _MIN_LINES:
        return False
    pairs = sum(1 for a, b in pairwise(lines) if a.strip() and not b.strip())
    filled = sum(1 for line in lines if line.strip())
    return filled > 0 and pairs / filled >= _MIN_SHARE


def read(text: str, *, source: str, doc_id: str,  # noqa: ARG001 (the reader interface)
         reporter: Reporter) -> list[Document]:  # noqa: ARG001
    """Refuse for now: the volume reader is not written yet."""
    raise UnsupportedFormatError(
        "collected-works volumes are recognised but not yet supported; the file was skipped",
        source=source,
    )
