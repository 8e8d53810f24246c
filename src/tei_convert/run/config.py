"""The user's configuration: ``tei-convert.toml`` or ``[tool.tei-convert]`` in
``pyproject.toml``, checked against ``schema/config.schema.json``.

An edition's repository states once where its sources are, where the TEI goes,
who publishes it and what goes into a deposit; command-line options override it.
"""

from __future__ import annotations

import difflib
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tei_convert.checks.schemas import json_schema
from tei_convert.errors import ConfigError, TeiConvertError
from tei_convert.readers import READERS
from tei_convert.values.urls import pattern_problem

if TYPE_CHECKING:
    from jsonschema import ValidationError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

SCHEMA_NAME = "config.schema.json"
CONFIG_NAME = "tei-convert.toml"
PYPROJECT_NAME = "pyproject.toml"
_TOOL_TABLE = "tei-convert"
# What each kind of value in the schema is, for error messages.
_DEF_WORDS = {
    "text": "one line of text (not blank, no control characters)",
    "email": "an e-mail address such as editor@example.org",
    "path": "a path (no control characters)",
}


@dataclass(frozen=True)
class Config:
    """Settings from a configuration file; ``None`` where the file is silent.

    Paths are resolved against the file's folder and given relative to the
    working folder, as if typed there: the manifest names sources that way, so
    ``bag --include-sources`` must run in the folder the conversion ran in.
    """

    file: Path | None = None
    """The file the settings came from."""
    inputs: tuple[Path, ...] = ()
    output: Path | None = None
    reader: str | None = None
    publisher: str | None = None
    lang: str | None = None
    source_url: str | None = None
    licence: str | None = None
    metadata_file: Path | None = None
    """``meta`` (or its earlier name ``volume-meta``): metadata for every input."""
    catalogue: Path | None = None
    """A CSV or TSV table of many files' metadata."""
    jobs: int | None = None
    corpus_file: Path | None = None
    corpus_title: str | None = None
    bag: Path | None = None
    include_sources: bool = False
    bag_info: dict[str, str] = field(default_factory=dict)
    """``bag-info.txt`` fields by their BagIt label (``Contact-Email``)."""


def config_schema() -> dict[str, Any]:
    """Our JSON Schema for the configuration table."""
    return json_schema(SCHEMA_NAME)


def find_config(folder: Path) -> Path | None:
    """The configuration file that applies in ``folder``: ``tei-convert.toml``, or
    ``pyproject.toml`` when it has a ``[tool.tei-convert]`` table."""
    own = folder / CONFIG_NAME
    if own.is_file():
        return own
    pyproject = folder / PYPROJECT_NAME
    if pyproject.is_file() and {_TOOL_TABLE, "tei_convert"} & set(
            _read_toml(pyproject).get("tool", {})):
        return pyproject
    return None


def load_config(path: Path | None = None, *, folder: Path | None = None) -> Config:
    """Read and check a configuration file.

    Args:
        path: the file to read; when ``None``, the one :func:`find_config`
            finds in ``folder`` (default: the working folder), if any.

    Raises:
        ConfigError: the file cannot be read, is not TOML, or breaks the
            schema; the message names the key.
    """
    if path is None:
        path = find_config(folder or Path.cwd())
        if path is None:
            return Config()
    data = _read_toml(path)
    table = data.get("tool", {}).get(_TOOL_TABLE, {}) if path.name == PYPROJECT_NAME else data
    if path.name == PYPROJECT_NAME and "tei_convert" in data.get("tool", {}):
        raise ConfigError("the table is called [tool.tei-convert], with a hyphen, not "
                          "[tool.tei_convert]", source=str(path))
    _check(table, path)
    return _config(table, path)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as stream:
            return tomllib.load(stream)
    except OSError as error:
        raise ConfigError(f"cannot read the configuration: {error.strerror}",
                          source=str(path)) from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"not valid TOML: {error}", source=str(path)) from None
    except RecursionError:
        raise ConfigError("nested too deeply to be a configuration (tables of settings)",
                          source=str(path)) from None


