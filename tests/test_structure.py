"""Openers, closers, postscripts and lists, on invented variations."""

from __future__ import annotations

import pytest

from tei_convert.readers.structure import dateline_date, is_salute, is_signature

from tei_helpers import NS, mia, tei_tree, xpath_texts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("October 20, 1922", "1922-10-20"),
        ("Moscow, October 20, 1922", "1922-10-20"),
        ("Petrograd, 5 March 1918.", "1918-03-05"),
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


def test_opener_with_place_dateline_and_salute() -> None:
    root = tei_tree(mia("Zurich, 3 May 1916\n\nDear Friend,\n\nThe text itself.\n\nMore text."))
    assert xpath_texts(root, "//tei:opener/tei:dateline") == ["Zurich, 3 May 1916"]
    assert root.xpath("//tei:opener/tei:dateline/tei:date/@when", namespaces=NS) == ["1916-05-03"]
    assert xpath_texts(root, "//tei:opener/tei:salute") == ["Dear Friend,"]
    assert xpath_texts(root, "//tei:body/tei:p") == ["The text itself.", "More text."]


def test_long_first_paragraph_starting_with_address_is_not_an_opener() -> None:
    root = tei_tree(mia("Comrades, I regret that I cannot come to your meeting today at all.\n\n"
                        "Second paragraph."))
    assert root.xpath("//tei:opener", namespaces=NS) == []


def test_closing_salutes_and_signature_form_one_closer() -> None:
    root = tei_tree(mia("Text of the letter.\n\nWith greetings,\n\nYours,\n\nN. Krupskaya"))
    assert xpath_texts(root, "//tei:closer/*") == ["With greetings,", "Yours,", "N. Krupskaya"]
    assert [e.tag.split("}")[1] for e in root.xpath("//tei:closer/*", namespaces=NS)] == [
        "salute", "salute", "signed"]


def test_text_after_closing_salute_is_a_postscript() -> None:
    root = tei_tree(mia("Letter text.\n\nWith greetings,\n\nEnclosed is the draft:\n\n"
                        "1. First point.\n\n2. Second point."))
    assert xpath_texts(root, "//tei:postscript/tei:p") == ["Enclosed is the draft:"]
    assert root.xpath("//tei:postscript/tei:list/tei:item/@n", namespaces=NS) == ["1", "2"]


def test_signature_followed_by_short_note_makes_closer_and_postscript() -> None:
    root = tei_tree(mia("Letter text here.\n\nPresident of the Society\n\nPlease reply soon."))
    assert xpath_texts(root, "//tei:closer/tei:signed") == ["President of the Society"]
    assert xpath_texts(root, "//tei:postscript/tei:p") == ["Please reply soon."]


def test_capitalised_line_followed_by_long_text_is_not_a_closer() -> None:
    body = "Intro text.\n\nThe Agrarian Question\n\n" + "\n\n".join(
        f"Paragraph number {n} of the section." for n in range(4))
    root = tei_tree(mia(body))
    assert root.xpath("//tei:closer", namespaces=NS) == []


def test_place_and_date_at_end_is_a_closing_dateline() -> None:
    root = tei_tree(mia("Article text.\n\nMore text.\n\nLondon, 12 June 1871"))
    assert root.xpath("//tei:closer/tei:dateline/tei:date/@when", namespaces=NS) == ["1871-06-12"]


@pytest.mark.parametrize("marker", ["1.", "1)", "(1)"])
def test_numbered_blocks_become_a_list(marker: str) -> None:
    items = "\n\n".join(f"{marker.replace('1', str(n))} Point {n} of the programme."
                        for n in range(1, 4))
    root = tei_tree(mia(f"Intro.\n\n{items}\n\nAfter the list."))
    assert root.xpath("//tei:list/tei:item/@n", namespaces=NS) == ["1", "2", "3"]
    assert xpath_texts(root, "//tei:item")[0] == "Point 1 of the programme."
    assert xpath_texts(root, "//tei:body/tei:p") == ["Intro.", "After the list."]


def test_single_numbered_block_or_broken_sequence_stays_a_paragraph() -> None:
    root = tei_tree(mia("Intro.\n\n1. Only one point here.\n\n3. Not the next number."))
    assert root.xpath("//tei:list", namespaces=NS) == []
    assert len(root.xpath("//tei:body/tei:p", namespaces=NS)) == 3


def test_place_over_a_date_is_one_dateline() -> None:
    root = tei_tree(mia("Letter text here.\n\nYours,\n\nA. B.\n\nZurich,\n\nMay 1, 1920"))
    assert xpath_texts(root, "//tei:closer/tei:dateline") == ["Zurich, May 1, 1920"]
    assert root.xpath("//tei:closer/tei:salute/text()", namespaces=NS) == ["Yours,"]
