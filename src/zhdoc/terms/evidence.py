"""Evidence for a candidate rendering: what of the English it accounts for, whether the author marked
it, and how it behaves in the rest of the document.

Each signal holds on any text: CC-CEDICT (character by character when a word is not in it) says which
English words a span translates; the author's markup says where a term starts; the document says
whether a string is a free unit (it recurs, with different characters before it) or a piece of a
longer word (暂退法 is always 暂+退法)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from .. import lexicon
from ..models import MARK_CODE, TERM_MARKS, Mark
from .boundary import Token
from .forms import english_content_words, is_acronym
from .words import _CJK_CHAR, STOP_WORDS


@cache
def _prefixes() -> dict[str, frozenset[str]]:
    text = resources.files(__package__).joinpath("data", "english_morphemes.tsv").read_text(encoding="utf-8")
    table: dict[str, frozenset[str]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        prefix, _, words = line.partition("\t")
        table[prefix.strip()] = frozenset([prefix.strip(), *words.split()])
    return table


@dataclass(frozen=True)
class Need:
    """One English content word the rendering must account for: whole (prediction: 预测), or as a
    bound prefix and the rest (overfitting: 过 for over, 拟合 for fitting) when the whole is not."""

    word: str
    prefix: str = ""
    prefix_words: frozenset[str] = frozenset()  # English words a Chinese morpheme for the prefix carries
    rest: str = ""


DERIVATIONAL = frozenset(
    "ture ure ion tion ation ment ness er or ive al ity ing ed s es ly y ance ence ant ent ist ism ize ise".split()
)
_SUFFIXES = ("ations", "ation", "ings", "ing", "ers", "er", "ies", "es", "ed", "s", "ly", "ity", "ness", "ment")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """fitting -> fit, normalization -> normaliz: enough to compare an English word with a definition."""
    word = word.lower()
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouls":
        word = word[:-1]  # fitt -> fit
    return word.rstrip("e")


@lru_cache(maxsize=16384)
def english_needs(forms: tuple[str, ...]) -> tuple[Need, ...]:
    """What the English forms that are not acronyms ask of a rendering: overfitting -> over + fitting."""
    needs: dict[str, Need] = {}
    for form in forms:
        if is_acronym(form):
            continue
        for word in english_content_words(form):
            needs.setdefault(word, _need(word))
    return tuple(needs.values())


def _need(word: str) -> Need:
    if word in _prefixes():  # pre-training: "pre" is a word of its own here, carried by 预
        return Need(word, prefix_words=_prefixes()[word])
    for prefix in sorted(_prefixes(), key=len, reverse=True):
        rest = word[len(prefix) :].lstrip("-")
        if word.startswith(prefix) and len(rest) >= 3 and rest not in ("ing", "ed", "er", "ers", "ion", "ate"):
            return Need(word, prefix, _prefixes()[prefix], rest)
    return Need(word)


def _definition_words(word: str) -> frozenset[str]:
    return lexicon.english_words(word) if lexicon.known(word) else frozenset()


@lru_cache(maxsize=131072)
def _token_words(word: str, characters: bool) -> frozenset[str]:
    """English words a Chinese token carries: its own definitions, else its dictionary parts';
    with `characters`, each character's as well (快速 -> quick, from 快)."""
    words = set(_definition_words(word))
    if not words or characters:
        for part in lexicon.split_compound(word) if len(word) > 1 else ():
            words |= _definition_words(part)
    if characters and len(word) > 1:
        for char in word:
            words |= _definition_words(char)
    return frozenset(words)


def _word_matches(target: str, words: frozenset[str], loose: bool = True) -> bool:
    """`loose`: a shared beginning of four letters will do (normalize ~ normal); a word with a
    known prefix is compared whole only (过 'over' does not translate overfitting)."""
    if target in words or (loose and lexicon.words_match(words, target, strict=True)):
        return True
    target_stem = stem(target)
    if len(target_stem) >= 3 and any(stem(w) == target_stem for w in words):
        return True
    # mixture = mix + ture, translation = translat(e) + ion: a definition word and a derivational ending
    return any(
        len(w) >= 3 and target.startswith(w.rstrip("e")) and target[len(w.rstrip("e")) :] in DERIVATIONAL for w in words
    )


