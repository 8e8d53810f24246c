"""CETEIcean as a reader meets it: its browser build checked against the registry's
sha512, a page that renders one TEI file, and what headless Chromium then shows."""

from __future__ import annotations

import base64
import hashlib
import shutil
import subprocess
import tarfile
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lxml import etree

from conftest import ROOT, require_oracle

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Response

PACKAGE = "CETEIcean@1.9.5"
TARBALL = "CETEIcean-1.9.5.tgz"
# The registry's own digest of that tarball (`npm view CETEIcean@1.9.5 dist.integrity`).
# A tarball that does not match is never cached nor loaded.
INTEGRITY = ("sha512-h7ztuaI+RkOqDeqyCtrpwpopaDz908G6yxqBq2GhR3f9suqJqyByI1rR8WHcYqzMUYfT4"
             "xWWumSgQ+XDPa26bA==")
BROWSER_BUILD = "package/dist/CETEI.js"
CACHE = ROOT / "build" / "ceteicean"
"""Gitignored, like all of build/; holds the verified tarball."""

TEI = "{http://www.tei-c.org/ns/1.0}"
MILESTONES = {f"{TEI}lb", f"{TEI}pb", f"{TEI}cb"}


def integrity(data: bytes) -> str:
    """The Subresource Integrity form of ``data``'s sha512, as npm writes it."""
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")


@dataclass(frozen=True)
class NpmTarball:
    """A package tarball from the npm registry, accepted only with the registry's
    sha512 and cached (gitignored) once it matches."""

    package: str
    """name@version, as ``npm pack`` takes it."""
    tarball: str
    """The file name ``npm pack`` writes."""
    integrity: str
    """``npm view PACKAGE dist.integrity``."""
    cache: Path

    def cached(self) -> Path | None:
        """The cached tarball, when it is there and is the one the registry published."""
        path = self.cache / self.tarball
        if path.is_file() and integrity(path.read_bytes()) == self.integrity:
            return path
        return None

    def pack(self, npm: str) -> Path:
        """Fetch the tarball with ``npm pack`` and cache it once it matches.

        Raises:
            AssertionError: when npm fails or the tarball is not the published one.
        """
        self.cache.mkdir(parents=True, exist_ok=True)
        # Packed into a scratch folder first, so that no half-written or foreign
        # tarball ever stands in the cache.
        with tempfile.TemporaryDirectory(dir=self.cache) as scratch:
            run = subprocess.run([npm, "pack", self.package], cwd=scratch, capture_output=True,
                                 text=True, check=False, timeout=300)
            assert run.returncode == 0, f"npm pack {self.package} failed:\n{run.stderr}"
            packed = Path(scratch) / self.tarball
            found = integrity(packed.read_bytes())
            assert found == self.integrity, \
                f"{self.tarball} has {found}; the registry published {self.integrity}"
            packed.replace(self.cache / self.tarball)
        return self.cache / self.tarball

    def member(self, npm_missing: str, name: str) -> bytes:
        """``name`` read straight out of the verified tarball, fetched once with npm
        when it is not cached (npm is then an oracle: skipped or required in CI)."""
        tarball = self.cached()
        if tarball is None:
            npm = shutil.which("npm")
            require_oracle(npm is not None, npm_missing)
            assert npm is not None
            tarball = self.pack(npm)
        return read_member(tarball, name)


def _ceteicean() -> NpmTarball:
    return NpmTarball(PACKAGE, TARBALL, INTEGRITY, CACHE)


def cached_tarball() -> Path | None:
    """CETEIcean's cached tarball, when it is the one the registry published."""
    return _ceteicean().cached()


def pack_tarball(npm: str) -> Path:
    """Fetch CETEIcean with ``npm pack`` and cache it once it matches ``INTEGRITY``."""
    return _ceteicean().pack(npm)


def read_member(tarball: Path, name: str) -> bytes:
    """One file read straight out of a (verified) tarball."""
    with tarfile.open(tarball, "r:gz") as archive:
        member = archive.extractfile(name)
        assert member is not None, f"{name} is missing from {tarball.name}"
        return member.read()


