"""Mine glosses: every place the text itself ties an English form to a Chinese rendering.

Each rule is a function of one normalized line. The hard part is where the Chinese rendering
begins; `rendering_before` decides it from jieba's words and parts of speech, function words,
the shape of the English (its words, or an acronym's letters, aligned with CC-CEDICT
definitions) and, for long spans, what recurs in the document as a unit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from . import lexicon
from .models import (
    KIND_ACRONYM,
    KIND_ORGANIZATION,
    KIND_PERSON,
    KIND_TERM,
    NormalizedDocument,
    NormalizedLine,
    Segment,
    TermPair,
)
from .segment import tagged

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_CHAR = re.compile(f"[{CJK}]")
_LATIN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]")
OPEN_QUOTES = {"“": "”", '"': '"', "「": "」", "『": "』", "‘": "’", "'": "'", "《": "》"}
CLOSE_QUOTES = {v: k for k, v in OPEN_QUOTES.items()}
QUOTE_CHARS = "\"“”「」『』‘’'"
NAME_DOTS = "·•‧・"

# Words that end a rendering on the left: particles, prepositions, pronouns, light verbs.
STOP_WORDS = frozenset(
    [
        "的",
        "之",
        "了",
        "着",
        "过",
        "是",
        "为",
        "在",
        "和",
        "与",
        "及",
        "或",
        "对",
        "从",
        "把",
        "被",
        "将",
        "以",
        "由",
        "向",
        "于",
        "即",
        "也",
        "又",
        "都",
        "还",
        "就",
        "这",
        "那",
        "该",
        "此",
        "其",
        "等",
        "如",
        "一个",
        "一种",
        "一些",
        "一项",
        "一篇",
        "一类",
        "这种",
        "这个",
        "这些",
        "那些",
        "那个",
        "各种",
        "某种",
        "某些",
        "比如",
        "例如",
        "包括",
        "通过",
        "使用",
        "利用",
        "基于",
        "进行",
        "具有",
        "提出",
        "采用",
        "带来",
        "称为",
        "称之为",
        "叫做",
        "叫作",
        "被称为",
        "所谓",
        "名为",
        "作为",
        "成为",
        "有",
        "没有",
        "来自",
        "关于",
        "对于",
        "以及",
        "并",
        "而",
        "但",
        "及其",
        "我们",
        "他们",
        "它们",
        "它",
        "他",
        "她",
        "你",
        "我",
        "其中",
        "所",
        "即将",
        "就是",
        "也是",
        "还是",
        "这是",
        "这就是",
        "是否",
        "可以",
        "能够",
        "可能",
        "需要",
        "认为",
        "指",
        "指的是",
        "称",
        "叫",
        "谓之",
        "即为",
        "又称",
        "简称",
        "也称",
        "亦称",
        "俗称",
        "全称",
        "又名",
        "或称",
        "译为",
        "译作",
        "译成",
        "等等",
        "以下",
        "上述",
        "所述",
        "介绍",
        "研究",
        "讨论",
        "提到",
        "正是",
        "关注",
        "担任",
        "获得",
        "发表",
        "涉及",
        "来说",
        "而言",
        "当",
        "当时",
        "用",
        "用于",
        "给",
        "让",
        "使",
        "把",
        "向",
        "往",
        "并且",
        "或者",
        "以及",
        "不同",
        "相关",
        "主要",
    ]
)
STOP_POS_PREFIXES = ("p", "c", "u", "r", "d", "y", "e", "o", "m", "q", "x", "t", "f", "zg")
FILLER_WORDS = frozenset(["的", "之", "中", "与", "和", "及", "进行", "对", "在", "于", "上", "下", "间", "之间"])
CIRCUMFIX = {"从": ("中",), "基于": ("的",), "由": ("的",), "在": ("中", "上")}

ORG_WORDS = frozenset(
    [
        "center",
        "centre",
        "institute",
        "institution",
        "university",
        "college",
        "laboratory",
        "lab",
        "labs",
        "committee",
        "commission",
        "organization",
        "organisation",
        "foundation",
        "agency",
        "association",
        "council",
        "corporation",
        "corp",
        "inc",
        "company",
        "group",
        "department",
        "ministry",
        "bureau",
        "authority",
        "forum",
        "society",
        "academy",
        "school",
        "office",
        "administration",
        "federation",
        "union",
        "alliance",
        "consortium",
        "team",
        "club",
        "board",
    ]
)
ORG_SUFFIXES = (
    "中心",
    "研究所",
    "研究院",
    "大学",
    "学院",
    "实验室",
    "委员会",
    "组织",
    "公司",
    "协会",
    "基金会",
    "学会",
    "联盟",
    "管理局",
    "局",
    "署",
    "部",
    "研究中心",
    "俱乐部",
    "团队",
    "机构",
    "集团",
    "论坛",
    "政府",
    "社",
    "银行",
    "法院",
    "医院",
    "研究会",
    "办公室",
    "理事会",
)
_ACRONYM = re.compile(r"^(?=.*[A-Z].*[A-Z])[A-Za-z0-9][A-Za-z0-9\-&.]{0,11}$")
_PERSON_EN = re.compile(
    r"^[A-ZÀ-Ö][a-zà-öø-ÿ'’]+(?:-[A-ZÀ-Ö]?[a-zà-öø-ÿ'’]+)*(?: [A-ZÀ-Ö]\.?)?"
    r"(?: (?:de |van |von |di |le |la )?[A-ZÀ-Ö][a-zà-öø-ÿ'’]+(?:[A-Z][a-z]+)?(?:-[A-ZÀ-Ö]?[a-zà-öø-ÿ'’]+)*){1,2}$"
)
_YEAR = re.compile(r"\b(1[89]|20)\d\d[a-z]?\b")
_ENGLISH_CHARS = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿ0-9 \-–'’&.,:+/_]+$")
_ENGLISH_STOP = frozenset(
    [
        "of",
        "the",
        "a",
        "an",
        "and",
        "or",
        "for",
        "to",
        "in",
        "on",
        "with",
        "from",
        "by",
        "at",
        "as",
        "via",
        "its",
        "their",
    ]
)


@dataclass(frozen=True)
class Found:
    english: str
    chinese: str
    start: int  # span of the rendering in the normalized line
    end: int
    pattern: str


def is_acronym(text: str) -> bool:
    """LLM, X-Risk, RepE, CoT, DSTC9: a short form rather than words."""
    text = text.strip()
    if " " in text or not _ACRONYM.match(text):
        return False
    letters = [c for c in text if c.isalpha()]
    uppers = sum(1 for c in letters if c.isupper())
    # LLM, MLLMs, RepE, CoT, LoRA, X-Risk; not CamelCase names such as DeepSeek or InfoQ
    return uppers >= 2 and (uppers >= len(letters) / 2 or bool(re.fullmatch(r"[A-Z]-[A-Z][a-z]+", text)))


def acronym_letters(text: str) -> str:
    """The letters an acronym's long form must supply: RepE -> RE, X-Risk -> XR, DSTC9 -> DSTC."""
    return "".join(c for c in text if c.isupper())


