"""Concepts: the mined glossary joined with the review decisions, ready for the translation-tool
exports, the terminology check and the HTML report.

One concept per English term (its forms LLM/LLMs together); its terms are the Chinese renderings,
preferred first, then admitted, then unreviewed by use, deprecated last. Each term knows whether
simplified text writes it and how traditional-script text writes it (二元樹 stays 二元樹: the
glossary keys renderings by their simplified conversion, `Rendering.originals` keeps the surface).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..models import KIND_ORGANIZATION, KIND_PERSON
from .decisions import ADMITTED, DEPRECATED, PREFERRED, UNREVIEWED, Decision

if TYPE_CHECKING:
    from ..glossary import Glossary, Rendering

STATUS_ORDER = {PREFERRED: 0, ADMITTED: 1, UNREVIEWED: 2, DEPRECATED: 3}


@dataclass
class Term:
    chinese: str  # simplified form: the glossary's key for the rendering
    status: str = UNREVIEWED
    simplified: bool = True  # simplified-script text writes it (or an approved glossary lists it for zh-CN)
    traditional: list[str] = field(default_factory=list)  # as traditional-script text writes it
    glossed: int = 0
    uses: int = 0
    documents: list[str] = field(default_factory=list)
    context: str = ""  # the line of its first gloss
    source: str = ""  # document:line of its first gloss

    @property
    def reviewed(self) -> bool:
        return self.status != UNREVIEWED


@dataclass
class Concept:
    key: str
    english: str
    kind: str
    forms: list[str] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    related: list[str] = field(default_factory=list)  # keys of acronym <-> full form concepts
    part_of_speech: str = ""
    definition: str = ""
    note: str = ""

    @property
    def uses(self) -> int:
        return sum(t.uses for t in self.terms)

    @property
    def contested(self) -> bool:
        """More than one rendering still in play (not deprecated)."""
        return sum(1 for t in self.terms if t.status != DEPRECATED) > 1

    @property
    def reviewed(self) -> bool:
        return any(t.reviewed for t in self.terms)

    @property
    def status(self) -> str:
        """The concept's status: its first term's (preferred first), unreviewed when none was reviewed."""
        return self.terms[0].status if self.terms else UNREVIEWED

    @property
    def preferred(self) -> Term | None:
        """The rendering to use: the preferred one, else the most used that is not deprecated."""
        return next((t for t in self.terms if t.status != DEPRECATED), None)

    def share(self, term: Term) -> float:
        total = self.uses
        return term.uses / total if total else 0.0


def _term_from_rendering(rendering: Rendering) -> Term:
    regions = rendering.regions
    traditional_text = any(r.startswith("traditional") for r in regions)
    simplified_text = not regions or any(not r.startswith("traditional") for r in regions)
    traditional: list[str] = []
    if traditional_text:
        from ..normalize import fold_width

        # surface forms that differ by more than width (ＡＩ安全 is AI安全 typed full-width, not a regional form)
        traditional = sorted(
            o for o in rendering.originals if "".join(map(fold_width, o)).strip() != rendering.chinese
        ) or [rendering.chinese]
    first = min(rendering.evidence) if rendering.evidence else None
    return Term(
        rendering.chinese,
        simplified=simplified_text,
        traditional=traditional,
        glossed=rendering.glossed,
        uses=rendering.use_count,
        documents=rendering.documents,
        context=window(first.context, first.original or rendering.chinese) if first else "",
        source=f"{first.doc}:{first.line}" if first else "",
    )


def window(context: str, word: str, width: int = 60) -> str:
    """The part of a (possibly paragraph-long) line around `word`: what a reader needs to judge it."""
    context = context.strip()
    at = context.find(word)
    if at < 0 or len(context) <= 2 * width + len(word):
        return context[: 2 * width + len(word)] + ("…" if len(context) > 2 * width + len(word) else "")
    start, end = max(0, at - width), min(len(context), at + len(word) + width)
    return ("…" if start else "") + context[start:end] + ("…" if end < len(context) else "")


def _apply(term: Term, decision: Decision | None) -> Term:
    if decision is None:
        return term
    term.status = decision.status
    if decision.traditional and decision.traditional not in term.traditional:
        term.traditional.append(decision.traditional)
    return term


def build_concepts(glossary: Glossary, decisions: dict[str, dict[str, Decision]] | None = None) -> list[Concept]:
    """Every concept of the glossary (by use) and then the approved-only ones (imported terms the
    articles never gloss), each with its terms in status order."""
    decisions = decisions or {}
    related = glossary.related()
    concepts = []
    for entry in glossary.sorted_entries():
        decided = decisions.get(entry.key, {})
        terms = [_apply(_term_from_rendering(r), decided.get(r.chinese)) for r in entry.ranked()]
        for chinese, decision in decided.items():
            if chinese not in entry.renderings:
                terms.append(_imported_term(decision))
        concepts.append(_concept(entry.key, entry.english, entry.kind, entry.forms, terms, decided))
        concepts[-1].related = list(related.get(entry.key, []))
    for key in sorted(set(decisions) - set(glossary.entries)):
        decided = decisions[key]
        first = next(iter(decided.values()))
        terms = [_imported_term(d) for d in decided.values()]
        concepts.append(_concept(key, first.english, first.kind or "term", {first.english: 1}, terms, decided))
    return concepts


def _imported_term(decision: Decision) -> Term:
    return Term(
        decision.chinese,
        status=decision.status,
        simplified=decision.simplified,
        traditional=[decision.traditional] if decision.traditional else [],
    )


def _concept(key, english, kind, forms, terms, decided: dict[str, Decision]) -> Concept:
    terms = sorted(enumerate(terms), key=lambda it: (STATUS_ORDER.get(it[1].status, 2), it[0]))
    notes = sorted({d.note for d in decided.values() if d.note})
    return Concept(
        key,
        english,
        kind,
        forms=sorted(forms, key=lambda f: (f != english, -forms[f], f)),
        terms=[t for _, t in terms],
        part_of_speech=next((d.part_of_speech for d in decided.values() if d.part_of_speech), "")
        or ("properNoun" if kind in (KIND_PERSON, KIND_ORGANIZATION) else ""),
        definition=next((d.definition for d in decided.values() if d.definition), ""),
        note="; ".join(notes),
    )
