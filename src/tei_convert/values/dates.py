"""Reading dates as English-language archive headers write them.

:func:`parse_date` reads a whole value ("Written on August 2, 1921", "Early 1921",
"Between May 10 and 15, 1920") into a :class:`~tei_convert.model.DateValue`;
:func:`find_dates` picks exact dates out of running text ("Pravda No. 240,
October 24, 1922; ..."). Neither guesses: what cannot be read for certain is
returned as text only, or not found.
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

from tei_convert.input.text import normalize_space
from tei_convert.model import DateValue

__all__ = ["DateMatch", "find_dates", "parse_date", "read_date"]

_MONTHS: dict[str, int] = {
    "january": 1, "jan": 1,
    "february": 2, "feb": 2,
    "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "may": 5,
    "june": 6, "jun": 6,
    "july": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
"""Month names and abbreviations, lower case; the one table every pattern is built from."""


_ROMAN_MONTHS = {numeral: number for number, numeral in enumerate(
    "I II III IV V VI VII VIII IX X XI XII".split(), 1)}  # noqa: SIM905
"""Months as Roman numerals, as Central and East European letters date them ("12/IV.1919")."""
_ROMAN = "(?-i:XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)"


def _month_words() -> str:
    """A regex alternation of the month table; only abbreviations may take a period."""
    # An abbreviation is a key another key of the same month starts with ("sep" of
    # "september"); a period after a full name ("May.") ends a sentence instead.
    short = {k for k in _MONTHS if any(o != k and o.startswith(k) for o in _MONTHS)}
    by_length = sorted(_MONTHS, key=len, reverse=True)
    full = "|".join(k for k in by_length if k not in short)
    abbreviated = "|".join(k for k in by_length if k in short)
    # (?a:) keeps case folding ASCII: "sept" with a long s (U+017F) would match
    # under Unicode folding and then miss the table.
    return rf"(?:(?a:{full})(?!\w)|(?a:{abbreviated})(?:\.|(?!\w)))"


_MONTH_WORD = _month_words()
_MONTH = rf"(?P<m>{_MONTH_WORD})"
# [0-9], not \d: other scripts' digits are not how these headers write dates.
_DAY = r"(?P<d>[0-9]{1,2})(?![0-9])(?a:st|nd|rd|th)?"
_YEAR = r"(?P<y>(?:1[0-9]|20)[0-9]{2})(?![0-9])"  # 1000-2099; others are numbers, not years
_ISO = r"(?P<y>(?:1[0-9]|20)[0-9]{2})-(?P<m>[0-9]{2})-(?P<d>[0-9]{2})(?![0-9])"
_SEP = r"(?:\s*,\s*|\s+)"
# "12/IV.1919", "9.III.1912", "3/XI": a day, a Roman month and maybe a year;
# in running text only written close ("5. I said" is no date).
_DAY_ROMAN_TIGHT = rf"{_DAY}[./](?P<m>{_ROMAN})(?![\w])(?:[./]?\s*{_YEAR})?"
_DAY_ROMAN = rf"{_DAY}\s*[./]\s*(?P<m>{_ROMAN})(?![\w])(?:\s*[./]?\s*{_YEAR})?"
_DASHES = "-\u2013\u2014"  # hyphen, en dash, em dash: all used between the ends of a range

# parse_date works on normalised text, so its patterns need no Unicode white space;
# ASCII-only case folding keeps matched words inside the lookup tables (Unicode folding
# lets U+017F match "s" and U+0130 match "i").
_PARSE_FLAGS = re.IGNORECASE | re.ASCII

# What one side of a range may be; a whole exact date is a side with a year.
_SIDE_PATTERNS = tuple(
    re.compile(pattern, _PARSE_FLAGS)
    for pattern in (
        _ISO,
        rf"{_MONTH}(?:\s+{_DAY})?(?:{_SEP}{_YEAR})?",
        rf"{_DAY}\s+(?:of\s+)?{_MONTH}(?:{_SEP}{_YEAR})?",
        rf"{_DAY}(?:{_SEP}{_YEAR})?",
        _YEAR,
        _DAY_ROMAN,
    )
)

_LEADING_WORDS = re.compile(r"(?:written(?: on| in)?|dated|on):? ", _PARSE_FLAGS)

_THIRDS = {"early": 0, "beginning of": 0, "mid": 1, "middle of": 1, "late": 2, "end of": 2}
"""Which third of a year (four months) or of a month (ten days, the rest) a word means."""
_PART = re.compile(
    rf"(?:the )?(?P<part>{'|'.join(_THIRDS)})(?: ?- ?| )(?:{_MONTH}{_SEP})?{_YEAR}",
    _PARSE_FLAGS,
)

_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}
"""First and last month of a (northern) season. Winter is left out on purpose: "winter
1920" may mean Dec 1919-Feb 1920 or Dec 1920-Feb 1921, so it stays text only."""
_SEASON = re.compile(
    rf"(?:the )?(?P<season>{'|'.join(_SEASONS)})(?: of)?{_SEP}{_YEAR}", _PARSE_FLAGS
)