def english_content_words(text: str) -> list[str]:
    """memory-bound -> [memory, bound]: each part of a hyphenated word is a word to align."""
    return [w.lower() for w in re.findall(r"[A-Za-z][A-Za-z']*", text) if w.lower() not in _ENGLISH_STOP]


def has_cjk(text: str) -> bool:
    return bool(_CJK_CHAR.search(text))


def strip_quotes(text: str) -> str:
    text = text.strip()
    while len(text) >= 2 and text[0] in QUOTE_CHARS and text[-1] in QUOTE_CHARS:
        text = text[1:-1].strip()
    return text.strip(QUOTE_CHARS + " ")


# --------------------------------------------------------------------------- English side


_STRUCTURAL = re.compile(
    r"^(?:chapter|chap\.|section|sect?\.|figure|fig\.?|table|tab\.|equation|eq\.?|page|p\.|part|appendix|step|"
    r"example|line|note|footnote|volume|vol\.|no\.)\s*[\dIVXivx]",
    re.IGNORECASE,
)
_PRONOUNS = frozenset(
    [
        "i",
        "you",
        "he",
        "she",
        "we",
        "they",
        "it",
        "me",
        "him",
        "her",
        "us",
        "them",
        "my",
        "his",
        "our",
        "their",
        "this",
        "that",
        "these",
        "those",
    ]
)


