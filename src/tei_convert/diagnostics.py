"""Problems as values: content issues that still allow output."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Severity(Enum):
    """How much a diagnostic matters; the value is what the manifest stores."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True)
class Diagnostic:
    """One finding about one place in one source file.

    ``code`` is a stable, hyphenated identifier (``note-unused``) that users
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


@dataclass
class Reporter:
    """Collects diagnostics for one source file."""

    source: str
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def warn(self, code: str, message: str, line: int | None = None) -> None:
        """Record something a user should look at; the output is still written."""
        self.diagnostics.append(Diagnostic(code, Severity.WARNING, message, self.source, line))

    def info(self, code: str, message: str, line: int | None = None) -> None:
        """Record a decision the tool took (a repair, a line left out), for the manifest."""
        self.diagnostics.append(Diagnostic(code, Severity.INFO, message, self.source, line))
