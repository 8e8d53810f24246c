"""Atomic writes: a temporary file (or folder) beside the target, then a rename.

A file written with ``durable=True`` is on the disk (``fsync``) before it is
renamed into place. A run writes its many documents without that and makes
them durable together with one :func:`flush_to_disk` before its manifest, which
is durable on its own: one flush per run instead of one per file.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from tei_convert.errors import OutputError

TEMPORARY_SUFFIX = ".tmp"
# ".NAME.XXXXXXXX.tmp", as mkstemp names them for NAME.
_TEMPORARY = re.compile(r"\.(.+)\.[A-Za-z0-9_]{8}\.tmp")


def remove_leftovers(folder: Path, ours: Callable[[str], bool]) -> None:
    """Delete the temporary files an interrupted run left in ``folder``: only
    ``.NAME.XXXXXXXX.tmp`` files, as :func:`write_atomic` names them, of a NAME
    the run may write (``ours(NAME)``); nothing else.

    Call it with the folder's lock held, or it may take another run's file.
    """
    if not folder.is_dir():
        return
    for path in folder.glob(f".*{TEMPORARY_SUFFIX}"):
        match = _TEMPORARY.fullmatch(path.name)
        if match is not None and ours(match.group(1)) and path.is_file() \
                and not path.is_symlink():
            path.unlink(missing_ok=True)


def check_replaceable(path: Path, what: str, ours: Callable[[Path], bool]) -> None:
    """Refuse to replace ``path`` unless it is absent or a regular file (not a link)
    that ``ours`` recognises as ``what`` this tool wrote.

    Raises:
        OutputError: it is something else; it is left as it is.
    """
    if not os.path.lexists(path):
        return
    if path.is_symlink() or not path.is_file() or not ours(path):
        raise OutputError(f"exists and is not {what} tei-convert wrote; refusing to replace it",
                          source=str(path))


def write_atomic(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Write ``data`` to ``path`` so that readers never see a partial file.

    Args:
        durable: flush the file to the disk before it takes the name; without,
            the caller owes a :func:`flush_to_disk` before it relies on the file.

    Raises:
        OutputError: when the folder cannot be written.
    """
    with open_atomic(path, durable=durable) as stream:
        stream.write(data)


def flush_to_disk() -> None:
    """Put every file written so far on the disk, in one call (``sync``): what
    the files written with ``durable=False`` were owed."""
    os.sync()


@contextmanager
def open_atomic(path: Path, *, durable: bool = True) -> Iterator[BinaryIO]:
    """A binary stream whose content replaces ``path`` only when the block ends
    without an error; otherwise nothing changes.

    Raises:
        OutputError: when the folder cannot be written.
    """
    handle, temporary = _temporary_beside(path)
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        put_staged(temporary, path)
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror}", source=str(path)) from None
    finally:
        temporary.unlink(missing_ok=True)


def stage(path: Path, data: bytes) -> Path:
    """Write ``data`` to a new temporary file beside ``path`` and return its
    name; ``path`` is not touched until :func:`put_staged` (the caller removes
    the file if it never is; a run stopped before either leaves a file
    :func:`remove_leftovers` knows). The file is not flushed to the disk.

    Raises:
        OutputError: when the folder cannot be written.
    """
    handle, temporary = _temporary_beside(path)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise OutputError(f"cannot write {path}: {error.strerror}", source=str(path)) from None
    return temporary


def put_staged(temporary: Path, path: Path) -> None:
    """Rename a file made by :func:`stage` to ``path``, readable by others.

    Raises:
        OSError: the rename failed.
    """
    os.chmod(temporary, 0o644)
    os.replace(temporary, path)


def _temporary_beside(path: Path) -> tuple[int, Path]:
    """A new, open temporary file in ``path``'s folder, named ``.NAME.XXXXXXXX.tmp``.

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
    return handle, Path(temporary)


def staging_folder(target: Path, what: str) -> Path:
    """A new folder beside ``target`` to build ``what`` in, readable by others
    (mkdtemp's are private; a deposit or a site is meant to be read).

    Raises:
        OutputError: the parent of ``target`` cannot be written.
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.",
                                        suffix=TEMPORARY_SUFFIX))
        staging.chmod(0o755)
        return staging
    except OSError as error:
        raise OutputError(f"cannot write {what}: {error.strerror}", source=str(target)) \
            from None


def put_in_place(staging: Path, target: Path) -> None:
    """Swap the finished folder in; an old one is moved aside first and then removed.

    Raises:
        OSError: the rename failed (the caller says what it was writing).
    """
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".old"))
        os.replace(target, old / "previous")
    os.replace(staging, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
