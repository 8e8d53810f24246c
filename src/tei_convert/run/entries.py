"""The manifest entries of a run, kept in a temporary file rather than in memory.

A run of a hundred thousand documents would otherwise hold every entry (a few
kilobytes each, with its diagnostics) until the manifest is written. The log
keeps one compact JSON line per entry in an anonymous temporary file, which
the system deletes when the log is closed or the process ends, and reads them
back in order when the manifest is written.
"""

from __future__ import annotations

import json
import os
import tempfile
from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import overload

import orjson

from tei_convert.run.manifest import Json

_CHUNK = 1 << 20


def compact_line(entry: Json) -> bytes:
    """One line of JSON for ``entry`` that reads back as the same data."""
    try:
        return orjson.dumps(entry) + b"\n"
    except TypeError:
        # orjson refuses a lone surrogate (from a JSON escape in a user's
        # metadata) and an integer beyond 64 bits (from a hand-edited
        # manifest). The standard library writes both; the space in front
        # (white space to JSON) tells _loaded to read the line back with it,
        # since orjson would read such an integer as a float.
        return b" " + json.dumps(entry, ensure_ascii=True).encode("ascii") + b"\n"


def _loaded(line: bytes) -> Json:
    entry: Json = json.loads(line) if line.startswith(b" ") else orjson.loads(line)
    return entry


class EntryLog(Sequence[Json]):
    """Entries in the order they were added; a sequence that reads them from disk
    each time it is walked (so walk it once where it can be long), or one
    entry by its index."""

    def __init__(self, entries: Iterable[Json] = ()) -> None:
        self._file = tempfile.TemporaryFile()  # noqa: SIM115 (open for the log's life)
        self._size = 0
        self._starts = array("Q")
        """Where each entry's line starts: 8 bytes an entry in memory."""
        self.extend(entries)

    def append(self, entry: Json) -> None:
        """Add ``entry`` after the others."""
        line = compact_line(entry)
        os.pwrite(self._file.fileno(), line, self._size)
        self._starts.append(self._size)
        self._size += len(line)

    def extend(self, entries: Iterable[Json]) -> None:
        """Add each of ``entries`` in turn."""
        for entry in entries:
            self.append(entry)

    def close(self) -> None:
        """Delete the file; the log is empty after."""
        self._file.close()
        self._size = 0
        self._starts = array("Q")

    def __len__(self) -> int:
        return len(self._starts)

    def __iter__(self) -> Iterator[Json]:
        # Positioned reads: two walks at once never move each other's place,
        # and a walk goes on to entries appended while it is under way, as a
        # list's does.
        offset, rest = 0, b""
        while offset < self._size:
            chunk = os.pread(self._file.fileno(), min(_CHUNK, self._size - offset), offset)
            offset += len(chunk)
            lines = (rest + chunk).split(b"\n")
            rest = lines.pop()
            for line in lines:
                yield _loaded(line)

    @overload
    def __getitem__(self, index: int) -> Json: ...

    @overload
    def __getitem__(self, index: slice) -> list[Json]: ...

    def __getitem__(self, index: int | slice) -> Json | list[Json]:
        if isinstance(index, slice):
            return list(self)[index]
        position = range(len(self))[index]  # negative ones, and IndexError, as a list's
        start = self._starts[position]
        end = self._starts[position + 1] if position + 1 < len(self) else self._size
        return _loaded(os.pread(self._file.fileno(), end - start, start))

    def __repr__(self) -> str:
        return f"EntryLog({len(self)} entries)"