def _check(table: dict[str, Any], path: Path) -> None:
    from jsonschema import Draft202012Validator  # slow to load; only a configuration needs it

    errors = sorted(Draft202012Validator(config_schema()).iter_errors(table),
                    key=lambda error: list(map(str, error.absolute_path)))
    if errors:
        raise ConfigError(_describe(errors[0], path), source=str(path))
    reader = table.get("format")
    if reader is not None and reader not in READERS:
        raise ConfigError(f"key '{_dotted(path, ['format'])}': unknown format '{reader}'; "
                          "known formats: "
                          f"{', '.join(sorted(READERS))}", source=str(path))
    if "meta" in table and "volume-meta" in table:
        raise ConfigError(f"keys '{_dotted(path, ['meta'])}' and "
                          f"'{_dotted(path, ['volume-meta'])}' are one setting (volume-meta is "
                          "its earlier name); give one", source=str(path))
    pattern = table.get("source-url")
    problem = None if pattern is None else pattern_problem(pattern)
    if problem is not None:
        raise ConfigError(f"key '{_dotted(path, ['source-url'])}': {problem}", source=str(path))


def _describe(error: ValidationError, path: Path) -> str:
    """Name the key, as the user wrote it in the file, and say what it should be."""
    keys = [str(part) for part in error.absolute_path]
    schema = error.schema if isinstance(error.schema, Mapping) else {}
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        known = schema.get("properties", {})
        unknown = sorted(set(error.instance) - set(known))[0]
        close = difflib.get_close_matches(unknown, known, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return f"unknown key '{_dotted(path, [*keys, unknown])}'{hint}"
    return f"key '{_dotted(path, keys)}': {_expected(error, schema)}"


def _expected(error: ValidationError, schema: Mapping[str, Any]) -> str:
    defs = config_schema()["$defs"]
    for name, words in _DEF_WORDS.items():
        if schema is defs[name] or schema.get("pattern") == defs[name].get("pattern"):
            return f"{error.instance!r} is not {words}"
    if error.validator == "oneOf":
        return f"{error.instance!r} is not a path or a list of paths"
    return error.message


def _dotted(path: Path, keys: list[str]) -> str:
    prefix = ["tool", _TOOL_TABLE] if path.name == PYPROJECT_NAME else []
    return ".".join([*prefix, *keys]) or "(the table)"


def _config(table: dict[str, Any], path: Path) -> Config:
    base = path.parent
    inputs = table.get("input", [])
    corpus = table.get("corpus", {})
    deposit = dict(table.get("deposit", {}))
    return Config(
        file=path,
        inputs=tuple(_path(base, item) for item in ([inputs] if isinstance(inputs, str)
                                                    else inputs)),
        output=_optional_path(base, table.get("output")),
        reader=table.get("format"),
        publisher=table.get("publisher"),
        lang=table.get("lang"),
        source_url=table.get("source-url"),
        licence=table.get("licence"),
        metadata_file=_optional_path(base, table.get("meta", table.get("volume-meta"))),
        catalogue=_optional_path(base, table.get("catalogue")),
        jobs=table.get("jobs"),
        corpus_file=_optional_path(base, corpus.get("file")),
        corpus_title=corpus.get("title"),
        bag=_optional_path(base, deposit.pop("bag", None)),
        include_sources=bool(deposit.pop("include-sources", False)),
        bag_info={bag_info_label(key): value for key, value in sorted(deposit.items())},
    )


def bag_info_label(key: str) -> str:
    """``contact-email`` -> ``Contact-Email``, the label BagIt uses."""
    return "-".join(part.capitalize() for part in key.split("-"))


def _optional_path(base: Path, value: str | None) -> Path | None:
    return None if value is None else _path(base, value)


def _path(base: Path, value: str) -> Path:
    resolved = base / value
    try:
        return Path(os.path.relpath(resolved))
    except ValueError:  # another drive on Windows
        return resolved


def source_date() -> str | None:
    """The day of ``SOURCE_DATE_EPOCH`` (ISO 8601, UTC), the date reproducible
    builds give their output; None when it is not set.

    Raises:
        TeiConvertError: it is set but not a whole number of seconds.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return None
    if not epoch.isdigit():
        raise TeiConvertError(f"SOURCE_DATE_EPOCH must be a whole number of seconds since "
                              f"1970, not '{epoch}'")
    return datetime.fromtimestamp(int(epoch), timezone.utc).date().isoformat()
