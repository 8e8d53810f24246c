"""The volume reader: on an invented two-work volume, and on the seed volume."""

from __future__ import annotations

import itertools
import re
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from tei_convert import Result, convert_file
from tei_convert.readers import sniff

from conftest import CASES, SEEDS
from tei_helpers import NS, xpath_texts
from tei_helpers import convert_volume as _convert
from tei_helpers import trees as _trees
from tei_helpers import volume_text as _volume

FIXTURE = CASES / "0101-volume-two-works-and-a-chronicle.txt"
VOLUMES = [p for p in sorted(SEEDS.glob("*.txt"))
           if sniff(p.read_text("utf-8"), source=p.name).name == "volume"]


@pytest.fixture(scope="module")
def fixture() -> Result:
    return convert_file(FIXTURE, name=FIXTURE.name)


def _tree(result: Result, index: int) -> etree._Element:
    return etree.fromstring(result.documents[index].xml)


def test_one_document_per_work_in_volume_order(fixture: Result) -> None:
    titles = [c.document.header.title.text for c in fixture.documents]
    assert titles == ["The Tasks of the Moment", "Letter to the Editors", "Chronicle of Events"]
    ids = [c.document.id for c in fixture.documents]
    assert ids == sorted(ids)
    assert len(set(ids)) == 3


def test_every_line_belongs_to_exactly_one_document(fixture: Result) -> None:
    spans = [c.document.span for c in fixture.documents]
    assert spans[0] is not None
    assert spans[0].first_line == 1
    for before, after in itertools.pairwise(spans):
        assert before is not None
        assert after is not None
        assert after.first_line > before.last_line
        # Only the empty lines of a page break lie between two documents.
        gap = FIXTURE.read_text("utf-8").split("\n")[before.last_line:after.first_line - 1]
        assert all(not line for line in gap)


def test_year_divider_is_accounted_for(fixture: Result) -> None:
    dropped = fixture.documents[1].document.dropped
    assert [reason for _, reason in dropped] == ["divider between works"]


def test_author_and_edition_come_from_the_sidecar(fixture: Result) -> None:
    root = _tree(fixture, 0)
    assert xpath_texts(root, "//tei:titleStmt/tei:author") == ["N. Bukharin"]
    assert xpath_texts(root, "//tei:bibl[@type='source']/tei:publisher") == ["Partizdat"]


def test_title_subtitle_and_date(fixture: Result) -> None:
    root = _tree(fixture, 1)
    assert xpath_texts(root, "//tei:titleStmt/tei:title[@type='sub']") == ["Izvestia Interview"]
    assert root.xpath("//tei:creation/tei:date/@when", namespaces=NS) == ["1920-01-10"]
    assert xpath_texts(root, "//tei:opener/tei:salute") == ["Dear Comrades,"]


def test_page_break_inside_a_paragraph(fixture: Result) -> None:
    root = _tree(fixture, 1)
    paragraph = root.xpath("//tei:p[tei:pb]", namespaces=NS)[0]
    assert "".join(paragraph.itertext()).count("firm, and the enemy") == 1


def test_split_word_is_joined_and_recorded(fixture: Result) -> None:
    root = _tree(fixture, 0)
    # The source's line end stays inside the joined word, with its hyphen noted.
    [paragraph] = root.xpath("//tei:p[tei:lb]", namespaces=NS)
    assert "revolution" in "".join(paragraph.itertext()).split()
    assert [lb.attrib for lb in paragraph.iterfind("tei:lb", NS)] == [
        {"break": "no", "type": "hyphenInWord", "rend": "hidden"}]
    assert paragraph.find("tei:lb", NS).tail.startswith("lution")
    assert "self-government" in "".join(root.itertext())
    codes = [d.code for d in fixture.documents[0].diagnostics]
    assert codes.count("hyphen-removed") == 1
    assert codes.count("hyphen-kept") == 1


