"""Closing blocks read from the bottom up, on invented volume works: publication
lines (wrapped, or stating where a work was first printed), signatures with
the offices above the name, labels, datelines, closers after a work's last
section, and a closer, postscript and closer in a row."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from conftest import TEI_ALL, run_jing
from tei_helpers import NS, convert_volume, mia, tei_tree, trees, volume_text, xpath_texts

TEXT = ["A Short Work", "May 2, 1919", " ",
        "The text of the work runs over two printed lines of the page, as the volume sets",
        "it, and ends with a sentence that is complete."]
"""A work's heading and a paragraph, for its closing lines to follow."""


def _work(*closing: str, text: list[str] = TEXT) -> etree._Element:
    """The TEI of a work of ``text`` that ends with the ``closing`` lines."""
    return trees(convert_volume(volume_text([*text, *closing])))[0]


def _closer(root: etree._Element) -> list[tuple[str, str]]:
    """Each child of the work's closers: (element name, its words)."""
    return [(etree.QName(child).localname, " ".join("".join(child.itertext()).split()))
            for child in root.xpath("descendant-or-self::tei:closer/*", namespaces=NS)]


def _signed_lines(root: etree._Element) -> list[list[str]]:
    """Each signature's printed lines (its ``lb`` parts)."""
    return [[line.strip() for line in "".join(signed.itertext()).split("\n")]
            for signed in root.xpath("//tei:closer/tei:signed", namespaces=NS)]


def _publications(root: etree._Element) -> list[tuple[str, str | None]]:
    """Each publication in the closers: (its words, its date's @when)."""
    found = []
    for bibl in root.xpath("//tei:closer/tei:note[@type='publication']/tei:bibl", namespaces=NS):
        date = bibl.find("tei:date", NS)
        found.append((" ".join("".join(bibl.itertext()).split()),
                      None if date is None else date.get("when")))
    return found


# --- 1. Publication lines, joined first when wrapped.


def test_a_wrapped_publication_line_is_one_bibl_with_its_date() -> None:
    root = _work("Pravda, No. 53,", "February 23, 1941")
    assert _publications(root) == [("Pravda, No. 53, February 23, 1941", "1941-02-23")]
    assert root.xpath("//tei:closer/tei:dateline", namespaces=NS) == []
    assert xpath_texts(root, "//tei:sourceDesc/tei:bibl[@type='firstPublication']") == [
        "Pravda, No. 53, February 23, 1941"]


def test_a_place_over_a_date_stays_a_dateline() -> None:
    root = _work("J. Stalin", "Tsaritsyn,", "July 10, 1918")
    assert _closer(root) == [("signed", "J. Stalin"), ("dateline", "Tsaritsyn, July 10, 1918")]


def test_statements_of_first_publication_are_bibls() -> None:
    root = _work("Stalin", "June 18, 1919, 3 a. m.",
                 "First published in Pravda, No. 53, February 23, 1941")
    assert _closer(root) == [("signed", "Stalin"), ("dateline", "June 18, 1919, 3 a. m."),
                             ("note", "First published in Pravda, No. 53, February 23, 1941")]
    assert root.xpath("//tei:closer/tei:dateline/tei:date/@when", namespaces=NS) == [
        "1919-06-18"]
    assert _publications(root)[0][1] == "1941-02-23"


def test_a_statement_wrapped_over_lines_is_joined() -> None:
    root = _work("Chairman of the Labour Army Council", "J. Stalin",
                 "First published in 1940 in the magazine Proletarskaya", "Revolutsia, No. 3")
    assert _signed_lines(root) == [["Chairman of the Labour Army Council", "J. Stalin"]]
    assert _publications(root) == [
        ("First published in 1940 in the magazine Proletarskaya Revolutsia, No. 3", "1940")]


def test_a_statement_continued_in_lower_case_and_a_dating_line() -> None:
    root = _work("Written in July 1920", "First published in 1945,", "in Lenin Miscellany, XXXV")
    assert _closer(root) == [("dateline", "Written in July 1920"),
                             ("note", "First published in 1945, in Lenin Miscellany, XXXV")]
    assert root.xpath("//tei:closer/tei:dateline/tei:date/@when", namespaces=NS) == ["1920-07"]


