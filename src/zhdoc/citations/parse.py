"""A reference string into fields.

Order: GB/T 7714 by its type code (gbt.py); the two forms whose structure hand rules read exactly
(MLA/Google Scholar with a quoted title, APA with `(Year).`); otherwise the CRF sequence labeller
(model.py), whose labelled spans are cleaned into fields here. Identifiers come from ids.py always.
"""

from __future__ import annotations

import re

from ..models import Citation
from . import model
from .elsevier import parse_elsevier_harvard
from .gbt import TYPE_MARKER, parse_gbt, parse_gbt_untyped, pick_year
from .ids import ARXIV_VENUE, CJK, URL, find_ids, scholarly, year_from_arxiv
from .national import parse_gost, parse_ipsj
from .notes import parse_note_book
from .physics import parse_iop, parse_physics
from .styles import (
    parse_acs,
    parse_author_year,
    parse_harvard,
    parse_ieee,
    parse_initials_first,
    parse_lncs,
    parse_natbib,
    parse_nature,
    parse_vancouver,
)

FOOTNOTE_BACKLINK = re.compile(r"\s*(?:↩︎?|↩)(?:\s*(?:↩︎?|↩))*\s*$")
_TRUNCATION = re.compile(r"[,，]?\s*(?:et al\.?|等人?|他|외|и др\.?)\s*$", re.IGNORECASE)


def parse_mla_authors(text: str) -> tuple[list[tuple[str, str]], bool]:
    """'Bengio, Yoshua, et al' -> [(Bengio, Yoshua)], truncated; 'Wei, Jason, and Denny Zhou' -> two."""
    text = text.strip().rstrip(".")
    truncated = _TRUNCATION.search(text)
    if truncated:
        text = text[: truncated.start()]
    match = re.match(r"^([^,]+),\s*([^,]+?)(?:,?\s+and\s+(.+))?$", text)
    if not match:
        names, _ = split_names(text)  # 'Rumelhart, David E., Geoffrey E. Hinton, and Ronald J. Williams'
        return names, bool(truncated)
    authors = [(match.group(1).strip(), match.group(2).strip())]
    if match.group(3):
        names = match.group(3).strip().split()
        authors.append((names[-1], " ".join(names[:-1])))
    return authors, bool(truncated)


NOISE = re.compile(
    r"\b(?:Online verfügbar unter|zuletzt aktualisiert am|Available (?:online|at)|Accessed|Retrieved)\b.*$"
)
_EDITION = re.compile(r"(?:第\s*)?\d+\s*版|\d+(?:st|nd|rd|th)\s+ed(?:ition|n)?\.?", re.IGNORECASE)


