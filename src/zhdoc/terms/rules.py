"""Gloss patterns: brackets, 译作/称为 lists, glued forms. Each finds (English, Chinese span) pairs in one line."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from .. import lexicon
from ..models import MARK_CODE, MARK_LINK, TERM_MARKS, Mark
from ..segment import tagged
from .boundary import _drop, _left_run, _letters_of, _refine, _stop_token, tokenize_run
from .decide import choose_span
from .evidence import english_needs, inside_mark, satisfied, token_atoms
from .forms import (
    _ALIAS_RENDERING,
    Found,
    _standalone_term,
    acronym_letters,
    english_content_words,
    has_cjk,
    is_acronym,
    is_sentence,
    parse_bracket_english,
    strip_quotes,
    valid_english,
)
from .words import _CJK_CHAR, _LATIN, CIRCUMFIX, CJK, CLOSE_QUOTES, NAME_DOTS, STOP_WORDS

_PAREN = re.compile(r"[()]")
NOT_PROSE_MARKS = frozenset([MARK_CODE])
CODE_OR_LINK = frozenset([MARK_CODE, MARK_LINK])
_ENTITY = re.compile(r"&(?:[a-z]{2,8}|#\d{2,6});?")


def _remark(chinese: str) -> bool:
    """灵感来自前者, 实现基本的转置卷积运算: a clause about the English, not its name in Chinese."""
    words = tagged(chinese)
    first = words[0][0]
    if first in CIRCUMFIX and any(closer in chinese[len(first) :] for closer in CIRCUMFIX[first]):
        return False  # 从人类反馈中强化学习: the circumfix encloses the term
    if any(word in STOP_WORDS or pos.startswith(("r", "p", "u", "c", "y")) for word, pos in words):
        return True
    return len(words) > 2 and words[0][1].startswith("v") and not lexicon.known(chinese)


def _code_like(form: str) -> bool:
    """train_iter, GL_FRONT_AND_BACK, load_data(), bert.small, &lt;pad&gt;: code or markup, not a term."""
    return (
        "_" in form
        or form.endswith("()")
        or bool(_ENTITY.search(form))
        or bool(re.fullmatch(r"[A-Za-z]\w*\.[a-z]\w*(?:\.\w+)*", form))
    )


def _brackets(line: str) -> Iterator[tuple[int, int]]:
    """Top-level (open, close) bracket pairs, in one linear pass; unbalanced ones are ignored. Inside
    a Chinese parenthetical (（如果失败，就需要你转移(bump)共享库的名称。）) the brackets one level down
    are pairs too: the aside has glosses of its own."""
    depth, start, opened = 0, -1, -1
    inner: list[tuple[int, int]] = []
    for match in _PAREN.finditer(line):
        if match.group() == "(":
            if depth == 0:
                start, inner = match.start(), []
            elif depth == 1:
                opened = match.start()
            depth += 1
        elif depth:
            depth -= 1
            if depth == 1:
                inner.append((opened, match.start()))
            elif depth == 0:
                yield start, match.start()
                if _CJK_CHAR.search(line, start, match.start()):
                    yield from inner


def _quoted_before(line: str, end: int) -> tuple[int, int] | None:
    """The quoted text ending at `end` ("扩展定律/规模法则"): (start, end) inside the quotes."""
    while end > 0 and line[end - 1] == " ":
        end -= 1
    if end == 0 or line[end - 1] not in CLOSE_QUOTES:
        return None
    opener = CLOSE_QUOTES[line[end - 1]]
    start = line.rfind(opener, 0, end - 1)
    if start < 0 or end - 1 - start > 40:
        return None
    return start + 1, end - 1


_QUOTE_LINK = re.compile(r"\s*(?:或|或者|、|和|及|与|,|，|/)\s*$")


def _quoted_chain(line: str, end: int) -> list[tuple[int, int]]:
    """Quoted Chinese right before a bracket, with the quoted alternatives chained to it:
    “基础模型”或“底座模型”(foundation model) gives both."""
    chain: list[tuple[int, int]] = []
    quoted = _quoted_before(line, end)
    while quoted and _mostly_chinese(line[quoted[0] : quoted[1]]):
        chain.insert(0, quoted)
        link = _QUOTE_LINK.search(line, max(0, quoted[0] - 1 - 6), quoted[0] - 1)
        if not link or len(chain) >= 8:
            break
        quoted = _quoted_before(line, link.start())
    return chain


def _mostly_chinese(text: str) -> bool:
    """「大O符号」 is a Chinese term with a Latin letter in it; “GPT-4 模型” is not a rendering."""
    cjk = len(_CJK_CHAR.findall(text))
    return cjk >= 2 and len(re.findall(r"[A-Za-z]+", text)) <= 1 and len(re.findall(r"[A-Za-z]", text)) <= cjk


def _split_renderings(line: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """ "扩展定律/规模法则" gives one rendering per slash- or 、-separated item."""
    position = start
    for piece in re.split(r"([/、／])", line[start:end]):
        if piece in ("/", "、", "／"):
            position += 1
            continue
        stripped = piece.strip()
        if re.search(r"\s[-–>→]\s|->|→", stripped):
            return  # 「形状 - 排列 - 置于底层」: a menu path, not a term
        if stripped and _mostly_chinese(stripped):
            offset = piece.index(stripped)
            yield position + offset, position + offset + len(stripped)
        position += len(piece)


def _link_label(marks: tuple[Mark, ...], line: str, open_: int, close: int) -> bool:
    """易盛（[esunny](…)）: the bracket holds a link and nothing else, the label of a project or a
    module's page, not a gloss (a link around the term and its bracket is another matter)."""
    return any(
        m.kind == MARK_LINK
        and open_ < m.start
        and m.end <= close
        and not (line[open_ + 1 : m.start] + line[m.end : close]).strip()
        for m in marks
    )