def valid_english(text: str) -> bool:
    """An English form: letters, not a citation, a sentence, a number or a URL."""
    if not text or not _LATIN.search(text) or has_cjk(text):
        return False
    if {w.lower() for w in re.findall(r"[A-Za-z]+", text)} & _PRONOUNS and len(text.split()) > 1:
        return False
    if not _ENGLISH_CHARS.match(text) or "://" in text or text.startswith("www."):
        return False
    if re.search(r"\bet al\b|\bpp?\.\s*\d", text) or (_YEAR.search(text) and "," in text):
        return False
    if re.fullmatch(r"[\d\s.\-–,:/]+[A-Za-z]?", text) or re.fullmatch(r"(?:[A-Za-z]\.?\s*)?\d[\w.\-]*", text):
        return False
    if _STRUCTURAL.match(text):
        return False  # 第3章(Chapter 3), 图1(Figure 1): a pointer, not a term
    words = text.split()
    return len(words) <= 8 and len(text) <= 80


def is_sentence(text: str) -> bool:
    """A sentence or clause rather than a name: several lowercase content words, or end punctuation."""
    words = text.split()
    lowercase = [w for w in words if w[:1].islower() and w.lower().strip(",.") not in _ENGLISH_STOP]
    return (
        (len(words) >= 6 and len(lowercase) >= 3)
        or len(words) > 10
        or (len(words) >= 4 and text.rstrip()[-1:] in ".?!")
    )


def split_forms(text: str) -> list[str]:
    """Several English forms in one bracket: "Large Language Model, LLM", "Chain of thought / CoT".

    A comma splits only when the last part is a short form, so a list such as
    "Chemical, Biological, Nuclear, and Radiological" stays one form.
    """
    forms: list[str] = []
    for part in re.split(r"\s*;\s*|\s+/\s+|\s*/\s*(?=[A-Z])", text):
        part = strip_quotes(part)
        if not part:
            continue
        pieces = [p.strip() for p in part.split(",")]
        acronym_piece = is_acronym(pieces[-1]) or (len(pieces) == 2 and is_acronym(pieces[0]))
        if len(pieces) > 1 and acronym_piece and all(valid_english(p) for p in pieces):
            forms.extend(pieces)
        else:
            forms.append(part)
    return [f for f in dict.fromkeys(forms) if valid_english(f)]


_ALIAS_PREFIX = re.compile(
    r"^(?:英文全称|英文名称|英文名|英文为|英文是|英文|英语|全称|简称|缩写|又称|也称|亦称|即|English)\s*[:：为是]?\s*"
)
_ALIAS_RENDERING = re.compile(
    f"^(?:又译|又称|也称|亦称|或称|或译|也译|简称|俗称|中文|中文名|中译)\\s*[:为是]?\\s*(?P<zh>[{CJK}·]+)"
)


def parse_bracket_english(content: str, inline: list[str] | None = None) -> tuple[list[str], list[str]] | None:
    """The English forms in a bracket, and Chinese alternatives it states (又称…).

    "situational awareness;即将抽象知识…" -> (["situational awareness"], []): the explanation after
    the `;` is not part of the form. A Chinese term after the English (GPT(Generative Pre-trained
    Transformer, 生成式预训练变换器)) is appended to `inline` when given.
    """
    parts = re.split(r"\s*[;,，；]\s*", content.strip())
    english_parts: list[str] = []
    extra: list[str] = []
    for index, part in enumerate(parts):
        part = part.strip()
        match = _ALIAS_RENDERING.match(part) if index else None
        if not match:
            part = _ALIAS_PREFIX.sub("", part) if index == 0 or has_cjk(part) else part
        if not part:
            continue
        if has_cjk(part):
            if match:
                extra.extend(x for x in re.split(r"[、/或]", match.group("zh")) if x)
                continue
            if english_parts:
                if inline is not None and index == len(parts) - 1 and _standalone_term(part):
                    inline.append(part)
                break
            return None
        english_parts.append(part)
    if not english_parts:
        return None
    english_text = content.strip()
    # rebuild the English part only (up to the first Chinese explanation)
    english_text = ", ".join(english_parts) if "," in content or "，" in content else "; ".join(english_parts)
    raw = strip_quotes(english_text)
    if is_sentence(raw):
        return None
    forms = split_forms(raw)
    return (forms, extra) if forms else None


