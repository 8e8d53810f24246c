"""Rights statements: which licence a source names, and its statement cleaned of link text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tei_convert.input.text import normalize_space
from tei_convert.model import LicenceStatus

PUBLIC_DOMAIN_MARK = "https://creativecommons.org/publicdomain/mark/1.0/"
CC0 = "https://creativecommons.org/publicdomain/zero/1.0/"
# A statement that names no version gets the licence family's page rather
# than a guessed version: a 2002 page cannot mean a licence of 2008.
GNU_FDL = "https://www.gnu.org/licenses/fdl.html"
# The licence a Project Gutenberg e-text is distributed under, which its opening
# statement names; the e-text's end prints it whole.
GUTENBERG_LICENCE = "https://www.gutenberg.org/policy/license.html"
_FDL_VERSION = re.compile(r"(?:version|v\.?)\s*(1\.[123])")
# Only these two let anyone reuse the text for any purpose; NC and ND do not.
_FREE_CC = frozenset({"by", "by-sa"})

# A site link label glued to the statement's last sentence ("source.README").
# It must start with a capital so a domain ("marxists.org") is never cut.
_LINK_TEXT = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]*(?P<link>[^\W\d_]{2,})$")
_CC_URL = re.compile(
    r"creativecommons\.org/licenses/(?P<code>by(?:-[a-z]{2})*)(?:/(?P<version>\d\.\d))?"
)
_CC_NAME = re.compile(
    r"creative commons attribution(?P<code>(?:[- ]?(?:non-?commercial|share-?alike"
    r"|no-?deriv(?:s|atives)))*)(?: (?:licen[cs]e )?(?:version )?(?P<version>\d\.\d))?"
)
_CC_ABBREVIATION = re.compile(r"\bcc[- ]by(?P<code>(?:-(?:nc|sa|nd))*)(?: (?P<version>\d\.\d))?")
_CC_ZERO = re.compile(r"\bcc0\b|publicdomain/zero")
_GNU_FDL = re.compile(r"gnu free documentation licen[cs]e|\bgfdl\b|\bgnu fdl\b")
_PUBLIC_DOMAIN = re.compile(r"\bpublic domain\b|publicdomain/mark")
_RESERVED = re.compile(r"\bcopyright(?:ed)?\b|©|\ball rights reserved\b")
_GUTENBERG = re.compile(r"\bproject gutenberg(?:-tm)? licen[cs]e\b")


@dataclass(frozen=True)
class LicenceReading:
    """What a rights statement says, as far as we can tell."""

    status: LicenceStatus
    target: str | None
    """URL of the licence when it is a known one."""
    text: str
    """The statement, whitespace-normalised, without the link text."""
    removed: str | None = None
    """Link text cut from the end of the statement, if any."""


def read_licence(label: str, text: str) -> LicenceReading:
    """Identify the licence a rights field (its label and value) names."""
    statement, removed = _strip_link_text(normalize_space(text))
    status, target = _identify(f"{normalize_space(label)} {statement}".casefold())
    return LicenceReading(status, target, statement, removed)


def read_statement(statement: str) -> LicenceReading:
    """Identify the licence a user states in words or as a URL (a configuration's
    or metadata's ``licence``): a URL the tool does not know is its own target.
    Nothing is cut from it: link text glued to a statement is a web page's."""
    stated = normalize_space(statement)
    status, target = _identify(stated.casefold())
    if target is None and stated.startswith(("http://", "https://")) and " " not in stated:
        target = stated
    return LicenceReading(status, target, stated)


def _strip_link_text(text: str) -> tuple[str, str | None]:
    """Cut a link label glued to the final sentence punctuation, as MIA pages have."""
    match = _LINK_TEXT.search(text)
    if match is None or not match["link"][0].isupper():
        return text, None
    return text[: match.start("link")], match["link"]


def _identify(wording: str) -> tuple[LicenceStatus, str | None]:
    """The status and licence URL that the casefolded ``wording`` names."""
    if _CC_ZERO.search(wording):
        return LicenceStatus.FREE, CC0
    creative_commons = _creative_commons(wording)
    if creative_commons is not None:
        return creative_commons
    if _GNU_FDL.search(wording):
        version = _FDL_VERSION.search(wording)
        target = GNU_FDL if version is None else GNU_FDL.replace("fdl", f"fdl-{version[1]}")
        return LicenceStatus.FREE, target
    if _PUBLIC_DOMAIN.search(wording):
        return LicenceStatus.FREE, PUBLIC_DOMAIN_MARK
    if _RESERVED.search(wording):
        return LicenceStatus.RESTRICTED, None
    if _GUTENBERG.search(wording):
        # "for the use of anyone anywhere ... with almost no restrictions": free,
        # under the terms of the licence the statement names.
        return LicenceStatus.FREE, GUTENBERG_LICENCE
    return LicenceStatus.UNKNOWN, None


def _creative_commons(wording: str) -> tuple[LicenceStatus, str] | None:
    """A Creative Commons licence named by URL, full name or abbreviation."""
    for pattern in (_CC_URL, _CC_NAME, _CC_ABBREVIATION):
        match = pattern.search(wording)
        if match is not None:
            code = _cc_code(match["code"])
            version = f"{match['version']}/" if match["version"] else ""
            status = LicenceStatus.FREE if code in _FREE_CC else LicenceStatus.RESTRICTED
            return status, f"https://creativecommons.org/licenses/{code}/{version}"
    return None


def _cc_code(elements: str) -> str:
    """The URL code ("by-nc-sa") for the licence elements as written, in canonical order."""
    code = "by"
    if re.search(r"\bnc\b|non-?commercial", elements):
        code += "-nc"
    if re.search(r"\bsa\b|share-?alike", elements):
        code += "-sa"
    elif re.search(r"\bnd\b|no-?deriv", elements):
        code += "-nd"
    return code
