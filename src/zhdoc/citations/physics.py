"""Physics and chemistry journal styles, which often print no article title: the author list (initials
first) is followed by the journal abbreviation, volume, first page and year in a fixed order.

APS/AIP: 'K. S. Novoselov, A. K. Geim, and A. A. Firsov, Science 306, 666 (2004).'
         'A. Einstein, B. Podolsky, and N. Rosen, Can quantum-mechanical description …?, Phys. Rev. 47, 777 (1935).'
RSC:     'K. S. Novoselov, A. K. Geim and A. A. Firsov, Science, 2004, 306, 666–669.'
Wiley:   'A. K. Geim, K. S. Novoselov, Nat. Mater. 2007, 6, 183–191.'
IOP:     'Novoselov K S, Geim A K and Firsov A A 2004 Electric field effect in … films Science 306 666–9'
"""

from __future__ import annotations

import re

from ..models import Citation
from .ids import find_ids, scholarly

_NAME = r"(?:[A-Z\u00c0-\u00de][a-z]?\.\s?-?){1,3}\s?(?:(?:van|von|de|der|da|di|le)\s)*[A-Z\u00c0-\u00de][\w'’\-]+"
_AUTHORS = re.compile(
    rf"^(?P<authors>{_NAME}(?:,\s+{_NAME})*(?:,?\s+(?:and|&)\s+{_NAME})?(?:,?\s+et al\.)?),\s+(?P<rest>\S.*)$"
)
# A journal abbreviation: capitalised words, abbreviated ones short ('Phys. Rev. Lett.', 'J. Am. Chem. Soc.')
_JOURNAL = (
    r"(?:[A-Z][a-z]{0,6}\.|[A-Z][A-Za-z]+)(?:\s(?:[A-Z][a-z]{0,6}\.|[A-Z][A-Za-z]+|of|and|&|for|in)){0,7}"
    r"(?:\s\([A-Z][a-z]+\))?"  # 'Nature (London)'
)
_PAGE = r"[A-Z]?\d+(?:\s*[-–]\s*[A-Z]?\d+)?"
_TAILS = (
    re.compile(  # APS/AIP: Journal Vol, page (Year)
        rf"^(?:(?P<title>[^,].{{2,300}}?),\s+)?(?P<journal>{_JOURNAL})\s+(?P<volume>\d{{1,5}}),\s+(?P<pages>{_PAGE})"
        r"\s+\((?P<year>(?:1[5-9]|20)\d\d)\)\.?$"
    ),
    re.compile(  # RSC: Journal, Year, Vol, pages / Wiley: Journal Year, Vol, pages
        rf"^(?P<journal>{_JOURNAL}),?\s+(?P<year>(?:1[5-9]|20)\d\d),\s+(?P<volume>\d{{1,5}}),\s+(?P<pages>{_PAGE})\.?$"
    ),
)


def parse_physics(text: str) -> Citation | None:
    """The three orders above, accepted only when the whole string fits one of them."""
    match = _AUTHORS.match(text.strip())
    if not match:
        return None
    rest = re.sub(r"\s*(?:https?://\S+|doi:\s*\S+)\s*$", "", match.group("rest").strip(), flags=re.IGNORECASE)
    for tail in _TAILS:
        found = tail.match(rest)
        if not found:
            continue
        names = re.split(r",\s+(?:and\s+|&\s+)?|\s+(?:and|&)\s+", re.sub(r",?\s+et al\.$", "", match.group("authors")))
        authors = []
        for name in names:
            initials = re.match(r"^((?:[A-Z\u00c0-\u00de][a-z]?\.\s?-?){1,3})\s?(.+)$", name.strip())
            if initials:
                authors.append((initials.group(2), initials.group(1).strip()))
        title = (found.groupdict().get("title") or "").strip().rstrip(",")
        citation = Citation(title=title, authors=authors, style="reference", et_al="et al." in match.group("authors"))
        citation.container, citation.volume = found.group("journal"), found.group("volume")
        citation.pages, citation.year = re.sub(r"\s*[-–]\s*", "-", found.group("pages")), int(found.group("year"))
        citation.kind = "article-journal"
        citation.arxiv, citation.doi, citation.url = find_ids(text)
        citation.scholarly = scholarly(citation)
        return citation
    return None


_IOP_NAME = r"[A-Z\u00c0-\u00de][\w'’\-]+(?: [A-Z]){1,3}"
_IOP = re.compile(
    rf"^(?P<authors>{_IOP_NAME}(?:, {_IOP_NAME})*(?:,? and {_IOP_NAME})?(?: et al)?)\s+"
    r"(?P<year>(?:1[5-9]|20)\d\d)[a-z]?\s+(?P<body>\S.*?)\s+(?P<volume>\d{1,5})\s+(?P<pages>[A-Z]?\d+(?:\s*[-–]\s*\d+)?)\.?$"
)
_IOP_JOURNAL_WORD = re.compile(r"[A-Z][A-Za-z]*\.?:?|[A-Z]\.?|&|of|and|in")


def parse_iop(text: str) -> Citation | None:
    """IOP Publishing: 'Hinton G E and Salakhutdinov R R 2006 Reducing the dimensionality … Science 313 504–7' —
    no punctuation between title and journal: the journal is the run of capitalised or abbreviated words
    before the volume, the title (sentence case, as IOP prints it) everything before that run."""
    match = _IOP.match(text.strip())
    if not match:
        return None
    words = match.group("body").split()
    start = len(words)
    while start > 0 and _IOP_JOURNAL_WORD.fullmatch(words[start - 1]):
        start -= 1
    while start < len(words) and words[start] in ("&", "of", "and", "in"):
        start += 1
    if start == 0 or start == len(words):
        return None
    names = re.split(r",\s+|\s+and\s+", re.sub(r"\s+et al$", "", match.group("authors")))
    authors = [(name.split()[0], " ".join(name.split()[1:])) for name in names if name.strip()]
    citation = Citation(title=" ".join(words[:start]), authors=authors, style="reference")
    citation.et_al = match.group("authors").endswith("et al")
    citation.container, citation.volume = " ".join(words[start:]), match.group("volume")
    citation.pages, citation.year = re.sub(r"\s*[-–]\s*", "-", match.group("pages")), int(match.group("year"))
    citation.kind = "article-journal"
    citation.arxiv, citation.doi, citation.url = find_ids(text)
    citation.scholarly = scholarly(citation)
    return citation