def _standalone_term(text: str) -> bool:
    """A bare Chinese term (生成式预训练变换器), not an explanation (目前最常用, 即将…)."""
    if not re.fullmatch(f"[{CJK}{NAME_DOTS}]{{2,16}}", text):
        return False
    first_word, first_pos = tagged(text)[0]
    if first_word in CIRCUMFIX and any(closer in text[len(first_word) :] for closer in CIRCUMFIX[first_word]):
        return True  # 基于人类反馈的强化学习, 从人类反馈中强化学习
    return (
        first_word not in STOP_WORDS
        and first_word not in DEMONSTRATIVES
        and not first_pos.startswith(("d", "t", "r", "p", "c", "u", "m"))
    )


# --------------------------------------------------------------------------- Chinese side


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


BOUND_PREFIXES = frozenset(["可", "非", "反", "自", "无", "伪", "元", "超", "半", "泛"])
BOUND_SUFFIXES = frozenset(["性", "化", "式", "型", "度", "率", "者", "器", "体", "论", "律", "家", "员", "师", "商"])


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


def _letters_of(token: Token, remaining: str, strict: bool = False) -> str | None:
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
    for option in lexicon.initials(token.word):
        exact = option[1:] if option.startswith("=") else option
        if exact and exact in remaining and len(exact) > len(best):
            best = exact
    if best or strict:
        return best or None
    for option in lexicon.initials(token.word):  # 人工智能 (AI) when only I is left
        overlap = "".join(dict.fromkeys(c for c in option.lstrip("=") if c in remaining))
        if len(overlap) > len(best):
            best = overlap
    return best or None


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
        span = _acronym_span(tokens, acronym_letters(acronyms[0]), doc_text, numbered)
    if span is None and acronyms and not words:
        # no letter of the acronym is explained: only a name the dictionary does not know can be its
        # rendering (英伟达(NVIDIA)), not a common word (最新的模型(GPT-4) describes, it does not translate)
        span = _word_span(tokens, words, single_word=False)
        if span is not None and _common_word(line[span[0] : span[1]]):
            return None
    span = span or _word_span(tokens, words, single_word=len(words) == 1)
    if span and len(words) == 1 and not acronyms:
        span = _dictionary_resplit(run, run_start, span, tokens, words) or span
    if span and not acronyms and _product_name(english_forms):
        inside = [t for t in tokens if span[0] <= t.start < span[1]]
        head_word = inside[-1] if inside else None
        category = head_word is not None and _common_word(head_word.word) and head_word.pos in ("n", "vn", "nz")
        if category and not any(_aligns_word(t, words) for t in inside):
            return None  # 聊天机器人(ChatGPT), 深度学习框架(PyTorch): the Chinese says what the named thing is
    if span and _anaphoric(tokens, span, acronyms, words):
        return None
    return _drop_glued_particle(line, span, tokens)


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


DEMONSTRATIVES = frozenset("该 这 此 这个 那个 这种 那种 这项 这些 那些 其 本 上述 此类 该类".split())


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


GLUED_PARTICLES = "了的着过是被把也都就和及将与"


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
        if len(token.word) == 1 and ((token.pos.startswith(STOP_POS_PREFIXES) and token.pos != "j") or length >= 2):
            break  # a lone character joins only a short piece (阿曼+达), not a whole name (之父+理查德)
        name_like = token.pos.startswith(("nr", "ns", "nz", "j")) or not lexicon.known(token.word)
        if len(token.word) > 1 and not (name_like or lexicon.is_proper_name(token.word)):
            break
        length += len(token.word)
        start -= 1
    if start == first_dot:
        return None
    return tokens[start].start, tokens[last].end


