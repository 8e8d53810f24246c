"""The stable forms of data that the tool compares and writes: the SHA-256 of
bytes, and canonical JSON (sorted keys, two-space indent, characters as they
are), so the same data always gives the same bytes."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import orjson

_CANONICAL: dict[str, Any] = {"sort_keys": True, "indent": 2, "ensure_ascii": False}
# orjson writes the same bytes as json with _CANONICAL (keys in code point
# order, which is UTF-8 byte order; the same escapes), several times faster.
_ORJSON_CANONICAL = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS
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


def canonical_nested(data: object, depth: int) -> bytes:
    """:func:`canonical_bytes` of ``data`` (without the newline) as it reads
    ``depth`` levels deep in a larger canonical document: every line after the
    first indented by that many levels. Lets a long list be written an item at
    a time, with the bytes the whole would have."""
    try:
        text = orjson.dumps(data, option=_ORJSON_CANONICAL)
    except TypeError:  # a lone surrogate, or an integer beyond 64 bits
        text = json.dumps(data, **_CANONICAL).encode("utf-8", _LONE_SURROGATES)
    # Line breaks inside strings are escaped, so each one here is layout.
    return text.replace(b"\n", b"\n" + b"  " * depth) if depth else text
