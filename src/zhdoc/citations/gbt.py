"""GB/T 7714 (2015 and 2025) references, whose document-type code makes the structure certain.

Type codes: [J] journal, [C] proceedings, [M] book, [D] thesis, [R] report, [N] newspaper,
[S] standard, [P] patent, [G] collection, [A] archive, [CM] map, [DS] dataset, [PP] preprint,
[Z] other, [EB] [DB] [CP] electronic; any of them with /OL when read online. `//` introduces the
work a section was taken from. Entries may have no author, full-width punctuation, and dates
such as `1865（清同治四年）`.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from ..models import Citation
from .ids import CJK, CJK_CHAR, URL, find_ids, scholarly

CODES = "J C M D R N P S Z A G CM DS PP EB DB CP".split()
TYPE_MARKER = re.compile(r"\[((?:CM|DS|PP|EB|DB|CP|[JCMDRNPSZAG])(?:/(?:OL|MT|DK|CD))?)\]")
KIND = {
    "J": "article-journal",
    "C": "paper-conference",
    "M": "book",
    "D": "thesis",
    "R": "report",
    "N": "article-newspaper",
    "P": "patent",
    "S": "standard",
    "G": "book",
    "A": "manuscript",
    "CM": "map",
    "DS": "dataset",
    "PP": "article",
    "Z": "document",
    "EB": "webpage",
    "DB": "dataset",
    "CP": "software",
}
_DATE = re.compile(r"(?<!\d)((?:1[5-9]|20)\d\d)(?:[-./年]\d{1,2}(?:[-./月]\d{1,2}日?)?)?(?!\d)")


_AUTHOR_DATE = re.compile(
    r"^(?P<authors>[^.。．\[\]]{1,300}?)(?:[,，]|[.．])\s*(?P<year>(?:1[5-9]|20)\d\d)[a-z]?[.．]\s*(?P<title>.+)$"
)
_CJK_NAMES = re.compile(rf"[{CJK}·\w ]{{2,40}}(?:\s*[,，]\s*[{CJK}·]{{2,20}})*(?:\s*[,，]\s*等)?")


def pick_year(text: str) -> int | None:
    """The publication year of the part after the title: not an access date in brackets, not a page."""
    text = re.sub(r"\[(?:1[5-9]|20)\d\d[-./]\d{1,2}(?:[-./]\d{1,2})?\]", " ", URL.sub(" ", text))
    text = re.sub(r"[:：]\s*[A-Za-z]?\d+(?:\s*[-–]\s*\d+)?", " ", text)  # pages after a colon
    text = re.sub(r"(?<!\d)(\d{1,3})\s*[-–]\s*\d+", " ", text)  # short page ranges
    match = _DATE.search(text)
    return int(match.group(1)) if match else None


def split_authors_title(text: str) -> tuple[str, str] | None:
    """Where the author list ends and the title begins, in linear time: the first '. ' after
    which every comma-separated piece before it is a name. None: no author list found."""
    text = text.strip()
    match = re.search(r"(?:et al\.?|等|他|외|и др\.?)[.。．]\s*", text)
    if match:
        return text[: match.end()].rstrip(" .。．"), text[match.end() :]
    cjk = re.match(rf"^([{CJK}·]{{2,8}}(?:\s*[,，、]\s*[{CJK}·]{{2,8}}){{0,30}})[.。．]\s*(.+)$", text)
    if cjk:
        return cjk.group(1), cjk.group(2)
    for candidate, period in enumerate(re.finditer(r"[.．]\s+|[.．](?=[\u4e00-\u9fff])", text[:800])):
        if candidate >= 8:
            break
        if re.match(r"[A-Z\u0410-\u042f]\.", text[period.end() :]) and re.search(
            r"(?:^|\s)[A-Z\u0410-\u042f]$", text[: period.start()]
        ):
            continue  # a period between two initials (Иванов А. В. Методы)
        names = [part.strip() for part in re.split(r"[,，]", text[: period.start()])]
        if names and all(_ONE_AUTHOR.fullmatch(name) for name in names):
            return text[: period.start()], text[period.end() :]
    return None


_ONE_AUTHOR = re.compile(
    r"[A-Z\u00c0-\u00de\u0400-\u042f][\w'’\-]*(?: [A-Za-z\u0400-\u04ff][\w'’\-]*\.?){0,4}"
    rf"|[{CJK}]{{2,20}}(?: [A-Z]\.?){{0,3}}"  # '昂温 P S': a translated name with the given names' initials
    r"|[\uac00-\ud7af]{2,5}"
)


_GROUP_AUTHOR = re.compile(
    r"^(?P<group>(?:(?:[A-Z]\.){2,3}|[A-Z][\w&'’\-]*)(?: (?:[A-Z][\w&'’\-]*|of|for|the|and|on|in|de|du)){1,12}"
    r"(?:,? Inc\.|,? Ltd\.)?)"
    r"[.．]\s+(?P<title>\S.*)$"
)


def _group_author(text: str) -> tuple[str, str] | None:
    """An organisation as author before the title: 'American Association for the Advancement of Science.
    Science', 'Online Computer Library Center, Inc. History of OCLC'."""
    match = _GROUP_AUTHOR.match(text.strip())
    if not match or re.search(r"\d", match.group("group")):
        return None
    return match.group("group"), match.group("title")


