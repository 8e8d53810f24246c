"""An output folder read back: its manifest, checked against the files in it.

Deposits and corpus files are made from a folder a run wrote. They must hold
exactly what its manifest lists, byte for byte, or they would package
something nobody converted or checked.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from tei_convert.corpus import MANIFEST_NAME
from tei_convert.errors import EditionError
from tei_convert.manifest import Json, manifest_problem
from tei_convert.pipeline import sha256

_SHOWN = 3


@dataclass(frozen=True)
class EditionDocument:
    """One TEI file of the folder with its manifest entry."""

    path: Path
    entry: Json


@dataclass(frozen=True)
class Edition:
    """A checked output folder."""

    folder: Path
    manifest: Json
    documents: tuple[EditionDocument, ...]
    """In manifest order."""

    @property
    def manifest_path(self) -> Path:
        """Where the manifest is."""
        return self.folder / MANIFEST_NAME


def read_edition(folder: Path) -> Edition:
    """Read ``folder``'s manifest and check that the folder matches it.

    Raises:
        EditionError: no manifest, a manifest that breaks its schema, a listed
            file missing or changed, or a TEI file the manifest does not list.
    """
    manifest = _manifest(folder)
    documents = tuple(EditionDocument(folder / entry["output"]["path"], entry)
                      for entry in manifest["documents"])
    problems = [problem for document in documents if (problem := _mismatch(document))]
    listed = {document.path.name for document in documents}
    problems.extend(f"{path.name} is not in the manifest" for path in sorted(folder.glob("*.xml"))
                    if path.name not in listed)
    if problems:
        shown = "; ".join(problems[:_SHOWN])
        more = f" (and {len(problems) - _SHOWN} more)" if len(problems) > _SHOWN else ""
        raise EditionError(f"the folder does not match its manifest: {shown}{more}; "
                           "convert again into a clean folder", source=str(folder))
    return Edition(folder, manifest, documents)


def _manifest(folder: Path) -> Json:
    path = folder / MANIFEST_NAME
    try:
        data: Json = json.loads(path.read_bytes())
    except FileNotFoundError:
        raise EditionError(f"no {MANIFEST_NAME}: convert into this folder first",
                           source=str(folder)) from None
    except OSError as error:
        raise EditionError(f"cannot read {MANIFEST_NAME}: {error.strerror}",
                           source=str(folder)) from None
    except ValueError as error:
        raise EditionError(f"{MANIFEST_NAME} is not JSON: {error}", source=str(folder)) from None
    problem = manifest_problem(data)
    if problem is not None:
        raise EditionError(f"{MANIFEST_NAME} breaks its schema: {problem}", source=str(folder))
    return data


def _mismatch(document: EditionDocument) -> str | None:
    name = document.entry["output"]["path"]
    if Path(name).name != name:
        return f"{name} is not a file name in the folder"
    try:
        digest = sha256(document.path.read_bytes())
    except OSError:
        return f"{name} is missing"
    return None if digest == document.entry["output"]["sha256"] else f"{name} has changed"