def mine_brackets(line: str, doc_text: str, marks: tuple[Mark, ...] = ()) -> Iterator[Found]:
    """中文(English[, ACR]) and its variants; `marks` (the line's markup) can fix the left boundary."""
    for open_, close in _brackets(line):
        content = line[open_ + 1 : close]
        if (
            not content.strip()
            or inside_mark(marks, open_ + 1, close, NOT_PROSE_MARKS)
            or _link_label(marks, line, open_, close)
        ):
            continue
        first_part = content.split(";")[0].split(",")[0]
        if has_cjk(content) and not _LATIN.search(first_part) and open_ > 0 and not _ALIAS_RENDERING.match(first_part):
            yield from _reverse_bracket(line, open_, close, content, marks)
            continue
        inline: list[str] = []
        parsed = parse_bracket_english(content, inline)
        if not parsed:
            continue
        forms, extra = parsed
        chain = _quoted_chain(line, open_)
        if any(_code_like(form) for form in forms):
            continue
        spans: list[tuple[int, int, str, str]] = []
        if chain:
            for quoted in chain:
                pattern = "quote-slash" if re.search("[/、／]", line[quoted[0] : quoted[1]]) else "quote-bracket"
                spans.extend((s, e, pattern, "") for s, e in _split_renderings(line, *quoted))
        else:
            span = choose_span(line, open_, forms, doc_text, marks)
            if span:
                spans = [(span[0], span[1], "bracket", span[2])]
        if not spans and inline:
            # English first: ACR(long form, 中文) - the Chinese in the bracket is the rendering
            position = line.find(inline[0], open_, close)
            spans = [(position, position + len(inline[0]), "bracket-inline", "")]
            acronym = re.search(r"([A-Z][A-Za-z0-9\-]*[A-Z][A-Za-z0-9]*)\s*$", line[:open_])
            if acronym and is_acronym(acronym.group(1)):
                forms = [*forms, acronym.group(1)]
        if spans and extra and _ALIAS_RENDERING.match(re.split(r"\s*[;,，；]\s*", content.strip())[0]):
            # 输入数（或称为特征维度，feature dimensionality）: the English right after an alias glosses
            # the alias; the word before the bracket keeps it only if it translates some of it
            spans = [span for span in spans if _translates_some(line[span[0] : span[1]], forms)]
        for english in forms:
            for start, end, pattern, why in spans:
                yield Found(english, line[start:end], start, end, pattern, why)
            for alternative in extra:
                position = line.find(alternative, open_, close)
                yield Found(english, alternative, position, position + len(alternative), "bracket-alias")


