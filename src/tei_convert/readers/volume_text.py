"""Running text of a volume: joining wrapped lines, hyphenation, page breaks
and bare note numbers.

In these volumes a note reference is a bare number after a word ("the
Ukrainian Rada 1 became strained"); which numbers are references is decided by
:func:`tei_convert.transforms.notes.bare_refs`. Plain texts hard-wrapped by
hand or by an editor join their lines here too, with their own note markers
(:func:`tei_convert.transforms.notes.split_form_markers`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tei_convert.diagnostics import Reporter
from tei_convert.input.text import collapse_space
from tei_convert.model import Choice, Content, Inline, PageBreak
from tei_convert.readers.volume_layout import Line
from tei_convert.transforms.hyphenation import (
    Vocabulary,
    decide,
    find_line_end_hyphen,
    split_leading_word,
)
from tei_convert.transforms.notes import LinkedMarkers, RefCounter, bare_refs, split_form_markers


@dataclass
class TextBuilder:
    """Turns the physical lines of one paragraph into inline content."""

    vocabulary: Vocabulary
    reporter: Reporter
    refs: RefCounter | None = None
    first_page: int | None = None
    """The printed number of the file's first page, when the metadata gives it."""
    linked: LinkedMarkers | None = None
    """The note markers to make references of, in a text that marks its notes
    with "[1]", "(1)" or "*" rather than bare numbers."""

    def content(self, lines: Sequence[Line], *, first_in_work: bool = False,
                turn_after: Line | None = None) -> Content:
        """Inline content of ``lines``: one text with page breaks, note
        references and rejoined words. ``turn_after`` is a line left out of the
        text (the notes' heading) that opens the next page: the page break
        closes the content."""
        parts: list[Inline] = []
        for index, line in enumerate(lines):
            text = line.text
            if parts:
                text, joined = self._rejoin(parts, text, lines[index - 1].number)
                if not joined:
                    _add_space(parts)
            if line.page_break_before and (index > 0 or not first_in_work):
                parts.append(self._page_break(line))
            after_text = bool(parts) and _ends_in_text(parts[-1])
            parts.extend(self._line(text, line.number, after_text=after_text))
        if turn_after is not None:
            parts.append(self._page_break(turn_after))
        return _merge(parts)

    def _page_break(self, line: Line) -> PageBreak:
        """The break before ``line``, numbered when the first page's number is known."""
        n = None if self.first_page is None else str(self.first_page + line.page)
        return PageBreak(line.number, n)

    def _line(self, text: str, number: int, *, after_text: bool = False) -> list[Inline]:
        """Text and references of one line (references only once the work's
        notes are known)."""
        if self.linked is not None:
            return split_form_markers(text, number, self.linked, after_text=after_text)
        if self.refs is None:
            return [text]
        return bare_refs(text, number, self.refs, after_text=after_text)

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
        # The manifest says which witness decided: a rule, or the word list.
        reason: str = decision.reason
        if reason == "lexicon" and self.vocabulary.lexicon is not None:
            reason = f"lexicon: {self.vocabulary.lexicon.name}"
        if decision.kept_hyphen:
            self.reporter.info("hyphen-kept", f"kept '{decision.text}' ({reason})", line)
            parts[-1] = head + decision.text
        else:
            self.reporter.info("hyphen-removed", f"joined '{fragment}{word}' as "
                               f"'{decision.text}' ({reason})", line)
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
