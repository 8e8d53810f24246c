"""Measure tei-convert against the least work that can produce TEI.

Usage: python benchmarks/bench.py [--sizes 1,10,100] [--jobs N] [--json FILE]
                                  [--large] [--cold] [--many 1000,10000] [--dask]

Builds corpora of 1x, 10x and 100x the files in seeds/ (copies with distinct
names, in a temporary folder), then measures in one run: the bare-lxml
baseline, the converter at each size (time, MB/s, documents/s, peak memory),
at the largest size: the same run with every reader's work done beforehand
(what the rest of the pipeline costs), the stages of the pipeline, one job
against N, an unchanged incremental re-run, and validation (in-process and
with jing).

Optional parts: ``--large`` one 2 MB line and one 50 MB volume; ``--cold`` one
page converted in a fresh process, beside pandoc on the same page, and
``--help``/``--version``; ``--many`` that many small generated pages in one run
(time and peak memory, and an unchanged ``--incremental`` re-run); ``--dask``
the largest corpus on a two-worker Dask cluster on loopback, beside ``-j``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
TEI_ALL = ROOT.parent / "shared" / "tei" / "tei_all.rng"
TEI_NS = "http://www.tei-c.org/ns/1.0"

Row = dict[str, object]


def build_corpus(folder: Path, factor: int) -> int:
    """Copy the seeds ``factor`` times under distinct names; returns total bytes."""
    folder.mkdir(parents=True)
    size = 0
    for copy in range(factor):
        for seed in sorted(SEEDS.iterdir()):
            suffix = ".meta.json" if seed.name.endswith(".meta.json") else seed.suffix
            stem = seed.name[: -len(suffix)]
            target = folder / f"{stem}-{copy:04d}{suffix}"
            shutil.copyfile(seed, target)
            size += target.stat().st_size if suffix == ".txt" else 0
    return size


def baseline(folder: Path, out: Path) -> tuple[float, int]:
    """Read, split on blank lines, one p per block in a minimal TEI tree, serialise."""
    out.mkdir()
    start, count = time.perf_counter(), 0
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text("utf-8")
        root = etree.Element(f"{{{TEI_NS}}}TEI", nsmap={None: TEI_NS})
        body = etree.SubElement(etree.SubElement(root, f"{{{TEI_NS}}}text"), f"{{{TEI_NS}}}body")
        for block in text.split("\n\n"):
            if block.strip():
                etree.SubElement(body, f"{{{TEI_NS}}}p").text = " ".join(block.split())
        (out / f"{path.stem}.xml").write_bytes(etree.tostring(root, encoding="UTF-8"))
        count += 1
    return time.perf_counter() - start, count


def run_cli(args: list[str]) -> tuple[float, float]:
    """Run tei-convert in a fresh process; returns (seconds, peak RSS in MB)."""
    probe = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
             "subprocess.run(sys.argv[1:], check=True, capture_output=True); "
             "print(time.perf_counter() - t, "
             "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    result = subprocess.run([sys.executable, "-c", probe, sys.executable, "-m", "tei_convert",
                             *args], capture_output=True, text=True, check=True)
    seconds, rss_kb = result.stdout.split()
    return float(seconds), int(rss_kb) / 1024


def stages(folder: Path, out: Path) -> Row:
    """Time each stage of the pipeline over every file, in this process."""
    from tei_convert.canonical import sha256
    from tei_convert.checks.fidelity import first_difference, source_letters, tei_letters
    from tei_convert.checks.validate import check_tree, parse_bytes
    from tei_convert.diagnostics import Reporter
    from tei_convert.input.encoding import decode
    from tei_convert.input.sanitize import sanitize, source_lines
    from tei_convert.pipeline import document_id
    from tei_convert.readers import sniff
    from tei_convert.readers.metadata import find_metadata
    from tei_convert.run.output import write_atomic
    from tei_convert.tei import build_tei, serialize
    from tei_convert.transforms.metadata import apply_metadata
    from tei_convert.transforms.notes import link_notes

    clock = _Clock()
    out.mkdir()
    entries: list[dict[str, str]] = []
    for path in sorted(folder.glob("*.txt")):
        reporter = Reporter(path.name)
        with clock("read and segment"):
            text = sanitize(decode(path.read_bytes(), source=path.name, reporter=reporter),
                            reporter)
            metadata = find_metadata(path)
            # A list: a volume's reader hands out its works as they are read.
            documents = list(sniff(text, source=path.name).read(
                text, source=path.name, doc_id=document_id(path.name), reporter=reporter,
                metadata=metadata))
            lines = source_lines(text)
        for document in documents:
            with clock("model transforms"):
                document = apply_metadata(document, metadata, reporter)
                document = link_notes(document, reporter)
            with clock("TEI building"):
                root = build_tei(document, version="bench")
            with clock("serialise and hash"):
                xml = serialize(root)
                digest = sha256(xml)
            with clock("validation (schema, integrity, nothing lost)"):
                tree = parse_bytes(xml, source=document.id)
                check_tree(tree, source=document.id)
                first_difference(source_letters(document, lines), tei_letters(tree.getroot()))
            with clock("writing"):
                write_atomic(out / f"{document.id}.xml", xml)
            entries.append({"id": document.id, "sha256": digest})
    with clock("manifest (JSON of entries)"):
        # The real manifest is timed as part of the CLI runs above.
        json.dumps(entries, sort_keys=True)
    return {f"stage: {name}": round(seconds, 2) for name, seconds in clock.totals.items()}


class _Clock:
    """Adds up the time spent in named stages."""

    def __init__(self) -> None:
        self.totals: dict[str, float] = {}

    @contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        start = time.perf_counter()
        yield
        self.totals[stage] = self.totals.get(stage, 0.0) + time.perf_counter() - start


# Runs the command line four times in one process: the first run fills a cache
# of what every reader returned (its documents and diagnostics), the others
# read from it (each into a folder of its own), so that their time is the rest
# of the work: the model passes, the TEI, every check, writing and the manifest.
_PREREAD = """
import sys, time
from tei_convert.cli import main
from tei_convert.readers import Reader

