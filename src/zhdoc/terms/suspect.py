"""Flags for renderings a reviewer should see first; they are kept, not dropped, because each can
be right (类 for class is one character and correct), but together they are where errors gather."""

from __future__ import annotations

from ..segment import tagged
from .boundary import tokenize_run
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
    words = tagged(chinese)
    if len(words) > 1 and words[0][1].startswith("v"):
        needs = english_needs(tuple(forms))
        first = tokenize_run(words[0][0], 0)
        if needs and first and not token_atoms(first[0], needs, characters=True):
            reasons.append(LEADING_VERB)
    return reasons
