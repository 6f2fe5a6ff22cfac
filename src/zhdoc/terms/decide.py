"""Decide where a rendering begins, from the candidates and their evidence.

The walk (boundary.rendering_before) proposes a span from jieba's words; the evidence then moves its
left edge, and says why:
- ``markup``: the author emphasised or defined exactly this span (*过拟合*（overfitting）);
- ``coverage``: the English asks for more than the span translates, and the words just before it
  supply what is missing (快速排序(quick sort), 双线性插值(bilinear …), 过拟合(overfitting),
  偏差-方差权衡, Z缓冲(Z-buffer)); or the span starts with words that translate nothing and the rest
  translates everything (将结果正规化(Normalize) -> 正规化);
- ``clause``: the span starts with a clause — a verb or function word and what precedes it — that
  translates nothing (可分为连通图 -> 连通图, 表示学习率 -> 学习率);
- ``recurrence``: in the document the span is never a free unit: every use has the same character
  before it (退法 is always 暂退法).
"""

from __future__ import annotations

import re

from .. import lexicon
from .boundary import _RUN_TAIL, Token, _drop, _letters_of, _refine, rendering_before, tokenize_run
from .evidence import (
    english_needs,
    is_function_token,
    missing_atoms,
    recurrence,
    satisfied,
    term_mark_ending_at,
    token_atoms,
)
from .forms import acronym_letters, english_content_words, is_acronym
from .words import (
    _CJK_CHAR,
    BOUND_PREFIXES,
    BOUND_SUFFIXES,
    CIRCUMFIX,
    CJK,
    FILLER_WORDS,
    GLUED_PARTICLES,
    NAME_DOTS,
    STOP_WORDS,
)

MAX_EXTENSION_TOKENS = 4
CLAUSE_POS = ("v", "d", "p", "c", "u", "r", "y")
HYPHENS = frozenset("-–‐")


def choose_span(
    line: str, end: int, forms: list[str], doc_text: str = "", marks: tuple = ()
) -> tuple[int, int, str] | None:
    """(start, end, why) of the rendering ending at `end` (before a bracket), or None."""
    mark = term_mark_ending_at(marks, line, end)
    if mark is not None:
        return mark.start, mark.end, "markup"
    named = named_after_cue(line, end)
    if named is not None:
        return named[0], named[1], "cue"
    walk = rendering_before(line, end, forms, doc_text)
    if walk is None:
        return None
    if any(c in NAME_DOTS for c in line[walk[0] : walk[1]]):
        return walk[0], walk[1], ""
    needs = english_needs(tuple(forms))
    run_start = _RUN_TAIL.search(line, max(0, walk[0] - 60), walk[0]).start()
    run = line[run_start : walk[0]]  # Latin may open the term: Nadaraya-Watson核回归
    left = [t for t in tokenize_run(run, run_start) if t.word.strip()] if run else []
    plain = _split_unknown([t for t in tokenize_run(line[walk[0] : walk[1]], walk[0]) if t.word.strip()])
    span_tokens = [t for t in _refine(plain) if t.word.strip()]
    if not span_tokens:
        return walk[0], walk[1], ""
    acronyms = [f for f in forms if is_acronym(f)]
    if not needs:
        start, why = (
            _extend_letters(left, span_tokens, acronym_letters(acronyms[0]), doc_text) if acronyms else (None, "")
        )
    else:
        names = name_words(forms)
        start, why = _extend(left, span_tokens, needs)
        if start is None:  # jieba's own words first: refining glues loose characters (到+不)
            start, why = _trim(plain, needs, doc_text, names)
        if start is None and len(plain) != len(span_tokens):
            start, why = _trim(span_tokens, needs, doc_text, names)
        if start is None:
            start, why = _disposal(left, span_tokens, needs)
    if start is None:
        start, why = walk[0], ""
    if needs:
        start, why = _with_possessive(left + span_tokens, start, why, needs)
    grown = False
    if not needs or len(satisfied(_atoms(_tokens_from(left + span_tokens, start), needs), needs)) < len(needs):
        start, grown = _grow_bound_piece(line, start, walk[1], doc_text)
    if grown:
        why = "+".join(filter(None, [why, "recurrence"]))
    opened = _mark_opened_inside(marks, start, walk[1])
    # only at a word's start: a traditional text's phrase conversion can shift a mark's edge into a
    # word (程序間通訊 -> 进程间通信 puts the link's start at 程)
    if opened is not None and any(t.start == opened for t in left + span_tokens):
        start, why = opened, "+".join(filter(None, [why, "markup"]))
    return start, walk[1], why