def token_atoms(token: Token, needs: tuple[Need, ...], characters: bool = False) -> frozenset[str]:
    """What of the English this token accounts for: whole words, and "word:prefix" / "word:rest"
    halves. Latin in a rendering counts when the English has it as written (Z缓冲 for Z-buffer)."""
    if token.is_latin:
        lowered = stem(token.word.lower())
        return frozenset(n.word for n in needs if stem(n.word) == lowered)
    if not _CJK_CHAR.search(token.word):
        return frozenset()
    words = _token_words(token.word, characters)
    atoms: set[str] = set()
    for need in needs:
        if need.prefix_words and not need.prefix:
            if need.prefix_words & words:
                atoms.add(need.word)
        elif _word_matches(need.word, words, loose=not need.prefix):
            atoms.add(need.word)
        elif need.prefix:
            if need.prefix_words & words:
                atoms.add(need.word + ":prefix")
            if _word_matches(need.rest, words):
                atoms.add(need.word + ":rest")
    return frozenset(atoms)


def satisfied(atoms: frozenset[str] | set[str], needs: tuple[Need, ...]) -> frozenset[str]:
    """The needs these atoms account for."""
    return frozenset(
        n.word for n in needs if n.word in atoms or (n.prefix and {n.word + ":prefix", n.word + ":rest"} <= atoms)
    )


def missing_atoms(atoms: frozenset[str] | set[str], needs: tuple[Need, ...]) -> frozenset[str]:
    """What a token further left would have to supply: a whole word, or the half of a split one."""
    missing: set[str] = set()
    for need in needs:
        if need.word in atoms:
            continue
        if need.prefix and need.word + ":rest" in atoms:
            missing.add(need.word + ":prefix")
        elif need.prefix and need.word + ":prefix" in atoms:
            missing.add(need.word + ":rest")
        else:
            missing.add(need.word)
    return frozenset(missing)


def term_mark_ending_at(marks: tuple[Mark, ...], line: str, end: int) -> Mark | None:
    """A span the author emphasised or defined that closes right before the gloss: *过拟合*（overfitting）."""
    while end > 0 and line[end - 1] in " \"'“”「」『』":
        end -= 1
    # nested marks closing together (**被称为*停用词***): the innermost names the term
    for mark in sorted(marks, key=lambda m: m.end - m.start):
        if (mark.kind in TERM_MARKS or mark.kind == MARK_CODE) and mark.end == end:
            text = line[mark.start : mark.end].strip(" \"'“”「」『』")
            if (
                _CJK_CHAR.search(text)
                and len(_CJK_CHAR.findall(text)) <= 16
                and len(text) <= 40
                and not re.search(r"[，。；：！？,;:!?]", text)
            ):
                return mark
    return None


def inside_mark(marks: tuple[Mark, ...], start: int, end: int, kinds: frozenset[str]) -> bool:
    return any(m.kind in kinds and m.start <= start and end <= m.end for m in marks)


@dataclass(frozen=True)
class Recurrence:
    """How a string behaves elsewhere in the document: uses, and the distinct characters before them
    (accessor variety, Feng et al. 2004): a real left boundary is preceded by many different ones."""

    count: int
    left_variety: int
    left: str  # the one character before every use, when there is only one


def recurrence(text: str, doc_text: str, limit: int = 400) -> Recurrence:
    if not text or not doc_text:
        return Recurrence(0, 0, "")
    lefts: set[str] = set()
    count = 0
    position = doc_text.find(text)
    while position >= 0 and count < limit:
        count += 1
        lefts.add(doc_text[position - 1] if position > 0 else "\n")
        position = doc_text.find(text, position + 1)
    only = next(iter(lefts)) if len(lefts) == 1 else ""
    return Recurrence(count, len(lefts), only)


def is_function_token(token: Token) -> bool:
    """A word that starts a clause rather than a term: verbs, adverbs, prepositions, particles."""
    return token.word in STOP_WORDS or token.pos.startswith(("v", "d", "p", "c", "u", "r", "m", "q", "y", "t", "f"))
