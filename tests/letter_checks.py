"""Expectation files for invented letters: XPath checks a TEI expert would make.

The format is described in ``tests/letters/README.md``. Both
``tests/test_letters.py`` and ``scripts/score_letters.py`` read them here.
"""

from __future__ import annotations

from collections.abc import Iterator
from copy import deepcopy
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from tei_convert import convert_text
from tei_convert.errors import TeiConvertError

from tei_helpers import NS, detach


@dataclass(frozen=True)
class Check:
    """One line of an expectation file."""

    case: Path
    line: int
    xpath: str
    expected: str

    @property
    def name(self) -> str:
        return f"{self.case.stem}:{self.line}"


def read_checks(expect: Path) -> Iterator[Check]:
    """The checks of one ``.expect`` file, in order."""
    case = expect.with_suffix(".txt")
    for number, line in enumerate(expect.read_text("utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        xpath, separator, expected = line.partition("\t")
        if not separator:
            raise ValueError(f"{expect.name}:{number}: no tab between XPath and value")
        yield Check(case, number, xpath.strip(), " ".join(expected.split()))


def all_checks(*folders: Path) -> list[Check]:
    """Every check of every expectation file in ``folders``, sorted by file."""
    return [check for folder in folders for expect in sorted(folder.glob("*.expect"))
            for check in read_checks(expect)]


def shown(value: object) -> str:
    """An XPath result as the expectation files write it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    if isinstance(value, list):
        raise ValueError("the XPath selects nodes; wrap it in string(), count() or boolean()")
    return " ".join(str(value).split())


class Converter:
    """Converts each case once, however many checks read it."""

    def __init__(self) -> None:
        self._trees: dict[Path, etree._Element | str] = {}

    def tree(self, case: Path) -> etree._Element | str:
        """The case's TEI, or the one-line error that stopped its conversion."""
        if case not in self._trees:
            try:
                result = convert_text(case.read_text("utf-8"), source=case.name)
                self._trees[case] = etree.fromstring(result.documents[0].xml)
            except TeiConvertError as error:
                self._trees[case] = f"not converted: {error}"
        return self._trees[case]

    def actual(self, check: Check) -> str:
        """What the check's XPath gives on the case's TEI. A check that does not
        ask about notes reads the text without them, as a reader does: a note
        stands at its marker, so ``string(dateline)`` would hold its words."""
        tree = self.tree(check.case)
        if isinstance(tree, str):
            return tree
        if "note" not in check.xpath:
            tree = without_notes(tree)
        return shown(tree.xpath(check.xpath, namespaces=NS))


def without_notes(root: etree._Element) -> etree._Element:
    """A copy of ``root`` with the endnotes of its text taken out (their tails kept)."""
    copy = deepcopy(root)
    for note in copy.xpath("//tei:text//tei:note[@place='end']", namespaces=NS):
        detach(note)
    return copy