def test_a_source_named_over_three_lines() -> None:
    root = _work("Reproduced from the records of the Secretariat of the Army Staff and the",
                 "report in the Kharkov newspaper",
                 "Kommunist, Nos. 62 and 64, March 18 and 21, 1920")
    assert [words for words, _ in _publications(root)] == [
        "Reproduced from the records of the Secretariat of the Army Staff and the report in "
        "the Kharkov newspaper Kommunist, Nos. 62 and 64, March 18 and 21, 1920"]
    assert xpath_texts(root, "//tei:body//tei:p")[-1].endswith("that is complete.")


def test_published_for_the_first_time_has_no_date() -> None:
    root = _work("J. Stalin", "August 30, 1920", "Published for the first time")
    assert _closer(root)[-1] == ("note", "Published for the first time")
    assert xpath_texts(root, "//tei:sourceDesc/tei:bibl[@type='firstPublication']") == [
        "Published for the first time"]


def test_a_bibliography_line_is_a_bibl_not_a_signature() -> None:
    root = _work("October, 1920",
                 "J. Stalin, Collection of Articles, State Publishing House, Tula, 1920")
    assert _closer(root) == [
        ("dateline", "October, 1920"),
        ("note", "J. Stalin, Collection of Articles, State Publishing House, Tula, 1920")]
    assert root.xpath("//tei:closer/tei:signed", namespaces=NS) == []


def test_a_label_under_the_publication_line_describes_it() -> None:
    root = _work("Zhizn Natsionalnostei, No. 2, November 17, 1918", "Editorial",
                 "Signed: J. Stalin",
                 text=[*TEXT[:-1], "it, and ends with the editorial view of the paper."])
    assert _closer(root) == [
        ("note", "Zhizn Natsionalnostei, No. 2, November 17, 1918 Editorial"),
        ("signed", "Signed: J. Stalin")]
    assert _publications(root) == [("Zhizn Natsionalnostei, No. 2, November 17, 1918",
                                     "1918-11-17")]


def test_a_bare_surname_is_a_signature() -> None:
    root = _work("Stalin")
    assert _closer(root) == [("signed", "Stalin")]


# --- 3. The lines above a name belong to its signature.


def test_offices_above_the_name_are_one_signature() -> None:
    root = _work("Member of the Bureau of the Party Central Committee,", "People's Commissar",
                 "J. Stalin", "Moscow, February 12, 1919")
    assert _signed_lines(root) == [["Member of the Bureau of the Party Central Committee,",
                                    "People's Commissar", "J. Stalin"]]
    assert root.xpath("count(//tei:closer/tei:signed/tei:lb)", namespaces=NS) == 2
    assert _closer(root)[-1] == ("dateline", "Moscow, February 12, 1919")


def test_on_behalf_of_belongs_to_the_signature() -> None:
    root = _work("I await an immediate reply.", "On behalf of the Council of People's Commissars",
                 "J. Stalin", "Petrograd,", "February 21, 1918")
    assert _signed_lines(root) == [["On behalf of the Council of People's Commissars",
                                    "J. Stalin"]]
    assert xpath_texts(root, "//tei:body//tei:p")[-1] == "I await an immediate reply."


def test_two_signatories_each_with_their_offices() -> None:
    root = _work("Chairman of the Council of People's Commissars", "V. Ulyanov-Lenin",
                 "People's Commissar &", "Chairman of the Military Council of the Front",
                 "J. Stalin")
    assert _signed_lines(root) == [
        ["Chairman of the Council of People's Commissars", "V. Ulyanov-Lenin"],
        ["People's Commissar &", "Chairman of the Military Council of the Front", "J. Stalin"]]


def test_names_under_each_other_are_several_signatures() -> None:
    root = _work("Stalin", "Voroshilov", "Tsaritsyn,", "August 31, 1918.")
    assert _signed_lines(root) == [["Stalin"], ["Voroshilov"]]