def _acronym_span(tokens: list[Token], letters: str, doc_text: str, numbered: bool = False) -> tuple[int, int] | None:
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
    while index >= 0 and remaining:
        token = tokens[index]
        if not token.is_cjk and not token.is_latin:
            break
        function_word = token.is_cjk and (token.word in FILLER_WORDS or token.word in STOP_WORDS or _stop_token(token))
        supplied = None if (function_word and not head) else _letters_of(token, remaining)
        if supplied:
            remaining = _drop(remaining, supplied)
            included = index
        elif token.is_latin:
            break
        elif token.word in FILLER_WORDS and not head:
            pass
        elif head or (not lexicon.known(token.word) and not _stop_token(token)):
            included = index  # the head, or a name-like word (中芯)
            weak = True
            unexplained = index
        elif misses == 0 and not _stop_token(token) and token.word not in STOP_WORDS:
            following = next((t for t in reversed(tokens[:index]) if t.word not in FILLER_WORDS), None)
            if following is not None and following.is_cjk and _letters_of(following, remaining):
                misses += 1  # stands for one letter we cannot name
                included = index
            else:
                break
        else:
            break
        head = False
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


CONJUNCTIONS = frozenset(["与", "和", "及", "或"])
ORDINAL = re.compile("^第[一二三四五六七八九十百零〇两0-9]+[届次期版代号]?$")


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


# --------------------------------------------------------------------------- rules


_PAREN = re.compile(r"[()]")


def _brackets(line: str) -> Iterator[tuple[int, int]]:
    """Top-level (open, close) bracket pairs, in one linear pass; unbalanced ones are ignored."""
    depth, start = 0, -1
    for match in _PAREN.finditer(line):
        if match.group() == "(":
            if depth == 0:
                start = match.start()
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                yield start, match.start()


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
    while quoted and has_cjk(line[quoted[0] : quoted[1]]) and not _LATIN.search(line[quoted[0] : quoted[1]]):
        chain.insert(0, quoted)
        link = _QUOTE_LINK.search(line, max(0, quoted[0] - 1 - 6), quoted[0] - 1)
        if not link or len(chain) >= 8:
            break
        quoted = _quoted_before(line, link.start())
    return chain


