"""Find the works an article cites and parse them into structured records.

Styles, each a small parser whose docstring shows an input:
- GB/T 7714 (English and Chinese), recognised by its type marker [J] [C] [M] [EB/OL] ...
- MLA / Google Scholar: Family, Given, et al. "Title." Container (year).
- footnotes: Title, Author, https://... ↩︎ and bare URLs;
- inline author-year (Saunders et al., 2022) and titles in running text, glued footnote
  markers removed (…Aligned Language Models53 -> marker 53).
`CitationIndex` deduplicates across the corpus: arXiv id, then DOI, then normalized title.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .models import Citation, NormalizedDocument, Occurrence, shared

CJK = "\u3400-\u4dbf\u4e00-\u9fff"
_CJK = re.compile(f"[{CJK}]")
TYPE_MARKER = re.compile(r"\[(EB/OL|J/OL|C/OL|M/OL|DB/OL|CP/OL|J|C|M|D|R|N|P|S|Z|A|G|DB|CP)\]")
ARXIV_NEW = re.compile(r"(?:arXiv:\s*|arxiv\.org/(?:abs|pdf)/)(\d{4}\.\d{4,5})(?:v\d+)?", re.IGNORECASE)
ARXIV_OLD = re.compile(r"(?:arXiv:\s*|arxiv\.org/(?:abs|pdf)/)([a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?", re.IGNORECASE)
DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>，。；、]+[^\s\"<>，。；、.,;)])")
URL = re.compile(r"https?://[^\s<>\"，。；、）)]+[^\s<>\"，。；、）).,;]")
YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20[0-4]\d)(?!\d)")
FOOTNOTE_BACKLINK = re.compile(r"\s*(?:↩︎?|↩)(?:\s*(?:↩︎?|↩))*\s*$")
SCHOLARLY_HOSTS = (
    "arxiv.org",
    "doi.org",
    "springer",
    "tandfonline",
    "acm.org",
    "ieee",
    "openreview",
    "aclanthology",
    "nature.com",
    "science.org",
    "sciencedirect",
    "wiley",
    "neurips",
    "mlr.press",
    "jmlr",
    "pnas.org",
    "biorxiv",
    "ssrn",
    "semanticscholar",
    "researchgate",
    "digitalcommons",
    "cdn.openai.com",
)
SCHOLARLY_CONTAINERS = re.compile(
    r"journal|proceedings|conference|transactions|advances in|preprint|symposium|workshop|review|学报|"
    r"letters|annals|academy of sciences|neurips|icml|iclr|acl|emnlp|cvpr|pmlr",
    re.IGNORECASE,
)
NOISE = re.compile(
    r"\b(?:Online verfügbar unter|zuletzt aktualisiert am|Available (?:online|at)|Accessed|Retrieved)\b.*$"
)


@dataclass
class CitationIndex:
    """Cited works of a corpus, deduplicated: arXiv id, DOI, then normalized title."""

    records: list[Citation] = field(default_factory=list)
    _by_key: dict[str, int] = field(default_factory=dict)
    _weak: list[Citation] = field(default_factory=list)

    def add_all(self, citations: Iterable[Citation]) -> None:
        for citation in citations:
            self.add(citation)

    def add(self, citation: Citation) -> None:
        if citation.style == "mention":
            index = self._find(citation)
            if index is not None:
                _absorb(self.records[index], citation)
            else:
                self._weak.append(citation)
            return
        index = self._find(citation)
        if index is None:
            self.records.append(citation)
            index = len(self.records) - 1
        else:
            _absorb(self.records[index], citation)
        for key in keys_of(self.records[index], register=True):
            self._by_key.setdefault(key, index)
        still_weak = []
        for mention in self._weak:
            if set(keys_of(mention)) & set(keys_of(self.records[index], register=True)):
                _absorb(self.records[index], mention)
            else:
                still_weak.append(mention)
        self._weak = still_weak

    def _find(self, citation: Citation) -> int | None:
        for key in keys_of(citation):
            if key in self._by_key:
                return self._by_key[key]
        return None

    def works(self) -> list[Citation]:
        return sorted(
            self.records, key=lambda c: (c.occurrences[0].doc, c.occurrences[0].line) if c.occurrences else ("", 0)
        )


def keys_of(citation: Citation, register: bool = False) -> list[str]:
    """Identity keys in order of trust; `register` adds the weak ones a record answers to."""
    keys = []
    if citation.arxiv:
        keys.append("arxiv:" + citation.arxiv.lower())
    if citation.doi:
        keys.append("doi:" + citation.doi.lower())
    title = normalize_title(citation.title)
    if len(title) >= 12:
        keys.append("title:" + title)
    if citation.authors and citation.year and (register or not citation.title):
        keys.append(f"author-year:{citation.authors[0][0].lower()}:{citation.year}")
    if citation.url:
        keys.append("url:" + citation.url.rstrip("/").lower())
        slug = re.sub(r"\.(?:pdf|html?)$", "", citation.url.rstrip("/").rsplit("/", 1)[-1].split("?")[0])
        if len(re.findall(r"[A-Za-z]+", slug)) >= 3 and (register or not citation.title):
            keys.append("title:" + normalize_title(slug))  # …/Lets_Verify_Step_by_Step.pdf
    return keys


def normalize_title(title: str) -> str:
    """Case and punctuation differ between articles; the words do not."""
    return re.sub(r"[^0-9a-z\u4e00-\u9fff]+", "", title.lower())


def _absorb(target: Citation, other: Citation) -> None:
    """Merge a duplicate into the record: union of occurrences, richest fields kept."""
    for name in ("title", "container", "volume", "issue", "pages", "arxiv", "doi", "url", "type_marker"):
        if not getattr(target, name) and getattr(other, name):
            setattr(target, name, getattr(other, name))
    if not target.year and other.year:
        target.year = other.year
    if len(other.authors) > len(target.authors) and other.style != "mention":
        target.authors = other.authors
    target.scholarly = target.scholarly or other.scholarly
    if target.style in ("footnote", "mention", "author-year", "url") and other.style in ("gbt7714", "mla", "apa"):
        target.style = other.style
    known = {(o.doc, o.line) for o in target.occurrences}
    target.occurrences.extend(
        Occurrence(o.doc, o.line, shared(o.raw)) for o in other.occurrences if (o.doc, o.line) not in known
    )


# --------------------------------------------------------------------------- fields


def find_ids(text: str) -> tuple[str, str, str]:
    """(arXiv id, DOI, URL) found in a string; arXiv in new (2108.07258) or old (cs/0112017) form."""
    arxiv = ""
    match = ARXIV_NEW.search(text) or ARXIV_OLD.search(text)
    if match:
        arxiv = match.group(1)
    doi_match = DOI.search(text)
    url_match = URL.search(text)
    doi = doi_match.group(1) if doi_match else ""
    return arxiv, doi.rstrip("."), url_match.group(0) if url_match else ""


def parse_gbt_authors(text: str) -> list[tuple[str, str]]:
    """'Bommasani R, Hudson D A, et al' -> [(Bommasani, R), (Hudson, D A)];
    'Kaplan, Jared, et al' -> [(Kaplan, Jared)]; '张三, 李四' -> [(张三, ''), (李四, '')]."""
    text = re.sub(r",?\s*(?:et al\.?|等)\s*$", "", text.strip().rstrip("."))
    parts = [p.strip() for p in re.split(r"\s*[,，]\s*", text) if p.strip()]
    if not parts:
        return []
    if all(_CJK.search(p) for p in parts):
        return [(p, "") for p in parts]
    if len(parts) == 2 and " " not in parts[0] and " " not in parts[1] and len(parts[1]) > 2:
        return [(parts[0], parts[1])]  # Surname, Given
    authors = []
    for part in parts:
        match = re.match(r"^(.+?)\s+((?:[A-Z]\.?\s*){1,3})$", part)
        if match:
            authors.append((match.group(1).strip(), match.group(2).strip()))
        else:
            authors.append((part, ""))
    return authors


def parse_mla_authors(text: str) -> list[tuple[str, str]]:
    """'Bengio, Yoshua, et al' -> [(Bengio, Yoshua)]; 'Wei, Jason, and Denny Zhou' -> two authors."""
    text = re.sub(r",?\s*et al\.?\s*$", "", text.strip().rstrip("."))
    match = re.match(r"^([^,]+),\s*([^,]+?)(?:,?\s+and\s+(.+))?$", text)
    if not match:
        return [(text, "")] if text else []
    authors = [(match.group(1).strip(), match.group(2).strip())]
    if match.group(3):
        names = match.group(3).strip().split()
        authors.append((names[-1], " ".join(names[:-1])))
    return authors


_EDITION = re.compile(r"(?:第\s*)?\d+\s*版|\d+(?:st|nd|rd|th)\s+ed(?:ition|n)?\.?", re.IGNORECASE)


def _container_fields(rest: str, citation: Citation) -> None:
    """'arXiv preprint arXiv:2108.07258, 2021.' or 'Advances in ..., 2022, 35: 27730-27744.'"""
    bracketed = re.search(r"\(((?:19|20)\d\d)(?:-\d\d){0,2}\)", rest)  # (2023) or (2017-07-20)
    years = YEAR.findall(re.sub(r"\[(?:19|20)\d\d-\d\d(?:-\d\d)?\]", " ", URL.sub(" ", rest)))  # not [access date]
    if not citation.year and (bracketed or years):
        citation.year = int(bracketed.group(1) if bracketed else years[-1 if len(years) < 3 else 0])
    rest = NOISE.sub("", rest)
    rest = re.sub(r"(?i)\bdoi:\s*\S+|https?://\S+", " ", rest).strip(" .,")  # identifiers are fields already
    rest = re.sub(r"^//\s*", "", rest)
    if re.match(r"arXiv preprint", rest, re.IGNORECASE) or (citation.arxiv and rest.lower().startswith("arxiv")):
        citation.container = "arXiv preprint"
        return
    pages = re.search(r":\s*([A-Za-z]?\d+(?:\s*[-–]\s*\d+)?)\s*\.?$", rest)
    head = rest
    cut = re.search(r"(?:,|\.)?\s*(?:\(\s*)?(?:19|20)\d\d", rest)
    if cut:
        head = rest[: cut.start()]
    head = re.sub(r"\s+\d+\s*$", lambda m: "", head).strip(" .,")
    # a publisher after the container: "International Conference on Machine Learning. PMLR"
    pieces = [p.strip() for p in re.split(r"\.\s+", head) if p.strip()]
    pieces = [p for p in pieces if not _EDITION.fullmatch(p)]  # "2版", "3rd ed"
    citation.container = pieces[0] if pieces else ""
    if pages:
        citation.pages = pages.group(1).replace(" ", "")
    tail = rest[cut.end() :] if cut else ""
    vol = re.match(r"\)?\s*,\s*(\d{1,4})(?![\d\-–])\s*(?:\((\d{1,4})\))?", tail)
    if vol and not (pages and vol.group(1) == citation.pages):
        citation.volume = vol.group(1)
        citation.issue = vol.group(2) or ""
    if not citation.volume:
        inner = re.search(r"\s(\d{1,4})\s*\((?:19|20)\d\d\)", rest)  # Systems 35 (2022): 17359-17372
        if inner:
            citation.volume = inner.group(1)


def _scholarly(citation: Citation) -> bool:
    if citation.arxiv or citation.doi:
        return True
    if citation.url:
        return any(host in citation.url.lower() for host in SCHOLARLY_HOSTS)
    if "blog" in citation.container.lower():
        return False
    if citation.type_marker in ("J", "C", "M", "D", "A", "R", "J/OL", "C/OL", "M/OL"):
        return True
    return bool(SCHOLARLY_CONTAINERS.search(citation.container))


# --------------------------------------------------------------------------- styles


def _drop_notes(text: str) -> str:
    """Reader's notes after a reference, "(仅第 3-6 页...)" "(12分钟)", are not part of it."""
    return re.sub(rf"[(（][^()（）]*[{CJK}][^()（）]*[)）]", " ", text).split("，")[0].strip()


