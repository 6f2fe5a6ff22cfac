"""Numbered-list styles whose punctuation makes the structure certain: IEEE, Vancouver/NLM and
Springer LNCS, Harvard. Each reader accepts a string only when its author list has the style's exact name
shape, so a string of another style falls through to the next reader (and finally the CRF). Their
records carry style "reference", the label merge.py already ranks as a structured reference entry.

IEEE:      'K. He, X. Zhang, and J. Sun, “Title,” in Proc. IEEE Conf. … (CVPR), 2016, pp. 770–778.'
Vancouver: 'Topol EJ, Doe J, et al. Title. Nat Med. 2019 Jan;25(1):44-56.'
LNCS:      'Lin, T.-Y., et al.: Title. In: Fleet, D. (eds.) ECCV 2014. LNCS, vol. 8693, pp. 740–755. Springer (2014)'
Harvard:   "Hall, S. (1980) 'Title', in Hall, S. and Lowe, A. (eds) Book. London: Hutchinson, pp. 128–138."
"""

from __future__ import annotations

import re

from ..models import Citation
from .gbt import pick_year
from .ids import find_ids, scholarly, year_from_arxiv

_RANGE = r"[A-Za-z]?\d+(?:\.[a-z]\d+)?(?:\s*[-–]\s*[A-Za-z]?\d+(?:\.[a-z]\d+)?)?"


def _pages(text: str) -> str:
    return re.sub(r"\s*[-–]\s*", "-", text.strip())


def _finish(citation: Citation, rest: str) -> Citation:
    citation.arxiv, citation.doi, citation.url = find_ids(rest)
    if citation.arxiv and (not citation.container or "arxiv" in citation.container.lower()):
        citation.container = "arXiv preprint"
    if not citation.year:
        citation.year = year_from_arxiv(citation.arxiv)
    citation.scholarly = scholarly(citation)
    return citation


# --------------------------------------------------------------------------- IEEE

_IEEE_NAME = re.compile(r"(?:[A-Z\u00c0-\u00de][a-z]?\.(?:\s?-?[A-Z][a-z]?\.)*\s?)+[\w'’\-]+(?: [\w'’\-]+){0,2}")
_IEEE_QUOTED = re.compile(r"^(?P<authors>.+?),\s*[“\"](?P<title>.+?)[,.]?[”\"],?\s*(?P<rest>.*)$")
_IEEE_BOOK = re.compile(
    r"^(?P<title>[^“”\"]+?)(?:,\s*\d+(?:st|nd|rd|th)\s+ed)?\.\s+(?P<place>[^:]{2,50}):\s*(?P<publisher>[^,]+(?:,\s*Inc\.)?),\s*(?P<year>(?:1[5-9]|20)\d\d)\.?$"
)
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"


def _ieee_authors(text: str, quoted_title: bool = False) -> list[tuple[str, str]] | None:
    """'K. He, X. Zhang, and J. Sun' / 'O. Russakovsky et al.' -> [(He, K.), …]; None if not IEEE names."""
    text = re.sub(r"\s+et al\.?$", "", text.strip())
    if quoted_title and re.fullmatch(r"[A-Z][\w&\-]*(?: [A-Z][\w&\-]*){0,5}", text) and not _IEEE_NAME.fullmatch(text):
        return [(text, "")]  # 'OpenAI, “GPT-4 technical report,” 2023': an organisation
    parts = [p.strip() for p in re.split(r",\s*(?:and\s+)?|\s+and\s+", text) if p.strip()]
    if not parts or not all(_IEEE_NAME.fullmatch(p) for p in parts):
        return None
    authors = []
    for part in parts:
        given = re.match(r"(?:[A-Z\u00c0-\u00de][a-z]?\.(?:\s?-?[A-Z][a-z]?\.)*\s?)+", part)
        assert given is not None
        authors.append((part[given.end() :].strip(), given.group(0).strip()))
    return authors