def test_a_body_named_with_a_colon_signs_with_its_members() -> None:
    root = _work("The Commission:", "J. Stalin", "F. Dzerzhinsky")
    assert _signed_lines(root) == [["The Commission:", "J. Stalin", "F. Dzerzhinsky"]]


def test_a_date_before_the_place_is_a_dateline() -> None:
    root = _work("J. Stalin", "August 25, 1920 Moscow, The Kremlin")
    assert _closer(root) == [("signed", "J. Stalin"),
                             ("dateline", "August 25, 1920 Moscow, The Kremlin")]


# --- 4. A closer after the work's last section.

SECTIONS = ["Two Fronts", "June 1, 1919", " ", "I", " ", "THE SOUTHERN FRONT", " ",
            "The southern armies hold their ground and will go over to the offensive when",
            "the reserves arrive from the centre.", " ", "II", " ", "THE EASTERN FRONT", " ",
            "The eastern armies advance along the whole length of the front, and the enemy",
            "is in retreat."]


def test_the_closer_follows_the_last_section() -> None:
    root = _work("People's Commissar", "J. Stalin", "Pravda, No. 108, June 1, 1918",
                 text=SECTIONS)
    work = root.find(".//tei:body/tei:div", NS)
    assert work is not None
    assert [etree.QName(child).localname for child in work][-3:] == ["div", "div", "closer"]
    assert root.xpath("//tei:div[@type='section']//tei:closer", namespaces=NS) == []
    assert _signed_lines(root) == [["People's Commissar", "J. Stalin"]]


def test_sections_signed_one_by_one_keep_their_signatures() -> None:
    text = ["Two Papers", "August 25, 1920", " ", "1. A MEMORANDUM", " ",
            "The plan of the reserves must be drawn up at once and sent to the Council for",
            "its decision.", "J. Stalin", "August 25, 1920", " ", "2. A STATEMENT", " ",
            "The plan has not been drawn up, and the Council has not been told why it is",
            "late."]
    root = _work("J. Stalin", "August 30, 1920", "Published for the first time", text=text)
    sections = root.xpath("//tei:div[@type='section']", namespaces=NS)
    assert [len(section.xpath("tei:closer/tei:signed", namespaces=NS)) for section in sections] \
        == [1, 1]
    last = root.xpath("//tei:body/tei:div/tei:closer", namespaces=NS)
    assert [_closer(closer) for closer in last] == [[("note", "Published for the first time")]]


def test_a_text_signed_before_its_sections_keeps_each_signature() -> None:
    text = ["Two Papers", "May 1, 1920", " ",
            "The first paper, before the numbered part, ends here with a sentence that",
            "is complete.", "J. Stalin", " ", "I", " ",
            "The second paper is short and complete in itself, as the volume prints",
            "it."]
    root = _work("J. Stalin", "Published for the first time", text=text)
    work = root.find(".//tei:body/tei:div", NS)
    assert work is not None
    # The first paper closes before the sections: a division of its own.
    assert [etree.QName(child).localname for child in work][-3:] == ["div", "div", "closer"]
    assert [etree.QName(child).localname for child in work[-3]] == ["p", "closer"]
    # Each paper keeps its signature; the publication closes the work.
    assert xpath_texts(root, "//tei:div[@type='section']/tei:closer") == [
        "J. Stalin", "J. Stalin"]
    assert xpath_texts(work, "tei:closer") == ["Published for the first time"]


# --- 5. A closer, a postscript and a closer.