def parse_gbt(text: str) -> Citation | None:
    """GB/T 7714: 'Bommasani R, Hudson D A, Adeli E, et al. On the opportunities and risks of foundation
    models[J]. arXiv preprint arXiv:2108.07258, 2021.' -> title, authors, container, year, arXiv id."""
    marker = TYPE_MARKER.search(text)
    if not marker:
        return None
    before = text[: marker.start()]
    rest = text[marker.end() :]
    split = _split_authors_title(before)
    if split is None:
        return None
    authors_text, title = split
    title = title.strip().rstrip(".").strip()
    if len(title) < 3:
        return None
    citation = Citation(
        title=title, authors=parse_gbt_authors(authors_text), style="gbt7714", type_marker=marker.group(1)
    )
    citation.arxiv, citation.doi, citation.url = find_ids(rest)
    rest = _drop_notes(rest)
    _container_fields(rest.strip(" ."), citation)
    citation.scholarly = _scholarly(citation)
    return citation


_ONE_AUTHOR = re.compile(r"[A-Z][\w'’\-]*(?: [A-Za-z][\w'’\-]*){0,4}")


def _split_authors_title(text: str) -> tuple[str, str] | None:
    """Where the author list ends and the title begins, in linear time: the first '. ' after
    which every comma-separated piece before it is a name."""
    text = text.strip()
    match = re.search(r"(?:et al\.?|等)[.。]\s*", text)
    if match:
        return text[: match.start()], text[match.end() :]
    cjk = re.match(rf"^([{CJK}·]{{2,8}}(?:\s*[,，]\s*[{CJK}·]{{2,8}}){{0,30}})[.。．]\s*(.+)$", text)
    if cjk:
        return cjk.group(1), cjk.group(2)
    for candidate, period in enumerate(re.finditer(r"\.\s+", text[:800])):
        if candidate >= 8:
            break
        names = [part.strip() for part in text[: period.start()].split(",")]
        if names and all(_ONE_AUTHOR.fullmatch(name) for name in names):
            return text[: period.start()], text[period.end() :]
    return None


