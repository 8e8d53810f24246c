"""A volume work's heading: title, subtitle, date and field lines, each rule
with the near misses it must leave alone; date headings inside a work; the
period a chronicle covers."""

from __future__ import annotations

import pytest

from tei_convert.readers.volume_layout import Kind, Line
from tei_convert.readers.volume_titles import heading_parts

from tei_helpers import NS, xpath_texts
from tei_helpers import convert_volume as _convert
from tei_helpers import trees as _trees
from tei_helpers import volume_text as _volume

WIDTH = 88
"""The printed width of the invented volumes (the 90th percentile of their lines)."""


def _parts(*texts: str) -> tuple[str, str, list[str]]:
    """Title, subtitle and the date and field lines after them, as texts."""
    lines = [Line(number, text, Kind.TEXT) for number, text in enumerate(texts, 1)]
    parts = heading_parts(lines, WIDTH)
    return (" ".join(line.text for line in parts.title),
            " ".join(line.text for line in parts.subtitle),
            [" ".join(line.text for line in group) for group in parts.rest])


# Rule 1: a descriptor printed on the title's line starts the subtitle there.
@pytest.mark.parametrize(("lines", "title", "subtitle"), [
    (["The Independence of Finland. Speech Delivered in the All-Russian Central Executive",
      "Committee.", "December 22, 1917"],
     "The Independence of Finland.",
     "Speech Delivered in the All-Russian Central Executive Committee."),
    (["The Ukrainian Rada Speech Delivered in the All-Russian Central Executive Committee",
      "December 14, 1917"],
     "The Ukrainian Rada", "Speech Delivered in the All-Russian Central Executive Committee"),
    (["Organisation of a Russian Federal Republic. Pravda Interview.", "April 3 and 4, 1918"],
     "Organisation of a Russian Federal Republic.", "Pravda Interview."),
    (["On the Front. Speech at a Meeting of Red Army Men", "May 1, 1919"],
     "On the Front.", "Speech at a Meeting of Red Army Men"),
    (["Our Tasks in the East. Article in Zhizn Natsionalnostei", "March 2, 1919"],
     "Our Tasks in the East.", "Article in Zhizn Natsionalnostei"),
    (["The Situation in the South. Ukrainian ROSTA Interview", "June 24, 1920"],
     "The Situation in the South.", "Ukrainian ROSTA Interview"),
])
def test_a_descriptor_on_the_title_line_starts_the_subtitle(lines: list[str], title: str,
                                                            subtitle: str) -> None:
    assert _parts(*lines)[:2] == (title, subtitle)


# ...and its near misses: a descriptor that opens the title is the title; one
# after a word like "the" is part of a phrase; a title with a full stop but no
# descriptor is one title.
@pytest.mark.parametrize("lines", [
    ["Speech Delivered at a Joint Meeting of Party and Soviet Organisations in Vyatka",
     "January 19, 1919"],
    ["Report to V. I. Lenin", "January 19, 1919"],
    ["Comments on the Speech Delivered at the Congress of Soviets", "May 2, 1919"],
    ["Excerpt from a Speech on the Military Question Delivered at the",
     "Eighth Congress of the R.C.P.(B.).", "March 21, 1919"],
    ["Long Live the Revolution. Long Live Soviet Power", "November 7, 1919"],
    ["The South of Russia Pravda Interview", "October 30, 1918"],
    ["An Interview with the Correspondent of Pravda", "October 30, 1918"],
])
def test_no_descriptor_split_where_the_line_is_one_title(lines: list[str]) -> None:
    title, subtitle, _ = _parts(*lines)
    assert (title, subtitle) == (" ".join(lines[:-1]), "")


