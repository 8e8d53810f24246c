"""A JSON object read from a file a value at a time, so that one large array
in it (a manifest's document entries) is handed out item by item and never
held whole.

Each value is decoded by the standard library's own scanner, so it is what
:func:`json.loads` gives (large integers, ``NaN``, escaped lone surrogates,
the last of two equal keys); this module only walks the top-level object and
the chosen array, over a window of the file that grows until a value fits in
it. Two differences from :func:`json.loads`: the chosen array's key may
appear only once (its items are handed out as they are read), and an error
names the line and column of the whole file all the same.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable
from typing import BinaryIO

_WINDOW = 1 << 20
"""How much more of the file is read when a value does not fit the window."""
_SPACE = re.compile(r"[ \t\n\r]*")
_NUMBER_TAIL = 8
"""More than the characters a number's start may leave unread ("e+", ".")."""


class JsonStreamError(ValueError):
    """The file is not the JSON object expected; the message says where."""


def read_object(stream: BinaryIO, array: str, each: Callable[[object], None]) -> object:
    """The JSON value in ``stream``. When it is an object whose ``array``
    member is a list, that member is given as an empty list and its items are
    passed to ``each`` in order as they are read.

    Raises:
        JsonStreamError: the stream does not hold one JSON value, or holds
            ``array`` twice.
        UnicodeDecodeError: its bytes are not in the encoding they start in.
    """
    window = _Window(stream)
    if window.peek() != "{":
        return _only(window, window.value())
    window.take("{")
    found: dict[str, object] = {}
    more = window.peek() != "}"
    if not more:
        window.take("}")
    while more:
        if window.peek() != '"':
            raise window.error("Expecting property name enclosed in double quotes")
        key = str(window.value())
        window.take(":")
        if key == array and key in found:
            # Its items were handed out: which of the two is meant is unknown.
            raise window.error(f"the key '{array}' a second time")
        if key == array and window.peek() == "[":
            found[key] = []
            _items(window, each)
        else:
            found[key] = window.value()
        more = _another(window, "}")
    return _only(window, found)


def _only(window: _Window, value: object) -> object:
    """``value``, when nothing but white space follows it."""
    if window.peek():
        raise window.error("Extra data")
    return value


def _items(window: _Window, each: Callable[[object], None]) -> None:
    window.take("[")
    more = window.peek() != "]"
    if not more:
        window.take("]")
    while more:
        each(window.value())
        more = _another(window, "]")


def _another(window: _Window, close: str) -> bool:
    """Take the comma before another member or item (True), or the ``close``
    after the last (False)."""
    if window.peek() == ",":
        window.take(",")
        return True
    if window.peek() != close:
        raise window.error("Expecting ',' delimiter")
    window.take(close)
    return False


class _Window:
    """The part of the file not yet read as values, decoded."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        head = stream.read(4)
        # As json.loads(bytes) does: UTF-8, -16 or -32, told by the first bytes,
        # and surrogates encoded on their own let through.
        self._decoder = codecs.getincrementaldecoder(json.detect_encoding(head))(
            "surrogatepass")
        self._fed = 0
        """Bytes of the file given to the decoder."""
        self.text = self._decode(head)
        self.at = 0
        self.ended = False
        # The decoder's scanner (the C one): one value from a place in a string.
        self._scan: Callable[[str, int], tuple[object, int]] = \
            json.JSONDecoder().scan_once  # type: ignore[attr-defined]  # not in the stubs
        self._dropped = 0
        """Characters of the file before :attr:`text`."""
        self._lines = 1
        """The line :attr:`text` starts on."""
        self._column = 1
        """The column :attr:`text` starts at."""

    def _more(self) -> None:
        """Drop what has been read; read more of the file: as much as is left
        in the window, at least :data:`_WINDOW`, so that a value larger than
        the window is scanned again only a few times (each read doubles it)."""
        chunk = self._stream.read(max(_WINDOW, len(self.text) - self.at))
        self.ended = not chunk
        gone = self.text[:self.at]
        newlines = gone.count("\n")
        self._lines += newlines
        self._column = len(gone) - gone.rfind("\n") if newlines else self._column + len(gone)
        self._dropped += self.at
        self.text = self.text[self.at:] + self._decode(chunk, final=self.ended)
        self.at = 0

    def _decode(self, data: bytes, *, final: bool = False) -> str:
        """``data``, the next bytes of the file, as text.

        Raises:
            JsonStreamError: a byte the encoding has no character for, named by
                its place in the file (as json.loads names it).
        """
        held = len(self._decoder.getstate()[0])  # bytes of a character begun before
        try:
            text = self._decoder.decode(data, final=final)
        except UnicodeDecodeError as error:
            bad = error.object[error.start:error.end]
            place = self._fed - held + error.start
            where = (f"byte 0x{bad[0]:02x} in position {place}" if len(bad) == 1
                     else f"bytes in position {place}-{place + len(bad) - 1}")
            raise JsonStreamError(f"'{error.encoding}' codec can't decode {where}: "
                                  f"{error.reason}") from None
        self._fed += len(data)
        return text

    def peek(self) -> str:
        """The next character after white space, not taken ('' at the end)."""
        while True:
            self.at = _SPACE.match(self.text, self.at).end()  # type: ignore[union-attr]
            if self.at < len(self.text) or self.ended:
                return self.text[self.at:self.at + 1]
            self._more()

    def take(self, char: str) -> None:
        """Take ``char``, the next character after white space."""
        if self.peek() != char:
            raise self.error(f"Expecting '{char}' delimiter")
        self.at += 1

    def value(self) -> object:
        """The next JSON value, taken."""
        while True:
            self.peek()
            try:
                value, end = self._scan(self.text, self.at)
            except StopIteration as stop:  # no value starts where it says
                self._unless_cut_short("Expecting value", stop.value)
            except json.JSONDecodeError as error:
                self._unless_cut_short(error.msg, error.pos)
            else:
                # A number near the window's end may go on past it: the scanner
                # reads "1.5e" as 1.5, and the window may end before the "3".
                if end + _NUMBER_TAIL < len(self.text) or self.ended:
                    self.at = end
                    return value
            self._more()

    def _unless_cut_short(self, message: str, at: int) -> None:
        """Raise the scanner's error, unless the window's end may have caused it:
        a mistake well before the end is one the rest of the file cannot mend,
        so a broken file is not read to its end first."""
        cut = at + _NUMBER_TAIL >= len(self.text) or message.startswith("Unterminated string")
        if self.ended or not cut:
            raise self.error(message, at)

    def error(self, message: str, at: int | None = None) -> JsonStreamError:
        """``message`` with the line, column and character of the file where
        the reading stopped (``at`` in the window, by default where it is)."""
        at = self.at if at is None else at
        before = self.text[:at]
        newlines = before.count("\n")
        line = self._lines + newlines
        column = at - before.rfind("\n") if newlines else self._column + at
        return JsonStreamError(f"{message}: line {line} column {column} "
                               f"(char {self._dropped + at})")
