"""Tests for reading date expressions and finding dates in running text."""

from __future__ import annotations

import dataclasses
import re
from calendar import monthrange
from collections.abc import Callable
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tei_convert.model import DateValue
from tei_convert.values.dates import DateMatch, find_dates, parse_date, read_date

_ISO_FORM = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


def days_of(iso: str) -> tuple[date, date]:
    """First and last day an ISO value covers; fails the test if it is malformed."""
    match = _ISO_FORM.fullmatch(iso)
    assert match is not None, f"not an ISO date: {iso!r}"
    year, month, day = match.groups()
    if day is not None:
        exact = date.fromisoformat(iso)
        return exact, exact
    if month is not None:
        first = date(int(year), int(month), 1)
        return first, date(first.year, first.month, monthrange(first.year, first.month)[1])
    return date(int(year), 1, 1), date(int(year), 12, 31)


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("August 2, 1921", "1921-08-02"),
        ("Aug. 2, 1921", "1921-08-02"),
        ("Aug 2, 1921", "1921-08-02"),
        ("Sept. 22, 1921", "1921-09-22"),
        ("2 August 1921", "1921-08-02"),
        ("20 October 1922", "1922-10-20"),
        ("14 April, 1921", "1921-04-14"),
        ("14th April 1921", "1921-04-14"),
        ("14th of April 1921", "1921-04-14"),
        ("April 14th, 1921", "1921-04-14"),
        ("September 22, 1921", "1921-09-22"),
        ("December 21,1929", "1929-12-21"),
        ("AUGUST 2, 1921", "1921-08-02"),
        ("august 2 1921", "1921-08-02"),
        ("August 1921", "1921-08"),
        ("August, 1921", "1921-08"),
        ("1921", "1921"),
        ("1921.", "1921"),
        ("August 2, 1921 .", "1921-08-02"),
        ("1921-08-02", "1921-08-02"),
        ("February 29, 1920", "1920-02-29"),
        ("Written September 22, 1921", "1921-09-22"),
        ("Written on August 2, 1921", "1921-08-02"),
        ("Written in July 1920", "1920-07"),
        ("written in 1920.", "1920"),
        ("Dated 3 March 1918.", "1918-03-03"),
        ("On May 1, 1920", "1920-05-01"),
    ],
)
def test_exact_dates_set_when(text: str, when: str) -> None:
    assert parse_date(text) == DateValue(text, when=when)


@pytest.mark.parametrize(
    ("text", "not_before", "not_after"),
    [
        ("Early 1921", "1921-01-01", "1921-04-30"),
        ("Beginning of 1921", "1921-01-01", "1921-04-30"),
        ("Mid 1921", "1921-05-01", "1921-08-31"),
        ("Mid-1921", "1921-05-01", "1921-08-31"),
        ("Middle of 1921", "1921-05-01", "1921-08-31"),
        ("Late 1920", "1920-09-01", "1920-12-31"),
        ("End of 1920", "1920-09-01", "1920-12-31"),
        ("the end of 1920", "1920-09-01", "1920-12-31"),
        ("Early August 1921", "1921-08-01", "1921-08-10"),
        ("Mid-August 1921", "1921-08-11", "1921-08-20"),
        ("Middle of August 1921", "1921-08-11", "1921-08-20"),
        ("Late August 1921", "1921-08-21", "1921-08-31"),
        ("Late February 1920", "1920-02-21", "1920-02-29"),
        ("Late February 1921", "1921-02-21", "1921-02-28"),
        ("Late Sept. 1921", "1921-09-21", "1921-09-30"),
        ("Spring 1920", "1920-03-01", "1920-05-31"),
        ("Summer 1920", "1920-06-01", "1920-08-31"),
        ("Autumn 1920", "1920-09-01", "1920-11-30"),
        ("Fall 1920", "1920-09-01", "1920-11-30"),
        ("the spring of 1920", "1920-03-01", "1920-05-31"),
        ("Written in the summer of 1920", "1920-06-01", "1920-08-31"),
    ],
)
def test_vague_dates_set_computed_bounds(text: str, not_before: str, not_after: str) -> None:
    assert parse_date(text) == DateValue(text, not_before=not_before, not_after=not_after)