def _mark_opened_inside(marks: tuple, start: int, end: int) -> int | None:
    """带有[可扩展固件接口（Unified …）](url): markup the author opened inside the span and closed
    after the gloss holds the term with its gloss; where it opens, the term starts."""
    inside = [m.start for m in marks if start < m.start < end < m.end]
    return max(inside) if inside else None


_NAMING_CUE = re.compile("(?:称为|称作|称之为|叫做|叫作|名为|命名为)\\s*[:：]?\\s*")
_NAMED = re.compile(f"[{CJK}A-Za-z0-9·\\- ]{{2,12}}")


def named_after_cue(line: str, end: int) -> tuple[int, int] | None:
    """我们把它叫做守护进程（daemon）: after a verb of naming (称为, 叫做, 名为) the author writes the
    term and its gloss; the span from the verb to the bracket is the term when it is a short name
    (no function word, no punctuation), even where the dictionary explains none of the English."""
    cues = list(_NAMING_CUE.finditer(line, max(0, end - 16), end))
    if not cues:
        return None
    cue = cues[-1]
    start, stop = cue.end(), end
    while stop > start and line[stop - 1] in " \"'“”「」『』":
        stop -= 1
    while start < stop and line[start] in " \"'“”「」『』":
        start += 1
    name = line[start:stop]
    if not _NAMED.fullmatch(name) or len(_CJK_CHAR.findall(name)) < 2 or not _CJK_CHAR.match(name):
        return None
    if any(t.word in STOP_WORDS or t.pos.startswith(("p", "c", "u", "r")) for t in tokenize_run(name, start)):
        return None
    return start, stop


def _with_possessive(tokens: list[Token], start: int, why: str, needs) -> tuple[int, str]:
    """有监督学习(supervised learning), 有向无环图(directed acyclic graph): Chinese makes an English
    participle adjective of 有 ('having') and the morpheme the English stem translates; the 有 right
    before a span whose first word supplies an English -ed or -ful word is part of the term."""
    index = next((i for i, token in enumerate(tokens) if token.start == start), 0)
    if not index:
        return start, why
    before, first = tokens[index - 1], tokens[index]
    if before.word != "有" or before.end != first.start:
        return start, why
    supplied = token_atoms(first, needs, characters=True)
    if any(need.word in supplied and need.word.endswith(("ed", "ful")) for need in needs):
        return before.start, "+".join(filter(None, [why, "coverage"])) if why != "coverage" else why
    return start, why


def name_words(forms: list[str]) -> frozenset[str]:
    """English words no dictionary translates: names capitalised inside a lowercase phrase (Zipf's
    law), and mixed-case or upper-case short forms (CoT in uncertainty-routed CoT)."""
    names: set[str] = set()
    for form in forms:
        if " " in form and form.isupper():
            continue  # ECHO AREA: words set in capitals (a heading's style), not names
        words = re.findall(r"[A-Za-z][A-Za-z']*", form)
        lower = any(w[0].islower() for w in words if w.lower() in english_content_words(form))
        for word in words:
            if (lower and word[0].isupper()) or (len(word) > 1 and word[1:] != word[1:].lower()):
                names.add(word.lower().removesuffix("'s"))
    return frozenset(names)


def _tokens_from(tokens: list[Token], start: int) -> list[Token]:
    return [t for t in tokens if t.start >= start]


def _split_unknown(tokens: list[Token]) -> list[Token]:
    """多通道 is one jieba word but not a dictionary word: cut it into dictionary words (多/通道) so a
    prefix the English does not ask for can be dropped."""
    result: list[Token] = []
    for token in tokens:
        if token.is_cjk and len(token.word) >= 3 and not lexicon.known(token.word):
            position = token.start
            for part in lexicon.split_compound(token.word):
                result.append(Token(part, token.pos, position, position + len(part)))
                position += len(part)
        else:
            result.append(token)
    return result


def _content(token: Token) -> bool:
    """A word that carries meaning (nouns, verbs, adjectives), counted against the English words."""
    return (
        token.is_cjk
        and token.word not in STOP_WORDS
        and token.word not in BOUND_SUFFIXES
        and not token.pos.startswith(("p", "c", "u", "r", "y", "d"))
    )


