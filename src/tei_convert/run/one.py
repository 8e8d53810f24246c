"""One input to one TEI file, as pandoc does it: a file or standard input in,
a named file or standard output out, and no manifest."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from tei_convert.checks.validate import made_by_tei_convert
from tei_convert.errors import OutputError, TeiConvertError
from tei_convert.input.files import DEFAULT_MAX_BYTES, read_limited, read_stream
from tei_convert.pipeline import Options, Result, convert_bytes
from tei_convert.run.output import write_atomic
from tei_convert.run.plan import manifest_name

STDIN = Path("-")
STDIN_NAME = "stdin"
"""How diagnostics and the document id name standard input."""


def convert_one(source: Path, *, reader: str | None = None, options: Options | None = None,
                target: Path | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Result:
    """Convert ``source`` (``-``: standard input), which must give one document,
    and write it to ``target`` when one is given.

    ``target`` is replaced only when it is a TEI file tei-convert wrote (its
    header says so); it is never a source.

    Raises:
        TeiConvertError: the input cannot be converted or gives several
            documents (a volume: convert it into a folder).
        OutputError: ``target`` is the source, is a file the tool did not
            write, or cannot be written.
    """
    name = STDIN_NAME if source == STDIN else manifest_name(source)
    data = (read_stream(sys.stdin.buffer, limit=max_bytes, source=name) if source == STDIN
            else read_limited(source, limit=max_bytes, source=name))
    result = convert_bytes(data, path=Path(name) if source == STDIN else source, name=name,
                           reader=reader, options=options)
    if len(result.documents) != 1:
        raise TeiConvertError(f"gives {len(result.documents)} documents; convert it into a "
                              "folder: -o DIR", source=name)
    if target is not None:
        _check_replaceable(target, source)
        write_atomic(target, result.documents[0].xml)
    return result


def _check_replaceable(target: Path, source: Path) -> None:
    if source != STDIN and os.path.lexists(target) and target.resolve() == source.resolve():
        raise OutputError("is the source; refusing to write over it", source=str(target))
    if os.path.lexists(target) and (target.is_symlink() or
                                    not made_by_tei_convert(target, "TEI")):
        raise OutputError("exists and is not a TEI file tei-convert wrote; refusing to "
                          "replace it", source=str(target))
