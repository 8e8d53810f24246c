"""What one line of a letter is, on invented variations: datelines, salutations,
signatures, and blocks set in lines."""

from __future__ import annotations

import pytest

from tei_convert.readers.formulas import (
    dateline_date,
    ends_sentence,
    is_closing_line,
    is_label,
    is_name_line,
    is_office_line,
    is_opener_line,
    is_place_line,
    is_salute,
    is_set_in_lines,
    is_signature,
    is_valediction,
    lower_case_words,
    needs_signature,
    opens_publication,
    publication_date,
    publication_line,
)


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
        # Twelve words are still a dateline.
        ("Frankfurt am Main, Judicial Prison of San Vittore, Tuesday, 2 August 1898",
         "1898-08-02"),
        # A Roman month of one letter, at the very end.
        ("Moscow, 3/X", "--10-03"),
        ("The meeting of October 20, 1922 was long and stormy.", None),
        ("We met on 20 October 1922", None),
        # The hour after the date; the place after a whole date.
        ("June 18, 1919, 3 a. m.", "1919-06-18"),
        ("Vyatka, January 5, 1919, 8 p. m.", "1919-01-05"),
        ("Moscow, May 2, 1919, 11.30 p.m.", "1919-05-02"),
        ("August 25, 1920 Moscow, The Kremlin", "1920-08-25"),
        ("At 3 a. m. we left the town", None),
        ("August 25, 1920 was a hard day", None),
        ("August 1920 Moscow", None),
        # The editors' word for when the text was written.
        ("Written in July 1920", "1920-07"),
        ("Written on October 3, 1919", "1919-10-03"),
        ("Written by him in July 1920", None),
    ],
)
def test_dateline_date(text: str, expected: str | None) -> None:
    date = dateline_date(text)
    assert (date.when if date else None) == expected


@pytest.mark.parametrize(
    ("text", "wording"),
    [
        # The date element holds the date as printed, the editor's brackets
        # around its parts included, and nothing of the place or the last stop.
        ("[Paris,] 3 May 1871", "3 May 1871"),
        ("Petrograd, 5 March 1918.", "5 March 1918"),
        ("Geneva, 12 March [1905]", "12 March [1905]"),
        ("Geneva, 12 March [1905].", "12 March [1905]"),
        ("Milan, [21] September 1920", "[21] September 1920"),
        ("Vyatka, January 5, 1919, 8 p. m.", "January 5, 1919"),
        ("Written in July 1920", "July 1920"),
        ("August 25, 1920 Moscow, The Kremlin", "August 25, 1920"),
        ("[3] May 1871", "[3] May 1871"),
        ("Geneva, [12] March [1905].", "[12] March [1905]"),
    ],
)
def test_dateline_date_keeps_the_printed_wording(text: str, wording: str) -> None:
    date = dateline_date(text)
    assert date is not None
    assert date.text == wording


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
        # Eight words at most; five before a colon.
        ("Dear and Respected Comrades of the Local Committee,", True),
        ("Dear and Respected Comrades of the Local Committee and Bureau,", False),
        ("Dear Comrade Ivan Petrovich Kovacs:", True),
        ("Dear Comrade Ivan Petrovich Kovacs Senior:", False),
        # No closing mark, or no words.
        ("Pope Pius IX", False),
        ("", False),
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
        # Ten words at most.
        ("Chairman of the Council of People’s Commissars of the R.S.F.S.R.", True),
        ("Chairman of the Council of People’s Commissars of the R.S.F.S.R. Ulyanov", False),
        ("F. Xavier", True),
        ("Charles X", True),
        ("", False),
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
        # Forty characters are short.
        (["Sent from the Kazan station, 11.40 p.m.", "Received at the Moscow office, 1.15 a.m."],
         True),
        # The next word (14 characters) would just have fit after a line filling
        # three quarters of the measure (45 of 60): broken by hand.
        (["The delegates of the textile towns met in the old hall again",
          "and they asked me to write to you about their",
          "representative at the congress."], True),
        # It misses by one character: wrapped.
        (["The delegates of the textile towns met in the old hall again",
          "and they asked me to write to you about your",
          "representatives, who went to Berlin."], False),
    ],
)
def test_is_set_in_lines(lines: list[str], expected: bool) -> None:
    assert is_set_in_lines(lines) is expected