def _atoms(tokens: list[Token], needs, characters: bool = False) -> set[str]:
    atoms: set[str] = set()
    for token in tokens:
        atoms |= token_atoms(token, needs, characters)
    return atoms


def _extend(left: list[Token], span: list[Token], needs) -> tuple[int | None, str]:
    """Move the left edge over words that supply what the English still needs, passing on the way
    one word (or hyphen) that supplies nothing (缓存未命中(cache miss) passes 未), or one fewer than
    the English words still unexplained when that is more."""
    atoms = _atoms(span, needs)
    if len(satisfied(atoms, needs)) == len(needs):
        return None, ""
    best: int | None = None
    passed = 0
    window = left[-(MAX_EXTENSION_TOKENS + 1) :]
    for index in range(len(window) - 1, -1, -1):
        token = window[index]
        if token.word in HYPHENS:
            continue
        if token.word.isdigit() and index + 1 < len(window) and window[index + 1].word in HYPHENS:
            continue  # 5-羟色胺: a locant glued to the name by its hyphen goes with the name
        if not (token.is_cjk or token.is_latin):
            break
        missing = missing_atoms(atoms, needs)
        got = token_atoms(token, needs, characters=token.is_cjk) & missing
        if not got and not passed:
            got = _half_next_to_span(token, needs, missing)
        if got:
            atoms |= got
            best, passed = token.start, 0
            if len(token.word) > 1 and token.word[0] in GLUED_PARTICLES and not lexicon.known(token.word):
                rest = Token(token.word[1:], token.pos, token.start + 1, token.end)
                if got <= token_atoms(rest, needs, characters=True):
                    best += 1  # 出现了过拟合: jieba glued 了 to 过; the particle is not part of the term
            if len(satisfied(atoms, needs)) == len(needs):
                break
            continue
        # each English word the dictionary leaves unexplained may be one of the words passed on the
        # way (羟色胺 and 再 for serotonin and reuptake in 选择性5-羟色胺再摄取抑制剂), but at least one
        # word must remain for the word further left to supply
        budget = max(1, len(missing_atoms(atoms, needs)) - 1)
        if passed >= budget or token.is_latin or token.word in STOP_WORDS or token.word in FILLER_WORDS:
            break  # 狗的品种识别(ImageNet Dogs): 的 closes a description, it is not inside a name
        passed += 1
    return (best, "coverage") if best is not None else (None, "")


def _half_next_to_span(token: Token, needs, missing: frozenset[str]) -> set[str]:
    """Right next to the span, half of an English word nothing supplies yet counts: the stem (向 for
    the directed of undirected), or the prefix when the word's first character carries it, as a
    Chinese prefix morpheme does (无偏 for the un- of unbiased, 自动 for the auto- of autocommit; not
    讨论 'to talk over' for the over- of oversight)."""
    if not token.is_cjk:
        return set()
    halves = {a for a in token_atoms(token, needs) if a.partition(":")[0] in missing}
    first = token_atoms(Token(token.word[0], token.pos, token.start, token.start + 1), needs)
    return {a for a in halves if a.endswith(":rest") or a in first}


