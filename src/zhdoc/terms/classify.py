"""person, organization, acronym or term, from the shapes of both sides."""

from __future__ import annotations

from .. import lexicon
from ..models import (
    KIND_ACRONYM,
    KIND_ORGANIZATION,
    KIND_PERSON,
    KIND_TERM,
)
from ..segment import tagged
from .forms import _PERSON_EN, is_acronym
from .words import COMMON_SURNAMES, NAME_DOTS, ORG_SUFFIXES, ORG_WORDS


def classify(english: str, chinese: str) -> str:
    """person, organization, acronym or term, from the shapes of both sides."""
    if any(dot in chinese for dot in NAME_DOTS) or (_PERSON_EN.match(english) and _looks_transliterated(chinese)):
        return KIND_PERSON
    words = [w.lower().strip(".,") for w in english.split()]
    named = english[:1].isupper()
    org_head = words and (
        words[-1] in ORG_WORDS or (len(words) > 2 and words[0] in ORG_WORDS and words[1] in ("of", "for"))
    )
    if (named and org_head) or (chinese.endswith(ORG_SUFFIXES) and (is_acronym(english) or named)):
        return KIND_ORGANIZATION
    if is_acronym(english):
        return KIND_ACRONYM
    return KIND_TERM


def _looks_transliterated(chinese: str) -> bool:
    """A name written in Chinese: tagged as a person name, or a common surname and a given name."""
    if not 2 <= len(chinese) <= 8:
        return False
    if all(pos.startswith("nr") for _, pos in tagged(chinese)):
        return True
    given = chinese[1:]
    return (
        len(chinese) <= 3
        and chinese[0] in COMMON_SURNAMES
        and not lexicon.known(chinese)
        and not any(len(part) > 1 and lexicon.known(part) for part in lexicon.split_compound(given))
    )  # 杨立昆 is a name; 张量并行 (并行 is a word) is not
