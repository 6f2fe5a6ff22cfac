"""Chicago/Turabian notes (the footnote form, not the bibliography): names in natural order, the book's
imprint in parentheses, then the page cited.

'Thomas S. Kuhn, The Structure of Scientific Revolutions (Chicago: University of Chicago Press, 1962), 45.'
'Ian Goodfellow, Yoshua Bengio, and Aaron Courville, Deep Learning, 2nd ed. (Cambridge, MA: MIT Press, 2016), 12–14.'
"""

from __future__ import annotations

import re

from ..models import Citation
from .ids import find_ids, scholarly

_NAME = r"[A-Z\u00c0-\u00de][\w'’\-]*\.?(?: (?:[A-Z\u00c0-\u00de][\w'’\-]*\.?|van|von|de|der)){1,3}"
_NOTE_BOOK = re.compile(
    rf"^(?P<authors>{_NAME}(?:, {_NAME})*(?:,? and {_NAME})?(?:,? et al\.)?),\s+(?P<title>[^()“”\"]{{3,300}}?)"
    r"(?:,\s*(?P<edition>\d+(?:st|nd|rd|th) ed\.|rev\. ed\.))?\s+"
    r"\((?P<place>[^():]{2,60}):\s*(?P<publisher>[^(),]{2,80}),\s*(?P<year>(?:1[5-9]|20)\d\d)\)"
    r"(?:,\s*(?P<pages>\d+(?:\s*[-–]\s*\d+)?))?\.?$"
)


def parse_note_book(text: str) -> Citation | None:
    """A book in a Chicago note; the page cited becomes pages."""
    match = _NOTE_BOOK.match(text.strip())
    if not match:
        return None
    names = re.split(r",\s+(?:and\s+)?|\s+and\s+", re.sub(r",?\s+et al\.$", "", match.group("authors")))
    authors = [(name.split()[-1], " ".join(name.split()[:-1])) for name in names if name.strip()]
    citation = Citation(title=match.group("title").strip(), authors=authors, style="reference")
    citation.et_al = "et al." in match.group("authors")
    citation.place, citation.publisher = match.group("place").strip(), match.group("publisher").strip()
    citation.year = int(match.group("year"))
    citation.pages = re.sub(r"\s*[-–]\s*", "-", match.group("pages") or "")
    citation.kind = "book"
    citation.arxiv, citation.doi, citation.url = find_ids(text)
    citation.scholarly = scholarly(citation)
    return citation
