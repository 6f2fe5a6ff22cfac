"""Word lists and character classes the term miner reads; the lists live in data/ as text files,
one entry a line, so a linguist can edit them without reading Python."""

from __future__ import annotations

import re
from importlib import resources

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_CHAR = re.compile(f"[{CJK}]")
_LATIN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]")
OPEN_QUOTES = {"“": "”", '"': '"', "「": "」", "『": "』", "‘": "’", "'": "'", "《": "》"}
CLOSE_QUOTES = {v: k for k, v in OPEN_QUOTES.items()}
QUOTE_CHARS = "\"“”「」『』‘’'"
NAME_DOTS = "·•‧・"
STOP_POS_PREFIXES = ("p", "c", "u", "r", "d", "y", "e", "o", "m", "q", "x", "t", "f", "zg")
CIRCUMFIX = {"从": ("中",), "基于": ("的",), "由": ("的",), "在": ("中", "上")}
GLUED_PARTICLES = "了的着过是被把也都就和及将与"

ORDINAL = re.compile("^第[一二三四五六七八九十百零〇两0-9]+[届次期版代号]?$")


def _load(name: str) -> list[str]:
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


STOP_WORDS = frozenset(_load("stop_words.txt"))
FILLER_WORDS = frozenset(_load("filler_words.txt"))
ORG_WORDS = frozenset(_load("org_words_en.txt"))
ORG_SUFFIXES = tuple(_load("org_suffixes_zh.txt"))
CATEGORY_NOUNS = frozenset(_load("category_nouns_zh.txt"))
OPEN_ENDINGS = frozenset(_load("english_open_endings.txt"))
_ENGLISH_STOP = frozenset(_load("english_stop_words.txt"))
_PRONOUNS = frozenset(_load("english_pronouns.txt"))
BOUND_PREFIXES = frozenset(_load("bound_prefixes_zh.txt"))
BOUND_SUFFIXES = frozenset(_load("bound_suffixes_zh.txt"))
DEMONSTRATIVES = frozenset(_load("demonstratives_zh.txt"))
CONJUNCTIONS = frozenset(_load("conjunctions_zh.txt"))
SENTENCE_CONTINUATIONS = frozenset(_load("sentence_continuations_zh.txt"))
COMMON_SURNAMES = frozenset(_load("surnames_zh.txt"))
# Greek letter (small and capital) -> its English name (α-螺旋 for alpha helix)
GREEK_NAMES = {
    letter: fields[-1] for fields in (line.split("\t") for line in _load("greek_letters.tsv")) for letter in fields[:-1]
}
GREEK = "\u0391-\u03a9\u03b1-\u03c9"