# Rule 2: a line that runs on from the one before is part of it.
@pytest.mark.parametrize(("lines", "expected"), [
    # A wrapped title is never split: a preposition, even capitalised...
    (["Author's Preface", "To a Collection of Articles Published on the National Question"],
     ("Author's Preface To a Collection of Articles Published on the National Question",
      "", [])),
    # ...lower case, a comma or a word such as "of" at the end of the line before.
    (["Letter to V. I. Lenin", "from the Southern Front", "October 15, 1919"],
     ("Letter to V. I. Lenin from the Southern Front", "", ["October 15, 1919"])),
    (["Note Sent by Direct Wire To the People's Secretariat,", "Ukrainian Soviet Republic",
      "February 24, 1918"],
     ("Note Sent by Direct Wire To the People's Secretariat, Ukrainian Soviet Republic", "",
      ["February 24, 1918"])),
    # A wrapped subtitle is never the date line, though it names a date.
    (["The Political Situation of the Republic",
      "Report Delivered at a Regional Conference of Communist Organisations of the Don and",
      "the Caucasus, held in Vladikavkaz, October 27, 1920"],
     ("The Political Situation of the Republic",
      "Report Delivered at a Regional Conference of Communist Organisations of the Don and "
      "the Caucasus, held in Vladikavkaz, October 27, 1920", [])),
    (["The Re-organisation of State Control. Report delivered at a Meeting of the All-Russian",
      "Central Executive Committee April 9, 1919 (Newspaper Report)", "April 10, 1919"],
     ("The Re-organisation of State Control.",
      "Report delivered at a Meeting of the All-Russian Central Executive Committee "
      "April 9, 1919 (Newspaper Report)", ["April 10, 1919"])),
    # A field's wrapped value stays with its field.
    (["Note to V.I. Lenin from Petrograd by Direct Wire", "Written: May 25, 1919",
      "First Published: in the symposium Documents on the Heroic Defence of Petrograd in",
      "1919, Moscow, 1941"],
     ("Note to V.I. Lenin from Petrograd by Direct Wire", "",
      ["Written: May 25, 1919", "First Published: in the symposium Documents on the Heroic "
       "Defence of Petrograd in 1919, Moscow, 1941"])),
])
def test_a_line_that_runs_on_continues_the_line_before(
        lines: list[str], expected: tuple[str, str, list[str]]) -> None:
    assert _parts(*lines) == expected


# ...and its near misses: a new phrase after a full stop, a subtitle after a
# full title line, a plain date after a full line or a comma.
@pytest.mark.parametrize(("lines", "expected"), [
    (["Concerning the Situation in the Caucasus.",
      "From the People's Commissariat for the Affairs of Nationalities", "May 28, 1918"],
     ("Concerning the Situation in the Caucasus.",
      "From the People's Commissariat for the Affairs of Nationalities", ["May 28, 1918"])),
    (["The Peace Negotiations with the Ukraine and the Situation on the Western Border Now",
      "Izvestia Interview", "May 9, 1918"],
     ("The Peace Negotiations with the Ukraine and the Situation on the Western Border Now",
      "Izvestia Interview", ["May 9, 1918"])),
    (["Speech at the Opening of the Second All-Russian Congress of Communist Organizations",
      "November 22, 1919"],
     ("Speech at the Opening of the Second All-Russian Congress of Communist Organizations",
      "", ["November 22, 1919"])),
    (["Telegram to the Front Headquarters,", "July 10, 1918"],
     ("Telegram to the Front Headquarters,", "", ["July 10, 1918"])),
    (["The Logic of Facts", "(In Reference to the \"Theses\" of the Central Committee)",
      "October 29, 1918"],
     ("The Logic of Facts", "(In Reference to the \"Theses\" of the Central Committee)",
      ["October 29, 1918"])),
])
def test_a_new_phrase_does_not_run_on(lines: list[str],
                                      expected: tuple[str, str, list[str]]) -> None:
    assert _parts(*lines) == expected


