"""The schemas shipped in the package's ``schema/`` folder, loaded once, and
canonical JSON made only after the data fits one of them."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema_rs

from tei_convert.canonical import canonical_bytes
from tei_convert.errors import ValidationError

if TYPE_CHECKING:
    import jsonschema


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
    problem = schema_problem(data, schema)
    if problem is not None:
        raise ValidationError(f"{what} does not fit its schema ({problem}); please report this")
    return canonical_bytes(data)


def schema_problem(data: object, schema: str, *, part: str | None = None) -> str | None:
    """Why ``data`` does not fit the shipped JSON Schema ``schema``, or None when it fits.

    ``jsonschema`` has the last word; the compiled ``jsonschema-rs`` validator
    only lets data that fits through quickly. Checking a manifest of thousands
    of entries with ``jsonschema`` alone took most of an unchanged re-run.

    Args:
        part: check ``data`` against this definition (``$defs``) of the schema
            instead of the whole, so that a large document can be checked a
            piece at a time.
    """
    if _fast_validator(schema, part).is_valid(data):
        return None
    from jsonschema.exceptions import best_match  # slow to load; only to explain a problem

    error = best_match(_validator(schema, part).iter_errors(data))
    if error is None:
        return None
    where = "/".join(str(step) for step in error.absolute_path)
    return f"{where}: {error.message}" if where else error.message


def _schema_of(name: str, part: str | None) -> dict[str, Any]:
    schema = json_schema(name)
    if part is None:
        return schema
    return {"$schema": schema["$schema"], "$ref": f"#/$defs/{part}", "$defs": schema["$defs"]}


@cache
def _fast_validator(name: str, part: str | None) -> jsonschema_rs.Validator:
    return jsonschema_rs.validator_for(_schema_of(name, part))


@cache
def _validator(name: str, part: str | None) -> jsonschema.Draft202012Validator:
    from jsonschema import Draft202012Validator  # slow to load; only to explain a problem

    return Draft202012Validator(_schema_of(name, part))
