"""Where a rendering begins: the walk over jieba words that proposes a span, aligned with CC-CEDICT."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import lexicon
from ..segment import tagged
from .forms import _PERSON_EN, acronym_letters, english_content_words, has_cjk, in_order, is_acronym
from .words import (
    _CJK_CHAR,
    _LATIN,
    BOUND_PREFIXES,
    BOUND_SUFFIXES,
    CATEGORY_NOUNS,
    CIRCUMFIX,
    CJK,
    CONJUNCTIONS,
    DEMONSTRATIVES,
    FILLER_WORDS,
    GLUED_PARTICLES,
    GREEK,
    GREEK_NAMES,
    NAME_DOTS,
    ORDINAL,
    STOP_POS_PREFIXES,
    STOP_WORDS,
)


@dataclass
class Token:
    word: str
    pos: str
    start: int
    end: int

    @property
    def is_cjk(self) -> bool:
        return has_cjk(self.word)

    @property
    def is_latin(self) -> bool:
        return bool(_LATIN.search(self.word)) and not self.is_cjk


def tokenize_run(text: str, offset: int) -> list[Token]:
    result, position = [], offset
    for word, pos in tagged(text):
        result.append(Token(word, pos, position, position + len(word)))
        position += len(word)
    return result


def _refine(tokens: list[Token]) -> list[Token]:
    """Re-cut jieba's words for alignment.

    Bound morphemes join their word (可+解释性, 存在+性, 自+主体) and long unknown tokens
    (美国联邦贸易委员会) are split into dictionary words.
    """
    split: list[Token] = []
    for token in tokens:
        if (
            token.is_cjk
            and len(token.word) >= 2
            and token.word[0] in GLUED_PARTICLES
            and not lexicon.known(token.word)
            and lexicon.known(token.word[1:])
        ):  # jieba glued a particle to the next word: 采用了低秩 -> 了低/秩; cut it off
            split.append(Token(token.word[0], "ul", token.start, token.start + 1))
            token = Token(token.word[1:], "n", token.start + 1, token.end)
        if token.is_cjk and len(token.word) >= 4 and not lexicon.known(token.word):
            position = token.start
            for part in lexicon.split_compound(token.word):
                split.append(Token(part, token.pos if len(part) > 1 else "x?", position, position + len(part)))
                position += len(part)
        else:
            split.append(token)
    merged: list[Token] = []
    for token in split:
        if merged and token.is_cjk and merged[-1].is_cjk:
            last = merged[-1]
            if len(last.word) == 1 and len(token.word) == 1 and _loose_char(last) and _loose_char(token):
                merged[-1] = Token(last.word + token.word, "nz", last.start, token.end)  # 中/芯 -> 中芯
                continue
            if (len(last.word) == 1 and last.word in BOUND_PREFIXES) or (
                len(token.word) == 1 and token.word in BOUND_SUFFIXES and not _stop_token(last)
            ):
                pos = token.pos if len(last.word) == 1 else "n"
                merged[-1] = Token(last.word + token.word, pos, last.start, token.end)
                continue
        merged.append(token)
    return merged


def _loose_char(token: Token) -> bool:
    """A single character jieba could not attach: likely part of a name it did not know."""
    return (
        token.word not in STOP_WORDS
        and token.word not in BOUND_PREFIXES | BOUND_SUFFIXES
        and (token.pos in ("f", "ng", "nz", "n", "nr", "ns", "j", "x?") or not token.pos.startswith(STOP_POS_PREFIXES))
    )


def _aligns_word(token: Token, english_words: list[str], strict: bool = False) -> bool:
    """Whether a Chinese word translates one of the English words; `strict` leaves out matches
    inside a longer English word (安全 'security' in 'cybersecurity')."""
    if token.is_latin:
        return token.word.lower() in english_words
    zh_words = lexicon.english_words(token.word)
    return any(lexicon.words_match(zh_words, w, strict) for w in english_words)


def _letters_of(token: Token, remaining: str, strict: bool = False, compose: bool = False) -> str | None:
    """Which of the acronym's remaining letters this word supplies (None: none of them).

    A word supplies the initials of one of its dictionary translations (高性能 -> HP); unless
    `strict`, any translation's first letter will do.
    """
    if token.is_latin:
        word = token.word
        if word.isupper() and all(c in remaining for c in word):
            return word
        return word[0].upper() if word[0].upper() in remaining else None
    best = ""
    options = lexicon.initials(token.word)
    for option in options:
        exact = option[1:] if option.startswith("=") else option
        if exact and in_order(exact, remaining) and len(exact) > len(best):
            best = exact
    if best or strict:
        return best or None
    if compose and not options and len(token.word) > 1 and token.is_cjk:
        return _composed_letters(token.word, remaining)
    for option in lexicon.initials(token.word):  # 人工智能 (AI) when only I is left
        overlap = "".join(dict.fromkeys(c for c in option.lstrip("=") if c in remaining))
        if len(overlap) > len(best):
            best = overlap
    return best or None


def _composed_letters(word: str, remaining: str) -> str | None:
    """A word the dictionary does not have supplies letters through its parts, in order: 长短期 ->
    长 long, 短 short, 期 term (LSTM); 门控 -> 门 gate (GRU). Each part gives at most one
    letter, the first of one of its translations."""
    parts = lexicon.split_compound(word)
    if len(parts) < 2 or len(parts) > 4:
        return None
    firsts = [dict.fromkeys(o.lstrip("=")[0] for o in lexicon.initials(part) if o.lstrip("=")) for part in parts]

    def longest(index: int, left: str) -> str:
        if index == len(firsts):
            return ""
        best = longest(index + 1, left)  # this part stands for no letter
        for letter in firsts[index]:
            at = left.find(letter)
            if at >= 0:
                found = letter + longest(index + 1, left[at + 1 :])
                if len(found) > len(best):
                    best = found
        return best

    return longest(0, remaining) or None


def _stop_token(token: Token) -> bool:
    if token.word in STOP_WORDS:
        return True
    return token.pos.startswith(STOP_POS_PREFIXES) and token.word not in NAME_DOTS and token.pos != "x?"


_RUN_TAIL = re.compile(f"[{CJK}{NAME_DOTS}A-Za-z0-9 \\-]*$")


def _left_run(line: str, end: int) -> tuple[str, int]:
    """The run of Chinese (and embedded Latin words) that ends at `end`."""
    start = _RUN_TAIL.search(line, max(0, end - 200), end).start()  # bounded: linear over a line
    while start < end and not _CJK_CHAR.match(line[start]):
        start += 1  # a rendering starts with Chinese
    return line[start:end], start


def rendering_before(line: str, end: int, english_forms: list[str], doc_text: str = "") -> tuple[int, int] | None:
    """Where the rendering that ends at `end` begins; None when there is none.

    The walk goes leftwards over jieba words from the head (the last word, always kept) and stops
    at function words; an acronym is aligned letter by letter (国家高性能计算(HPC) -> 高性能计算),
    words by their dictionary translations (人类生存风险(Existential Risk) -> 生存风险).
    """
    while end > 0 and line[end - 1] == " ":
        end -= 1
    run, run_start = _left_run(line, end)
    if not run or not has_cjk(run):
        return None
    tokens = [t for t in _refine(tokenize_run(run, run_start)) if t.word.strip()]
    if not tokens:
        return None
    if any(c in NAME_DOTS for c in run):
        return _name_span([t for t in tokenize_run(run, run_start) if t.word.strip()])
    acronyms = [f for f in english_forms if is_acronym(f)]
    words = [w for f in english_forms if not is_acronym(f) for w in english_content_words(f)]
    last = tokens[-1]
    if (
        english_forms
        and all(_PERSON_EN.match(f) for f in english_forms)
        and last.is_cjk
        and last.pos.startswith("nr")
        and not any(len(p) > 1 for p in lexicon.split_compound(last.word))
    ):
        return last.start, last.end  # 首席科学家杨立昆(Yann LeCun): the name, not the title before it
    span = None
    if acronyms and not words:
        numbered = any(c.isdigit() for c in acronyms[0])
        # R-CNN, Bi-LSTM: the letters before the hyphen modify a shorter term that may recur alone
        modifier = acronym_letters(acronyms[0].split("-")[0]) if "-" in acronyms[0] else ""
        span = _acronym_span(tokens, acronym_letters(acronyms[0]), doc_text, numbered, modifier=modifier)
        if span is None:  # only then the weaker evidence of words the dictionary lacks, read by parts
            span = _acronym_span(
                tokens, acronym_letters(acronyms[0]), doc_text, numbered, compose=True, modifier=modifier
            )
        if span is not None:
            span = _dictionary_acronym_word(line, run_start, span, acronym_letters(acronyms[0]))
    if span is None and acronyms and not words:
        # no letter of the acronym is explained: only a name the dictionary does not know can be its
        # rendering (英伟达(NVIDIA)), not a common word (最新的模型(GPT-4) describes, it does not translate)
        span = _word_span(tokens, words, single_word=False)
        inside = [t for t in tokens if span and span[0] <= t.start < span[1]]
        if span is not None and (
            _common_word(line[span[0] : span[1]]) or (inside and all(_common_word(t.word) for t in inside))
        ):
            return None  # 颜色通道(RGB): common words that say what the letters stand for, not their names
    span = span or _word_span(tokens, words, single_word=len(words) == 1)
    if span and len(words) == 1 and not acronyms:
        span = _dictionary_resplit(run, run_start, span, tokens, words) or span
    if span and not acronyms and _product_name(english_forms):
        inside = [t for t in tokens if span[0] <= t.start < span[1]]
        head_word = inside[-1] if inside else None
        category = head_word is not None and _common_word(head_word.word) and head_word.pos in ("n", "vn", "nz")
        if category and not any(_aligns_word(t, words) for t in inside):
            return None  # 聊天机器人(ChatGPT), 深度学习框架(PyTorch): the Chinese says what the named thing is
    if span and _describes_kind(tokens, span, acronyms, words):
        return None  # 颜色生成器 (Python), C 程序（gcc）, 程序 (GTK): a kind of thing, not the name's rendering
    if span and _anaphoric(tokens, span, acronyms, words):
        return None
    return literal_prefix(line, _drop_glued_particle(line, span, tokens), english_forms)


_LITERAL_BEFORE = re.compile(f"(?<![A-Za-z0-9{GREEK}])([0-9]{{1,3}}|[{GREEK}]|[A-Za-z])-?$")


def literal_prefix(line: str, span: tuple[int, int] | None, english_forms: list[str]) -> tuple[int, int] | None:
    """2型糖尿病(type 2 diabetes), α-螺旋(alpha helix), 5-羟色胺(5-hydroxytryptamine), k-均值(k-means):
    a number, a Greek letter or a single Latin letter right before the span (with its hyphen) that
    the English writes too, as itself or by name, is part of the term."""
    if span is None:
        return None
    match = _LITERAL_BEFORE.search(line, max(0, span[0] - 5), span[0])
    if match is None:
        return span
    literal = match.group(1)
    written = {w for form in english_forms for w in re.findall(f"[A-Za-z]+|[0-9]+|[{GREEK}]", form)}
    if literal in written or GREEK_NAMES.get(literal, "\0") in {w.lower() for w in written}:
        return match.start(), span[1]
    return span


def _dictionary_acronym_word(line: str, run_start: int, span: tuple[int, int], letters: str) -> tuple[int, int]:
    """国内+生产总值(GDP): jieba cut a dictionary word the dictionary itself gives for the acronym;
    the whole word is the rendering."""
    for start in range(max(run_start, span[0] - 4), span[0]):
        word = line[start : span[1]]
        if lexicon.known(word) and any(option.lstrip("=") == letters for option in lexicon.initials(word)):
            return start, span[1]
    return span


def _describes_kind(tokens: list[Token], span: tuple[int, int], acronyms: list[str], words: list[str]) -> bool:
    """A span headed by a word for a kind of thing (程序, 工具, 库, …生成器) that translates none of the
    English words and explains no letter of the acronym describes the named thing."""
    inside = [t for t in tokens if span[0] <= t.start < span[1]]
    if not inside or not _is_category(inside[-1].word):
        return False
    if any(t.pos.startswith(("nr", "ns", "nt", "nz")) for t in inside[:-1]):
        return False  # 谷歌浏览器（Chrome）: a proper name before the kind makes a name, not a description
    parts = [Token(p, t.pos, 0, 0) for t in inside for p in dict.fromkeys([t.word, *lexicon.split_compound(t.word)])]
    if words and any(_aligns_word(t, words) for t in parts):
        return False
    letters = acronym_letters(acronyms[0]) if acronyms else ""
    return not (letters and any(_letters_of(t, letters, strict=True) for t in inside))


def _is_category(word: str) -> bool:
    return (
        word in CATEGORY_NOUNS
        or word.endswith("器")
        or any(word.endswith(noun) for noun in CATEGORY_NOUNS if len(noun) > 1 and len(word) > len(noun))
    )


def _product_name(forms: list[str]) -> bool:
    """ChatGPT, PyTorch, GPT-4, Llama 2: a name with inner capitals or a number, not a word."""
    return bool(forms) and all(re.search(r"[a-z][A-Z]|\d", f) for f in forms)


def _common_word(text: str) -> bool:
    """A dictionary word that is not a name: 模型, 系统, 框架."""
    return (
        lexicon.known(text)
        and not lexicon.is_proper_name(text)
        and not re.search(r"[A-Z]", " ".join(lexicon.definitions(text)[:1]))
    )


def _dictionary_resplit(
    run: str, run_start: int, span: tuple[int, int], tokens: list[Token], words: list[str]
) -> tuple[int, int] | None:
    """When jieba's words translate nothing of a one-word English form, look for a dictionary cut
    of the run's tail that starts with a word that does: 模型的参/数量(parameters) -> 参数量."""
    inside = [t for t in tokens if span[0] <= t.start < span[1]]
    if any(_aligns_word(t, words) for t in inside):
        return None
    end = span[1] - run_start
    for start in range(max(0, end - 6), span[0] - run_start):  # only ever extends the span leftwards
        parts = lexicon.split_compound(run[start:end])
        if len(parts[0]) > 1 and _aligns_word(Token(parts[0], "n", 0, 0), words) and len(parts) <= 2:
            return run_start + start, span[1]
    return None


