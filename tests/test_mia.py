"""The Marxists Internet Archive reader: header fields, titles, navigation."""

from __future__ import annotations

import pytest
from lxml import etree

from tei_convert import convert_text
from tei_convert.errors import InputError
from tei_convert.readers import mia as mia_reader

from tei_helpers import NS, mia, section_text, tei_tree, xpath_texts

FULL_HEADER = """Written: Between May 10 and 15, 1920
First Published: Pravda No. 12, January 5, 1921; Published according to the manuscript
Source: Collected Works, 3rd Edition, Progress Publishers, Moscow, 1972, Volume 31, pages 10-12
Translated: Julius Katzer & Bernard Isaacs
Transcription\\HTML Markup: Ann Other and Sam Ple
Proofed: Some Body
Audio: Read by volunteers
Public Domain: Internet Archive (2001). You may freely copy this work. \
Please credit us as your source.Home"""


@pytest.fixture(scope="module")
def full() -> etree._Element:
    return tei_tree(mia("One paragraph of text.", title="Speech\nto the Congress",
                        fields=FULL_HEADER))


def test_title_lines_are_joined(full: etree._Element) -> None:
    assert xpath_texts(full, "//tei:titleStmt/tei:title") == ["Speech to the Congress"]
    assert xpath_texts(full, "//tei:body/tei:div/tei:head") == ["Speech to the Congress"]


def test_author(full: etree._Element) -> None:
    assert xpath_texts(full, "//tei:titleStmt/tei:author") == ["A. N. Author"]


def test_one_resp_stmt_per_responsibility_one_name_per_person(full: etree._Element) -> None:
    # One per credit of the source, then the conversion's own.
    assert full.xpath("//tei:respStmt/tei:resp/@key", namespaces=NS) == [
        "trl", "trc", "pfr", "mrk"]
    assert xpath_texts(full, "//tei:respStmt[4]/tei:name") == ["tei-convert"]
    assert xpath_texts(full, "//tei:respStmt[1]/tei:persName") == [
        "Julius Katzer", "Bernard Isaacs"]
    assert xpath_texts(full, "//tei:respStmt[2]/tei:persName") == ["Ann Other", "Sam Ple"]
    assert xpath_texts(full, "//tei:respStmt[2]/tei:resp") == ["Transcription\\HTML Markup"]


def test_vague_creation_date_gets_bounds(full: etree._Element) -> None:
    date = full.xpath("//tei:creation/tei:date", namespaces=NS)[0]
    assert (date.get("notBefore"), date.get("notAfter")) == ("1920-05-10", "1920-05-15")
    assert date.text == "Between May 10 and 15, 1920"


def test_source_line_is_a_structured_bibl(full: etree._Element) -> None:
    bibl = "//tei:sourceDesc/tei:bibl[@type='source']"
    assert xpath_texts(full, f"{bibl}/tei:title") == ["Collected Works"]
    assert xpath_texts(full, f"{bibl}/tei:edition") == ["3rd Edition"]
    assert xpath_texts(full, f"{bibl}/tei:publisher") == ["Progress Publishers"]
    assert xpath_texts(full, f"{bibl}/tei:pubPlace") == ["Moscow"]
    assert full.xpath(f"{bibl}/tei:date/@when", namespaces=NS) == ["1972"]
    assert full.xpath(f"{bibl}/tei:biblScope[@unit='page']/@from", namespaces=NS) == ["10"]
    assert full.xpath(f"{bibl}/tei:biblScope[@unit='page']/@to", namespaces=NS) == ["12"]
    assert xpath_texts(full, bibl) == [
        "Collected Works, 3rd Edition, Progress Publishers, Moscow, 1972, Volume 31, pages 10-12"]


def test_first_publication_keeps_wording_and_dates_it(full: etree._Element) -> None:
    bibl = "//tei:sourceDesc/tei:bibl[@type='firstPublication']"
    assert full.xpath(f"{bibl}/tei:date/@when", namespaces=NS) == ["1921-01-05"]
    assert xpath_texts(full, bibl) == [
        "Pravda No. 12, January 5, 1921; Published according to the manuscript"]


