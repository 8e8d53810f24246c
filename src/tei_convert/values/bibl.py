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
# "V. I. Lenin", "G. Plekhanov": initials before a surname.
_INITIALS_NAME = re.compile(r"(?:[A-Z]\. ?){1,3}[A-Z][a-z]+(?:-[A-Z][a-z]+)?")
# A word of a person's name: capitalised letters ("Weber", "O'Brien", "Ibáñez").
_NAME_WORD = re.compile(r"[^\W\d_a-z][^\W\d_]*(?:['’-][^\W\d_]+)*\.?")
_MAX_NAME_WORDS = 4
# Words that make capitalised words a title, not a name ("Marx Engels Correspondence").
_GENRE = re.compile(r"\b(?:Works|Writings|Letters|Correspondence|Speeches|Articles|Papers"
                    r"|Documents|Selected|Collected|Essays|Archive|Miscellany)\b")
_MIN_TITLE_WORDS = 3
_WORD = r"[^\W\d_](?:[^\W\d_]|[.'\u2019-])*"
_PLACE = re.compile(rf"{_WORD}(?: {_WORD}){{0,2}}")


def parse_source(text: str, *, author: str | None = None) -> Bibl:
    """Split a citation into author, title, edition, publisher, place, date,
    volume and pages.

    Args:
        text: the citation as written.
        author: the text's author, if known: a citation that opens with that
            name ("Rosa Luxemburg, Letters from Prison, ...") names its author
            first, and its title second.
    """
    body, end = _split_final_period(normalize_space(text))
    segments = list(_segments(body))
    parts: list[BiblPart] = []
    title_at = 0
    if len(segments) > 1 and _names_author(segments[0][0], segments[1][0], author):
        parts += [BiblPart(segments[0][0], BiblKind.AUTHOR), BiblPart(segments[0][1])]
        title_at = 1
    for index, (segment, separator) in enumerate(segments[title_at:], title_at):
        parts.extend(_classify(segment, parts, first=index == title_at))
        parts.append(BiblPart(separator))
    parts.append(BiblPart(end))
    return Bibl(tuple(part for part in parts if part.text))


def _names_author(segment: str, following: str, author: str | None) -> bool:
    """Whether a citation's first segment is a person's name: the text's author
    as the text names them or with the same surname, a name with initials ("V. I.
    Lenin"), or two to four
    capitalised words before a title of three or more words ("Anna Weber, Letters
    from the Fortress"; not "Selected Letters, Orbis" or "Rosa Luxemburg Speaks,
    Pathfinder Press", whose second segment is a publisher)."""
    if _INITIALS_NAME.fullmatch(segment):
        return True
    words = segment.split()
    name_shaped = 2 <= len(words) <= _MAX_NAME_WORDS and all(
        _NAME_WORD.fullmatch(word) for word in words) and not _GENRE.search(segment)
    if author is not None and _folded(segment) and _folded(author) and (
            _folded(segment) == _folded(author)
            # "Pyotr Samsonov" for the author "P. I. Samsonov": the same surname.
            or (name_shaped and _folded(segment)[-1] == _folded(author)[-1])):
        return True
    return name_shaped and any(word[:1].islower() for word in following.split()) \
        and len(following.split()) >= _MIN_TITLE_WORDS and _read_range(following) is None \
        and not _PUBLISHER.search(following) and not _EDITION.search(following)


def _folded(name: str) -> list[str]:
    """A name's words, case and punctuation aside."""
    return re.sub(r"[^\w\s]", " ", name).casefold().split()


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