def _anaphoric(tokens: list[Token], span: tuple[int, int], acronyms: list[str], words: list[str]) -> bool:
    """该指标(BLEU): a demonstrative and a word that translates nothing of the English refers back
    to the thing the English names; it is not a rendering of it."""
    inside = [t for t in tokens if span[0] <= t.start < span[1]]
    before = [t for t in tokens if t.end <= span[0] and t.word.strip()]
    if not before or before[-1].word not in DEMONSTRATIVES:
        return False
    if words:
        return not any(_aligns_word(t, words) for t in inside)
    letters = acronym_letters(acronyms[0]) if acronyms else ""
    return not any(_letters_of(t, letters, strict=True) for t in inside)


def _drop_glued_particle(line: str, span: tuple[int, int] | None, tokens: list[Token]) -> tuple[int, int] | None:
    """jieba sometimes glues a particle to the next word (使用了低秩适应 -> 了低/秩/适应)."""
    if span is None:
        return None
    first = next((t for t in tokens if t.start <= span[0] < t.end), None)
    if (
        first is not None
        and first.start == span[0]
        and len(first.word) >= 2
        and first.word[0] in GLUED_PARTICLES
        and not lexicon.known(first.word)
        and span[1] - span[0] > 2
    ):
        return span[0] + 1, span[1]
    return span


