"""What every part of the TEI writer shares: the namespaces, element names, and
the small builders for text runs and dates."""

from __future__ import annotations

from lxml import etree

from tei_convert.model import (
    DateValue,
)

TEI_NS = "http://www.tei-c.org/ns/1.0"


XML_NS = "http://www.w3.org/XML/1998/namespace"


XML_ID = f"{{{XML_NS}}}id"


XML_LANG = f"{{{XML_NS}}}lang"


JULIAN = "#julian"


Element = etree._Element


def tei(tag: str) -> str:
    """Clark notation for a TEI element name."""
    return f"{{{TEI_NS}}}{tag}"


def sub(parent: Element, tag: str, text: str | None = None, **attrs: str) -> Element:
    child = etree.SubElement(parent, tei(tag), {k: v for k, v in attrs.items() if v})
    if text:
        child.text = text
    return child


def text_with_date(element: Element, text: str, date: DateValue | None,
                    start: int | None = None) -> None:
    """Write ``text`` into ``element``, wrapping the date's wording in ``date``
    (at ``start`` when given, else its last occurrence: datelines end in it)."""
    at = -1 if date is None or not date.text else text.rfind(date.text)
    if start is not None and date is not None and text.startswith(date.text, start):
        at = start
    if date is None or at < 0:
        append_text(element, text)
        return
    append_text(element, text[:at])
    element.append(date_element(date))
    append_text(element, text[at + len(date.text):])
    keep_inline(element)


def date_element(date: DateValue) -> Element:
    element = etree.Element(tei("date"))
    for attribute, value in (("when", date.when), ("notBefore", date.not_before),
                             ("notAfter", date.not_after)):
        if value:
            element.set(attribute, value)
    if date.when_julian:
        # att.datable.custom: @when holds the Gregorian day; the Old Style day
        # goes in @when-custom, with @datingMethod naming its calendar.
        element.set("when-custom", date.when_julian)
        element.set("datingMethod", JULIAN)
    element.text = date.text
    return element


def keep_inline(element: Element) -> None:
    """Mark ``element`` as mixed content so the pretty printer leaves it on one line.

    libxml2 indents an element whose first child comes without text before
    it, which would put white space into a ``dateline`` or ``bibl``.
    """
    if element.text is None:
        element.text = ""


def append_text(element: Element, text: str) -> None:
    """Append text after the last child (or inside an empty element)."""
    if not text:
        return
    if len(element):
        last = element[-1]
        last.tail = (last.tail or "") + text
    else:
        element.text = (element.text or "") + text