def _translated(chinese: str, forms: list[str]) -> tuple[int, int]:
    """(English words the Chinese translates, English words asked for), the dictionary's view,
    character by character where a word is not in it; acronyms are left to their letters."""
    needs = english_needs(tuple(f for f in forms if not is_acronym(f)))
    atoms: set[str] = set()
    for token in tokenize_run(chinese, 0) if needs else ():
        atoms |= token_atoms(token, needs, characters=True)
    return len(satisfied(atoms, needs)), len(needs)


def _translates_some(chinese: str, forms: list[str]) -> bool:
    found, asked = _translated(chinese, forms)
    return found > 0 or asked == 0


def _translates_all(chinese: str, forms: list[str]) -> bool:
    found, asked = _translated(chinese, forms)
    return asked > 0 and found == asked


def _reverse_bracket(line: str, open_: int, close: int, content: str, marks: tuple[Mark, ...] = ()) -> Iterator[Found]:
    """English(中文): LLM(大型语言模型), RLHF(从人类反馈中强化学习), Alex Tamkin(亚历克斯·塔姆金).

    Not a gloss: code before the bracket (`nan`（不是数字）, batch_size（批量大小）) or a remark after
    a name (TensorFlow（灵感来自前者）)."""
    chinese = content.strip()
    if not re.fullmatch(f"[{CJK}{NAME_DOTS}]{{2,16}}", chinese) or chinese[:1] in "即如指原注又":
        return
    if _remark(chinese):
        return
    if re.match("^(?:一|某)[个种款家项类部套名位本篇些]", chinese):
        return  # PyTorch(一个深度学习框架): a description, not a translation
    end = open_
    while end > 0 and line[end - 1] == " ":
        end -= 1
    start = end
    while start > 0 and (line[start - 1].isalnum() or line[start - 1] in " -'’.&") and not has_cjk(line[start - 1]):
        if line[start - 1] == " " and line[start - 2 : start - 1] == " ":
            break  # `d   number(数字)`: a gap of spaces parts a command from the term
        start -= 1
    while start < end and line[start] == " ":
        start += 1
    # LVM *Logical Volume Manager*（逻辑卷管理器）: the author's emphasis closing at the bracket holds the English
    start = max([start] + [m.start for m in marks if m.kind in TERM_MARKS and m.end == end and start < m.start < end])
    english = strip_quotes(line[start:end].strip(" -.'’"))
    english = re.sub(r"^(?:the|a|an) (?=[A-Za-z])", "", english, flags=re.IGNORECASE) if " " in english else english
    words = english.split()
    # a name in code, or a link around the name alone (a link around the name and its bracket is the
    # author's markup of the pair: [Wayland (服务端显示协议)](url))
    linked = any(m.kind == MARK_LINK and m.start <= start and end <= m.end <= open_ for m in marks)
    if (
        not words
        or (start > 0 and line[start - 1] in "_.$\\/")
        or inside_mark(marks, start, end, NOT_PROSE_MARKS)
        or linked
    ):
        return
    if len(words) > 5 or not valid_english(english):
        if is_acronym(words[-1]):
            english = words[-1]
        else:
            return
    if english and (english[0].isdigit() or _code_like(english)):
        return
    position = line.index(chinese, open_)
    yield Found(english, chinese, position, position + len(chinese), "bracket-reverse")