@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Mr. R. T. Halloway,", True),
        ("Secretary of the Local Tacoma Branch, Socialist Party,", True),
        # A dateline however long.
        ("Frankfurt am Main, Judicial Prison of San Vittore, 2 August 1898", True),
        # A routing line of up to three words may end in a stop.
        ("By direct wire.", True),
        ("Send it at once.", False),
        ("We met again today and talked for a long time about it.", False),
        ("(Applause.)", False),
        ("", False),
    ],
)
def test_is_opener_line(line: str, expected: bool) -> None:
    assert is_opener_line(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("I send greetings.", True),
        ("Comrades!", True),
        ("Is it so?", True),
        ("London, N.W.", False),
        ("417 Pacific Ave.", False),
        ("Pope Pius IX", False),
    ],
)
def test_ends_sentence(line: str, expected: bool) -> None:
    assert ends_sentence(line) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Yours,", True),
        ("Yours", True),
        ("Your faithful", True),
        ("With warm greetings to all the comrades there", True),
        ("With warm greetings to all the comrades there and here", False),
        # Lower case, up to eight words, over the name.
        ("till we meet again, my dear old friend,", True),
        ("till we meet again, my dear old friend Ivan,", False),
        # Sixteen words at most with a capital and a comma.
        ("Fraternal greetings to you and to all the comrades of the valley and of the town,",
         True),
        ("Greetings to the following comrades:", False),
        ("I send greetings.", False),
    ],
)
def test_is_valediction(text: str, expected: bool) -> None:
    assert is_valediction(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Your faithful", True),
        ("Fraternal greetings", True),
        ("Yours,", False),
        ("With warm greetings to all the comrades there,", False),
        ("With warm greetings to all the comrades there and here,", True),
    ],
)
def test_needs_signature(text: str, expected: bool) -> None:
    assert needs_signature(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("J. Stalin", True),
        ("Frankfurt am Main, 2 June 1891", True),
        ("I send greetings.", False),
    ],
)
def test_is_closing_line(text: str, expected: bool) -> None:
    assert is_closing_line(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Tsaritsyn,", True), ("Frankfurt am Main,", True), ("", False)],
)
def test_is_place_line(text: str, expected: bool) -> None:
    assert is_place_line(text) is expected


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("Pravda, No. 108, June 1, 1918", "1918-06-01"),
        ("(Pravda, No. 108, June 1, 1918)", "1918-06-01"),
        ("Pravda, No. 108, June 1, 1918.", "1918-06-01"),
        ("Iskra, No. 1, December 1900", "1900-12"),
        # Up to twelve words.
        ("The Northern Worker of Duluth and Superior, No. 214, April 13, 1912", "1912-04-13"),
        ("The Northern Worker of Duluth and Superior, No. 214, Saturday, April 13, 1912", None),
        # The date ends the line, read from the last date in it when no
        # comma sets it off.
        ("Iskra No. 1 for 1899 reprinted in December 1900", "1900-12"),
        ("Zarya No. 2 for 1901 and 1902 printed in December 1902", "1902-12"),
        # A comma inside the date: the day is not cut off with the issue.
        ("Pravda No. 108 of June 1, 1918", "1918-06-01"),
        ("Iskra, No. 1 of December 1900 reprinted", None),
        ("Pravda, No. 108, June 1, 1918, page 2", None),
        ("Pravda, No. 108", None),
        # No issue number: a dateline, not a publication.
        ("Moscow, June 1, 1918", None),
    ],
)
def test_publication_line(text: str, when: str | None) -> None:
    value = publication_line(text)
    assert (value.when if value else None) == when


def test_a_publication_line_keeps_both_days() -> None:
    value = publication_line("Izvestia No. 5, November 6 and 19, 1918")
    assert value is not None
    assert (value.not_before, value.not_after) == ("1918-11-06", "1918-11-19")


@pytest.mark.parametrize(
    ("text", "when"),
    [
        # An issue of a periodical, wrapped or whole.
        ("Pravda, No. 53,", None),
        ("Kommunist, Nos. 62, 64, 65 and 66, March 18, 21, 23 and 24, 1920", "1920-03-18..24"),
        # The editors' statement of the first printing: the last date in it.
        ("First published in Pravda, No. 53, February 23, 1941", "1941-02-23"),
        ("First published in 1945, in Lenin Miscellany, XXXV", "1945"),
        ("Published for the first time", None),
        ("Reproduced from the records of the Secretariat of the Army Staff", None),
        # A book: an author, a title, a publisher, a place and a year.
        ("J. Stalin, Collection of Articles, State Publishing House, Tula, 1920", "1920"),
    ],
)
def test_publication_statements(text: str, when: str | None) -> None:
    assert opens_publication(text)
    value = publication_date(text)
    found = None if value is None else value.when or f"{value.not_before}..{value.not_after}"
    assert found == (when if when is None or ".." not in when
                     else "1920-03-18..1920-03-24")


@pytest.mark.parametrize(
    "text",
    [
        # A printer's imprint, not the editors' statement.
        "Printed and published by the Lanarkshire Miners' Press",
        "Published by the Party Publishing House",
        "The article was published in Pravda.",
        # A signature with a place and a year is no book.
        "J. Stalin, Moscow, 1920",
        "J. Stalin, People's Commissar, Moscow, 1920",
        "",
    ],
)
def test_not_publication_statements(text: str) -> None:
    assert not opens_publication(text)


COMMON = lower_case_words("the editorial of the chairman, and what the commission said")


@pytest.mark.parametrize(
    ("text", "office", "name", "label"),
    [
        ("People's Commissar", True, False, False),
        ("Member of the Bureau of the Party Central Committee,", True, False, False),
        ("Peoples Commissar &", True, False, False),
        ("The Commission:", True, False, False),
        ("On behalf of the Council of People's Commissars", True, False, False),
        ("J. Stalin", True, True, False),
        ("Signed: J. Stalin", True, True, False),
        ("Signed J. Stalin.", False, True, False),
        ("Stalin", True, True, False),
        ("V. Ulyanov-Lenin", True, True, False),
        # A word the text also writes in lower case is a label or an office.
        ("Editorial", True, False, True),
        ("Chairman", True, False, True),
        ("I await an immediate reply.", False, False, False),
        ("Long Live Soviet Armenia!", False, False, False),
    ],
)
def test_signature_lines(text: str, office: bool, name: bool, label: bool) -> None:
    assert (is_office_line(text), is_name_line(text, COMMON), is_label(text, COMMON)) == (
        office, name, label)