def _name_span(tokens: list[Token]) -> tuple[int, int] | None:
    """亚历克斯·塔姆金: the parts between name dots whole, the first part as far as name-like words go."""
    dots = [i for i, t in enumerate(tokens) if t.word in NAME_DOTS]
    last = len(tokens) - 1
    if not dots or dots[-1] == last or not all(t.is_cjk for t in tokens[dots[-1] + 1 :]):
        return None
    first_dot = dots[0]
    for a, b in zip(dots, dots[1:], strict=False):
        if not all(t.is_cjk for t in tokens[a + 1 : b]):
            first_dot = b
    start = first_dot
    length = 0
    while start - 1 >= 0:
        token = tokens[start - 1]
        if not token.is_cjk or token.word in STOP_WORDS or length >= 4:
            break
        opens_run = start - 1 == 0  # nothing before it could claim it (阿+马蒂亚·森 at a clause start)
        if len(token.word) == 1 and (
            (token.pos.startswith(STOP_POS_PREFIXES) and token.pos != "j") or (length >= 2 and not opens_run)
        ):
            break  # a lone character joins only a short piece (阿曼+达), not a whole name (之父+理查德)
        name_like = token.pos.startswith(("nr", "ns", "nz", "j")) or not lexicon.known(token.word)
        if len(token.word) > 1 and not (name_like or lexicon.is_proper_name(token.word)):
            break
        length += len(token.word)
        start -= 1
    if start == first_dot:
        return None
    return tokens[start].start, tokens[last].end


