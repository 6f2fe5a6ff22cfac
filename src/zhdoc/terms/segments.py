"""Bilingual headings and sentences: a translation of a whole phrase, not a glossary item."""

from __future__ import annotations

import re

from ..models import (
    Segment,
)
from .forms import Found, has_cjk, valid_english
from .words import _CJK_CHAR, SENTENCE_CONTINUATIONS

_QUOTED_EN = re.compile(r"[“\"]([^”\"]{2,60})[”\"]")


_QUOTED_ZH = re.compile(r"[「“\"]([^」”\"]{1,30})[」”\"]")


_SEPARATOR = re.compile(r"\s*(?:——|—|\s[-|–]\s)\s*")


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