real, cache = Reader.read, {}

def read(self, text, *, source, doc_id, reporter, metadata=None):
    key = (self.name, source, doc_id)
    if key in cache:
        reporter.diagnostics.extend(cache[key][1])
    else:
        before = len(reporter.diagnostics)
        documents = list(real(self, text, source=source, doc_id=doc_id,
                              reporter=reporter, metadata=metadata))
        cache[key] = documents, reporter.diagnostics[before:]
    return iter(cache[key][0])

Reader.read = read
corpus, out = sys.argv[1], sys.argv[2]
times = []
for attempt in range(4):  # the first fills the cache; the median of the others
    start = time.perf_counter()
    main(["convert", corpus, "-o", f"{out}/{attempt}", "-q", "-j", "1"],
         standalone_mode=False)
    times.append(time.perf_counter() - start)
print(sorted(times[1:])[1])
"""


def without_reading(corpus: Path, out: Path) -> float:
    """Seconds of a ``-j 1`` run on ``corpus`` whose readers' work is done
    beforehand: what the run costs besides reading (the floor that a faster
    reader could reach)."""
    result = subprocess.run([sys.executable, "-c", _PREREAD, str(corpus), str(out)],
                            capture_output=True, text=True, check=True)
    return float(result.stdout.split()[-1])


def validate_rates(out: Path) -> Row:
    from tei_convert.checks.validate import validate_file

    files = sorted(out.glob("*.xml"))
    start = time.perf_counter()
    for path in files:
        validate_file(path)
    ours = len(files) / (time.perf_counter() - start)
    row: Row = {"validate: our schema, files/s": round(ours, 1)}
    jing = shutil.which("jing")
    if jing and TEI_ALL.exists():
        start = time.perf_counter()
        subprocess.run([jing, str(TEI_ALL), *map(str, files)], capture_output=True, check=False)
        row["validate: jing tei_all (one JVM), files/s"] = round(
            len(files) / (time.perf_counter() - start), 1)
    else:
        row["validate: jing tei_all (one JVM), files/s"] = "jing or tei_all.rng not found"
    return row


def large_inputs(work: Path) -> Row:
    """One page text whose body is a single 2 MB line, and one 50 MB volume (the
    seed volume repeated): the same MB/s as small files means no quadratic step."""
    folder = work / "large"
    folder.mkdir()
    words = "the of and to in revolution workers peasants council soviet power".split()  # noqa: SIM905
    line = " ".join(words[n % len(words)] for n in range(330_000))
    (folder / "one-long-line.txt").write_text(
        f"A. Author\n\nA Title\n\nWritten: 1920\nSource: Works, Moscow, 1965\n\n{line}\n",
        encoding="utf-8")
    volume = next(p for p in sorted(SEEDS.glob("*.txt")) if p.stat().st_size > 100_000)
    text = volume.read_text("utf-8")
    (folder / "big-volume.txt").write_text(text * max(1, 50_000_000 // len(text)), "utf-8")
    shutil.copyfile(volume.with_name(volume.stem + ".meta.json"),
                    folder / "big-volume.meta.json")
    row: Row = {}
    for name in ("one-long-line.txt", "big-volume.txt"):
        path = folder / name
        megabytes = path.stat().st_size / 1e6
        seconds, rss = run_cli(["convert", str(path), "-o", str(work / f"out-{path.stem}"),
                                "-q", "-j", "1"])
        row[f"{name}: MB, seconds, MB/s, peak RSS MB"] = (
            f"{megabytes:.1f}, {seconds:.2f}, {megabytes / seconds:.2f}, {rss:.0f}")
    return row


def _median_seconds(command: list[str], runs: int,
                    env: dict[str, str] | None = None) -> float:
    """The median wall time of ``command`` over ``runs`` fresh processes."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True, env=env)
        times.append(time.perf_counter() - start)
    return sorted(times)[len(times) // 2]


def cold_start(work: Path, runs: int = 9) -> Row:
    """One page in a fresh process, as a Makefile or an editor would run it,
    paired with pandoc on the same page (median of ``runs`` each)."""
    page = sorted(p for p in SEEDS.glob("*.txt") if p.stat().st_size < 100_000)[1]
    tool = [sys.executable, "-m", "tei_convert"]
    row: Row = {"cold: page": page.name}
    convert = [*tool, "convert", str(page), "-o", str(work / "cold"), "-q"]
    # As an installed package runs: with its bytecode cached (pip writes it; a
    # PYTHONDONTWRITEBYTECODE in the environment would have every run compile
    # the sources again). The first run writes the cache.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(convert, capture_output=True, check=True, env=env)
    ours = _median_seconds(convert, runs, env)
    row["cold: tei-convert convert one page, s"] = round(ours, 3)
    pandoc = shutil.which("pandoc")
    if pandoc:
        theirs = _median_seconds([pandoc, "-f", "markdown", "-t", "tei", str(page), "-o",
                                  str(work / "cold.xml")], runs)
        row["cold: pandoc -f markdown -t tei, s"] = round(theirs, 3)
        row["cold: tei-convert / pandoc"] = round(ours / theirs, 1)
    else:
        row["cold: pandoc -f markdown -t tei, s"] = "pandoc not found"
    row["cold: tei-convert --help, s"] = round(_median_seconds([*tool, "--help"], runs, env), 3)
    row["cold: tei-convert --version, s"] = round(
        _median_seconds([*tool, "--version"], runs, env), 3)
    return row


def small_pages(folder: Path, count: int) -> None:
    """``count`` short page texts of the page format, each with its own title."""
    folder.mkdir(parents=True)
    for number in range(count):
        (folder / f"page-{number:07d}.txt").write_text(
            f"A. N. Author\n\nPage {number}\n\nWritten: May 1, 1920\n"
            f"Source: Collected Works, Moscow, 1965\n\nThe words of page {number}, "
            "in one short paragraph.\n\nAnd a second paragraph.\n", encoding="utf-8")


def many_documents(work: Path, counts: list[int], jobs: int) -> Iterator[Row]:
    """Peak memory and time for many small documents in one run; memory should
    not grow with the count."""
    for count in counts:
        folder = work / f"pages-{count}"
        small_pages(folder, count)
        out = work / f"out-pages-{count}"
        seconds, rss = run_cli(["convert", str(folder), "-o", str(out), "-q", "-j", str(jobs)])
        again, again_rss = run_cli(["convert", str(folder), "-o", str(out), "-q", "-j",
                                    str(jobs), "--incremental"])
        yield {"many: documents": count, f"many: seconds (-j {jobs})": round(seconds, 1),
               "many: peak RSS MB": round(rss, 1),
               "many: unchanged --incremental re-run seconds": round(again, 2),
               "many: re-run peak RSS MB": round(again_rss, 1)}
        shutil.rmtree(folder)
        shutil.rmtree(out)


def dask_cluster(corpus: Path, work: Path, jobs: int) -> Row:
    """The corpus on a Dask cluster of two one-thread workers on this machine, all
    on loopback (the commands of docs/scaling.md), beside ``-j``."""
    dask = Path(sys.executable).parent / "dask"
    if not dask.exists():
        return {"dask": "Dask not installed"}
    address_file = work / "scheduler.json"
    started = [subprocess.Popen(
        [str(dask), "scheduler", "--host", "127.0.0.1", "--port", "0",
         "--dashboard-address", "127.0.0.1:0", "--scheduler-file", str(address_file)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        while not (address_file.is_file() and address_file.stat().st_size):
            time.sleep(0.1)
        address = json.loads(address_file.read_text("utf-8"))["address"]
        started.append(subprocess.Popen(
            [str(dask), "worker", "--scheduler-file", str(address_file), "--host", "127.0.0.1",
             "--dashboard-address", "127.0.0.1:0", "--nthreads", "1", "--nworkers", str(jobs)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        time.sleep(5)  # the workers join
        seconds, _ = run_cli(["convert", str(corpus), "-o", str(work / "out-dask"), "-q",
                              "--executor", "dask", "--scheduler", address])
        local, _ = run_cli(["convert", str(corpus), "-o", str(work / "out-local"), "-q",
                            "-j", str(jobs)])
    finally:
        for process in reversed(started):
            process.terminate()
            process.wait(timeout=60)
    documents = json.loads((work / "out-local" / "manifest.json").read_text())["summary"][
        "documents"]
    return {f"dask: {jobs} workers, documents/s": round(documents / seconds, 1),
            f"dask: -j {jobs}, documents/s": round(documents / local, 1)}


def machine() -> Row:
    return {"cpus": os.cpu_count(), "python": platform.python_version(),
            "lxml": ".".join(map(str, etree.LXML_VERSION)), "platform": platform.platform()}


def measure(sizes: list[int], jobs: int, work: Path) -> Iterator[Row]:
    largest = max(sizes)
    for factor in sizes:
        corpus = work / f"corpus-{factor}x"
        size = build_corpus(corpus, factor)
        megabytes = size / 1e6
        seconds, rss = run_cli(["convert", str(corpus), "-o", str(work / f"out-{factor}x"),
                                "-q", "-j", "1"])
        documents = json.loads((work / f"out-{factor}x" / "manifest.json").read_text())
        count = documents["summary"]["documents"]
        row: Row = {"size": f"{factor}x", "MB": round(megabytes, 1),
                    "seconds (-j 1)": round(seconds, 2), "MB/s": round(megabytes / seconds, 2),
                    "documents/s": round(count / seconds, 1), "peak RSS MB": round(rss, 1),
                    "seconds per 1x": round(seconds / factor, 3)}
        if factor == largest:
            base_seconds, _ = baseline(corpus, work / "baseline")
            row["baseline seconds"] = round(base_seconds, 2)
            row["converter / baseline"] = round(seconds / base_seconds, 1)
            floor = without_reading(corpus, work / "out-preread")
            row["seconds with the reading done beforehand (-j 1)"] = round(floor, 2)
            row["that / baseline"] = round(floor / base_seconds, 1)
            parallel, _ = run_cli(["convert", str(corpus), "-o", str(work / "out-parallel"),
                                   "-q", "-j", str(jobs)])
            row[f"seconds (-j {jobs})"] = round(parallel, 2)
            row["speed-up"] = round(seconds / parallel, 2)
            again, _ = run_cli(["convert", str(corpus), "-o", str(work / f"out-{factor}x"),
                                "-q", "-j", "1", "--incremental"])
            row["incremental re-run seconds"] = round(again, 2)
            row.update(stages(corpus, work / "stages"))
            row.update(validate_rates(work / f"out-{factor}x"))
        yield row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,100",
                        help="corpus sizes as multiples of seeds/ (default 1,10,100)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--json", type=Path, help="also write the results as JSON")
    parser.add_argument("--large", action="store_true",
                        help="also convert a single 2 MB line and a 50 MB volume")
    parser.add_argument("--cold", action="store_true",
                        help="also time one page in a fresh process, beside pandoc")
    parser.add_argument("--many", default="",
                        help="also convert this many small pages in one run (e.g. 1000,10000)")
    parser.add_argument("--dask", action="store_true",
                        help="also run the largest corpus on a local two-worker Dask cluster")
    args = parser.parse_args()
    sizes = sorted(int(part) for part in args.sizes.split(","))
    results: dict[str, object] = {"machine": machine(), "rows": []}
    print(" | ".join(f"{k}: {v}" for k, v in machine().items()))
    with tempfile.TemporaryDirectory(prefix="tei-bench-") as work:
        rows = list(measure(sizes, args.jobs, Path(work)))
        if args.large:
            rows.append(large_inputs(Path(work)))
        if args.cold:
            rows.append(cold_start(Path(work)))
        if args.many:
            rows.extend(many_documents(Path(work), [int(n) for n in args.many.split(",")],
                                       args.jobs))
        if args.dask:
            rows.append(dask_cluster(Path(work) / f"corpus-{max(sizes)}x", Path(work),
                                     args.jobs))
        for row in rows:
            results["rows"].append(row)  # type: ignore[attr-defined]
            print()
            for key, value in row.items():
                print(f"  {key:<45} {value}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
