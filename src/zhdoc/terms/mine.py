"""Mine one line or one document: run the rules, decide, and turn found spans into TermPairs."""

from __future__ import annotations

import re
from dataclasses import replace

from ..models import (
    TERM_MARKS,
    NormalizedDocument,
    NormalizedLine,
    Segment,
    TermPair,
)
from ..segment import tagged
from .boundary import _refine, tokenize_run
from .classify import classify
from .evidence import english_needs, inside_mark, satisfied, token_atoms
from .forms import (
    Found,
    _standalone_term,
    english_content_words,
    has_cjk,
    is_acronym,
    is_sentence,
    strip_quotes,
    valid_english,
)
from .rules import (
    CODE_OR_LINK,
    _letters_in,
    _translates_all,
    _translates_some,
    fold_key,
    mine_alternatives,
    mine_appositives,
    mine_brackets,
    mine_glued,
)
from .segments import mine_segment
from .words import _CJK_CHAR, _LATIN, CJK, DEMONSTRATIVES, NAME_DOTS, REFERENCE_TABLE_HEADERS, STOP_WORDS


def _valid_rendering(chinese: str) -> bool:
    cjk = len(_CJK_CHAR.findall(chinese))
    if cjk == 1 and len(chinese) == 1:
        return chinese not in STOP_WORDS and not any(
            pos.startswith(("v", "p", "c", "u", "r", "d")) for _, pos in tagged(chinese)
        )
    return cjk >= 1 and len(chinese) <= 24


CONTEXT_LIMIT = 400


