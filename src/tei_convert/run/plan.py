"""What a run will do, fixed before any work starts: the inputs found, in name
order, each with its document id and the settings that shape its output."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from tei_convert.canonical import sha256
from tei_convert.diagnostics import Diagnostic, diagnostic
from tei_convert.errors import TeiConvertError
from tei_convert.pipeline import Options, document_id
from tei_convert.readers.volume_meta import (
    load_volume_meta,
    read_volume_meta_bytes,
    volume_meta_file,
)
from tei_convert.run.manifest import FileRef

TEXT_SUFFIXES = (".txt",)


@dataclass(frozen=True)
class Job:
    """One input to convert, with the id it was given in input order."""

    path: Path
    name: str
    doc_id: str
    renamed: tuple[Diagnostic, ...]
    reader: str | None
    options: Options | None
    settings: str
    """A fingerprint of everything besides the input that shapes the output."""
    metadata: FileRef | None = None
    """The volume metadata file used, as the manifest records it."""


def gather_inputs(inputs: Iterable[Path]) -> list[tuple[Path, str]]:
    """Files to convert, as (path, name) sorted by name.

    A folder contributes its ``*.txt`` files at any depth; a file given by
    name is taken whatever its suffix. The name is the path as given, with
    ``/`` separators, so manifests do not depend on the machine.
    """
    found: dict[str, Path] = {}
    for path in inputs:
        texts = _texts_in(path) if path.is_dir() else []
        if texts:
            found.update((manifest_name(child), child) for child in texts)
        else:
            # A missing path or a folder with no text files is kept, so that
            # the run reports it as a failed input.
            found[manifest_name(path)] = path
    return sorted(((p, name) for name, p in found.items()), key=lambda item: item[1])


def manifest_name(path: Path) -> str:
    """The path as the manifest names it: "/" separators, and a file name that is
    not UTF-8 shown with replacement characters instead of failing the run."""
    return path.as_posix().encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _texts_in(folder: Path) -> list[Path]:
    return [child for child in folder.rglob("*") if child.is_file()
            and child.suffix.lower() in TEXT_SUFFIXES and not child.name.startswith(".")]


def plan_jobs(inputs: Sequence[Path], reader: str | None, options: Options | None) -> list[Job]:
    """One job per input, in name order, each with an id no other input has."""
    found = gather_inputs(inputs)
    # A volume's works are "<id>-001", "<id>-002"...: those names are taken for
    # every input, so another file called "<id>-001.txt" gets a different one.
    bases = {document_id(name) for _, name in found}
    used_ids: set[str] = set()
    plan = []
    for path, name in found:
        base = document_id(name)
        work_of = re.fullmatch(r"(.+)-\d{3}", base)
        if work_of is not None and work_of.group(1) in bases:
            used_ids.add(base)
        doc_id, renamed = _unique_id(base, used_ids, name)
        job_options, settings, metadata = _settings(path, reader, options)
        plan.append(Job(path, name, doc_id, tuple(renamed), reader, job_options, settings,
                        metadata))
    return plan


def _unique_id(base: str, used: set[str], name: str) -> tuple[str, list[Diagnostic]]:
    """An id not used yet in this run, and a warning when it had to change."""
    doc_id, count = base, 1
    while doc_id in used:
        count += 1
        doc_id = f"{base}-{count}"
    used.add(doc_id)
    if doc_id == base:
        return doc_id, []
    return doc_id, [diagnostic("id-collision",
                               f"id '{base}' is taken by another input; using '{doc_id}'", name)]


def _settings(path: Path, reader: str | None, options: Options | None
              ) -> tuple[Options, str, FileRef | None]:
    """The input's options with its volume metadata found (once, here); a
    fingerprint of what besides the input shapes its output (the format asked
    for, the publisher and that metadata); and the metadata file as the
    manifest names it, so that a deposit can carry it and check it."""
    options = options or Options()
    settings: dict[str, object] = {"reader": reader, "publisher": options.publisher}
    metadata = None
    try:
        meta = options.volume_meta
        found = None if meta else volume_meta_file(path, options.volume_meta_file)
        if found is not None:
            raw = read_volume_meta_bytes(found)
            meta = load_volume_meta(found, raw)
            metadata = FileRef(manifest_name(found), sha256(raw))
        settings["volume_meta"] = None if meta is None else asdict(meta)
        options = replace(options, volume_meta=meta)
    except TeiConvertError as error:
        # Broken metadata makes a fingerprint no earlier run has, so the input
        # is converted again and the conversion reports the problem.
        settings["volume_meta_error"] = str(error)
    return options, sha256(json.dumps(settings, sort_keys=True).encode("utf-8")), metadata
