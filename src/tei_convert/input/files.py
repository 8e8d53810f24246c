"""Reading a file's bytes safely: only regular files, and only up to a limit,
so that a device, a pipe or a runaway file gives a clear error, not a hang or
an exhausted memory."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import BinaryIO

from tei_convert.errors import InputError

DEFAULT_MAX_BYTES = 256 * 1024 * 1024
"""The largest input read by default (``--max-size``): five times the largest
volume measured in ``benchmarks/``."""
_SIZE = re.compile(r"(\d+)\s*([kmg]?)i?b?", re.IGNORECASE)
_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def read_limited(path: Path, *, limit: int = DEFAULT_MAX_BYTES, source: str | None = None
                 ) -> bytes:
    """The bytes of ``path``, a regular file (or a link to one) of at most ``limit`` bytes.

    Raises:
        InputError: it is missing, not a regular file (a folder, a device, a
            pipe, a socket), larger than ``limit``, or cannot be read.
    """
    name = source or str(path)
    try:
        return read_file(path, limit=limit)
    except FileNotFoundError:
        raise InputError("no such file or folder", source=name) from None
    except IsADirectoryError:
        raise InputError("a folder, not a file", source=name) from None
    except (TooLargeError, NotAFileError) as error:
        raise InputError(error.strerror or _too_large(limit), source=name) from None
    except OSError as error:
        raise InputError(f"cannot read file: {error.strerror}", source=name) from None


class TooLargeError(OSError):
    """A file holds more than the size limit."""


class NotAFileError(OSError):
    """A path names a device, a pipe or a socket: nothing to read as a file."""


def read_file(path: Path, *, limit: int = DEFAULT_MAX_BYTES) -> bytes:
    """:func:`read_limited` for callers that handle :class:`OSError`: a file that
    is not regular, or is too large, raises one too (without reading it)."""
    with open_regular(path) as stream:
        # A buffer of the file's size, not of the limit (read(n) sets n bytes
        # aside first); one byte more shows a file that grew since its stat.
        size = min(os.fstat(stream.fileno()).st_size, limit)
        data = stream.read(size + 1)
        if len(data) > size:
            data += stream.read(limit + 1 - len(data))
    if len(data) > limit:
        raise TooLargeError(27, _too_large(limit), str(path))
    return data


def open_regular(path: Path) -> BinaryIO:
    """``path`` opened for reading, for a caller that reads it a part at a time
    (and so needs no size limit).

    Raises:
        OSError: it is missing, a folder (:class:`IsADirectoryError`), or not a
            regular file (:class:`NotAFileError`, without opening it).
    """
    mode = os.stat(path).st_mode
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(21, "Is a directory", str(path))
    if not stat.S_ISREG(mode):
        raise NotAFileError(22, f"not a regular file ({_kind(mode)}); not read", str(path))
    return path.open("rb")


def _too_large(limit: int) -> str:
    return (f"larger than {format_size(limit)}, the most --max-size lets the tool read; "
            "give a larger --max-size if this file is meant")


def read_stream(stream: BinaryIO, *, limit: int = DEFAULT_MAX_BYTES, source: str) -> bytes:
    """At most ``limit`` bytes of ``stream`` (standard input, an open file).

    Raises:
        InputError: the stream holds more.
    """
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputError(_too_large(limit), source=source)
    return data


def parse_size(text: str) -> int:
    """``200M``, ``1G``, ``500k`` or a number of bytes.

    Raises:
        ValueError: it is none of these.
    """
    match = _SIZE.fullmatch(text.strip())
    if match is None or int(match.group(1)) == 0:
        raise ValueError(f"'{text}' is not a size such as 200M, 1G or 500k")
    return int(match.group(1)) * _UNITS[match.group(2).lower()]


def format_size(size: int) -> str:
    """A size as ``parse_size`` reads it back, in the largest whole unit."""
    for unit in ("G", "M", "k"):
        factor = _UNITS[unit.lower()]
        if size % factor == 0:
            return f"{size // factor} {unit}B"
    return f"{size} bytes"


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"