def _acronym_span(
    tokens: list[Token],
    letters: str,
    doc_text: str,
    numbered: bool = False,
    compose: bool = False,
    modifier: str = "",
) -> tuple[int, int] | None:
    """Align an acronym's letters with the words before it, right to left, in any order.

    Fillers (的, 中, 与, 进行) may sit inside; one word the dictionary cannot explain is allowed when
    a word further left supplies letters again (强化 in 基于人类反馈的强化学习(RLHF)).
    """
    remaining = letters
    index = len(tokens) - 1
    included = index
    misses = 0
    head = True
    weak = False
    unexplained = len(tokens) - 1
    modifier_at: int | None = None
    unknown_words = 0  # words the dictionary lacks, inside the span: each may stand for a letter
    after_preposition = False  # the last word passed was a preposition among the fillers (在, 对, 于)
    while index >= 0 and remaining:
        if unknown_words and len(remaining) <= unknown_words and remaining != letters:
            break  # 常用+区域卷积神经网络(R-CNN): the C is 卷积's, not that of a word further left
        token = tokens[index]
        if not token.is_cjk and not token.is_latin:
            break
        function_word = token.is_cjk and (token.word in FILLER_WORDS or token.word in STOP_WORDS or _stop_token(token))
        if after_preposition and token.pos.startswith("v"):
            break  # 确定+在+配置数据库(CMDB): a verb before a preposition opens a clause, not the name
        supplied = None if (function_word and not head) else _letters_of(token, remaining, compose=compose)
        if supplied:
            remaining = _drop(remaining, supplied)
            if modifier and set(supplied) & set(modifier):
                modifier_at = index
            included = index
        elif token.is_latin:
            break
        elif token.word in FILLER_WORDS and not head:
            after_preposition = token.pos.startswith("p") and token.word not in CONJUNCTIONS  # not 与 of 竞争与市场
            head = False
            index -= 1
            continue
        elif head or (not lexicon.known(token.word) and not _stop_token(token)):
            included = index  # the head, or a name-like word (中芯)
            weak = True
            unexplained = index
            if not head and not lexicon.known(token.word):
                unknown_words += 1
        elif misses == 0 and not _stop_token(token) and token.word not in STOP_WORDS:
            following = next((t for t in reversed(tokens[:index]) if t.word not in FILLER_WORDS), None)
            if following is not None and following.is_cjk and _letters_of(following, remaining, compose=compose):
                misses += 1  # stands for one letter we cannot name
                included = index
            else:
                break
        else:
            break
        head = after_preposition = False
        index -= 1
    if remaining == letters:
        return None
    if len(remaining) <= misses:
        remaining = ""
    start = included
    if start > 0 and numbered and ORDINAL.match(tokens[start - 1].word):
        start -= 1  # 第九届对话技术挑战赛 (DSTC9): the number belongs to the name
    if start > 0:
        before = tokens[start - 1].word
        inner = {t.word for t in tokens[start:]}
        if before in CIRCUMFIX and inner & set(CIRCUMFIX[before]):
            start -= 1
    if remaining and len(remaining) > len(letters) / 2:
        return None
    span_text = "".join(t.word for t in tokens[start:])
    if doc_text and weak and len(span_text) > len(letters) + 2:
        # the recurring tail must keep the words the dictionary could not explain (中芯 in
        # 中芯国际), or it would drop the very name part (卷积 of 卷积神经网络)
        shorter = _recurring_suffix(tokens[start:], doc_text, latest_start=unexplained - start)
        if shorter is not None and modifier_at is not None and tokens[modifier_at].start < shorter[0]:
            shorter = None  # 区域卷积神经网络(R-CNN): 卷积神经网络 recurs as CNN, the R must stay
        if shorter is not None:
            return shorter
    return tokens[start].start, tokens[-1].end


