"""Who owns what in the output folder, in one place.

The output folder is the user's. A file there is **ours** when the last
manifest records it (name and sha256) under a name the id rule gives its
source; the tool overwrites or deletes only files that are ours and
**unchanged**. A listed file whose bytes changed was **edited** by hand: it is
kept unless the run is forced. Everything else in the folder is the user's and
is never touched. One run at a time writes a folder (:func:`run_lock`).
"""

from __future__ import annotations

import enum
import os
import re
import socket
import tempfile
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from tei_convert.canonical import sha256
from tei_convert.checks.validate import made_by_tei_convert
from tei_convert.errors import BusyError, ManifestError, OutputError
from tei_convert.input.files import read_file
from tei_convert.pipeline import document_id
from tei_convert.run.entries import EntryLog
from tei_convert.run.manifest import MANIFEST_NAME, Json, read_manifest_entries
from tei_convert.run.output import write_atomic

LOCK_NAME = ".tei-convert.lock"
JOURNAL_NAME = ".tei-convert.journal"
_JOURNAL_NAME_RULE = re.compile(r"[A-Za-z_][A-Za-z0-9._-]*\.xml")


class FileState(enum.Enum):
    """What a file in the output folder is, for the tool."""

    ABSENT = "absent"
    OURS = "ours"
    """Written by the tool and unchanged since."""
    EDITED = "edited"
    """Written by the tool, changed since (by hand)."""
    NOT_OURS = "not ours"
    """Anything else: the user's."""


def file_state(path: Path, recorded: str | None) -> FileState:
    """The state of ``path`` given the sha256 the last manifest recorded for it
    (None when it recorded none). A link is never ours: the tool writes none."""
    if not os.path.lexists(path):
        return FileState.ABSENT
    if recorded is None or path.is_symlink() or not path.is_file():
        return FileState.NOT_OURS
    try:
        data = read_file(path)
    except OSError:
        return FileState.NOT_OURS
    same = sha256(data) == recorded
    if same and not made_by_tei_convert(data, "TEI"):
        # The manifest was edited to name a file of the user's, hash and all.
        return FileState.NOT_OURS
    return FileState.OURS if same else FileState.EDITED


class Listed(NamedTuple):
    """What the guards need of one entry of the last manifest."""

    sha256: str
    """The output's sha256, as written."""
    source: str
    """The source's path, as the manifest names it."""
    at: int
    """Where the entry is in :attr:`Previous.log`."""


