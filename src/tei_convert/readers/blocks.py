"""Splitting source lines into blank-line separated blocks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tei_convert.input.text import normalize_space
from tei_convert.model import Span


@dataclass(frozen=True)
class RawBlock:
    """Consecutive non-blank source lines, before any interpretation."""

    lines: tuple[str, ...]
    span: Span

    @property
    def text(self) -> str:
        """The lines joined with single spaces, whitespace normalised."""
        return normalize_space(" ".join(self.lines))


def split_blocks(lines: Sequence[str], first_line: int) -> list[RawBlock]:
    """Group ``lines`` into blocks at blank lines.

    Args:
        lines: source lines without line ends.
        first_line: the 1-based line number of ``lines[0]`` in the file.
    """
    blocks: list[RawBlock] = []
    current: list[str] = []
    start = first_line
    for offset, line in enumerate(lines):
        number = first_line + offset
        if line.strip():
            if not current:
                start = number
            current.append(line)
        elif current:
            blocks.append(RawBlock(tuple(current), Span(start, number - 1)))
            current = []
    if current:
        blocks.append(RawBlock(tuple(current), Span(start, start + len(current) - 1)))
    return blocks
