"""One input to one TEI file, as pandoc does it: a file or standard input in,
a named file or standard output out, and no manifest."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from tei_convert.checks.validate import made_by_tei_convert
from tei_convert.errors import InputError, OutputError, TeiConvertError
from tei_convert.input.files import DEFAULT_MAX_BYTES, read_file, read_limited, read_stream
from tei_convert.pipeline import Options, Result, convert_bytes
from tei_convert.run.output import write_atomic
from tei_convert.run.plan import manifest_name

STDIN = Path("-")
STDIN_NAME = "stdin"
"""How diagnostics and the document id name standard input."""


def convert_one(source: Path, *, reader: str | None = None, options: Options | None = None,
                target: Path | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                force: bool = False) -> Result:
    """Convert ``source`` (``-``: standard input), which must give one document,
    and write it to ``target`` when one is given.

    ``target`` is replaced only when it is a TEI file tei-convert wrote (its
    header says so) and either holds what this conversion gives or ``force``
    is set (it may have been edited by hand: there is no manifest to tell); it
    is never a source.

    Raises:
        TeiConvertError: the input cannot be converted or gives several
            documents (a volume: convert it into a folder).
        OutputError: ``target`` is the source, is a file the tool did not
            write, or cannot be written.
    """
    name = STDIN_NAME if source == STDIN else manifest_name(source)
    if source == STDIN and sys.stdin is None:
        raise InputError("standard input is closed; give a file, or pipe the text in",
                         source=name)
    data = (read_stream(sys.stdin.buffer, limit=max_bytes, source=name) if source == STDIN
            else read_limited(source, limit=max_bytes, source=name))
    result = convert_bytes(data, path=Path(name) if source == STDIN else source, name=name,
                           reader=reader, options=options)
    if len(result.documents) != 1:
        raise TeiConvertError(f"gives {len(result.documents)} documents; convert it into a "
                              "folder: -o DIR", source=name)
    if target is not None and _needs_writing(target, source, result.documents[0].xml,
                                             force=force):
        write_atomic(target, result.documents[0].xml)
    return result


def _needs_writing(target: Path, source: Path, new: bytes, *, force: bool) -> bool:
    """Whether ``target`` is to be written: it is absent, or a file of ours that
    differs and may be replaced.

    Raises:
        OutputError: it is the source, not a TEI file tei-convert wrote, or one
            that differs from ``new`` without ``force``.
    """
    if not os.path.lexists(target):
        return True
    if source != STDIN and target.resolve() == source.resolve():
        raise OutputError("is the source; refusing to write over it", source=str(target))
    try:
        present = b"" if target.is_symlink() else read_file(target)
    except OSError as error:
        raise OutputError(f"cannot read it: {error.strerror}", source=str(target)) from None
    if not present or not made_by_tei_convert(present, "TEI"):
        raise OutputError("exists and is not a TEI file tei-convert wrote; refusing to "
                          "replace it", source=str(target))
    if present == new:
        return False
    if not force:
        raise OutputError("exists and differs from what this conversion gives (edited by "
                          "hand, or its source changed); convert --force replaces it",
                          source=str(target))
    return True
