"""Atomic writes: a temporary file in the same folder, then a rename."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from tei_convert.errors import OutputError

TEMPORARY_SUFFIX = ".tmp"
# ".NAME.xml.XXXXXXXX.tmp" or ".manifest.json.XXXXXXXX.tmp", as mkstemp names them.
_OURS = re.compile(r"\..+\.(?:xml|json)\.[A-Za-z0-9_]{8}\.tmp")


def remove_leftovers(folder: Path) -> None:
    """Delete temporary files an interrupted run of ours left in ``folder``
    (``.NAME.XXXX.tmp``, as :func:`write_atomic` names them); nothing else."""
    if not folder.is_dir():
        return
    for path in folder.glob(f".*{TEMPORARY_SUFFIX}"):
        if _OURS.fullmatch(path.name) and path.is_file():
            path.unlink(missing_ok=True)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers never see a partial file.

    Raises:
        OutputError: when the folder cannot be written.
    """
    with open_atomic(path) as stream:
        stream.write(data)


@contextmanager
def open_atomic(path: Path) -> Iterator[BinaryIO]:
    """A binary stream whose content replaces ``path`` only when the block ends
    without an error; otherwise nothing changes.

    Raises:
        OutputError: when the folder cannot be written.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.",
                                             suffix=TEMPORARY_SUFFIX)
    except OSError as error:
        raise OutputError(f"cannot write to {path.parent}: {error.strerror}",
                          source=str(path)) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror}", source=str(path)) from None
    finally:
        Path(temporary).unlink(missing_ok=True)
