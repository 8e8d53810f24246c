"""The plain reader: any transcription no other reader recognises.

Each test states what a TEI encoder would check in the output, through XPath.
"""

from __future__ import annotations

import pytest
from lxml import etree

from tei_convert import Options, Result, convert_text
from tei_convert.errors import InputError
from tei_convert.model import Metadata
from tei_convert.readers import sniff
from tei_convert.readers.blocks import split_blocks
from tei_convert.readers.mia import sniff as mia_sniff
from tei_convert.readers.plain_layout import cut_paragraphs, is_wrapped, learn_layout
from tei_convert.readers.plain_notes import find_notes
from tei_convert.readers.volume_measure import character_width
from tei_convert.transforms.notes import NOTE_FORMS

from tei_helpers import NS, xpath_texts


def _plain(text: str, **options: object) -> tuple[etree._Element, Result]:
    result = convert_text(text, source="plain.txt", options=Options(**options))  # type: ignore[arg-type]
    assert result.reader == "plain"
    [converted] = result.documents
    return etree.fromstring(converted.xml), result


def _own_texts(root: etree._Element, path: str) -> list[str]:
    """The normalised text of each node ``path`` selects, the notes standing in
    it left out: what the text says where the notes are only marked."""
    texts = []
    for node in root.xpath(path, namespaces=NS):
        copy = etree.fromstring(etree.tostring(node))
        for note in copy.xpath(".//tei:note", namespaces=NS):
            parent = note.getparent()
            previous = note.getprevious()
            if previous is not None:
                previous.tail = (previous.tail or "") + (note.tail or "")
            else:
                parent.text = (parent.text or "") + (note.tail or "")
            parent.remove(note)
        texts.append(" ".join("".join(copy.itertext()).split()))
    return texts


def _codes(result: Result) -> list[str]:
    return [d.code for d in result.all_diagnostics]


def _wrap(words: str, width: int) -> list[str]:
    """Greedy wrapping, as an editor or a typist wraps at a fixed width."""
    lines: list[str] = []
    for word in words.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


SENTENCES = [
    "The first of the meetings was held in the schoolroom on a wet evening in March, "
    "and more than forty people came in spite of the weather and the dark lanes.",
    "The chairman read the letters that had been received since the autumn, and the "
    "treasurer gave an account of the money in hand. It was agreed to print both.",
    "A second meeting was fixed for the first Monday of the month after the fair.",
    "Nobody spoke against the proposal, though several members asked whether the "
    "room could be heated and who would pay for the coal and the candles.",
]


# --- The fallback.


def test_a_text_no_reader_recognises_is_read_as_plain_with_a_warning() -> None:
    _, result = _plain("Some words of a transcription.\n\nAnd some more.\n")
    assert [(d.code, d.severity.value) for d in result.diagnostics] == [
        ("format-fallback", "warning")]
    assert sniff("Some words.\n", source="x.txt").name == "plain"


def test_a_text_opening_with_a_field_line_is_no_page_text() -> None:
    fields = "Title: Minutes\nWritten: May 1890\nSource: Parish chest\n\nThe text.\n"
    assert not mia_sniff(fields)
    assert mia_sniff("A. Writer\n\nMinutes\n\nWritten: May 1890\nSource: Parish chest\n\nText.\n")


# --- The title.


def test_a_short_line_standing_alone_is_the_title_and_the_head() -> None:
    root, result = _plain("The Mill at Low Bridge\n\nThe mill was built in 1790.\n")
    assert xpath_texts(root, "//tei:titleStmt/tei:title") == ["The Mill at Low Bridge"]
    assert root.xpath("//tei:titleStmt/tei:title/@type", namespaces=NS) == []
    assert xpath_texts(root, "//tei:body/tei:div/tei:head") == ["The Mill at Low Bridge"]
    assert "title-supplied" not in _codes(result)


def test_a_first_line_that_is_a_sentence_a_date_or_a_salutation_is_no_title() -> None:
    for first in ("The mill was built in 1790.", "March 3, 1890", "Dear Sir,",
                  "the mill by the river"):
        root, result = _plain(f"{first}\n\nIt still stands by the river.\n")
        assert root.xpath("//tei:titleStmt/tei:title/@type", namespaces=NS) == ["supplied"]
        assert root.xpath("//tei:body/tei:div/tei:head", namespaces=NS) == []
        assert "title-supplied" in _codes(result)