def test_licence_is_machine_readable_and_clean(full: etree._Element) -> None:
    availability = full.xpath("//tei:availability", namespaces=NS)[0]
    assert availability.get("status") == "free"
    licence = availability[0]
    assert licence.get("target") == "https://creativecommons.org/publicdomain/mark/1.0/"
    assert xpath_texts(full, "//tei:licence")[0].endswith("as your source.")


def test_unknown_fields_are_kept_as_notes(full: etree._Element) -> None:
    assert xpath_texts(full, "//tei:notesStmt/tei:note") == ["Audio: Read by volunteers"]


def test_every_header_value_survives_in_the_header(full: etree._Element) -> None:
    header = " ".join(section_text(full, "teiHeader").split())
    for line in FULL_HEADER.splitlines():
        value = line.split(":", 1)[1].strip().removesuffix("Home")
        assert value in header, value


def test_missing_title_is_supplied_and_flagged() -> None:
    result = convert_text(mia("Dear Sir,\n\nThe first real paragraph of the letter is here.",
                              title=""), source="x.txt")
    converted = result.documents[0]
    assert converted.document.header.title.supplied
    assert converted.document.header.title.text == "The first real paragraph of the letter is …"
    assert "title-supplied" in [d.code for d in result.all_diagnostics]
    root = tei_tree(mia("Some text.", title=""))
    assert root.xpath("//tei:titleStmt/tei:title/@type", namespaces=NS) == ["supplied"]
    assert root.xpath("//tei:body/tei:div/tei:head", namespaces=NS) == []


def test_site_navigation_is_left_out_and_recorded() -> None:
    text = mia("Real text.\n\n< previous   index   next >\nHome | Archive | Works Index")
    result = convert_text(text, source="x.txt")
    document = result.documents[0].document
    assert [reason for _, reason in document.dropped] == ["site navigation"]
    body = section_text(tei_tree(text), "text")
    assert "Works Index" not in body
    assert "previous" not in body


def test_page_text_sniffed_other_text_not() -> None:
    assert mia_reader.sniff(mia("Text."))
    assert not mia_reader.sniff("Just some prose.\n\nWith: a colon here.\n")


def test_text_without_header_is_refused_with_a_reason() -> None:
    with pytest.raises(InputError, match="header"):
        convert_text("Author\n\nTitle\n\nBody only.\n", source="x.txt", reader="mia")


def test_header_fields_may_be_separated_by_blank_lines() -> None:
    root = tei_tree(mia("Body.", fields="Written: 1921\n\nSource: Works, Moscow, 1965"))
    assert root.xpath("//tei:creation/tei:date/@when", namespaces=NS) == ["1921"]
    assert xpath_texts(root, "//tei:body/tei:div/tei:p") == ["Body."]


def test_no_break_spaces_are_normalised() -> None:
    root = tei_tree(mia("Text\u00a0with  no-break\u00a0\u00a0spaces.",
                        author="V.\u00a0I.\u00a0 Lenin"))
    assert xpath_texts(root, "//tei:author") == ["V. I. Lenin"]
    text = root.xpath("string(//tei:body/tei:div/tei:p)", namespaces=NS)
    assert text == "Text with no-break spaces."


def test_header_on_the_first_line_means_no_author_and_no_title() -> None:
    root = tei_tree("Written: 1921\nSource: Works, Moscow, 1965\n\nA short body paragraph.\n")
    assert root.xpath("//tei:titleStmt/tei:author", namespaces=NS) == []
    assert root.xpath("//tei:creation/tei:date/@when", namespaces=NS) == ["1921"]
    assert root.xpath("//tei:titleStmt/tei:title/@type", namespaces=NS) == ["supplied"]


def test_title_that_is_only_a_marker_is_no_title() -> None:
    root = tei_tree(mia("Body.", title="[1]"))
    assert root.xpath("//tei:titleStmt/tei:title/@type", namespaces=NS) == ["supplied"]


def test_empty_field_is_kept_as_a_note_and_reported() -> None:
    text = mia("Body.", fields="Written:\nSource: Works, Moscow, 1965")
    result = convert_text(text, source="x.txt")
    assert "field-empty" in [d.code for d in result.all_diagnostics]
    root = tei_tree(text)
    assert xpath_texts(root, "//tei:notesStmt/tei:note") == ["Written"]
    assert root.xpath("//tei:creation", namespaces=NS) == []


