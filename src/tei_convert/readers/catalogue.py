"""An archive's catalogue: a CSV or TSV table of many files' metadata, one row per file.

The first row names the columns: ``file`` (or ``path``), the path of the file
a row describes relative to the table's folder, and any of the metadata keys
(``author``, ``title``, ``date``... see ``schema/metadata.schema.json``),
matched ignoring case, with ``_`` or a space for ``-``. A ``.tsv`` or
``.tab`` table is split at tabs, any other at commas (quoted as spreadsheets
write CSV). Empty cells state nothing; ``year`` and ``first-page`` cells of
digits are numbers. Each row is then checked against the same schema as a
metadata file.

A table that cannot be read as a whole (not UTF-8, not CSV, an unknown or
repeated column, no file column, a row naming a file that does not exist or
one that another row names) stops the run; a row whose values break the
schema stops only the file it names.
"""

from __future__ import annotations

import csv
import difflib
import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from tei_convert.canonical import sha256
from tei_convert.errors import InputError
from tei_convert.input.files import read_file
from tei_convert.model import METADATA_KEYS, Metadata
from tei_convert.readers.metadata import INTEGER_KEYS, checked_metadata

FILE_COLUMNS = ("file", "path")
"""The column that names a row's file (the two spellings archives use)."""
TAB_SUFFIXES = (".tsv", ".tab")


@dataclass(frozen=True)
class Row:
    """One row of a catalogue: its metadata, or why its values are not metadata."""

    line: int
    """The line of the table the row starts on (the column names are line 1)."""
    metadata: Metadata | None
    problem: InputError | None = None
    """A row whose values break the schema stops only the file it names."""


@dataclass(frozen=True)
class Catalogue:
    """A catalogue table, read and checked, its rows by the file each names."""

    path: Path
    name: str
    """How the manifest and the provenance of values name the table."""
    sha256: str
    rows: Mapping[Path, Row]
    """By the resolved path of the file each row names."""

    def row(self, text_path: Path) -> Row | None:
        """The row that names ``text_path``, if any."""
        return self.rows.get(_key(text_path))

    def metadata_for(self, text_path: Path) -> Metadata | None:
        """The metadata of the row that names ``text_path``, if any.

        Raises:
            InputError: the row's values break the schema (file and line named).
        """
        row = self.row(text_path)
        if row is None:
            return None
        if row.problem is not None:
            raise row.problem
        return row.metadata


def load_catalogue(path: Path, *, name: str | None = None) -> Catalogue:
    """Read and check a catalogue table.

    Args:
        name: how the manifest names the table (default: the path as given).

    Raises:
        InputError: the table cannot be read, is not UTF-8 CSV or TSV, has an
            unknown, repeated or nameless column or no file column, or a row
            names no file, a file that does not exist or one another row names;
            the message gives the line.
    """
    try:
        raw = read_file(path)
    except OSError as exc:
        raise InputError(f"cannot read the catalogue: {exc.strerror or exc}",
                         source=str(path)) from exc
    name = name or path.as_posix()
    records = _records(path, raw)
    first = next(records, None)
    if first is None:
        raise InputError("the catalogue is empty; its first row names the columns, one of "
                         "them file", source=str(path))
    columns = _columns(first[1], str(path), first[0])
    rows: dict[Path, Row] = {}
    for line, cells in records:
        target, row = _row(path, name, columns, line, cells)
        if target in rows:
            raise InputError(f"this row names the file '{cells[columns.index('file')].strip()}'"
                             f", as line {rows[target].line} does; give one row per file",
                             source=str(path), line=line)
        rows[target] = row
    return Catalogue(path, name, sha256(raw), rows)


def _records(path: Path, raw: bytes) -> Iterator[tuple[int, list[str]]]:
    """(first line, cells) of every row that is not blank."""
    try:
        # utf-8-sig: spreadsheets save CSV as UTF-8 with a byte order mark.
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise InputError("the catalogue is not UTF-8 text; save it as UTF-8 (in a "
                         "spreadsheet: CSV UTF-8)", source=str(path), line=line) from exc
    tabs = path.suffix.lower() in TAB_SUFFIXES
    kind, delimiter = ("TSV", "\t") if tabs else ("CSV", ",")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    start = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InputError(f"the catalogue is not valid {kind}: {exc}", source=str(path),
                             line=reader.line_num) from None
        if any(cell.strip() for cell in cells):
            yield start, cells
        start = reader.line_num + 1


def _columns(names: list[str], source: str, line: int) -> list[str]:
    """The metadata key of each column, ``file`` for the file column.

    Raises:
        InputError: a column has no name or an unknown one, or is repeated, or no
            column names the files.
    """
    columns = [name.strip().casefold().replace("_", "-").replace(" ", "-") for name in names]
    columns = ["file" if column in FILE_COLUMNS else column for column in columns]
    if "" in columns:
        raise InputError(f"column {columns.index('') + 1} of the first row has no name; the "
                         "first row names the columns", source=source, line=line)
    unknown = [names[i].strip() for i, column in enumerate(columns)
               if column != "file" and column not in METADATA_KEYS]
    if unknown:
        plural = "column" if len(unknown) == 1 else "columns"
        close = difflib.get_close_matches(unknown[0].casefold(), ["file", *METADATA_KEYS], n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise InputError(f"unknown {plural} {', '.join(map(repr, unknown))}{hint}; known "
                         f"columns: file (or path), {', '.join(METADATA_KEYS)}", source=source,
                         line=line)
    repeated = sorted({c for c in columns if columns.count(c) > 1})
    if repeated:
        raise InputError(f"the column {repeated[0]!r} is named twice (file and path are one "
                         "column)", source=source, line=line)
    if "file" not in columns:
        raise InputError("no file column: the first row must name the columns, one of them "
                         "file (or path), the file each row describes", source=source, line=line)
    return columns


def _row(path: Path, name: str, columns: list[str], line: int, cells: list[str]
         ) -> tuple[Path, Row]:
    """The file a row names (resolved) and its metadata, or the problem with it.

    Raises:
        InputError: the row has more cells than there are columns, names no file
            or a file that does not exist.
    """
    source = str(path)
    if len(cells) > len(columns):
        raise InputError(f"this row has {len(cells)} cells, but the first row names "
                         f"{len(columns)} columns", source=source, line=line)
    values = dict(zip(columns, (cell.strip() for cell in cells), strict=False))
    named = values.pop("file", "")
    if not named:
        raise InputError("this row names no file (its file column is empty)", source=source,
                         line=line)
    target = path.parent / named
    if not target.is_file():
        raise InputError(f"this row names '{named}', which is no file (paths are relative to "
                         "the catalogue's folder)", source=source, line=line)
    typed = {key: int(value) if key in INTEGER_KEYS and value.isascii() and value.isdigit()
             else value for key, value in values.items() if value}
    try:
        row = Row(line, checked_metadata(typed, origin=f"metadata: {name} line {line}",
                                         source=source, line=line))
    except InputError as problem:
        row = Row(line, None, problem)
    return _key(target), row


def _key(path: Path) -> Path:
    """The same key for every spelling of one file's path."""
    return path.resolve()
