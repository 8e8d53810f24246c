"""The Project Gutenberg reader: invented e-texts in the layouts of the 2020s,
of about 2010 and of the 1990s, read through namespaced XPath."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import etree

from tei_convert import convert_corpus, convert_text
from tei_convert.checks.fidelity import first_difference, source_letters, tei_letters
from tei_convert.errors import InputError
from tei_convert.input.sanitize import source_lines
from tei_convert.pipeline import Result
from tei_convert.readers import READERS, sniff
from tei_convert.tei import note_ids

from conftest import CASES, SEEDS, TEI_ALL, run_jing
from tei_helpers import NS, xpath_texts

STATEMENT = ("Anyone may read and share this ebook at no cost, under the terms of the\n"
             "Project Gutenberg License that comes with it.")


def etext(body: str, *, fields: str | None = None, start: str | None = None,
          end: str = "*** END OF THE PROJECT GUTENBERG EBOOK THE MILLER'S ROAD ***") -> str:
    """An e-text in the current layout, with the given text between its START and
    END lines."""
    header = fields if fields is not None else (
        "Title: The Miller's Road\n\nAuthor: Ruth Abernethy\n\n"
        "Release date: May 4, 2022 [eBook #70001]\n\nLanguage: English")
    start = start or "*** START OF THE PROJECT GUTENBERG EBOOK THE MILLER'S ROAD ***"
    return (f"The Project Gutenberg eBook of The Miller's Road\n\n{STATEMENT}\n\n{header}\n\n\n"
            f"{start}\n\n\n\n{body}\n\n\n\n{end}\n\nA short stand-in for the licence text.\n")


def converted(text: str) -> Result:
    return convert_text(text, source="etext.txt", reader="gutenberg")


def tree(text: str) -> etree._Element:
    [document] = converted(text).documents
    return etree.fromstring(document.xml)


def codes(result: Result) -> list[str]:
    return [diagnostic.code for diagnostic in result.all_diagnostics]


CHAPTERS = """BOOK ONE

THE HILL




CHAPTER I.

THE MILL


The wheel turned _slowly_ in the dry season.[1]

[Footnote 1: It was an undershot wheel.]




CHAPTER II.


The miller's boy kept a ledger.[1]

[Footnote 1: The ledger is lost.]




BOOK TWO




CHAPTER III.