def context_window(line: NormalizedLine, start: int, end: int, limit: int = CONTEXT_LIMIT) -> str:
    """The original line, or for a very long one a window around the gloss marked with …"""
    original = line.original.strip()
    if len(original) <= limit or start < 0:
        return original
    offset = len(line.original) - len(line.original.lstrip())
    first = max(0, line.source_index(start) - offset - limit // 2)
    last = min(len(original), line.source_index(max(end - 1, start)) - offset + limit // 2)
    return ("…" if first else "") + original[first:last] + ("…" if last < len(original) else "")


def _pairs_from(found: list[Found], line: NormalizedLine, doc: str) -> list[TermPair]:
    pairs: list[TermPair] = []
    seen: set[tuple[str, str, int]] = set()
    for item in found:
        chinese = re.sub(rf"(?<=[{CJK}])\s+(?=[A-Za-z])|(?<=[A-Za-z0-9])\s+(?=[{CJK}])", "", item.chinese.strip())
        english = re.sub(r"\s+", " ", item.english.strip())
        if not _valid_rendering(chinese) or not valid_english(english):
            continue
        key = (english, chinese, item.start)
        if key in seen:
            continue
        seen.add(key)
        original = line.original_span(item.start, item.end) if item.start >= 0 else chinese
        pairs.append(
            TermPair(
                english=english,
                chinese=chinese,
                kind=classify(english, chinese),
                doc=doc,
                line=line.number,
                pattern=f"{item.pattern}+{item.why}" if item.why else item.pattern,
                context=context_window(line, item.start, item.end),
                original=original,
            )
        )
    return pairs


_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?\s*$")  # |---|:-:| under a header (GFM)
_TABLE_ROW = re.compile(r"^\s*\|(.+)\|\s*$")


_GLOSSARY_LINE = re.compile(
    r"^\s*(?:[-*+•·]\s+|\d{1,3}[.)、]\s*)?(?P<a>[^:：—|]{1,80}?)\s*(?P<sep>[:：]|\s[—–-]{1,2}\s|——)\s*"
    r"(?P<b>[^:：|，,。；;]{1,80}?)\s*(?:[;；。.]?\s*$|[，,。；;]\s*(?P<note>[^|]{2,}))"
)


def _starts_in(line: str, text: str, marks: tuple, kinds: frozenset[str]) -> bool:
    """The text starts inside markup of these kinds (`ITSPartial` / `ITSPick`: two names in code)."""
    at = line.find(text)
    return at >= 0 and inside_mark(marks, at, at + 1, kinds)


# a lowerCamelCase name (className, linkBase, minHeight) in a list or table is an identifier from code
_CAMEL_IDENTIFIER = re.compile(r"^[a-z]{2,}(?:[A-Z][a-z0-9]*)+$")


def _term_cells(a: str, b: str, english_first: bool = False) -> tuple[str, str] | None:
    """(English, Chinese) when one side is only English and the other only a short Chinese term."""
    a, b = strip_quotes(a.strip(" *`")), strip_quotes(b.strip(" *`"))
    for english, chinese in ((a, b),) if english_first else ((a, b), (b, a)):
        if (
            valid_english(english)
            and not _CAMEL_IDENTIFIER.match(english)
            and not is_sentence(english)
            and len(english.split()) <= 6
            and re.fullmatch(f"[{CJK}{NAME_DOTS}]{{1,12}}", chinese)
            and chinese not in STOP_WORDS
            and tagged(chinese)[0][0] not in STOP_WORDS | DEMONSTRATIVES
        ):
            return english, chinese
    return None


_LINKING_WORDS = frozenset({"of", "for", "from", "with", "by", "in", "on", "to", "and", "about"})
_HEADING_PAIR = re.compile(
    rf"^\s*(?:#{{1,6}}\s*)?(?:\d{{1,3}}(?:\.\d{{1,3}})*\.?\s+)?"
    rf"(?:(?P<en>[A-Za-z](?:[A-Za-z0-9'’]|-(?! )| (?!-))*?)\s*(?P<zh>[{CJK}]{{2,12}})"
    rf"|(?P<zh2>[{CJK}]{{2,12}})\s*(?P<en2>[A-Za-z](?:[A-Za-z0-9'’]|-(?! )| (?!-))*?))\s*$"
)


def mine_heading_pair(line: str) -> list[Found]:
    """A line that is a term and its translation, nothing else: `## Reward Modeling 奖励建模`.
    The dictionary must connect them, so `Politics 进展总结` (a heading, not a gloss) is left alone."""
    match = _HEADING_PAIR.match(line)
    if not match:
        return []
    english = (match.group("en") or match.group("en2")).strip()
    chinese = match.group("zh") or match.group("zh2")
    words = english_content_words(english)
    if (
        not words
        or len(words) > 5
        or not valid_english(english)
        or is_sentence(english)
        or not _standalone_term(chinese)
    ):
        return []
    tokens = _refine(tokenize_run(chinese, 0))
    needs = english_needs((english,))
    if not needs or is_acronym(english) or re.search(r"[a-z][A-Z]", english):
        return []  # `ASCII 字符集`, `PyTorch 教程`: a name before a generic noun, not a translation
    atoms: set[str] = set()
    unaligned = 0
    for token in tokens:
        found = token_atoms(token, needs, characters=True)
        atoms |= found
        unaligned += not found and token.is_cjk and token.word not in STOP_WORDS
    covered = len(satisfied(atoms, needs))
    # the dictionary must connect them (`Unicode 编码示例`, `Politics 进展总结` are captions), and the
    # words it cannot connect pair off one to one (零样本提示 Zero-Shot Prompting: 样本/提示 for shot/prompting)
    if not covered or len(needs) - covered > unaligned:
        return []
    # a caption places its English somewhere (Calc 试算表中的图表: 'charts in Calc spreadsheets'): a
    # locative 中的/里的/上的 with no preposition in the English to match it
    if re.search("[中里上内]的", chinese) and not set(re.findall(r"[a-z]+", english.lower())) & _LINKING_WORDS:
        return []
    start = line.index(chinese)
    return [Found(english, chinese, start, start + len(chinese), "heading")]


_GLOSSARY_HEADER = re.compile(
    r"英文|英语|中文|汉语|译名|译法|译文|原文|翻译|术语|缩写|全称|\b(?:English|Chinese|Term|Terms|Translation|Abbreviation)\b",
    re.IGNORECASE,
)


def _cells_connected(english: str, chinese: str, every_word: bool = False) -> bool:
    """The dictionary ties the two cells: a word translated (`every_word`: all of them), or two
    letters of an acronym."""
    if is_acronym(english):
        return _letters_in(chinese, english)
    return _translates_all(chinese, [english]) if every_word else _translates_some(chinese, [english])


def _every_word_tied(chinese: str, english: str) -> bool:
    """Each content word of a long Chinese side translates some of the English: a gloss, not a
    description that adds objects and purposes (关闭+一个+文件描述符 for close)."""
    needs = english_needs((english,))
    if not needs:
        return False
    tokens = [t for t in _refine(tokenize_run(chinese, 0)) if t.word.strip() and t.word not in STOP_WORDS]
    return all(token_atoms(t, needs, characters=True) for t in tokens)


def glossary_tables(lines) -> dict[int, bool | None]:
    """For each table row (by line number), whether its table is a glossary: a header naming the
    languages or terms (| 英文 | 中文 |), or rows the dictionary ties in at least half the pairs.
    A table of packages or commands and their descriptions (| grc | 通用颜色生成器 |) is not; a
    table whose header names what its names do or hold (| 参数 | 说明 | 默认值 |) is a reference
    (None): its rows give no pairs at all."""
    decisions: dict[int, bool | None] = {}
    block: list = []
    for line in [*lines, None]:
        if line is not None and _TABLE_ROW.match(line.text):
            block.append(line)
            continue
        if block:
            header = block[0].text if len(block) > 1 and _TABLE_RULE.match(block[1].text) else ""
            glossary: bool | None = bool(header and _GLOSSARY_HEADER.search(header))
            if not glossary and header and _reference_header(header):
                glossary = None
            elif not glossary:
                pairs = [p for row in block for p in _row_pairs(row.text)]
                glossary = bool(pairs) and 2 * sum(_cells_connected(*p) for p in pairs) >= len(pairs)
            decisions.update((row.number, glossary) for row in block)
            block = []
    return decisions


_LIST_SEPARATOR = re.compile(r"[:：—–]|\s-")  # what _GLOSSARY_LINE's separator needs


def glossary_lists(lines) -> dict[int, bool]:
    """For each `term：translation` list line (by line number), whether its list is a glossary: the
    dictionary (or the author's emphasis of the term) ties more than half of its pairs. A list of
    names and what they are (- Tick - 快照行情, kill - 终止进程) is not: there, only lines the
    dictionary ties word for word are glosses."""
    decisions: dict[int, bool] = {}
    block: list[tuple[int, tuple[tuple[str, str], bool] | None]] = []
    for line in [*lines, None]:
        if line is not None and not line.text.strip():
            continue  # a loose list: blank lines between its items
        text = line.text if line is not None else ""
        # the separator checked first: a cheap test that most lines fail
        match = _GLOSSARY_LINE.match(text) if _LIST_SEPARATOR.search(text) and not _TABLE_ROW.match(text) else None
        if match:
            colon = match.group("sep").strip() in ":："
            pair = _term_cells(match.group("a"), match.group("b"), english_first=colon) if _LATIN.search(text) else None
            # tied: by the dictionary, or by the author, who set the term in bold or italics
            tied = pair is not None and (_cells_connected(*pair) or _starts_in(text, pair[0], line.marks, TERM_MARKS))
            block.append((line.number, None if pair is None else (pair, tied)))
            continue
        pairs = [entry for _, entry in block if entry]
        glossary = not pairs or 2 * sum(tied for _, tied in pairs) > len(pairs)
        decisions.update((number, glossary) for number, _ in block)
        block = []
    return decisions


def _reference_header(header: str) -> bool:
    cells = {cell.strip(" *`:") for cell in header.strip().strip("|").split("|")}
    return any(cell in REFERENCE_TABLE_HEADERS or cell.title() in REFERENCE_TABLE_HEADERS for cell in cells)


def _row_cells(text: str) -> tuple[str, list[str]] | None:
    """A table row's one English cell and its short Chinese cells, or None for any other row."""
    table = _TABLE_ROW.match(text)
    if not table:
        return None
    texts = [c for c in (cell.strip() for cell in table.group(1).split("|")) if c]
    english = [c for c in texts if valid_english(strip_quotes(c)) and not has_cjk(c)]
    chinese = [c for c in texts if re.fullmatch(f"[{CJK}{NAME_DOTS}]{{1,12}}", c)]
    return (english[0], chinese) if len(english) == 1 and chinese else None


def _row_pairs(text: str) -> list[tuple[str, str]]:
    cells = _row_cells(text)
    return [pair for c in cells[1] if (pair := _term_cells(cells[0], c))] if cells else []


def mine_list_line(line: str, glossary_table: bool | None = True, marks: tuple = ()) -> list[Found]:
    """Glossary tables and lists: `| Large Language Model | 大语言模型 |`, `- LLM：大语言模型`,
    `大语言模型 — Large Language Model`. The whole line (or cell pair) is the gloss.
    `glossary_table`: None for a row of a reference table (see glossary_tables)."""
    if _TABLE_ROW.match(line):
        cells = _row_cells(line) if glossary_table is not None else None
        if cells is None:
            return []
        english, chinese = cells
        at = line.find(english)
        if marks and inside_mark(marks, at, at + len(english), CODE_OR_LINK):
            return []  # | `systemctl poweroff` | 关闭系统 |: a command and what it does
        found = []
        for rendering in chinese:
            pair = _term_cells(english, rendering)
            if pair and not glossary_table and not _cells_connected(*pair, every_word=True):
                continue  # a row of a table of names and descriptions, not of terms
            if pair:
                start = line.index(rendering)
                found.append(Found(pair[0], pair[1], start, start + len(pair[1]), "table"))
        return found
    match = _GLOSSARY_LINE.match(line)
    if not match:
        return []
    # "LLM：大语言模型" is a gloss; "作者: John Smith" is a label and its value
    colon = match.group("sep").strip() in ":："
    pair = _term_cells(match.group("a"), match.group("b"), english_first=colon)
    if pair is None and colon:
        # "梯度下降：gradient descent" glosses when the dictionary connects the two sides
        pair = _term_cells(match.group("b"), match.group("a"), english_first=True)
        if pair is not None and not _translates_some(pair[1], [pair[0]]):
            pair = None
    if not pair or (match.group("note") and (pair[1] not in match.group("b") or not _standalone_term(pair[1]))):
        return []  # `- Tokenizer：分词器，把文本切成词元` glosses; a sentence after a label does not
    if marks and any(_starts_in(line, side, marks, CODE_OR_LINK) for side in pair):
        return []  # `- `scene`：场景图片`, `- [Usage](…): 运行程序`: a name in code or a link, and what it is
    if ("的" in pair[1] or len(pair[1]) > 8) and not _cells_connected(*pair):
        return []  # `Expression：要求值的任意表达式` describes a parameter; it does not translate it
    if len(pair[1]) > 4 and not is_acronym(pair[0]) and not _every_word_tied(pair[1], pair[0]):
        return []  # `printf - 格式化并显示数据`, `close - 关闭一个文件描述符`: what a command does
    if not glossary_table and not _cells_connected(*pair, every_word=True):
        return []  # a line of a list of names and what they are (see glossary_lists)
    start = line.index(pair[1], match.start("a") if pair[1] in match.group("a") else match.start("b"))
    return [Found(pair[0], pair[1], start, start + len(pair[1]), "list")]


def mine_line(
    line: NormalizedLine,
    doc_text: str = "",
    doc: str = "",
    known: dict[str, set[str]] | None = None,
    brackets: list[Found] | None = None,
    table_header: bool = False,
    glossary_table: bool | None = True,
) -> tuple[list[TermPair], list[Segment]]:
    """All glosses and segments of one line. `known`: renderings the document glosses elsewhere;
    `brackets`: this line's bracketed glosses when already mined."""
    text = line.text
    if not _LATIN.search(text) or not has_cjk(text):
        return [], []  # every gloss pairs a Chinese rendering with Latin letters
    found: list[Found] = list(mine_brackets(text, doc_text, line.marks)) if brackets is None else list(brackets)
    found.extend(mine_alternatives(text))
    found.extend(mine_appositives(text, doc_text, line.marks))
    found.extend(mine_glued(text, known, line.marks))
    if not found and not table_header:
        found.extend(mine_list_line(text, glossary_table, line.marks) or mine_heading_pair(text))
    segments = []
    if not found:
        segment, quote_pairs = mine_segment(text)
        if segment is not None:
            segments.append(Segment(segment.english, segment.chinese, doc, line.number))
            found.extend(quote_pairs)
    return _pairs_from(found, line, doc), segments


def _prefer_known(line: str, item: Found, known: dict[str, set[str]]) -> Found:
    """和强化学习(RL) after 强化学习(Reinforcement Learning, RL): a longer rendering the document
    glosses for the same English elsewhere, ending at the same place, is the better boundary."""
    if item.pattern != "bracket":
        return item
    for rendering in sorted(known.get(fold_key(item.english), ()), key=len, reverse=True):
        start = item.end - len(rendering)
        if len(rendering) > len(item.chinese) and start >= 0 and line[start : item.end] == rendering:
            return Found(item.english, rendering, start, item.end, item.pattern, "known")
    return item


def mine_document(document: NormalizedDocument) -> tuple[list[TermPair], list[Segment]]:
    """Two passes: bracketed glosses first, so that glued forms can lean on them."""
    doc_text = document.text
    meta = document.document
    known: dict[str, set[str]] = {}
    brackets: dict[int, list[Found]] = {}
    for line in document.lines:
        if "(" in line.text and _LATIN.search(line.text) and has_cjk(line.text):
            brackets[line.number] = list(mine_brackets(line.text, doc_text, line.marks))
            for item in brackets[line.number]:
                known.setdefault(fold_key(item.english), set()).add(item.chinese)
    texts = {line.number: line.text for line in document.lines}
    for number, found in brackets.items():
        brackets[number] = [_prefer_known(texts[number], item, known) for item in found]
    pairs: list[TermPair] = []
    segments: list[Segment] = []
    lines = document.lines
    tables = glossary_tables(lines) if "|" in doc_text else {}
    tables |= glossary_lists(lines)
    for index, line in enumerate(lines):
        if not _LATIN.search(line.text):
            continue  # the common case, decided here rather than in a call per line
        header = index + 1 < len(lines) and bool(_TABLE_RULE.match(lines[index + 1].text))
        line_pairs, line_segments = mine_line(
            line,
            doc_text,
            meta.path,
            known,
            brackets.get(line.number, []),
            table_header=header,
            glossary_table=tables.get(line.number, True),
        )
        pairs.extend(replace(pair, script=meta.script, region=meta.region) for pair in line_pairs)
        segments.extend(line_segments)
    return pairs, segments