def _ieee_rest(rest: str, citation: Citation) -> None:
    """'in Proc. X (CVPR), Las Vegas, NV, USA, Jun. 2016, pp. 779–788.' / 'IEEE Trans. X, vol. 39, no. 6, …'."""
    body = re.sub(r"(?i)\bdoi:\s*\S+|https?://\S+", " ", rest).strip(" .,")
    body = re.sub(r"^in\s+", "", body)
    depth, cut = 0, len(body)
    for index, char in enumerate(body):
        depth += char == "("
        depth -= char == ")"
        if char == "," and depth == 0:
            cut = index
            break
    container = body[:cut].strip(" ,")
    if re.fullmatch(rf"(?:{_MONTH}\s*)?(?:1[5-9]|20)\d\d|arXiv:.*", container):
        container = ""
    citation.container = container
    tail = body[cut:]
    volume = re.search(r"\bvol\.\s*(\d+)", tail, re.IGNORECASE)
    issue = re.search(r"\bno\.\s*(\d+)", tail, re.IGNORECASE)
    pages = re.search(rf"\bpp?\.\s*({_RANGE})", tail)
    citation.volume = volume.group(1) if volume else ""
    citation.issue = issue.group(1) if issue else ""
    citation.pages = _pages(pages.group(1)) if pages else ""
    years = re.findall(r"(?<![\d.:/])((?:1[5-9]|20)\d\d)(?![\d.])", re.sub(rf"\bpp?\.\s*{_RANGE}", " ", tail))
    citation.year = int(years[-1]) if years else pick_year(tail)


def parse_ieee(text: str) -> Citation | None:
    """IEEE: initials before family names, the title in double quotes (a book's title plain before
    'Place: Publisher, year'), then the venue up to its first comma and cued vol./no./pp."""
    quoted = _IEEE_QUOTED.match(text)
    if quoted:
        authors = _ieee_authors(quoted.group("authors"), quoted_title=True)
        if not authors:
            return None
        citation = Citation(title=quoted.group("title").strip(), authors=authors, style="reference")
        citation.et_al = bool(re.search(r"et al\.?$", quoted.group("authors").strip()))
        _ieee_rest(quoted.group("rest"), citation)
        return _finish(citation, quoted.group("rest"))
    pieces = text.split(", ")
    count = 0  # the names run while each comma piece is one ('R. S. Sutton and A. G. Barto' is one piece)
    while count < len(pieces) - 1 and _ieee_authors(re.sub(r"^and\s+", "", pieces[count])):
        count += 1
    authors = _ieee_authors(", ".join(pieces[:count])) if count else None
    book = _IEEE_BOOK.match(", ".join(pieces[count:])) if authors else None
    if not authors or not book:
        return None
    citation = Citation(title=book.group("title").strip(), authors=authors, style="reference", kind="book")
    citation.place, citation.publisher = book.group("place").strip(), book.group("publisher").strip()
    citation.year = int(book.group("year"))
    return _finish(citation, "")


# --------------------------------------------------------------------------- Vancouver / NLM

_NLM_NAME = re.compile(
    r"[A-Z\u00c0-\u00de][\w'’\-]+(?: [A-Z\u00c0-\u00de]?[\w'’\-]+)* [A-Z]{1,4}(?: (?:Jr|Sr|[2-4]nd|3rd))?"
)
_NLM_TAIL = re.compile(
    r"\.\s+(?P<year>(?:1[5-9]|20)\d\d)(?:\s+[A-Z][a-z]{2}(?:\s+\d{1,2})?)?\s*;\s*(?P<volume>\d+)?"
    r"(?:\s*\((?P<issue>[^)]{1,12})\))?\s*:\s*(?P<pages>[A-Za-z]?\d+[\w.]*(?:\s*[-–]\s*[\w.]+)?)"
)
_NLM_BOOK = re.compile(
    r"(?P<place>[^:.;]{2,40}(?:\s*\([A-Z]{2}\))?):\s*(?P<publisher>[^;:]{2,80});\s*(?P<year>(?:1[5-9]|20)\d\d)"
    r"(?:\.\s*p\.\s*(?P<pages>\d+\s*[-–]\s*\d+))?"
)


def _nlm_authors(text: str) -> tuple[list[tuple[str, str]], bool] | None:
    truncated = bool(re.search(r",?\s*et al$", text))
    text = re.sub(r",?\s*et al$", "", text)
    text = re.split(r";", text)[0]  # 'Altman DG; PRISMA Group': the group after the persons
    parts = [p.strip() for p in text.split(",")]
    if not parts or not all(_NLM_NAME.fullmatch(p) for p in parts):
        return None
    return [(p.rsplit(" ", 1)[0], p.rsplit(" ", 1)[1]) for p in parts], truncated


