"""Running text of a volume: joining wrapped lines, hyphenation, page breaks
and bare note numbers.

In these volumes a note reference is a bare number after a word ("the
Ukrainian Rada 1 became strained"). A number is taken for a reference only
when the work has a note with that number and it is the next one expected,
so years, counts and "Article 1" stay text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from tei_convert.diagnostics import Reporter
from tei_convert.input.text import collapse_space
from tei_convert.model import Choice, Content, Inline, NoteRef, PageBreak
from tei_convert.readers.volume_layout import Line
from tei_convert.transforms.hyphenation import (
    Vocabulary,
    decide,
    find_line_end_hyphen,
    split_leading_word,
)

# A number right after a word or punctuation ("Rada 1", "Staff. 2", "parties,6"),
# or after a year ("January 10-18, 1918 1"); never glued to other digits.
_BARE_REF = re.compile(
    r"(?:(?<=[^\W\d_]|[.,;:!?\"”’)\]])\s{0,2}|(?<=\b\d{4})\s{1,2}|^)"
    r"([(\[]?)(\d{1,3})([)\]]?)(?=\s|$|[,.;:!?)])")
_DIGIT = re.compile(r"\d")
_BRACKETS = {"(": ")", "[": "]"}
_SKIP_AHEAD = 2
"""How many note numbers a reference may jump: a reference the text lost
should not hide all the ones after it."""
# Words after which a number is part of the text, never a note reference.
_NOT_BEFORE_REF = re.compile(
    r"(?:\b(?:No|Nos|Article|Clause|Point|Paragraph|Section|Chapter|Part|Volume|Vol|page|p|pp"
    r"|Art|art|of|the|to|from|by|at|in|on|and|or|than|January|February|March|April|May|June"
    r"|July|August|September|October|November|December|[Nn]umber)\.?|§)\s*$",
)


@dataclass
class RefCounter:
    """The next note number expected in a work's text."""

    labels: set[str]
    next_number: int = 1

    def take(self, label: str) -> bool:
        """Accept ``label`` as a reference if it is the next expected note (or
        one of the next few, when the text lost a reference)."""
        if label not in self.labels or not label.isdigit():
            return False
        number = int(label)
        if not self.next_number <= number <= self.next_number + _SKIP_AHEAD:
            return False
        self.next_number = number + 1
        return True


@dataclass
class TextBuilder:
    """Turns the physical lines of one paragraph into inline content."""

    vocabulary: Vocabulary
    reporter: Reporter
    refs: RefCounter | None = None

    def content(self, lines: Sequence[Line], *, first_in_work: bool = False) -> Content:
        """Inline content of ``lines``: one text with page breaks, note
        references and rejoined words."""
        parts: list[Inline] = []
        for index, line in enumerate(lines):
            text = line.text
            if parts:
                text, joined = self._rejoin(parts, text, lines[index - 1].number)
                if not joined:
                    _add_space(parts)
            if line.page_break_before and (index > 0 or not first_in_work):
                parts.append(PageBreak(line.number))
            after_text = bool(parts) and _ends_in_text(parts[-1])
            parts.extend(self._line(text, line.number, after_text=after_text))
        return _merge(parts)

    def _line(self, text: str, number: int, *, after_text: bool = False) -> list[Inline]:
        """Text and references of one line. A number opening the line counts only
        after text on the line before, and never as "1." or "1)" (a list item)."""
        if self.refs is None:
            return [text]
        if _DIGIT.search(text) is None:
            # Most lines hold no number at all: skip the costly scan below.
            return [text] if text else []
        parts: list[Inline] = []
        position = 0
        for match in _BARE_REF.finditer(text):
            if match.start() == 0 and (not after_text or match.group(1) or
                                       text[match.end():match.end() + 1] in (".", ")")):
                continue
            if _BRACKETS.get(match.group(1)) != (match.group(3) or None):
                continue  # "1)" numbers a list item; a reference is "1", "(1)" or "[1]"
            before = text[:match.start()]
            if _NOT_BEFORE_REF.search(before) or not self.refs.take(match.group(2)):
                continue
            parts.append(text[position:match.start()])
            parts.append(NoteRef(match.group(2), number))
            position = match.end()
        parts.append(text[position:])
        return [part for part in parts if part != ""]

    def _rejoin(self, parts: list[Inline], text: str, line: int) -> tuple[str, bool]:
        """If the text so far ends in a word broken with a hyphen, join it with
        the first word of ``text``. Returns what is left of ``text`` and whether
        a word was joined."""
        previous = parts[-1]
        end = find_line_end_hyphen(previous) if isinstance(previous, str) else None
        if end is None:
            return text, False
        word, rest = split_leading_word(text)
        if not word:
            return text, False
        head, fragment = end
        decision = decide(fragment, word, self.vocabulary)
        if decision.kept_hyphen:
            self.reporter.info("hyphen-kept", f"kept '{decision.text}' ({decision.reason})",
                               line)
            parts[-1] = head + decision.text
        else:
            self.reporter.info("hyphen-removed", f"joined '{fragment}{word}' as "
                               f"'{decision.text}' ({decision.reason})", line)
            parts[-1] = head
            parts.append(Choice(fragment + word, decision.text, line))
        return rest, True


def _ends_in_text(part: Inline) -> bool:
    """True when ``part`` ends with a letter or punctuation a reference may follow."""
    if not isinstance(part, str):
        return False
    stripped = part.rstrip()
    return bool(stripped) and not stripped[-1].isdigit()


def _add_space(parts: list[Inline]) -> None:
    """Separate two printed lines: the line end was a space, except after a
    dash set close to its word ("capital—" / "but" reads "capital—but")."""
    if isinstance(parts[-1], str):
        if parts[-1].endswith(("—", "–")) and not parts[-1][-2:-1].isspace():
            return
        parts[-1] = parts[-1] + " "
    else:
        parts.append(" ")


def _merge(parts: list[Inline]) -> Content:
    """Join adjacent text runs and tidy white space at the edges."""
    merged: list[Inline] = []
    for part in parts:
        if isinstance(part, str) and merged and isinstance(merged[-1], str):
            merged[-1] = merged[-1] + part
        elif part != "":
            merged.append(part)
    if merged and isinstance(merged[0], str):
        merged[0] = merged[0].lstrip()
    if merged and isinstance(merged[-1], str):
        merged[-1] = merged[-1].rstrip()
    return tuple(collapse_space(p) if isinstance(p, str) else p for p in merged if p != "")
