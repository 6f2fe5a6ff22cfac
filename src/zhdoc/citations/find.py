"""Find reference strings and mentions in a document's prose, from its Markdown structure.

Reference strings come from reference sections (a heading or `<summary>` named 参考文献,
References, Bibliography...), footnote definitions `[^n]: …`, link reference definitions and
reference-shaped lines elsewhere (a GB/T type code, an MLA quoted title, an APA `(Year).`).
Never from display or inline math, code (fenced, indented, or a line of code), headings,
changelog lines (`2023/3/9 我们提出了…`) or quoted `>` lines. Mentions in running text: author–year,
titles with glued footnote markers, titles named after a cue, and `[Title](arXiv/DOI link)`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..models import Citation, NormalizedLine
from .gbt import TYPE_MARKER
from .ids import CJK, CJK_CHAR, SCHOLARLY_HOSTS, URL, find_ids, year_from_arxiv
from .parse import (
    _MAYBE_APA,
    _MLA,
    _QUOTE,
    FOOTNOTE_BACKLINK,
    parse_apa,
    parse_footnote,
    parse_gbt,
    parse_listed,
    parse_mla,
    parse_reference,
)

REFERENCE_HEADING = re.compile(
    r"^(?:\d+(?:\.\d+)*\.?\s*)?(?:主要)?(?:参考文献|参考资料|参考论文|参考书目|引用文献|引文|文献|相关文献|论文列表|相关论文|"
    r"references?|bibliography|works cited|literature|citations?|further reading|reading list|papers?)"
    r"(?:\s*[(（][^)）]*[)）])?\s*[:：]?$",
    re.IGNORECASE,
)
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
# '[12]', '［12］', '12.', '12、', '(12)', BibTeX alpha labels '[BCB15]', '[Knu84a]', '[GBC+16]', and RSC's bare
# '12 J. Smith, …' (a number, a space, then initials)
_NUMBER = re.compile(
    r"^\s*(?:\[(\d{1,4})\]|［(\d{1,4})］|(\d{1,4})[.、)](?=\s*\S)|[(（](\d{1,4})[)）]"
    r"|\[([A-Z][A-Za-z]{0,5}\+?\d{2}[a-z]?)\](?=\s)|(\d{1,3})\s+(?=[A-Z]\.\s?(?:[A-Z]\.\s?)?[A-Z][a-z]))\s*"
)
_BULLET = re.compile(r"^\s*[-*+•]\s+")
_FOOTNOTE_DEF = re.compile(r"^\s*\[\^([^\]\s]+)\]\s*:\s*(.*)$")
_LINK_DEF = re.compile(r"^\s{0,3}\[([^\]^][^\]]*)\]:\s*<?(https?://\S+?)>?(?:\s+[\"'(](.+)[\"')])?\s*$")
_CHANGELOG = re.compile(r"^\s*(?:[-*+]\s*)?(?:\*\*)?(?:19|20)\d\d\s*[/.\-年]\s*\d{1,2}(?:\s*[/.\-月]\s*\d{1,2})?")
_CODE_LINE = re.compile(
    r"^\s*(?:(?:int|float|double|char|void|bool|long|auto|const|unsigned|static|def|class|return|import|from|"
    r"#include|for|while|if|else|let|var|public|private|package|func|fn|print|printf|std::)\b.*[;:{}()=,]\s*$"
    r"|.*;\s*$|[{}]\s*$)"
)
_MATH = re.compile(
    r"\\(?:frac|sum|int|prod|mathbf|mathrm|mathcal|left|right|begin|end|alpha|beta|theta|sigma|cdot|"
    r"partial|nabla|sqrt|log|exp|max|min|arg|hat|bar|tilde|vec|in|le|ge|neq|approx|infty)\b|&\s*=|\\\\\s*$"
)
_INLINE_MATH = re.compile(r"\$\$.*?\$\$|\$[^$\n]+\$")
_ESCAPE = re.compile(r"\\([\[\]_*#`<>()\\.-])")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}")
_MD_LINK = re.compile(r"\[([^\[\]]{2,300})\]\((https?://[^)\s]+)(?:\s+\"[^\"]*\")?\)")
_GENERIC_LABEL = re.compile(
    r"^(?:paper|pdf|arxiv|link|code|github|project|page|homepage|here|this|url|doi|slides?|video|blog|"
    r"website|demo|论文|原文|链接|地址|代码|项目|主页|点击|这里|查看|查看更多|更多|详情|下载|原论文|论文链接|论文地址)\b",
    re.IGNORECASE,
)


@dataclass
class Candidate:
    """A piece of prose that may cite a work: `kind` says how sure the structure is."""

    line: NormalizedLine
    text: str
    kind: str  # "reference" (a reference list entry), "footnote", "linkdef", "table", "prose"
    label: str = ""  # the entry's number or footnote label, for linking in-text markers


def strip_reference_number(text: str) -> str:
    """'[12] Author…', '12. Author…', '(12) …' -> 'Author…'."""
    return _NUMBER.sub("", text, count=1)


def unescape(text: str) -> str:
    """Markdown escapes a reference list carries: `\\[C]//` -> `[C]//`."""
    return _ESCAPE.sub(r"\1", text)


def _is_math(text: str) -> bool:
    return bool(_MATH.search(text)) or text.count("$") >= 2 and len(_INLINE_MATH.sub("", text).strip()) < 10


_SUMMARY = re.compile(r"<summary>(.*?)(?:</summary>|$)", re.IGNORECASE)
_BOLD_LINE = re.compile(r"\s*(?:\*\*|__)(.+?)(?:\*\*|__)\s*[:：]?\s*")
_DETAILS_END = re.compile(r"</details>", re.IGNORECASE)
_QUOTE_PREFIX = re.compile(r"^\s*(?:>\s*)+")
# a Latin letter, a digit, a bracket or a title mark: running text without any names no work
MAY_CITE = re.compile(r"[A-Za-z0-9《〈「『“\"［\[]")
_BRACKET_NUMBERED = re.compile(r"^\s*(?:\[\d{1,4}\]|［\d{1,4}］)\s*\S")


def candidates(lines: tuple[NormalizedLine, ...] | list[NormalizedLine]) -> Iterator[Candidate]:
    """The lines (or table cells) of a document that may cite works, each with its kind."""
    section_level: int | None = None
    in_details = False
    in_math = False
    previous_blank = True
    in_list = False
    for line in lines:
        original = line.original
        stripped = original.strip()
        if not stripped:
            previous_blank = True
            continue
        if not line.text.strip():  # fenced code, front matter
            previous_blank = False
            continue
        if stripped.startswith("$$") or stripped.startswith("\\[") and not stripped.startswith("\\[^"):
            single = len(stripped) > 2 and (stripped.endswith("$$") and len(stripped) > 4 or stripped.endswith("\\]"))
            if not single:
                in_math = not in_math
            previous_blank = False
            continue
        if in_math:
            if stripped.endswith("$$") or stripped.endswith("\\]"):
                in_math = False
            continue
        if stripped.startswith("\\begin{"):
            in_math = True
            continue
        heading = _HEADING.match(original)
        summary = _SUMMARY.search(original) if "<" in original else None
        bold = _BOLD_LINE.fullmatch(original) if "**" in original or "__" in original else None
        if heading or summary or bold or REFERENCE_HEADING.match(line.text.strip()):
            title = (
                heading.group(2) if heading else summary.group(1) if summary else bold.group(1) if bold else line.text
            )
            title = re.sub(r"<[^>]+>|[*_`]", "", title).strip()
            if REFERENCE_HEADING.match(title):
                section_level = len(heading.group(1)) if heading else 7
                in_details = bool(summary)
                continue
            if heading:
                if section_level is not None and len(heading.group(1)) <= section_level:
                    section_level = None
                continue
            if summary:
                continue
        if in_details and _DETAILS_END.search(original):
            section_level, in_details = None, False
            continue
        indented_code = original.startswith(("    ", "\t")) and previous_blank and not in_list
        previous_blank = False
        in_list = bool(_BULLET.match(original) or _NUMBER.match(original)) or (in_list and original[:1] in " \t")
        if indented_code and not (_BULLET.match(original) or _NUMBER.match(original)):
            continue
        if _CODE_LINE.match(line.text) and not TYPE_MARKER.search(line.text):
            continue
        if section_level is None and not MAY_CITE.search(original):
            continue  # outside a reference list, every form below needs one of these characters
        text = raw_with_urls(line)
        quoted = stripped.startswith(">")
        if quoted:
            text = _QUOTE_PREFIX.sub("", text)
        footnote = _FOOTNOTE_DEF.match(unescape(text))
        if footnote:
            yield Candidate(line, unescape(footnote.group(2)), "footnote", "^" + footnote.group(1))
            continue
        link_def = _LINK_DEF.match(original)
        if link_def:
            label, url, title = link_def.groups()
            yield Candidate(line, f"{title or label}, {url}", "linkdef")
            continue
        if stripped.startswith("|") or stripped.count("|") >= 2 and stripped.endswith("|"):
            if _TABLE_SEPARATOR.match(stripped):
                continue
            for cell in _table_cells(line, line.original):  # the original: normalization drops link targets
                yield Candidate(line, cell, "table")
            continue
        if _is_math(line.text):
            continue
        text = _INLINE_MATH.sub(" ", text)
        if _CHANGELOG.match(line.text):
            continue
        number = _NUMBER.match(text)
        label = next((g for g in number.groups() if g), "") if number else ""
        bracket_numbered = _BRACKET_NUMBERED.match(text) is not None
        if (section_level is not None or bracket_numbered) and not quoted:
            # '[12] A. Vaswani et al., “Attention…”': a bracketed number opens a reference entry anywhere
            yield Candidate(line, unescape(text), "reference", label)
        elif quoted:
            if TYPE_MARKER.search(text):
                yield Candidate(line, unescape(text), "prose", label)
        else:
            yield Candidate(line, unescape(text), "prose", label)


def _table_cells(line: NormalizedLine, text: str) -> list[str]:
    """Cells of a table row that hold a reference-shaped string or a link to a paper."""
    cells = []
    for cell in text.strip().strip("|").split("|"):
        cell = cell.strip()
        if len(cell) < 12 or not re.search(r"[A-Za-z\u4e00-\u9fff]", cell):
            continue
        arxiv, doi, url = find_ids(cell)
        scholarly_link = bool(url) and any(host in url.lower() for host in SCHOLARLY_HOSTS)
        if TYPE_MARKER.search(cell) or arxiv or doi or _MAYBE_APA.search(cell) or scholarly_link:
            cells.append(unescape(cell))
    return cells


def raw_with_urls(line: NormalizedLine) -> str:
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


def link_citations(original: str, any_host: bool = False) -> Iterator[Citation]:
    """`[Attention Is All You Need](https://arxiv.org/abs/1706.03762)`: a link to a paper whose text
    is its title. Labels that are not titles (`查看更多`, `paper`, `PDF`) are not. `any_host`: in a
    reference list a link to any page is a cited work (not a scholarly one unless the host is)."""
    for match in _MD_LINK.finditer(original):
        label, url = match.group(1).strip(), match.group(2)
        lower = url.lower()
        scholarly_host = any(host in lower for host in SCHOLARLY_HOSTS)
        if not scholarly_host and not any_host:
            continue
        label = unescape(re.sub(r"[*_`]", "", label)).strip()
        if _GENERIC_LABEL.match(label) or re.fullmatch(r"[\d\s.:/v\-\[\]]+|arXiv[:\s]*\S*", label, re.I):
            continue
        words = re.findall(r"[A-Za-z][\w'’\-]*", label)
        if len(words) < 2 and len(CJK_CHAR.findall(label)) < 6:
            continue
        arxiv, doi, _ = find_ids(url)
        citation = Citation(title=label, url=url, arxiv=arxiv, doi=doi, style="link", scholarly=scholarly_host)
        if arxiv:
            citation.container = "arXiv preprint"
            citation.year = year_from_arxiv(arxiv)
        yield citation


# --------------------------------------------------------------------------- prose lines (hand rules)

_REFERENCE_NUMBER = re.compile(r"^(?:\[\d{1,4}\]|［\d{1,4}］|\d{1,4}\.(?=\s*[A-Z\u4e00-\u9fff]))\s*")
_NUMBERED = re.compile(r"^\(\d+\)|^（\d+）")
_LABEL_END = re.compile(r"[:：]\s*(?=[A-Z])")
_NOT_IN_LABEL = re.compile(r"[.\[\]\"“]")


def _drop_label(text: str) -> str:
    """Strip a Chinese lead-in before a reference ("其他参考:Sutton R. …"), in linear time."""
    forbidden = _NOT_IN_LABEL.search(text)
    limit = forbidden.start() if forbidden else len(text)
    first_cjk = CJK_CHAR.search(text, 0, limit)
    if first_cjk is None:
        return text
    end = None
    for match in _LABEL_END.finditer(text, first_cjk.end(), limit + 1):
        end = match.end()
    return text[end:] if end is not None else text


def mine_line(text: str, in_reading_list: bool) -> Iterator[Citation]:
    """All citations on one line of running text, each parser tried in order of confidence."""
    unlisted = text.strip().lstrip("-•*").strip()
    stripped = _REFERENCE_NUMBER.sub("", unlisted)
    listed = stripped != text.strip()  # a number or bullet before it: a list entry may be a reference
    if not stripped or not (re.search(r"[A-Za-z]", stripped) or TYPE_MARKER.search(stripped)):
        citation = parse_listed(stripped) if listed and stripped else None  # '3. 周飞燕. 标题. 计算机学报, 2017, …'
        if citation:
            yield citation
        return
    marked = TYPE_MARKER.search(stripped) is not None
    if _NUMBERED.match(stripped) and not marked:
        return  # a numbered list item
    if marked or (_QUOTE.search(stripped) and _MLA.search(stripped)):
        stripped = _drop_label(stripped)  # 合作性AI:Dafoe A, ... / 注:…:Hoffmann, Jordan, et al. …
    citation = (
        parse_gbt(stripped)
        or (parse_mla(stripped) if _QUOTE.search(stripped) else None)
        or (parse_apa(stripped) if _MAYBE_APA.search(stripped) else None)
        or (parse_listed(stripped) if listed else None)
    )
    if citation:
        yield citation
        return
    if URL.search(stripped):
        if _footnote_like(stripped):
            citation = parse_footnote(stripped)
            if citation:
                yield citation
            return
        stripped = URL.sub(" ", stripped)  # a sentence that links a page is not a reference to it
    yield from mentions(stripped, in_reading_list)


def _footnote_like(text: str) -> bool:
    """'Title, https://…', a bare URL, or a link to a paper; not a Chinese sentence around a link
    ('比赛的网址是 https://www.kaggle.com/…')."""
    url = URL.search(text)
    assert url is not None
    before = FOOTNOTE_BACKLINK.sub("", text[: url.start()]).strip()
    after = FOOTNOTE_BACKLINK.sub("", text[url.end() :]).strip()
    if any(host in url.group(0).lower() for host in SCHOLARLY_HOSTS):
        return not CJK_CHAR.search(before[-12:]) or len(before) < 40
    return not CJK_CHAR.search(before) and not CJK_CHAR.search(after)


_CITE_ROLE = re.compile(r":(?:cite|citet|citep|numref):`([^`]+)`|\[(@[\w:.\-]+(?:\s*;\s*@[\w:.\-]+)*)\]")
_KEY = re.compile(
    r"^(?P<names>[A-Za-z][\w\-']*(?:\.[A-Za-z][\w\-']*)*)\.(?P<year>(?:19|20)\d\d)[a-z]?$"
    r"|^(?P<family>[a-z]+)(?P<year2>(?:19|20)\d\d)[a-z]*$"
)


def cite_keys(original: str) -> Iterator[Citation]:
    """Citation keys in the text: Sphinx ':cite:`He.Zhang.Ren.ea.2016`' and pandoc '[@vaswani2017attention]'
    name a work by its authors and year even where the bibliography file is not at hand."""
    if ":cite" not in original and "[@" not in original:
        return
    for match in _CITE_ROLE.finditer(original):
        if match.group(0).startswith(":numref"):
            continue
        keys = match.group(1) or match.group(2)
        for key in re.split(r"\s*[,;]\s*", keys):
            key = key.strip().lstrip("@")
            parsed = _KEY.match(key)
            if not parsed:
                continue
            if parsed.group("names"):
                names = parsed.group("names").split(".")
                truncated = names[-1] == "ea"
                names = [n for n in names if n != "ea"]
                year = int(parsed.group("year"))
            else:
                names, truncated, year = [parsed.group("family").title()], False, int(parsed.group("year2"))
            yield Citation(title="", authors=[(n, "") for n in names], year=year, style="author-year", et_al=truncated)


def mine_reference(text: str) -> Citation | None:
    """A string the structure says is one reference entry (a reference section line, a footnote)."""
    text = strip_reference_number(text.strip().lstrip("-•*+").strip())
    text = _drop_label(text)  # '首选（期刊扩充版）：Goodfellow I, …': a reader's label is not part of it
    if len(text) < 8 or not re.search(rf"[A-Za-z{CJK}\u3040-\u30ff\uac00-\ud7af\u0400-\u04ff]", text):
        return None
    citation = parse_reference(text)
    if citation is None and URL.search(text):
        return parse_footnote(text)
    if citation is None or not is_work(citation, text):
        return parse_footnote(text) if URL.search(text) else None
    return citation


def is_work(citation: Citation, text: str) -> bool:
    """A parsed string is a cited work when it has a real title and something besides it."""
    title = citation.title
    if len(title) < 4 or len(title) > 300:
        return False
    if _GENERIC_LABEL.match(title) or re.fullmatch(r"[\d\W_]+", title):
        return False
    if not (
        citation.authors
        or citation.year
        or citation.container
        or citation.arxiv
        or citation.doi
        or citation.url
        or citation.type_marker
        or citation.publisher
    ):
        return False
    return not (citation.style == "reference" and not (citation.year or citation.arxiv or citation.doi or citation.url))


# --------------------------------------------------------------------------- mentions in running text

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
_MAYBE_YEAR = re.compile(r"(?:19|20)\d\d")
_MAYBE_MARKER = re.compile(r"[A-Za-z?!]\d{1,3}(?!\d)")
_MAYBE_CUE = re.compile("阅读|参照|参考|参见|来源于|见|前置工作|论文|文章|报告|一文|这篇")


def _clean_title(title: str) -> str:
    title = re.sub(r"(?<=[A-Za-z?!])\d{1,3}$", "", title.strip())  # a glued footnote marker
    return title.strip(" ,.:;\"“”'").strip()


def _title_like(title: str, min_words: int = 3, min_capitals: int = 2) -> bool:
    words = re.findall(r"[A-Za-z][\w'’\-]*", title)
    if len(words) < min_words or len(title) > 250 or CJK_CHAR.search(title):
        return False
    capitals = sum(1 for w in words if w[0].isupper())
    return capitals >= min_capitals and not re.search(r"\bet al\b", title)


def mentions(text: str, in_reading_list: bool) -> Iterator[Citation]:
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
        citation.et_al = "et al" in author or "等" in match.group(0)
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
        named = "一文" in match.group(0) or bool(match.group("title"))
        yield Citation(title=title, style="title" if in_reading_list or named else "mention")
    if in_reading_list and not seen and not CJK_CHAR.search(text):
        title = _clean_title(re.sub(r"\s*\((?:Chapter|Section|Part|pp?\.)[^)]*\)\s*$", "", text))
        if _title_like(title) and not title.endswith("?") and len(title.split()) >= 3:
            yield Citation(title=title, style="title", scholarly=False)