_BOUNDS = {
    "not earlier than": ("not_before", False),
    "no earlier than": ("not_before", False),
    "not before": ("not_before", False),
    "after": ("not_before", True),
    "not later than": ("not_after", False),
    "no later than": ("not_after", False),
    "not after": ("not_after", False),
    "prior to": ("not_after", True),
    "before": ("not_after", True),
}
"""Open-ended wordings: which bound they set and whether the date itself is excluded."""
_BOUND = re.compile(rf"(?P<op>{'|'.join(_BOUNDS)}) (?P<rest>.+)", _PARSE_FLAGS)

_BETWEEN = re.compile(r"between (?P<body>.+)", _PARSE_FLAGS)
_FROM = re.compile(r"^from ", _PARSE_FLAGS)
_AND = re.compile(r" and ", _PARSE_FLAGS)
_TO = re.compile(rf" ?[{_DASHES}] ?| to ", _PARSE_FLAGS)
# "March 26 and 27, 1918" names two days (a speech over two sittings); the
# bounds cover both.
_TO_OR_AND = re.compile(rf" ?[{_DASHES}] ?| to | and ", _PARSE_FLAGS)
_TWO_DIGITS = re.compile(r"[0-9]{2}")

# The second day of a dual date (Old Style, then New Style in brackets).
_MONTH2 = _MONTH.replace("?P<m>", "?P<m2>")
_DAY2 = _DAY.replace("?P<d>", "?P<d2>")
_YEAR2 = _YEAR.replace("?P<y>", "?P<y2>")
_DUAL = (
    # "January 5 (18), 1918", "October 25 (November 7), 1917"
    rf"{_MONTH}\s+{_DAY}\s*\(\s*(?:{_MONTH2}\s+)?{_DAY2}\s*\){_SEP}{_YEAR}",
    # "5 (18) January 1918", "25 October (7 November) 1917"
    rf"{_DAY}\s*\(\s*{_DAY2}\s*\)\s+{_MONTH}{_SEP}{_YEAR}",
    rf"{_DAY}\s+{_MONTH}\s*\(\s*{_DAY2}\s+{_MONTH2}\s*\){_SEP}{_YEAR}",
    # "December 20, 1917 (January 2, 1918)"
    rf"{_MONTH}\s+{_DAY}{_SEP}{_YEAR}\s*\(\s*{_MONTH2}\s+{_DAY2}{_SEP}{_YEAR2}\s*\)",
)
_DUAL_PATTERNS = tuple(re.compile(pattern, _PARSE_FLAGS) for pattern in _DUAL)