_MLA = re.compile(r"(?P<authors>[A-Z][^\"“”]{1,120}?)\.\s*[\"“](?P<title>[^\"“”]{5,300}?)[.?!]?[\"”]\s*(?P<rest>.*)$")


def parse_mla(text: str) -> Citation | None:
    """MLA / Google Scholar: 'Bengio, Yoshua, et al. "Managing ai risks in an era of rapid progress."
    arXiv preprint arXiv:2310.17688 (2023).'"""
    match = _MLA.search(text)
    if not match or "," not in match.group("authors"):
        return None
    authors = parse_mla_authors(match.group("authors"))
    if not authors or not re.match(r"^[A-Z][\w'’\- ]+$", authors[0][0]):
        return None
    title = match.group("title").strip()
    citation = Citation(title=title, authors=authors, style="mla")
    rest = match.group("rest")
    citation.arxiv, citation.doi, citation.url = find_ids(rest)
    rest = _drop_notes(rest)
    _container_fields(rest, citation)
    citation.scholarly = _scholarly(citation)
    return citation


_APA = re.compile(
    r"^(?P<authors>[A-Z][^()]{1,200}?)\s*\((?P<year>(?:19|20)\d\d)[a-z]?(?:, [A-Z][a-z]+(?: \d{1,2})?)?\)\.\s*"
    r"(?P<title>[^.?!]{5,300}?[.?!])\s*(?P<rest>.*)$"
)
_APA_AUTHOR = re.compile(r"([A-Z][\w'’\-]+(?: [A-Z][\w'’\-]+)?), ((?:[A-Z]\.(?:\s?-?[A-Z]\.)*\s?)+)")


