"""Tests for splitting a source citation into its parts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tei_convert.input.text import normalize_space
from tei_convert.model import BiblKind, BiblPart, DateValue
from tei_convert.values.bibl import parse_source

K = BiblKind
SEP = BiblPart(", ")
END = BiblPart(".")


def year(text: str) -> BiblPart:
    """A DATE part for a bare year."""
    return BiblPart(text, K.DATE, date=DateValue(text=text, when=text))


def span(kind: BiblKind, text: str, first: str, last: str | None = None) -> BiblPart:
    """A VOLUME or PAGES part with its range."""
    return BiblPart(text, kind, range_from=first, range_to=last)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Lenin Collected Works, Progress Publishers, 1976, Moscow, Volume\u00a045,"
            " pages\u00a0236c-237a.",
            [
                BiblPart("Lenin Collected Works", K.TITLE), SEP,
                BiblPart("Progress Publishers", K.PUBLISHER), SEP,
                year("1976"), SEP,
                BiblPart("Moscow", K.PLACE), SEP,
                span(K.VOLUME, "Volume 45", "45"), SEP,
                span(K.PAGES, "pages 236c-237a", "236c", "237a"), END,
            ],
        ),
        (
            "Lenin\u2019s Collected Works, 2nd English Edition, Progress Publishers, Moscow, 1965,"
            " Volume 33, page 381",
            [
                BiblPart("Lenin\u2019s Collected Works", K.TITLE), SEP,
                BiblPart("2nd English Edition", K.EDITION), SEP,
                BiblPart("Progress Publishers", K.PUBLISHER), SEP,
                BiblPart("Moscow", K.PLACE), SEP,
                year("1965"), SEP,
                span(K.VOLUME, "Volume 33", "33"), SEP,
                span(K.PAGES, "page 381", "381"),
            ],
        ),
        (
            "Lenin Collected Works, 1st English Edition, Progress Publishers, 1965, Moscow,"
            " Volume 42, pages 344b-345a.",
            [
                BiblPart("Lenin Collected Works", K.TITLE), SEP,
                BiblPart("1st English Edition", K.EDITION), SEP,
                BiblPart("Progress Publishers", K.PUBLISHER), SEP,
                year("1965"), SEP,
                BiblPart("Moscow", K.PLACE), SEP,
                span(K.VOLUME, "Volume 42", "42"), SEP,
                span(K.PAGES, "pages 344b-345a", "344b", "345a"), END,
            ],
        ),
        (
            "Collected Works, Vol. 3, pp. 12-15",
            [
                BiblPart("Collected Works", K.TITLE), SEP,
                span(K.VOLUME, "Vol. 3", "3"), SEP,
                span(K.PAGES, "pp. 12-15", "12", "15"),
            ],
        ),
        (
            "Marx-Engels Correspondence 1846, International Publishers (1934)",
            [
                BiblPart("Marx-Engels Correspondence 1846", K.TITLE), SEP,
                BiblPart("International Publishers", K.PUBLISHER), BiblPart(" ("),
                year("1934"), BiblPart(")"),
            ],
        ),
    ],
)
def test_parse_source_mia_citations(text: str, expected: list[BiblPart]) -> None:
    assert list(parse_source(text).parts) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Selected Works, Foreign Languages Press, Peking, 1972, pp. 12\u201315.",
            [
                BiblPart("Selected Works", K.TITLE), SEP,
                BiblPart("Foreign Languages Press", K.PUBLISHER), SEP,
                BiblPart("Peking", K.PLACE), SEP,
                year("1972"), SEP,
                span(K.PAGES, "pp. 12\u201315", "12", "15"), END,
            ],
        ),
        (
            "Capital, Penguin Books, London 1976, p. 12.",
            [
                BiblPart("Capital", K.TITLE), SEP,
                BiblPart("Penguin Books", K.PUBLISHER), SEP,
                BiblPart("London", K.PLACE), BiblPart(" "), year("1976"), SEP,
                span(K.PAGES, "p. 12", "12"), END,
            ],
        ),
        (
            "MECW, Lawrence & Wishart, New York, Volumes 1-2",
            [
                BiblPart("MECW", K.TITLE), SEP,
                BiblPart("Lawrence & Wishart", K.PUBLISHER), SEP,
                BiblPart("New York", K.PLACE), SEP,
                span(K.VOLUME, "Volumes 1-2", "1", "2"),
            ],
        ),
        (
            "Werke, Dietz Verlag, Berlin, Vol 45, pp xii \u2013 xv",
            [
                BiblPart("Werke", K.TITLE), SEP,
                BiblPart("Dietz Verlag", K.PUBLISHER), SEP,
                BiblPart("Berlin", K.PLACE), SEP,
                span(K.VOLUME, "Vol 45", "45"), SEP,
                span(K.PAGES, "pp xii \u2013 xv", "xii", "xv"),
            ],
        ),
        (
            "Selected Works, 2nd ed.",
            [BiblPart("Selected Works", K.TITLE), SEP, BiblPart("2nd ed.", K.EDITION)],
        ),
        (
            "Works, Progress, Moscow, Leningrad, 1,234 copies",
            [
                BiblPart("Works", K.TITLE), SEP,
                BiblPart("Progress", K.PUBLISHER), SEP,
                BiblPart("Moscow", K.PLACE), SEP,
                BiblPart("Leningrad"), SEP,
                BiblPart("1,234 copies"),
            ],
        ),
        (
            "Lenin Collected Works, Moscow, 1965",
            [
                BiblPart("Lenin Collected Works", K.TITLE), SEP,
                BiblPart("Moscow"), SEP,
                year("1965"),
            ],
        ),
        (
            "Volume 3, (1965), page 7",
            [
                span(K.VOLUME, "Volume 3", "3"), SEP,
                BiblPart("("), year("1965"), BiblPart(")"), SEP,
                span(K.PAGES, "page 7", "7"),
            ],
        ),
        ("1965 , Moscow", [year("1965"), BiblPart(" , "), BiblPart("Moscow", K.PLACE)]),
        ("Pravda No. 240", [BiblPart("Pravda No. 240", K.TITLE)]),
        ("Works, (1934", [BiblPart("Works", K.TITLE), SEP, BiblPart("(1934")]),
        ("Works, Vol.", [BiblPart("Works", K.TITLE), SEP, BiblPart("Vol.")]),
        ("Works,, 1965", [BiblPart("Works", K.TITLE), BiblPart(","), SEP, year("1965")]),
        # A four-letter word is no abbreviation: the period ends the citation.
        ("Works, 1975, Kiev.", [BiblPart("Works", K.TITLE), SEP, year("1975"), SEP,
                                BiblPart("Kiev", K.PLACE), END]),
        # A place is a capitalised name of one to three words.
        ("Works, 1965, reprinted", [BiblPart("Works", K.TITLE), SEP, year("1965"), SEP,
                                    BiblPart("reprinted")]),
        ("Works, 1965, Moscow Leningrad Kiev Minsk",
         [BiblPart("Works", K.TITLE), SEP, year("1965"), SEP,
          BiblPart("Moscow Leningrad Kiev Minsk")]),
        ("", []),
        ("\u00a0 ", []),
    ],
)
def test_parse_source_variations(text: str, expected: list[BiblPart]) -> None:
    assert list(parse_source(text).parts) == expected


@given(st.text())
def test_parse_source_round_trips(text: str) -> None:
    bibl = parse_source(text)
    assert "".join(part.text for part in bibl.parts) == normalize_space(text)
    assert all(part.text for part in bibl.parts)


citation_words = st.sampled_from(
    ["Works", "Progress Publishers", "Moscow", "1965", "(1934)", "Volume 4", "pp. 1\u20132",
     "2nd ed.", "page 7a", ".", ",", ", ", " ", "\u00a0", "(", ")"]
)


@given(st.lists(citation_words).map("".join))
def test_parse_source_round_trips_citation_like_text(text: str) -> None:
    assert parse_source(text).text == normalize_space(text)


@pytest.mark.parametrize(
    ("text", "author", "expected"),
    [
        # The text's own author, or a name with initials, opens the citation.
        ("Rosa Luxemburg, Letters from Prison, Berlin, 1922", "Rosa Luxemburg",
         ("Rosa Luxemburg", "Letters from Prison")),
        ("V. I. Lenin, On Trade Unions, Moscow, 1970", None, ("V. I. Lenin", "On Trade Unions")),
        # The author's surname with other forenames or initials.
        ("Pyotr Samsonov, Orders, Telegrams and Messages, Moscow, 1963", "P. I. Samsonov",
         ("Pyotr Samsonov", "Orders")),
        # Another person's name before a title of several words.
        ("Hedwig Armbruster, Letters of the Saxon Movement, Dietz, 1932", "Someone Else",
         ("Hedwig Armbruster", "Letters of the Saxon Movement")),
        # Titles: before a publisher, a short segment, or a volume; genre words.
        ("Rosa Luxemburg Speaks, Pathfinder Press, New York, 1970", None,
         (None, "Rosa Luxemburg Speaks")),
        ("Selected Letters, Orbis, Prague, 1955", None, (None, "Selected Letters")),
        ("Collected Works, Volume 50, Progress Publishers", None, (None, "Collected Works")),
        ("Marx Engels Correspondence, Letters and Speeches of the Time, 1934", None,
         (None, "Marx Engels Correspondence")),
        # A periodical: its issue is no title of words.
        ("New International, Vol. 1 No. 2, August 1934", None, (None, "New International")),
        ("Lenin Collected Works, Progress Publishers, 1976", "V. I. Lenin",
         (None, "Lenin Collected Works")),
    ],
)
def test_a_citation_may_open_with_its_author(text: str, author: str | None,
                                             expected: tuple[str | None, str]) -> None:
    parts = parse_source(text, author=author).parts
    authors = [part.text for part in parts if part.kind is BiblKind.AUTHOR]
    titles = [part.text for part in parts if part.kind is BiblKind.TITLE]
    assert (authors[0] if authors else None, titles[0]) == expected
