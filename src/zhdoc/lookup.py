"""Finding the entry a user means in `zhdoc show TERM`, and what else they may have meant."""

from __future__ import annotations

from .glossary import Entry, Glossary
from .terms import fold_key

MAX_HINTS = 8


def find_entry(glossary: Glossary, term: str) -> tuple[Entry | None, list[str]]:
    """The entry for TERM (an English form in any case or number, or a Chinese rendering) and the
    other entries it could mean: those sharing the rendering, or whose English contains TERM
    (model -> language model, reward model), most used first."""
    key = fold_key(term)
    entry = glossary.entries.get(key)
    by_rendering = [e for e in glossary.sorted_entries() if term in e.renderings]
    if entry is None and by_rendering:
        entry = by_rendering[0]
    others = [e for e in by_rendering if e is not entry]
    words = key.split()
    if words:
        for candidate in glossary.sorted_entries():
            if candidate is entry or candidate in others:
                continue
            if _contains(candidate.key.split(), words) or term in "".join(candidate.renderings):
                others.append(candidate)
    return entry, [e.english for e in others]


def _contains(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def hint(term: str, found: bool, others: list[str]) -> str | None:
    """The one-line hint for stderr, or None."""
    if not others:
        return None
    shown = ", ".join(others[:MAX_HINTS]) + (f" and {len(others) - MAX_HINTS} more" if len(others) > MAX_HINTS else "")
    if found:
        return f"{term} is also part of {len(others)} other term(s): {shown}"
    return f"{term}: no exact entry; {len(others)} term(s) contain it: {shown}"