def test_a_line_followed_by_text_without_a_blank_line_is_no_title() -> None:
    root, _ = _plain("The Mill at Low Bridge\nwas built in 1790 by the brothers Hale.\n\nMore.\n")
    assert root.xpath("//tei:titleStmt/tei:title/@type", namespaces=NS) == ["supplied"]


def test_the_metadata_title_and_author_win_and_the_printed_title_stays_in_the_text() -> None:
    meta = Metadata(author="Ann Hale", title="Letters from the Mill", language="en")
    root, _ = _plain("The Mill at Low Bridge\n\nThe mill was built in 1790.\n",
                     metadata=meta)
    assert xpath_texts(root, "//tei:titleStmt/tei:title") == ["Letters from the Mill"]
    assert xpath_texts(root, "//tei:titleStmt/tei:author") == ["Ann Hale"]
    assert xpath_texts(root, "//tei:body/tei:div/tei:head") == ["The Mill at Low Bridge"]
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"


# --- A field block.


FIELDS = ("Title: Notes on the Hay Harvest\nAuthor: Jane Ellery\nDate: June 1891\n"
          "Shelfmark: Box 4, no. 12\nTranscribed: Local history group\n\n"
          "The hay was cut in the second week of June.\n")


def test_a_field_block_gives_title_author_date_and_keeps_every_other_field() -> None:
    root, result = _plain(FIELDS)
    assert xpath_texts(root, "//tei:titleStmt/tei:title") == ["Notes on the Hay Harvest"]
    assert xpath_texts(root, "//tei:titleStmt/tei:author") == ["Jane Ellery"]
    assert root.xpath("//tei:creation/tei:date/@when", namespaces=NS) == ["1891-06"]
    assert root.xpath("//tei:respStmt/tei:resp[@key='trc']/text()", namespaces=NS) == [
        "Transcribed"]
    assert xpath_texts(root, "//tei:notesStmt/tei:note[@type='sourceField']") == [
        "Shelfmark: Box 4, no. 12"]
    assert "field-unmapped" in _codes(result)
    # The field lines went to the header: the text holds only the paragraph.
    assert xpath_texts(root, "//tei:body//tei:p") == [
        "The hay was cut in the second week of June."]


def test_a_title_line_over_a_field_block() -> None:
    text = "The Hay Harvest\n\nDate: June 1891\nPlace: Low Farm\n\nThe hay was cut early.\n"
    root, _ = _plain(text)
    assert xpath_texts(root, "//tei:body/tei:div/tei:head") == ["The Hay Harvest"]
    assert root.xpath("//tei:creation/tei:date/@when", namespaces=NS) == ["1891-06"]
    assert xpath_texts(root, "//tei:notesStmt/tei:note") == ["Place: Low Farm"]


def test_one_unknown_field_line_is_a_paragraph() -> None:
    root, _ = _plain("Note: the hay was cut early this year.\n\nIt rained after.\n")
    assert root.xpath("//tei:notesStmt", namespaces=NS) == []
    assert xpath_texts(root, "//tei:body//tei:p")[0] == "Note: the hay was cut early this year."


# --- Paragraphs.


def test_a_text_wrapped_without_blank_lines_is_cut_where_lines_leave_room() -> None:
    lines = [line for sentence in SENTENCES for line in _wrap(sentence, 58)]
    root, _ = _plain("Minutes of the Reading Society\n\n" + "\n".join(lines) + "\n")
    assert xpath_texts(root, "//tei:body//tei:p") == SENTENCES
    assert root.xpath("//tei:body//tei:lb", namespaces=NS) == []
    assert root.xpath("//tei:hyphenation/@eol", namespaces=NS) == ["some"]


def test_blank_line_paragraphs_that_are_hard_wrapped_are_joined() -> None:
    text = "\n\n".join("\n".join(_wrap(sentence, 50)) for sentence in SENTENCES)
    root, _ = _plain(text + "\n")
    assert xpath_texts(root, "//tei:body//tei:p") == SENTENCES
    assert root.xpath("//tei:body//tei:lb", namespaces=NS) == []