def _split_renderings(line: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """ "扩展定律/规模法则" gives one rendering per slash- or 、-separated item."""
    position = start
    for piece in re.split(r"([/、／])", line[start:end]):
        if piece in ("/", "、", "／"):
            position += 1
            continue
        stripped = piece.strip()
        if stripped and has_cjk(stripped) and not _LATIN.search(stripped):
            offset = piece.index(stripped)
            yield position + offset, position + offset + len(stripped)
        position += len(piece)


def mine_brackets(line: str, doc_text: str) -> Iterator[Found]:
    for open_, close in _brackets(line):
        content = line[open_ + 1 : close]
        if not content.strip():
            continue
        if has_cjk(content) and not _LATIN.search(content.split(";")[0].split(",")[0]) and open_ > 0:
            yield from _reverse_bracket(line, open_, close, content)
            continue
        inline: list[str] = []
        parsed = parse_bracket_english(content, inline)
        if not parsed:
            continue
        forms, extra = parsed
        chain = _quoted_chain(line, open_)
        spans: list[tuple[int, int, str]] = []
        if chain:
            for quoted in chain:
                pattern = "quote-slash" if re.search("[/、／]", line[quoted[0] : quoted[1]]) else "quote-bracket"
                spans.extend((s, e, pattern) for s, e in _split_renderings(line, *quoted))
        else:
            span = rendering_before(line, open_, forms, doc_text)
            if span:
                spans = [(span[0], span[1], "bracket")]
        if not spans and inline:
            # English first: ACR(long form, 中文) - the Chinese in the bracket is the rendering
            position = line.find(inline[0], open_, close)
            spans = [(position, position + len(inline[0]), "bracket-inline")]
            acronym = re.search(r"([A-Z][A-Za-z0-9\-]*[A-Z][A-Za-z0-9]*)\s*$", line[:open_])
            if acronym and is_acronym(acronym.group(1)):
                forms = [*forms, acronym.group(1)]
        for english in forms:
            for start, end, pattern in spans:
                yield Found(english, line[start:end], start, end, pattern)
            for alternative in extra:
                position = line.find(alternative, open_, close)
                yield Found(english, alternative, position, position + len(alternative), "bracket-alias")


def _reverse_bracket(line: str, open_: int, close: int, content: str) -> Iterator[Found]:
    """English(中文): LLM(大型语言模型), RLHF(从人类反馈中强化学习), Alex Tamkin(亚历克斯·塔姆金)."""
    chinese = content.strip()
    if not re.fullmatch(f"[{CJK}{NAME_DOTS}]{{2,16}}", chinese) or chinese[:1] in "即如指原注又":
        return
    if re.match("^(?:一|某)[个种款家项类部套名位本篇些]", chinese):
        return  # PyTorch(一个深度学习框架): a description, not a translation
    end = open_
    while end > 0 and line[end - 1] == " ":
        end -= 1
    start = end
    while start > 0 and (line[start - 1].isalnum() or line[start - 1] in " -'’.&") and not has_cjk(line[start - 1]):
        start -= 1
    english = strip_quotes(line[start:end].strip(" -.'’"))
    words = english.split()
    if not words:
        return
    if len(words) > 5 or not valid_english(english):
        if is_acronym(words[-1]):
            english = words[-1]
        else:
            return
    if english and english[0].isdigit():
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
                if offset >= 0:
                    yield Found(english, clean, offset, offset + len(clean), "alternatives")
            position += len(item)


_GLUED = re.compile(
    rf"(?<=[{CJK}])\s?(?P<en>[A-Za-z][A-Za-z0-9\-]*(?: [a-z][a-z\-]+)*)(?=$|[\s{CJK},.;:!?\"“”」’)、。，：；！？])"
)
_GLUED_REVERSE = re.compile(rf"(?<![A-Za-z0-9\-.])(?P<en>[A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*)\s?(?=[{CJK}])")


def mine_glued(line: str, known: dict[str, set[str]] | None = None) -> Iterator[Found]:
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
        if not is_acronym(english):
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
        supplied = _letters_of(token, remaining, strict=True)
        if supplied:
            remaining = _drop(remaining, supplied)
            aligned += 1
        elif misses == 0 and len(remaining) > 1:
            misses += 1
        else:
            return None
        index -= 1
    if len(remaining) > misses or (misses and aligned < 2) or index + 1 >= len(tokens):
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


# --------------------------------------------------------------------------- segments

_QUOTED_EN = re.compile(r"[“\"]([^”\"]{2,60})[”\"]")
_QUOTED_ZH = re.compile(r"[「“\"]([^」”\"]{1,30})[」”\"]")
_SEPARATOR = re.compile(r"\s*(?:——|—|\s[-|–]\s)\s*")


SENTENCE_CONTINUATIONS = frozenset("是的了在和与也被将已为有会可能就都并而则及或等中上")


def _split_bilingual(line: str) -> tuple[str, str, int] | None:
    """English half, Chinese half and where the Chinese half starts."""
    separator = _SEPARATOR.search(line)
    if separator and not has_cjk(line[: separator.start()]) and has_cjk(line[separator.end() :]):
        return line[: separator.start()], line[separator.end() :], separator.end()
    first = _CJK_CHAR.search(line)
    if not first:
        return None
    start = first.start()
    while start > 0 and line[start - 1] in '「『“"…. ':
        start -= 1
    english, chinese = line[:start], line[start:]
    tail = re.search(r"\s([A-Z]{2,})\s*$", english)
    if tail and len(english.split()) > 3:  # "... in government AI 安全引起了…": AI opens the Chinese half
        start = tail.start(1)
        english, chinese = line[:start], line[start:]
    return english, chinese, start


def mine_segment(line: str) -> tuple[Segment | None, list[Found]]:
    """A bilingual heading or sentence: "Quick taxonomy of catastrophic AI risk 关于人工智能风险的简要分类".

    The halves must be of comparable size and the English a phrase, not a title that the Chinese
    merely mentions. Quoted items standing in the same order in both halves are paired as
    glosses (“Light-touch” … 「轻触式」).
    """
    split = _split_bilingual(line)
    if split is None:
        return None, []
    english, chinese, zh_start = split
    english = english.strip(" -*•")
    chinese = chinese.strip()
    words = re.findall(r"[A-Za-z][A-Za-z'’\-]*", english)
    cjk = len(_CJK_CHAR.findall(chinese))
    if len(words) < 3 or "://" in english or re.search(r"[、，。：；]", english) or cjk < 4:
        return None, []
    if chinese[:1] in SENTENCE_CONTINUATIONS:
        return None, []  # "GPT-4(…)是一个多模态模型": the Chinese goes on with the English as its subject
    if not (english[:1].isupper() or english[:1] in "“\"…'‘.") or re.search(r"\[[A-Z]\]|\bet al\b", english):
        return None, []
    if re.search(r"\d\s*:?$", english.rstrip("?.!… ")) and not re.search(r"[a-z]\d{1,3}\W*$", english):
        return None, []
    if len(re.findall(r"[A-Za-z]{2,}", chinese)) > 2 or cjk < 0.6 * len(words) or cjk > 4 * len(words) + 12:
        return None, []
    english = re.sub(r"(?<=[a-z?!.…])\d{1,3}(?=…|\s|$)", "", english).strip()
    found: list[Found] = []
    en_quotes = _QUOTED_EN.findall(english)
    zh_quotes = list(_QUOTED_ZH.finditer(line, zh_start))
    if en_quotes and len(en_quotes) == len(zh_quotes):
        for en, zh in zip(en_quotes, zh_quotes, strict=False):
            if valid_english(en) and has_cjk(zh.group(1)):
                found.append(Found(en, zh.group(1), zh.start(1), zh.end(1), "segment-quote"))
    return Segment(english=english, chinese=chinese, doc="", line=0), found


# --------------------------------------------------------------------------- classification


def classify(english: str, chinese: str) -> str:
    """person, organization, acronym or term, from the shapes of both sides."""
    if any(dot in chinese for dot in NAME_DOTS) or (_PERSON_EN.match(english) and _looks_transliterated(chinese)):
        return KIND_PERSON
    words = [w.lower().strip(".,") for w in english.split()]
    named = english[:1].isupper()
    org_head = words and (
        words[-1] in ORG_WORDS or (len(words) > 2 and words[0] in ORG_WORDS and words[1] in ("of", "for"))
    )
    if (named and org_head) or (chinese.endswith(ORG_SUFFIXES) and (is_acronym(english) or named)):
        return KIND_ORGANIZATION
    if is_acronym(english):
        return KIND_ACRONYM
    return KIND_TERM


COMMON_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆"
    "汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤吴欧阳司马诸葛"
)


