"""Tests for splitting responsibility values into names and mapping labels to roles."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tei_convert.input.text import normalize_space
from tei_convert.model import Name
from tei_convert.values.names import (
    is_organisation,
    is_responsibility_label,
    role_for_label,
    split_names,
)


def people(*texts: str) -> tuple[Name, ...]:
    """Names of people, for short expected values."""
    return tuple(Name(text) for text in texts)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("David Walters & R. Cymbala", people("David Walters", "R. Cymbala")),
        ("David Skvirsky and George Hanna", people("David Skvirsky", "George Hanna")),
        ("Yuri Sdobnikov", people("Yuri Sdobnikov")),
        ("D. Walters", people("D. Walters")),
        ("R. Cymbala", people("R. Cymbala")),
        ("Ann Lee, Bob Ray", people("Ann Lee", "Bob Ray")),
        ("Ann Lee; Bob Ray", people("Ann Lee", "Bob Ray")),
        ("Ann Lee with Bob Ray", people("Ann Lee", "Bob Ray")),
        ("Ann Lee, Bob Ray and Cy Young", people("Ann Lee", "Bob Ray", "Cy Young")),
        ("Ann Lee, Bob Ray, and Cy Young", people("Ann Lee", "Bob Ray", "Cy Young")),
        ("Ann Lee, Bob Ray, & Cy Young", people("Ann Lee", "Bob Ray", "Cy Young")),
        ("John Smith, Jr.", people("John Smith, Jr.")),
        ("John Smith, Jr. and Mary Jones", people("John Smith, Jr.", "Mary Jones")),
        ("John Smith, III, Mary Jones", people("John Smith, III", "Mary Jones")),
        # Every suffix stays with the name before it; "II" is not cut to an "I"
        # and does not fall back on the initials rule (it has no period).
        ("John Smith, II", people("John Smith, II")),
        ("John Smith, II, Mary Jones", people("John Smith, II", "Mary Jones")),
        ("John Smith,II and Mary Jones", people("John Smith,II", "Mary Jones")),
        ("John Smith, IV; Mary Jones", people("John Smith, IV", "Mary Jones")),
        ("John Smith, Sr., Mary Jones", people("John Smith, Sr.", "Mary Jones")),
        ("John Smith, Esq., Mary Jones", people("John Smith, Esq.", "Mary Jones")),
        ("John Smith, Ph.D., Mary Jones", people("John Smith, Ph.D.", "Mary Jones")),
        ("John Smith, PhD, Mary Jones", people("John Smith, PhD", "Mary Jones")),
        # A word that only starts like a suffix is the next name.
        ("John Smith, Iris Jones", people("John Smith", "Iris Jones")),
        ("John Smith, Srinivasan Ray", people("John Smith", "Srinivasan Ray")),
        ("Walters, D. & Cymbala, R.", people("Walters, D.", "Cymbala, R.")),
        ("Smith, J. R.", people("Smith, J. R.")),
        ("Sam Srinivasan, Jo Ray", people("Sam Srinivasan", "Jo Ray")),
        ("David\u00a0Walters\u2003&  R.\tCymbala ", people("David Walters", "R. Cymbala")),
        ("Ann Lee And Bob Ray", people("Ann Lee And Bob Ray")),
        # A couple sharing a surname: two people of that name.
        ("Eden and Cedar Paul", people("Eden Paul", "Cedar Paul")),
        ("Hilda and Ambrose Kettle", people("Hilda Kettle", "Ambrose Kettle")),
        ("Marx and Engels", people("Marx", "Engels")),
        ("Ann and Bob Ray Lee", people("Ann", "Bob Ray Lee")),
        ("R. and Bob Ray", people("R.", "Bob Ray")),
        ("Ann Lee, , Bob Ray,", people("Ann Lee", "Bob Ray")),
        ("", ()),
        (" \u00a0 ", ()),
    ],
)
def test_split_names_people(text: str, expected: tuple[Name, ...]) -> None:
    assert split_names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Progress Publishers", (Name("Progress Publishers", is_person=False),)),
        ("Marxists Internet Archive", (Name("Marxists Internet Archive", is_person=False),)),
        ("Foreign Languages Press", (Name("Foreign Languages Press", is_person=False),)),
        ("Lawrence and Wishart", (Name("Lawrence and Wishart", is_person=False),)),
        ("Unknown & Progress Publishers", (Name("Progress Publishers", is_person=False),)),
        ("Rosa Luxemburg Internet Archive (marxists.org) 1996",
         (Name("Rosa Luxemburg Internet Archive", is_person=False),)),
        ("Anonymous", ()),
        ("Brian Baggins, 2000", (Name("Brian Baggins"),)),
        ("Lawrence & Wishart", (Name("Lawrence & Wishart", is_person=False),)),
        (
            "Institute of Marxism and Leninism",
            (Name("Institute of Marxism and Leninism", is_person=False),),
        ),
        ("MIA Volunteers", (Name("MIA Volunteers", is_person=False),)),
        ("Ann Lee and the Online Distributed Proofreading Team at https://www.pgdp.net",
         (Name("Ann Lee"), Name("the Online Distributed Proofreading Team", False))),
        ("Labor Party Project Team", (Name("Labor Party Project Team", is_person=False),)),
        (
            "Brian Baggins; Marxists\u00a0Internet Archive",
            (Name("Brian Baggins"), Name("Marxists Internet Archive", is_person=False)),
        ),
        (
            "Einde O'Callaghan, Marxists Internet Archive Library",
            (Name("Einde O'Callaghan"), Name("Marxists Internet Archive Library", False)),
        ),
    ],
)
def test_split_names_organisations(text: str, expected: tuple[Name, ...]) -> None:
    assert split_names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Progress Publishers", True),
        ("Columbia University", True),
        ("Socialist Society", True),
        ("Central Committee", True),
        ("LAWRENCE AND WISHART", True),
        ("Yuri Sdobnikov", False),
        ("Pressman", False),
        ("", False),
    ],
)
def test_is_organisation(text: str, expected: bool) -> None:
    assert is_organisation(text) is expected


@pytest.mark.parametrize(
    ("label", "role"),
    [
        ("Translated", "trl"),
        ("Translated by", "trl"),
        ("Translation", "trl"),
        ("Transcription", "trc"),
        ("Transcribed", "trc"),
        ("Transcription\\Markup", "trc"),
        ("Transcription\\HTML Markup", "trc"),
        ("Transcription/Markup", "trc"),
        ("Transcription/HTML", "trc"),
        ("HTML Markup", "mrk"),
        ("Markup", "mrk"),
        ("Mark-up", "mrk"),
        ("HTML", "mrk"),
        ("Online Version", "pbl"),
        ("Converted", "mrk"),
        ("Proofread", "pfr"),
        ("Proofed", "pfr"),
        ("Proofreading", "pfr"),
        ("Proof-reading", "pfr"),
        ("Edited", "edt"),
        ("Editor", "edt"),
        ("Editors", "edt"),
        ("Translated and edited", "trl"),
        ("Source", "oth"),
        ("Credited", "oth"),
        ("Public Domain", "oth"),
        ("", "oth"),
    ],
)
def test_role_for_label(label: str, role: str) -> None:
    assert role_for_label(label) == role


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Translated", True),
        ("Transcription\\HTML Markup", True),
        ("Proofed", True),
        ("Online Version", True),
        ("Source", False),
        ("Written", False),
        ("Copyleft", False),
    ],
)
def test_is_responsibility_label(label: str, expected: bool) -> None:
    assert is_responsibility_label(label) is expected


@given(st.text())
def test_split_names_never_raises_and_keeps_wording(text: str) -> None:
    names = split_names(text)
    normalised = normalize_space(text)
    assert all(name.text and name.text in normalised for name in names)
    assert all(name.text == name.text.strip() for name in names)


@given(st.text())
def test_role_for_label_never_raises(label: str) -> None:
    assert isinstance(role_for_label(label), str)
    assert is_responsibility_label(label) == (role_for_label(label) != "oth")