def container_fields(rest: str, citation: Citation) -> None:
    """'arXiv preprint arXiv:2108.07258, 2021.' or 'Advances in ..., 2022, 35: 27730-27744.'"""
    bracketed = re.search(r"\(((?:19|20)\d\d)(?:-\d\d){0,2}\)", rest)
    if not citation.year:
        citation.year = int(bracketed.group(1)) if bracketed else pick_year(rest)
    rest = NOISE.sub("", rest)
    rest = re.sub(r"(?i)\bdoi:\s*\S+|https?://\S+", " ", rest).strip(" .,")
    rest = re.sub(r"^//\s*", "", rest)
    if re.match(r"arXiv preprint", rest, re.IGNORECASE) or (citation.arxiv and rest.lower().startswith("arxiv")):
        citation.container = "arXiv preprint"
        return
    edited = re.match(
        r"^In\s+(?P<container>[^,]+),\s*edited by [^0-9]+?,\s*(?P<pages>\d+\s*[-–]\s*\d+)\.\s*(?P<imprint>.*)$", rest
    )
    if edited:
        citation.container, citation.pages = (
            edited.group("container"),
            re.sub(r"\s*[-–]\s*", "-", edited.group("pages")),
        )
        imprint = re.match(r"^[^:]{2,40}:\s*([^,.]+)", edited.group("imprint"))
        citation.publisher = imprint.group(1).strip() if imprint else ""
        return
    rest = re.sub(r"^In\s+(?=[A-Z])", "", rest)
    rest = re.sub(r",\s*edited by [^,]+?(?:,?\s*et al\.)?(?=,\s*vol\.)", "", rest)  # MLA 9
    if _cued_fields(rest, citation):
        return
    pages = re.search(r":\s*([A-Za-z]?\d+(?:\s*[-–]\s*\d+)?)\s*\.?$", rest)
    head = rest
    cut = re.search(r"(?:,|\.)?\s*(?:\(\s*)?(?:19|20)\d\d", rest)
    if cut:
        head = rest[: cut.start()]
    head = re.sub(r"\s+\d+\s*$", "", head).strip(" .,")
    pieces = [p.strip() for p in re.split(r"\.\s+", head) if p.strip()]
    pieces = [p for p in pieces if not _EDITION.fullmatch(p)]
    citation.container = pieces[0] if pieces else ""
    if pages:
        citation.pages = pages.group(1).replace(" ", "")
    tail = rest[cut.end() :] if cut else ""
    vol = re.match(r"\)?\s*,\s*(\d{1,4})(?![\d\-–])\s*(?:\((\d{1,4})\))?", tail)
    if vol and not (pages and vol.group(1) == citation.pages):
        citation.volume = vol.group(1)
        citation.issue = vol.group(2) or ""
    if not citation.volume:
        inner = re.search(r"\s(\d{1,4})\s*\((?:19|20)\d\d\)", rest)
        if inner:
            citation.volume = inner.group(1)


_CUED = re.compile(
    r"^(?P<container>[^,]+?)(?:,\s*|\s+)(?:vol\.\s*(?P<volume>\d+)|(?P<volume2>\d{1,4})(?=\s*[,(:]|\s+no\.))"
    r"(?:,?\s*no\.\s*(?P<issue>\d+))?(?:\s*\((?!(?:1[5-9]|20)\d\d\))(?P<issue2>\d+)\))?"
)


def _cued_fields(rest: str, citation: Citation) -> bool:
    """MLA 'Mind, vol. 59, no. 236, 1950, pp. 433–460' and Chicago 'Nature 323, no. 6088 (1986): 533–36' /
    'Machine Learning 45 (1): 5–32'."""
    match = _CUED.match(rest.strip())
    if not match:
        return False
    citation.container = match.group("container").strip(" .,")
    citation.volume = match.group("volume") or match.group("volume2") or ""
    citation.issue = match.group("issue") or match.group("issue2") or ""
    pages = re.search(r"(?:pp?\.\s*|\):\s*|:\s*)(\d+\s*[-–]\s*\d+|\d+)", rest[match.end() :])
    if pages:
        citation.pages = re.sub(r"\s*[-–]\s*", "-", pages.group(1))
    after = [p.strip(" .") for p in rest[match.end() :].split(",")]
    named = [p for p in after if p and not re.search(r"\d", p) and not re.match(r"(?:pp?|no|vol)\b", p)]
    if match.group("volume") and named:
        citation.publisher = named[0]  # MLA: 'Systems, vol. 30, Curran Associates, 2017, pp. …'
    return True


_PUBLISHER_LIKE = re.compile(
    r"\b(?:press|publish\w*|publications|verlag|springer|wiley|elsevier|pearson|mcgraw|addison|prentice|o'reilly|"
    r"routledge|sage|macmillan|norton|penguin|books)\b|出版社|书局|印书馆",
    re.IGNORECASE,
)


def _drop_notes(text: str) -> str:
    """Reader's notes after a reference, "(仅第 3-6 页...)" "(12分钟)", are not part of it."""
    return re.sub(rf"[(（][^()（）]*[{CJK}][^()（）]*[)）]", " ", text).split("，")[0].strip()


_MLA = re.compile(r"(?P<authors>[A-Z][^\"“”]{1,120}?)\.\s*[\"“](?P<title>[^\"“”]{5,300}?)[.?!]?[\"”]\s*(?P<rest>.*)$")