def parse_gbt_authors(text: str) -> tuple[list[tuple[str, str]], bool]:
    """'Bommasani R, Hudson D A, et al' -> ([(Bommasani, R), (Hudson, D A)], truncated);
    'Kaplan, Jared, et al' -> [(Kaplan, Jared)]; '张三, 李四' -> [(张三, ''), (李四, '')]."""
    text = text.strip().rstrip(".．")
    truncated = re.search(r"[,，]?\s*(?:et al\.?|等|他|외|и др\.?)\s*$", text)
    if truncated:
        text = text[: truncated.start()]
    if re.fullmatch(r"[^,，]+[,，]\s*(?:Inc|Ltd|Co|LLC)\.?", text):
        return [(text if text.endswith(".") else text + ".", "")], bool(truncated)
    parts = [p.strip() for p in re.split(r"\s*[,，、]\s*", text) if p.strip()]
    if not parts:
        return [], bool(truncated)
    parts = [p for p in parts if p.rstrip(".").lower() not in anonymous_words()]
    if not parts:
        return [], bool(truncated)  # '佚名.', 'Anon.': the author is unknown
    if all(CJK_CHAR.search(p) or re.fullmatch(r"[\uac00-\ud7af]+", p) for p in parts):
        # '昂温 G, 昂温 P S': a transliterated family name with the Latin initials of the given names
        return [_cjk_name(p) for p in parts], bool(truncated)
    if len(parts) == 2 and " " not in parts[0] and " " not in parts[1] and len(parts[1]) > 2:
        return [(parts[0], parts[1])], bool(truncated)  # Surname, Given
    authors = []
    for part in parts:
        match = re.match(r"^(.+?)\s+((?:[A-Z\u0410-\u042f]\.?\s*-?){1,3})$", part) or re.match(
            r"^([A-Z][a-z]{1,6})\s+([A-Z][a-z]{1,6}(?:-[A-Za-z][a-z]{1,5})?)$",
            part,  # pinyin: 'Zhou Fei-Yan'
        )
        if match:
            family = match.group(1).strip()
            if family.isupper() and len(family) > 1:
                family = family.title()  # SMITH J A: the style upper-cases family names
            authors.append((family, match.group(2).strip()))
        else:
            authors.append((part, ""))
    return authors, bool(truncated)


