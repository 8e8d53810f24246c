"""Problems as values: content issues that still allow output, and the
registry of every diagnostic code the tool reports.

A code is stable (users filter on it, the manifest stores it); the registry
gives each one its severity and one line of meaning, and the README's tables
are checked against it. Making a diagnostic with a code not in the registry,
or at another severity, is a bug and raises :class:`KeyError` or
:class:`ValueError` at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from types import MappingProxyType


class Severity(Enum):
    """How much a diagnostic matters; the value is what the manifest stores."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True)
class Code:
    """One diagnostic code: what it is called, how much it matters, what it means."""

    name: str
    severity: Severity
    meaning: str
    """One line, for the README's tables."""
    commands: tuple[str, ...] = ("convert",)
    """The commands that report it (``convert`` stores its codes in the manifest)."""


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO
_BOTH = ("convert", "validate")
_VALIDATE = ("validate",)
_CMIF = ("cmif",)

CODES: Mapping[str, Code] = MappingProxyType({code.name: code for code in (
    # An input that gives no document.
    Code("missing-input", _E, "an input path does not exist"),
    Code("no-inputs", _E, "an input folder holds no `.txt` file"),
    Code("unreadable", _E, "a file cannot be read (missing, no permission, an I/O error)",
         _BOTH),
    Code("failed", _E, "the input cannot be converted; the message says why (empty, binary, "
         "no header, broken metadata...)"),
    Code("internal-error", _E, "a bug in the tool stopped this input; the other inputs still "
         "convert (please report it)"),
    Code("unsupported", _W, "a format the tool recognises but cannot convert yet; the input "
         "is skipped"),
    Code("format-fallback", _W, "no reader recognises the text, so it was read as a plain "
         "text (`plain`); `--format` names another"),
    # Reading the bytes.
    Code("bom-removed", _W, "a byte-order mark at the start of the file was removed"),
    Code("character-replaced", _W, "characters XML does not allow were replaced with spaces"),
    Code("encoding-converted", _W, "the file was UTF-16 (it has a byte-order mark) and was "
         "converted to UTF-8"),
    Code("encoding-repaired", _W, "a few bytes of a UTF-8 file are not UTF-8; they were read "
         "as Windows-1252 (or replaced with U+FFFD), and the line is named"),
    Code("encoding-guessed", _W, "the file is not UTF-8; its encoding was detected and the "
         "text converted: check accented letters"),
    # The header.
    Code("title-supplied", _W, "the source has no title; one was made of the first words"),
    Code("author-inferred", _I, "the first line names a collection, not the author, or a "
         "plain text names none; the author was taken from the title (\"Marx To Engels\") or "
         "the signature"),
    Code("author-unknown", _W, "the first line names a collection, not the author, and "
         "neither the title nor a signature names one; the document has no author"),
    Code("field-empty", _W, "a header field has no value; it is kept as a note"),
    Code("field-unmapped", _I, "a header field with no TEI home of its own is kept as a note"),
    Code("date-unread", _W, "a date could not be read; it is kept as text"),
    Code("date-impossible", _W, "a date not in the calendar (29 February 1921) or a range "
         "that ends before it begins; kept as text, with no value"),
    Code("date-missing", _W, "no date was found for a work of a volume"),
    Code("date-from-dateline", _I, "the header field gives no date (or there is none); the "
         "letter's own dateline gave the creation date"),
    Code("metadata-unused", _W, "the metadata states a field no document of the file can "
         "use (a date or correspondent for the works of a volume, a volume's number for a "
         "single text); it is left out"),
    Code("link-text-removed", _W, "link text glued to the end of a header field was removed"),
    # The text.
    Code("body-empty", _W, "the text has a header (or a heading) but no body"),
    Code("navigation-removed", _I, "site navigation at the end of a page was left out"),
    Code("boilerplate-removed", _I, "the header lines, START and END lines and licence of a "
         "Project Gutenberg e-text were left out of the text (listed in the manifest)"),
    Code("markup-unclosed", _W, "an `[Illustration ...]` or `[Footnote n: ...]` never closes "
         "its bracket; it is kept as text"),
    Code("front-matter-dropped", _W, "lines before a volume's first work "
         "heading were left out"),
    Code("volume-metadata-missing", _W, "a volume has no metadata naming its author, so its "
         "works have no author"),
    Code("hyphen-removed", _I, "a word broken at a line end was joined"),
    Code("hyphen-kept", _I, "a word broken at a line end was joined with its hyphen (a "
         "compound)"),
    # Notes.
    Code("marker-unresolved", _W, "a note marker has no note; it is kept as text"),
    Code("note-unreferenced", _W, "a note has no marker in the text"),
    Code("note-duplicate", _W, "two notes have the same label"),
    Code("notes-unparsed", _W, "a notes section holds no numbered notes; it is kept as text"),
    # The run and the output folder.
    Code("id-collision", _W, "another input has this input's id, so it got a numbered one"),
    Code("not-text", _W, "a file in an input folder that is not a `.txt` text (or a link to "
         "a folder, not followed); listed, not converted"),
    Code("output-edited", _W, "an output was changed since it was converted; it is kept as "
         "it is (`--force` replaces it)"),
    Code("output-not-ours", _E, "an output would replace a file the tool did not write; the "
         "input is not converted and the file is left as it is"),
    Code("output-is-source", _E, "an output would replace a source of the run; the input is "
         "not converted"),
    # Checking TEI files (validate).
    Code("not-xml", _E, "the file is not well-formed XML, or it declares a DTD (refused, as "
         "are entities)", _VALIDATE),
    Code("schema-invalid", _E, "the document does not fit the RelaxNG schema it is checked "
         "against (`--schema`: `tei-convert.rng` unless another is named)", _VALIDATE),
    Code("id-duplicate", _E, "an `xml:id` value is used more than once", _VALIDATE),
    Code("target-unresolved", _E, "a `#target` points to no `xml:id` in the document",
         _VALIDATE),
    Code("note-unlinked", _W, "a note in `back` with an `xml:id` is not pointed to", _VALIDATE),
    Code("link-outside", _E, "a link in the folder points outside it; it is not followed "
         "(name the file itself to check it)", _VALIDATE),
    # Writing a CMIF file (cmif).
    Code("letter-unknown", _W, "a letter names neither its sender nor when it was sent; the "
         "CMIF file lists it as sent by \"Unknown\", undated", _CMIF),
    Code("source-unprinted", _W, "a letter's header names no printed source; its `bibl` in "
         "the CMIF file gives the letter's author and title, without the `@type` CMIF asks "
         "for", _CMIF),
)})
"""Every diagnostic code, by name."""


