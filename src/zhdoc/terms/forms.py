"""The English side of a gloss: which bracket contents are English forms, acronyms, sentences."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..segment import tagged
from .words import (
    _CJK_CHAR,
    _ENGLISH_STOP,
    _LATIN,
    _PRONOUNS,
    CIRCUMFIX,
    CJK,
    DEMONSTRATIVES,
    NAME_DOTS,
    NOTE_PREPOSITIONS,
    OPEN_ENDINGS,
    QUOTE_CHARS,
    STOP_WORDS,
)

_ACRONYM = re.compile(r"^(?=.*[A-Z].*[A-Z])[A-Za-z0-9][A-Za-z0-9\-&.]{0,11}$")


_PERSON_EN = re.compile(
    r"^[A-ZÀ-Ö][a-zà-öø-ÿ'’]+(?:-[A-ZÀ-Ö]?[a-zà-öø-ÿ'’]+)*(?: [A-ZÀ-Ö]\.?)?"
    r"(?: (?:de |van |von |di |le |la )?[A-ZÀ-Ö][a-zà-öø-ÿ'’]+(?:[A-Z][a-z]+)?(?:-[A-ZÀ-Ö]?[a-zà-öø-ÿ'’]+)*){1,2}$"
)


_YEAR = re.compile(r"\b(1[89]|20)\d\d[a-z]?\b")


_ENGLISH_CHARS = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿ\u0391-\u03a9\u03b1-\u03c90-9 \-–'’&.,:+/_]+$")  # β-lactamase


@dataclass(frozen=True)
class Found:
    english: str
    chinese: str
    start: int  # span of the rendering in the normalized line
    end: int
    pattern: str
    why: str = ""  # the evidence that chose the boundary (markup, coverage, clause, recurrence)


def is_acronym(text: str) -> bool:
    """LLM, X-Risk, RepE, CoT, DSTC9: a short form rather than words."""
    text = text.strip()
    if " " in text or not _ACRONYM.match(text):
        return False
    if re.fullmatch(r"[A-Z]{7,}", text):
        return False  # CONCLUSION, DESCRIPTION: a word in capitals (a heading), not an initialism
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


_STRUCTURAL = re.compile(
    r"^(?:chapter|chap\.|section|sect?\.|figure|fig\.?|table|tab\.|equation|eq\.?|page|p\.|part|appendix|step|"
    r"example|line|note|footnote|volume|vol\.|no\.)\s*(?:\d|[IVXivx]+\b)",  # Part II, not partial
    re.IGNORECASE,
)


_IDENTIFIER = re.compile(r"\b[A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]*\b|\b[a-z]+(?:[A-Z][a-z0-9]+){2,}\b")


# what a form that starts with a number still needs to be a name: a word (5-hydroxytryptamine,
# L3 cache) or, after a hyphen or inside, an acronym (5-HT, I18N, L10N)
_NAMED_BY_NUMBER = re.compile(r"(?=[A-Za-z]*[aeiouy])[A-Za-z]{4,}|^\d+-[A-Z]{2,}$|^[A-Za-z]\d+[A-Za-z]$")


_NOT_A_TERM = re.compile(r"(?:[A-Za-z0-9]+\+)+[A-Za-z0-9]+|\.[A-Za-z0-9]{1,5}|(?=[a-f]*\d)(?=\d*[a-f])[0-9a-f]{7,40}")


def valid_english(text: str) -> bool:
    """An English form: letters, not a citation, a sentence, a number or a URL."""
    if not text or not _LATIN.search(text) or has_cjk(text) or text[0] in "-−":
        return False  # (-inf, inf): a negative value or an interval, not a term
    words_in = {w.lower() for w in re.findall(r"[A-Za-z]+", text)}
    if words_in & _PRONOUNS and len(text.split()) > 1:
        return False
    last = re.findall(r"[A-Za-z]+", text)[-1:] if " " in text.strip() else []
    if last and last[0].lower() in OPEN_ENDINGS:
        return False  # "Title is", "Number of": a label or a phrase cut short; a name ends in a content word
    if words_in and words_in <= _PRONOUNS | _ENGLISH_STOP and not text.isupper():
        return False  # 我们的模型（ours）, （this）: function words name nothing (IT, US as capitals may)
    if not _ENGLISH_CHARS.match(text) or "://" in text or text.startswith(("www.", "/", "~/")):
        return False  # a URL or a path
    if _IDENTIFIER.search(text):
        return False  # user_city, numDigitsAfterDecimal: a name in code, not a term
    if len(_LATIN.findall(text)) < 2 and not text.strip().isupper():
        return False  # 用户（u）, 可读（r）: one small letter is a flag or a variable, not a term
    if re.search(r"\bet al\b|\bpp?\.\s*\d", text) or (_YEAR.search(text) and "," in text):
        return False
    if re.fullmatch(r"[\d\s.\-–,:/]+[A-Za-z]?", text) or (
        re.fullmatch(r"(?:[A-Za-z]\.?\s*)?\d[\w.\-]*", text) and not _NAMED_BY_NUMBER.search(text)
    ):
        return False  # 3.5, v1.2, 2D, 1080p, 0xfffd: a number or a version
    if _NOT_A_TERM.fullmatch(text.strip()):
        return False  # Ctrl+Shift+F, .rpt, dc65314: a key combination, a file extension, a commit hash
    first = text.split()[0].lower()
    if first in NOTE_PREPOSITIONS and re.search(r"\d", text):
        return False  # (since V2.2), (in 2020), (for Python 3): a note on a version or a date
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


def _abbreviation(pieces: list[str]) -> bool:
    """Noun, N / Adjective, Adj / Verb Phrase, VP: the second piece abbreviates the first."""
    if len(pieces) != 2 or not pieces[1] or len(pieces[1]) > 5 or not pieces[1][0].isupper():
        return False
    whole, short = pieces[0], pieces[1].rstrip(".")
    initials = "".join(w[0] for w in whole.split() if w).upper()
    return short.upper() == initials or (len(whole.split()) == 1 and whole.lower().startswith(short.lower()))


def _contraction(pieces: list[str]) -> bool:
    """sequence to sequence, seq2seq / Stanford Question Answering Dataset, SQuAD v1.1: the second
    piece is one word (and a version) whose letters run through the first, in order."""
    if len(pieces) != 2 or len(pieces[0].split()) < 2:
        return False
    head = re.fullmatch(r"([A-Za-z][A-Za-z0-9\-]{1,15})(?:\s+v?\d+(?:\.\d+)*)?", pieces[1])
    if not head:
        return False
    letters = re.sub(r"[^a-z]", "", head.group(1).lower())
    whole = re.sub(r"[^a-z]", "", pieces[0].lower())
    return bool(letters) and letters[0] == whole[:1] and in_order(letters, whole)


def in_order(letters: str, text: str) -> bool:
    """seq2seq within sequencetosequence, AI within AGI: the letters appear in the text, in order
    (not necessarily adjacent)."""
    position = 0
    for letter in letters:
        position = text.find(letter, position) + 1
        if not position:
            return False
    return True


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
        acronym_piece = (
            is_acronym(pieces[-1])
            or (len(pieces) == 2 and is_acronym(pieces[0]))
            or _abbreviation(pieces)
            or _contraction(pieces)
        )
        if len(pieces) > 1 and acronym_piece and all(valid_english(p) for p in pieces):
            forms.extend(pieces)
        else:
            forms.append(part)
    return [f for f in dict.fromkeys(forms) if valid_english(f)]


_ALIAS_PREFIX = re.compile(
    r"^(?:常|通常|一般|也|又|亦|或|多)?(?:被)?"
    r"(?:(?:英文全称|英文名称|英文名|英文为|英文是|英文|英语|全称|简称|缩写|又称|也称|亦称|即|English)"
    r"\s*(?:[:：为是作成]|称为|写作|写为)?|(?:英|原文|英译|外文|外文名)\s*[:：])\s*[:：]?\s*"
)


_ALIAS_RENDERING = re.compile(
    f"^(?:又译|又称|也称|亦称|或称|或译|也译|简称|俗称|又名|亦名|别名|别称|中文|中文名|中译)\\s*[:为是]?\\s*(?P<zh>[{CJK}·]+)"
)


def parse_bracket_english(content: str, inline: list[str] | None = None) -> tuple[list[str], list[str]] | None:
    """The English forms in a bracket, and Chinese alternatives it states (又称…).

    "situational awareness;即将抽象知识…" -> (["situational awareness"], []): the explanation after
    the `;` is not part of the form. A Chinese term after the English (GPT(Generative Pre-trained
    Transformer, 生成式预训练变换器)) is appended to `inline` when given.
    """
    # 大语言模型（Large Language Model (LLM)）: an acronym in brackets after the long form is a second form
    content = re.sub(r"(?<=[A-Za-z])\s*\(([A-Z][A-Za-z0-9\-]{1,11})\)\s*$", r", \1", content.strip())
    parts = re.split(r"\s*[;,，；]\s*", content)
    english_parts: list[str] = []
    extra: list[str] = []
    for index, part in enumerate(parts):
        part = part.strip()
        # 心房颤动（简称房颤，atrial fibrillation）: the alias may come first when English follows
        match = _ALIAS_RENDERING.match(part) if index or len(parts) > 1 else None
        if not match:
            part = _ALIAS_PREFIX.sub("", part) if index == 0 or has_cjk(part) else part
        if not part:
            continue
        if has_cjk(part):
            if re.fullmatch(r"[A-Za-z0-9.\- ]+[和与及或、][A-Za-z0-9.\- ]+", part):
                return None  # （Postscript，PDF，HPGL和SVG）: a list of examples
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
    # H/V/45: one letter is a form only as the short form of another (名词（Noun, N）)
    forms = [
        f
        for f in forms
        if len(_LATIN.findall(f)) >= 2
        or any(len(_LATIN.findall(o)) >= 2 and o[:1].upper() == f[:1].upper() for o in forms)
    ]
    if len(forms) == 1 and len(_LATIN.findall(forms[0])) < 2:
        return None  # 可执行（X）: a lone capital is a flag or a name of a variable; 名词（Noun, N） keeps it
    if len(forms) >= 3:
        forms = _list_with_acronym(raw, forms)
    return (forms, extra) if forms else None


def _list_with_acronym(raw: str, forms: list[str]) -> list[str]:
    """Three or more forms in one bracket are a list of examples (绘图文件（Postscript，PDF，HPGL和SVG）),
    which glosses nothing, unless the last is the acronym of the others read as one long form
    (Chemical, Biological, Radiological, and Nuclear, CBRN)."""
    *words, acronym = forms
    long_form = raw[: raw.rfind(acronym)].rstrip(" ,，;；/")
    initials = "".join(word[0] for word in english_content_words(long_form)).upper()
    if is_acronym(acronym) and initials == acronym_letters(acronym) and valid_english(long_form):
        return [long_form, acronym]
    return []


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
        and not first_pos.startswith(("d", "t", "p", "c", "u", "m"))
        and not (first_pos.startswith("r") and len(first_word) < 2)  # 自我一致性 is a term, 其 starts a clause
    )
