"""Tests for reading rights statements."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tei_convert.input.text import normalize_space
from tei_convert.model import LicenceStatus
from tei_convert.values.licences import (
    CC0,
    GNU_FDL,
    GUTENBERG_LICENCE,
    PUBLIC_DOMAIN_MARK,
    LicenceReading,
    read_licence,
)

FREE = LicenceStatus.FREE
RESTRICTED = LicenceStatus.RESTRICTED
UNKNOWN = LicenceStatus.UNKNOWN
MIA_CREDIT = (
    "You may freely copy, distribute, display and perform this work; as well as make"
    " derivative and commercial works. Please credit “Marxists Internet Archive” as your source."
)
GNU_STATEMENT = (
    "V. I. Lenin Internet Archive (www.marx.org) 2002. Permission is granted to copy and/or"
    " distribute this document under the terms of the GNU Free Documentation License"
)


def cc(code: str, version: str | None = None) -> str:
    """The Creative Commons licence URL; without a version, the licence family's page."""
    return f"https://creativecommons.org/licenses/{code}/" + (f"{version}/" if version else "")


@pytest.mark.parametrize(
    ("label", "text", "expected"),
    [
        (
            "Public Domain",
            f"Lenin Internet Archive {MIA_CREDIT}README",
            LicenceReading(
                FREE, PUBLIC_DOMAIN_MARK, f"Lenin Internet Archive {MIA_CREDIT}", "README"
            ),
        ),
        (
            "Public Domain",
            f"Lenin Internet Archive (2003). {MIA_CREDIT}README",
            LicenceReading(
                FREE, PUBLIC_DOMAIN_MARK, f"Lenin Internet Archive (2003). {MIA_CREDIT}", "README"
            ),
        ),
        ("Copyleft", GNU_STATEMENT, LicenceReading(FREE, GNU_FDL, GNU_STATEMENT)),
        ("Copyleft", "Under the GFDL.", LicenceReading(FREE, GNU_FDL, "Under the GFDL.")),
        ("License", "GNU FDL", LicenceReading(FREE, GNU_FDL, "GNU FDL")),
        ("Rights", "This work is in the public domain.", LicenceReading(
            FREE, PUBLIC_DOMAIN_MARK, "This work is in the public domain.")),
        ("Public\u00a0Domain", "", LicenceReading(FREE, PUBLIC_DOMAIN_MARK, "")),
        ("Licence", "CC0 1.0 Universal Public Domain Dedication", LicenceReading(
            FREE, CC0, "CC0 1.0 Universal Public Domain Dedication")),
        # A Project Gutenberg e-text's statement, under no field name.
        ("", "Share it freely under the Project Gutenberg License.", LicenceReading(
            FREE, GUTENBERG_LICENCE, "Share it freely under the Project Gutenberg License.")),
        ("", "See the PROJECT GUTENBERG-tm LICENCE below.", LicenceReading(
            FREE, GUTENBERG_LICENCE, "See the PROJECT GUTENBERG-tm LICENCE below.")),
    ],
)
def test_read_licence_free(label: str, text: str, expected: LicenceReading) -> None:
    assert read_licence(label, text) == expected


