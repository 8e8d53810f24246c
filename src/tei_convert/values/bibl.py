"""Citations of the printed source: split a ``Source:`` line into recognisable parts.

The parts always join back to the citation (whitespace-normalised), so nothing the
source says is lost even when a segment cannot be classified.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from tei_convert.input.text import normalize_space
from tei_convert.model import Bibl, BiblKind, BiblPart, DateValue

# A comma separates segments, except between digits ("1,234" is one number).
_SEPARATOR = re.compile(r" ?(?:(?<!\d),|,(?!\d)) ?")
_NUMBER = r"[0-9]+[a-z]?|[ivxlcdm]+"  # "236c" and roman "xii" are page numbers too
# Hyphen, en dash or em dash between the ends of a range.
_RANGE = rf" ?(?P<from>{_NUMBER})(?: ?[-\u2013\u2014] ?(?P<to>{_NUMBER}))?"
_VOLUME = re.compile(rf"(?:volumes?|vols?\.?){_RANGE}", re.IGNORECASE)
_PAGES = re.compile(rf"(?:pages?|pp?\.?){_RANGE}", re.IGNORECASE)
_YEAR = re.compile(r"(?P<open>\(?)(?P<year>\d{4})(?P<close>\)?)")
# A year after other words: "International Publishers (1934)", "Moscow 1965".
_TRAILING_YEAR = re.compile(r"(?P<head>.+?)(?P<open> \(| )(?P<year>\d{4})(?P<close>\)?)")
_EDITION = re.compile(r"\bedition\b|\bed\.", re.IGNORECASE)
_PUBLISHER = re.compile(
    r"\b(?:Publishers?|Publishing|Press|Verlag|Books|House|Progress)\b|&\s*Wishart"
)
_WORD = r"[^\W\d_](?:[^\W\d_]|[.'\u2019-])*"
_PLACE = re.compile(rf"{_WORD}(?: {_WORD}){{0,2}}")


def parse_source(text: str) -> Bibl:
    """Split a citation into title, edition, publisher, place, date, volume and pages."""
    body, end = _split_final_period(normalize_space(text))
    parts: list[BiblPart] = []
    for index, (segment, separator) in enumerate(_segments(body)):
        parts.extend(_classify(segment, parts, first=index == 0))
        parts.append(BiblPart(separator))
    parts.append(BiblPart(end))
    return Bibl(tuple(part for part in parts if part.text))


def _split_final_period(text: str) -> tuple[str, str]:
    """Separate a closing period from the citation, unless it ends an abbreviation."""
    if not text.endswith("."):
        return text, ""
    last_word = text[:-1].rsplit(" ", 1)[-1]
    # "ed.", "Vol.", "Inc." keep their period; "237a." and "Moscow." do not.
    if last_word.isalpha() and len(last_word) <= 3:
        return text, ""
    return text[:-1], "."


def _segments(text: str) -> Iterator[tuple[str, str]]:
    """Yield each comma-separated segment with the separator that follows it."""
    pieces = _SEPARATOR.split(text)
    separators = [match.group() for match in _SEPARATOR.finditer(text)] + [""]
    yield from zip(pieces, separators, strict=True)


def _classify(segment: str, before: Sequence[BiblPart], *, first: bool) -> list[BiblPart]:
    """Read one segment; ``before`` are the parts already read, for context."""
    reference = _read_range(segment)
    if reference is not None:
        return [reference]
    year = _balanced(_YEAR.fullmatch(segment))
    if year is None and first:
        return [BiblPart(segment, BiblKind.TITLE)]
    year = year or _balanced(_TRAILING_YEAR.fullmatch(segment))
    if year is None:
        return [_read_words(segment, before)]
    head = year.groupdict().get("head")  # only a trailing year has words before it
    parts = [_read_words(head, before)] if head else []
    return [*parts, *_year_parts(year)]


def _read_range(segment: str) -> BiblPart | None:
    """A volume or page reference, with its range."""
    for pattern, kind in ((_VOLUME, BiblKind.VOLUME), (_PAGES, BiblKind.PAGES)):
        match = pattern.fullmatch(segment)
        if match:
            return BiblPart(segment, kind, range_from=match["from"], range_to=match["to"])
    return None


def _balanced(match: re.Match[str] | None) -> re.Match[str] | None:
    """The year match, unless it has only one of its parentheses."""
    if match is None or match["open"].endswith("(") != match["close"].endswith(")"):
        return None
    return match


def _year_parts(match: re.Match[str]) -> list[BiblPart]:
    """The year as a DATE part; spaces and parentheses around it as punctuation."""
    year = match["year"]
    date = BiblPart(year, BiblKind.DATE, date=DateValue(text=year, when=year))
    return [BiblPart(match["open"]), date, BiblPart(match["close"])]


def _read_words(segment: str, before: Sequence[BiblPart]) -> BiblPart:
    """An edition, publisher or place; anything else is kept as unread text."""
    if _EDITION.search(segment):
        return BiblPart(segment, BiblKind.EDITION)
    if _PUBLISHER.search(segment):
        return BiblPart(segment, BiblKind.PUBLISHER)
    if _is_place(segment, before):
        return BiblPart(segment, BiblKind.PLACE)
    return BiblPart(segment)


def _is_place(segment: str, before: Sequence[BiblPart]) -> bool:
    """A short capitalised name after the publisher or date, if no place came yet."""
    kinds = {part.kind for part in before}
    if BiblKind.PLACE in kinds or not kinds & {BiblKind.PUBLISHER, BiblKind.DATE}:
        return False
    return segment[:1].isupper() and _PLACE.fullmatch(segment) is not None
