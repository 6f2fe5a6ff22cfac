"""jieba, loaded lazily once per process, with the glossary's renderings as user words.

jieba's word list (its prefix dictionary, ~580,000 entries, and the part-of-speech table) is not
loaded whole: a prebuilt index grouped by the first two characters of each word (zhdoc.dictindex)
gives a group the first time jieba asks for a word that starts with it. jieba only ever asks for
words of the text, so its results are the same as with the whole list, and a process that mines
one article loads a few thousand entries instead of parsing the dictionary for a second.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterable
from functools import lru_cache


class _Frequencies(dict):
    """prefix (a word's first two characters, or its only one) -> {word or prefix: frequency} of the
    dictionary's words starting so; a group is read from the index the first time it is asked for."""

    def __missing__(self, prefix: str) -> dict[str, int]:
        found = _index().group(prefix)
        frequencies, tags = found if found is not None else ({}, {})
        self[prefix] = frequencies
        _TAG_GROUPS[prefix] = tags
        return frequencies


class _TagGroups(dict):
    """prefix -> {word: part of speech}, loaded together with the prefix's frequencies."""

    def __missing__(self, prefix: str) -> dict[str, str]:
        _FREQUENCIES[prefix]  # noqa: B018 - loads both groups
        return self[prefix]


_FREQUENCIES = _Frequencies()
_TAG_GROUPS = _TagGroups()


class _Tags(dict):
    """jieba.posseg's word -> part-of-speech table: the user's words (the dict itself, which posseg
    updates) over the dictionary's groups, which are looked up where they are instead of copied."""

    def get(self, word, default=None):
        if word in self:
            return self[word]
        return _TAG_GROUPS[word[:2]].get(word, default)


_TAGS = _Tags()


class _PrefixDictionary:
    """jieba's prefix dictionary (word or prefix -> frequency) as a view over the loaded groups.

    jieba reads it with `in`, `[]` and `get`, and add_word writes to it; each goes to the group of
    the word's first two characters, which is loaded first, so a user word overrides the dictionary."""

    def get(self, word, default=None):
        return _FREQUENCIES[word[:2]].get(word, default)

    def __contains__(self, word) -> bool:
        return word in _FREQUENCIES[word[:2]]

    def __getitem__(self, word) -> int:
        return _FREQUENCIES[word[:2]][word]

    def __setitem__(self, word, value: int) -> None:
        _FREQUENCIES[word[:2]][word] = value


_FREQ = _PrefixDictionary()


def _get_dag(sentence: str) -> dict[int, list[int]]:
    """jieba.Tokenizer.get_DAG, reading the groups directly (same result)."""
    groups = _FREQUENCIES
    dag = {}
    n = len(sentence)
    for k in range(n):
        ends = []
        char = sentence[k]
        single = groups[char]
        if char in single:
            if single[char]:
                ends.append(k)
            i = k + 1
            if i < n:
                fragment = sentence[k : i + 1]
                group = groups[fragment]
                while fragment in group:
                    if group[fragment]:
                        ends.append(i)
                    i += 1
                    if i >= n:
                        break
                    fragment = sentence[k : i + 1]
        if not ends:
            ends.append(k)
        dag[k] = ends
    return dag


def _calc(sentence: str, dag: dict[int, list[int]], route: dict) -> None:
    """jieba.Tokenizer.calc, the same arithmetic, each word's group read directly."""
    from math import log

    groups = _FREQUENCIES
    n = len(sentence)
    route[n] = (0, 0)
    logtotal = log(_jieba().dt.total)
    for idx in range(n - 1, -1, -1):
        ends = dag[idx]
        single = groups[sentence[idx]]
        pair = groups[sentence[idx : idx + 2]] if ends[-1] > idx else single  # ends ascend
        route[idx] = max(
            (log((pair if x > idx else single).get(sentence[idx : x + 1]) or 1) - logtotal + route[x + 1][0], x)
            for x in ends
        )


@lru_cache(maxsize=1)
def _jieba():
    blocked = "pkg_resources" not in sys.modules
    if blocked:  # 0.35 s to import; without it jieba opens its data files by path, the same files
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]
    try:
        import jieba
    finally:
        if blocked and sys.modules.get("pkg_resources", 0) is None:
            del sys.modules["pkg_resources"]

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.dt
    if not tokenizer.initialized:  # the prefix dictionary comes group by group (see _Frequencies)
        tokenizer.FREQ, tokenizer.total = _FREQ, _index().header()
        tokenizer.get_DAG, tokenizer.calc = _get_dag, _calc
        tokenizer.initialized = True
    return jieba


@lru_cache(maxsize=1)
def _index():
    import jieba

    from .dictindex import ShardedIndex, source_key

    source = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    return ShardedIndex("jieba", f"{jieba.__version__}-{source_key(source)}", _build_index)