@pytest.mark.parametrize(
    ("text", "not_before", "not_after"),
    [
        ("Between May 10 and 15, 1920", "1920-05-10", "1920-05-15"),
        ("Between May 10 and June 2, 1920", "1920-05-10", "1920-06-02"),
        ("between 10 May and 2 June 1920", "1920-05-10", "1920-06-02"),
        ("Between December 30, 1919 and January 2, 1920", "1919-12-30", "1920-01-02"),
        ("May 10-15, 1920", "1920-05-10", "1920-05-15"),
        ("May 10 \u2013 15, 1920", "1920-05-10", "1920-05-15"),
        ("May 10\u201415, 1920", "1920-05-10", "1920-05-15"),
        ("10-15 May 1920", "1920-05-10", "1920-05-15"),
        ("10\u201315 May 1920", "1920-05-10", "1920-05-15"),
        ("May-June 1920", "1920-05", "1920-06"),
        ("May \u2013 June 1920", "1920-05", "1920-06"),
        ("May to June 1920", "1920-05", "1920-06"),
        ("from May to June 1920", "1920-05", "1920-06"),
        ("December 1919-January 1920", "1919-12", "1920-01"),
        ("1920-1921", "1920", "1921"),
        ("1920\u20131921", "1920", "1921"),
        ("1920-21", "1920", "1921"),
        ("1999-2001", "1999", "2001"),
        ("between 1919 and 1920", "1919", "1920"),
        ("Written between 1919 and 1920", "1919", "1920"),
        ("1920-05-10 \u2013 1920-05-15", "1920-05-10", "1920-05-15"),
    ],
)
def test_ranges_keep_the_written_precision(text: str, not_before: str, not_after: str) -> None:
    assert parse_date(text) == DateValue(text, not_before=not_before, not_after=not_after)


@pytest.mark.parametrize(
    ("text", "not_before", "not_after"),
    [
        ("Not earlier than August 1921", "1921-08", None),
        ("No earlier than 2 August 1921", "1921-08-02", None),
        ("not before 1920", "1920", None),
        ("After 1920", "1921-01-01", None),
        ("after August 31, 1921", "1921-09-01", None),
        ("Not later than May 5, 1921", None, "1921-05-05"),
        ("No later than May 1921", None, "1921-05"),
        ("Not after 1921", None, "1921"),
        ("Before 1921", None, "1920-12-31"),
        ("before March 1920", None, "1920-02-29"),
    ],
)
def test_open_bounds_set_one_side(text: str, not_before: str | None, not_after: str | None) -> None:
    assert parse_date(text) == DateValue(text, not_before=not_before, not_after=not_after)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "Written",
        "unknown",
        "Moscow, September 18, 1918",
        "May 25, 1919 (1)",
        "circa 1920",
        "c. 1920",
        "ca. 1920",
        "about 1920",
        "1921?",
        "Winter 1920",
        "Winter 1920-21",
        "15, 1920",
        "February 30",
        "31/IV",
        "1921-08",
        "1921-20",
        "May 1920-21",
        "Between May 15 and 10, 1920",
        "December - January 1921",
        "240",
        "921",
        "3000",
        "0999",
        "1,921",
        "1920s",
        "May. 1920",
        "Augustus 1921",
        "2 August 19210",
        "August 211921",
        "\u0661\u0669\u0662\u0661",
        "Early",
        "Mid-Winter 1920",
    ],
)
def test_unreadable_text_is_kept_as_text_only(text: str) -> None:
    value = parse_date(text)
    assert value == DateValue(" ".join(text.split()))
    assert not value.is_understood


@pytest.mark.parametrize(
    "text",
    [
        "February 30, 1921",
        "February 29, 1921",
        "30 February 1921",
        "April 31, 1921",
        "August 0, 1921",
        "August 32, 1921",
        "1921-02-30",
        "1921-13-01",
        "1921-00-10",
        "Between May 10 and 32, 1920",
        "February 29-30, 1920",
        "Not earlier than February 30, 1921",
    ],
)
def test_impossible_calendar_dates_are_text_only(text: str) -> None:
    value = parse_date(text)
    assert (value.when, value.not_before, value.not_after) == (None, None, None)
    if not any(word in text for word in ("Between", "earlier", "-30")):  # a single date
        assert value.problem == f"'{text}' is not a day of the calendar"


