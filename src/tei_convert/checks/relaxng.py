"""RelaxNG schemas to check TEI against: ours, TEI P5 ``tei_all``, or a file of
the user's (a project's own ODD-derived schema); read safely, compiled once.

A schema file is XML from a stranger, like the TEI it checks: it is read with
the same safe parser (no DTD, no entity expansion, no network), and so is every
file it pulls in with ``include`` or ``externalRef``, which must be a local
file. Compiling ``tei_all`` takes seconds, so a run compiles its schema once and
checks every file against the compiled schema.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from lxml import etree

from tei_convert.checks.schemas import schema_file
from tei_convert.errors import SchemaError
from tei_convert.input.files import read_file

OURS = "ours"
TEI_ALL = "tei_all"
SCHEMA_NAME = "tei-convert.rng"
"""Our strict subset of TEI, shipped in ``schema/``."""
TEI_ALL_NAME = "tei_all.rng"
TEI_ALL_ENV = "TEI_ALL_RNG"
"""The environment variable that says where TEI P5's ``tei_all.rng`` is."""
_RNG = "{http://relaxng.org/ns/structure/1.0}"
_PULLS_IN = (f"{_RNG}include", f"{_RNG}externalRef")
_CHOICES = f"--schema takes {OURS}, {TEI_ALL} or the path of a RelaxNG schema (.rng)"
_GET_TEI_ALL = ("download tei_all.rng from the TEI Consortium's P5 release (under "
                f"xml/tei/custom/schema/relaxng/) and set {TEI_ALL_ENV}=/path/tei_all.rng "
                "(validate also takes --schema /path/tei_all.rng)")


@dataclass(frozen=True)
class Schema:
    """A compiled RelaxNG schema and the name reports give it."""

    name: str
    """``tei-convert.rng``, ``tei_all.rng`` or the schema file's name."""
    relaxng: etree.RelaxNG


class _NothingOutside(etree.Resolver):
    """Answers every request for an outside file (an external DTD subset, an
    external entity) with nothing. libxml2 reads a DOCTYPE's SYSTEM file even
    with DTD loading off, and a named pipe there would hang the read."""

    def resolve(self, system_url: str | None, public_id: str | None,  # noqa: ARG002
                context: Any) -> Any:
        return self.resolve_string("", context)


def safe_parser() -> etree.XMLParser:
    """The parser for XML from strangers, TEI files and schemas alike."""
    # No DTDs, no entity expansion, no network, no file read but the one given.
    # No table of ids either: libxml2 would refuse a repeated xml:id as if the
    # XML were not well-formed, where the integrity rules report it as what it is.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, remove_blank_text=False, collect_ids=False)
    parser.resolvers.add(_NothingOutside())
    return parser


def schema_path() -> Path:
    """Where our RelaxNG schema is installed."""
    return schema_file(SCHEMA_NAME)


@lru_cache(maxsize=1)
def our_schema() -> Schema:
    """Our strict subset of TEI, compiled once per process."""
    return load_schema(schema_path())


def choose_schema(choice: str, *, tei_all: str | None) -> Schema:
    """The schema ``validate --schema`` names, compiled.

    Args:
        choice: ``ours``, ``tei_all`` or the path of a RelaxNG schema file.
        tei_all: where ``tei_all.rng`` is (the value of ``TEI_ALL_RNG``), if known.

    Raises:
        SchemaError: ``tei_all`` is asked for and not known, or the schema cannot
            be read or compiled (see :func:`load_schema`).
    """
    if choice == OURS:
        return our_schema()
    if choice == TEI_ALL:
        if not tei_all:
            raise SchemaError(f"--schema {TEI_ALL}: TEI P5's tei_all.rng is not shipped with "
                              f"tei-convert and {TEI_ALL_ENV} is not set; {_GET_TEI_ALL}")
        if not Path(tei_all).is_file():
            raise SchemaError(f"--schema {TEI_ALL}: {TEI_ALL_ENV}={tei_all} names no file; "
                              f"{_GET_TEI_ALL}")
        return load_schema(Path(tei_all), name=TEI_ALL_NAME)
    return load_schema(Path(choice))