# Exact dates in running text, most precise first (the order breaks ties).
_FIND_PATTERNS = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        *(rf"(?<!\w){dual}(?!\w)" for dual in _DUAL),
        rf"(?<!\w){_ISO}(?!\w)",
        rf"(?<!\w){_MONTH}\s+{_DAY}{_SEP}{_YEAR}(?!\w)",
        rf"(?<!\w)(?<!\d[.,]){_DAY}\s+(?:of\s+)?{_MONTH}{_SEP}{_YEAR}(?!\w)",
        rf"(?<!\w){_MONTH}{_SEP}{_YEAR}(?!\w)",
        rf"(?<!\w)(?<!\d[.,]){_YEAR}(?!\w|[.,]\d)",
        rf"(?<![\w./]){_DAY_ROMAN_TIGHT}(?![\w/])",
    )
)
# A number after these words is an issue, volume or page, not a day or a year;
# "pp. 1921-1930" covers the second number of such a range too.
_REFERENCE_BEFORE = re.compile(
    rf"(?<!\w)(?:pp?\.|pages?|nos?\.|numbers?|№|§|vols?\.?|volumes?)\s*(?:\w+\s*[{_DASHES}]\s*)?$",
    re.IGNORECASE,
)
# Words that make a date vague or one end of a period, so it is not an exact date.
_HEDGE_BEFORE = re.compile(
    r"(?<!\w)(?:c|ca|circa|about|around|approx|approximately|prior to|by"
    r"|before|after|since|until|till|than|between|from|to"
    r"|early|mid|late|middle of|beginning of|end of|winter|winter of)\.?\s*$",
    re.IGNORECASE,
)
_QUERY_AFTER = re.compile(r"\s*\[?\?")
_RANGE_BEFORE = re.compile(rf"(?:\d|{_MONTH_WORD})\s*[{_DASHES}]\s*$", re.IGNORECASE)
_RANGE_AFTER = re.compile(rf"\s*[{_DASHES}]\s*(?:\d|{_MONTH_WORD})", re.IGNORECASE)
_LOOK_BACK = 40
"""How many characters before a candidate the context checks look at."""


@dataclass(frozen=True)
class DateMatch:
    """An exact date found in running text."""

    start: int
    """Offset of the first character in the text searched (not normalised)."""
    end: int
    """Offset just past the last character: ``text[start:end]`` is the wording."""
    value: DateValue


@dataclass(frozen=True)
class _Parts:
    """Year, month and day as written; a side of a range may lack some."""

    year: int | None = None
    month: int | None = None
    day: int | None = None


class _Period(NamedTuple):
    """A readable date: its ISO form at the written precision and the days it covers."""

    iso: str
    first: date
    last: date


class _Reading(NamedTuple):
    """The machine-readable part of a :class:`DateValue`."""

    when: str | None = None
    not_before: str | None = None
    not_after: str | None = None
    when_julian: str | None = None


@lru_cache(maxsize=16384)
def parse_date(text: str) -> DateValue:
    """Read a whole date expression; unreadable or impossible dates give text only.
    (Cached: the layout rules ask of the same lines more than once.)

    Args:
        text: a header value such as ``"Written on Aug. 2, 1921"`` or ``"Mid-1921"``.

    Returns:
        A :class:`DateValue` whose ``text`` is ``text`` whitespace-normalised, with
        ``when`` for an exact date or ``not_before``/``not_after`` for a vague one.
    """
    normal = normalize_space(text)
    leading = _LEADING_WORDS.match(normal)
    body = normal[leading.end() if leading else 0 :].removesuffix(".").rstrip()
    for read in _READERS:
        reading = read(body)
        if reading is not None:
            return DateValue(normal, when=reading.when, not_before=reading.not_before,
                             not_after=reading.not_after, when_julian=reading.when_julian)
    return DateValue(normal, problem=_problem(body))


def _problem(body: str) -> str | None:
    """Why ``body``, which reads as a date or a range of dates, has no value."""
    if any(pattern.fullmatch(body) for pattern in _DUAL_PATTERNS):
        return (f"'{body}' gives two days that are not the same day in the Julian and "
                "Gregorian calendars")
    parts = _read_parts(body)
    if parts is not None and parts.year is not None and parts.month is not None \
            and _period(parts) is None:
        return f"'{body}' is not a day of the calendar"
    for cut in _TO.finditer(body):
        start, end = _read_parts(body[:cut.start()]), _read_parts(body[cut.end():])
        if start is None or end is None:
            continue
        first, last = _period(start), _period(end)
        if first is not None and last is not None and last.last < first.first:
            return f"the range '{body}' ends before it begins"
    return None