@pytest.mark.parametrize("text", ["1921-1920", "20 October 1922 - 3 March 1917",
                                  "June 1920 to May 1920", "1921-05-10 - 1920-05-10"])
def test_a_range_that_ends_before_it_begins_is_text_with_a_reason(text: str) -> None:
    value = read_date(text)
    assert (value.when, value.not_before, value.not_after) == (None, None, None)
    assert value.problem == f"the range '{text}' ends before it begins"


@pytest.mark.parametrize(
    ("text", "not_before", "not_after"),
    [
        # The end may stop on the last day the start covers, not earlier.
        ("1920-December 1920", "1920", "1920-12"),
        ("1920-December 31, 1920", "1920", "1920-12-31"),
        # A start on the same first day as the end, or inside it, is no range.
        ("January 1920-1920", None, None),
        ("May 1920-1920", None, None),
        ("1920-1920", None, None),
        ("May 10, 1920 - May 10, 1920", None, None),
    ],
)
def test_a_range_starts_before_its_end_and_ends_after_its_start(
        text: str, not_before: str | None, not_after: str | None) -> None:
    value = parse_date(text)
    assert (value.when, value.not_before, value.not_after) == (None, not_before, not_after)
    # Ends that meet or overlap are not a range that ends before it begins.
    assert value.problem is None


@pytest.mark.parametrize("text", ["c. 1920", "About 1920", "circa 1910", "Winter 1920",
                                  "end of August–beginning of September 1916",
                                  "Early 1922-", "approximately May 1917"])
def test_a_hedged_date_is_never_an_exact_one(text: str) -> None:
    assert read_date(text).when is None


@pytest.mark.parametrize(("text", "not_after"), [("prior to August 22, 1916", "1916-08-21"),
                                                 ("Prior to 1917", "1916-12-31")])
def test_prior_to_is_an_upper_bound(text: str, not_after: str) -> None:
    value = read_date(text)
    assert (value.when, value.not_after) == (None, not_after)


@pytest.mark.parametrize(
    ("text", "normal", "when"),
    [
        ("August\u00a02,\u00a01921", "August 2, 1921", "1921-08-02"),
        ("  Written\ton\n August  2,\u2003 1921 ", "Written on August 2, 1921", "1921-08-02"),
        ("\u00a01921\u00a0", "1921", "1921"),
        ("Aug.\u202f2,\r\n1921.", "Aug. 2, 1921.", "1921-08-02"),
    ],
)
def test_text_is_whitespace_normalised(text: str, normal: str, when: str) -> None:
    assert parse_date(text) == DateValue(normal, when=when)