def parse_vancouver(text: str) -> Citation | None:
    """Vancouver/NLM: 'Family AB, Family C, et al. Title. Journal. 2019 Jan 13;25(1):44-56.' and
    books 'Title. 5th ed. Place (ST): Publisher; 2005.' / chapters 'In: Editors, editors. Book. …; 2002. p. 93-113.'"""
    first = re.search(r"\.\s+", text)
    if not first:
        return None
    names = _nlm_authors(text[: first.start()])
    if not names:
        return None
    authors, truncated = names
    rest = text[first.end() :]
    citation = Citation(title="", authors=authors, style="reference", et_al=truncated)
    tail = _NLM_TAIL.search(rest)
    if tail:
        head = rest[: tail.start()]
        cut = head.rfind(". ")
        if cut < 0:
            return None
        citation.title, citation.container = head[:cut].strip(), head[cut + 2 :].strip().rstrip(".")
        citation.year = int(tail.group("year"))
        citation.volume, citation.issue = tail.group("volume") or "", tail.group("issue") or ""
        citation.pages = _pages(tail.group("pages").rstrip("."))
        return _finish(citation, rest[tail.end() :])
    preprint = re.match(
        r"^(?P<title>.+?)\.\s+(?:arXiv|bioRxiv|medRxiv)[: ]\S*\s*\[Preprint\]\.\s*(?P<year>(?:1[5-9]|20)\d\d)", rest
    )
    if preprint:  # 'Title. arXiv:2201.11903 [Preprint]. 2022 [cited 2024 Mar 1]. Available from: URL'
        citation.title, citation.year = preprint.group("title").strip(), int(preprint.group("year"))
        citation.container = "arXiv preprint" if preprint.group(0).count("arXiv") else ""
        return _finish(citation, rest)
    book = _NLM_BOOK.search(rest)
    if not book:
        return None
    head = rest[: book.start()].strip().rstrip(".")
    chapter = re.search(r"\.\s+In:\s*(?:.+?,\s*editors?\.\s*)?", head)
    if chapter:
        citation.title = head[: chapter.start()].strip()
        citation.container = re.split(r"\.\s+", head[chapter.end() :])[0].strip()
    else:
        citation.title = re.split(r"\.\s+", head)[0].strip()
    citation.publisher, citation.year = book.group("publisher").strip(), int(book.group("year"))
    citation.place = book.group("place").strip()
    citation.pages = _pages(book.group("pages")) if book.group("pages") else ""
    return _finish(citation, rest[book.end() :]) if citation.title else None


# --------------------------------------------------------------------------- Springer LNCS

_LNCS_AUTHORS = re.compile(
    r"^(?P<authors>(?:[A-Z\u00c0-\u00de][\w'’\-]+(?: [\w'’\-]+){0,2}, "
    r"(?:[A-Z\u00c0-\u00de][a-z]?\.-?)+(?:,\s+|\s*(?=:)))+"
    r"(?:et al\.)?)\s*:\s+(?P<rest>.+)$"
)
_LNCS_NAME = re.compile(r"([A-Z\u00c0-\u00de][\w'’\-]+(?: [\w'’\-]+){0,2}), ((?:[A-Z\u00c0-\u00de][a-z]?\.-?)+)")


