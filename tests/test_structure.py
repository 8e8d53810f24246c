"""Openers, closers, postscripts and lists, on invented variations."""

from __future__ import annotations

import pytest
from lxml import etree

from tei_helpers import NS, mia, tei_tree, xpath_texts


def test_opener_with_place_dateline_and_salute() -> None:
    root = tei_tree(mia("Zurich, 3 May 1916\n\nDear Friend,\n\nThe text itself.\n\nMore text."))
    assert xpath_texts(root, "//tei:opener/tei:dateline") == ["Zurich, 3 May 1916"]
    assert root.xpath("//tei:opener/tei:dateline/tei:date/@when", namespaces=NS) == ["1916-05-03"]
    assert xpath_texts(root, "//tei:opener/tei:salute") == ["Dear Friend,"]
    assert xpath_texts(root, "//tei:body/tei:div/tei:p") == ["The text itself.", "More text."]


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
    assert xpath_texts(root, "//tei:body/tei:div/tei:p") == ["Intro.", "After the list."]


def test_single_numbered_block_or_broken_sequence_stays_a_paragraph() -> None:
    root = tei_tree(mia("Intro.\n\n1. Only one point here.\n\n3. Not the next number."))
    assert root.xpath("//tei:list", namespaces=NS) == []
    assert len(root.xpath("//tei:body/tei:div/tei:p", namespaces=NS)) == 3


def test_place_over_a_date_is_one_dateline() -> None:
    root = tei_tree(mia("Letter text here.\n\nYours,\n\nA. B.\n\nZurich,\n\nMay 1, 1920"))
    assert xpath_texts(root, "//tei:closer/tei:dateline") == ["Zurich, May 1, 1920"]
    assert root.xpath("//tei:closer/tei:salute/text()", namespaces=NS) == ["Yours,"]


def test_line_breaks_are_kept_in_a_block_set_in_lines_only() -> None:
    verse = "We spin the thread from dark to dark,\nWe weave the cloth we never wear;"
    prose = ("The girls of the spinning room sang a song which one of them had made\n"
             "herself, and which I copy out for you because it said more than my\n"
             "speech, and more than the resolution of the district committee too.")
    root = tei_tree(mia(f"{prose}\n\n{verse}"))
    paragraphs = root.findall(".//tei:body/tei:div/tei:p", NS)
    assert [len(p.findall("tei:lb", NS)) for p in paragraphs] == [0, 1]
    # The line end stays in the text as white space, so words do not run together.
    assert "dark,\nWe weave" in "".join(paragraphs[1].itertext())


def test_address_lines_above_a_salutation_are_the_opener_address() -> None:
    root = tei_tree(mia("Mr. R. T. Halloway,\nSecretary, Local Tacoma,\n417 Pacific Avenue,\n"
                        "Tacoma, Washington.\n\nDear Comrade Halloway:\n\nThe text of it."))
    assert xpath_texts(root, "//tei:opener/tei:address/tei:addrLine")[::3] == [
        "Mr. R. T. Halloway,", "Tacoma, Washington."]
    assert xpath_texts(root, "//tei:opener/tei:salute") == ["Dear Comrade Halloway:"]
    assert not root.findall(".//tei:body/tei:div/tei:p[1]/tei:lb", NS)


def test_routing_lines_of_a_telegram_open_it_without_a_salutation() -> None:
    root = tei_tree(mia("Urgent\nBy direct wire\nTo the Gubernia Committee\n\n"
                        "Send the grain trains through at once and report daily.\n\nGorin"))
    assert xpath_texts(root, "//tei:opener/tei:address/tei:addrLine") == [
        "Urgent", "By direct wire", "To the Gubernia Committee"]


def test_a_short_sentence_is_no_address_before_a_valediction() -> None:
    root = tei_tree(mia("Letter text.\n\nWith greetings,\n\nA. B."))
    assert not root.findall(".//tei:opener", NS)
    assert xpath_texts(root, "//tei:closer/tei:salute") == ["With greetings,"]


@pytest.mark.parametrize(
    ("closing", "salute", "signed"),
    [
        ("Yours sincerely,\nK. Rausch", "Yours sincerely,", "K. Rausch"),
        ("with comradely greetings,\n\nA. Gorshkova", "with comradely greetings,",
         "A. Gorshkova"),
        ("Your faithful\n\nW. S.", "Your faithful", "W. S."),
        ("Fraternal greetings\n\nA. Thibaudier", "Fraternal greetings", "A. Thibaudier"),
        ("till we meet, dear friend,\n\nT.", "till we meet, dear friend,", "T."),
        ("Fraternal greetings to you and to the comrades of the valley,\nArturo Pell",
         "Fraternal greetings to you and to the comrades of the valley,", "Arturo Pell"),
    ],
)
def test_valedictions_over_the_signature(closing: str, salute: str, signed: str) -> None:
    root = tei_tree(mia(f"Dear Comrade,\n\nThe text of the letter.\n\n{closing}"))
    assert xpath_texts(root, "//tei:closer/tei:salute") == [salute]
    assert xpath_texts(root, "//tei:closer/tei:signed") == [signed]