def test_vague_text_with_no_break_space_keeps_bounds() -> None:
    assert parse_date("Between\u00a0May\u00a010 and\u00a015, 1920") == DateValue(
        "Between May 10 and 15, 1920", not_before="1920-05-10", not_after="1920-05-15"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "First published January 20, 1929 in Torgovo-Promyshlennaya Gazeta No. 17.",
            [("January 20, 1929", "1929-01-20")],
        ),
        (
            "Pravda No. 240, October 24, 1922; Published according to the Pravda text",
            [("October 24, 1922", "1922-10-24")],
        ),
        ("First published in 1933 in Lenin Miscellany XXIII.", [("1933", "1933")]),
        ("Progress Publishers, 1976, Moscow, Volume 45", [("1976", "1976")]),
        ("Izvestia No. 85, April 23, 1919;", [("April 23, 1919", "1919-04-23")]),
        ("Pravda No. 301, December 21,1929", [("December 21,1929", "1929-12-21")]),
        ("Proletarskaya Revolutsia, No. 7, 1936;", [("1936", "1936")]),
        ("Moscow, May 1, 1920", [("May 1, 1920", "1920-05-01")]),
        ("Written in July 1920 at Moscow", [("July 1920", "1920-07")]),
        ("signed on 2 August 1921.", [("2 August 1921", "1921-08-02")]),
        ("signed on 14th of April, 1921.", [("14th of April, 1921", "1921-04-14")]),
        (
            "issued Aug. 2, 1921 and Sept. 5, 1921",
            [
                ("Aug. 2, 1921", "1921-08-02"),
                ("Sept. 5, 1921", "1921-09-05"),
            ],
        ),
        ("dated 1921-08-02 in the file", [("1921-08-02", "1921-08-02")]),
        ("August\u00a02,\n1921 was a Tuesday", [("August\u00a02,\n1921", "1921-08-02")]),
        ("Gazeta No. 17 May 1920", [("May 1920", "1920-05")]),
        ("Vol. 2 August 1921", [("August 1921", "1921-08")]),
        ("pp. 1921-1930, 1 May 1920", [("1 May 1920", "1920-05-01")]),
        ("page 1921 of the 1935 edition", [("1935", "1935")]),
        ("in 1921 \u2014 the year of NEP", [("1921", "1921")]),
        ("written in mid-1921", [("1921", "1921")]),
        ("May 10-15, 1920", [("1920", "1920")]),
        ("Articles and Speeches (1921-27), Moscow", []),
        ("in 1920\u20131921", []),
        ("10-15 May 1920", []),
        ("May-June 1920", []),
        ("c. 1920", []),
        ("c. May 1920", []),
        ("circa August 2, 1921", []),
        ("about 1920", []),
        ("not later than 1920", []),
        ("before 1921", []),
        ("written in 1921? probably", []),
        ("February 30, 1921", []),
        ("No. 240, 1,000 copies, 3000 words, the 1920s", []),
        ("pages 344b-345a", []),
        ("Volume 1921", []),
        ("The may 1920 ...", [("may 1920", "1920-05")]),
        ("Remay 1920", [("1920", "1920")]),
        ("", []),
    ],
)
def test_find_dates_gives_exact_dates_with_offsets(
    text: str, expected: list[tuple[str, str]]
) -> None:
    found = [(text[m.start : m.end], m.value.when) for m in find_dates(text)]
    assert found == expected


def test_find_dates_offsets_point_into_the_original_text() -> None:
    text = "Pravda\u00a0No.\u00a0240,  October\u00a0 24,\n1922;"
    (match,) = find_dates(text)
    assert match == DateMatch(
        start=17, end=34, value=DateValue("October 24, 1922", when="1922-10-24")
    )
    assert text[match.start : match.end] == "October\u00a0 24,\n1922"