def parse_mla(text: str) -> Citation | None:
    """MLA / Google Scholar: 'Bengio, Yoshua, et al. "Managing ai risks in an era of rapid progress."
    arXiv preprint arXiv:2310.17688 (2023).'"""
    match = _MLA.search(text)
    if not match or "," not in match.group("authors"):
        return None
    authors, truncated = parse_mla_authors(re.sub(r"\.\s*(?:19|20)\d\d[a-z]?\s*$", "", match.group("authors")))
    if not authors or not re.match(r"^[A-Z][\w'’\- ]+$", authors[0][0]):
        return None
    citation = Citation(title=match.group("title").strip(), authors=authors, style="mla", et_al=truncated)
    year_first = re.search(r"\.\s*((?:19|20)\d\d)[a-z]?\s*$", match.group("authors"))
    if year_first:  # Chicago author-date: 'Breiman, Leo. 2001. “Random Forests.”'
        citation.year = int(year_first.group(1))
    rest = match.group("rest")
    citation.arxiv, citation.doi, citation.url = find_ids(rest)
    container_fields(_drop_notes(rest), citation)
    citation.scholarly = scholarly(citation)
    return citation


_APA = re.compile(
    r"^(?P<authors>[A-Z\u00c0-\u024f][^()]{1,400}?|[^()]{1,40}?)\s*\((?P<year>(?:19|20)\d\d)[a-z]?"
    r"(?:,\s*[A-Z][a-z]+(?:\s+\d{1,2})?)?\)\.\s*(?P<title>[^.?!]{3,300}?[.?!])\s*(?P<rest>.*)$"
)
_APA_AUTHOR = re.compile(r"([A-Z\u00c0-\u00de][\w'’\-]+(?: [A-Z][\w'’\-]+)*), ((?:[A-Z]\.(?:\s?-?[A-Z]\.)*\s?)+)")


_APA_EDITED = re.compile(
    r"^.+?\((?:Eds?|Hrsg)\.\),\s*(?P<container>[^()]+?)\s*\((?P<inner>[^)]*\d[^)]*)\)\.?\s*"
    r"(?P<publisher>[^.]+(?:\.,? Inc\.?|,? Inc\.)?)?"
)