@cache
def anonymous_words() -> frozenset[str]:
    """data/anonymous_authors.txt: 佚名, Anon. — an unknown author, not a name."""
    text = resources.files("zhdoc.citations").joinpath("data", "anonymous_authors.txt").read_text(encoding="utf-8")
    return frozenset(w.strip().lower() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def _cjk_name(text: str) -> tuple[str, str]:
    initials = re.fullmatch(rf"([{CJK}·]+)\s+((?:[A-Z]\.?\s*){{1,3}})", text)
    return (initials.group(1), initials.group(2).strip()) if initials else (text, "")


_EDITION = re.compile(r"(?:第\s*)?\d+\s*版|修订版|\d+(?:st|nd|rd|th)\s+ed(?:ition|n)?\.?", re.IGNORECASE)
_PLACE_PUBLISHER = re.compile(
    r"^(?![\d\s\-–]+[:：])(?P<place>[^:：,，.。\[\]]{1,30}?(?:,\s*[A-Z][A-Za-z.]{0,8}){0,2}|\[[^\]]{1,8}\])\s*[:：]\s*"
    r"(?P<publisher>[^,，:：\[\]]{2,80}?|\[[^\]]{1,8}\])\s*(?:[,，]\s*(?P<rest>.*)|[:：]\s*\d[\d\-–]*)?$"
)
# GB/T 7714-2015 8.4.1.3/8.4.2.3: place or publisher unknown
_UNKNOWN = re.compile(r"^\[(?:出版地不详|出版者不详|S\.\s*l\.|s\.\s*n\.)\]$", re.IGNORECASE)
# A thesis code as journals still print it: '[硕士学位论文]', GB/T 7714-1987's 'Title: [学位论文].'
_DEGREE_CODE = re.compile(r"\s*[:：]?\s*\[(?:硕士|博士)?学位论文\]")
_DEGREE_SUFFIX = re.compile(r"\s*(?:硕士|博士)?学位论文$")
_NUMBERED_TITLE = re.compile(
    r"^(?P<title>.+?)\s*[:：]\s*(?P<number>(?:GB/?T?|GB/Z|ISO|IEC|ISO/IEC|YY|JGJ|DB\d*|QB|SJ|CN|US|EP|JP|WO|KR)"
    r"\s*[\w./\-—–]*\d[\w./\-—–:]*|[A-Z]{2,5}[\s\-]+\d[\w\-–./]*\d|(?:全宗|档号)[^\]]*|1\s*[∶:]\s*\d[\d,\s]*|[Vv]\d[\w.]*"
    r"|(?:中国\s*[,，]\s*)?[A-Z]{0,2}\d{6,}(?:\.\d)?[A-Z]?\d?)$"
)


def parse_gbt(text: str) -> Citation | None:
    """GB/T 7714: 'Bommasani R, Hudson D A, Adeli E, et al. On the opportunities and risks of foundation
    models[J]. arXiv preprint arXiv:2108.07258, 2021.' -> title, authors, container, year, arXiv id."""
    text = _DEGREE_CODE.sub("[D]", text.replace("\\[", "[").replace("\\]", "]"), count=1)
    marker = TYPE_MARKER.search(text)
    if not marker:
        return None
    code = marker.group(1)
    before = text[: marker.start()]
    rest = text[marker.end() :]
    year_first = _AUTHOR_DATE.match(before)
    if year_first and (
        split_authors_title(year_first.group("authors") + ". x") or _CJK_NAMES.fullmatch(year_first.group("authors"))
    ):
        before = year_first.group("authors") + ". " + year_first.group("title")  # author-date system
    split = split_authors_title(before) or _group_author(before)
    if split is None:
        anonymous_section = rest.startswith("//") or re.search(r"[:：]\s*[第卷]", before)  # '周易外传: 卷5[M]//…'
        authorless_kind = code in ("S", "N", "J", "CM", "EB", "EB/OL", "DB", "A", "Z") or code.endswith("/OL")
        if not (authorless_kind or anonymous_section):
            return None
        authors_text, title = "", before  # no author: standards, newspapers, whole journals, maps
    else:
        authors_text, title = split
    title = title.strip().rstrip(".．").strip()
    if len(title) < 2:
        return None
    authors, truncated = parse_gbt_authors(authors_text)
    citation = Citation(title=title, authors=authors, style="gbt7714", type_marker=code, et_al=truncated)
    citation.kind = KIND.get(code.split("/")[0], "")
    numbered = _NUMBERED_TITLE.match(title)
    if numbered and code.split("/")[0] in ("S", "P", "A", "CM", "DS", "R"):
        citation.title, citation.number = numbered.group("title").strip(), numbered.group("number").strip()
    citation.arxiv, citation.doi, citation.url = find_ids(rest)
    _rest_fields(_drop_notes(rest).strip(" .．"), citation, code.split("/")[0], bool(year_first))
    if year_first:
        citation.year = int(year_first.group("year"))
    if not citation.year and citation.arxiv and re.match(r"^\d{4}\.", citation.arxiv):
        citation.year = 2000 + int(citation.arxiv[:2])
    citation.scholarly = scholarly(citation)
    return citation


# A parenthesis holding Chinese, except a journal's edition glued to its name: '学报(自然科学版)', '(A辑)'.
_NOTE_IN_PARENS = re.compile(
    rf"(?<![{CJK}])[(（][^()（）]*[{CJK}][^()（）]*[)）]|[(（](?![^()（）]*[版辑][)）])[^()（）]*[{CJK}][^()（）]*[)）]"
)


def _drop_notes(text: str) -> str:
    """Reader's notes after a reference, "(仅第 3-6 页...)" "(12分钟)", are not part of it; reign
    years "（清同治四年）" are kept out of the fields too."""
    text = _NOTE_IN_PARENS.sub(" ", text)
    return re.split(r"，(?=[^，]*$)", text)[0].strip() if re.search(rf"，[{CJK}]", text) else text.strip()


_PAGE = rf"(?:[A-Za-z]|[{CJK}]\s*)?\d+"  # 'e1002686', '序2' (GB/T 7714-2015 A.1: 序2-序3)


def _rest_fields(rest: str, citation: Citation, code: str, year_first: bool = False) -> None:
    """Everything after the type code: container, place and publisher, year, volume(issue): pages.
    year_first: the author-year system, whose imprint has no year ('Philadelphia: Saunders: 745-772')."""
    citation.year = pick_year(rest)
    rest = re.sub(r"(?i)\bdoi\s*[:：]\s*\S+|https?://\S+", " ", rest)
    rest = re.sub(r"[(（]\d{4}-\d\d-\d\d[)）]|\[\d{4}-\d\d-\d\d\]", " ", rest).strip(" .．,，")
    section = rest.startswith("//")
    rest = re.sub(r"^//\s*", "", rest)
    if re.match(r"arXiv preprint", rest, re.IGNORECASE) or (citation.arxiv and rest.lower().startswith("arxiv")):
        citation.container = "arXiv preprint"
        return
    pages = re.search(rf"[:：]\s*({_PAGE}(?:\s*[-–]\s*{_PAGE})?)\s*[.．]?$", rest)
    if pages:
        citation.pages = re.sub(r"\s+", "", pages.group(1)).replace("–", "-")
    pieces = [
        p.strip() for p in re.split(r"(?<![A-Z]\.[A-Z])[.．]\s+(?![a-z])|[.．](?=[\u4e00-\u9fff])", rest) if p.strip()
    ]
    imprint = _imprint_index(pieces, year_first)
    if section and imprint is not None and imprint >= 2:
        # //Editor. Book: 第6册. Place: Publisher, year: pages — the book is the piece before the imprint
        citation.container = _cut_date(pieces[imprint - 1])
        pieces = pieces[imprint:]
        section = False
    if section and pieces:
        # //Editor. Book title. Place: Publisher, year: pages  — or //Proceedings, year: pages
        if len(pieces) > 1 and (
            _editors(pieces[0]) or not _PLACE_PUBLISHER.match(pieces[1]) and not pick_year(pieces[1])
        ):
            pieces = pieces[1:]  # '//Editor. Book title. Place: Publisher…': the first piece names the editors
        citation.container = re.split(r"\s*[,，]\s*(?:(?:1[5-9]|20)\d\d)", pieces[0])[0].strip()
        pieces = pieces[1:]
    if code == "N" and pieces:
        citation.container = re.split(r"\s*[,，]\s*\d", pieces[0])[0].strip()
        issue = re.search(r"[(（](\d{1,3})[)）]", rest)
        if issue:
            citation.pages = issue.group(1)
        return
    publisher_part = next((p for p in pieces if _PLACE_PUBLISHER.match(p) and not _JOURNAL_TAIL.search(p)), None)
    if publisher_part:
        match = _PLACE_PUBLISHER.match(publisher_part)
        assert match is not None
        place, publisher = match.group("place").strip(), match.group("publisher").strip()
        citation.place = "" if _UNKNOWN.match(place) else place
        citation.publisher = "" if _UNKNOWN.match(publisher) else publisher
        if code == "D":
            citation.publisher = _DEGREE_SUFFIX.sub("", citation.publisher)  # '国防科技大学博士学位论文'

    if not publisher_part and code in ("M", "D", "R", "G") and pieces:
        bare = re.fullmatch(
            r"(?P<publisher>[^,，:：\d]{2,80}?)\s*[,，]\s*c?(?:1[5-9]|20)\d\d[^,，]*(?:[,，]\s*\d+\s*p)?", pieces[-1]
        )
        if bare and not _EDITION.fullmatch(bare.group("publisher")):
            citation.publisher = bare.group("publisher").strip()  # 'Deep learning[M]. MIT press, 2016.'
    if code in ("J", "PP") and not citation.container:
        first = pieces[0] if pieces else ""
        if first and first is not publisher_part:
            _journal_fields(first, citation)
            return
    if code in ("C", "G") and not citation.container and pieces and pieces[0] is not publisher_part:
        candidate = pieces[0]
        if not _EDITION.fullmatch(candidate):
            citation.container = re.split(r"\s*[,，]\s*(?:(?:1[5-9]|20)\d\d)", candidate)[0].strip()
    if code in ("M", "G", "D", "R") and pieces and _EDITION.fullmatch(pieces[0]):
        pass  # an edition statement is not a container
    if not publisher_part and code not in ("EB", "DB", "CP", "P", "M", "D") and pieces and not citation.container:
        _journal_fields(pieces[0], citation)


_JOURNAL_TAIL = re.compile(r"[,，]\s*(?:1[5-9]|20)\d\d[a-z]?\s*[,，]\s*\d{1,4}\s*(?:[(（][\w\-]{1,8}[)）])?\s*[:：]")
_MONTH_CUT = re.compile(
    r"\s*[,，]\s*(?:(?:1[5-9]|20)\d\d|(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s+\d)"
)


def _cut_date(text: str) -> str:
    """'Symposium on X, August 23-25, 1971, University…' -> 'Symposium on X'."""
    return _MONTH_CUT.split(text)[0].strip()


def _imprint_index(pieces: list[str], year_first: bool = False) -> int | None:
    """The last 'Place: Publisher, year' piece (not a journal's 'Name: Part, year, vol(issue):'); in the
    author-year system the year is not there."""
    for index in range(len(pieces) - 1, -1, -1):
        piece = pieces[index]
        if _PLACE_PUBLISHER.match(piece) and (year_first or pick_year(piece)) and not _JOURNAL_TAIL.search(piece):
            return index
    return None


_EDITOR = re.compile(
    r"[A-Z][\w'’\-]+(?: [A-Z]\.?){1,3}|(?:[A-Z][a-z]+ ){1,2}[A-Z][\w'’\-]+|[\u4e00-\u9fff·]{2,5}|.*(?:eds?\.?|主?编)"
)


def _editors(text: str) -> bool:
    """'Smith J, Doe A, eds' or '王小明, 李华, 主编' before a book title after `//`."""
    text = re.sub(r"[,，]?\s*(?:et al\.?|等)\s*$", "", text.strip())
    parts = [p.strip() for p in re.split(r"[,，]", text) if p.strip()]
    return bool(parts) and all(_EDITOR.fullmatch(p) for p in parts) and len(parts) <= 12


def _journal_fields(text: str, citation: Citation) -> None:
    """'Advances in Neural Information Processing Systems, 2022, 35: 27730-27744' or '计算机学报, 2020, 43(5): 1-20'."""
    cut = re.search(r"\s*[,，]?\s*(?:\(\s*)?(?<![:：\d])(?<![:：]\s)(?:1[5-9]|20)\d\d(?!\d)", text)
    head = text[: cut.start()] if cut else re.split(r"\s*[,，]\s*\d", text)[0]
    head = re.sub(r"\s+\d+\s*$", "", head).strip(" .,，")
    pieces = [p.strip() for p in re.split(r"\.\s+", head) if p.strip() and not _EDITION.fullmatch(p.strip())]
    citation.container = pieces[0] if pieces else ""
    tail = text[cut.end() :] if cut else text[len(re.split(r"\s*[,，]\s*\d", text)[0]) :]
    volume = re.match(r"\)?\s*[,，]\s*(\d{1,4})(?![\d\-–])\s*(?:[(（]([\w\-]{1,8})[)）])?", tail)
    if volume and not (citation.pages and volume.group(1) == citation.pages):
        citation.volume = volume.group(1)
        citation.issue = volume.group(2) or ""
    elif not volume:
        only_issue = re.match(r"\s*[,，]?\s*[(（](\d{1,4})[)）]", tail)
        if only_issue:
            citation.issue = only_issue.group(1)
    if not citation.volume:
        inner = re.search(r"\s(\d{1,4})\s*\((?:19|20)\d\d\)", text)  # Systems 35 (2022): 17359-17372
        if inner:
            citation.volume = inner.group(1)


# --------------------------------------------------------------------------- GB/T without type codes

_UNTYPED_JOURNAL = re.compile(
    r"^(?P<journal>[^.．。]{2,150}?)[,，]\s*(?:1[5-9]|20)\d\d[a-z]?\s*[,，]\s*\d{1,4}\s*(?:[(（][\w\-]{1,8}[)）])?\s*"
    r"[:：]\s*[A-Za-z]?\d+(?:\s*[-–]\s*[A-Za-z]?\d+)?\s*[.．]?$"
    r"|^arXiv preprint arXiv:\s*\S+?(?:[,，]\s*(?:19|20)\d\d)?\s*[.．]?$"  # 'Org. Title. arXiv preprint arXiv:…, 2023.'
)
_UNTYPED_BOOK = re.compile(
    r"^[^.．。:：\d]{1,30}[:：]\s*[^,，:：.．]{2,80}?[,，]\s*(?:1[5-9]|20)\d\d\s*(?:[:：]\s*\d+(?:\s*[-–]\s*\d+)?)?\s*[.．]?$"
    # SIST 02 (Japan): 'Publisher, year, 452p.' with no place, the publisher named by its kind
    r"|^[^.．。:：\d,，]{0,30}(?:出版社|書店|書房|出版会|出版部|出版|印書館|書局)[,，]\s*(?:1[5-9]|20)\d\d(?:[,，]\s*\d+\s*p)?\s*[.．]?$"
)
_NOTE = re.compile(r"\s*[(（]in (?:Chinese|English|Japanese)[^)）]*[)）]\s*", re.IGNORECASE)


_GBT_NAME = re.compile(
    rf"[{CJK}·]{{2,20}}|[\uac00-\ud7af]{{2,5}}"
    r"|[A-Z\u0400-\u042f][\w'’\-]+(?: [A-Z\u0400-\u042f][\w'’\-]+)*"
    r"(?: [A-Z\u0410-\u042f]{1,3}|(?: [A-Z\u0410-\u042f]\.?){1,3})"
    r"|[A-Z][a-z]{1,6} [A-Z][a-z]{1,6}(?:-[A-Za-z][a-z]{1,5})?"
)


def _gbt_names(text: str) -> bool:
    """Names as GB/T writes them: family name first, initials after ('Hinton G E', 'Wang QX', 'Zhou Fei-Yan',
    '周飞燕'); one organisation alone ('OpenAI'). Not 'I. Goodfellow' (IEEE) or 'Knuth, Donald E' (Chicago)."""
    text = re.sub(r"[,，]?\s*(?:et al\.?|等)\s*$", "", text.strip())
    parts = [p.strip() for p in re.split(r"\s*[,，、]\s*", text) if p.strip()]
    if len(parts) == 1 and re.fullmatch(r"[A-Z][\w&\-]+(?: [A-Z][\w&\-]*){0,5}", parts[0]):
        return True
    return bool(parts) and all(_GBT_NAME.fullmatch(p) for p in parts)


def parse_gbt_untyped(text: str) -> Citation | None:
    """The GB/T order without type codes, as 计算机学报 and 软件学报 print their lists:
    'Authors. Title. Journal, 2017, 40(6): 1229-1251', 'Authors. Title//Proceedings of X. City, Country,
    2014: 2672-2680', 'Authors. Title. In: Proc. of X. Minneapolis: ACL, 2019. 4171-4186'. The
    journal tail or the `//`/'In:' section makes the structure certain; the GB/T reader does the rest."""
    if TYPE_MARKER.search(text):
        return None
    text = _NOTE.sub(" ", text).strip()
    split = split_authors_title(text)
    if split is None:
        return None
    authors, rest = split
    if rest.lstrip().startswith(":") or re.search(r"[\"“”]", rest) or not _gbt_names(authors):
        return None  # 'Lin, T.-Y., et al.: Title' is Springer's order, 'I. Goodfellow, …' IEEE's, not GB/T's
    section = re.search(r"(?<!:)//|[.．]\s*In:\s*", rest)
    if section:
        title, source = rest[: section.start()], rest[section.end() :]
        source = re.sub(
            r"((?:1[5-9]|20)\d\d)[.．]\s*([A-Za-z]?\d+(?:\s*[-–]\s*[A-Za-z]?\d+)?)[.．]?$", r"\1: \2", source
        )
        if not re.search(r"(?:1[5-9]|20)\d\d", source):
            return None
        citation = parse_gbt(f"{authors}. {title.strip()}[C]//{source}")
    else:
        boundary, code = None, "J"
        for period in re.finditer(r"[.．]\s+|[.．](?=[\u4e00-\u9fff])", rest):
            if _UNTYPED_JOURNAL.match(rest[period.end() :]):
                boundary = period
                break
            if _UNTYPED_BOOK.match(rest[period.end() :]):  # '周志华. 机器学习. 北京: 清华大学出版社, 2016.'
                boundary, code = period, "M"
                break
        if boundary is None:
            return None
        citation = parse_gbt(f"{authors}. {rest[: boundary.start()].strip()}[{code}]. {rest[boundary.end() :]}")
    if citation is not None:
        citation.type_marker = ""
    return citation