def test_publication_date_is_tagged_where_it_stands() -> None:
    root = tei_tree(mia("Body.", fields="Written: 1921\nFirst Published: Izvestia No. 1921, "
                                        "March 12, 1921."))
    bibl = root.xpath("//tei:bibl[@type='firstPublication']", namespaces=NS)[0]
    assert bibl.text == "Izvestia No. 1921, "
    assert bibl[0].get("when") == "1921-03-12"


@pytest.mark.parametrize(
    ("under_the_fields", "paragraphs"),
    [
        # A paragraph that lost its blank line under a finished field value.
        ("Comrades, I much regret that I cannot come to Petrograd at your invitation, "
         "and I send my greetings.", 1),
        # A short line under a finished value is the value's last sentence.
        ("Please credit the Archive as your source.", 0),
        # A field value wrapped onto the next line continues it.
        ("this document under the terms of the licence", 0),
    ],
)
def test_a_paragraph_right_under_the_fields_is_text(under_the_fields: str,
                                                     paragraphs: int) -> None:
    fields = ("Written: May 1, 1920\nCopyleft: Internet Archive (2002). Permission is granted "
              "to copy.\n" + under_the_fields)
    root = tei_tree(mia("The text after a blank line.", fields=fields))
    texts = xpath_texts(root, "//tei:body/tei:div/tei:p")
    assert texts[:paragraphs] == [under_the_fields][:paragraphs]
    assert len(texts) == paragraphs + 1


def test_a_wrapped_field_value_without_a_full_stop_continues() -> None:
    fields = "Written: May 1, 1920\nSource: Collected Works, Progress Publishers,\nMoscow, 1965"
    root = tei_tree(mia("The text.", fields=fields))
    assert xpath_texts(root, "//tei:sourceDesc/tei:bibl/tei:pubPlace") == ["Moscow"]


def test_an_index_page_with_one_field_under_its_title_is_a_page_text() -> None:
    text = ("A. N. Author\n\nLetters of 1917\nJanuary to March\n\nWritten: 1917\n\n"
            "To Comrade Petrov, January 5\n\nTo the Bureau, February 11\n")
    assert mia_reader.sniff(text)
    root = tei_tree(text)
    assert xpath_texts(root, "//tei:titleStmt/tei:title") == ["Letters of 1917", "January to March"]
    # One field line in running text is no header.
    assert not mia_reader.sniff("Some words here.\n\nSource: the people.\n\nMore text follows "
                                "in a long paragraph that is not a title at all, not by a long "
                                "way, since it goes on and on without end or purpose.\n")


def test_to_before_an_addressee_is_a_label_of_the_head() -> None:
    root = tei_tree(mia("The text.", title="To: The Bureau of the Party"))
    assert xpath_texts(root, "//tei:body/tei:div/tei:head/tei:label") == ["To:"]
    assert xpath_texts(root, "//tei:body/tei:div/tei:head") == ["To: The Bureau of the Party"]