_ALTERNATIVE_CUE = re.compile("(?:译作|译为|译成|翻译为|翻译成|翻译作|译名为|称为|称作|叫做|叫作)\\s*[:：]?\\s*")


_MODIFIERS_TAIL = re.compile("(?:(?:也|又|亦|还|则|常常|常|通常|一般|多|有时|往往|可以|可|被|经常)\\s*)+$")


_LATIN_TAIL = re.compile(r"[A-Za-z][A-Za-z0-9\- ]{0,60}[A-Za-z0-9]$")


_LIST_CHARS = re.compile(f'[{CJK}·、,，/“”"「」和或及 ]{{1,160}}')


def _english_before_cue(line: str, end: int) -> str | None:
    """The English that a 译作/称为 cue refers to: quoted or plain, right before the cue and its
    modifiers (也常被). Looked for in a bounded window, so any line costs linear time."""
    head = line[max(0, end - 120) : end]
    modifiers = _MODIFIERS_TAIL.search(head[-40:])
    if modifiers:
        head = head[: len(head) - len(modifiers.group(0))]
    head = head.rstrip(" ,，")
    if head[-1:] in CLOSE_QUOTES:
        opener = head.rfind(CLOSE_QUOTES[head[-1]], max(0, len(head) - 64), len(head) - 1)
        return head[opener + 1 : -1] if opener >= 0 else None
    match = _LATIN_TAIL.search(head[-64:])
    return match.group(0) if match else None


def mine_alternatives(line: str) -> Iterator[Found]:
    """ "Scaling Laws"也常被译作规模法则、缩放定律、比例定律、标度律等: one pair per rendering."""
    for cue in _ALTERNATIVE_CUE.finditer(line):
        english = _english_before_cue(line, cue.start())
        if english is None:
            continue
        english = strip_quotes(english)
        if not valid_english(english) or is_sentence(english):
            continue
        listed = _LIST_CHARS.match(line, cue.end())
        if not listed:
            continue
        position = listed.start()
        for item in re.split(r"([、,，/]|或|以及|和)", listed.group(0)):
            inner = re.search("(?:译作|译为|译成|称为|称作|叫做|叫作)", item)
            if inner:
                position += inner.end()
                item = item[inner.end() :]
            clean = strip_quotes(item).strip()
            if clean.endswith("等") and len(clean) > 2:
                clean = clean[:-1]
            if clean and has_cjk(clean) and item not in ("或", "和", "以及") and 2 <= len(clean) <= 16:
                offset = line.find(clean, position)
                after = line[offset + len(clean) : offset + len(clean) + 2].lstrip(' ”"」')
                if offset >= 0 and _standalone_term(clean) and not after.startswith("("):
                    # sigmoid称为挤压函数(squashing function): the item has its own English
                    yield Found(english, clean, offset, offset + len(clean), "alternatives")
            position += len(item)


_ENGLISH_NAME_CUE = re.compile(
    r"[，,]\s*(?:其|它的)?英文(?:全称|名称|名字|名)?(?:为|是|叫做|叫作|叫|作)?\s*[:：]?\s*"
    r"(?P<en>[\"“]?[A-Za-z][A-Za-z0-9\-' ]{0,60}[A-Za-z0-9][\"”]?)(?=\s*(?:[，,。；;：:!?！？）)]|$))"
)
_THAT_IS = re.compile(
    rf"(?<![A-Za-z0-9\-/.])(?P<en>[A-Za-z][A-Za-z0-9\-]+(?: [A-Za-z][A-Za-z0-9\-]*){{0,5}})"
    rf"\s*[，,]\s*即\s*(?P<zh>[{CJK}]{{2,16}})(?=[，,。；;）)]|$)"
)


