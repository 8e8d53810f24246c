"""The schemas shipped in the package's ``schema/`` folder, loaded once, and
the canonical JSON written only after it fits one of them."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema

from tei_convert.errors import ValidationError


def schema_file(name: str) -> Path:
    """Where a shipped schema is installed."""
    return Path(str(resources.files("tei_convert") / "schema" / name))


@cache
def json_schema(name: str) -> dict[str, Any]:
    """A shipped JSON Schema, parsed (once per process)."""
    schema: dict[str, Any] = json.loads(schema_file(name).read_text("utf-8"))
    return schema


def checked_json(data: dict[str, Any], *, schema: str, what: str) -> bytes:
    """Canonical JSON of ``data``: sorted keys, two-space indent, UTF-8, final newline.

    Args:
        schema: the name of the shipped JSON Schema ``data`` must fit.
        what: how an error names the data ("the manifest").

    Raises:
        ValidationError: when ``data`` does not fit ``schema`` (a bug in the
            tool, never the user's input).
    """
    try:
        jsonschema.validate(data, json_schema(schema))
    except jsonschema.ValidationError as error:
        raise ValidationError(f"{what} does not fit its schema ({error.message}); "
                              "please report this") from None
    return (json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n").encode()