@pytest.mark.parametrize(
    ("title", "main", "sub"),
    [
        # A new phrase under the title is its subtitle ...
        ("The Famine and the Zemstvo\n\nA Letter from the Provinces",
         "The Famine and the Zemstvo", "A Letter from the Provinces"),
        ("Letter to the Congress\n\nDecember 23, 1922", "Letter to the Congress",
         "December 23, 1922"),
        ("On the Strike\n\n(Open Letter)", "On the Strike", "(Open Letter)"),
        # ... a colon joining the two stays in the head only ...
        ("The Pamphlet:\n\nThe Crisis of the Party", "The Pamphlet", "The Crisis of the Party"),
        # ... a wrapped title is one title.
        ("To the Society for\n\nTechnical Aid", "To the Society for Technical Aid", None),
        ("Letter to the Workers\n\nof the Putilov Works", "Letter to the Workers of the "
         "Putilov Works", None),
        ("73\n\nLetter to the Soviet", "Letter to the Soviet", None),
        # A line starting in lower case, or under a comma, continues the title ...
        ("Letter to the Workers\n\nemployed at the Putilov Works",
         "Letter to the Workers employed at the Putilov Works", None),
        ("Letter to the Comrades,\n\nWorkers of the Putilov Works",
         "Letter to the Comrades, Workers of the Putilov Works", None),
        # ... but never a date or a line in brackets, whatever is above it.
        ("Speech at the Congress of Soviets,\n\nSpring 1921",
         "Speech at the Congress of Soviets,", "Spring 1921"),
        ("On the Strike —\n\n(Open Letter)", "On the Strike —", "(Open Letter)"),
        ("Chapter X\n\nThe Strike of the Weavers", "Chapter X", "The Strike of the Weavers"),
        # A marker on a line of its own is no subtitle.
        ("The Famine and the Zemstvo\n[1]", "The Famine and the Zemstvo", None),
    ],
)
def test_subtitles_and_wrapped_titles(title: str, main: str, sub: str | None) -> None:
    root = tei_tree(mia("The text.", title=title))
    assert xpath_texts(root, "//tei:titleStmt/tei:title[1]") == [main]
    assert xpath_texts(root, "//tei:titleStmt/tei:title[@type='sub']") == ([sub] if sub else [])


@pytest.mark.parametrize(
    ("first_line", "title", "closing", "author"),
    [
        # A collection where the author stands: the author from the title ...
        ("Marx-Engels Correspondence 1869", "Marx To Engels In Manchester", "Yours,\n\nMoor",
         "Marx"),
        # ... or from the signature ...
        ("Letters of 1917", "A Letter", "Yours,\n\nK. Marx", "K. Marx"),
        # ... or none, reported.
        ("Letters of 1917", "A Letter", "Nothing to close with.", None),
        # A person, with a year: still the author.
        ("Frederick Engels 1847", "A Letter", "Yours,\n\nF. E.", "Frederick Engels 1847"),
    ],
)
def test_a_collection_line_is_not_the_author(first_line: str, title: str, closing: str,
                                             author: str | None) -> None:
    result = convert_text(mia(f"Dear Fred,\n\nThe text of it.\n\n{closing}", title=title,
                              author=first_line), source="case.txt")
    root = etree.fromstring(result.documents[0].xml)
    assert xpath_texts(root, "//tei:titleStmt/tei:author") == ([author] if author else [])
    collection = xpath_texts(root, "//tei:notesStmt/tei:note[@type='collection']")
    assert collection == ([] if author == first_line else [first_line])
    codes = [d.code for d in result.documents[0].diagnostics]
    assert ("author-unknown" in codes) is (author is None)


    # The date found first is the one tagged, even when its wording comes again.
    again = tei_tree(mia("Body.", fields="Written: 1921\nFirst Published: Pravda, March 12, "
                                         "1921; reprinted from the March 12, 1921 proofs"))
    bibl = again.xpath("//tei:bibl[@type='firstPublication']", namespaces=NS)[0]
    assert (bibl.text, bibl[0].tail) == ("Pravda, ", "; reprinted from the March 12, 1921 proofs")


# Line 5 onwards: mia() puts the author on line 1 and the title on line 3.
MIXED_HEADER = """Written: some day or other
Audio: Read by
volunteers
Written: 1921
Notes:
First Published: Pravda, May 1, 1920
First Published: Izvestia, June 2, 1920
Source: Collected Works,
   Progress Publishers, Moscow, 1965
Source: Selected Works
Copyleft: Internet Archive (2001).Home
Public Domain: again"""


def test_header_problems_are_reported_on_their_field_lines() -> None:
    result = convert_text(mia("Body.", fields=MIXED_HEADER), source="x.txt")
    header_codes = {"date-unread", "field-unmapped", "field-empty", "link-text-removed"}
    assert [(d.code, d.line, d.message) for d in result.all_diagnostics
            if d.code in header_codes] == [
        ("date-unread", 5, "could not read the date 'some day or other'; kept as text"),
        ("field-unmapped", 6, "header field 'Audio' kept as a note"),
        ("field-unmapped", 8, "header field 'Written' kept as a note"),
        ("field-empty", 9, "header field 'Notes' has no value; kept as a note"),
        ("field-unmapped", 14, "header field 'Source' kept as a note"),
        ("link-text-removed", 15, "removed link text 'Home' glued to the end of 'Copyleft'"),
        ("field-unmapped", 16, "header field 'Public Domain' kept as a note"),
    ]