def test_bare_numbers_link_notes_but_years_and_articles_do_not(fixture: Result) -> None:
    root = _tree(fixture, 0)
    assert root.xpath("//tei:text//tei:note/@n", namespaces=NS) == ["1", "2"]
    assert root.xpath("//tei:head/tei:note/@n", namespaces=NS) == ["1"]
    text = "".join(root.find(f"{{{NS['tei']}}}text").itertext())  # type: ignore[union-attr]
    assert "Article 1 of the decree" in text
    assert "in 1918 they" in text


def test_sections_and_closer(fixture: Result) -> None:
    root = _tree(fixture, 0)
    assert xpath_texts(root, "//tei:div[@type='section']/tei:head") == ["I", "II"]
    assert xpath_texts(root, "//tei:closer/tei:signed") == ["N. Bukharin"]
    # The closer closes the work, after its last section.
    assert root.xpath("//tei:body/tei:div/tei:closer/tei:note[@type='publication']/tei:bibl"
                      "/tei:date/@when", namespaces=NS) == ["1919-03-05"]
    assert root.xpath("//tei:bibl[@type='firstPublication']/tei:date/@when",
                      namespaces=NS) == ["1919-03-05"]


def test_back_matter_is_an_appendix(fixture: Result) -> None:
    root = _tree(fixture, 2)
    assert root.xpath("//tei:text/@type", namespaces=NS) == ["appendix"]
    part = fixture.documents[2].document.part_of
    assert part is not None
    assert (part.sequence, part.kind) == (3, "appendix")
    assert root.xpath("//tei:closer", namespaces=NS) == []


@pytest.fixture(scope="module", params=VOLUMES, ids=[p.stem for p in VOLUMES])
def volume(request: pytest.FixtureRequest) -> Result:
    path: Path = request.param
    return convert_file(path, name=path.name)


def test_seed_volume_has_about_ninety_works_all_titled(volume: Result) -> None:
    works = [c for c in volume.documents if c.document.part_of
             and c.document.part_of.kind == "work"]
    assert 80 <= len(works) <= 95
    assert all(c.document.header.title.text for c in volume.documents)
    assert volume.documents[-1].document.part_of.kind == "appendix"  # type: ignore[union-attr]


def test_seed_volume_every_line_belongs_to_one_document(volume: Result) -> None:
    path = next(p for p in VOLUMES if p.name == volume.source)
    lines = path.read_text("utf-8").split("\n")
    covered: list[int] = []
    for converted in volume.documents:
        span = converted.document.span
        assert span is not None
        covered.extend(range(span.first_line, span.last_line + 1))
    assert len(covered) == len(set(covered))
    outside = [n for n, line in enumerate(lines, 1) if line.strip() and n not in set(covered)]
    assert outside == []


def test_seed_volume_works_are_dated(volume: Result) -> None:
    undated = [c.document.header.title.text for c in volume.documents
               if c.document.header.creation is None]
    assert len(undated) <= 3, undated


def test_seed_volume_notes_are_linked(volume: Result) -> None:
    notes = sum(c.counts.notes for c in volume.documents)
    unreferenced = sum(1 for c in volume.documents for d in c.diagnostics
                       if d.code == "note-unreferenced")
    assert notes > 80
    assert unreferenced / notes < 0.25