def parse_lncs(text: str) -> Citation | None:
    """Springer LNCS: 'Family, I.I., Family, I.: Title. In: Editors (eds.) Book. LNCS, vol. 9351, pp. 234–241.
    Springer, Cham (2015)' / 'Title. J. Mol. Biol. 147, 195–197 (1981)' / 'Title. Publisher, Place (1999)'."""
    match = _LNCS_AUTHORS.match(text)
    if not match:
        return None
    authors = [(f, g) for f, g in _LNCS_NAME.findall(match.group("authors"))]
    rest = match.group("rest")
    year = re.search(r"\(((?:1[5-9]|20)\d\d)\)", rest)
    citation = Citation(title="", authors=authors, style="reference", et_al="et al" in match.group("authors"))
    citation.year = int(year.group(1)) if year else pick_year(rest)
    body = re.sub(r"(?i)\bdoi:\s*\S+|https?://\S+", " ", rest).strip()
    body = re.sub(r"\s*\((?:1[5-9]|20)\d\d\)\.?\s*$", "", body)
    cut = re.search(r"\.\s+(?=In:|[A-Z0-9]|arXiv)", body)
    if not cut:
        return None
    citation.title, tail = body[: cut.start()].strip(), body[cut.end() :].strip()
    tail = re.sub(r"^In:\s*(?:.*?\(eds?\.?\)\s*)?", "", tail)
    volume = re.search(r"\bvol\.\s*(\d+)", tail)
    pages = re.search(rf"\bpp?\.\s*({_RANGE})", tail)
    journal = re.match(
        rf"^(?P<name>[^,(]+?)\s+(?P<volume>\d+)(?:\((?P<issue>[^)]+)\))?,\s*(?P<pages>{_RANGE})\s*$", tail
    )
    if journal:
        citation.container, citation.volume = journal.group("name").strip(), journal.group("volume")
        citation.issue, citation.pages = journal.group("issue") or "", _pages(journal.group("pages"))
    elif volume or pages or re.search(r"\.\s+", tail):
        pieces = [p.strip() for p in re.split(r"\.\s+", tail) if p.strip()]
        first = re.split(r",\s*(?:vol|pp?)\b", pieces[0])[0].strip() if pieces else ""
        citation.container = "" if first in ("LNCS", "LNAI", "CCIS") else first
        citation.volume = volume.group(1) if volume else ""
        citation.pages = _pages(pages.group(1)) if pages else ""
        imprint = pieces[-1] if len(pieces) > 1 else ""
        if imprint and not re.search(r"\d", imprint):
            citation.publisher = imprint.split(",")[0].strip()
    elif not re.search(r"\d", tail) and "," in tail:
        citation.publisher = tail.split(",")[0].strip()  # a book: 'Morgan Kaufmann, San Francisco'
    elif re.match(r"arXiv", tail):
        citation.container = "arXiv preprint"
    return _finish(citation, rest)


# --------------------------------------------------------------------------- Harvard

_HARVARD = re.compile(
    r"^(?P<authors>[A-Z\u00c0-\u00de][^()]{1,300}?)\s+\((?P<year>(?:1[5-9]|20)\d\d)[a-z]?\)\s+"
    r"(?:['‘](?P<quoted>[^'’]{2,300})['’],?|(?P<book>[^.]{2,300}?)\.)\s+(?P<rest>.+)$"
)
_HARVARD_NAME = re.compile(r"([A-Z\u00c0-\u00de][\w'’\-]+(?: [\w'’\-]+)?), ((?:[A-Z]\.\s?-?)+)")


def parse_harvard(text: str) -> Citation | None:
    """Harvard (Cite Them Right): 'LeCun, Y., Bengio, Y. and Hinton, G. (2015) 'Deep learning', Nature,
    521(7553), pp. 436–444.'; chapters 'in Editor, A. (ed.) Book. Place: Publisher, pp. 1–10.'; books
    'Porter, M.E. (1985) Title. New York: Free Press.'"""
    match = _HARVARD.match(text)
    if not match:
        return None
    authors = _HARVARD_NAME.findall(match.group("authors"))
    if not authors or not re.match(r"^[A-Z\u00c0-\u00de][\w'’\-]+(?: [\w'’\-]+)?, [A-Z]\.", match.group("authors")):
        return None
    rest = match.group("rest")
    citation = Citation(title=(match.group("quoted") or match.group("book")).strip(), style="reference")
    citation.authors = [(f, g.strip()) for f, g in authors]
    citation.et_al = "et al" in match.group("authors")
    citation.year = int(match.group("year"))
    body = re.sub(r"(?i)\bdoi:\s*\S+|https?://\S+|Available at:.*$", " ", rest).strip(" .")
    pages = re.search(rf"\bpp?\.\s*({_RANGE})", body)
    citation.pages = _pages(pages.group(1)) if pages else ""
    imprint = re.search(r"(?:^|\.\s+)(?P<place>[^.:]{2,40}):\s*(?P<publisher>[^.,]+)", body)
    if match.group("book"):
        if not imprint:
            return None
        citation.publisher, citation.place = imprint.group("publisher").strip(), imprint.group("place").strip()
        return _finish(citation, rest)
    chapter = re.match(r"^in\s+.*?\(eds?\.?\)\s*(?P<book>[^.]+)\.", body)
    if chapter:
        citation.container = chapter.group("book").strip()
        if imprint:
            citation.publisher, citation.place = imprint.group("publisher").strip(), imprint.group("place").strip()
        return _finish(citation, rest)
    journal = re.match(r"^(?P<name>[^,]+),\s*(?P<volume>\d+)(?:\((?P<issue>[^)]+)\))?", body)
    if journal:
        citation.container, citation.volume = journal.group("name").strip(), journal.group("volume")
        citation.issue = journal.group("issue") or ""
    else:
        citation.container = body.split(",")[0].strip()
    return _finish(citation, rest)