def _drop(remaining: str, supplied: str) -> str:
    for letter in supplied:
        remaining = remaining.replace(letter, "", 1)
    return remaining


def _recurring_suffix(tokens: list[Token], doc_text: str, latest_start: int | None = None) -> tuple[int, int] | None:
    """In a long span, the longest tail that the document uses elsewhere as a unit (中芯国际)."""
    whole = "".join(t.word for t in tokens)
    last = len(tokens) if latest_start is None else min(len(tokens), latest_start + 1)
    for i in range(1, last):
        tail = "".join(t.word for t in tokens[i:])
        if len(tail) < 3 or lexicon.known(tail) and len(tail) < 4:
            continue
        if doc_text.count(tail) - doc_text.count(whole) >= 1:
            return tokens[i].start, tokens[-1].end
    return None


def _across_filler(tokens: list[Token], index: int, words: list[str], span: list[Token]) -> int | None:
    """Where the rendering starts if it continues past the filler at `index`: the words before
    the filler must translate English words the span has not accounted for yet."""
    missing = [w for w in words if not any(_aligns_word(t, [w]) for t in span)]
    position, found = index - 1, False
    while position >= 0 and tokens[position].is_cjk and tokens[position].word not in STOP_WORDS:
        if _aligns_word(tokens[position], missing):
            found = True
        elif _stop_token(tokens[position]) or lexicon.known(tokens[position].word):
            break
        position -= 1
    if not found:
        return None
    start = position + 1
    while start < index and not _aligns_word(tokens[start], missing):
        start += 1  # no unexplained words at the front
    before = tokens[start - 1].word if start > 0 else ""
    if before in CIRCUMFIX and tokens[index].word in CIRCUMFIX[before]:
        start -= 1  # 基于…的, 从…中
    return start