def test_an_office_with_a_comma_is_no_valediction() -> None:
    root = tei_tree(mia("The text of the letter.\n\n"
                        "Member of the Bureau of the Party Central Committee,\n\nJ. Stalin"))
    assert not root.findall(".//tei:closer/tei:salute", NS)


def test_a_long_postscript_after_a_signature() -> None:
    root = tei_tree(mia("Dear Comrade,\n\nThe text.\n\nR. T.\n\nP.S. One more thing.\n\n"
                        "And another.\n\nAnd a third thing to say."))
    assert xpath_texts(root, "//tei:closer/tei:signed") == ["R. T."]
    assert len(root.findall(".//tei:postscript/tei:p", NS)) == 3


def test_a_notes_heading_heads_the_notes() -> None:
    root = tei_tree(mia("The text.[1]\n\nK. M.\n\nNotes\n\n[1] A note."))
    assert xpath_texts(root, "//tei:closer/tei:signed") == ["K. M."]
    assert xpath_texts(root, "//tei:back/*/tei:head") == ["Notes"]


def test_a_verse_in_the_middle_is_no_closer() -> None:
    verse = ("Then Comrades, Come Rally,\nAnd The Last Fight Let Us Face\nThe Internationale\n"
             "Unites The Human Race")
    root = tei_tree(mia(f"Comrades!\n\nThe first part of the speech.\n\n{verse}\n\n"
                        "The second part.\n\nAnd the third part, to the end."))
    assert not root.findall(".//tei:closer", NS)
    assert not root.findall(".//tei:postscript", NS)
    assert len(root.findall(".//tei:p[tei:lb]/tei:lb", NS)) == 3


@pytest.mark.parametrize(
    "first",
    [
        "Bread and Roses\nFreedom and Peace",  # an epigraph
        "Resolved:",  # a label
        "Note:",
    ],
)
def test_what_opens_only_a_letter_needs_the_text_to_close_as_one(first: str) -> None:
    text = f"{first}\n\nThe text of the article itself.\n\nMore of the article."
    assert not tei_tree(mia(text)).findall(".//tei:opener", NS)
    # The same lines over a text that closes as a letter open it.
    root = tei_tree(mia(f"{first}\n\nThe text of the letter.\n\nYours,\n\nK. M."))
    assert root.findall(".//tei:opener", NS)


def test_a_heading_over_a_salutation_is_no_address() -> None:
    root = tei_tree(mia("The Struggle Against Fascism\n\nComrades!\n\nThe speech."))
    assert not root.findall(".//tei:opener/tei:address", NS)
    assert xpath_texts(root, "//tei:body/tei:div/tei:p[1]") == ["The Struggle Against Fascism"]


def test_address_lines_ending_in_commas_over_a_dear_salutation() -> None:
    root = tei_tree(mia("Walsenburg Jail,\nHuerfano County,\nColorado.\nMarch 1914\n\n"
                        "My dear friends:\n\nThe text.\n\nMother"))
    assert xpath_texts(root, "//tei:opener/tei:address/tei:addrLine") == [
        "Walsenburg Jail,", "Huerfano County,", "Colorado."]
    assert xpath_texts(root, "//tei:opener/tei:salute") == ["My dear friends:"]


def test_a_dateline_with_a_day_and_month_but_no_year() -> None:
    root = tei_tree(mia("Berlin, November 10\n\nDear Friend,\n\nThe text."))
    assert [d.get("when") for d in root.findall(".//tei:opener/tei:dateline/tei:date", NS)] \
        == ["--11-10"]


def test_prose_set_in_a_narrow_column_keeps_no_line_breaks() -> None:
    prose = ("The strike committee met\nagain last night and voted\nto continue the strike\n"
             "until the demands of the\nmen are met in full.")
    root = tei_tree(mia(f"{prose}\n\nMore text."))
    assert not root.findall(".//tei:lb", NS)


def test_an_addressee_under_the_dateline() -> None:
    root = tei_tree(mia("Moscow, 3 May 1920\n\nTo Comrade Stalin\n\nThe text.\n\nLenin"))
    assert xpath_texts(root, "//tei:opener/tei:address/tei:addrLine") == ["To Comrade Stalin"]


def test_a_signature_over_a_place_and_a_date_on_lines_of_their_own() -> None:
    root = tei_tree(mia("The text of the order.\n\nJ. Stalin\n\nPetrograd,\n\nFebruary 21, 1918"))
    assert xpath_texts(root, "//tei:closer/tei:signed") == ["J. Stalin"]
    assert xpath_texts(root, "//tei:closer/tei:dateline") == ["Petrograd, February 21, 1918"]


def _parts(root: etree._Element, path: str) -> list[tuple[str, str]]:
    """Each child of the element ``path`` selects: its TEI name and its text."""
    return [(etree.QName(node).localname, " ".join("".join(node.itertext()).split()))
            for node in root.xpath(f"{path}/*", namespaces=NS)]