def browser_build(tarball: Path) -> bytes:
    """``dist/CETEI.js`` read straight out of the (verified) tarball."""
    return read_member(tarball, BROWSER_BUILD)


# The page fetches the TEI file as CETEIcean's own examples do (getHTML5), rather than
# having the XML inlined for makeHTML5: the browser then parses the file's bytes as a
# web server hands them out (its encoding included), and the fetch is a request that
# can fail like any other. Chromium blocks fetch() from file:// pages, hence the
# server. No stylesheet: CETEIcean's dist/ has none, so the page shows its default
# behaviours alone, every element inline, where words glued together would show.
PAGE = """<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><link rel="icon" href="data:,"></head>
<body>
<div id="TEI"></div>
<script src="CETEI.js"></script>
<script>
new CETEI().getHTML5("{xml}", function (data) {{
  document.getElementById("TEI").appendChild(data);
  window.teiRendered = true;
}});
</script>
</body>
</html>
"""


def write_page(folder: Path, name: str, xml: bytes) -> str:
    """Write ``name.xml`` and the page that renders it; returns the page's file name."""
    (folder / f"{name}.xml").write_bytes(xml)
    (folder / f"{name}.html").write_text(PAGE.format(xml=f"{name}.xml"), encoding="utf-8")
    return f"{name}.html"


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's chromium, driven by Playwright: no browser download. Skipped on a
    user's machine without them, required in CI."""
    executable = shutil.which("chromium")
    require_oracle(executable is not None, "chromium (Debian package chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require_oracle(False, "Playwright for Python (in the test extra)")
        raise
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, headless=True)
        try:
            yield launched
        finally:
            launched.close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Requests are watched from the browser's side; keep the test output clean."""


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on the loopback address for as long as the block runs;
    yields the base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 partial(_QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@dataclass(frozen=True)
class Marker:
    """A note as CETEIcean puts it in the text: a superscript link."""

    label: str
    """The number the link shows."""
    href: str
    in_head: bool
    """Whether the marker stands in a heading (a title's note)."""
    target_in_list: bool
    """Whether the link leads to an item of the ``ol.notes`` list."""


@dataclass(frozen=True)
class Rendering:
    """What a reader of the rendered page sees."""

    body_text: str
    """``document.body.innerText``: everything visible."""
    text_words: list[str]
    """The visible words of the TEI ``text``, CETEIcean's note numbers left out."""
    markers: list[Marker]
    notes: list[tuple[str, str]]
    """The ``ol.notes`` items in order: (id, visible text)."""
    links: list[tuple[str, str, bool]]
    """Every link CETEIcean made of a ``ref``: (href, visible text, whether the page
    has an element with that id)."""
    problems: list[str]
    """Console errors, uncaught exceptions, failed or refused requests."""


COLLECT = """() => {
  const list = document.querySelector("ol.notes");
  const notes = Array.from(document.querySelectorAll("tei-text tei-note[place='end']"));
  const markers = notes.map((note) => {
    const link = note.querySelector(":scope > sup > a");
    const href = link ? link.getAttribute("href") : "";
    const target = href.startsWith("#") ? document.getElementById(href.slice(1)) : null;
    return {label: link ? link.innerText : "", href: href,
            in_head: note.closest("tei-head") !== null,
            target_in_list: target !== null && target.parentElement === list};
  });
  const items = list ? Array.from(list.children, (li) => [li.id, li.innerText]) : [];
  const links = Array.from(document.querySelectorAll("tei-ref > a[href]"), (a) => {
    const href = a.getAttribute("href");
    return [href, a.innerText,
            href.startsWith("#") && document.getElementById(href.slice(1)) !== null];
  });
  return {body: document.body.innerText, markers: markers, items: items, links: links};
}"""

# Run last: it takes CETEIcean's note numbers out of the page to read the text alone.
TEXT_WITHOUT_MARKERS = """() => {
  for (const link of document.querySelectorAll("sup > a[id^='src_note_']")) {
    link.parentElement.remove();
  }
  return document.querySelector("tei-text").innerText;
}"""


def watch(page: Page) -> list[str]:
    """Record on the returned list what goes wrong while ``page`` loads."""
    problems: list[str] = []

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            problems.append(f"console error: {message.text}")

    def failed(request: Request) -> None:
        problems.append(f"request failed: {request.url} ({request.failure})")

    def response(answer: Response) -> None:
        if answer.status >= 400:
            problems.append(f"HTTP {answer.status}: {answer.url}")

    page.on("console", console)
    page.on("pageerror", lambda error: problems.append(f"uncaught: {error}"))
    page.on("requestfailed", failed)
    page.on("response", response)
    return problems


def render(browser: Browser, url: str) -> Rendering:
    """Open ``url`` in a fresh page, wait for CETEIcean, and read what it shows."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page = browser.new_page()
    try:
        problems = watch(page)
        page.goto(url)
        try:
            page.wait_for_function("window.teiRendered === true", timeout=30_000)
        except PlaywrightTimeout as error:
            raise AssertionError(f"CETEIcean rendered nothing: {problems}") from error
        seen = page.evaluate(COLLECT)
        text = page.evaluate(TEXT_WITHOUT_MARKERS)
        return Rendering(body_text=seen["body"], text_words=str(text).split(),
                         markers=[Marker(**marker) for marker in seen["markers"]],
                         notes=[(item[0], item[1]) for item in seen["items"]],
                         links=[(link[0], link[1], link[2]) for link in seen["links"]],
                         problems=problems)
    finally:
        page.close()


def reading_words(element: etree._Element) -> list[str]:
    """The words of ``element`` as the TEI reads them: a milestone (``lb``, ``pb``)
    parts words unless it says ``break="no"``; notes inside it are left out."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        parts.append(node.text or "")
        for child in node:
            if not isinstance(child.tag, str):
                pass
            elif child.tag in MILESTONES:
                parts.append("" if child.get("break") == "no" else " ")
            elif child.tag != f"{TEI}note":
                walk(child)
            parts.append(child.tail or "")

    walk(element)
    return "".join(parts).split()


def joined_word(lb: etree._Element) -> tuple[str, str]:
    """The two halves of the word that ``lb[@break='no']`` joins."""
    previous = lb.getprevious()
    parent = lb.getparent()
    assert parent is not None
    before = (previous.tail if previous is not None else parent.text) or ""
    return before.split()[-1], (lb.tail or "").split()[0]


def shown_ids(root: etree._Element, shown: str) -> list[str]:
    """The ids and link targets of ``root`` that the visible text ``shown`` prints."""
    values = [str(value) for value in root.xpath("//@target | //@xml:id")]
    return [value for value in ["#doc-", *values] if value in shown]


def word_difference(expected: list[str], shown: list[str]) -> str | None:
    """Where ``shown`` first departs from ``expected``; None when they are the same."""
    if shown == expected:
        return None
    at = next((i for i, (a, b) in enumerate(zip(expected, shown, strict=False)) if a != b),
              min(len(expected), len(shown)))
    return (f"from word {at}: the TEI reads {expected[at:at + 8]}, "
            f"the page shows {shown[at:at + 8]}")


def broken_joins(text: etree._Element, rendering: Rendering) -> list[str]:
    """The words of ``text`` joined across a line end that the page does not show
    whole, as often as the TEI has them, and never split, doubled or hyphenated."""
    expected = " ".join(reading_words(text))
    shown = " ".join(rendering.text_words)
    everything = " ".join(rendering.body_text.split())
    broken: list[str] = []
    for lb in text.iterfind(f".//{TEI}lb[@break='no']"):
        first, second = joined_word(lb)
        whole = first + second
        if not 0 < expected.count(whole) == shown.count(whole):
            broken.append(f"{whole} is shown {shown.count(whole)} times")
        wrong = [f"{first}-{second}", f"{first} {second}", f"{first}{whole}", f"{whole}{second}"]
        broken += [f"{whole} is shown as {form}" for form in wrong if form in everything]
    return broken