def _covered(span: list[Token], words: list[str]) -> bool:
    return all(any(_aligns_word(t, [w]) for t in span) for w in words)


def _word_span(tokens: list[Token], words: list[str], single_word: bool) -> tuple[int, int] | None:
    index = len(tokens) - 1
    head = tokens[index]
    if head.is_latin and index and tokens[index - 1].is_cjk and len(head.word) <= 3 and _aligns_word(head, words):
        index -= 1  # 维生素D(vitamin D), 维生素 B12: a short Latin tail the English writes too ends the term
        head = tokens[index]
    if not head.is_cjk or head.word in STOP_WORDS:
        return None
    start = index
    index -= 1
    while index >= 0:
        token = tokens[index]
        aligned = _aligns_word(token, words)
        if token.word in CONJUNCTIONS and start == len(tokens) - 1 and index == 1 and tokens[0].is_cjk:
            if not _stop_token(tokens[0]) and tokens[0].word not in STOP_WORDS:
                start = 0  # 诱导与操纵(Persuasion): a coordinated pair standing alone
            break
        if token.word in FILLER_WORDS and len(words) >= 2 and not _covered(tokens[start:], words):
            reach = _across_filler(tokens, index, words, tokens[start:])
            if reach is not None:  # 基于人类反馈的强化学习(Reinforcement Learning from Human Feedback)
                start, index = reach, reach - 1
                break
        if token.is_latin:
            if not aligned:
                break
        elif not token.is_cjk or token.word in STOP_WORDS or (_stop_token(token) and not aligned):
            break
        elif token.pos.startswith("v") and not aligned and (len(words) < 2 or _covered(tokens[start:], words)):
            break  # a verb only joins while English words are still unaccounted for (提示工程)
        start = index
        index -= 1
    span = tokens[start:]
    # drop leading dictionary words that translate none of the English words, as long as the rest
    # still accounts for every English word (人类生存风险 -> 生存风险, 存储嵌入(embeddings) -> 嵌入)
    while len(span) > 1 and span[0].is_cjk and lexicon.known(span[0].word) and not _aligns_word(span[0], words):
        rest = span[1:]
        if words and all(any(_aligns_word(t, [w], strict=len(words) == 1) for t in rest) for w in words):
            span = rest
        else:
            break
    while len(span) > 1 and (span[0].is_latin or span[0].word in NAME_DOTS):
        span = span[1:]
    if not span[0].is_cjk:
        return None
    limit = max(6, 4 * max(len(words), 1) + 2)
    while len(span) > 1 and sum(len(t.word) for t in span) > limit:
        span = span[1:]
    return span[0].start, span[-1].end