@pytest.mark.parametrize(
    ("body", "opener"),
    [
        # A dateline opens a letter without a salutation under it.
        ("Zurich, 3 May 1916\n\nThe text itself.\n\nMore text.",
         [("dateline", "Zurich, 3 May 1916")]),
        # Two routing lines of a telegram are enough.
        ("Urgent\nBy direct wire\n\nSend the grain trains through at once and report daily."
         "\n\nGorin", [("address", "Urgent By direct wire")]),
        # One address line over the salutation.
        ("Berne, Switzerland\n\nDear Comrades,\n\nThe text itself.",
         [("address", "Berne, Switzerland"), ("salute", "Dear Comrades,")]),
        # The dateline and the salutation set in one block.
        ("Zurich, 3 May 1916\nDear Friend,\n\nThe text itself.\n\nMore text.",
         [("dateline", "Zurich, 3 May 1916"), ("salute", "Dear Friend,")]),
        # A place over the date, above the salutation: one dateline.
        ("Tsaritsyn,\n\nJuly 10, 1918\n\nDear Comrade,\n\nThe text itself.",
         [("dateline", "Tsaritsyn, July 10, 1918"), ("salute", "Dear Comrade,")]),
        # A sentence over "Comrades!" in the same block: a speech, no opener.
        ("The hall is full.\nComrades!\n\nWe meet today to decide on the strike.", []),
        ("Zurich, 3 May 1916\nThe hall is full.\nComrades!\n\n"
         "We meet today to decide on the strike.", []),
    ],
)
def test_what_opens_a_letter(body: str, opener: list[tuple[str, str]]) -> None:
    assert _parts(tei_tree(mia(body)), "//tei:opener") == opener


@pytest.mark.parametrize(
    ("body", "paragraphs", "closer", "postscript"),
    [
        # A short paragraph that looks like a signature stays the letter's text.
        ("Dear Comrade,\n\nAgreed.\n\nYours,\n\nA. B.",
         ["Agreed."], [("salute", "Yours,"), ("signed", "A. B.")], []),
        # A note under the valediction and the signature is a postscript.
        ("Text of it.\n\nYours,\n\nA. B.\n\nPlease reply soon.",
         ["Text of it."], [("salute", "Yours,"), ("signed", "A. B.")], ["Please reply soon."]),
        # A signature closes a letter when at most two blocks follow it...
        ("The text.\n\nR. T.\n\nPlease reply soon.\n\nAnd send the money.",
         ["The text."], [("signed", "R. T.")], ["Please reply soon.", "And send the money."]),
        # ... not three.
        ("The text.\n\nR. T.\n\nPlease reply soon.\n\nAnd send the money.\n\n"
         "And greet all the comrades there.",
         ["The text.", "R. T.", "Please reply soon.", "And send the money.",
          "And greet all the comrades there."], [], []),
        # Above a "P.S." any number may; a "N.B." opening the letter is no postscript.
        ("N.B. Private.\n\nThe text.\n\nR. T.\n\nP.S. One more thing.\n\nAnd another.\n\n"
         "And a third thing to say.",
         ["N.B. Private.", "The text."], [("signed", "R. T.")],
         ["P.S. One more thing.", "And another.", "And a third thing to say."]),
        # Right above a "P.S." a valediction closes the letter without a name under it.
        ("Dear Comrade,\n\nThe text.\n\nFraternal greetings,\n\nP.S. send the money.\n\n"
         "And the books.\n\nAnd the papers too.",
         ["The text."], [("salute", "Fraternal greetings,")],
         ["P.S. send the money.", "And the books.", "And the papers too."]),
        # A valediction without a comma closes a letter only over a signature.
        ("Dear Comrade,\n\nThe text of the letter.\n\nFraternal greetings",
         ["The text of the letter.", "Fraternal greetings"], [], []),
    ],
)
def test_where_the_closer_stands(body: str, paragraphs: list[str],
                                 closer: list[tuple[str, str]], postscript: list[str]) -> None:
    root = tei_tree(mia(body))
    assert xpath_texts(root, "//tei:body/tei:div/tei:p") == paragraphs
    assert _parts(root, "//tei:closer") == closer
    assert xpath_texts(root, "//tei:postscript/tei:p") == postscript


@pytest.mark.parametrize(
    ("body", "part"),
    [
        ("Tsaritsyn,\n\nJuly 10, 1918\n\nDear Comrade,\n\nThe text itself.", "opener"),
        ("Tsaritsyn,\nJuly 10, 1918\n\nDear Comrade,\n\nThe text itself.", "opener"),
        ("Letter text here.\n\nYours,\n\nA. B.\n\nTsaritsyn,\n\nJuly 10, 1918", "closer"),
    ],
)
def test_a_place_over_a_date_keeps_the_date(body: str, part: str) -> None:
    root = tei_tree(mia(body))
    assert xpath_texts(root, f"//tei:{part}/tei:dateline") == ["Tsaritsyn, July 10, 1918"]
    assert root.xpath(f"//tei:{part}/tei:dateline/tei:date/@when", namespaces=NS) == [
        "1918-07-10"]
    assert xpath_texts(root, f"//tei:{part}/tei:dateline/tei:date") == ["July 10, 1918"]