def _looks_transliterated(chinese: str) -> bool:
    """A name written in Chinese: tagged as a person name, or a common surname and a given name."""
    if not 2 <= len(chinese) <= 8:
        return False
    if all(pos.startswith("nr") for _, pos in tagged(chinese)):
        return True
    given = chinese[1:]
    return (
        len(chinese) <= 3
        and chinese[0] in COMMON_SURNAMES
        and not lexicon.known(chinese)
        and not any(len(part) > 1 and lexicon.known(part) for part in lexicon.split_compound(given))
    )  # 杨立昆 is a name; 张量并行 (并行 is a word) is not


# --------------------------------------------------------------------------- driver


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
                pattern=item.pattern,
                context=context_window(line, item.start, item.end),
                original=original,
            )
        )
    return pairs


_TABLE_ROW = re.compile(r"^\s*\|(.+)\|\s*$")
_GLOSSARY_LINE = re.compile(
    r"^\s*(?:[-*+•·]\s+|\d{1,3}[.)、]\s*)?(?P<a>[^:：—|]{1,80}?)\s*(?P<sep>[:：]|\s[—–-]{1,2}\s|——)\s*"
    r"(?P<b>[^:：|]{1,80}?)\s*[;；。.]?\s*$"
)


def _term_cells(a: str, b: str, english_first: bool = False) -> tuple[str, str] | None:
    """(English, Chinese) when one side is only English and the other only a short Chinese term."""
    a, b = strip_quotes(a.strip(" *`")), strip_quotes(b.strip(" *`"))
    for english, chinese in ((a, b),) if english_first else ((a, b), (b, a)):
        if (
            valid_english(english)
            and not is_sentence(english)
            and len(english.split()) <= 6
            and re.fullmatch(f"[{CJK}{NAME_DOTS}]{{1,12}}", chinese)
            and chinese not in STOP_WORDS
            and tagged(chinese)[0][0] not in STOP_WORDS | DEMONSTRATIVES
        ):
            return english, chinese
    return None


