"""Where a source text was taken from: a URL pattern the user gives, filled in
with each source file's name (``https://archive.example/{stem}.htm``)."""

from __future__ import annotations

from pathlib import PurePath
from string import Formatter
from urllib.parse import quote, urlsplit

_FIELDS = frozenset({"stem", "name"})
"""What a pattern may name: the file's name without and with its extension."""


def pattern_problem(pattern: str) -> str | None:
    """Why ``pattern`` is no usable source URL pattern, or None when it is."""
    try:
        fields = {field for _, field, _, _ in Formatter().parse(pattern) if field is not None}
    except ValueError:
        return "a brace is not closed; write {stem} or {name}, and {{ for a brace"
    unknown = sorted(fields - _FIELDS)
    if unknown:
        return f"'{{{unknown[0]}}}' is no field; a pattern may use {{stem}} and {{name}}"
    parts = urlsplit(pattern.replace("{", "").replace("}", ""))
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return "it must be an http:// or https:// address"
    return None


def source_url(pattern: str, source: str) -> str:
    """The URL of ``source`` (a file name) by ``pattern``, which
    :func:`pattern_problem` accepts."""
    path = PurePath(source)
    return pattern.format(stem=quote(path.stem), name=quote(path.name))