def test_the_first_of_a_repeated_field_counts_the_rest_are_notes() -> None:
    root = tei_tree(mia("Body.", fields=MIXED_HEADER))
    # A value continues on the lines after its label; unknown and repeated
    # fields (but every publication) are kept as notes, in order.
    assert xpath_texts(root, "//tei:notesStmt/tei:note") == [
        "Audio: Read by volunteers", "Written: 1921", "Notes", "Source: Selected Works",
        "Public Domain: again"]
    assert xpath_texts(root, "//tei:creation/tei:date") == ["some day or other"]
    assert xpath_texts(root, "//tei:sourceDesc/tei:bibl[@type='source']") == [
        "Collected Works, Progress Publishers, Moscow, 1965"]
    assert xpath_texts(root, "//tei:sourceDesc/tei:bibl[@type='firstPublication']") == [
        "Pravda, May 1, 1920", "Izvestia, June 2, 1920"]
    assert root.xpath("//tei:bibl[@type='firstPublication']/tei:date/@when",
                      namespaces=NS) == ["1920-05-01", "1920-06-02"]
    assert xpath_texts(root, "//tei:licence/tei:label") == ["Copyleft"]
    assert xpath_texts(root, "//tei:body/tei:div/tei:p") == ["Body."]


def test_an_impossible_date_and_an_undated_publication_keep_their_wording() -> None:
    text = mia("Body.", fields="Source: Works, Moscow, 1965\nWritten: 29 February 1921\n"
                               "First Published: in a pamphlet")
    result = convert_text(text, source="x.txt")
    assert [(d.code, d.line, d.message) for d in result.all_diagnostics
            if d.code.startswith("date-")] == [
        ("date-impossible", 6, "'29 February 1921' is not a day of the calendar; kept as text")]
    root = tei_tree(text)
    assert xpath_texts(root, "//tei:creation/tei:date") == ["29 February 1921"]
    assert xpath_texts(root, "//tei:bibl[@type='firstPublication']") == ["in a pamphlet"]
    assert root.xpath("//tei:bibl[@type='firstPublication']/tei:date", namespaces=NS) == []


@pytest.mark.parametrize(
    ("title", "main", "n"),
    [
        ("147\n\nTo the Editors", "To the Editors", "147"),
        ("147. To the Editors", "To the Editors", "147"),
        ("1916 98 To Comrade Halvorsen", "To Comrade Halvorsen", "98"),
        ("1891/12 Letter to the Circle", "Letter to the Circle", "1891/12"),
        # A number that is the title's own.
        ("20 Years of the Comintern", "20 Years of the Comintern", None),
        ("1917 (Notes)", "1917 (Notes)", None),
        ("1905\n\nThe Revolution in Russia", "1905 The Revolution in Russia", None),
    ],
)
def test_a_document_number_before_the_title(title: str, main: str, n: str | None) -> None:
    root = tei_tree(mia("The text.", title=title))
    title_element = root.find(".//tei:titleStmt/tei:title", NS)
    assert title_element is not None
    assert (" ".join("".join(title_element.itertext()).split()), title_element.get("n")) == (
        main, n)


def test_a_signature_of_markers_only_names_no_author() -> None:
    result = convert_text(mia("Dear Friend,\n\nThe text.\n\nYours,\n\n[1]\n\n[1] A note.",
                              author="Letters of 1869"), source="case.txt")
    root = etree.fromstring(result.documents[0].xml)
    assert not root.findall(".//tei:titleStmt/tei:author", NS)
    assert "author-unknown" in [d.code for d in result.documents[0].diagnostics]