_HEADING_PAIR = re.compile(
    rf"^\s*(?:#{{1,6}}\s*)?(?:\d{{1,3}}(?:\.\d{{1,3}})*\.?\s+)?"
    rf"(?:(?P<en>[A-Za-z][A-Za-z0-9'’\- ]{{1,60}}?)\s*(?P<zh>[{CJK}]{{2,12}})"
    rf"|(?P<zh2>[{CJK}]{{2,12}})\s*(?P<en2>[A-Za-z][A-Za-z0-9'’\- ]{{1,60}}?))\s*$"
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
    aligned = sum(1 for w in words if any(_aligns_word(t, [w]) for t in tokens))
    if aligned * 2 < len(words):
        return []
    start = line.index(chinese)
    return [Found(english, chinese, start, start + len(chinese), "heading")]


def mine_list_line(line: str) -> list[Found]:
    """Glossary tables and lists: `| Large Language Model | 大语言模型 |`, `- LLM：大语言模型`,
    `大语言模型 — Large Language Model`. The whole line (or cell pair) is the gloss."""
    table = _TABLE_ROW.match(line)
    if table:
        cells = [cell.strip() for cell in table.group(1).split("|")]
        texts = [c for c in cells if c]
        if len(texts) >= 2 and not all(set(c) <= set("-: ") for c in texts):
            found = []
            english = [c for c in texts if valid_english(strip_quotes(c)) and not has_cjk(c)]
            chinese = [c for c in texts if re.fullmatch(f"[{CJK}{NAME_DOTS}]{{1,12}}", c)]
            if len(english) == 1 and len(chinese) >= 1:
                for rendering in chinese:
                    pair = _term_cells(english[0], rendering)
                    if pair:
                        start = line.index(rendering)
                        found.append(Found(pair[0], pair[1], start, start + len(pair[1]), "table"))
            return found
        return []
    match = _GLOSSARY_LINE.match(line)
    if not match:
        return []
    # "LLM：大语言模型" is a gloss; "作者: John Smith" is a label and its value
    pair = _term_cells(match.group("a"), match.group("b"), english_first=match.group("sep").strip() in ":：")
    if not pair:
        return []
    start = line.index(pair[1], match.start("a") if pair[1] in match.group("a") else match.start("b"))
    return [Found(pair[0], pair[1], start, start + len(pair[1]), "list")]


def mine_line(
    line: NormalizedLine,
    doc_text: str = "",
    doc: str = "",
    known: dict[str, set[str]] | None = None,
    brackets: list[Found] | None = None,
) -> tuple[list[TermPair], list[Segment]]:
    """All glosses and segments of one line. `known`: renderings the document glosses elsewhere;
    `brackets`: this line's bracketed glosses when already mined."""
    text = line.text
    if not text.strip() or not has_cjk(text):
        return [], []
    found: list[Found] = list(mine_brackets(text, doc_text)) if brackets is None else list(brackets)
    found.extend(mine_alternatives(text))
    found.extend(mine_glued(text, known))
    if not found:
        found.extend(mine_list_line(text) or mine_heading_pair(text))
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
            return Found(item.english, rendering, start, item.end, item.pattern)
    return item


def mine_document(document: NormalizedDocument) -> tuple[list[TermPair], list[Segment]]:
    """Two passes: bracketed glosses first, so that glued forms can lean on them."""
    doc_text = document.text
    meta = document.document
    known: dict[str, set[str]] = {}
    brackets: dict[int, list[Found]] = {}
    for line in document.lines:
        if line.text and has_cjk(line.text) and "(" in line.text:
            brackets[line.number] = list(mine_brackets(line.text, doc_text))
            for item in brackets[line.number]:
                known.setdefault(fold_key(item.english), set()).add(item.chinese)
    for number, found in brackets.items():
        line_text = next(line.text for line in document.lines if line.number == number)
        brackets[number] = [_prefer_known(line_text, item, known) for item in found]
    pairs: list[TermPair] = []
    segments: list[Segment] = []
    for line in document.lines:
        line_pairs, line_segments = mine_line(line, doc_text, meta.path, known, brackets.get(line.number, []))
        pairs.extend(replace(pair, script=meta.script, region=meta.region) for pair in line_pairs)
        segments.extend(line_segments)
    return pairs, segments