# --------------------------------------------------------------------------- Nature

_NATURE_NAME = (
    r"[A-Z\u00c0-\u00de][\w'’\-]+(?: [a-z]{2,3})?(?: [A-Z][\w'’\-]+)?, "
    r"(?:[A-Z\u00c0-\u00de][a-z]?\.(?:\s?-?[A-Z][a-z]?\.)*)"
)
_NATURE = re.compile(
    rf"^(?P<authors>{_NATURE_NAME}(?:, {_NATURE_NAME})*(?: & {_NATURE_NAME}| et al\.)?)\s+(?P<rest>[A-Z0-9].+)$"
)
_NATURE_TAIL = re.compile(
    r"^(?:In\s+)?(?P<container>.+?)(?:\s+(?:Vol\.\s*)?(?P<volume>\d{1,5}))?(?:\s+\(eds?\.? [^)]*\))?,?\s+"
    r"(?P<pages>[A-Za-z]?\d+(?:\s*[-–]\s*[A-Za-z]?\d+)?)\s+\((?:(?P<publisher>[^()]+?),\s*)?(?P<year>(?:1[5-9]|20)\d\d)\)\.?$"
)
_NATURE_BOOK = re.compile(r"^(?P<title>[^()]+?)\s+\((?P<publisher>[^()]+?),\s*(?P<year>(?:1[5-9]|20)\d\d)\)\.?$")


def parse_nature(text: str) -> Citation | None:
    """Nature: 'LeCun, Y., Bengio, Y. & Hinton, G. Deep learning. Nature 521, 436–444 (2015).';
    'In Proc. X 770–778 (IEEE, 2016).'; books 'Deep Learning (MIT Press, 2016).'; 'Preprint at URL (2014).'"""
    match = _NATURE.match(text)
    if not match:
        return None
    names = re.findall(_NATURE_NAME, match.group("authors"))
    authors = [(name.split(", ")[0], name.split(", ")[1].strip()) for name in names]
    citation = Citation(title="", authors=authors, style="reference", et_al="et al." in match.group("authors"))
    rest = match.group("rest").strip()
    if not re.search(r"\((?:[^()]*,\s*)?(?:1[5-9]|20)\d\d\)\.?$", rest):
        return None  # every Nature entry ends with '(year).' or '(Publisher, year).'
    for number, period in enumerate(re.finditer(r"[.?!]\s+", rest)):
        if number >= 12:
            break  # a title of more than a dozen sentences is not a title
        remainder = rest[period.end() :]
        tail = _NATURE_TAIL.match(remainder)
        if tail:
            citation.title = rest[: period.start() + (period.group(0)[0] != ".")].strip()
            citation.container = re.sub(r"\s+Vol\.?$", "", tail.group("container").strip(" ,"))
            citation.volume = tail.group("volume") or ""
            citation.pages = _pages(tail.group("pages"))
            citation.publisher = (tail.group("publisher") or "").strip()
            citation.year = int(tail.group("year"))
            return _finish(citation, remainder)
        preprint = re.match(r"^Preprint at (?P<where>\S+) \((?P<year>(?:1[5-9]|20)\d\d)\)\.?$", remainder)
        if preprint:
            citation.title = rest[: period.start()].strip()
            citation.year = int(preprint.group("year"))
            return _finish(citation, remainder)
    book = _NATURE_BOOK.match(rest)
    if book and "." not in book.group("title"):
        citation.title, citation.publisher = book.group("title").strip(), book.group("publisher").strip()
        citation.year, citation.kind = int(book.group("year")), "book"
        return _finish(citation, "")
    return None


# --------------------------------------------------------------------------- ACM and Chicago author-date

_GIVEN_FIRST = re.compile(
    r"[A-Z\u00c0-\u017f][\w'’\-]*\.?(?: (?:[A-Z\u00c0-\u017f][\w'’\-]*\.?|van|von|de|der|den|da|di|le|la)){1,4}"
)
_AUTHOR_YEAR = re.compile(r"^(?P<authors>[^()\"“”:]{2,600}?)\.\s+(?P<year>(?:1[5-9]|20)\d\d)[a-z]?\.\s+(?P<rest>.+)$")
_ACM_JOURNAL = re.compile(
    r"^(?P<container>[^,]+?)\s+(?P<volume>\d{1,5}),\s*(?P<issue>[\w\-–]{1,9})\s+\([^)]*\),\s*"
    r"(?P<pages>[A-Za-z]?\d+(?:\s*[-–]\s*[A-Za-z]?\d+)?)"
)


