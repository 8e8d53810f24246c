"""The stable forms of data that the tool compares and writes: the SHA-256 of
bytes, and canonical JSON (sorted keys, two-space indent, characters as they
are), so the same data always gives the same bytes."""

from __future__ import annotations

import codecs
import hashlib
import json
from typing import Any, BinaryIO

_CANONICAL: dict[str, Any] = {"sort_keys": True, "indent": 2, "ensure_ascii": False}


def sha256(data: bytes) -> str:
    """Hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def canonical_json(data: object) -> str:
    """Sorted keys, two-space indent, characters as they are: the form we write."""
    return json.dumps(data, **_CANONICAL)


def write_canonical_json(stream: BinaryIO, data: object) -> None:
    """Write :func:`canonical_json` of ``data`` and a newline, as UTF-8, a piece at a time."""
    text = codecs.getwriter("utf-8")(stream)
    json.dump(data, text, **_CANONICAL)
    text.write("\n")
