"""Making decoded text safe to read: line ends, byte-order marks, and
characters that XML 1.0 forbids.

Runs before any reader, so readers see one kind of line end and the TEI
writer never meets a character lxml would refuse. Every change is reported.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterator, Sequence
from itertools import accumulate
from typing import overload

from tei_convert.diagnostics import Reporter

# XML 1.0 allows tab, LF, CR and everything from U+0020 except surrogates
# and U+FFFE/U+FFFF. CR is gone by the time this runs.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_MAX_REPORTED_LINES = 5


def source_lines(text: str) -> list[str]:
    """Split on line feeds only: the line numbers an editor shows.

    ``str.splitlines`` also breaks at form feeds and other separators,
    which would shift every line number after them.
    """
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


class SourceLines(Sequence[str]):
    """The lines :func:`source_lines` gives, cut from the text when asked for.

    A list of a large file's lines takes about twice the file's size; this
    keeps one offset a line.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        # Where each line starts, and where one more would: a line ends one
        # character (its line feed) before the next starts. Four bytes an
        # offset where they fit; summed in C, a line at a time.
        self._starts = array("I" if len(text) < 2**32 else "q", [0])
        self._starts.extend(accumulate(map((1).__add__, map(len, iter_source_lines(text)))))
        self._count = len(self._starts) - 1

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._count))]
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError("line index out of range")
        return self._text[self._starts[index]:self._starts[index + 1] - 1]


_CHUNK = 1 << 16
"""Characters split at a time by :func:`iter_source_lines`."""


def iter_source_lines(text: str, chunk: int = _CHUNK) -> Iterator[str]:
    """The lines :func:`source_lines` gives, one at a time: the text is split
    ``chunk`` characters at a time (to the next line end), so that a large
    file's lines are never all listed and the splitting is done in C."""
    start, size = 0, len(text)
    while start < size:
        # The chunk ends at a line feed; the last may end at the text's end.
        end = text.find("\n", min(start + chunk, size - 1))
        end = size if end < 0 else end
        yield from text[start:end].split("\n")
        start = end + 1


def xml_safe(text: str) -> str:
    """``text`` with every character XML 1.0 forbids replaced by U+FFFD, for
    text the tool did not read as a document (file names, messages); a lone
    surrogate there stands for a byte of a file name that is not UTF-8."""
    return _FORBIDDEN.sub("\ufffd", text)


def sanitize(text: str, reporter: Reporter) -> str:
    """Normalise line ends, drop a byte-order mark, replace forbidden characters."""
    if text.startswith("\ufeff"):
        text = text[1:]
        reporter.warn("bom-removed", "removed a byte-order mark at the start of the file", 1)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _FORBIDDEN.search(text) is None:
        return text
    _report_forbidden(text, reporter)
    # A space, not nothing: a control character often stands between words.
    return _FORBIDDEN.sub(" ", text)


def _report_forbidden(text: str, reporter: Reporter) -> None:
    lines = [(n, len(_FORBIDDEN.findall(line))) for n, line in enumerate(source_lines(text), 1)]
    affected = [(n, count) for n, count in lines if count]
    total = sum(count for _, count in affected)
    for number, count in affected[:_MAX_REPORTED_LINES]:
        reporter.warn("character-replaced",
                      f"replaced {count} character(s) that XML does not allow with spaces", number)
    if len(affected) > _MAX_REPORTED_LINES:
        reporter.warn("character-replaced",
                      f"{total} such characters in all, on {len(affected)} lines")
