"""jieba's word list as a view over a prebuilt index, read a group of words at a time.

jieba's word list (its prefix dictionary, ~580,000 entries, and the part-of-speech table) is not
loaded whole: a prebuilt index grouped by the first two characters of each word (zhdoc.dictindex)
gives a group the first time jieba asks for a word that starts with it. jieba only ever asks for
words of the text, so its results are the same as with the whole list, and a process that mines
one article loads a few thousand entries instead of parsing the dictionary for a second.
"""

from __future__ import annotations

import os
from functools import lru_cache
from math import log

_NONE: dict = {}  # the group of a prefix no dictionary word starts with; shared, never written to


class _Frequencies(dict):
    """prefix (a word's first two characters, or its only one) -> {word or prefix: frequency} of the
    dictionary's words starting so; a group is read from the index the first time it is asked for.

    A prefix no word starts with is not kept: the index answers it again in a microsecond, and
    keeping every pair of characters a long run meets would grow without bound."""

    def __missing__(self, prefix: str) -> dict[str, int]:
        found = _index().group(prefix)
        if found is None:
            return _NONE
        frequencies, tags = found
        self[prefix] = frequencies
        _TAG_GROUPS[prefix] = tags
        return frequencies

    def writable(self, prefix: str) -> dict[str, int]:
        """The group of `prefix`, made when no dictionary word starts so (for a user word)."""
        group = self[prefix]
        if group is _NONE:
            group = self[prefix] = {}
            _TAG_GROUPS[prefix] = {}
        return group


class _TagGroups(dict):
    """prefix -> {word: part of speech}, loaded together with the prefix's frequencies."""

    def __missing__(self, prefix: str) -> dict[str, str]:
        _FREQUENCIES[prefix]  # noqa: B018 - loads both groups when the prefix has any
        return self.get(prefix, _NONE)


_FREQUENCIES = _Frequencies()
_TAG_GROUPS = _TagGroups()


class _Tags(dict):
    """jieba.posseg's word -> part-of-speech table: the user's words (the dict itself, which posseg
    updates) over the dictionary's groups, which are looked up where they are instead of copied."""

    def get(self, word, default=None):
        if word in self:
            return self[word]
        return _TAG_GROUPS[word[:2]].get(word, default)


TAGS = _Tags()


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
        _FREQUENCIES.writable(word[:2])[word] = value


FREQ = _PrefixDictionary()


def get_dag(sentence: str) -> dict[int, list[int]]:
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


def calc(tokenizer, sentence: str, dag: dict[int, list[int]], route: dict) -> None:
    """jieba.Tokenizer.calc, the same arithmetic, each word's group read directly."""
    groups = _FREQUENCIES
    n = len(sentence)
    route[n] = (0, 0)
    logtotal = log(tokenizer.total)
    for idx in range(n - 1, -1, -1):
        ends = dag[idx]
        single = groups[sentence[idx]]
        pair = groups[sentence[idx : idx + 2]] if ends[-1] > idx else single  # ends ascend
        route[idx] = max(
            (log((pair if x > idx else single).get(sentence[idx : x + 1]) or 1) - logtotal + route[x + 1][0], x)
            for x in ends
        )


def total() -> int:
    """The sum of the dictionary's frequencies (jieba's `total`)."""
    return _index().header()


@lru_cache(maxsize=1)
def _index():
    import jieba

    from ..dictindex import ShardedIndex, source_key

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