def test_split_titles_in_the_text_and_the_header() -> None:
    text = _volume([
        "The Independence of Finland. Speech Delivered in the All-Russian Central Executive",
        "Committee.", "December 22, 1917 (Newspaper Report)", " ",
        "The Council of People's Commissars has recognised the independence of Finland.",
    ], [
        "The Political Situation of the Republic",
        "Report Delivered at a Regional Conference of Communist Organisations of the Don and",
        "the Caucasus, held in Vladikavkaz, October 27, 1920", " ",
        "The situation of the Republic has changed in the last months in our favour.",
    ])
    result = _convert(text)
    first, second = _trees(result)[:2]
    assert xpath_texts(first, "//tei:body/tei:div/tei:head[not(@type)]") == [
        "The Independence of Finland."]
    assert xpath_texts(first, "//tei:body/tei:div/tei:head[@type='sub']") == [
        "Speech Delivered in the All-Russian Central Executive Committee."]
    assert xpath_texts(first, "//tei:titleStmt/tei:title[@type='sub']") == [
        "Speech Delivered in the All-Russian Central Executive Committee."]
    assert xpath_texts(second, "//tei:titleStmt/tei:title[@type='sub']") == [
        "Report Delivered at a Regional Conference of Communist Organisations of the Don and "
        "the Caucasus, held in Vladikavkaz, October 27, 1920"]
    # The date is the subtitle's; no part of the subtitle is a dateline.
    assert second.xpath("//tei:dateline", namespaces=NS) == []
    assert second.xpath("//tei:creation/tei:date/@when", namespaces=NS) == ["1920-10-27"]
    # The subtitle names the genre.
    assert first.xpath("//tei:textClass//tei:term/text()", namespaces=NS) == ["speech"]


@pytest.mark.parametrize(("subtitle", "genre"), [
    ("Izvestia Interview", ["interview"]),
    ("Report Delivered at a Celebration Meeting of the Baku Soviet", ["report"]),
    # A subtitle that mentions a kind of text does not say what this text is.
    ("(In Reference to the \"Theses\" of the Central Committee)", []),
])
def test_the_subtitle_names_the_genre_where_it_opens_or_ends_with_it(
        subtitle: str, genre: list[str]) -> None:
    text = _volume(["The Logic of Facts", subtitle, "October 29, 1918", " ",
                    "We have received a document which sums up the views of the party."])
    root = _trees(_convert(text))[0]
    assert xpath_texts(root, "//tei:textClass//tei:term") == genre


def test_wrapped_field_value_is_one_header_field() -> None:
    text = _volume([
        "Note to V.I. Lenin from Petrograd by Direct Wire", "Written: May 25, 1919",
        "First Published: in the symposium Documents on the Heroic Defence of Petrograd in",
        "1919, Moscow, 1941", " ", "The enemy is beaten back along the whole front line.",
    ])
    root = _trees(_convert(text))[0]
    assert root.xpath("//tei:dateline", namespaces=NS) == []
    [bibl] = xpath_texts(root, "//tei:bibl[@type='firstPublication']")
    assert bibl.endswith("Petrograd in 1919, Moscow, 1941")


# Rule 3: date headings that recur inside a work are its sections.
_TWO_YEARS = [
    "Two Years", "February-March 1917", " ",
    "The bourgeois revolution in Russia. The Bolshevik Party is the weakest of the parties.",
    " ", "February-March 1918", " ",
    "The proletarian revolution in Russia. Power is in the hands of the Soviets everywhere.",
    " ", "February-March 1919", " ",
    "Further consolidation of Soviet power in Russia, and the Red Army is organised at last.",
    " ", "Zhizn Natsionalnostei, No. 8, March 9, 1919",
]


def test_recurring_date_headings_are_sections_and_the_first_is_no_work_date() -> None:
    root = _trees(_convert(_volume(_TWO_YEARS)))[0]
    assert xpath_texts(root, "//tei:div[@type='section']/tei:head") == [
        "February-March 1917", "February-March 1918", "February-March 1919"]
    assert root.xpath("//tei:opener", namespaces=NS) == []
    assert root.xpath("//tei:creation/tei:date/@notBefore", namespaces=NS) != ["1917-02"]


def test_date_headings_of_another_form_leave_the_work_its_date() -> None:
    lines = ["Two Years", "March 9, 1919", " ", "February-March 1917", *_TWO_YEARS[2:]]
    root = _trees(_convert(_volume(lines)))[0]
    assert xpath_texts(root, "//tei:div[@type='section']/tei:head") == [
        "February-March 1917", "February-March 1918", "February-March 1919"]
    assert xpath_texts(root, "//tei:opener/tei:dateline") == ["March 9, 1919"]
    assert root.xpath("//tei:creation/tei:date/@when", namespaces=NS) == ["1919-03-09"]


