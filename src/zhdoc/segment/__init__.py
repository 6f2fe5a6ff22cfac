"""jieba, loaded lazily once per process, with the glossary's renderings as user words.

A process that mines one article must not pay for loading all of jieba: its word list comes group
by group from a prebuilt index (dictionary.py), its HMM tables a character at a time (hmm.py),
and its part-of-speech Viterbi is replaced by a faster one with the same results (hmm.py).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable
from functools import lru_cache, partial

from . import dictionary, hmm
from .hmm import viterbi as _viterbi  # noqa: F401 - tests compare it with jieba's


@lru_cache(maxsize=1)
def _jieba():
    hmm.install()
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
    if not tokenizer.initialized:  # the prefix dictionary comes group by group (see dictionary.py)
        tokenizer.FREQ, tokenizer.total = dictionary.FREQ, dictionary.total()
        tokenizer.get_DAG, tokenizer.calc = dictionary.get_dag, partial(dictionary.calc, tokenizer)
        tokenizer.initialized = True
    return jieba


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
    jieba.posseg.dt.word_tag_tab = dictionary.TAGS
    jieba.posseg.viterbi = hmm.viterbi
    return jieba.posseg


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

    `keep` (a matcher, see glossary.use_matcher) marks terms that stay whole even where
    jieba's own splitting would break them (亚历克斯·塔姆金: jieba always splits at the dot).
    """
    words: list[str] = []
    position = 0
    for start, end, word in keep.finditer(text) if keep is not None else ():
        words.extend(tokens(text[position:start]))
        words.append(word)
        position = end
    words.extend(tokens(text[position:]))
    return " ".join(word for word in words if word.strip())