def _trim(span: list[Token], needs, doc_text: str, names: frozenset[str]) -> tuple[int | None, str]:
    """Drop a leading clause or words that translate nothing, keeping everything the span accounts for."""
    full = satisfied(_atoms(span, needs), needs)
    for k in range(1, len(span)):
        dropped, rest = span[:k], span[k:]
        if dropped[0].word in CIRCUMFIX and any(t.word in CIRCUMFIX[dropped[0].word] for t in rest):
            return None, ""  # 基于…的, 从…中 enclose the term
        rest_atoms = _atoms(rest, needs)
        if satisfied(rest_atoms, needs) != full:
            return None, ""
        first = rest[0]
        if not first.is_cjk:
            continue
        if (first.word in STOP_WORDS or first.pos.startswith(CLAUSE_POS)) and not token_atoms(first, needs):
            continue
        if dropped[-1].word in BOUND_PREFIXES or first.word in BOUND_SUFFIXES:
            continue  # 可+解释性, 存在+性: a bound morpheme stays with its word
        complete = len(full) == len(needs)
        if not _atoms(dropped, needs) and complete and all(t.is_cjk for t in dropped):
            while k + 1 < len(span) and not token_atoms(span[k], needs) and span[k + 1].word not in BOUND_SUFFIXES:
                k += 1  # 指针指向左子节点(left child): every word that translates nothing goes
            dropped, first = span[:k], span[k]
            return first.start, "coverage" if not any(is_function_token(t) for t in dropped) else "clause"
        if not any(is_function_token(t) and not token_atoms(t, needs) for t in dropped):
            continue
        # a clause in front that translates nothing: drop it when what is left accounts for every
        # English word a dictionary could (名字 like Zipf and acronyms like CoT it cannot), or when the
        # document uses the rest as a unit
        rest_satisfied = satisfied(_atoms(rest, needs), needs)
        if rest_satisfied == full and all(n.word in rest_satisfied or n.word in names for n in needs):
            return first.start, "clause"
        # where the dictionary has gaps (图 is not 'graph' in it): the clause does not translate any
        # English word even character by character, and the rest has a word for each English word
        content = [t for t in rest if _content(t)]
        if len(content) >= len(needs) and not _atoms(dropped, needs, characters=True):
            return first.start, "clause"
        rest_use = recurrence("".join(t.word for t in rest), doc_text)
        whole_use = recurrence("".join(t.word for t in span), doc_text)
        if rest_use.count >= 3 and rest_use.left_variety >= 2 and whole_use.count <= 1:
            return first.start, "clause+recurrence"
    return None, ""


def line_text(first: Token, span: list[Token]) -> str:
    """The text from `first` to the end of the span (tokens are contiguous in the line)."""
    return first.word + "".join(t.word for t in span) if first.end == span[0].start else ""


def _extend_letters(left: list[Token], span: list[Token], letters: str, doc_text: str) -> tuple[int | None, str]:
    """强化学习(RL) where the dictionary explains only 学习: an acronym of n letters asks for about n
    words; as many content words as letters are unexplained join, when a function word, punctuation or
    the start of the run closes them off on the left (通过 in 通过强化学习)."""
    remaining = letters
    for token in span:
        supplied = _letters_of(token, remaining)
        if supplied:
            remaining = _drop(remaining, supplied)
    # a word the dictionary lacks inside the span stands for a letter itself (卷积 in 区域卷积神经网络(R-CNN))
    missing = len(remaining) - sum(1 for t in span if t.is_cjk and len(t.word) > 1 and not lexicon.known(t.word))
    words = [t for t in span if _content(t)]
    if missing <= 0 or missing >= len(letters) or missing > 2 or len(words) + missing > len(letters):
        return None, ""
    taken = left[len(left) - missing :] if len(left) >= missing else []
    if len(taken) != missing or any(not t.is_cjk or len(t.word) < 2 or t.word in STOP_WORDS for t in taken):
        return None, ""
    if any(is_function_token(t) and not t.pos.startswith("v") for t in taken):
        # 随机梯度下降(SGD): jieba calls 随机 an adverb; the document using the longer string as a unit
        # says it is a modifier inside the term
        longer = recurrence(line_text(taken[0], span), doc_text)
        if longer.count < 2 or longer.left_variety < 2:
            return None, ""
    before = left[len(left) - missing - 1] if len(left) > missing else None
    if before is not None and before.is_cjk and not is_function_token(before):
        return None, ""
    return taken[0].start, "letters"


def _disposal(left: list[Token], span: list[Token], needs) -> tuple[int | None, str]:
    """将结果正规化(Normalize): after 将/把 the object comes first and the verb that the English
    names last; the rendering is the verb."""
    if len(needs) != 1 or len(span) < 2 or not left or left[-1].word not in ("将", "把"):
        return None, ""
    if _atoms(span[:-1], needs) or not span[0].pos.startswith("n"):
        return None, ""
    return span[-1].start, "clause"


def _grow_bound_piece(line: str, start: int, end: int, doc_text: str) -> tuple[int, bool]:
    """退法 used three times, each time as 暂退法: the span is a piece of a longer word."""
    grown = False
    for _ in range(2):
        if start == 0 or end - start > 6 or lexicon.known(line[start:end]):
            break  # a dictionary word (判别) is a free unit however often one phrase repeats it
        before = line[start - 1]
        if not _CJK_CHAR.match(before) or before in STOP_WORDS:
            break
        use = recurrence(line[start:end], doc_text)
        if use.count < 3 or use.left_variety != 1 or use.left != before:
            break
        start -= 1
        grown = True
    return start, grown