def parse_apa(text: str) -> Citation | None:
    """APA: 'Brown, T., Mann, B., & Ryder, N. (2020). Language models are few-shot learners.
    Advances in Neural Information Processing Systems, 33, 1877–1901.'"""
    match = _APA.match(text)
    if not match:
        return None
    authors = [(family, given.strip()) for family, given in _APA_AUTHOR.findall(match.group("authors"))]
    if not authors:
        return None
    title = match.group("title").rstrip(".").strip()
    citation = Citation(title=title, authors=authors, year=int(match.group("year")), style="apa")
    rest = match.group("rest")
    citation.arxiv, citation.doi, citation.url = find_ids(rest)
    rest = re.sub(r"(?i)\bdoi:\s*\S+|https?://\S+", " ", _drop_notes(rest)).strip(" .")
    parts = [p.strip() for p in rest.split(",")]
    if parts and parts[0]:
        citation.container = "arXiv preprint" if citation.arxiv and "arxiv" in parts[0].lower() else parts[0]
    volume = re.match(r"^(\d{1,4})(?:\((\d{1,4})\))?$", parts[1]) if len(parts) > 1 else None
    if volume:
        citation.volume, citation.issue = volume.group(1), volume.group(2) or ""
    pages = re.search(r"(\d+\s*[-–]\s*\d+|\be?\d{3,})\s*$", rest) if len(parts) > 2 else None
    if pages:
        citation.pages = re.sub(r"\s*[-–]\s*", "-", pages.group(1))
    citation.scholarly = _scholarly(citation)
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
    if before:
        parts = [p.strip() for p in before.split(", ")]
        title = before
        if len(parts) >= 2 and len(parts[-1].split()) <= 3 and not re.search(r"\d{4}", parts[-1]):
            title = ", ".join(parts[:-1])
            citation.authors = [_name(parts[-1])]
        dash = re.match(r"^([A-Z][a-z]+ [A-Z][a-z]+) [-–] (.+)$", title)
        if dash:
            citation.authors = [_name(dash.group(1))]
            title = dash.group(2)
        citation.title = title.strip()
    years = YEAR.findall(citation.title)
    if not years:
        years = re.findall(r"/((?:19|20)\d\d)(?:/|-[01]\d-)", citation.url)
    if years:
        citation.year = int(years[0])
    citation.scholarly = _scholarly(citation)
    if citation.arxiv:
        citation.container = "arXiv preprint"
    _year_from_arxiv(citation)
    return citation