def test_a_wrapped_field_value_before_another_field_stays_in_the_header() -> None:
    fields = ("Written: 1923\nSource: Collected Works, Progress Publishers, Moscow, 1965, Vol.\n"
              "XXXIII, pages 467-475\nPublic Domain: Marxists Internet Archive (2002). Copy it.\n"
              "Please credit the Archive as your source.\nTranslated: Ann Lee")
    root = tei_tree(mia("The text.", fields=fields))
    assert xpath_texts(root, "//tei:body/tei:div/tei:p") == ["The text."]
    assert xpath_texts(root, "//tei:bibl[@type='source']/tei:biblScope[@unit='page']") == [
        "pages 467-475"]
    assert xpath_texts(root, "//tei:respStmt/tei:persName") == ["Ann Lee"]


@pytest.mark.parametrize(
    ("title", "body", "titles"),
    [
        # A printed title is not marked supplied; a number before it is its @n.
        ("A Real Title", "The text.", [(None, None, "A Real Title")]),
        ("147. To the Bureau", "The text.", [(None, "147", "To the Bureau")]),
        # Without one, the first eight words of the text, "…" when there are more ...
        ("", "One two three four five six seven eight.",
         [("supplied", None, "One two three four five six seven eight.")]),
        ("", "One two three four five six seven eight nine.",
         [("supplied", None, "One two three four five six seven eight …")]),
        # ... or "Untitled" when there is no text.
        ("", "", [("supplied", None, "Untitled")]),
    ],
)
def test_the_header_title(title: str, body: str, titles: list[tuple[str | None, ...]]) -> None:
    root = tei_tree(mia(body, title=title))
    found = [(node.get("type"), node.get("n"), " ".join("".join(node.itertext()).split()))
             for node in root.xpath("//tei:titleStmt/tei:title", namespaces=NS)]
    assert found == titles


def test_a_supplied_title_is_reported_at_the_first_paragraph() -> None:
    result = convert_text(mia("Dear Sir,\n\nThe first real paragraph.", title=""),
                          source="x.txt")
    found = [(d.line, d.message) for d in result.all_diagnostics if d.code == "title-supplied"]
    # mia() puts the salutation on line 6 and the paragraph on line 8.
    assert found == [(8, "the source has no title; supplied 'The first real paragraph.'")]


@pytest.mark.parametrize(
    ("title", "clean"),
    [
        ("To: The Bureau[1] of the Party", "To: The Bureau of the Party"),
        ("To the Bureau of the Party[1]", "To the Bureau of the Party"),
        ("To the Bureau of the Party\n[1]", "To the Bureau of the Party"),
    ],
)
def test_a_marker_in_the_title_stays_in_the_head(title: str, clean: str) -> None:
    root = tei_tree(mia("The text.\n\n[1] A note.", title=title))
    assert root.xpath("//tei:body/tei:div/tei:head/tei:note/@n", namespaces=NS) == ["1"]
    assert xpath_texts(root, "//tei:titleStmt/tei:title") == [clean]


@pytest.mark.parametrize(
    ("title", "closing", "code", "source"),
    [
        ("Marx To Engels In Manchester", "Yours,\n\nMoor", "author-inferred", "the title"),
        ("A Letter", "Yours,\n\nK. Marx", "author-inferred", "the signature"),
        ("A Letter", "Nothing to close with.", "author-unknown", "neither the title"),
    ],
)
def test_where_the_author_came_from_is_reported_on_the_first_line(
        title: str, closing: str, code: str, source: str) -> None:
    result = convert_text(mia(f"Dear Fred,\n\nThe text of it.\n\n{closing}", title=title,
                              author="Letters of 1869"), source="case.txt")
    found = [(d.line, source in d.message) for d in result.all_diagnostics if d.code == code]
    assert found == [(1, True)]


@pytest.mark.parametrize(
    ("numbers", "divs"),
    [
        (["1", "2", "3", "4"], 4),
        (["1.", "2.", "3."], 3),
        (["I", "II", "III", "IV"], 4),
        (["I.", "II.", "III.", "IV.", "V.", "VI."], 6),
        # Numbers that do not count 1, 2, 3... head no parts.
        (["1", "3"], 0),
        (["2", "3"], 0),
        (["I", "III"], 0),
    ],
)
def test_numbered_parts_of_a_page(numbers: list[str], divs: int) -> None:
    body = "\n\n".join(f"{number}\n\nTo Comrade Number {n}\n\nSend the books.\n\nA. G."
                       for n, number in enumerate(numbers, 1))
    root = tei_tree(mia(f"Notes written that week.\n\n{body}"))
    assert xpath_texts(root, "//tei:body/tei:div/tei:div/tei:head") == (numbers if divs else [])
    assert len(root.xpath("//tei:body/tei:div/tei:div/tei:opener", namespaces=NS)) == divs


