"""Choosing and ordering glossary entries for an output: --min-glossed, --kind, --status, --sort.

The result is a Glossary whose `sorted_entries` keeps the chosen order, so every writer (CSV, TBX,
table, the CAT formats) honours the selection without knowing about it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .glossary import Entry, Glossary

SORTS = ("uses", "english", "glossed", "contested")


@dataclass(eq=False)
class SelectedGlossary(Glossary):
    """A glossary that lists its entries in insertion order (the order `select` chose)."""

    def sorted_entries(self) -> list[Entry]:
        return list(self.entries.values())


def select(
    glossary: Glossary,
    decisions: dict | None = None,
    min_glossed: int = 0,
    kinds: tuple[str, ...] = (),
    statuses: tuple[str, ...] = (),
    sort: str = "uses",
) -> Glossary:
    """Keep the renderings glossed at least `min_glossed` times and having one of `statuses` (review
    decisions; unreviewed when none), the entries of one of `kinds` that keep a rendering; order them."""
    from .review.decisions import UNREVIEWED

    if sort not in SORTS:
        raise ValueError(f"unknown sort {sort!r}")
    if not (min_glossed or kinds or statuses) and sort == "uses":
        return glossary
    decisions = decisions or {}
    chosen: list[Entry] = []
    for entry in glossary.sorted_entries():
        if kinds and entry.kind not in kinds:
            continue
        decided = decisions.get(entry.key, {})
        renderings = {
            chinese: rendering
            for chinese, rendering in entry.renderings.items()
            if rendering.glossed >= min_glossed
            and (not statuses or (decided[chinese].status if chinese in decided else UNREVIEWED) in statuses)
        }
        if renderings:
            chosen.append(Entry(entry.key, entry.forms, entry.kinds, renderings))
    if sort == "english":
        chosen.sort(key=lambda e: (e.english.casefold(), e.key))
    elif sort == "glossed":
        chosen.sort(key=lambda e: (-sum(r.glossed for r in e.renderings.values()), e.key))
    elif sort == "contested":
        chosen.sort(key=lambda e: (-len(e.renderings), -sum(r.use_count for r in e.renderings.values()), e.key))
    return SelectedGlossary({entry.key: entry for entry in chosen})


def select_decisions(
    decisions: dict,
    full: Glossary,
    selected: Glossary,
    min_glossed: int = 0,
    kinds: tuple[str, ...] = (),
    statuses: tuple[str, ...] = (),
) -> dict:
    """The decisions that belong in the selected output: those of the selected renderings, and the
    approved-only ones (imported renderings no article glosses) that pass the same filters."""
    kept: dict = {}
    for key, decided in decisions.items():
        for chinese, decision in decided.items():
            entry = selected.entries.get(key)
            if entry is not None and chinese in entry.renderings:
                kept.setdefault(key, {})[chinese] = decision
                continue
            mined = full.entries.get(key)
            if mined is not None and chinese in mined.renderings:
                continue  # a mined rendering the selection dropped
            if min_glossed or (statuses and decision.status not in statuses):
                continue
            if kinds and (mined.kind if mined is not None else decision.kind or "term") not in kinds:
                continue
            if mined is not None and key not in selected.entries:
                continue
            kept.setdefault(key, {})[chinese] = decision
    return kept