def _author_year_names(text: str) -> list[tuple[str, str]] | None:
    """ACM 'Tianqi Chen and Carlos Guestrin' / Chicago 'Goodfellow, Ian, Yoshua Bengio, and Aaron Courville'."""
    text = re.sub(r",?\s+et al\.?$", "", text.strip())
    parts = [p.strip() for p in re.split(r",\s*(?:and\s+)?|\s+and\s+", text) if p.strip()]
    if not parts:
        return None
    authors = []
    if (
        len(parts) >= 2
        and re.fullmatch(r"[A-Z\u00c0-\u017f][\w'’\-]+", parts[0])
        and _GIVEN_FIRST.fullmatch(parts[1] + " X")
    ):
        authors.append((parts[0], parts[1]))  # Chicago: the first author inverted
        parts = parts[2:]
    for part in parts:
        if not _GIVEN_FIRST.fullmatch(part):
            return None
        words = part.split()
        if len(words) == 2 and re.fullmatch(r"[A-Z]{1,3}", words[1]):
            authors.append((words[0], words[1]))  # 'Touvron H': family name first, initials without periods
            continue
        authors.append((words[-1], " ".join(words[:-1])))
    return authors


_ACL_JOURNAL = re.compile(
    r"^(?P<container>[^,]+),\s*(?P<volume>\d{1,5})(?:\((?P<issue>[^)]{1,9})\))?:\s*(?P<pages>[A-Za-z]?\d+(?:\s*[-–]\s*[A-Za-z]?\d+)?)"
)


def _acl_in(text: str, citation: Citation) -> bool:
    """ACL / natbib 'Proceedings of X, Volume 1, pages 4171–4186, Minneapolis. Publisher[, 2019]'."""
    match = re.match(rf"^(?P<container>.+?),\s*pages?\s*(?P<pages>{_RANGE})(?P<after>.*)$", text)
    if not match:
        return False
    citation.container, citation.pages = match.group("container").strip(), _pages(match.group("pages"))
    after = [p.strip(" ,.") for p in re.split(r"\.\s+", match.group("after")) if p.strip(" ,.")]
    last = re.sub(r",\s*(?:1[5-9]|20)\d\d$", "", after[-1]) if after else ""
    if last and not re.search(r"\d", last) and (len(after) > 1 or not match.group("after").startswith(",")):
        citation.publisher = last
    return True


def parse_author_year(text: str) -> Citation | None:
    """ACM and Chicago author-date without quotes: 'Names. 2016. Title. In Proceedings of X (KDD '16). ACM,
    New York, NY, USA, 785–794.' / 'Names. 2008. Title. Commun. ACM 51, 1 (January 2008), 107–113.' /
    'Names. 2016. Deep Learning. Cambridge, MA: MIT Press.'"""
    match = _AUTHOR_YEAR.match(text)
    if not match:
        return None
    authors = _author_year_names(match.group("authors"))
    if not authors:
        return None
    rest = match.group("rest").strip()
    cut = re.search(r"[.?!]\s+(?=[A-Z0-9]|arXiv)", rest)
    if not cut:
        return None
    citation = Citation(title=rest[: cut.start() + (cut.group(0)[0] != ".")].strip(), authors=authors)
    citation.style, citation.year = "reference", int(match.group("year"))
    citation.et_al = bool(re.search(r"et al\.?$", match.group("authors")))
    tail = re.sub(r"(?i)\bdoi:\s*\S+|https?://\S+", " ", rest[cut.end() :]).strip(" .")
    journal = _ACM_JOURNAL.match(tail) or _ACL_JOURNAL.match(tail)
    imprint = re.fullmatch(r"(?P<place>[^.:]{2,40}):\s*(?P<publisher>[^.,:]+)", tail)
    if re.match(r"arXiv", tail):
        citation.container = "arXiv preprint"
    elif journal:
        citation.container, citation.volume = journal.group("container").strip(), journal.group("volume")
        citation.issue, citation.pages = journal.group("issue"), _pages(journal.group("pages"))
    elif imprint:
        citation.place, citation.publisher = imprint.group("place").strip(), imprint.group("publisher").strip()
    elif tail.startswith("In ") and _acl_in(tail[3:], citation):
        pass
    elif tail.startswith("In "):
        pieces = re.split(r"(?<!Vol)(?<!No)\.\s+(?=[A-Z0-9])", tail[3:], maxsplit=1)
        container = pieces[0]
        volume = re.search(r",\s*Vol\.\s*(\d+)$", container)
        if volume:
            citation.volume, container = volume.group(1), container[: volume.start()]
        citation.container = container.strip()
        if len(pieces) > 1:
            imprint_parts = [p.strip() for p in pieces[1].split(",")]
            pages = re.fullmatch(r"[A-Za-z]?\d+\s*[-–]\s*[A-Za-z]?\d+|\d+", imprint_parts[-1])
            if pages:
                citation.pages = _pages(pages.group(0))
            if not re.search(r"\d", imprint_parts[0]):
                publisher = imprint_parts[0]
                if len(imprint_parts) > 1 and imprint_parts[1] in ("Inc.", "Inc", "Ltd."):
                    publisher += ", " + imprint_parts[1]
                citation.publisher = publisher
        else:
            pages = re.search(r"(?:^|\s)([A-Za-z]?\d+\s*[-–]\s*[A-Za-z]?\d+)$", tail)
            if pages:
                citation.pages = _pages(pages.group(1))
    else:
        return None
    return _finish(citation, rest)


