"""Exceptions that stop a document; every one is a :class:`TeiConvertError`."""

from __future__ import annotations


class TeiConvertError(Exception):
    """A problem that stops one document (or the run) from being converted.

    The message says what is wrong and, where possible, what to do about it;
    ``source``, ``line`` and (rarely known) ``column`` locate it in the input.
    """

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None,
                 column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source
        self.line = line
        self.column = column

    def __str__(self) -> str:
        where = self.source or ""
        if self.source and self.line is not None:
            where = f"{self.source}:{self.line}"
        return f"{where}: {self.message}" if where else self.message


class InputError(TeiConvertError):
    """The input cannot be read as text or has no usable content."""


class NotThisFormatError(InputError):
    """The text looked like the format its reader was chosen for, but lacks its
    structure (a double-spaced text with no volume's work headings): a text
    recognised by its look is then read by the fallback reader."""


class UnknownFormatError(TeiConvertError):
    """No reader recognises the input, or a reader name is not known."""


class UnsupportedFormatError(TeiConvertError):
    """The input is in a format the tool recognises but cannot convert yet."""


class OutputError(TeiConvertError):
    """The output folder or a file in it cannot be written."""


class ConfigError(TeiConvertError):
    """The configuration file cannot be read or breaks its schema."""


class EditionError(TeiConvertError):
    """An output folder does not hold what its manifest lists, or cannot be packaged."""


class ManifestError(EditionError):
    """An output folder's manifest is missing, unreadable or breaks its schema."""


class ValidationError(TeiConvertError):
    """Generated TEI failed our schema or integrity checks (a bug in the tool)."""


class SettingError(TeiConvertError):
    """A command lacks a setting it needs (an option or a configuration key), or
    was given one it cannot use; nothing was read or written."""


class SchemaError(TeiConvertError):
    """A RelaxNG schema to validate against cannot be found, read or compiled."""


class MissingDependencyError(TeiConvertError):
    """An option needs an optional dependency that is not installed."""


class BusyError(TeiConvertError):
    """Another run is writing the same output folder."""
