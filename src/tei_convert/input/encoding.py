"""Turning a file's bytes into text: UTF-8, UTF-16, or a detected legacy encoding.

Anything other than plain UTF-8 is converted and reported, so a reader of
the manifest can see that the tool chose an encoding; bytes that are not
text at all are refused with a reason.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from tei_convert.diagnostics import Reporter
from tei_convert.errors import InputError

_PREFERRED = "cp1252"
"""When several legacy encodings read the bytes equally well, Windows-1252
wins: it is what English texts of that kind were written in, and what web
browsers read "Latin-1" as."""
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_SNIFF_BYTES = 8192
_BINARY_SHARE = 0.05
_TEXT_CONTROLS = frozenset(b"\t\n\r\x0c")


def decode(data: bytes, *, source: str, reporter: Reporter) -> str:
    """Decode the bytes of a source file.

    Raises:
        InputError: when the file is empty, blank, or not text.
    """
    if not data:
        raise InputError("the file is empty", source=source)
    if _looks_binary(data):
        raise InputError("binary data (many control bytes), not a text file", source=source)
    if data.startswith(_UTF16_BOMS):
        reporter.warn("encoding-converted", "read as UTF-16 (it starts with a UTF-16 "
                      "byte-order mark) and converted to UTF-8", 1)
        return data.decode("utf-16", errors="replace")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _legacy(data, source=source, reporter=reporter)
    if not text.strip():
        raise InputError("the file holds only white space", source=source)
    return text


def _looks_binary(data: bytes) -> bool:
    """More than a few control bytes near the start: an image, an archive, a
    program. A stray NUL in a text is repaired later, not refused here."""
    if data.startswith(_UTF16_BOMS):
        return False
    head = data[:_SNIFF_BYTES]
    controls = sum(1 for byte in head if byte < 0x20 and byte not in _TEXT_CONTROLS)
    return controls > max(2, len(head) * _BINARY_SHARE)


def _legacy(data: bytes, *, source: str, reporter: Reporter) -> str:
    """Bytes that are not UTF-8: refuse binary data, else detect the encoding."""
    matches = list(from_bytes(data))
    if not matches:
        raise InputError("not text in any known encoding", source=source)
    least = min(match.chaos for match in matches)
    best = [match for match in matches if match.chaos == least]
    chosen = next((m for m in best if m.encoding == _PREFERRED), best[0])
    reporter.warn("encoding-guessed", f"not UTF-8; read as {chosen.encoding} (detected) and "
                  "converted to UTF-8: check accented letters", 1)
    return str(chosen)