def find_dates(text: str) -> list[DateMatch]:
    """Find the exact dates in running text, in order, without overlaps.

    At each place the longest reading wins (day-month-year over month-year over
    year). Numbers after "No.", "Vol.", "p." and the like are not taken as days
    or years; dates that are hedged ("c. 1920", "1921?"), bounded ("before 1920")
    or one end of a range ("1920-21") are skipped, as are impossible ones.
    """
    candidates = sorted(_candidates(text), key=lambda c: (c[0], c[0] - c[1], c[2]))
    found: list[DateMatch] = []
    reached = 0
    for start, end, _rank in candidates:
        if start < reached:
            continue
        # A hedged or impossible date still claims its words, so that a shorter
        # reading inside it ("1920" of "c. May 1920") is not reported as exact.
        reached = end
        value = parse_date(text[start:end])
        if value.when is not None and not _is_inexact(text, start, end):
            found.append(DateMatch(start, end, value))
    return found


def _candidates(text: str) -> Iterator[tuple[int, int, int]]:
    """Every place a find pattern matches, as (start, end, rank), minus references."""
    for rank, pattern in enumerate(_FIND_PATTERNS):
        for match in pattern.finditer(text):
            start = match.start()
            if not _REFERENCE_BEFORE.search(text, max(0, start - _LOOK_BACK), start):
                yield start, match.end(), rank


def _is_inexact(text: str, start: int, end: int) -> bool:
    """True when the words around a found date make it vague or part of a range."""
    window = max(0, start - _LOOK_BACK)
    return bool(
        _HEDGE_BEFORE.search(text, window, start)
        or _RANGE_BEFORE.search(text, window, start)
        or _QUERY_AFTER.match(text, end)
        or _RANGE_AFTER.match(text, end)
    )


def _read_exact(body: str) -> _Reading | None:
    """A single date at year, month or day precision."""
    period = _read_period(body)
    return None if period is None else _Reading(when=period.iso)


def _read_month_day(body: str) -> _Reading | None:
    """A day of a month with no year ("3/XI", "May 10"): ISO's ``--MM-DD``."""
    parts = _read_parts(body)
    if parts is None or parts.year is not None or parts.month is None or parts.day is None:
        return None
    try:
        date(2000, parts.month, parts.day)  # a leap year: 29 February is a day
    except ValueError:
        return None
    return _Reading(when=f"--{parts.month:02d}-{parts.day:02d}")


def _read_dual(body: str) -> _Reading | None:
    """A day in both calendars, Old Style first ("January 5 (18), 1918",
    "October 25 (November 7), 1917", "December 20, 1917 (January 2, 1918)"):
    the Gregorian day, and the Julian one, when the two are the same day."""
    for pattern in _DUAL_PATTERNS:
        match = pattern.fullmatch(body)
        if match is not None:
            old, new = _dual_parts(match)
            break
    else:
        return None
    if old.year is None or old.month is None or old.day is None or new.month is None \
            or new.day is None or new.year is None:
        return None
    gregorian = _gregorian_of_julian(old.year, old.month, old.day)
    try:
        stated = date(new.year, new.month, new.day)
    except ValueError:
        return None
    if gregorian != stated:
        return None
    return _Reading(when=stated.isoformat(),
                    when_julian=f"{old.year:04d}-{old.month:02d}-{old.day:02d}")


def _dual_parts(match: re.Match[str]) -> tuple[_Parts, _Parts]:
    """The Old Style and New Style parts of a dual date; the second borrows
    the month and year it leaves out."""
    found = match.groupdict()
    def number(key: str) -> int | None:
        value = found.get(key)
        return None if value is None else int(value)
    def month(key: str) -> int | None:
        value = found.get(key)
        return None if value is None else _month_number(value)
    old = _Parts(number("y"), month("m"), number("d"))
    new_month = month("m2") or old.month
    new_year = number("y2") or old.year
    if number("y2") is None and new_year is not None and new_month is not None \
            and old.month is not None and new_month < old.month:
        # "December 20 (January 2), 1917": the year written once is the Old
        # Style date's, which the date is written in; the New Style day falls in
        # the next year.
        new_year += 1
    return old, _Parts(new_year, new_month, number("d2"))


