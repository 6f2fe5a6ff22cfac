"""jieba, loaded lazily once per process, with the glossary's renderings as user words."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import lru_cache


@lru_cache(maxsize=1)
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


@lru_cache(maxsize=1)
def _posseg():
    _jieba()
    import jieba.posseg

    return jieba.posseg


def add_words(words: Iterable[str]) -> None:
    """Keep these Chinese terms whole in every later segmentation."""
    jieba = _jieba()
    for word in words:
        if word and not word.isascii():
            jieba.add_word(word, freq=None, tag="nz")


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