def parse_apa(text: str) -> Citation | None:
    """APA: 'Brown, T., Mann, B., & Ryder, N. (2020). Language models are few-shot learners.
    Advances in Neural Information Processing Systems, 33, 1877–1901.' A group author
    ('OpenCompass 团队. (2023).') is one literal author."""
    match = _APA.match(text)
    if not match:
        return None
    author_text = match.group("authors").strip().rstrip(".")
    authors = [(family, given.strip()) for family, given in _APA_AUTHOR.findall(author_text + ".")]
    truncated = bool(re.search(r"et al\.?|\.\.\.|…", author_text))
    if not authors:
        if not author_text or len(author_text) > 60 or "," in author_text:
            return None
        authors = [(author_text, "")]  # a group author
    title = match.group("title").rstrip(".").strip()
    rest = match.group("rest")
    edition = re.match(r"^(.*?)\s*\((\d+(?:st|nd|rd|th)\s+ed)$", title)
    if edition:  # 'Reinforcement learning: An introduction (2nd ed.). MIT Press.'
        title = edition.group(1)
        rest = re.sub(r"^\)\.?\s*", "", rest)
    citation = Citation(title=title, authors=authors, year=int(match.group("year")), style="apa", et_al=truncated)
    citation.arxiv, citation.doi, citation.url = find_ids(rest)
    rest = re.sub(r"(?i)\bdoi:\s*\S+|https?://\S+", " ", _drop_notes(rest)).strip(" .")
    rest = re.sub(r"^In\s+", "", rest)
    edited = _APA_EDITED.match(rest)
    if edited:  # 'In I. Guyon, … (Eds.), Book (Vol. 30, pp. 5998–6008). Publisher.'
        citation.container, citation.publisher = edited.group("container"), (edited.group("publisher") or "").strip()
        volume = re.search(r"Vol\.\s*(\d+)", edited.group("inner"))
        pages = re.search(r"pp?\.\s*(\d+\s*[-–]\s*\d+|\d+)", edited.group("inner"))
        citation.volume = volume.group(1) if volume else ""
        citation.pages = re.sub(r"\s*[-–]\s*", "-", pages.group(1)) if pages else ""
        citation.scholarly = scholarly(citation)
        return citation
    if rest and not re.search(r"\d", rest) and match.group("rest").strip()[:3] != "In ":
        citation.publisher = rest.strip(" .")  # a book: 'American Psychological Association.'
        citation.scholarly = scholarly(citation)
        return citation
    parts = [p.strip() for p in rest.split(",")]
    if parts and parts[0]:
        container = re.sub(r"\s*\(pp?\.[^)]*\)\s*$", "", parts[0])
        citation.container = "arXiv preprint" if citation.arxiv and ARXIV_VENUE.match(container) else container
    if len(parts) == 1 and _PUBLISHER_LIKE.search(citation.container):
        citation.publisher, citation.container = citation.container, ""  # a book: 'Deep learning. MIT Press.'
    volume = re.match(r"^(\d{1,4})(?:\((\d{1,4})\))?$", parts[1]) if len(parts) > 1 else None
    if volume:
        citation.volume, citation.issue = volume.group(1), volume.group(2) or ""
    inline = re.match(r"^(.+?)\s+(\d{1,5})$", citation.container) if len(parts) == 2 and not volume else None
    if inline and re.fullmatch(r"[A-Za-z]?\d+\s*[-–]\s*[A-Za-z]?\d+(?:\.e\d+)?|[A-Za-z]?\d+", parts[1]):
        citation.container, citation.volume = inline.group(1), inline.group(2)  # Cell: 'Nature 542, 115–118.'
        citation.pages = re.sub(r"\s*[-–]\s*", "-", parts[1])
        citation.scholarly = scholarly(citation)
        return citation
    pages = (
        re.search(r"(?:pp?\.\s*)?(\d+\s*[-–]\s*\d+|\be?\d{3,})\s*\)?\s*$", rest)
        if len(parts) > 1 or "pp" in rest
        else None
    )
    if pages:
        citation.pages = re.sub(r"\s*[-–]\s*", "-", pages.group(1))
    citation.scholarly = scholarly(citation)
    return citation


def parse_footnote(text: str) -> Citation | None:
    """'Predictability and Surprise in Large Generative Models, https://arxiv.org/abs/2202.07785 ↩︎'
    and bare URLs; 'Title, Author, URL' gives the author too."""
    text = FOOTNOTE_BACKLINK.sub("", text).strip()
    url = URL.search(text)
    if not url:
        return None
    before = text[: url.start()].strip().rstrip(",，:：").strip()
    arxiv, doi, _ = find_ids(text)
    citation = Citation(title="", url=url.group(0), arxiv=arxiv, doi=doi, style="footnote" if before else "url")
    label_only = re.fullmatch(r"[\u4e00-\u9fff\w ]{1,8}[:：]?", before)
    if label_only and (re.search(r"[\u4e00-\u9fff]", before) or len(before) < 6):
        before = ""  # a label such as '链接：' or 'PDF:' is not a title
        citation.style = "url"
    if before:
        parts = [p.strip() for p in before.split(", ")]
        title = before
        if len(parts) >= 2 and len(parts[-1].split()) <= 3 and not re.search(r"\d{4}", parts[-1]):
            title = ", ".join(parts[:-1])
            citation.authors = [person_or_group(parts[-1])]
        dash = re.match(r"^([A-Z][a-z]+ [A-Z][a-z]+) [-–] (.+)$", title)
        if dash:
            citation.authors = [person_or_group(dash.group(1))]
            title = dash.group(2)
        citation.title = title.strip()
    from .ids import YEAR

    years = YEAR.findall(citation.title)
    if not years:
        years = re.findall(r"/((?:19|20)\d\d)(?:/|-[01]\d-)", citation.url)
    if years:
        citation.year = int(years[0])
    citation.scholarly = scholarly(citation)
    if citation.arxiv:
        citation.container = "arXiv preprint"
    if not citation.year:
        citation.year = year_from_arxiv(citation.arxiv)
    return citation