def _year_from_arxiv(citation: Citation) -> None:
    """New-style arXiv ids start with the submission year and month: 2202.07785 -> 2022."""
    if not citation.year and re.match(r"^\d{4}\.", citation.arxiv):
        citation.year = 2000 + int(citation.arxiv[:2])


_ORG_NAMES = frozenset(
    ["nations", "united", "institute", "university", "lab", "labs", "foundation", "council", "agency", "group"]
)


def _name(text: str) -> tuple[str, str]:
    words = text.split()
    if (
        len(words) == 2
        and all(w[:1].isupper() and w[1:].islower() for w in words)
        and not ({w.lower() for w in words} & _ORG_NAMES)
    ):
        return words[1], words[0]
    return text, ""  # an organization (Anthropic, United Nations)


AUTHOR_YEAR = re.compile(
    r"\((?P<authors>[A-Z][\w'’\-]+(?: (?:and|&) [A-Z][\w'’\-]+| et al\.?)?),\s*(?P<year>(?:19|20)\d\d)[a-z]?\)"
    r"|(?P<author2>[A-Z][\w'’\-]+(?: et al\.?)?)\s*\((?P<year2>(?:19|20)\d\d)[a-z]?\)"
    r"|(?P<author3>[A-Z][\w'’\-]+)\s*等人?\s*[(（](?P<year3>(?:19|20)\d\d)[a-z]?[)）]"  # Leviathan 等人（2023）
)
TITLE_WITH_MARKER = re.compile(
    r"(?<![\w\-])(?:In\s+)?((?:[A-Z][\w'’\-]*|[A-Z]{2,}[\w\-]*)(?:[ :,\-]+(?:[\w'’\-]+))*?[A-Za-z?!])"
    r"(\d{1,3})(?=$|[\s\u4e00-\u9fff，。,;；)])"
)
TITLE_CUE = re.compile(
    r"(?:阅读|参照|参考|参见|来源于|见|前置工作|论文|文章|报告)[:：]?\s*"
    r"(?P<title>[A-Z][\w'’\-]*(?:[ :,\-]+[\w'’\-]+){1,30}[?!]?)"
    r"|(?P<title2>[A-Z][\w'’\-]*(?:[ :,\-]+[\w'’\-]+){3,30}[?!]?)\s*(?:论文|一文|这篇|这篇论文|文章)"
    r"|(?<![A-Za-z])(?P<title3>[A-Z][a-z]+ [A-Z][a-z]+(?: [A-Z][a-z]+)?)\s*一文"
)