def test_a_word_broken_at_a_line_end_is_joined_and_a_compound_keeps_its_hyphen() -> None:
    text = ("The committee met in the old school and exam-\nined the accounts of the "
            "year with care, and a well-\nknown grocer of the town was thanked.\n")
    root, result = _plain(text)
    lb = root.xpath("//tei:p/tei:lb[@break='no']", namespaces=NS)
    assert [(node.get("type"), node.get("rend")) for node in lb] == [("hyphenInWord", "hidden")]
    [paragraph] = xpath_texts(root, "//tei:body//tei:p")
    assert "examined the accounts" in paragraph
    assert "a well-known grocer" in paragraph
    assert [(d.code, d.line) for d in result.all_diagnostics if d.code.startswith("hyphen")] \
        == [("hyphen-removed", 1), ("hyphen-kept", 2)]


INDENTED = """\
    I have your letter of the second and thank you for the copy of the
parish accounts, which I have read with much interest. The figures for
the coal club seem to me lower than last year's, and I should be glad.
    I shall be in town on Thursday and will call at the vestry after
the service, if that suits you, and we may then settle the matter.
"""


def test_a_typed_text_that_indents_its_paragraphs_is_cut_at_the_indents() -> None:
    root, _ = _plain(INDENTED)
    assert [p[:14] for p in xpath_texts(root, "//tei:body//tei:p")] == [
        "I have your le", "I shall be in "]
    # The first paragraph's last line is full: without the indent, nothing tells.
    flush, _ = _plain("\n".join(line.strip() for line in INDENTED.splitlines()) + "\n")
    assert len(xpath_texts(flush, "//tei:body//tei:p")) == 1


def test_a_passage_indented_as_a_whole_is_no_paragraph_start() -> None:
    text = ("The vicar read out the letter, which began with these words and went\n"
            "    on for some time about the state of the roads in winter and\n"
            "    the cost of mending them before the spring came round again\n"
            "and when he had done, nobody spoke for a while in the room.\n")
    root, _ = _plain(text)
    assert len(root.xpath("//tei:body//tei:p", namespaces=NS)) == 1


def test_one_paragraph_a_line_with_no_blank_lines() -> None:
    text = "\n".join(SENTENCES) + "\n"
    root, _ = _plain(text)
    assert xpath_texts(root, "//tei:body//tei:p") == SENTENCES
    assert root.xpath("//tei:hyphenation/@eol", namespaces=NS) == ["none"]


def test_a_block_set_in_lines_keeps_its_line_ends() -> None:
    text = "Verses\n\nThe wind is in the willow,\nThe rain is on the hill,\nAnd all the road " \
           "is silent\nAnd all the house is still.\n\nA last line of prose.\n"
    root, _ = _plain(text)
    assert len(root.xpath("//tei:body//tei:p[1]/tei:lb", namespaces=NS)) == 3


def test_the_measure_of_a_typed_text_is_learned_in_characters() -> None:
    lines = [line for sentence in SENTENCES * 3 for line in _wrap(sentence, 44)]
    blocks = split_blocks(lines, 1)
    layout = learn_layout(blocks)
    assert layout.measure is not None
    assert layout.measure.metric is character_width
    assert layout.measure.misplaced == 0
    assert all(is_wrapped(block) for block in blocks)
    assert len(cut_paragraphs(blocks, layout)) == len(SENTENCES) * 3


# --- A letter.


LETTER = """Low Farm, Ashby,
12 May 1889

Dear Brother,

We are all well here and the lambs have done better than last year, though
the spring came late and the grass was thin until the first week of April.

Mother sends her love and asks when you will come home.

Your loving sister,

Jane Ellery

P.S. The dog is old now but still meets the carrier at the gate.
"""


def test_a_letter_without_a_header_has_its_parts() -> None:
    root, result = _plain(LETTER)
    division = root.xpath("//tei:body/tei:div", namespaces=NS)[0]
    assert division.get("type") == "letter"
    assert xpath_texts(division, "tei:opener/tei:dateline") == ["Low Farm, Ashby, 12 May 1889"]
    assert division.xpath("tei:opener/tei:dateline/tei:date/@when", namespaces=NS) == [
        "1889-05-12"]
    assert xpath_texts(division, "tei:opener/tei:salute") == ["Dear Brother,"]
    assert len(division.xpath("tei:p", namespaces=NS)) == 2
    assert xpath_texts(division, "tei:closer/tei:salute") == ["Your loving sister,"]
    assert xpath_texts(division, "tei:closer/tei:signed") == ["Jane Ellery"]
    assert xpath_texts(division, "tei:postscript/tei:p")[0].startswith("P.S. The dog")
    assert xpath_texts(root, "//tei:correspAction[@type='sent']/tei:persName") == [
        "Jane Ellery"]
    assert xpath_texts(root, "//tei:correspAction[@type='sent']/tei:placeName") == [
        "Low Farm, Ashby"]
    assert root.xpath("//tei:creation/tei:date/@when", namespaces=NS) == ["1889-05-12"]
    assert "author-inferred" in _codes(result)