_ORG_NAMES = frozenset(
    ["nations", "united", "institute", "university", "lab", "labs", "foundation", "council", "agency", "group"]
)


def person_or_group(text: str) -> tuple[str, str]:
    """'Lilian Weng' -> (Weng, Lilian); 'Anthropic', 'United Nations' stay one literal name."""
    words = text.split()
    if (
        len(words) == 2
        and all(w[:1].isupper() and w[1:].islower() for w in words)
        and not ({w.lower() for w in words} & _ORG_NAMES)
    ):
        return words[1], words[0]
    return text, ""


# --------------------------------------------------------------------------- CRF output to fields

_INITIALS = re.compile(r"^(?:[A-Z\u0410-\u042f]\.?\s*-?\s*){1,4}$")


def split_names(text: str) -> tuple[list[tuple[str, str]], bool]:
    """An author list in any common style into (family, given) pairs.

    'Smith, J. A., & Doe, J.' / 'J. A. Smith and J. Doe' / 'SMITH J A, DOE J' / 'Smith JA, Doe J' /
    'Diestel, Reinhard' / 'Pearson, D.' (one author) / '王小明, 李华' / 'OpenCompass 团队'.
    """
    text = re.sub(r"\s+", " ", text.strip().strip(",.;:，。 "))
    truncated = bool(re.search(r"et al|\bet\.? al|等|他$|외$|и др|\.\.\.|…", text))
    text = re.sub(r",?\s*(?:et\.? al\.?|等人?|他|외|и др\.?|\.\.\.|…)\s*", " ", text).strip(" ,.")
    text = re.sub(r"\s*\((?:eds?|Hrsg|编|主编)\.?\)\s*$", "", text, flags=re.I)
    if not text:
        return [], truncated
    if re.fullmatch(rf"[{CJK}·\s,，、;；]+", text):
        return [(p, "") for p in re.split(r"\s*[,，、;；]\s*|\s+", text) if p], truncated
    parts = [p.strip() for p in re.split(r"\s*(?:;|，|、|,?\s+(?:and|und|et|&)\s+|\s*&\s*)\s*", text) if p.strip()]
    authors: list[tuple[str, str]] = []
    for part in parts:
        pieces = [p.strip() for p in part.split(",") if p.strip()]
        i = 0
        while i < len(pieces):
            piece = pieces[i]
            nxt = pieces[i + 1] if i + 1 < len(pieces) else None
            if nxt is not None and " " not in piece and _given_like(nxt):
                authors.append((piece, nxt))  # Family, Given
                i += 2
                continue
            authors.append(_one_name(piece))
            i += 1
    return [a for a in authors if a[0]], truncated


def _given_like(text: str) -> bool:
    """'J. A.', 'Reinhard', 'D.' after a family name: a given name, not the next author."""
    if _INITIALS.fullmatch(text):
        return True
    words = text.split()
    return 1 <= len(words) <= 2 and all(w[:1].isupper() and (w[1:].islower() or w.endswith(".")) for w in words)


def _one_name(text: str) -> tuple[str, str]:
    words = text.split()
    if re.search(rf"[{CJK}]", text) or len(words) > 4:
        return text, ""  # a group author: 'OpenCompass 团队', 'World Health Organization'
    if len(words) == 1:
        return text, ""
    if _INITIALS.fullmatch(" ".join(words[1:])):
        family = words[0]  # Smith JA, SMITH J A
        return (family.title() if family.isupper() and len(family) > 2 else family), " ".join(words[1:])
    if _INITIALS.fullmatch(" ".join(words[:-1])) or all(w[:1].isupper() for w in words[:-1]) and len(words) <= 4:
        return words[-1], " ".join(words[:-1])  # J. A. Smith, John Smith
    return text, ""


def _clean(value: str) -> str:
    value = re.sub(r"\s+", " ", value).strip()
    value = value.strip(" ,.;:，。；：/")
    value = re.sub(r"^[\"“'‘«「『(（\[]+|[\"”'’»」』)）\]]+$", "", value).strip(" ,.;:")
    return value