# --------------------------------------------------------------------------- natbib (plainnat, ICML/NeurIPS)


def parse_natbib(text: str) -> Citation | None:
    """natbib plainnat, as ML papers print their lists: 'Diederik P. Kingma and Jimmy Ba. Title. In Venue,
    pages 448–456. PMLR, 2015.' / 'Names. Title. Journal, 3(Feb):1137–1155, 2003.' — the year last."""
    year = re.search(r"[,.]\s*((?:1[5-9]|20)\d\d)[a-z]?\.?$", text)
    if not year:
        return None
    for period in re.finditer(r"\.\s+(?=[A-Z0-9\u00c0-\u017f])", text[:600]):
        if re.search(r"(?:^|\s)[A-Z\u00c0-\u00de]$", text[: period.start()]):
            continue  # the period after an initial ('Diederik P. Kingma')
        authors = _author_year_names(text[: period.start()])
        if authors is None:
            continue
        rest = text[period.end() : year.start()].strip()
        cut = re.search(r"[.?!]\s+(?=[A-Z0-9]|arXiv)", rest)
        if not cut:
            return None
        citation = Citation(title=rest[: cut.start() + (cut.group(0)[0] != ".")].strip(), authors=authors)
        citation.style, citation.year = "reference", int(year.group(1))
        citation.et_al = bool(re.search(r"et al\.?$", text[: period.start()]))
        tail = rest[cut.end() :].strip(" .,")
        journal = _ACL_JOURNAL.match(tail)
        if re.match(r"arXiv", tail):
            citation.container = "arXiv preprint"
        elif journal:
            citation.container, citation.volume = journal.group("container").strip(), journal.group("volume")
            citation.issue, citation.pages = journal.group("issue") or "", _pages(journal.group("pages"))
        elif tail.startswith("In ") and _acl_in(tail[3:], citation):
            pass
        elif tail.startswith("In "):
            citation.container = tail[3:].strip()
        else:
            return None
        return _finish(citation, text)
    return None


# --------------------------------------------------------------------------- Elsevier numbered and Science

_ELSEVIER_JOURNAL = re.compile(
    rf",\s*(?P<container>[^,]+?)\s+(?P<volume>\d{{1,5}})\s*(?:\((?P<issue>[^)]{{1,12}})\)\s*)?"
    rf"\((?P<year>(?:1[5-9]|20)\d\d)\)\s*(?P<pages>{_RANGE})\.?$"
)
_ELSEVIER_PROCEEDINGS = re.compile(
    rf",\s*in:\s*(?P<container>.+?),\s*(?:(?P<publisher>[^,\d]+),\s*(?:[^,\d]+,\s*)?)?(?P<year>(?:1[5-9]|20)\d\d)"
    rf"(?:,\s*pp?\.\s*(?P<pages>{_RANGE}))?\.?$"
)
_ELSEVIER_BOOK = re.compile(
    r",\s*(?P<publisher>[^,\d]{2,60}),\s*(?P<place>[^,\d]{2,40}),\s*(?P<year>(?:1[5-9]|20)\d\d)\.?$"
)