@pytest.mark.parametrize(
    ("text", "status", "target"),
    [
        ("Creative Commons Attribution 4.0 International License", FREE, cc("by", "4.0")),
        ("Creative Commons Attribution-ShareAlike 2.0", FREE, cc("by-sa", "2.0")),
        ("Creative Commons Attribution-ShareAlike License", FREE, cc("by-sa")),
        ("Creative Commons Attribution-NonCommercial-ShareAlike 3.0 Unported", RESTRICTED,
         cc("by-nc-sa", "3.0")),
        ("Creative Commons Attribution-NoDerivatives 4.0", RESTRICTED, cc("by-nd", "4.0")),
        ("Creative Commons Attribution-NonCommercial-NoDerivs 2.5", RESTRICTED,
         cc("by-nc-nd", "2.5")),
        ("Licensed CC BY-SA 3.0.", FREE, cc("by-sa", "3.0")),
        ("CC-BY", FREE, cc("by")),
        ("CC BY-NC 4.0", RESTRICTED, cc("by-nc", "4.0")),
        ("See https://creativecommons.org/licenses/by-sa/2.5/ for terms", FREE, cc("by-sa", "2.5")),
        ("http://creativecommons.org/licenses/by-nc/3.0/deed.en", RESTRICTED, cc("by-nc", "3.0")),
        ("creativecommons.org/licenses/by", FREE, cc("by")),
        ("© 2004 Marxists Internet Archive; CC BY-SA 4.0", FREE, cc("by-sa", "4.0")),
    ],
)
def test_read_licence_creative_commons(
    text: str, status: LicenceStatus, target: str | None
) -> None:
    reading = read_licence("Copyleft", text)
    assert (reading.status, reading.target) == (status, target)


@pytest.mark.parametrize(
    ("label", "text", "status"),
    [
        ("Copyright", "Lawrence & Wishart 1975", RESTRICTED),
        ("Rights", "© Progress Publishers 1965", RESTRICTED),
        ("Rights", "All rights reserved.", RESTRICTED),
        # Still under copyright: the licence it names does not make it free.
        ("", "This is a copyrighted Project Gutenberg eBook; see the Project Gutenberg "
             "License.", RESTRICTED),
        ("Copyleft", "Marxists Internet Archive (marxists.org) 2000", UNKNOWN),
        ("Online Version", "Lenin Internet Archive (marxists.org) 2000", UNKNOWN),
        ("Licence", "Creative Commons", UNKNOWN),
        ("", "", UNKNOWN),
    ],
)
def test_read_licence_other(label: str, text: str, status: LicenceStatus) -> None:
    reading = read_licence(label, text)
    assert (reading.status, reading.target) == (status, None)


@pytest.mark.parametrize(
    ("text", "statement", "removed"),
    [
        ("Please credit us as your source.README", "Please credit us as your source.", "README"),
        ("Please credit “MIA.”Home", "Please credit “MIA.”", "Home"),
        ("Copy freely!Index", "Copy freely!", "Index"),
        ("Is it free?Contents", "Is it free?", "Contents"),
        ("Free to copy.\u00a0README\n", "Free to copy. README", None),
        ("Free to copy. README", "Free to copy. README", None),
        ("Free to copy.readme", "Free to copy.readme", None),
        ("See marxists.org", "See marxists.org", None),
        ("See Marxists.Org.", "See Marxists.Org.", None),
        ("Free to copy.R", "Free to copy.R", None),
        ("Free to copy.README2", "Free to copy.README2", None),
        ("Free.README to copy.", "Free.README to copy.", None),
        ("README", "README", None),
        ("  Free   to\tcopy.  ", "Free to copy.", None),
    ],
)
def test_read_licence_link_text(text: str, statement: str, removed: str | None) -> None:
    reading = read_licence("Public Domain", text)
    assert (reading.text, reading.removed) == (statement, removed)


@given(st.text(), st.text())
def test_read_licence_never_raises_and_loses_nothing(label: str, text: str) -> None:
    reading = read_licence(label, text)
    assert reading.text + (reading.removed or "") == normalize_space(text)
    if reading.status is UNKNOWN:
        assert reading.target is None


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("under the terms of the GNU Free Documentation License",
         "https://www.gnu.org/licenses/fdl.html"),
        ("GNU Free Documentation License, Version 1.2 or any later version",
         "https://www.gnu.org/licenses/fdl-1.2.html"),
        ("GFDL v1.3", "https://www.gnu.org/licenses/fdl-1.3.html"),
    ],
)
def test_gnu_fdl_version_is_never_guessed(text: str, target: str) -> None:
    assert read_licence("Copyleft", text).target == target