def test_a_signed_article_with_a_later_postscript() -> None:
    root = _work("Serpukhov, December 26, 1919", "Signed: J. Stalin",
                 "P. S. This article was written before the front was breached. Now the",
                 "destruction of the armies of the enemy is in full swing.",
                 "Another blow, and complete victory will be ensured.",
                 "Kursk,", "January 7, 1920",
                 "The magazine Revolutsionny Front, No. 1, February 15, 1920", "Signed: J. Stalin")
    work = root.find(".//tei:body/tei:div", NS)
    assert work is not None
    assert [etree.QName(child).localname for child in work][-3:] == [
        "closer", "postscript", "closer"]
    first, second = root.xpath("//tei:closer", namespaces=NS)
    assert _closer(first) == [("dateline", "Serpukhov, December 26, 1919"),
                              ("signed", "Signed: J. Stalin")]
    assert _closer(second) == [
        ("dateline", "Kursk, January 7, 1920"),
        ("note", "The magazine Revolutsionny Front, No. 1, February 15, 1920"),
        ("signed", "Signed: J. Stalin")]
    assert len(xpath_texts(root, "//tei:postscript/tei:p")) == 2


def test_a_postscript_signed_again() -> None:
    root = _work("Yours,", "J. Stalin",
                 "P. S. This letter has been read and approved by all the members of the",
                 "Council of the Front.", "J. St.", "Smolensk, August 11, 1919")
    first, second = root.xpath("//tei:closer", namespaces=NS)
    assert _closer(first) == [("salute", "Yours,"), ("signed", "J. Stalin")]
    assert _closer(second) == [("signed", "J. St."),
                               ("dateline", "Smolensk, August 11, 1919")]


def test_a_postscript_without_a_signature_stays_a_postscript() -> None:
    root = _work("Yours,", "J. Stalin", "P. S. I shall be returning in a few days.")
    assert _closer(root) == [("salute", "Yours,"), ("signed", "J. Stalin")]
    assert xpath_texts(root, "//tei:postscript/tei:p") == [
        "P. S. I shall be returning in a few days."]


# --- The same rules in a letter whose line ends are the author's.


def test_in_a_letter_names_in_one_block_sign_apart() -> None:
    root = tei_tree(mia("The text of the telegram.\n\nJ. Stalin\nK. Voroshilov\n\n"
                        "Tsaritsyn, August 31, 1918"))
    assert _signed_lines(root) == [["J. Stalin"], ["K. Voroshilov"]]


def test_in_a_letter_an_office_under_the_last_name_signs_with_it() -> None:
    root = tei_tree(mia("The text of the letter.\n\nYours fraternally,\n\nK. Rausch\nSecretary"))
    assert _closer(root) == [("salute", "Yours fraternally,"), ("signed", "K. Rausch Secretary")]
    assert _signed_lines(root) == [["K. Rausch", "Secretary"]]


def test_in_a_letter_the_publication_line_is_a_bibl() -> None:
    root = tei_tree(mia("The text of the article.\n\nN. Lenin\n\nPravda, No. 108,\nJune 1, 1918"))
    assert _closer(root) == [("signed", "N. Lenin"),
                             ("note", "Pravda, No. 108, June 1, 1918")]
    assert _publications(root) == [("Pravda, No. 108, June 1, 1918", "1918-06-01")]


def test_text_that_closes_before_the_sections_is_a_division_of_its_own(
        tmp_path: Path) -> None:
    # A covering note, signed, over numbered theses: TEI lets nothing but more
    # closing matter follow a closer, so the note is a division without a head.
    root = trees(convert_volume(volume_text([
        "To the Workers of Tula", "May 2, 1919", " ",
        "The Council of Defence has decided to send the following theses to the committees.",
        " ", "J. Stalin", " ", "I", " ",
        "The first thesis is that the supply of grain must come before everything else.",
        " ", "II", " ", "The second thesis is that coal must be sent to the works at once.",
        " "])))[0]
    text = root.find(".//tei:body/tei:div", NS)
    assert text is not None
    assert [etree.QName(child).localname for child in text] == [
        "head", "opener", "div", "div", "div"]
    first = text.find("tei:div", NS)
    assert first is not None
    assert [etree.QName(child).localname for child in first] == ["p", "closer"]
    assert xpath_texts(root, "//tei:body/tei:div/tei:div/tei:head") == ["I", "II"]
    path = tmp_path / "theses.xml"
    path.write_bytes(etree.tostring(root))
    result = run_jing(TEI_ALL, [path])
    assert result.returncode == 0, result.stdout