def test_date_match_is_frozen() -> None:
    match = DateMatch(0, 4, DateValue("1921", when="1921"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        match.start = 1  # type: ignore[misc]


_DATE_WORDS = st.sampled_from(
    [
        "1920", "1921", "21", "2", "15", "30", "31", "0", "00", "99", "3000", "-", "\u2013",
        "\u2014", ",", ".", "?", " ", "\u00a0", "\n", "May", "Aug.", "February", "sept",
        "Early", "Mid-", "Late", "End of", "Spring", "Winter", "Between", "and", "to", "from",
        "Not earlier than", "Before", "after", "No.", "pp.", "c.", "Written on", "1921-02-29",
        "2099", "1000", "the", "of", "th",
    ]
)  # fmt: skip
_DATE_LIKE = st.lists(_DATE_WORDS, max_size=12).map(" ".join) | st.lists(
    _DATE_WORDS, max_size=12
).map("".join)


def assert_consistent(value: DateValue) -> None:
    """``when`` excludes the bounds; every value is ISO; bounds are in order."""
    if value.when is not None:
        month_day = re.fullmatch(r"--([0-9]{2})-([0-9]{2})", value.when)
        if month_day is not None:  # a day of a month, no year: it must be a day of a leap year
            date(2000, int(month_day[1]), int(month_day[2]))
        else:
            days_of(value.when)
        assert value.not_before is None
        assert value.not_after is None
    for bound in (value.not_before, value.not_after):
        if bound is not None:
            days_of(bound)
    if value.not_before is not None and value.not_after is not None:
        assert days_of(value.not_before)[0] <= days_of(value.not_after)[1]


@given(st.text() | _DATE_LIKE)
def test_parse_date_never_raises_and_gives_iso_values(text: str) -> None:
    value = parse_date(text)
    assert value.text == " ".join(text.split())
    assert_consistent(value)


@given(st.text() | _DATE_LIKE)
def test_find_dates_matches_are_ordered_exact_and_reparse(text: str) -> None:
    reached = 0
    for match in find_dates(text):
        assert reached <= match.start < match.end <= len(text)
        reached = match.end
        assert match.value.when is not None
        assert match.value == parse_date(text[match.start : match.end])
        if match.value.when_julian is not None:
            assert days_of(match.value.when_julian)
        assert_consistent(match.value)


@pytest.mark.parametrize(
    ("text", "not_before", "not_after"),
    [
        ("March 26 and 27, 1918", "1918-03-26", "1918-03-27"),
        ("November 6 and 19, 1918", "1918-11-06", "1918-11-19"),
        ("May 25 and June 2, 1920", "1920-05-25", "1920-06-02"),
    ],
)
def test_two_days_joined_by_and_are_bounds(text: str, not_before: str, not_after: str) -> None:
    value = parse_date(text)
    assert (value.when, value.not_before, value.not_after) == (None, not_before, not_after)


@pytest.mark.parametrize(
    ("text", "when", "not_before", "not_after"),
    [
        ("Speech Deliver January 10-18, 1918 1", None, "1918-01-10", "1918-01-18"),
        ("December 22, 1917 (Newspaper Report)", "1917-12-22", None, None),
        ("June 25 - 1920", "1920-06-25", None, None),
        ("Moscow, September 18, 1918", "1918-09-18", None, None),
        ("Written in exile, 1921", "1921", None, None),
        ("January 10-18, 1918;", None, "1918-01-10", "1918-01-18"),
        # The day of an ISO date at the end is not a note number.
        ("1920-05-10 \u2013 1920-05-15", None, "1920-05-10", "1920-05-15"),
    ],
)
def test_read_date_in_a_short_phrase(text: str, when: str | None, not_before: str | None,
                                     not_after: str | None) -> None:
    value = read_date(text)
    assert (value.when, value.not_before, value.not_after) == (when, not_before, not_after)
    assert value.text == text


def test_read_date_only_skips_the_words_lead_allows() -> None:
    # Lower-case words may not be skipped, and "until January 1924" is no
    # exact date for the fallback search either.
    capitalised = read_date("name and continued publication until January 1924.",
                            lead=lambda word: word[:1].isupper())
    assert not capitalised.is_understood
    assert read_date("Printed in Moscow January 1924", lead=str.istitle).when == "1924-01"


@pytest.mark.parametrize(
    ("text", "lead", "expected"),
    [
        # Capitalised words may be skipped, so the range after them is read.
        ("Speech Delivered January 10-18, 1918", str.istitle,
         DateValue("Speech Delivered January 10-18, 1918", not_before="1918-01-10",
                   not_after="1918-01-18")),
        # "in" may not be skipped: the date is found in the phrase instead,
        # and the text is still the whole phrase.
        ("Printed in Moscow January 1924", str.istitle,
         DateValue("Printed in Moscow January 1924", when="1924-01")),
        ("no date here", None, DateValue("no date here")),
    ],
)
def test_read_date_keeps_the_phrase_as_its_text(text: str, lead: Callable[[str], bool] | None,
                                                 expected: DateValue) -> None:
    assert read_date(text, lead=lead) == expected


def test_an_impossible_written_date_is_reported_on_its_line() -> None:
    from tei_convert import convert_text

    text = ("Author Name\n\nA Letter\n\nWritten: 29 February 1921\nSource: Works, 1965\n\n"
            "Text.\n")
    result = convert_text(text, source="d.txt")
    found = [d for d in result.all_diagnostics if d.code == "date-impossible"]
    assert [(d.line, d.message) for d in found] == [
        (5, "'29 February 1921' is not a day of the calendar; kept as text")]
    assert b"<date>29 February 1921</date>" in result.documents[0].xml


@pytest.mark.parametrize(
    ("text", "when"),
    [
        # A day and a month with no year: ISO 8601's --MM-DD, no year guessed.
        ("August 2", "--08-02"),
        ("May 10", "--05-10"),
        ("3/XI", "--11-03"),
        ("29 February", "--02-29"),
        # A Roman month, as Central and East European letters write it.
        ("12/IV.1919", "1919-04-12"),
        ("9.III.1912", "1912-03-09"),
        ("27 / VI 1919", "1919-06-27"),
        ("1/XII.1905", "1905-12-01"),
    ],
)
def test_day_and_month_dates(text: str, when: str) -> None:
    assert parse_date(text).when == when


@pytest.mark.parametrize(
    ("text", "when", "julian"),
    [
        # Old Style first, New Style in brackets: 13 days apart in the 1900s...
        ("January 5 (18), 1918", "1918-01-18", "1918-01-05"),
        ("October 25 (November 7), 1917", "1917-11-07", "1917-10-25"),
        ("5 (18) January 1918", "1918-01-18", "1918-01-05"),
        ("25 October (7 November) 1917", "1917-11-07", "1917-10-25"),
        ("December 20, 1917 (January 2, 1918)", "1918-01-02", "1917-12-20"),
        # ... 12 in the 1800s, and 13 from 1 March 1900 (Julian 29 February 1900).
        ("March 18 (30), 1871", "1871-03-30", "1871-03-18"),
        ("February 28 (March 12), 1900", "1900-03-12", "1900-02-28"),
        ("March 1 (14), 1900", "1900-03-14", "1900-03-01"),
        # Leap days: every fourth year in the Julian calendar, 1900 included.
        ("February 29 (March 12), 1896", "1896-03-12", "1896-02-29"),
        ("February 29 (March 13), 1900", "1900-03-13", "1900-02-29"),
        # The last day of a long month, in a leap year.
        ("March 31 (April 12), 1896", "1896-04-12", "1896-03-31"),
        # January counts the century year before it: 13 days in 1901 already.
        ("January 5 (18), 1901", "1901-01-18", "1901-01-05"),
        # 10 days in 1600, a Gregorian leap century.
        ("March 1 (11), 1600", "1600-03-11", "1600-03-01"),
    ],
)
def test_old_and_new_style_dates(text: str, when: str, julian: str) -> None:
    value = parse_date(text)
    assert (value.when, value.when_julian) == (when, julian)
    assert read_date(f"Written: {text}").when_julian == julian
    assert [match.value.when for match in find_dates(f"Petrograd, {text}")] == [when]


@pytest.mark.parametrize(
    "text",
    [
        "January 5 (19), 1918",  # not the same day in the two calendars
        "January 5 (5), 1918",
        "February 29 (March 13), 1917",  # no 29 February in 1917
        "October 25 (November 8), 1917",
        "February 30 (March 13), 1896",  # no 30 February in a leap year either
    ],
)
def test_dual_dates_that_do_not_agree_are_not_read(text: str) -> None:
    value = read_date(f"Written: {text}")
    assert (value.when, value.when_julian) == (None, None)
    assert value.problem is not None
    assert "Julian" in value.problem


def test_a_dual_date_over_the_turn_of_the_year_takes_the_old_style_year() -> None:
    # The year written once is the Old Style date's; the New Style day is in the next.
    value = parse_date("December 20 (January 2), 1917")
    assert (value.when, value.when_julian) == ("1918-01-02", "1917-12-20")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Kharkov, 27/VI.1919", ["1919-06-27"]),
        ("Moscow, 3/XI", ["--11-03"]),
        # Written apart, a number and a capital I are no Roman month in running text.
        ("We met at 5. I said nothing.", []),
        ("at 12 / IV the meeting", []),
    ],
)
def test_roman_months_in_running_text_only_written_close(text: str, found: list[str]) -> None:
    assert [match.value.when for match in find_dates(text)] == found
