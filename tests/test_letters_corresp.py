"""correspDesc: who sent a letter, from where and when, to whom (readers/letters.py)."""

from __future__ import annotations

import pytest

from tei_helpers import NS, mia, tei_tree, xpath_texts


@pytest.mark.parametrize(
    ("title", "body", "sent", "received"),
    [
        ("Letter to Clara Hentschel", "Stuttgart, 30 December 1910\n\nDear Clara,\n\nText.\n\n"
         "Yours,\n\nO. B.", ["A. N. Author", "Stuttgart", "May 1, 1920"],
         ["Clara Hentschel"]),
        ("To the Society for Technical Aid", "Dear Comrades,\n\nText.\n\nN. Lenin",
         ["A. N. Author", "May 1, 1920"], ["the Society for Technical Aid"]),
        ("Marx To Engels In Manchester", "London, 3 May 1869\n\nDear Fred,\n\nText.\n\nMoor",
         ["A. N. Author", "London", "May 1, 1920"], ["Engels", "Manchester"]),
        ("A Letter to V. V. Kuibyshev and a Draft Engagement", "Comrade,\n\nText.\n\nLenin",
         ["A. N. Author", "May 1, 1920"], ["V. V. Kuibyshev"]),
        # No addressee in the title: the opener's "To ..." line.
        ("A Note", "To L. B. Krasnova\n\nPlease send the minutes.\n\nA. Gorin",
         ["A. N. Author", "May 1, 1920"], ["L. B. Krasnova"]),
    ],
)
def test_a_letter_says_who_wrote_to_whom(title: str, body: str, sent: list[str],
                                         received: list[str]) -> None:
    root = tei_tree(mia(body, title=title))
    assert xpath_texts(root, "//tei:correspAction[@type='sent']/*") == sent
    assert xpath_texts(root, "//tei:correspAction[@type='received']/*") == received


def test_a_body_is_an_org_name_and_the_sent_date_is_the_creation_date() -> None:
    root = tei_tree(mia("Dear Comrades,\n\nText.\n\nN. Lenin", title="To the Bureau"))
    assert xpath_texts(root, "//tei:correspAction[@type='received']/tei:orgName") == [
        "the Bureau"]
    sent_date = root.find(".//tei:correspAction[@type='sent']/tei:date", NS)
    creation = root.find(".//tei:creation/tei:date", NS)
    assert sent_date is not None
    assert creation is not None
    assert sent_date.get("when") == creation.get("when") == "1920-05-01"


@pytest.mark.parametrize(
    "body",
    [
        "Comrades!\n\nThe speech itself, and nothing that closes it as a letter.",
        "An article in paragraphs.\n\nAnother paragraph.",
    ],
)
def test_what_is_no_letter_has_no_corresp_desc(body: str) -> None:
    root = tei_tree(mia(body, title="Speech to the Congress"))
    assert not root.findall(".//tei:correspDesc", NS)