def _gregorian_of_julian(year: int, month: int, day: int) -> date | None:
    """The Gregorian day of a Julian calendar date, or None if it is no Julian day."""
    leap = year % 4 == 0
    length = 29 if month == 2 and leap else monthrange(2001, month)[1]
    if not 1 <= day <= length:
        return None
    # The calendars drift apart by a day in each century year that is not a
    # Gregorian leap year; a date in January or February counts the year before.
    counted = year - 1 if month <= 2 else year
    offset = counted // 100 - counted // 400 - 2
    return date(year, month, 1) + timedelta(days=day - 1 + offset)


def _read_part(body: str) -> _Reading | None:
    """A third of a year or month: "Early 1921", "Mid-August 1921", "End of 1920"."""
    match = _PART.fullmatch(body)
    if match is None:
        return None
    third = _THIRDS[match["part"].lower()]
    year = int(match["y"])
    if match["m"] is None:
        first = date(year, 4 * third + 1, 1)
        last = _last_day(year, 4 * third + 4)
    else:
        month = _month_number(match["m"])
        first = date(year, month, 10 * third + 1)
        last = date(year, month, 10 * third + 10) if third < 2 else _last_day(year, month)
    return _Reading(not_before=first.isoformat(), not_after=last.isoformat())


def _read_season(body: str) -> _Reading | None:
    """A season of a year: "Spring 1920", "the autumn of 1921"."""
    match = _SEASON.fullmatch(body)
    if match is None:
        return None
    year = int(match["y"])
    first_month, last_month = _SEASONS[match["season"].lower()]
    first = date(year, first_month, 1)
    return _Reading(not_before=first.isoformat(), not_after=_last_day(year, last_month).isoformat())


def _read_bound(body: str) -> _Reading | None:
    """One open-ended bound: "Not earlier than 1920", "before May 1921"."""
    match = _BOUND.fullmatch(body)
    period = None if match is None else _read_period(match["rest"])
    if match is None or period is None:
        return None
    side, exclusive = _BOUNDS[match["op"].lower()]
    if side == "not_before":
        bound = (period.last + timedelta(days=1)).isoformat() if exclusive else period.iso
        return _Reading(not_before=bound)
    bound = (period.first - timedelta(days=1)).isoformat() if exclusive else period.iso
    return _Reading(not_after=bound)


def _read_range(body: str) -> _Reading | None:
    """Two ends of a period: "Between May 10 and 15, 1920", "May-June 1920", "1920-21"."""
    between = _BETWEEN.fullmatch(body)
    if between is not None:
        inner, connector = between["body"], _AND
    else:
        inner, connector = _FROM.sub("", body, count=1), _TO_OR_AND
    # Try every connector: an ISO end ("1920-05-10 - 1920-05-15") has dashes of its own.
    for cut in connector.finditer(inner):
        ends = _read_ends(inner[: cut.start()], inner[cut.end() :])
        if ends is not None:
            return _Reading(not_before=ends[0].iso, not_after=ends[1].iso)
    return None


_READERS: tuple[Callable[[str], _Reading | None], ...] = (
    _read_exact,
    _read_dual,
    _read_month_day,
    _read_part,
    _read_season,
    _read_bound,
    _read_range,
)
"""Tried in order on the value with its leading words removed; the first reading wins."""


def _read_ends(left: str, right: str) -> tuple[_Period, _Period] | None:
    """Both ends of a range; the first borrows the year (and month) it leaves out."""
    start = _read_parts(left)
    if start is None:
        return None
    end = _read_short_year(start, right) or _read_parts(right)
    if end is None:
        return None
    if end.month is None and end.day is not None:  # "May 10-15, 1920"
        end = replace(end, month=start.month)
    if start.month is None and start.day is not None:  # "10-15 May 1920"
        start = replace(start, month=end.month)
    if start.year is None:
        start = replace(start, year=end.year)
    first, last = _period(start), _period(end)
    if first is None or last is None:
        return None
    in_order = first.first < last.first and first.last <= last.last
    return (first, last) if in_order else None


def _read_short_year(start: _Parts, right: str) -> _Parts | None:
    """The end of "1920-21": two digits after a year alone, in the same century."""
    if start.year is None or start.month is not None or not _TWO_DIGITS.fullmatch(right):
        return None
    year = start.year - start.year % 100 + int(right)
    # "1921-08" is not read as 1921-2008 or as August: the end must come later.
    return _Parts(year=year) if year > start.year else None


