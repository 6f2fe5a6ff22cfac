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


def segment_line(text: str) -> str:
    """The jieba segmentation of a line, words separated by spaces (for `zhdoc segment`)."""
    return " ".join(token for token in tokens(text) if token.strip())