def test_a_text_signed_by_two_names_no_author() -> None:
    text = ("The Accounts\n\nThe accounts were found correct.\n\nJohn Hale, Chairman\n\n"
            "Mary Ellery, Secretary\n")
    root, result = _plain(text)
    assert len(root.xpath("//tei:closer/tei:signed", namespaces=NS)) == 2
    assert root.xpath("//tei:titleStmt/tei:author", namespaces=NS) == []
    assert "author-inferred" not in _codes(result)


# --- Notes.


def test_footnotes_printed_after_their_paragraph_stand_at_their_markers() -> None:
    text = ("The Old Road\n\nThe road was finished in 1769,[1] and tolls were taken.[2]\n\n"
            "[Footnote 1: By an act of two years\nbefore.]\n\nIt was a good road.\n\n"
            "[Footnote 2: The toll house stands.\n\nIts keeper's book survives.]\n")
    root, result = _plain(text)
    notes = root.xpath("//tei:body//tei:p/tei:note", namespaces=NS)
    assert [note.get("n") for note in notes] == ["1", "2"]
    assert [note.get("place") for note in notes] == ["end", "end"]
    # "Footnote 1:" is the transcription's markup, as in an e-text: the note
    # element stands for it, and the manifest lists the word.
    assert xpath_texts(notes[0], "tei:p") == ["By an act of two years before."]
    assert (5, "Footnote") in result.documents[0].document.markup
    assert len(notes[1].xpath("tei:p", namespaces=NS)) == 2
    assert _own_texts(root, "//tei:body/tei:div/tei:p") == [
        "The road was finished in 1769, and tolls were taken.", "It was a good road."]
    assert not {"marker-unresolved", "note-unreferenced"} & set(_codes(result))


def test_a_footnote_with_no_marker_or_not_closed_stays_text() -> None:
    for footnote in ("[Footnote 3: No marker points here.]", "[Footnote 1: Never closed."):
        root, _ = _plain(f"A road.[1]\n\n{footnote}\n\nThe end.\n")
        assert root.xpath("//tei:note[@place]", namespaces=NS) == []
        assert footnote in xpath_texts(root, "//tei:body//tei:p")
        assert "A road.[1]" in xpath_texts(root, "//tei:body//tei:p")


def test_star_and_paren_notes_at_the_end_stand_at_their_markers() -> None:
    text = ("A Walk\n\nWe left at dawn,* crossed the ford (1) and went on\n(2) over the hill.\n\n"
            "* At six.\n(1) It was deep.\n(2) A steep one.\n")
    root, result = _plain(text)
    notes = root.xpath("//tei:body//tei:note", namespaces=NS)
    assert [note.get("n") for note in notes] == ["*", "1", "2"]
    assert notes[0].get("{http://www.w3.org/XML/1998/namespace}id") == "plain-notestar"
    assert _own_texts(root, "//tei:body/tei:div/tei:p") == [
        "We left at dawn, crossed the ford and went on over the hill."]
    assert xpath_texts(notes[2], "tei:p") == ["A steep one."]
    assert "format-fallback" in _codes(result)


def test_a_notes_heading_over_the_notes_heads_the_generated_notes() -> None:
    text = "A Walk\n\nWe left at dawn.[1]\n\nNotes\n\n[1] At six.\n"
    root, _ = _plain(text)
    assert xpath_texts(root, "//tei:back/tei:divGen[@type='notes']/tei:head") == ["Notes"]
    assert root.xpath("//tei:body//tei:note/@n", namespaces=NS) == ["1"]