def test_line_ends_are_kept_before_and_inside_numbered_parts() -> None:
    verse = "We spin the thread from dark to dark,\nWe weave the cloth we never wear;"
    root = tei_tree(mia(f"{verse}\n\n1\n\n{verse}\n\n2\n\nSend the books at once."))
    assert len(root.xpath("//tei:body/tei:div/tei:p/tei:lb", namespaces=NS)) == 1
    assert len(root.xpath("//tei:body/tei:div/tei:div[1]/tei:p/tei:lb", namespaces=NS)) == 1


@pytest.mark.parametrize(
    ("closing", "when"),
    [
        ("Moscow, June 1, 1918", ["1918-06-01"]),
        # The issue that printed the text does not date its writing.
        ("Pravda, No. 108, June 1, 1918", []),
    ],
)
def test_a_closing_dateline_dates_the_writing(closing: str, when: list[str]) -> None:
    root = tei_tree(mia(f"The text of the letter.\n\nMore of it.\n\n{closing}",
                        fields="Source: Collected Works, Progress Publishers, Moscow, 1965"))
    assert root.xpath("//tei:creation/tei:date/@when", namespaces=NS) == when


@pytest.mark.parametrize(
    ("fields", "creation", "from_dateline", "reported"),
    [
        # The field gives no date: the dateline's, after the field's wording ...
        ("Written: Berne\nSource: Works, 1965", "Berne 3 May 1916", True, [8]),
        # ... or there is no field.
        ("Source: Works, 1965", "3 May 1916", True, [7]),
        # A dated field wins over the dateline.
        ("Written: 1 May 1916\nSource: Works, 1965", "1 May 1916", False, []),
    ],
)
def test_the_dateline_dates_a_letter_whose_header_does_not(
        fields: str, creation: str, from_dateline: bool, reported: list[int]) -> None:
    result = convert_text(mia("Berne, 3 May 1916\n\nDear Friend,\n\nThe text itself.",
                              fields=fields), source="case.txt")
    root = etree.fromstring(result.documents[0].xml)
    assert xpath_texts(root, "//tei:profileDesc/tei:creation") == [creation]
    assert len(root.xpath("//tei:creation/tei:date/@when", namespaces=NS)) == 1
    header = result.documents[0].document.header
    assert header.creation is not None
    assert header.creation.from_dateline is from_dateline
    assert [d.line for d in result.all_diagnostics if d.code == "date-from-dateline"] == reported


@pytest.mark.parametrize(
    ("end", "notes", "paragraphs"),
    [
        # Notes numbered from 1 that end the text are notes, pointed to or not ...
        ("[1] First note.\n\n[2] Second note.", ["1", "2"], 1),
        ("[1] First note.", ["1"], 1),
        # ... a run that does not count from 1, or skips, is text.
        ("[2] First note.\n\n[3] Second note.", [], 3),
        ("[1] First note.\n\n[3] Second note.", [], 3),
    ],
)
def test_notes_nothing_points_to_at_the_end(end: str, notes: list[str], paragraphs: int) -> None:
    root = tei_tree(mia(f"The text without markers.\n\n{end}"))
    assert root.xpath("//tei:text//tei:note/@n", namespaces=NS) == notes
    assert len(root.xpath("//tei:body/tei:div/tei:p", namespaces=NS)) == paragraphs


@pytest.mark.parametrize(
    ("body", "notes"),
    [
        # A page of notes alone, to a marker in the title.
        ("[1] Only a note.\n\n[2] And another.", ["1", "2"]),
        # A note above the text would take the text in: it stays text.
        ("[1] Said above.\n\nThe text after it.", []),
    ],
)
def test_notes_at_the_top_of_a_page(body: str, notes: list[str]) -> None:
    root = tei_tree(mia(body, title="A Title[1]"))
    assert root.xpath("//tei:text//tei:note/@n", namespaces=NS) == notes
