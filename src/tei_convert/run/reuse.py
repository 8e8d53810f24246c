"""``--incremental``: which results of the last run into the folder still hold,
so their inputs need not be converted again."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from tei_convert.canonical import sha256
from tei_convert.diagnostics import Diagnostic, Severity
from tei_convert.input.files import read_file
from tei_convert.run.folder import Previous
from tei_convert.run.manifest import Json, output_unchanged
from tei_convert.run.plan import Job
from tei_convert.version import __version__


def reusable(plan: Sequence[Job], previous: Previous, out_dir: Path) -> dict[str, list[int]]:
    """The inputs whose entries in the last manifest still hold, each with where
    those entries are in ``previous.log``: same tool version, same input bytes,
    settings and ids, and every output unchanged."""
    if previous.version != __version__:
        return {}
    wanted = {job.name for job in plan}
    by_source: dict[str, list[int]] = {}
    for index, entry in enumerate(previous.log):
        if entry["source"]["path"] in wanted:
            by_source.setdefault(entry["source"]["path"], []).append(index)
    return {job.name: by_source[job.name] for job in plan if job.name in by_source
            and _still_holds(job, [previous.log[i] for i in by_source[job.name]], out_dir)}


def kept_entries(job: Job, previous: Previous, indexes: list[int]) -> list[Json]:
    """The entries at ``indexes`` of the last manifest (see :func:`reusable`),
    as this run lists them for ``job``."""
    return [_refreshed(previous.log[index], job) for index in indexes]


def _refreshed(entry: Json, job: Job) -> Json:
    """A kept entry as this run would have written it: the metadata file and
    catalogue as read now (same content for this input, maybe other bytes or
    another path), and no mark of an earlier run."""
    metadata = None if job.metadata is None else {"path": job.metadata.path,
                                                  "sha256": job.metadata.sha256}
    fresh = {key: value for key, value in entry.items() if key != "kept"}
    source = {key: value for key, value in entry["source"].items() if key != "catalogue"}
    if job.catalogue is not None:
        source["catalogue"] = {"path": job.catalogue.path, "sha256": job.catalogue.sha256,
                               "line": job.catalogue.line}
    fresh["source"] = {**source, "metadata": metadata}
    return fresh


def _still_holds(job: Job, entries: list[Json], out_dir: Path) -> bool:
    try:
        digest = sha256(read_file(job.path))
    except OSError:
        return False
    return all(_entry_holds(entry, job, digest, out_dir) for entry in entries)


def _entry_holds(entry: Json, job: Job, digest: str, out_dir: Path) -> bool:
    source = entry["source"]
    # The document's id, or for a volume's works the id and a sequence number.
    doc_id: str = entry["id"]
    same_id = doc_id.startswith(job.doc_id) and _WORK_SUFFIX.fullmatch(
        doc_id, len(job.doc_id)) is not None
    return bool(source["sha256"] == digest and source.get("settings") == job.settings and same_id
                and output_unchanged(out_dir, entry))


_WORK_SUFFIX = re.compile(r"(?:-\d{3,})?")
"""What may follow an input's id in a document's: a volume work's "-001"."""


def diagnostics_of(entries: list[Json]) -> Iterator[Diagnostic]:
    """The diagnostics stored with kept entries, so the run reports them again."""
    seen: set[tuple[object, ...]] = set()
    for entry in entries:
        for item in entry["diagnostics"]:
            key = tuple(sorted(item.items()))
            if key not in seen:  # file-level ones repeat in each work of a volume
                seen.add(key)
                yield Diagnostic(item["code"], Severity(item["severity"]), item["message"],
                                 item["source"], item.get("line"))
