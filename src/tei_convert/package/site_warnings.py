"""Where a warning stands on a page of the reading edition: the paragraph, list
item, heading or note that shows its source line.

The TEI keeps no source line numbers, so the place is found by aligning the
words of the source (from the copy the manifest's sha256 vouches for) with the
words the page shows, in order. A warning whose line has no word on the page
(a header field, a line left out) stays in the report alone.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Collection, Sequence
from difflib import SequenceMatcher

from lxml import etree

from tei_convert.diagnostics import Reporter
from tei_convert.errors import InputError
from tei_convert.input.encoding import decode
from tei_convert.input.sanitize import sanitize, source_lines

_TOKEN = re.compile(r"\w+")
_MIN_WORDS = 3
"""Fewer words than this on a line are too common to place it by search alone."""
_BLOCKS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6"})


def read_lines(data: bytes, source: str) -> list[str] | None:
    """The source's lines numbered as the conversion numbered them, or None
    when the bytes no longer decode."""
    reporter = Reporter(source)
    try:
        return source_lines(sanitize(decode(data, source=source, reporter=reporter), reporter))
    except InputError:
        return None


def place(root: etree._Element, lines: Sequence[str], wanted: Collection[int],
          span: tuple[int, int] | None = None) -> dict[int, etree._Element]:
    """The block of the page showing each of the ``wanted`` source lines.

    Args:
        root: the page; its text is the ``div.tei-text``, less what the
            page adds (``class="added"``).
        lines: the whole source, one string per line.
        span: the first and last line of the document in the source, when
            the source holds more than one document.

    Returns:
        The block for each line found on the page; a line none of whose
        words the alignment matched is left out.
    """
    first, last = span or (1, len(lines))
    source_tokens, token_lines = _source_tokens(lines, first, last)
    page_tokens, blocks = _page_tokens(root)
    matcher = SequenceMatcher(None, source_tokens, page_tokens, autojunk=False)
    found: dict[int, etree._Element] = {}
    for block in matcher.get_matching_blocks():
        for offset in range(block.size):
            line = token_lines[block.a + offset]
            if line in wanted and line not in found:
                found[line] = blocks[block.b + offset]
    for line in wanted:
        if line not in found and first <= line <= min(last, len(lines)):
            at = _only_place(_line_words(lines[line - 1]), page_tokens)
            if at is not None:
                found[line] = blocks[at]
    return found


def _line_words(line: str) -> list[str]:
    """The words of a line that the page shows as they are: not a leading note
    number, nor a word broken by a hyphen at the line's end."""
    tokens = _TOKEN.findall(line.casefold())
    while tokens and tokens[0].isdigit():
        tokens.pop(0)
    if line.rstrip().endswith("-") and tokens:
        tokens.pop()
    return tokens


def _only_place(words: Sequence[str], tokens: Sequence[str]) -> int | None:
    """Where ``words`` stand in ``tokens``, when they stand there exactly once."""
    if len(words) < _MIN_WORDS:
        return None
    size = len(words)
    starts = [at for at in range(len(tokens) - size + 1)
              if tokens[at] == words[0] and list(tokens[at:at + size]) == list(words)]
    return starts[0] if len(starts) == 1 else None


def _source_tokens(lines: Sequence[str], first: int, last: int) -> tuple[list[str], list[int]]:
    tokens: list[str] = []
    numbers: list[int] = []
    for number in range(first, min(last, len(lines)) + 1):
        for token in _TOKEN.findall(lines[number - 1].casefold()):
            tokens.append(token)
            numbers.append(number)
    return tokens, numbers


def _page_tokens(root: etree._Element) -> tuple[list[str], list[etree._Element]]:
    """The words of the page's text in reading order, each with its block.
    A word split by markup (a line break inside it) is read whole, as shown."""
    tokens: list[str] = []
    blocks: list[etree._Element] = []
    for text_div in root.iterfind(".//div[@class='tei-text']"):
        runs: list[tuple[str, etree._Element]] = []
        _collect(text_div, None, runs)
        joined = "".join(text for text, _ in runs)
        starts = _run_starts(runs)
        for match in _TOKEN.finditer(joined.casefold()):
            tokens.append(match.group())
            blocks.append(runs[bisect_right(starts, match.start()) - 1][1])
    return tokens, blocks


def _run_starts(runs: Sequence[tuple[str, etree._Element]]) -> list[int]:
    starts, at = [], 0
    for text, _ in runs:
        starts.append(at)
        at += len(text)
    return starts


def _collect(element: etree._Element, block: etree._Element | None,
             runs: list[tuple[str, etree._Element]]) -> None:
    """Append the shown text under ``element`` with the block each run is in;
    a block's end is a word boundary."""
    if "added" in (element.get("class") or "").split():
        return
    if isinstance(element.tag, str) and element.tag in _BLOCKS:
        block = element
        runs.append((" ", block))
    if element.text and block is not None:
        runs.append((element.text, block))
    for child in element:
        _collect(child, block, runs)
        if child.tail and block is not None:
            runs.append((child.tail, block))
    if element is block:
        runs.append((" ", block))