def _build_index() -> tuple[dict[str, object], int]:
    """{prefix: ({word or prefix: frequency}, {word: part of speech})} by the words' first two
    characters, and jieba's total."""
    import jieba

    tokenizer = jieba.Tokenizer()
    frequencies, total = tokenizer.gen_pfdict(tokenizer.get_dict_file())
    groups: dict[str, tuple[dict[str, int], dict[str, str]]] = {}
    for word, frequency in frequencies.items():
        groups.setdefault(word[:2], ({}, {}))[0][word] = frequency
    with tokenizer.get_dict_file() as handle:
        for line in handle:
            parts = line.strip().decode("utf-8").split(" ")
            if len(parts) == 3:
                groups.setdefault(parts[0][:2], ({}, {}))[1][parts[0]] = parts[2]
    return groups, total


@lru_cache(maxsize=1)
def _posseg():
    """jieba.posseg, imported without its module-level parse of the whole dictionary for tags."""
    import io

    jieba = _jieba()
    tokenizer = jieba.dt
    tokenizer.get_dict_file = lambda: io.BytesIO(b"")  # read by POSTokenizer() at import
    try:
        import jieba.posseg
    finally:
        del tokenizer.get_dict_file
    jieba.posseg.dt.word_tag_tab = _TAGS
    jieba.posseg.viterbi = _viterbi
    return jieba.posseg


_MIN_FLOAT = -3.14e100
_MIN_INF = float("-inf")


def _viterbi(obs, states, start_p, trans_p, emit_p):
    """jieba.posseg.viterbi, the same arithmetic and the same tie-breaking, 2.4x faster.

    The part-of-speech HMM runs on every stretch jieba's dictionary does not cover, and was the
    largest single cost of mining. jieba's version builds a tuple per (state, previous state) pair
    and takes the max of a generator; this one keeps the best in two locals and skips previous
    states with no transition (their score is -inf, which only wins when every score is -inf: then
    jieba's max() picks the greatest previous state, and so does this). Checked equal on every
    out-of-dictionary stretch of the d2l-zh chapters.
    """
    all_states = trans_p.keys()
    previous = {}
    paths: list[dict] = [{}]
    first = obs[0]
    for y in states.get(first, all_states):
        previous[y] = start_p[y] + emit_p[y].get(first, _MIN_FLOAT)
        paths[0][y] = ""
    for t in range(1, len(obs)):
        char = obs[t]
        prev_states = [x for x in paths[t - 1] if trans_p[x]]
        expect: set = set()
        for x in prev_states:
            expect.update(trans_p[x])
        obs_states = set(states.get(char, all_states)) & expect
        if not obs_states:
            obs_states = expect if expect else all_states
        current, path = {}, {}
        fallback = max(prev_states)
        for y in obs_states:
            emit = emit_p[y].get(char, _MIN_FLOAT)
            best_value, best_state = _MIN_INF, None
            for y0 in prev_states:
                p = trans_p[y0].get(y)
                if p is None:
                    continue
                value = previous[y0] + p + emit
                if value > best_value or (value == best_value and best_state is not None and y0 > best_state):
                    best_value, best_state = value, y0
            if best_state is None or best_value == _MIN_INF:
                best_value, best_state = _MIN_INF, fallback
            current[y] = best_value
            path[y] = best_state
        previous = current
        paths.append(path)
    prob, state = max((previous[y], y) for y in paths[-1])
    route = [None] * len(obs)
    for i in range(len(obs) - 1, -1, -1):
        route[i] = state
        state = paths[i][state]
    return prob, route


def add_words(words: Iterable[str]) -> None:
    """Keep these Chinese terms whole in every later segmentation."""
    jieba = _jieba()
    for word in words:
        if word and not word.isascii():
            jieba.add_word(word, freq=None, tag="nz")  # over the dictionary's entry (_PrefixDictionary)


def tokens(text: str) -> list[str]:
    return _jieba().lcut(text)


@lru_cache(maxsize=200_000)
def tagged(text: str) -> tuple[tuple[str, str], ...]:
    """(word, part-of-speech) pairs; cached because glosses repeat their left contexts."""
    return tuple((pair.word, pair.flag) for pair in _posseg().lcut(text))


def segment_line(text: str, keep=None) -> str:
    """The jieba segmentation of a line, words separated by spaces (for `zhdoc segment`).

    `keep` (a compiled pattern, see glossary.use_pattern) marks terms that stay whole even where
    jieba's own splitting would break them (亚历克斯·塔姆金: jieba always splits at the dot).
    """
    words: list[str] = []
    position = 0
    for match in keep.finditer(text) if keep is not None else ():
        words.extend(tokens(text[position : match.start()]))
        words.append(match.group(0))
        position = match.end()
    words.extend(tokens(text[position:]))
    return " ".join(word for word in words if word.strip())
