"""Elsevier's author-date ('Harvard') style, as its journals print reference lists: the year after the
authors with a comma, no quotes, no parentheses.

Journal: 'Hinton, G.E., Salakhutdinov, R.R., 2006. Title. Science 313, 504–507. https://doi.org/…'
Book:    'Bishop, C.M., 2006. Pattern Recognition and Machine Learning. Springer, New York.'
Chapter: 'Smith, J., 2010. Title. In: Doe, A. (Ed.), Book Title. Publisher, Place, pp. 1–10.'
"""

from __future__ import annotations

import re

from ..models import Citation
from .ids import find_ids, scholarly

_NAME = r"[A-Z\u00c0-\u00de][\w'’\-]+(?: [\w'’\-]+)?, (?:[A-Z\u00c0-\u00de]\.-?)+"
_HEAD = re.compile(
    rf"^(?P<authors>{_NAME}(?:, {_NAME})*(?:,? (?:and|&) {_NAME})?(?:, et al\.)?),\s*"
    r"(?P<year>(?:1[5-9]|20)\d\d)[a-z]?\.\s+(?P<rest>\S.*)$"
)
_RANGE = r"[A-Za-z]?\d+(?:\s*[-–]\s*[A-Za-z]?\d+)?"
_JOURNAL = re.compile(
    rf"^(?P<container>[^,]{{2,120}}?)\s+(?P<volume>\d{{1,5}})(?:\s*\((?P<issue>[^)]{{1,9}})\))?,\s*(?P<pages>{_RANGE})$"
)
_CHAPTER = re.compile(
    r"^In:\s*.+?\((?:Eds?|eds?)\.\),\s*(?P<book>[^.]+)\.\s*(?P<publisher>[^,]+),\s*(?P<place>[^,]+)"
    rf"(?:,\s*pp\.\s*(?P<pages>{_RANGE}))?$"
)
_BOOK = re.compile(r"^(?P<publisher>[^,.\d]{2,60}),\s*(?P<place>[^.\d]{2,40})$")  # 'MIT Press, Cambridge, MA'


def parse_elsevier_harvard(text: str) -> Citation | None:
    """Accepted only when the whole rest is a journal, a chapter or a book imprint."""
    head = _HEAD.match(text.strip())
    if not head:
        return None
    rest = head.group("rest")
    cut = re.search(r"(?<=[^\s.])[.?!]\s+(?=[A-Z])", rest)
    if not cut:
        return None
    title = rest[: cut.start() + (rest[cut.start()] != ".")].strip()
    body = re.sub(r"(?i)\s*(?:https?://\S+|doi:\s*\S+)", "", rest[cut.end() :]).strip().rstrip(".")
    authors = [
        (f.strip(), g)
        for f, g in re.findall(
            r"([A-Z\u00c0-\u00de][\w'’\-]+(?: [\w'’\-]+)?), ((?:[A-Z\u00c0-\u00de]\.-?)+)", head.group("authors")
        )
    ]
    citation = Citation(title=title, authors=authors, style="reference", year=int(head.group("year")))
    citation.et_al = "et al." in head.group("authors")
    journal, chapter, book = _JOURNAL.match(body), _CHAPTER.match(body), _BOOK.match(body)
    if journal:
        citation.container, citation.volume = journal.group("container"), journal.group("volume")
        citation.issue, citation.pages = (
            journal.group("issue") or "",
            re.sub(r"\s*[-–]\s*", "-", journal.group("pages")),
        )
    elif chapter:
        citation.container, citation.publisher = chapter.group("book").strip(), chapter.group("publisher").strip()
        citation.place = chapter.group("place").strip()
        citation.pages = re.sub(r"\s*[-–]\s*", "-", chapter.group("pages") or "")
    elif book:
        citation.publisher, citation.place = book.group("publisher").strip(), book.group("place").strip()
    else:
        return None
    citation.arxiv, citation.doi, citation.url = find_ids(text)
    citation.scholarly = scholarly(citation)
    return citation