def _clean_title(title: str) -> str:
    title = re.sub(r"(?<=[A-Za-z?!])\d{1,3}$", "", title.strip())  # a glued footnote marker
    return title.strip(" ,.:;\"“”'").strip()


def _title_like(title: str, min_words: int = 3, min_capitals: int = 2) -> bool:
    words = re.findall(r"[A-Za-z][\w'’\-]*", title)
    if len(words) < min_words or len(title) > 250 or _CJK.search(title):
        return False
    capitals = sum(1 for w in words if w[0].isupper())
    return capitals >= min_capitals and not re.search(r"\bet al\b", title)


_REFERENCE_NUMBER = re.compile(r"^(?:\[\d{1,4}\]|［\d{1,4}］|\d{1,4}\.(?=\s*[A-Z\u4e00-\u9fff]))\s*")
_NUMBERED = re.compile(r"^\(\d+\)|^（\d+）")
_LABEL_END = re.compile(r"[:：]\s*(?=[A-Z])")
_NOT_IN_LABEL = re.compile(r"[.\[\]\"“]")


def _drop_label(text: str) -> str:
    """Strip a Chinese lead-in before a reference ("其他参考:Sutton R. …"), in linear time."""
    forbidden = _NOT_IN_LABEL.search(text)
    limit = forbidden.start() if forbidden else len(text)
    first_cjk = _CJK.search(text, 0, limit)
    if first_cjk is None:
        return text
    end = None
    for match in _LABEL_END.finditer(text, first_cjk.end(), limit + 1):
        end = match.end()
    return text[end:] if end is not None else text


def mine_line(text: str, in_reading_list: bool) -> Iterator[Citation]:
    """All citations on one normalized line, each parser tried in order of confidence."""
    stripped = _REFERENCE_NUMBER.sub("", text.strip().lstrip("-•*").strip())
    if not stripped or not (re.search(r"[A-Za-z]", stripped) or TYPE_MARKER.search(stripped)):
        return
    marked = TYPE_MARKER.search(stripped) is not None
    if _NUMBERED.match(stripped) and not marked:
        return  # a numbered list item
    if marked or (_QUOTE.search(stripped) and _MLA.search(stripped)):
        stripped = _drop_label(stripped)  # 合作性AI:Dafoe A, ... / 注:…:Hoffmann, Jordan, et al. …
    segments = [stripped]
    structured = False
    for segment in segments:
        citation = (
            parse_gbt(segment)
            or (parse_mla(segment) if _QUOTE.search(segment) else None)
            or (parse_apa(segment) if _MAYBE_APA.search(segment) else None)
        )
        if citation:
            structured = True
            yield citation
    if structured:
        return
    if URL.search(stripped):
        citation = parse_footnote(stripped)
        if citation:
            yield citation
        return
    yield from _mentions(stripped, in_reading_list)