Then the rains came."""


# --- Recognising the format.


@pytest.mark.parametrize("path", sorted(CASES.glob("030*.txt")), ids=lambda p: p.stem)
def test_every_layout_is_recognised(path: Path) -> None:
    assert sniff(path.read_text("utf-8"), source=path.name).name == "gutenberg"


def test_other_formats_are_not_taken_for_an_etext() -> None:
    for path in [*sorted(SEEDS.glob("*.txt")), *sorted(CASES.glob("0[01]*.txt"))]:
        assert not READERS["gutenberg"].sniff(path.read_text("utf-8")), path.name
    # A text that speaks of the markers, not one that has them.
    assert not READERS["gutenberg"].sniff(
        "A note on '*** START OF THE PROJECT GUTENBERG EBOOK' lines.\n")


def test_a_text_without_a_start_line_is_refused() -> None:
    with pytest.raises(InputError, match="START OF THE PROJECT GUTENBERG"):
        converted("Title: Something\n\nAuthor: Someone\n\nA text with no markers.\n")


# --- The header.


def test_fields_give_title_authors_credits_and_language() -> None:
    root = tree(etext("Some text.", fields=(
        "Title: The Miller's Road\n        A Story of the Downs\n\n"
        "Author: Ruth Abernethy\n        Colin Abernethy\n\n"
        "Translator: Ilse Brand\n\n"
        "Release date: May 4, 2022 [eBook #70001]\n\nLanguage: English\n\n"
        "Credits: Produced by Dora Penn and the Online Distributed\n"
        "        Proofreading Team at https://www.pgdp.net")))
    assert xpath_texts(root, "//tei:titleStmt/tei:title") == ["The Miller's Road",
                                                              "A Story of the Downs"]
    assert xpath_texts(root, "//tei:titleStmt/tei:author") == ["Ruth Abernethy",
                                                               "Colin Abernethy"]
    assert xpath_texts(root, "//tei:respStmt[tei:resp/@key='trl']/tei:persName") == ["Ilse Brand"]
    credits = "//tei:respStmt[tei:resp/@key='trc']"
    assert xpath_texts(root, f"{credits}/tei:resp") == ["Credits"]
    assert xpath_texts(root, f"{credits}/tei:persName") == ["Dora Penn"]
    assert xpath_texts(root, f"{credits}/tei:orgName") == [
        "the Online Distributed Proofreading Team"]
    assert root.get(f"{{{NS['xml']}}}lang") == "en"
    assert xpath_texts(root, "//tei:langUsage/tei:language[@ident='en']") == ["English"]


def test_the_etext_is_the_source_with_its_number_and_release_date() -> None:
    root = tree(etext("Some text."))
    bibl = "//tei:sourceDesc/tei:bibl[@type='source']"
    assert xpath_texts(root, f"{bibl}/tei:publisher") == ["Project Gutenberg"]
    assert xpath_texts(root, f"{bibl}/tei:idno[@type='PG']") == ["70001"]
    assert root.xpath(f"{bibl}/tei:date/@when", namespaces=NS) == ["2022-05-04"]
    # The release date is when the e-text was published, not when the work was written.
    assert not root.xpath("//tei:creation", namespaces=NS)
    assert xpath_texts(root, "//tei:publicationStmt/tei:idno") == ["etext"]


def test_the_statement_of_terms_is_the_availability() -> None:
    root = tree(etext("Some text."))
    availability = root.xpath("//tei:publicationStmt/tei:availability", namespaces=NS)[0]
    assert availability.get("status") == "free"
    licence = availability.find("tei:licence", NS)
    assert licence is not None
    assert licence.get("target") == "https://www.gutenberg.org/policy/license.html"
    assert " ".join(STATEMENT.split()) == licence.text


def test_older_dates_updates_and_an_unknown_language() -> None:
    result = converted(etext("Some text.", fields=(
        "Title: The Miller's Road\n\nAuthor: Ruth Abernethy\n\n"
        "Posting Date: July 1, 2009 [EBook #4321]\nRelease Date: March, 2003\n"
        "Last Updated: May 9, 2016\n\nLanguage: Old Norse\n\nCharacter set encoding: ASCII")))
    root = etree.fromstring(result.documents[0].xml)
    bibl = "//tei:sourceDesc/tei:bibl[@type='source']"
    assert root.xpath(f"{bibl}/tei:date/@when", namespaces=NS) == ["2003-03"]
    assert xpath_texts(root, f"{bibl}/tei:edition") == [
        "Posting Date: July 1, 2009; Last Updated: May 9, 2016"]
    assert xpath_texts(root, f"{bibl}/tei:idno") == ["4321"]
    # A language the tool cannot name by its tag is kept as written, untagged.
    assert root.get(f"{{{NS['xml']}}}lang") is None
    assert xpath_texts(root, "//tei:notesStmt/tei:note[@type='sourceField']") == [
        "Language: Old Norse", "Character set encoding: ASCII"]
    assert codes(result).count("field-unmapped") == 2


def test_a_credit_at_the_top_of_the_text_is_a_credit() -> None:
    result = converted(etext("Produced by Alma Wren\n\n\nThe wheel turned."))
    root = etree.fromstring(result.documents[0].xml)
    assert xpath_texts(root, "//tei:respStmt[tei:resp='Produced by']/tei:persName") == [
        "Alma Wren"]
    assert xpath_texts(root, "//tei:body//tei:p") == ["The wheel turned."]


def test_a_credit_the_credits_field_already_gives_is_not_repeated() -> None:
    root = tree(etext("Produced by Alma Wren\n\n\nThe wheel turned.", fields=(
        "Title: The Miller's Road\n\nCredits: Produced by Alma Wren")))
    assert xpath_texts(root, "//tei:respStmt/tei:resp") == ["Credits", "Conversion to TEI"]
    assert xpath_texts(root, "//tei:body//tei:p") == ["The wheel turned."]


def test_without_fields_the_naming_line_gives_title_and_author() -> None:
    text = ("The Project Gutenberg EBook of The Miller's Road, by Ruth Abernethy\n\n"
            "*** START OF THIS PROJECT GUTENBERG EBOOK THE MILLER'S ROAD ***\n\nText.\n")
    root = tree(text)
    assert xpath_texts(root, "//tei:titleStmt/tei:title") == ["The Miller's Road"]
    assert xpath_texts(root, "//tei:titleStmt/tei:author") == ["Ruth Abernethy"]


def test_without_any_title_one_is_supplied() -> None:
    result = converted("*** START OF THE PROJECT GUTENBERG EBOOK 70002 ***\n\n"
                       "The wheel turned in the dry season.\n")
    assert result.documents[0].document.header.title.supplied
    assert "title-supplied" in codes(result)


# --- What is left out.


def test_boilerplate_is_dropped_listed_and_reported() -> None:
    text = etext("The wheel turned.")
    result = converted(text)
    document = result.documents[0].document
    lines = text.split("\n")
    reasons = [why for _, why in document.dropped]
    assert reasons == ["Project Gutenberg header", "Project Gutenberg header",
                       "Project Gutenberg licence"]
    naming, start, licence = (span for span, _ in document.dropped)
    assert lines[naming.first_line - 1].startswith("The Project Gutenberg eBook of")
    assert lines[start.first_line - 1].startswith("*** START OF")
    assert lines[licence.first_line - 1].startswith("*** END OF")
    assert licence.last_line == len(lines) - 1
    assert codes(result).count("boilerplate-removed") == 3
    words = xpath_texts(tree(text), "//tei:text")[0]
    assert "licence" not in words
    assert "START" not in words


def test_end_of_the_ebook_line_starts_the_licence() -> None:
    text = etext("The wheel turned.\n\nEnd of the Project Gutenberg EBook of The Miller's Road")
    document = converted(text).documents[0].document
    span = document.dropped[-1][0]
    assert text.split("\n")[span.first_line - 1].startswith("End of the Project Gutenberg")


def test_a_start_line_wrapped_over_two_lines() -> None:
    text = etext("The wheel turned.", start=(
        "*** START OF THE PROJECT GUTENBERG EBOOK THE MILLER'S ROAD, OR A\nSTORY ***"))
    assert xpath_texts(tree(text), "//tei:body//tei:p") == ["The wheel turned."]


# --- The text.


def test_books_hold_chapters_with_their_titles() -> None:
    root = tree(etext(CHAPTERS))
    assert xpath_texts(root, "//tei:body/tei:div/tei:div[@type='book']/tei:head") == [
        "BOOK ONE THE HILL", "BOOK TWO"]
    assert xpath_texts(root, "//tei:div[@type='book']/tei:div[@type='chapter']/tei:head") == [
        "CHAPTER I. THE MILL", "CHAPTER II.", "CHAPTER III."]
    # The title under a heading stays on a line of its own.
    assert root.xpath("//tei:div[@type='chapter'][1]/tei:head/tei:lb", namespaces=NS)


def test_italics_and_footnotes_numbered_afresh_in_each_chapter() -> None:
    result = converted(etext(CHAPTERS))
    root = etree.fromstring(result.documents[0].xml)
    assert xpath_texts(root, "//tei:p/tei:hi[@rend='italic']") == ["slowly"]
    notes = root.xpath("//tei:div[@type='chapter']/tei:p/tei:note[@n='1']", namespaces=NS)
    assert [" ".join("".join(note.itertext()).split()) for note in notes] == [
        "It was an undershot wheel.", "The ledger is lost."]
    assert len({note.get(f"{{{NS['xml']}}}id") for note in notes}) == 2
    assert not {"note-duplicate", "note-unreferenced", "marker-unresolved"} & set(codes(result))
    assert [text for _, text in result.documents[0].document.markup] == ["Footnote",
                                                                         "Footnote"]


def test_illustrations_with_and_without_captions() -> None:
    root = tree(etext("[Illustration: The mill\nin winter]\n\nThe wheel turned.\n\n"
                      "[Illustration]\n\n[Illustration: A long caption\n\n(second part)]"))
    assert xpath_texts(root, "//tei:figure/tei:head") == ["The mill in winter",
                                                          "A long caption (second part)"]
    assert len(root.xpath("//tei:figure[not(*)]", namespaces=NS)) == 1
    assert not [t for t in xpath_texts(root, "//tei:text") if "Illustration" in t]


def test_a_notes_heading_above_the_footnotes_is_markup() -> None:
    result = converted(etext("The wheel turned.[1]\n\nFOOTNOTES:\n\n[Footnote 1: Slowly.]"))
    document = result.documents[0].document
    assert "FOOTNOTES:" in [text for _, text in document.markup]
    root = etree.fromstring(result.documents[0].xml)
    assert xpath_texts(root, "//tei:body/tei:div/tei:p") == ["The wheel turned.Slowly."]


def test_a_bracket_that_never_closes_stays_text() -> None:
    result = converted(etext("The wheel turned.[1]\n\n[Footnote 1: This note has no end.\n\n"
                             "More text follows."))
    assert "markup-unclosed" in codes(result)
    assert "marker-unresolved" in codes(result)
    root = etree.fromstring(result.documents[0].xml)
    assert "[Footnote 1: This note has no end." in xpath_texts(root, "//tei:body//tei:p")


def test_verse_keeps_its_lines_and_prose_is_joined() -> None:
    root = tree(etext("The song went:\n\n    Turn, wheel, turn,\n    the water's come.\n\n"
                      "A marsh-\nlight rose over the\nreeds."))
    verse, prose = root.xpath("//tei:body//tei:p[position() > 1]", namespaces=NS)
    assert len(verse.findall("tei:lb", NS)) == 1
    assert "".join(prose.itertext()) == "A marsh-light rose over the reeds."


def test_a_table_of_contents_heads_nothing() -> None:
    root = tree(etext("CONTENTS\n\nCHAPTER I. The Mill\n\nCHAPTER II. The Ledger\n\n\n\n\n"
                      "CHAPTER I. The Mill\n\nThe wheel turned.\n\n\n\n\n"
                      "CHAPTER II. The Ledger\n\nIt was lost."))
    assert xpath_texts(root, "//tei:div[@type='chapter']/tei:head") == [
        "CHAPTER I. The Mill", "CHAPTER II. The Ledger"]


def test_the_printed_title_and_subtitle_head_the_text() -> None:
    root = tree(etext("THE MILLER'S ROAD\n\nA Story of the Downs\n\nThe wheel turned.",
                      fields="Title: The Miller's Road\n        A Story of the Downs"))
    assert xpath_texts(root, "//tei:body/tei:div/tei:head[not(@type)]") == ["THE MILLER'S ROAD"]
    assert xpath_texts(root, "//tei:body/tei:div/tei:head[@type='sub']") == [
        "A Story of the Downs"]


# --- Every case: nothing lost (the pipeline checks it) and valid TEI.


def test_the_cases_are_valid_against_tei_all(tmp_path: Path) -> None:
    paths: list[Path] = []
    for text in (etext(CHAPTERS), *(p.read_text("utf-8") for p in CASES.glob("030*.txt"))):
        path = tmp_path / f"{len(paths)}.xml"
        path.write_bytes(converted(text).documents[0].xml)
        paths.append(path)
    result = run_jing(TEI_ALL, paths)
    assert result.returncode == 0, result.stdout + result.stderr


def test_notes_gathered_under_a_heading_may_be_printed_with_their_number() -> None:
    result = converted(etext("The wheel turned.[1] The water rose.[2]\n\nFOOTNOTES:\n\n"
                             "[1] Slowly.\n\n[2] Quickly.\n\nThe wheel stopped.\n\n"
                             "[3] Not a note: no heading above."))
    root = etree.fromstring(result.documents[0].xml)
    assert xpath_texts(root, "//tei:body/tei:div/tei:p/tei:note") == ["Slowly.", "Quickly."]
    assert xpath_texts(root, "//tei:body/tei:div/tei:p")[-1] == "[3] Not a note: no heading above."


@pytest.mark.parametrize(("under", "title"), [
    ("Who Kept the Ledger?", True),
    ("A Stranger at the Sluice", True),
    ("THE FLOOD.", True),
    ("It was late.", False),
    ("The wheel turned in the dry season, he said", False),
])
def test_a_short_block_under_a_heading_is_its_title_only_in_title_case(under: str,
                                                                       title: bool) -> None:
    root = tree(etext(f"CHAPTER IV.\n\n{under}\n\n\nThe text of the chapter."))
    heads = xpath_texts(root, "//tei:div[@type='chapter']/tei:head")
    assert heads == [f"CHAPTER IV. {under}" if title else "CHAPTER IV."]


def test_the_manifest_lists_what_was_left_out(tmp_path: Path) -> None:
    case = CASES / "0301-gutenberg-new-header-books-chapters-footnotes.txt"
    report = convert_corpus([case], tmp_path / "out")
    assert report.failed == []
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text("utf-8"))
    [entry] = manifest["documents"]
    lines = case.read_text("utf-8").split("\n")
    assert [item["reason"] for item in entry["dropped"]] == [
        "Project Gutenberg header", "Project Gutenberg header", "Project Gutenberg licence"]
    assert lines[entry["dropped"][-1]["lines"][0] - 1].startswith("*** END OF THE PROJECT")
    for item in entry["markup"]:
        assert item["text"] in lines[item["line"] - 1]
    assert {item["text"] for item in entry["markup"]} == {"Illustration", "Footnote",
                                                          "FOOTNOTES:"}
    assert entry["language_from"] == "source"


@pytest.mark.parametrize("path", sorted(CASES.glob("030*.txt")), ids=lambda p: p.stem)
def test_every_letter_of_the_text_reaches_the_tei_once(path: Path) -> None:
    text = path.read_text("utf-8")
    [converted] = convert_text(text, source=path.name).documents
    expected = source_letters(converted.document, source_lines(text))
    found = tei_letters(etree.fromstring(converted.xml), note_ids(converted.document))
    assert first_difference(expected, found) is None
    # The licence's words are not among them: it was left out.
    assert "FULLLICENSE" not in found.upper()
