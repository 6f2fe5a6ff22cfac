"""Physics and chemistry journal styles, which often print no article title: the author list (initials
first) is followed by the journal abbreviation, volume, first page and year in a fixed order.

APS/AIP: 'K. S. Novoselov, A. K. Geim, and A. A. Firsov, Science 306, 666 (2004).'
         'A. Einstein, B. Podolsky, and N. Rosen, Can quantum-mechanical description …?, Phys. Rev. 47, 777 (1935).'
RSC:     'K. S. Novoselov, A. K. Geim and A. A. Firsov, Science, 2004, 306, 666–669.'
Wiley:   'A. K. Geim, K. S. Novoselov, Nat. Mater. 2007, 6, 183–191.'
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
_JOURNAL = r"(?:[A-Z][a-z]{0,6}\.|[A-Z][A-Za-z]+)(?:\s(?:[A-Z][a-z]{0,6}\.|[A-Z][A-Za-z]+|of|and|&|for|in)){0,7}"
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
