"""The user's metadata of a source file: a sidecar JSON file, a file named on the
command line, or a row of a catalogue table (:mod:`catalogue`).

Any text may come with what the user knows of it (author, title, date,
language, source, licence, publisher, editor; for a letter sender, addressee
and place); a collected-works volume, which has no author line, with its
edition as well. The user states it once, in ``<stem>.meta.json`` next to the
text file, in a file named with ``--meta``, or in a row of an archive's
catalogue; it is checked against ``schema/metadata.schema.json`` and wins over
what the reader infers (:mod:`tei_convert.transforms.metadata`).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tei_convert.checks.schemas import json_schema
from tei_convert.errors import InputError
from tei_convert.input.files import read_file
from tei_convert.model import METADATA_KEYS, Metadata

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

SCHEMA_NAME = "metadata.schema.json"
SIDECAR_SUFFIX = ".meta.json"
INTEGER_KEYS = ("year", "first-page")
"""Keys whose value may be a number: a catalogue's cells of digits become integers."""

Json = dict[str, Any]

# What a value must look like, for error messages; the schema stays the authority on
# whether it does. Keys not listed here are plain text fields.
_EXPECTED = {
    "year": "a year from 1000 to 2999, as an integer or a four-digit string such as 1954",
    "language": 'a BCP 47 language tag such as "en" or "en-GB"',
    "first-page": "a whole number, 0 or more, such as 201",
}
_TEXT = "one line of text, not empty, with no control characters"
_SHOWN_MAX = 40
_TOO_DEEP = "metadata is nested too deeply to be metadata (it is a JSON object of text values)"


def metadata_schema() -> Json:
    """Our JSON Schema for metadata files and catalogue rows."""
    return json_schema(SCHEMA_NAME)


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    from jsonschema import Draft202012Validator  # slow to load; only metadata files need it

    # The schema's two parts flattened into one object of properties: the same
    # rules, checked several times faster (unevaluatedProperties over allOf walks
    # every part again for every key, and a catalogue has thousands of rows).
    # So are the references to the kinds of value, resolved once here.
    parts = metadata_schema()["$defs"]
    properties = {key: _resolved(rule, parts) for part in ("document", "volume")
                  for key, rule in parts[part]["properties"].items()}
    return Draft202012Validator({"type": "object", "properties": properties,
                                 "additionalProperties": False})


def _resolved(rule: Json, parts: Json) -> Json:
    """A property's rule with its reference to a kind of value (``$defs/text``) put in."""
    reference = rule.get("$ref", "")
    if not reference.startswith("#/$defs/"):
        return rule
    own = {key: value for key, value in rule.items() if key != "$ref"}
    return {**parts[reference.removeprefix("#/$defs/")], **own}


def sidecar_path(text_path: Path) -> Path:
    """The sidecar metadata file of a text file: ``seeds/004.txt`` -> ``seeds/004.meta.json``."""
    return text_path.with_name(text_path.stem + SIDECAR_SUFFIX)


def metadata_file(text_path: Path, explicit: Path | None = None) -> Path | None:
    """The metadata file that applies to ``text_path``: the explicit one, else the
    sidecar when it exists."""
    if explicit is not None:
        return explicit
    sidecar = sidecar_path(text_path)
    try:
        return sidecar if sidecar.exists() else None
    except OSError:  # a text name too long to take ".meta.json" has no sidecar
        return None


def find_metadata(text_path: Path, explicit: Path | None = None) -> Metadata | None:
    """The metadata file's metadata that applies to ``text_path``, if any.

    An explicitly named file wins; otherwise the sidecar next to the text is used if it
    exists; otherwise there is none.

    Raises:
        InputError: when the chosen file cannot be read or is not valid metadata
            (an explicit file that does not exist is an error, a missing sidecar is not).
    """
    path = metadata_file(text_path, explicit)
    return None if path is None else load_metadata(path)


def load_metadata(path: Path, raw: bytes | None = None, *, name: str | None = None) -> Metadata:
    """Read, check and return the metadata in the JSON file ``path``.

    Args:
        raw: the file's bytes, when the caller has read them already.
        name: how provenance names the file (default: the path as given).

    Raises:
        InputError: the file cannot be read, is not UTF-8 JSON, or does not fit
            ``metadata.schema.json``; the message names each offending key.
    """
    data = _read_json(path, read_metadata_bytes(path) if raw is None else raw)
    return checked_metadata(data, origin=f"metadata: {name or path.as_posix()}",
                            source=str(path))