def mine_appositives(line: str, doc_text: str = "", marks: tuple[Mark, ...] = ()) -> Iterator[Found]:
    """The gloss stated in words: 注意力机制，英文为 attention mechanism，…; RLHF，即基于人类反馈的强化学习，…"""
    for match in _ENGLISH_NAME_CUE.finditer(line) if "英文" in line else ():
        english = strip_quotes(match.group("en")).strip()
        if not valid_english(english) or is_sentence(english):
            continue
        span = choose_span(line, match.start(), [english], doc_text, marks)
        if span:
            yield Found(english, line[span[0] : span[1]], span[0], span[1], "appositive", span[2])
    for match in _THAT_IS.finditer(line) if "即" in line else ():
        english, chinese = match.group("en"), match.group("zh")
        if not valid_english(english) or is_sentence(english) or not _standalone_term(chinese):
            continue
        if not (_translates_some(chinese, [english]) if not is_acronym(english) else _letters_in(chinese, english)):
            continue  # the dictionary must connect the two sides: "X，即我们上面说的" explains, it does not gloss
        yield Found(english, chinese, match.start("zh"), match.end("zh"), "appositive")


def _letters_in(chinese: str, acronym: str) -> bool:
    """At least two of the acronym's letters are initials of the Chinese words' translations."""
    remaining = acronym_letters(acronym)
    for token in reversed(_refine(tokenize_run(chinese, 0))):
        supplied = _letters_of(token, remaining, strict=True) if token.is_cjk else None
        if supplied:
            remaining = _drop(remaining, supplied)
    return len(acronym_letters(acronym)) - len(remaining) >= min(2, len(acronym_letters(acronym)))


_GLUED = re.compile(
    rf"(?<=[{CJK}])\s?(?P<en>[A-Za-z][A-Za-z0-9\-]*(?: [a-z][a-z\-]+)*)(?=$|[\s{CJK},.;:!?\"“”」’)、。，：；！？])"
)


_GLUED_REVERSE = re.compile(rf"(?<![A-Za-z0-9\-.])(?P<en>[A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*)\s?(?=[{CJK}])")


def mine_glued(line: str, known: dict[str, set[str]] | None = None, marks: tuple[Mark, ...] = ()) -> Iterator[Found]:
    """超级对齐superalignment, 检查点checkpoint, 通用人工智能AGI, 远程过程调用 RPC, OECD 经济合作与发展组织.

    No bracket says these are glosses, so something else must: the same pair glossed elsewhere
    in the document, or the dictionary accounting for every letter of the acronym (one word
    excepted) or for the English word.
    """
    known = known or {}
    for match in _GLUED.finditer(line):
        english = match.group("en")
        start = match.start("en")
        if start > 0 and line[start - 1] == " " and not is_acronym(english):
            continue
        if inside_mark(marks, start, match.end("en"), CODE_OR_LINK):
            continue  # 卷积核`K`, 后处理函数`postprocess`: the name of a variable, not a gloss
        if line[match.end("en") : match.end("en") + 1] == "(":
            continue
        span = _known_rendering(line, match.start(), known.get(fold_key(english), set()))
        if span is None and is_acronym(english):
            span = _strict_acronym(line, match.start(), acronym_letters(english))
        elif span is None and english.islower() and len(english) >= 4:
            span = _strict_words(line, match.start(), english)
        if span:
            yield Found(english, line[span[0] : span[1]], span[0], span[1], "glued")
    for match in _GLUED_REVERSE.finditer(line):
        english = match.group("en")
        if not is_acronym(english) or inside_mark(marks, match.start("en"), match.end("en"), CODE_OR_LINK):
            continue
        span = _acronym_after(line, match.end(), english)
        if span:
            yield Found(english, line[span[0] : span[1]], span[0], span[1], "glued")


@lru_cache(maxsize=65536)
def fold_key(english: str) -> str:
    """The key English forms are grouped by: case, plural, hyphen and spacing folded."""
    text = re.sub(r"[\s\-_–]+", " ", english.strip().lower())
    text = re.sub(r"[\"“”'’]", "", text)
    words = text.split(" ")
    last = words[-1]
    if len(last) > 3 and last.endswith("ies") and not last.endswith("eies"):
        last = last[:-3] + "y"
    elif len(last) > 2 and last.endswith("s") and not last.endswith(("ss", "us", "is")):
        last = last[:-1]
    words[-1] = last
    return " ".join(words)