@dataclass(frozen=True)
class Previous:
    """What the last run recorded in the folder, as far as it can be trusted."""

    version: str | None = None
    """The version of the tool that wrote the last manifest; None without one."""
    log: Sequence[Json] = ()
    """Every document entry of the last manifest, in order: in a file (an
    :class:`EntryLog`), not in memory."""
    entries: dict[str, Listed] = field(default_factory=dict)
    """The manifest's document entries by output file name, only those whose
    name the id rule gives their source (a hand-edited manifest naming another
    file does not make that file ours)."""
    journal: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Outputs a run wrote that no manifest lists yet (it was stopped before it
    wrote one), by name: (sha256, source), as :data:`JOURNAL_NAME` records them."""

    def close(self) -> None:
        """Let go of the temporary file that holds :attr:`log`."""
        if isinstance(self.log, EntryLog):
            self.log.close()

    def entry(self, name: str) -> Json:
        """The whole manifest entry of the output ``name``, one of :attr:`entries`."""
        return self.log[self.entries[name].at]

    def recorded(self, name: str) -> str:
        """The sha256 the tool last wrote ``name`` with (a journal of a stopped
        run is newer than the manifest)."""
        if name in self.journal:
            return self.journal[name][0]
        return self.entries[name].sha256

    def owned(self) -> Iterator[tuple[str, str, str]]:
        """(name, sha256, source) of every file the tool wrote here."""
        for name in dict.fromkeys([*self.entries, *self.journal]):
            source = self.journal[name][1] if name in self.journal else self.entries[name].source
            yield name, self.recorded(name), source


def read_previous(out_dir: Path) -> Previous:
    """The last run's records in ``out_dir``. The manifest is read an entry at a
    time into a temporary file, keeping only names, sources and hashes in
    memory: a folder of a million documents is read again in flat memory.

    Raises:
        OutputError: ``manifest.json`` is there but is not a manifest of ours
            (unreadable, not JSON, outside our schema): the tool can then not
            tell its files from the user's, so it writes nothing.
    """
    journal = _read_journal(out_dir)
    if not os.path.lexists(out_dir / MANIFEST_NAME):
        return Previous(journal=journal)
    if (out_dir / MANIFEST_NAME).is_symlink():
        raise OutputError(f"{MANIFEST_NAME} is a link; the tool writes no links, so it is "
                          "not the tool's: move it away", source=str(out_dir))
    log = EntryLog()
    entries: dict[str, Listed] = {}
    sources: dict[str, str] = {}  # one string a source, shared by a volume's works

    def add(entry: Json) -> None:
        if _named_by_the_id_rule(entry):
            source = sources.setdefault(entry["source"]["path"], entry["source"]["path"])
            entries[entry["output"]["path"]] = Listed(entry["output"]["sha256"], source,
                                                      len(log))
        try:
            log.append(entry)
        except OSError as error:  # not the manifest's fault: say whose it is
            raise OutputError(f"cannot keep the last manifest's entries in a temporary file "
                              f"({tempfile.gettempdir()}): {error.strerror}; free space there "
                              "or point TMPDIR elsewhere", source=str(out_dir)) from None

    try:
        manifest = read_manifest_entries(out_dir, add)
    except ManifestError as error:
        log.close()
        raise OutputError(f"{error.message}; without a manifest it can read the tool cannot "
                          "tell its files from yours, so it writes nothing: restore the "
                          "manifest, or move it (or the folder) away", source=str(out_dir)) \
            from None
    except OutputError:
        log.close()
        raise
    return Previous(str(manifest["tool"]["version"]), log, entries, journal)


def _read_journal(out_dir: Path) -> dict[str, tuple[str, str]]:
    """The journal a stopped run left: ``name<TAB>sha256<TAB>source`` lines; a
    line cut short by the stop, or not of that shape, is passed over."""
    try:
        text = read_file(out_dir / JOURNAL_NAME).decode("utf-8", "replace")
    except OSError:
        return {}
    journal = {}
    for line in text.split("\n"):
        parts = line.split("\t")
        if len(parts) == 3 and _JOURNAL_NAME_RULE.fullmatch(parts[0]) \
                and re.fullmatch("[0-9a-f]{64}", parts[1]):
            journal[parts[0]] = (parts[1], parts[2])
    return journal


def record_write(out_dir: Path, name: str, digest: str, source: str) -> None:
    """Note in the journal, before ``name`` is renamed into place, that the tool
    wrote it: a run stopped before its manifest can then still tell its files
    from the user's. One short line per write, appended (atomic on POSIX)."""
    line = f"{name}\t{digest}\t{source}\n".encode("utf-8", "backslashreplace")
    descriptor = os.open(out_dir / JOURNAL_NAME, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(descriptor, line)
    finally:
        os.close(descriptor)


def close_journal(out_dir: Path, keep: dict[str, tuple[str, str]]) -> None:
    """After the manifest is written: the journal keeps only what the manifest
    does not list and the folder still holds (a run that removed nothing)."""
    path = out_dir / JOURNAL_NAME
    if not keep:
        path.unlink(missing_ok=True)
        return
    write_atomic(path, "".join(f"{name}\t{digest}\t{source}\n" for name, (digest, source)
                               in sorted(keep.items())).encode("utf-8", "backslashreplace"))


def _named_by_the_id_rule(entry: Json) -> bool:
    """The entry's output is ``<id>.xml`` in the folder, and its id is one the
    tool gives its source: the source's id, renamed after a collision
    (``-2``), or a work of a volume (``-001``)."""
    doc_id, name = entry["id"], entry["output"]["path"]
    base = document_id(entry["source"]["path"])
    # The suffix is matched from where the base ends: one compiled pattern, not
    # one per entry (a manifest of 100,000 entries overflowed re's cache).
    return name == f"{doc_id}.xml" and doc_id.startswith(base) \
        and _ID_SUFFIX.fullmatch(doc_id, len(base)) is not None


_ID_SUFFIX = re.compile(r"(?:-\d+)?(?:-\d{3,})?")
"""What may follow a source's id in a document's: a collision's "-2", a work's "-001"."""


def protected_names(out_dir: Path, files: Collection[Path]) -> frozenset[str]:
    """The names in ``out_dir`` of ``files`` (sources and metadata files of the
    run, as real paths: resolved) that lie in it: no output may be written over
    them."""
    folder = out_dir.resolve()
    return frozenset(path.name for path in files if path.parent == folder)


def check_targets(out_dir: Path, files: Collection[Path], targets: Collection[Path],
                  folders: Collection[Path] = ()) -> None:
    """Refuse, before anything is written, a manifest or other target (a corpus
    file, a bag folder) that is a source or metadata file of the run (``files``,
    as real paths: resolved), or a folder that holds one or holds the output
    folder; and another target that lies in an input folder (the next run would
    read it as input).

    Raises:
        OutputError: naming the target and the file it would destroy.
    """
    sources = set(files)
    folder = out_dir.resolve()
    for target in (out_dir / MANIFEST_NAME, *targets):
        place = target.resolve()
        if place in sources:
            raise OutputError("is a source of this run; refusing to write over it",
                              source=str(target))
        held = next((s for s in sorted(sources) if place in s.parents), None)
        if held is not None or (target != out_dir / MANIFEST_NAME and place in
                                (folder, *folder.parents)):
            what = f"holds {held}, a source of this run" if held else "holds the output folder"
            raise OutputError(f"{what}; refusing to write there", source=str(target))
        within = next((f for f in folders if f.resolve() in place.parents), None)
        if within is not None and target != out_dir / MANIFEST_NAME:
            raise OutputError(f"lies in the input folder {within}, where the next run would "
                              "read it as input; choose a place outside it", source=str(target))


def settle(out_dir: Path, previous: Previous, current: set[str], failed: set[str],
           *, clean: bool, dry_run: bool
           ) -> tuple[list[Json], list[str], dict[str, tuple[str, str]]]:
    """Bring the folder to what the manifest will list, touching only our own
    unchanged files; return the earlier entries to keep listing, the names of
    the files removed (in a dry run: that would be removed), and the journal's
    records to keep (files of a stopped run that stay unlisted).

    An earlier output that this run did not write is kept, and its entry
    carried over marked ``kept``, when the file was edited by hand, when its
    input failed this run, or when the run was not ``clean`` (an input failed
    or nothing was converted: a mistyped path must not empty the edition).
    Otherwise its input is gone from a clean run, and the file is deleted if it
    is still ours and unchanged.

    Args:
        current: output names this run wrote or kept.
        failed: names of the inputs that failed or were skipped this run.
    """
    carried, removed, journal = [], [], {}
    for name, digest, source in previous.owned():
        if name in current:
            continue
        state = file_state(out_dir / name, digest)
        if state is FileState.ABSENT or state is FileState.NOT_OURS:
            continue
        entry = previous.entries.get(name)
        listed = entry is not None and entry.sha256 == digest
        if state is FileState.OURS and clean and source not in failed:
            removed.append(name)
            if not dry_run:
                (out_dir / name).unlink(missing_ok=True)
        elif not listed:
            journal[name] = (digest, source)  # a stopped run's file: still ours
        elif state is FileState.EDITED:
            carried.append(kept(previous.entry(name), "edited"))
        else:
            why = "input-failed" if source in failed else "run-incomplete"
            carried.append(kept(previous.entry(name), why))
    return carried, removed, journal


def kept(entry: Json, why: str) -> Json:
    """An earlier run's entry, carried over into this run's manifest."""
    return {**entry, "kept": why}


@contextmanager
def run_lock(out_dir: Path) -> Iterator[None]:
    """Hold the folder's lock file for one run.

    Raises:
        BusyError: another live run holds it. A lock left by a process of this
            machine that is no longer running is taken over.
        OutputError: the folder cannot be made or written.
    """
    lock = out_dir / LOCK_NAME
    mine = f"{os.getpid()} {socket.gethostname()}\n"
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        _take(lock, mine)
    except BusyError:
        raise
    except OSError as error:
        raise OutputError(f"cannot write to {out_dir}: {error.strerror}",
                          source=str(out_dir)) from None
    try:
        yield
    finally:
        try:
            if lock.read_text("utf-8") == mine:
                lock.unlink()
        except OSError:
            pass


def _take(lock: Path, mine: str) -> None:
    for _attempt in range(2):
        try:
            descriptor = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            holder = _holder(lock)
            if holder is not None:
                raise BusyError(f"another run ({holder}) is writing {lock.parent}; wait for it, "
                                f"or delete {lock} if no run is going on") from None
            lock.unlink(missing_ok=True)  # its process has ended
            continue
        with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
            stream.write(mine)
        return
    raise BusyError(f"another run is taking the lock of {lock.parent}")


def _holder(lock: Path) -> str | None:
    """Who holds ``lock`` ("pid N", "pid N on HOST"), or None when it is a dead
    process of this machine."""
    try:
        pid_text, _, host = lock.read_text("utf-8").strip().partition(" ")
        pid = int(pid_text)
    except (OSError, ValueError):
        return "a run whose lock cannot be read"
    if host != socket.gethostname():
        return f"pid {pid} on {host}"
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        pass  # alive, another user's
    return None if _ended(pid) else f"pid {pid}"


def _ended(pid: int) -> bool:
    """A process that has ended but is not yet reaped (a zombie) still answers
    ``kill(pid, 0)``; Linux tells its state in /proc."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text("ascii").rpartition(")")[2].split()[0]
    except (OSError, IndexError):
        return False
    return state in {"Z", "X"}