def load_schema(path: Path, *, name: str | None = None) -> Schema:
    """Read a RelaxNG schema file, and every file it pulls in, safely; compile it.

    Args:
        name: what reports call the schema (default: the file's name).

    Raises:
        SchemaError: the file or one it pulls in is missing, unreadable, not
            well-formed XML or declares a DTD; it pulls in something that is not
            a local file; or it is not valid RelaxNG. The message names the file.
    """
    tree = _read(path)
    _check_pulled_in(tree, path)
    try:
        relaxng = etree.RelaxNG(tree)
    except etree.RelaxNGParseError as error:
        raise _not_relaxng(error, path) from None
    return Schema(name or path.name, relaxng)


def _read(path: Path, pulled_in_by: etree._Element | None = None) -> etree._ElementTree:
    try:
        data = read_file(path)
    except OSError as error:
        reason = error.strerror or str(error)
        if pulled_in_by is not None:
            raise SchemaError(f"{_local_name(pulled_in_by)} '{pulled_in_by.get('href')}': "
                              f"cannot read {path}: {reason}", source=_file_of(pulled_in_by),
                              line=pulled_in_by.sourceline) from None
        hint = f"; {_CHOICES}" if isinstance(error, FileNotFoundError) else ""
        raise SchemaError(f"cannot read the schema: {reason}{hint}", source=str(path)) from None
    try:
        root = etree.fromstring(data, safe_parser(), base_url=str(path))
    except etree.XMLSyntaxError as error:
        raise SchemaError(f"not well-formed XML: {error.msg}", source=str(path),
                          line=error.lineno) from None
    tree = root.getroottree()
    if tree.docinfo.doctype:
        raise SchemaError("a DOCTYPE declaration is not allowed in a schema (DTDs and "
                          "entities are refused)", source=str(path))
    return tree


def _check_pulled_in(tree: etree._ElementTree, path: Path) -> None:
    """Read every file the schema pulls in, and the files those pull in, safely,
    before libxml2 reads them as it compiles the schema."""
    seen = {path.resolve()}
    waiting = [tree]
    while waiting:
        for element in waiting.pop().iter(*_PULLS_IN):
            pulled = _pulled_in(element)
            if pulled.resolve() not in seen:
                seen.add(pulled.resolve())
                waiting.append(_read(pulled, element))


def _pulled_in(element: etree._Element) -> Path:
    """The local file an ``include`` or ``externalRef`` names, resolved as RelaxNG
    resolves it (against the element's base URI)."""
    href = element.get("href") or ""
    url = urljoin(element.base or "", href)
    scheme = urlsplit(url).scheme
    if scheme == "file":
        from urllib.request import url2pathname  # slow to load, and rarely needed

        return Path(url2pathname(urlsplit(url).path))
    if scheme:
        raise SchemaError(f"{_local_name(element)} '{href}' is refused: a schema may pull in "
                          "local files only", source=_file_of(element), line=element.sourceline)
    # An href is a URI reference: 'my%20part.rng' may name 'my part.rng'.
    return Path(url) if Path(url).exists() else Path(unquote(url))


def _not_relaxng(error: etree.RelaxNGParseError, path: Path) -> SchemaError:
    """The first problem libxml2 found, on one line, at the first place it names."""
    entries = list(error.error_log)
    message = " ".join(entries[0].message.split()) if entries else str(error)
    located = next((entry for entry in entries if entry.line > 0), None)
    if located is None:
        return SchemaError(f"not valid RelaxNG: {message}", source=str(path))
    source = located.filename if located.filename not in (None, "<string>") else str(path)
    return SchemaError(f"not valid RelaxNG: {message}", source=source, line=located.line)


def _local_name(element: etree._Element) -> str:
    return etree.QName(element).localname


def _file_of(element: etree._Element) -> str | None:
    return element.getroottree().docinfo.URL