def _known_rendering(line: str, end: int, renderings: set[str]) -> tuple[int, int] | None:
    while end > 0 and line[end - 1] == " ":
        end -= 1
    for rendering in sorted(renderings, key=len, reverse=True):
        if line.endswith(rendering, 0, end):
            return end - len(rendering), end
    return None


def _strict_acronym(line: str, end: int, letters: str) -> tuple[int, int] | None:
    while end > 0 and line[end - 1] == " ":
        end -= 1
    run, run_start = _left_run(line, end)
    if not run:
        return None
    if len(letters) < 3:
        # a two-letter acronym needs one word that stands for it whole (人工智能 AI); the
        # dictionary answers that without segmenting
        for length in range(min(8, len(run)), 1, -1):
            if any(option.lstrip("=") == letters for option in lexicon.initials(run[-length:])):
                return end - length, end
        return None
    found = _strict_acronym_run(run, letters)
    return None if found is None else (run_start + found[0], run_start + found[1])


@lru_cache(maxsize=65536)
def _strict_acronym_run(run: str, letters: str) -> tuple[int, int] | None:
    tokens = [t for t in _refine(tokenize_run(run, 0)) if t.word.strip()]
    remaining, index, misses, aligned = letters, len(tokens) - 1, 0, 0
    while index >= 0 and len(remaining) > misses:
        token = tokens[index]
        if not token.is_cjk or token.word in STOP_WORDS or _stop_token(token):
            return None
        if len(token.word) == 1 and token.pos[:1] in ("v", "p"):
            return None  # 指令转发到CPU, 请提早获取GPU: a lone verb or preposition is a clause, not a name
        supplied = _letters_of(token, remaining, strict=True)
        if supplied:
            remaining = _drop(remaining, supplied)
            aligned += 1
        elif misses == 0 and (len(remaining) > 1 or (not lexicon.known(token.word) and len(token.word) > 1)):
            misses += 1  # one word the dictionary cannot explain, e.g. 卷积 (not in CC-CEDICT) for C of CNN
        else:
            return None
        index -= 1
    explained = len(letters) - len(remaining)
    if len(remaining) > misses or (misses and explained < 2) or index + 1 >= len(tokens):
        return None
    return tokens[index + 1].start, tokens[-1].end


def _strict_words(line: str, end: int, english: str) -> tuple[int, int] | None:
    words = english_content_words(english)
    run, run_start = _left_run(line, end)
    tokens = [t for t in tokenize_run(run, run_start) if t.word.strip()]
    covered: set[str] = set()
    index = len(tokens) - 1
    while index >= 0:
        token = tokens[index]
        if not token.is_cjk or token.word in STOP_WORDS:
            break
        parts = [token.word] if lexicon.known(token.word) else lexicon.split_compound(token.word)
        hits = set()
        for part in parts:
            zh_words = lexicon.english_words(part)
            hits |= {w for w in words if lexicon.words_match(zh_words, w) or _compound_hit(zh_words, w)}
        if not hits:
            break
        covered |= hits
        index -= 1
    if index + 1 >= len(tokens) or covered != set(words):
        return None
    return tokens[index + 1].start, tokens[-1].end


def _compound_hit(zh_words: frozenset[str], english: str) -> bool:
    return any(len(w) >= 4 and w in english or english.startswith(w) and len(w) >= 3 for w in zh_words)


def _acronym_after(line: str, start: int, acronym: str) -> tuple[int, int] | None:
    """OECD 经济合作与发展组织: the longest dictionary word right after the acronym that the
    dictionary itself gives that acronym for."""
    while start < len(line) and line[start] == " ":
        start += 1
    for headword in lexicon.words_for_acronym(acronym):  # longest first
        if line.startswith(headword, start):
            return start, start + len(headword)
    return None