def test_markers_without_a_sure_note_stay_text_without_warnings() -> None:
    text = ("Rules\n\nObserve these rules: (1) no ink; (2) no talking.\n\n"
            "Books marked with a star* are kept locked; ask the librarian[1] for them.\n\n"
            "Break a rule *twice* and you leave.\n\n"
            "* Hats in the lobby.\n* Umbrellas at the door.\n")
    root, result = _plain(text)
    assert root.xpath("//tei:note[@place]", namespaces=NS) == []
    paragraphs = xpath_texts(root, "//tei:body//tei:p")
    assert paragraphs[0] == "Observe these rules: (1) no ink; (2) no talking."
    assert "star*" in paragraphs[1]
    assert "librarian[1]" in paragraphs[1]
    assert "*twice*" in paragraphs[2]
    assert not {"marker-unresolved", "note-unreferenced", "note-duplicate"} & set(_codes(result))


def test_a_run_of_notes_at_the_end_is_taken_whole_or_not_at_all() -> None:
    # Note (2) has no marker: the run is not sure, so (1) is not a note either.
    text = "A Walk\n\nWe left at dawn (1) and came back late.\n\n(1) At six.\n(2) At ten.\n"
    root, _ = _plain(text)
    assert root.xpath("//tei:note[@place]", namespaces=NS) == []
    found = find_notes(split_blocks(text.split("\n"), 1)[1:])
    assert found.notes == ()


def test_every_note_form_is_one_the_grammar_lists() -> None:
    assert [form.name for form in NOTE_FORMS] == ["footnote", "bracket", "paren", "star"]


def test_a_number_opening_a_paragraph_is_no_marker_for_a_note() -> None:
    text = ("Points\n\n(1) The roof is to be mended, said the vicar.\n\n"
            "And so it was agreed.\n\n(1) By the spring.\n")
    root, _ = _plain(text)
    assert root.xpath("//tei:note[@place]", namespaces=NS) == []
    assert xpath_texts(root, "//tei:body//tei:p")[-1] == "(1) By the spring."


# --- A text with a volume's look but not its structure.


DOUBLE_SPACED = "Minutes of the Board\n\n" + "".join(
    f"Item {n}. The board considered berth {n} and resolved to defer it.\n\n"
    for n in range(1, 50))


def test_a_double_spaced_text_with_no_work_headings_is_read_as_plain() -> None:
    result = convert_text(DOUBLE_SPACED, source="minutes.txt")
    assert result.reader == "plain"
    [fallback] = [d for d in result.all_diagnostics if d.code == "format-fallback"]
    assert "looked like volume" in fallback.message
    # What the volume reader said before it gave up is not kept.
    assert "volume-metadata-missing" not in [d.code for d in result.all_diagnostics]
    root = etree.fromstring(result.documents[0].xml)
    assert len(root.xpath("//tei:body//tei:p", namespaces=NS)) == 49


def test_a_volume_asked_for_by_name_is_not_replaced() -> None:
    with pytest.raises(InputError, match="--format plain"):
        convert_text(DOUBLE_SPACED, source="minutes.txt", reader="volume")


# --- What makes a plain text a letter.


@pytest.mark.parametrize("text", [
    "The Tinker's Donkey\n\nOnce there was a donkey that belonged to a tinker.\n\n"
    "It went everywhere with him.\n\nTHE END\n",
    "Monday, 4 June 1894\n\nRose early. Rain until ten.\n\nTuesday, 5 June 1894\n\n"
    "Wind in the east all day.\n",
], ids=["story-ending-the-end", "diary"])
def test_a_text_without_a_salutation_or_signed_office_is_no_letter(text: str) -> None:
    root, result = _plain(text)
    assert root.xpath("//tei:body/tei:div/@type", namespaces=NS) == ["text"]
    assert root.xpath("//tei:closer | //tei:opener | //tei:postscript", namespaces=NS) == []
    assert root.xpath("//tei:titleStmt/tei:author", namespaces=NS) == []
    assert "author-inferred" not in _codes(result)


def test_a_short_letter_with_a_salutation_is_a_letter() -> None:
    root, _ = _plain("Dear Tom,\n\nThe cart is mended.\n\nYours truly,\n\nAnn Hale\n")
    assert root.xpath("//tei:opener/tei:salute", namespaces=NS)
    assert xpath_texts(root, "//tei:closer/tei:signed") == ["Ann Hale"]