def _evaluate(path: Path) -> str:
    script = Path(__file__).resolve().parent.parent / "scripts" / "evaluate_volume.py"
    result = subprocess.run([sys.executable, str(script), str(path)], capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_evaluation_script_reports_the_fixture() -> None:
    out = _evaluate(FIXTURE)
    assert "documents: 3 (2 works, 1 appendices)" in out
    assert "unassigned non-empty lines: 0 []" in out
    assert "resolved: 2" in out


def test_evaluation_script_reports_paragraph_ends_and_page_breaks() -> None:
    out = _evaluate(CASES / "0102-volume-narrow-measure-gaps-on-some-pages.txt")
    assert "paragraph ends judged by: line widths in Times-Roman; measure 24.971 em" in out
    assert "page turns: 5\npage breaks written: 5\n" in out
    assert "share of paragraphs ending a sentence: 100%" in out
    assert " p   7 ended 100% pb  2/2  The Winter Fuel" in out


@pytest.mark.parametrize("path", VOLUMES, ids=[p.stem for p in VOLUMES])
def test_seed_volume_loses_no_page_break_and_learns_its_measure(path: Path) -> None:
    out = _evaluate(path)
    turns = re.search(r"^page turns: (\d+)$", out, re.MULTILINE)
    written = re.search(r"^page breaks written: (\d+)$", out, re.MULTILINE)
    assert turns is not None
    assert written is not None
    assert int(turns.group(1)) > 100
    assert written.group(1) == turns.group(1)
    assert "paragraph ends judged by: line widths" in out


LONG = "The Council has considered the question of supply at length and in detail, and it"


def test_reference_opening_a_line_and_list_numbers_in_text() -> None:
    text = _volume([
        "On the Supply Question", "May 2, 1919", " ",
        "The Council resolved the following: 1) to send grain, 2) to send coal. The Congress",
        "1 approved this decision and the committees carried it out in every district of it.",
        " ", "Notes", "1. The Congress of Economic Councils.",
    ])
    root = _trees(_convert(text))[0]
    assert root.xpath("//tei:body//tei:note/@n", namespaces=NS) == ["1"]
    assert "1) to send grain, 2) to send coal" in "".join(root.itertext())
    assert xpath_texts(root, "//tei:back/*/tei:head") == ["Notes"]


def test_capitals_make_sections_and_a_numeral_joins_its_heading() -> None:
    text = _volume([
        "Two Fronts", "June 1, 1919", " ",
        "I", " ", "THE SOUTHERN FRONT AND THE POSITION OF THE ARMIES AT THE END OF",
        "THE SPRING", " ",
        "The southern armies hold their ground.", " ",
        "II", " ", "THE EASTERN FRONT", " ",
        "The eastern armies advance.",
    ])
    root = _trees(_convert(text))[0]
    assert xpath_texts(root, "//tei:div[@type='section']/tei:head") == [
        "I THE SOUTHERN FRONT AND THE POSITION OF THE ARMIES AT THE END OF THE SPRING",
        "II THE EASTERN FRONT"]


def test_gap_after_a_line_that_runs_on_is_not_a_paragraph_end() -> None:
    text = _volume([
        "A Report", "July 3, 1919", " ",
        LONG, " ", "was decided to ship the grain by rail before the roads close for the winter.",
        " ", "A new paragraph starts here.",
    ])
    paragraphs = xpath_texts(_trees(_convert(text))[0], "//tei:body/tei:div/tei:p")
    assert paragraphs[0].endswith("and it was decided to ship the grain by rail before the "
                                  "roads close for the winter.")


def test_signature_after_a_full_line_is_a_closer() -> None:
    text = _volume([
        "An Order", "August 4, 1919", " ",
        "The units named in this order will leave for the front at once and report on arrival.",
        "People's Commissar", "A. Smirnov",
    ])
    root = _trees(_convert(text))[0]
    assert xpath_texts(root, "//tei:closer/tei:signed") == ["People's Commissar A. Smirnov"]


def test_lettered_and_parenthesised_notes() -> None:
    text = _volume([
        "Letter to the Committee", "Written: September 5, 1919 (1)", " ",
        "Dear Comrades,", " ", "The supplies have arrived.(2) We thank you.", " ",
        "With greetings,", "A. S.", " ",
        "(1) The date is that of the copy kept in the archive.",
        "(2) Grain and boots, sent in August.",
    ], [
        "A Second Letter", "September 9, 1919", " ",
        "The boots were too small. A", " ", "Notes",
        "A. Transcriber's note: the letter ends here in the copy.",
    ])
    first, second = _trees(_convert(text))[:2]
    assert first.xpath("//tei:body//tei:note/@n", namespaces=NS) == ["2"]
    assert first.xpath("//tei:back//tei:note/@n", namespaces=NS) == ["1"]
    assert second.xpath("//tei:note/@n", namespaces=NS) == ["A"]
    assert xpath_texts(second, "//tei:note") == [
        "Transcriber's note: the letter ends here in the copy."]


def test_list_number_after_a_page_break_is_stripped() -> None:
    text = _volume([
        "Measures Taken", "October 1, 1919", " ",
        "The commission proposes:", "1. To send a brigade.",
    ], [
        "2. To open a school for commanders in the town.", "3. To report in a month.",
    ])
    root = _trees(_convert(text))[0]
    assert xpath_texts(root, "//tei:item") == [
        "To send a brigade.", "To open a school for commanders in the town.",
        "To report in a month."]


def test_bracketed_markers_with_unheaded_notes_after_the_signature() -> None:
    text = _volume([
        "Two Documents", "First Published: Izvestia No. 85, April 23, 1919;", " ",
        "We publish two documents [1] taken from the newspaper Znamya [2] of the town.", " ",
        "Signed A. Smirnov.", " ",
        "1. The documents were appended to the article.", " ",
        "2. A newspaper of the Socialist-Revolutionaries.",
    ])
    root = _trees(_convert(text))[0]
    assert root.xpath("//tei:body//tei:note/@n", namespaces=NS) == ["1", "2"]
    assert root.xpath("//tei:text//tei:note/@n", namespaces=NS) == ["1", "2"]
    assert root.xpath("//tei:body//tei:list", namespaces=NS) == []


def test_line_hanging_on_and_never_ends_a_paragraph() -> None:
    text = _volume([
        "A Short Note", "March 3, 1920", " ",
        "It was a joint attack by the Whites, the Poles and",
    ], [
        "the Finns, and it failed along the whole length of the front in a single month.",
    ])
    paragraphs = xpath_texts(_trees(_convert(text))[0], "//tei:body/tei:div/tei:p")
    assert paragraphs == ["It was a joint attack by the Whites, the Poles and the Finns, and it "
                          "failed along the whole length of the front in a single month."]


def test_note_number_after_a_full_stop_still_ends_the_paragraph() -> None:
    text = _volume([
        "On Propaganda", "April 4, 1920", " ",
        "A council was set up for the whole of the region to direct action and Propaganda. 1",
        " ", "In brief, the work has begun and will go on through the summer and the autumn.",
        " ", "Notes", "1. The Council of Action and Propaganda was set up in September 1920.",
    ])
    root = _trees(_convert(text))[0]
    assert len(root.xpath("//tei:body/tei:div/tei:p", namespaces=NS)) == 2
    assert root.xpath("//tei:body//tei:note/@n", namespaces=NS) == ["1"]


def test_dash_at_a_line_end_joins_without_a_space() -> None:
    text = _volume([
        "On Capital", "May 5, 1920", " ",
        "The strength of foreign capital—",
        "but not only its strength—lies in the weakness of its opponents here and now.",
    ])
    text_of = "".join(_trees(_convert(text))[0].itertext())
    assert "capital—but" in text_of


def test_publication_line_naming_two_days() -> None:
    text = _volume([
        "The Question", "November 6, 1918", " ",
        "The text of the article is short but complete, as it was printed in the paper.",
        "Pravda, Nos. 241 and 250, November 6 and 19, 1918",
    ])
    root = _trees(_convert(text))[0]
    date = root.xpath("//tei:closer/tei:note/tei:bibl/tei:date", namespaces=NS)[0]
    assert (date.get("notBefore"), date.get("notAfter")) == ("1918-11-06", "1918-11-19")


def test_work_without_text_is_still_valid_and_reported() -> None:
    text = _volume(["An Empty Work", "March 1, 1919", " "],
                   ["A Second Work", "March 2, 1919", " ", "It has a body of its own here."])
    result = _convert(text)
    assert [c.document.header.title.text for c in result.documents][:2] == [
        "An Empty Work", "A Second Work"]
    assert "body-empty" in [d.code for d in result.all_diagnostics]


def test_heading_stands_on_one_page() -> None:
    # The heading is read on the page of its date; a line on the page before
    # it is no part of it (here: front matter, reported, not doubled).
    text = _volume(["Instructions on Sending Grain to the"],
                   ["Northern Provinces", "May 2, 1919", " ", "Send the grain by rail."])
    result = _convert(text)
    titles = [c.document.header.title.text for c in result.documents]
    assert titles == ["Northern Provinces", "A Work of Full Lines"]
    assert "front-matter-dropped" in [d.code for d in result.all_diagnostics]


def test_lines_before_the_first_heading_are_reported_and_listed() -> None:
    text = _volume(["Collected Works, Volume 9"], ["A Work", "June 1, 1919", " ", "Text."])
    result = _convert(text)
    first = result.documents[0].document
    assert first.dropped[0][1] == "before the first work heading"
    assert first.span is not None
    assert first.span.first_line == 1
    assert "front-matter-dropped" in [d.code for d in result.all_diagnostics]


def test_sentence_ending_in_notes_is_not_a_notes_heading() -> None:
    text = _volume([
        "On Money", "July 1, 1919", " ",
        "The printing presses worked day and night, and the bank issued ever more paper",
        "notes.", "The value of the rouble fell as a result of it, week after week after week.",
    ])
    root = _trees(_convert(text))[0]
    assert root.xpath("//tei:div[@type='notes']", namespaces=NS) == []
    assert "ever more paper notes." in " ".join(xpath_texts(root, "//tei:body/tei:div/tei:p"))


def test_text_between_notes_heading_and_first_note_keeps_its_place() -> None:
    text = _volume([
        "On Bread", "August 1, 1919", " ", "The bread ration was raised.1", " ",
        "Notes", "Compiled by the editors.", "1. By a decree of the Council.",
    ])
    result = _convert(text)  # the nothing-lost check would refuse a reordering
    root = _trees(result)[0]
    assert root.xpath("//tei:note/@n", namespaces=NS) == ["1"]
    body = " ".join(xpath_texts(root, "//tei:body"))
    assert body.index("raised.") < body.index("Notes") < body.index("Compiled by the editors.")


@pytest.mark.parametrize("rule", [[], ["______________________________"]])
def test_page_turn_before_the_notes_is_kept_at_the_end_of_the_text(rule: list[str]) -> None:
    # The notes' heading (and the rule above it) is not written where it stood;
    # the page it opens still gets its break, after the text's last words.
    text = _volume([
        "On Coal", "August 2, 1919", " ", "The coal trains run again.1", " ", *rule,
    ], [
        "Notes", "1. From the first of August.",
    ], [
        "A Second Work", "August 3, 1919", " ", "It is short.",
    ])
    root = _trees(_convert(text))[0]
    assert len(root.xpath("//tei:pb", namespaces=NS)) == 1
    last = root.xpath("(//tei:body//tei:p[not(ancestor::tei:note)])[last()]/node()[last()]",
                      namespaces=NS)[0]
    assert last.tag == f"{{{NS['tei']}}}pb"
    assert xpath_texts(root, "//tei:back/*/tei:head") == ["Notes"]


def test_note_numbers_may_skip_one() -> None:
    text = _volume([
        "On Coal", "September 1, 1919", " ", "The mines 1 and the pits 3 were reopened.", " ",
        "Notes", "1. In the Donets Basin.", "3. In the Urals.",
    ])
    root = _trees(_convert(text))[0]
    assert root.xpath("//tei:note/@n", namespaces=NS) == ["1", "3"]
    assert root.xpath("//tei:body//tei:note/@n", namespaces=NS) == ["1", "3"]


def test_numbered_list_in_brackets_followed_by_text_is_not_notes() -> None:
    text = _volume([
        "On Peace", "October 1, 1919", " ",
        "We demand two things, namely (1) bread and (2) peace, and nothing else at all.", " ",
        "(1) Bread for the towns.", " ", "(2) Peace for the villages.", " ",
        "These demands were adopted by the meeting with only two votes against them.",
    ])
    root = _trees(_convert(text))[0]
    assert root.xpath("//tei:note", namespaces=NS) == []
    assert root.xpath("//tei:text//tei:note", namespaces=NS) == []
