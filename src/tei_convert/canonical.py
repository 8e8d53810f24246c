"""The stable forms of data that the tool compares and writes: the SHA-256 of
bytes, and canonical JSON (sorted keys, two-space indent, characters as they
are), so the same data always gives the same bytes."""

from __future__ import annotations

import codecs
import hashlib
import json
from typing import Any, BinaryIO

_CANONICAL: dict[str, Any] = {"sort_keys": True, "indent": 2, "ensure_ascii": False}
_LONE_SURROGATES = "backslashreplace"
"""A lone surrogate (from a JSON escape in a user's metadata) has no UTF-8 form;
written as the JSON escape ``\\udXXX`` it reads back as the same string."""


def sha256(data: bytes) -> str:
    """Hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def canonical_json(data: object) -> str:
    """Sorted keys, two-space indent, characters as they are: the form we write."""
    return json.dumps(data, **_CANONICAL)


def canonical_bytes(data: object) -> bytes:
    """:func:`canonical_json` of ``data`` and a newline, as UTF-8."""
    return (canonical_json(data) + "\n").encode("utf-8", _LONE_SURROGATES)


def write_canonical_json(stream: BinaryIO, data: object) -> None:
    """Write :func:`canonical_bytes` of ``data``, a piece at a time."""
    text = codecs.getwriter("utf-8")(stream, _LONE_SURROGATES)
    json.dump(data, text, **_CANONICAL)
    text.write("\n")