def registered(code: str, severity: Severity | None = None) -> Code:
    """The registry's entry for ``code``, checked against ``severity`` if given.

    Raises:
        KeyError: when ``code`` is not in :data:`CODES` (a bug in the tool).
        ValueError: when the registry gives it another severity.
    """
    entry = CODES.get(code)
    if entry is None:
        raise KeyError(f"diagnostic code '{code}' is not in the registry")
    if severity is not None and entry.severity is not severity:
        raise ValueError(f"diagnostic code '{code}' has severity {entry.severity.value}, "
                         f"not {severity.value}")
    return entry


@dataclass(frozen=True)
class Diagnostic:
    """One finding about one place in one source file.

    ``code`` is a stable, hyphenated identifier (``note-unreferenced``) that users
    can filter on; ``message`` is for people.
    """

    code: str
    severity: Severity
    message: str
    source: str
    line: int | None = None
    column: int | None = None
    """1-based, where the checker knows it (XML parsing and validation); it is
    left out of :meth:`render` and :meth:`to_json`, so converted output and the
    manifest do not depend on it."""

    def render(self, *, column: bool = False) -> str:
        """Format as ``source:line: severity code: message``; with ``column``, as
        ``source:line:column: ...`` where the column is known."""
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        if column and self.line is not None and self.column is not None:
            where = f"{where}:{self.column}"
        return f"{where}: {self.severity.value} {self.code}: {self.message}"

    def to_json(self) -> dict[str, object]:
        """The manifest form: only keys with values, so output stays stable."""
        data: dict[str, object] = {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "source": self.source,
        }
        if self.line is not None:
            data["line"] = self.line
        return data


def diagnostic(code: str, message: str, source: str, line: int | None = None,
               column: int | None = None) -> Diagnostic:
    """A diagnostic with the severity the registry gives ``code``.

    Raises:
        KeyError: when ``code`` is not in :data:`CODES`.
    """
    return Diagnostic(code, registered(code).severity, message, source, line, column)


@dataclass
class Reporter:
    """Collects diagnostics for one source file."""

    source: str
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def warn(self, code: str, message: str, line: int | None = None) -> None:
        """Record something a user should look at; the output is still written."""
        registered(code, Severity.WARNING)
        self.diagnostics.append(Diagnostic(code, Severity.WARNING, message, self.source, line))

    def info(self, code: str, message: str, line: int | None = None) -> None:
        """Record a decision the tool took (a repair, a line left out), for the manifest."""
        registered(code, Severity.INFO)
        self.diagnostics.append(Diagnostic(code, Severity.INFO, message, self.source, line))
