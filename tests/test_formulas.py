"""What one line of a letter is, on invented variations: datelines, salutations,
signatures, and blocks set in lines."""

from __future__ import annotations

import pytest

from tei_convert.readers.formulas import dateline_date, is_salute, is_set_in_lines, is_signature


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("October 20, 1922", "1922-10-20"),
        ("Moscow, October 20, 1922", "1922-10-20"),
        ("Petrograd, 5 March 1918.", "1918-03-05"),
        # An editor's brackets around the place, the year or the day.
        ("[Paris,] 3 May 1871", "1871-05-03"),
        ("Geneva, 12 March [1905]", "1905-03-12"),
        ("Milan, [21] September 1920", "1920-09-21"),
        # Small words inside a place name.
        ("Frankfurt am Main, 2 June 1891", "1891-06-02"),
        ("Fortress of Kalnitz, 18 August 1917", "1917-08-18"),
        ("Kharkov, 27/VI.1919", "1919-06-27"),
        ("Moscow, 3/XI", "--11-03"),
        # A place of several parts, a weekday.
        ("Milan, Judicial Prison of San Vittore, 2 August 1898", "1898-08-02"),
        ("Lille, Tuesday, 9 April 1901", "1901-04-09"),
        ("The meeting of October 20, 1922 was long and stormy.", None),
        ("We met on 20 October 1922", None),
    ],
)
def test_dateline_date(text: str, expected: str | None) -> None:
    date = dateline_date(text)
    assert (date.when if date else None) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dear Comrades,", True),
        ("Comrade Kuibyshev,", True),
        ("Comrades!", True),
        ("With communist greetings,", True),
        ("Comrades, I very much regret that I have been unable to go.", False),
        ("However, this is a sentence. And another,", False),
        # Initials and titles with a full stop are no sentence break.
        ("Dear A. B.,", True),
        ("Dear Mr. Smith,", True),
        # A colon after a name or a title, not after a phrase.
        ("Dear Comrade Kovacs:", True),
        ("Ivan Petrovich:", True),
        ("Sokolovsky:", True),
        ("the following points:", False),
        ("I propose the following:", False),
        ("Proposals of the Commission on Wages and Hours for the Union:", False),
    ],
)
def test_is_salute(text: str, expected: bool) -> None:
    assert is_salute(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chairman, C.P.C.", True),
        ("Chairman of the Council of People’s Commissars", True),
        ("V. Ulyanov (Lenin)", True),
        ("J. Stalin", True),
        ("I send greetings.", False),
        ("Long Live the Revolution!", False),
        ("Yours,", False),
    ],
)
def test_is_signature(text: str, expected: bool) -> None:
    assert is_signature(text) is expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # Short lines: an address, a telegram's timed lines, a verse.
        (["41 Maitland Park Road,", "London, N.W."], True),
        (["Sent 11.40 p.m.", "Received 1.15 a.m. July 17",
          "Kazan: bridge held, shells for two days only, send more at once."], True),
        # Prose wrapped by hand: each line too full for the next word.
        (["Your letter of the 18th gave me much pleasure, and still more the news",
          "that the women of the tobacco works have at last formed their own",
          "section. Do not let the district committee tell you that this divides",
          "the movement; it was the same argument that kept us silent for ten years."],
         False),
        # A long line, then one broken short although the next word would fit.
        (["The committee has decided the following, after a long and stormy debate:",
          "Resolved,", "that the strike fund be opened to the dockers as well."], True),
        (["One line only, however short."], False),
    ],
)
def test_is_set_in_lines(lines: list[str], expected: bool) -> None:
    assert is_set_in_lines(lines) is expected

