"""National reference standards besides GB/T 7714, whose punctuation makes the structure certain.

GOST 7.1 (Russian lists, also for English works): areas separated by '. — ', the statement of responsibility
after ' / ', the host after ' // ':
  'Колмогоров, А. Н. Основные понятия / А. Н. Колмогоров. — 2-е изд. — Москва : Наука, 1974. — 120 с.'
  'Иванов, А. В. Заглавие / А. В. Иванов, П. С. Петров // Вестник МГУ. — 2020. — Т. 5, № 3. — С. 45–58.'
IPSJ/SIST-like Japanese lists with full-width punctuation, the authors ended by '：':
  '鈴木健一，高橋誠：題名，自然言語処理，Vol.27，No.2，pp.301–325（2020）．'
"""

from __future__ import annotations

import re

from ..models import Citation
from .ids import find_ids, scholarly

_DASH = re.compile(r"\.?\s+[—–-]\s+")  # GOST's area separator '. — '
_GOST_HEADING = re.compile(
    r"^(?P<family>[A-ZА-ЯЁ][\w'’\-]+),?\s+(?P<given>(?:[A-ZА-ЯЁ][a-zа-яё]?\.\s?-?){1,3})\s*(?P<title>\S.*)$"
)
_GOST_NAME = re.compile(r"(?:(?:[A-ZА-ЯЁ][a-zа-яё]?\.\s?-?){1,3}\s*)?(?P<family>[A-ZА-ЯЁ][\w'’\-]+)")
_YEAR = re.compile(r"^(?:1[5-9]|20)\d\d$")
_IMPRINT = re.compile(r"^(?P<place>[^:]{1,40}?)\s*:\s*(?P<publisher>[^,:]{2,80}?)\s*,\s*(?P<year>(?:1[5-9]|20)\d\d)\b")


def parse_gost(text: str) -> Citation | None:
    """GOST 7.1-2003/R 7.0.100-2018: needs the '. — ' areas and a heading, a ' / ' or a ' // '."""
    text = text.strip()
    if not re.search(r"\.\s+[—–]\s+", text) or not (
        " / " in text or re.search(r"(?<![:/])//", text) or _GOST_HEADING.match(text)
    ):
        return None
    host = ""
    parts = re.split(r"(?<![:/])//(?!/)", text, maxsplit=1)  # not the '//' of a URL
    if len(parts) == 2:
        text, host = parts[0].strip(), parts[1].strip()
    areas = [a.strip() for a in _DASH.split(text) if a.strip()]
    if not areas:
        return None
    head, responsibility = (areas[0].split(" / ", 1) + [""])[:2]
    heading = _GOST_HEADING.match(head)
    if heading:
        title = heading.group("title")
        authors = [(heading.group("family"), heading.group("given").strip())]
    else:
        title, authors = head, []
    if responsibility:
        names = [_GOST_NAME.fullmatch(n.strip()) for n in re.split(r"\s*[,;]\s*", responsibility.strip(" ."))]
        listed = [(m.group("family"), "") for m in names if m]
        if not authors and listed:
            authors = listed
        elif authors:
            authors += [name for name in listed[1:] if name[0] != authors[0][0]]
    title = re.sub(r"\s+:\s+", ": ", title.strip().rstrip("."))  # GOST's ' : ' before other title information
    if len(title) < 3:
        return None
    citation = Citation(title=title, authors=authors, style="reference")
    citation.arxiv, citation.doi, citation.url = find_ids(host or text)
    if host:
        _gost_host(host, citation)
    else:
        for area in areas[1:]:
            imprint = _IMPRINT.match(area)
            if imprint:
                citation.place, citation.publisher = imprint.group("place"), imprint.group("publisher")
                citation.year = int(imprint.group("year"))
    if not citation.year:
        return None
    citation.scholarly = scholarly(citation)
    return citation


def _gost_host(host: str, citation: Citation) -> None:
    """'Вестник МГУ. — 2020. — Т. 5, № 3. — С. 45–58.' / 'Science. — 2006. — Vol. 313, № 5786. — P. 504–507.'"""
    areas = [a.strip(" .") for a in _DASH.split(host) if a.strip(" .")]
    citation.container = areas[0] if areas else ""
    for area in areas[1:]:
        year = re.match(r"^((?:1[5-9]|20)\d\d)\b", area)
        if year and not citation.year:
            citation.year = int(year.group(1))
        volume = re.search(r"(?:\bТ|\bVol|\bBd)\.\s*(\d{1,5})", area)
        issue = re.search(r"(?:№|\bNo\.|\bВып\.)\s*(\d{1,5})", area)
        pages = re.match(r"^(?:С|P|S|pp?)\.\s*(\d+(?:\s*[-–]\s*\d+)?)$", area)
        if volume:
            citation.volume = volume.group(1)
        if issue:
            citation.issue = issue.group(1)
        if pages:
            citation.pages = re.sub(r"\s*[-–]\s*", "-", pages.group(1))


_IPSJ = re.compile(
    r"^(?P<authors>[^：:，,]{2,20}(?:[，,][^：:，,]{2,20}){0,20})[：:]\s*(?P<title>[^，,]{2,200})[，,]\s*"
    r"(?P<container>[^，,]{2,80})[，,]\s*(?P<tail>.*?)[（(](?P<year>(?:1[5-9]|20)\d\d)[）)][.．。]?$"
)


def parse_ipsj(text: str) -> Citation | None:
    """Japanese society style: '鈴木健一，高橋誠：題名，雑誌名，Vol.27，No.2，pp.301–325（2020）．' — authors in
    CJK script only, so an English 'Lin, T.: Title' (Springer) never comes here."""
    match = _IPSJ.match(text.strip())
    if not match or not re.fullmatch(r"[\u3040-\u30ff\u3400-\u9fff·・，, ]+", match.group("authors")):
        return None
    authors = [(name.strip(), "") for name in re.split(r"[，,]", match.group("authors")) if name.strip()]
    citation = Citation(title=match.group("title").strip(), authors=authors, style="reference")
    citation.container, citation.year = match.group("container").strip(), int(match.group("year"))
    tail = match.group("tail")
    volume = re.search(r"Vol\.\s*(\d+)", tail, re.IGNORECASE)
    issue = re.search(r"No\.\s*(\d+)", tail, re.IGNORECASE)
    pages = re.search(r"pp?\.\s*(\d+(?:\s*[-–]\s*\d+)?)", tail)
    citation.volume = volume.group(1) if volume else ""
    citation.issue = issue.group(1) if issue else ""
    citation.pages = re.sub(r"\s*[-–]\s*", "-", pages.group(1)) if pages else ""
    citation.arxiv, citation.doi, citation.url = find_ids(text)
    citation.scholarly = scholarly(citation)
    return citation