def checked_metadata(data: object, *, origin: str, source: str,
                     line: int | None = None) -> Metadata:
    """Metadata from ``data`` (a parsed file, or a typed catalogue row) once it
    fits the schema, each field's origin recorded.

    Raises:
        InputError: it does not fit; the message names each offending key.
    """
    try:
        problems = metadata_problems(data)
    except RecursionError:  # parsed, but too deep to check or to show
        raise InputError(_TOO_DEEP, source=source, line=line) from None
    if problems or not isinstance(data, dict):
        raise InputError("metadata: " + "; ".join(problems), source=source, line=line)
    return _build(data, origin)


def read_metadata_bytes(path: Path) -> bytes:
    """The bytes of a metadata file.

    Raises:
        InputError: the file cannot be read.
    """
    try:
        return read_file(path)
    except OSError as exc:
        raise InputError(f"cannot read metadata: {exc.strerror or exc}",
                         source=str(path)) from exc


def merged(base: Metadata | None, over: Metadata | None) -> Metadata | None:
    """``base`` with every field ``over`` states replaced (a sidecar over a
    catalogue row); each field keeps the origin of the value it holds."""
    if base is None or over is None:
        return over or base
    stated = {**base.stated(), **over.stated()}
    origins = {**dict(base.origins), **dict(over.origins)}
    return _build(stated, "metadata", origins)


def _read_json(path: Path, raw: bytes) -> object:
    source = str(path)
    try:
        # utf-8-sig: editors on Windows often save JSON with a byte order mark.
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise InputError("metadata is not UTF-8 text; save the file as UTF-8",
                         source=source, line=line) from exc
    try:
        return json.loads(text)
    except RecursionError:
        raise InputError(_TOO_DEEP, source=source) from None
    except json.JSONDecodeError as exc:
        raise InputError(f"metadata is not valid JSON: {exc.msg} (column {exc.colno})",
                         source=source, line=exc.lineno) from exc


def metadata_problems(data: object) -> list[str]:
    """Everything wrong with ``data``, one phrase per problem, in a stable order."""
    if not isinstance(data, dict):
        return [f"the file must hold a JSON object such as {{\"author\": \"...\"}}, "
                f"not {_shown(data)}"]
    problems: list[str] = []
    bad_keys: set[str] = set()
    for error in _validator().iter_errors(data):
        if error.path:
            bad_keys.add(str(error.path[0]))
        elif error.validator == "additionalProperties":
            problems.append(unknown_keys(sorted(set(data) - set(METADATA_KEYS)), "key"))
        else:  # a schema rule this module does not know how to explain
            problems.append(error.message)
    problems += [f"{key!r} must be {_EXPECTED.get(key, _TEXT)} (got {_shown(data[key])})"
                 for key in sorted(bad_keys)]
    return problems


def unknown_keys(unknown: list[str], noun: str) -> str:
    """"unknown key 'autor'; allowed keys: author, ..." (``noun``: key or column)."""
    plural = noun if len(unknown) == 1 else noun + "s"
    return (f"unknown {plural} {', '.join(map(repr, unknown))}; "
            f"allowed {noun}s: {', '.join(METADATA_KEYS)}")


def _shown(value: object) -> str:
    """A JSON value as the user wrote it, cut short if long."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= _SHOWN_MAX else text[:_SHOWN_MAX - 1] + "…"


def _build(data: Json, origin: str, origins: dict[str, str] | None = None) -> Metadata:
    """Metadata from schema-valid data: text stripped, year as four digits."""
    # Strip because Python's "$" (unlike JSON Schema's) lets a final newline through.
    text = {key: value.strip() for key, value in data.items() if isinstance(value, str)}
    page = data.get("first-page")
    return Metadata(
        **{key: text.get(key) for key in METADATA_KEYS if key not in INTEGER_KEYS},
        year=text.get("year", _year(data.get("year"))),
        # JSON Schema counts 201.0 as the integer 201; the page is a whole number.
        first_page=None if page is None else int(page),
        origins=tuple((key, (origins or {}).get(key, origin)) for key in METADATA_KEYS
                      if key in data),
    )


def _year(value: object) -> str | None:
    """A numeric year as four digits; JSON Schema counts 1954.0 as the integer 1954."""
    return str(int(value)) if isinstance(value, (int, float)) else None