def test_one_date_line_inside_a_work_is_no_section() -> None:
    lines = [*_TWO_YEARS[:9], "The Bolsheviks are now the strongest party.", " ",
             "Zhizn Natsionalnostei, No. 8, March 9, 1919"]
    root = _trees(_convert(_volume(lines)))[0]
    assert root.xpath("//tei:div[@type='section']", namespaces=NS) == []
    assert root.xpath("//tei:creation/tei:date/@notBefore", namespaces=NS) == ["1917-02"]


def test_dates_under_headings_and_signatures_are_no_sections() -> None:
    # Each enclosed document has its own date under its heading; a date under
    # the signature closes it.
    text = _volume([
        "Creation of Reserves", "August 25, 1920", " ",
        "1. MEMORANDUM TO THE POLITICAL BUREAU", "August 25, 1920",
        "The situation at the front calls for the creation of reserves at once.", " ",
        "J. Stalin", " ", "2. STATEMENT TO THE POLITICAL BUREAU", "August 30, 1920",
        "The reply on the subject of reserves is an evasion of the question put.", " ",
        "J. Stalin", "August 30, 1920", "Published for the first time",
    ])
    root = _trees(_convert(text))[0]
    assert xpath_texts(root, "//tei:div[@type='section']/tei:head") == [
        "1. MEMORANDUM TO THE POLITICAL BUREAU", "2. STATEMENT TO THE POLITICAL BUREAU"]
    assert xpath_texts(root, "//tei:body/tei:div/tei:opener/tei:dateline") == [
        "August 25, 1920"]
    assert root.xpath("//tei:creation/tei:date/@when", namespaces=NS) == ["1920-08-25"]


# Rule 4: the period a chronicle covers is its setting, not its date.
def test_chronicle_coverage_under_the_title_is_a_subtitle_and_the_period_covered() -> None:
    text = _volume([
        "Chronicle of Events", "January 1919 - March 1920", " ",
        "January 1919", "The Congress of Economic Councils meets in Moscow on the 5th.",
    ])
    result = _convert(text)
    root = _trees(result)[0]
    assert root.xpath("//tei:text/@type", namespaces=NS) == ["appendix"]
    assert xpath_texts(root, "//tei:body/tei:div/tei:head[@type='sub']") == [
        "January 1919 - March 1920"]
    assert root.xpath("//tei:dateline | //tei:creation", namespaces=NS) == []
    [date] = root.xpath("//tei:settingDesc/tei:setting/tei:date", namespaces=NS)
    assert (date.get("from"), date.get("to"), date.text) == (
        "1919-01", "1920-03", "January 1919 - March 1920")
    assert "date-missing" not in [d.code for d in result.documents[0].diagnostics]


def test_chronicle_coverage_in_the_title_is_the_period_covered() -> None:
    text = _volume(["Biographical Chronicle (October, 1917 - 1920)", " ",
                    "October 25-26", "The Second Congress of Soviets meets in Petrograd."])
    root = _trees(_convert(text))[0]
    assert root.xpath("//tei:creation", namespaces=NS) == []
    [date] = root.xpath("//tei:settingDesc/tei:setting/tei:date", namespaces=NS)
    assert (date.get("from"), date.get("to")) == ("1917-10", "1920")


def test_a_dated_appendix_keeps_its_date() -> None:
    text = _volume(["Appendix", "March 9, 1919", " ",
                    "The resolution of the conference, as it was adopted by the delegates."])
    root = _trees(_convert(text))[0]
    assert xpath_texts(root, "//tei:opener/tei:dateline") == ["March 9, 1919"]
    assert root.xpath("//tei:creation/tei:date/@when", namespaces=NS) == ["1919-03-09"]
    assert root.xpath("//tei:settingDesc", namespaces=NS) == []
