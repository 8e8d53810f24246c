"""Turning a file's bytes into text: UTF-8, UTF-16, or a detected legacy encoding.

A UTF-8 file with a few bytes that are not UTF-8 stays UTF-8, with just those
bytes read as Windows-1252, line by line. Anything other than plain UTF-8 is
converted and reported, so a reader of
the manifest can see that the tool chose an encoding; bytes that are not
text at all are refused with a reason.
"""

from __future__ import annotations

import codecs
import re
from bisect import bisect_right

from tei_convert.diagnostics import Reporter
from tei_convert.errors import InputError

_PREFERRED = "cp1252"
"""When several legacy encodings read the bytes equally well, Windows-1252
wins: it is what English texts of that kind were written in, and what web
browsers read "Latin-1" as."""
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_NOT_UTF8 = re.compile("[\udc80-\udcff]+")
"""Runs of bytes that are not UTF-8, as ``surrogateescape`` decodes them."""
_UTF8_LETTER = re.compile("[^\x00-\x7f\udc80-\udcff]")
_LINE_END = re.compile(r"\r\n|\r|\n")
_FEW_RUNS = 3
"""A text with UTF-8 letters is UTF-8, whatever else was pasted into it; one
with none is repaired run by run only when it has this many runs of bytes that
are not UTF-8 at most (ASCII with a pasted word); more, and the whole file is
in another encoding, to be detected."""
_SHOWN_LINES = 20
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
        text = _mostly_utf8(data, reporter) or _legacy(data, source=source, reporter=reporter)
    if text.isspace():  # not strip(), which would copy a large file's text
        raise InputError("the file holds only white space", source=source)
    return text


def _mostly_utf8(data: bytes, reporter: Reporter) -> str | None:
    """UTF-8 text with bytes that are not UTF-8 (words pasted from a Windows-1252
    file), with each such run of bytes read as Windows-1252 and reported on its
    line; None when the text holds no UTF-8 at all but many such runs: a file
    in another encoding, to be detected instead."""
    text = data.decode("utf-8", errors="surrogateescape")
    runs = list(_NOT_UTF8.finditer(text))
    utf8_letters = len(_UTF8_LETTER.findall(text))
    if not utf8_letters and len(runs) > _FEW_RUNS:
        return None
    lines = _line_starts(text)
    repaired: dict[int, list[str]] = {}
    for run in runs:
        raw = run.group().encode("utf-8", "surrogateescape")
        reading = raw.decode(_PREFERRED, errors="replace")
        line = bisect_right(lines, run.start())
        repaired.setdefault(line, []).append(f"{raw.hex(' ').upper()} as '{reading}'")
    _report_repairs(repaired, reporter)
    return _NOT_UTF8.sub(lambda run: run.group().encode("utf-8", "surrogateescape")
                         .decode(_PREFERRED, errors="replace"), text)


def _line_starts(text: str) -> list[int]:
    """Where each line starts, with CRLF, CR and LF line ends as the sanitiser reads them."""
    return [0, *(match.end() for match in _LINE_END.finditer(text))]


def _report_repairs(repaired: dict[int, list[str]], reporter: Reporter) -> None:
    for line, readings in sorted(repaired.items())[:_SHOWN_LINES]:
        reporter.warn("encoding-repaired", f"bytes that are not UTF-8 read as Windows-1252: "
                      f"{'; '.join(readings)}", line)
    if len(repaired) > _SHOWN_LINES:
        reporter.warn("encoding-repaired", f"such bytes on {len(repaired)} lines in all; "
                      f"only the first {_SHOWN_LINES} are listed")


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
    from charset_normalizer import from_bytes  # only files that are not UTF-8 need it

    matches = list(from_bytes(data))
    if not matches:
        raise InputError("not text in any known encoding", source=source)
    least = min(match.chaos for match in matches)
    best = [match for match in matches if match.chaos == least]
    chosen = next((m for m in best if m.encoding == _PREFERRED), best[0])
    reporter.warn("encoding-guessed", f"not UTF-8; read as {chosen.encoding} (detected) and "
                  "converted to UTF-8: check accented letters", 1)
    return str(chosen)
