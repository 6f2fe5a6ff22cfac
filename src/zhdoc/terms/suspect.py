"""Flags for renderings a reviewer should see first; they are kept, not dropped, because each can
be right (类 for class is one character and correct), but together they are where errors gather."""

from __future__ import annotations

from .. import lexicon
from .boundary import Token
from .evidence import english_needs, token_atoms
from .words import _CJK_CHAR

ONE_CHARACTER = "one-character"
PART_OF_ANOTHER = "part-of-another-rendering"
LEADING_VERB = "leading-verb"


def suspect_reasons(chinese: str, forms: list[str], others: list[str]) -> list[str]:
    """'拟合' beside '过拟合' for overfitting -> [part-of-another-rendering]; '提高准确率' for accuracy
    -> [leading-verb]."""
    reasons: list[str] = []
    if len(_CJK_CHAR.findall(chinese)) == 1 and len(chinese) == 1:
        reasons.append(ONE_CHARACTER)
    if any(chinese != other and chinese in other for other in others):
        reasons.append(PART_OF_ANOTHER)
    first = lexicon.split_compound(chinese)[0] if len(chinese) > 2 else chinese
    if first != chinese and _verb(first):
        needs = english_needs(tuple(forms))
        if needs and not token_atoms(Token(first, "v", 0, len(first)), needs, characters=True):
            reasons.append(LEADING_VERB)
    return reasons


def _verb(word: str) -> bool:
    """CC-CEDICT writes verbs as "to …": every sense of 提高 is one. No tagger is needed, so flagging
    a whole glossary costs dictionary look-ups only."""
    senses = lexicon.definitions(word)
    return bool(senses) and all(sense.startswith("to ") for sense in senses)