# Book and index numbers that are not the work's volume or pages: 'ISBN 978-0-226-45808-3', 'PMID: 27682033'.
_CATALOGUE_NUMBERS = re.compile(
    r"[.;,]?\s*\b(?:ISBN|ISSN|PMCID|PMID|pmid)(?:-1[03])?\s*:?\s*(?:PMC)?[\dXx][\dXx\- ]{4,20}\b"
)
# Volume and issue named by a word the way many languages print them: 'vol. 313, no. 5786' (SIST 02, ISO 690),
# 'Bd. 5, Nr. 3' (DIN), 'Т. 5, № 3' (GOST), '제45권, 제2호' (KCI), '第5卷第3期'.
_VOLUME_CUES = (
    re.compile(r"\b(?:[Vv]ol|VOL|Bd|Jg)\.\s*(\d{1,5})\b|\bVolume\s+(\d{1,5})\b|(?<!\w)Т\.\s*(\d{1,5})\b"),
    re.compile(r"제\s*(\d{1,5})\s*권|第\s*(\d{1,5})\s*卷"),
)
_ISSUE_CUES = (
    re.compile(r"\b(?:[Nn]o|NO|Nr|[Ii]ssue)\.?\s*(\d{1,5})\b|№\s*(\d{1,5})\b"),
    re.compile(r"제\s*(\d{1,5})\s*호|第\s*(\d{1,5})\s*期"),
)


def _cued(patterns: tuple[re.Pattern[str], ...], text: str) -> str:
    for pattern in patterns:
        match = pattern.search(text)
        if match:
            return next(g for g in match.groups() if g)
    return ""


def _cued_numbers(text: str, citation: Citation) -> None:
    """A volume or issue the string names with a cue word wins over the CRF's guess; a catalogue 'number'
    made of such cues ('제45권, 제2호') is not a report number."""
    pages = re.search(r"\b(?:pp\.|pages)\s*(\d+\s*[-–]\s*\d+)", text)
    if pages:  # 'Las Vegas, NV, USA, 27–30 June 2016; pp. 770–778': the cue names the pages, not the dates
        citation.pages = re.sub(r"\s*[-–]\s*", "-", pages.group(1))
    volume, issue = _cued(_VOLUME_CUES, text), _cued(_ISSUE_CUES, text)
    if volume and issue and volume == issue == citation.pages:
        return
    if volume:
        citation.volume = volume
    if issue and (volume or citation.volume) and not re.search(r"(?i)\b(?:Rep|Report|Tech)\.?\s+No", text):
        citation.issue = issue
    if citation.number and re.fullmatch(r"[\s,，]*(?:(?:제|第)\s*\d+\s*[권호卷期][\s,，]*)+", citation.number):
        citation.number = ""


def _title_head(text: str, title: str) -> str:
    """The CRF tends to leave a short head before a colon out of the title ('… Sun, J. Faster R-CNN: towards …',
    '… et al. OPT: Open …'): the words between the sentence end after the authors and the colon belong to it."""
    start = text.find(title)
    if start <= 0:
        return title
    head = re.search(r"[.;]\s+([A-Z0-9][^.;:,]{0,40}?:)\s*$", text[:start])
    return f"{head.group(1)} {title}" if head else title