def _read_period(text: str) -> _Period | None:
    """A complete, possible date at any precision."""
    parts = _read_parts(text)
    return None if parts is None else _period(parts)


def _read_parts(text: str) -> _Parts | None:
    """Year, month and day of one side of a range, as far as they are written."""
    for pattern in _SIDE_PATTERNS:
        match = pattern.fullmatch(text)
        if match is not None:
            found = match.groupdict()
            return _Parts(
                year=None if found.get("y") is None else int(found["y"]),
                month=None if found.get("m") is None else _month_number(found["m"]),
                day=None if found.get("d") is None else int(found["d"]),
            )
    return None


def _period(parts: _Parts) -> _Period | None:
    """The days ``parts`` covers; None if incomplete or not in the calendar (Feb 30)."""
    year, month, day = parts.year, parts.month, parts.day
    if year is None or (day is not None and month is None):
        return None
    try:
        if month is None:
            return _Period(f"{year:04d}", date(year, 1, 1), date(year, 12, 31))
        first = date(year, month, 1 if day is None else day)
    except ValueError:
        return None
    if day is None:
        return _Period(first.isoformat()[:7], first, _last_day(year, month))
    return _Period(first.isoformat(), first, first)


def _month_number(word: str) -> int:
    """The number of a month written as digits ("08"), a Roman numeral ("IV")
    or a name ("Aug.")."""
    if word.isdigit():
        return int(word)
    return _ROMAN_MONTHS.get(word) or _MONTHS[word.lower().rstrip(".")]


def _last_day(year: int, month: int) -> date:
    """The last day of a month."""
    return date(year, month, monthrange(year, month)[1])


# A note number or a remark in brackets after a date: "May 10-16, 1918 1",
# "December 22, 1917 (Newspaper Report)". A note number stands after a space:
# the "10" of "1920-05-10" is the day.
_DATE_TRAILER = re.compile(r"\s*(?:\([^()]*\)|(?<=\s)\d{1,2})\s*$")
# "June 25 - 1920": a dash standing where the comma before the year belongs.
_DAY_DASH_YEAR = re.compile(r"(\d{1,2})\s+[-\u2013]\s+(\d{4})$")


_QUALIFIER = re.compile(
    r"(?:c|ca|circa|about|around|approx|approximately|prior|to|before|after|since|until|till"
    r"|by|not|no|than|between|from|early|mid|late|middle|beginning|end|of|the|winter|spring"
    r"|summer|autumn|fall)[.,:]?", re.IGNORECASE)
"""Words that qualify the date after them: never dropped to find a date."""


def read_date(text: str, *, lead: Callable[[str], bool] | None = None) -> DateValue:
    """The date a short phrase states, keeping the phrase's wording as the text.

    Tries the whole phrase (without a trailing note number or bracketed
    remark), then the phrase without its first words while ``lead`` accepts
    them ("Speech Delivered January 10-18, 1918" reads as a range), then a
    single exact date found in it; otherwise text only.
    """
    wording = normalize_space(text)
    # A bracket in a dual date is its New Style day, not a remark to drop; only
    # a bracket asks for the whole wording to be read before the loop does.
    whole = parse_date(wording) if "(" in wording else None
    if whole is not None and whole.when_julian is not None:
        return whole
    core = _DAY_DASH_YEAR.sub(r"\1, \2", _DATE_TRAILER.sub("", wording).rstrip(" .;"))
    words = core.split(" ")
    for start in range(len(words)):
        # Words are dropped from the front only while ``lead`` accepts them, and
        # never a word that qualifies the date: "c." or "prior to" cut off would
        # leave an exact date the source does not state.
        dropped = words[start - 1] if start else ""
        if start and (_QUALIFIER.fullmatch(dropped) or (lead is not None and not lead(dropped))):
            break
        value = parse_date(" ".join(words[start:]))
        if value.is_understood or value.problem:
            return replace(value, text=wording)
    matches = find_dates(wording)
    if len(matches) == 1:
        return replace(matches[0].value, text=wording)
    return DateValue(wording)