_QUOTE = re.compile('["“]')
_MAYBE_APA = re.compile(r"\((?:19|20)\d\d[a-z]?(?:, [A-Z][a-z]+(?: \d{1,2})?)?\)\.")
_MAYBE_YEAR = re.compile(r"(?:19|20)\d\d")
_MAYBE_MARKER = re.compile(r"[A-Za-z?!]\d{1,3}(?!\d)")
_MAYBE_CUE = re.compile("阅读|参照|参考|参见|来源于|见|前置工作|论文|文章|报告|一文|这篇")


def _mentions(text: str, in_reading_list: bool) -> Iterator[Citation]:
    """Author-year citations, titles with glued footnote markers, titles named in running text,
    and (in reading lists) titles standing alone on a line."""
    seen: set[str] = set()
    for match in AUTHOR_YEAR.finditer(text) if _MAYBE_YEAR.search(text) else ():
        author = match.group("authors") or match.group("author2") or match.group("author3")
        year = int(match.group("year") or match.group("year2") or match.group("year3"))
        family = re.split(r" (?:and|&|et al)", author)[0].strip()
        title = ""
        if match.group("authors"):
            candidate = re.split(rf"[{CJK}。，；;]", text[: match.start()])[-1]
            candidate = re.sub(r"[:,]?\s*(?:blog post|blog|paper|preprint)\s*$", "", candidate.strip(), flags=re.I)
            candidate = _clean_title(candidate)
            if _title_like(candidate, 3, 1):
                title = candidate
        citation = Citation(title=title, authors=[(family, "")], year=year, style="author-year")
        citation.scholarly = True
        seen.add(title)
        yield citation
    for match in TITLE_WITH_MARKER.finditer(text) if _MAYBE_MARKER.search(text) else ():
        title = _clean_title(match.group(1))
        if title in seen or not _title_like(title) or len(title.split()) < 3:
            continue
        seen.add(title)
        yield Citation(title=title, style="mention", type_marker=f"^{match.group(2)}")
    for match in TITLE_CUE.finditer(text) if _MAYBE_CUE.search(text) else ():
        title = _clean_title(match.group("title") or match.group("title2") or match.group("title3"))
        if title in seen or not _title_like(title, 3 if match.group("title2") else 2):
            continue
        seen.add(title)
        # "X 一文", "论文 X", "参见 X": the text says X is a work it refers to
        named = "一文" in match.group(0) or bool(match.group("title"))
        yield Citation(title=title, style="title" if in_reading_list or named else "mention")
    if in_reading_list and not seen and not _CJK.search(text):
        title = _clean_title(re.sub(r"\s*\((?:Chapter|Section|Part|pp?\.)[^)]*\)\s*$", "", text))
        if _title_like(title) and not title.endswith("?") and len(title.split()) >= 3:
            yield Citation(title=title, style="title", scholarly=False)


def mine_citations(document: NormalizedDocument) -> list[Citation]:
    """Every citation in one document, with its occurrence (document, line, raw text)."""
    path = document.document.path
    lines = [line for line in document.lines if line.text.strip()]
    reading_list = (
        sum(
            1
            for line in lines
            if TYPE_MARKER.search(line.text) or (_QUOTE.search(line.text) and _MLA.search(line.text))
        )
        >= 3
    )
    found: list[Citation] = []
    for line in lines:
        raw_text = _raw_with_urls(line)
        for citation in mine_line(raw_text, reading_list):
            raw = line.original.strip()
            citation.occurrences.append(Occurrence(path, line.number, raw if len(raw) <= 2000 else raw[:2000] + "…"))
            found.append(citation)
    return found


def _raw_with_urls(line) -> str:
    """The normalized line, but with its URLs back (normalization blanks them for the term miners)."""
    text = line.text
    for match in URL.finditer(line.original):
        start, end = match.start(), match.end()
        if line.origin is None:
            first = start
        else:
            try:
                first = line.origin.index(start)
            except ValueError:
                continue
        text = text[:first] + match.group(0) + text[first + (end - start) :]
    return text
