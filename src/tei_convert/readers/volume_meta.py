"""Volume-level metadata the user supplies: a sidecar JSON file or an explicit file.

A text extracted from a collected-works volume (a PDF of "Works, Volume 4") usually has
no author line, so the user states the author, edition, publisher and year once for the
whole volume: in ``<stem>.meta.json`` next to the text file, or in a file named on the
command line. The file is checked against ``schema/volume.schema.json``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from tei_convert.checks.schemas import json_schema
from tei_convert.errors import InputError
from tei_convert.input.files import read_file

SCHEMA_NAME = "volume.schema.json"
SIDECAR_SUFFIX = ".meta.json"

Json = dict[str, Any]

# What a value must look like, for error messages; the schema stays the authority on
# whether it does. Keys not listed here are plain text fields.
_EXPECTED = {
    "year": "a year from 1000 to 2999, as an integer or a four-digit string such as 1954",
    "language": 'a BCP 47 language tag such as "en" or "en-GB"',
}
_TEXT = "one line of text, not empty, with no control characters"
_SHOWN_MAX = 40


@dataclass(frozen=True)
class VolumeMeta:
    """Metadata shared by every document in one volume."""

    author: str
    """Author of the documents in the volume, e.g. "J. V. Stalin"."""
    title: str | None = None
    """Title of the collected edition, e.g. "Works"."""
    volume: str | None = None
    """Volume number or label within the edition, e.g. "4"."""
    editor: str | None = None
    """Editor or editorial body, if named."""
    publisher: str | None = None
    """Publisher, e.g. "Foreign Languages Publishing House"."""
    place: str | None = None
    """Place of publication, e.g. "Moscow"."""
    year: str | None = None
    """Year of publication as four digits, e.g. "1954" (an integer in the file is accepted)."""
    period: str | None = None
    """Span the writings cover, in words, e.g. "November 1917 - December 1920"."""
    language: str | None = None
    """BCP 47 language tag of the text, e.g. "en"."""
    first_page: int | None = None
    """The printed number of the file's first page, to number the page breaks."""


def volume_schema() -> Json:
    """Our JSON Schema for volume metadata files."""
    return json_schema(SCHEMA_NAME)


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    return Draft202012Validator(volume_schema())


def sidecar_path(text_path: Path) -> Path:
    """The sidecar metadata file of a text file: ``seeds/004.txt`` -> ``seeds/004.meta.json``."""
    return text_path.with_name(text_path.stem + SIDECAR_SUFFIX)


def find_volume_meta(text_path: Path, explicit: Path | None = None) -> VolumeMeta | None:
    """The volume metadata that applies to ``text_path``, if any.

    An explicitly named file wins; otherwise the sidecar next to the text is used if it
    exists; otherwise there is none.

    Raises:
        InputError: when the chosen file cannot be read or is not valid metadata
            (an explicit file that does not exist is an error, a missing sidecar is not).
    """
    path = volume_meta_file(text_path, explicit)
    return None if path is None else load_volume_meta(path)


def volume_meta_file(text_path: Path, explicit: Path | None = None) -> Path | None:
    """The metadata file that applies to ``text_path``: the explicit one, else the
    sidecar when it exists."""
    if explicit is not None:
        return explicit
    sidecar = sidecar_path(text_path)
    try:
        return sidecar if sidecar.exists() else None
    except OSError:  # a text name too long to take ".meta.json" has no sidecar
        return None


def load_volume_meta(path: Path, raw: bytes | None = None) -> VolumeMeta:
    """Read, check and return the volume metadata in ``path``.

    Args:
        raw: the file's bytes, when the caller has read them already.

    Raises:
        InputError: the file cannot be read, is not UTF-8 JSON, or does not fit
            ``volume.schema.json``; the message names each offending key.
    """
    data = _read_json(path, read_volume_meta_bytes(path) if raw is None else raw)
    try:
        problems = _problems(data)
    except RecursionError:  # parsed, but too deep to check or to show
        raise InputError("volume metadata is nested too deeply to be metadata (it is a JSON "
                         "object of text values)", source=str(path)) from None
    if problems or not isinstance(data, dict):
        raise InputError("volume metadata: " + "; ".join(problems), source=str(path))
    return _build(data)


def read_volume_meta_bytes(path: Path) -> bytes:
    """The bytes of a metadata file.

    Raises:
        InputError: the file cannot be read.
    """
    try:
        return read_file(path)
    except OSError as exc:
        raise InputError(f"cannot read volume metadata: {exc.strerror or exc}",
                         source=str(path)) from exc


def _read_json(path: Path, raw: bytes) -> object:
    source = str(path)
    try:
        # utf-8-sig: editors on Windows often save JSON with a byte order mark.
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise InputError("volume metadata is not UTF-8 text; save the file as UTF-8",
                         source=source, line=line) from exc
    try:
        return json.loads(text)
    except RecursionError:
        raise InputError("volume metadata is nested too deeply to be metadata (it is a JSON "
                         "object of text values)", source=source) from None
    except json.JSONDecodeError as exc:
        raise InputError(f"volume metadata is not valid JSON: {exc.msg} (column {exc.colno})",
                         source=source, line=exc.lineno) from exc


def _problems(data: object) -> list[str]:
    """Everything wrong with ``data``, one phrase per problem, in a stable order."""
    if not isinstance(data, dict):
        return [f"the file must hold a JSON object such as {{\"author\": \"...\"}}, "
                f"not {_shown(data)}"]
    schema = volume_schema()
    allowed = schema["properties"]
    problems: list[str] = []
    bad_keys: set[str] = set()
    for error in _validator().iter_errors(data):
        if error.path:
            bad_keys.add(str(error.path[0]))
        elif error.validator == "required":
            problems += [f"{key!r} is required" for key in schema["required"] if key not in data]
        elif error.validator == "additionalProperties":
            unknown = sorted(set(data) - set(allowed))
            noun = "key" if len(unknown) == 1 else "keys"
            problems.append(f"unknown {noun} {', '.join(map(repr, unknown))}; "
                            f"allowed keys: {', '.join(allowed)}")
        else:  # a schema rule this module does not know how to explain
            problems.append(error.message)
    problems += [f"{key!r} must be {_EXPECTED.get(key, _TEXT)} (got {_shown(data[key])})"
                 for key in sorted(bad_keys)]
    return problems


def _shown(value: object) -> str:
    """A JSON value as the user wrote it, cut short if long."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= _SHOWN_MAX else text[:_SHOWN_MAX - 1] + "…"


def _build(data: Json) -> VolumeMeta:
    """A VolumeMeta from schema-valid data: text stripped, year as four digits."""
    # Strip because Python's "$" (unlike JSON Schema's) lets a final newline through.
    text = {key: value.strip() for key, value in data.items() if isinstance(value, str)}
    return VolumeMeta(
        author=text["author"],
        title=text.get("title"),
        volume=text.get("volume"),
        editor=text.get("editor"),
        publisher=text.get("publisher"),
        place=text.get("place"),
        year=text.get("year", _year(data.get("year"))),
        period=text.get("period"),
        language=text.get("language"),
        # JSON Schema counts 201.0 as the integer 201; the page is a whole number.
        first_page=None if data.get("first-page") is None else int(data["first-page"]),
    )


def _year(value: object) -> str | None:
    """A numeric year as four digits; JSON Schema counts 1954.0 as the integer 1954."""
    return str(int(value)) if isinstance(value, (int, float)) else None
