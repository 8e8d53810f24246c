"""The schemas shipped in the package's ``schema/`` folder, loaded once."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any


def schema_file(name: str) -> Path:
    """Where a shipped schema is installed."""
    return Path(str(resources.files("tei_convert") / "schema" / name))


@cache
def json_schema(name: str) -> dict[str, Any]:
    """A shipped JSON Schema, parsed (once per process)."""
    schema: dict[str, Any] = json.loads(schema_file(name).read_text("utf-8"))
    return schema