def parse_with_model(text: str) -> Citation | None:
    """Fields from the CRF's labelled spans; None when the model is missing or finds no title."""
    text = _CATALOGUE_NUMBERS.sub("", text).strip()
    labelled = model.label(text)
    if not labelled:
        return None
    spans = model.spans(labelled, text)
    title = _clean(max(spans.get("title", [""]), key=len))
    if not title:
        return None
    for quoted in re.finditer(r"[“\"]([^”\"]{4,400})[”\"]", text):
        inner = _clean(quoted.group(1))
        if title in inner and len(inner) > len(title):
            title = inner  # the quotes delimit the title exactly: 'BERT: Pre-training…'
            break
    title = _title_head(text, title)
    citation = Citation(title=title, style="reference")
    if spans.get("author"):
        citation.authors, citation.et_al = split_names(spans["author"][0])
    container = spans.get("container")
    if container:
        citation.container = _clean(container[0])
    for name in ("volume", "issue", "pages", "publisher", "place", "number"):
        if spans.get(name):
            value = _clean(spans[name][0])
            if name == "pages":
                value = re.sub(r"^(?:pp?\.?\s*)", "", value).replace("–", "-").replace("—", "-").replace(" ", "")
            if name in ("volume", "issue"):
                value = re.sub(r"^(?:vol|no|issue|volume)\.?\s*", "", value, flags=re.I)
            if name == "volume" and not re.search(r"\d|^[IVXLC]+$", value):
                value = ""  # a place the CRF took for a volume: 'Montreal, QC, Canada'

            setattr(citation, name, value)
    years = [int(m) for y in spans.get("year", []) for m in re.findall(r"(?:1[5-9]|20)\d\d", y)]
    citation.year = years[0] if years else None
    code = TYPE_MARKER.search(text)
    if code:
        citation.type_marker = code.group(1)
    citation.arxiv, citation.doi, citation.url = find_ids(text)
    _cued_numbers(text, citation)
    if not citation.year:
        citation.year = year_from_arxiv(citation.arxiv)
    if citation.arxiv and (not citation.container or ARXIV_VENUE.match(citation.container)):
        citation.container = "arXiv preprint"
    citation.scholarly = scholarly(citation)
    return citation


def parse_reference(text: str) -> Citation | None:
    """One reference string (number, backlinks and Markdown escapes already removed) into a record."""
    text = FOOTNOTE_BACKLINK.sub("", text).strip().translate(_WIDTH)
    text = _MD_LINK.sub(lambda m: m.group(2) if m.group(1) in (m.group(2), "") else f"{m.group(1)} {m.group(2)}", text)
    if not text:
        return None
    return _without_id_digits(
        parse_gbt(text)
        or parse_gost(text)
        or parse_ipsj(text)
        or parse_physics(text)
        or parse_iop(text)
        or parse_elsevier_harvard(text)
        or parse_note_book(text)
        or parse_vancouver(text)
        or parse_gbt_untyped(text)
        or parse_ieee(text)
        or parse_lncs(text)
        or parse_harvard(text)
        or (parse_mla(text) if _QUOTE.search(text) else None)
        or (parse_apa(text) if _MAYBE_APA.search(text) else None)
        or parse_nature(text)
        or parse_author_year(text)
        or parse_natbib(text)
        or parse_initials_first(text)
        or parse_acs(text)
        or parse_with_model(text)
    )


def _without_id_digits(citation: Citation | None) -> Citation | None:
    """Digits of an arXiv id are not a volume or pages: 'ArXiv, abs/2206.07682' has neither."""
    if citation is not None and citation.arxiv:
        for name in ("volume", "issue", "pages"):
            value = getattr(citation, name)
            if value and re.sub(r"\D", "", value) in citation.arxiv.replace(".", ""):
                setattr(citation, name, "")
    return citation


def parse_listed(text: str) -> Citation | None:
    """A numbered or bulleted line outside a reference section: only the readers whose name shape and
    punctuation make a reference certain (no CRF, which would label any sentence)."""
    text = text.translate(_WIDTH)
    return (
        parse_gost(text)
        or parse_ipsj(text)
        or parse_physics(text)
        or parse_elsevier_harvard(text)
        or parse_note_book(text)
        or parse_vancouver(text)
        or parse_gbt_untyped(text)
        or parse_ieee(text)
        or parse_lncs(text)
        or parse_harvard(text)
        or parse_nature(text)
        or parse_author_year(text)
        or parse_natbib(text)
        or parse_initials_first(text)
        or parse_acs(text)
    )


_QUOTE = re.compile('["“]')
_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {
    0x3000: 0x20,
    0x2212: 0x2D,
}  # full-width ASCII, minus
_MD_LINK = re.compile(r"\[([^\[\]]*)\]\((https?://[^)\s]+)\)")
_MAYBE_APA = re.compile(r"\((?:19|20)\d\d[a-z]?(?:,\s*[A-Z][a-z]+(?:\s+\d{1,2})?)?\)\.")