def parse_initials_first(text: str) -> Citation | None:
    """Elsevier numbered 'Y. LeCun, Y. Bengio, G. Hinton, Deep learning, Nature 521 (7553) (2015) 436–444.',
    '…, in: Proceedings of X, 2016, pp. 770–778.', '…, Title, Springer, New York, 2006.' and Science
    'G. E. Hinton, R. R. Salakhutdinov, Title. Science 313, 504–507 (2006).'"""
    pieces = text.split(", ")
    count = 0
    while count < len(pieces) - 1 and _ieee_authors(re.sub(r"^and\s+", "", pieces[count])):
        count += 1
    if not count or re.search(r"[“”\"]", text):
        return None
    authors = _ieee_authors(", ".join(pieces[:count]))
    rest = ", ".join(pieces[count:])
    if not authors:
        return None
    citation = Citation(title="", authors=authors, style="reference")
    for number, period in enumerate(re.finditer(r"[.?!]\s+", rest)):
        if number >= 12:
            break
        tail = _NATURE_TAIL.match(rest[period.end() :])
        if tail:  # Science: 'Title. Journal 313, 504–507 (2006).'
            citation.title = rest[: period.start() + (period.group(0)[0] != ".")].strip()
            citation.container, citation.volume = tail.group("container").strip(" ,"), tail.group("volume") or ""
            citation.pages, citation.year = _pages(tail.group("pages")), int(tail.group("year"))
            return _finish(citation, rest)
    for pattern in (_ELSEVIER_JOURNAL, _ELSEVIER_PROCEEDINGS, _ELSEVIER_BOOK):
        match = pattern.search(rest)
        if match and match.start() > 1:
            citation.title = rest[: match.start()].strip()
            found = match.groupdict()
            citation.container = (found.get("container") or "").strip()
            citation.volume, citation.issue = found.get("volume") or "", found.get("issue") or ""
            citation.pages = _pages(found["pages"]) if found.get("pages") else ""
            citation.publisher = (found.get("publisher") or "").strip()
            citation.place = (found.get("place") or "").strip()
            citation.year = int(found["year"])
            return _finish(citation, rest)
    return None


# --------------------------------------------------------------------------- ACS

_ACS = re.compile(
    r"^(?P<authors>(?:[A-Z\u00c0-\u00de][\w'’\-]+(?: [\w'’\-]+){0,2}, (?:[A-Z\u00c0-\u00de]\.\s?-?)+;\s*)*"
    r"[A-Z\u00c0-\u00de][\w'’\-]+(?: [\w'’\-]+){0,2}, (?:[A-Z\u00c0-\u00de]\.\s?-?)+(?:;\s*et al\.)?)\s+(?P<rest>.+)$"
)
_ACS_TAIL = re.compile(
    rf"^(?P<container>[^,]{{2,80}}?)\s+(?P<year>(?:1[5-9]|20)\d\d),\s*(?P<volume>\d{{1,5}})(?:\s*\((?P<issue>[^)]{{1,9}})\))?"
    rf",\s*(?P<pages>{_RANGE})\.?(?:\s|$)"
)


def parse_acs(text: str) -> Citation | None:
    """ACS: 'Jumper, J.; Evans, R.; et al. Title. Nature 2021, 596, 583–589.' (names split by semicolons)."""
    match = _ACS.match(text)
    if not match or ";" not in match.group("authors") and not re.search(r"\.\s+\S+\s+(?:19|20)\d\d,", text):
        return None
    authors = _LNCS_NAME.findall(match.group("authors"))
    rest = match.group("rest")
    for number, period in enumerate(re.finditer(r"[.?!]\s+", rest)):
        if number >= 12:
            break
        tail = _ACS_TAIL.match(rest[period.end() :])
        if tail:
            citation = Citation(title=rest[: period.start() + (period.group(0)[0] != ".")].strip(), style="reference")
            citation.authors = [(f, g.strip()) for f, g in authors]
            citation.et_al = "et al" in match.group("authors")
            citation.container, citation.year = tail.group("container").strip(), int(tail.group("year"))
            citation.volume, citation.issue = tail.group("volume"), tail.group("issue") or ""
            citation.pages = _pages(tail.group("pages"))
            return _finish(citation, rest[period.end() :])
    return None
