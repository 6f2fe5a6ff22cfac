"""`zhdoc review`: walk the unreviewed concepts in a terminal, most contested and most used first,
showing each rendering's share, counts and a context, and record the decisions as they are made."""

from __future__ import annotations

from collections.abc import Callable
from typing import IO

from .concepts import Concept
from .decisions import ADMITTED, DEPRECATED, PREFERRED, Decisions, ReviewError

HELP = "N or p N: prefer N (others deprecated unless admitted) · a N: admit · d N: deprecate · s: skip · q: quit"
ACTIONS = {"p": PREFERRED, "a": ADMITTED, "d": DEPRECATED}


def queue(concepts: list[Concept]) -> list[Concept]:
    """Unreviewed concepts, contested ones (several renderings) first, then by use."""
    waiting = [c for c in concepts if not c.reviewed and c.terms]
    return sorted(waiting, key=lambda c: (len(c.terms) < 2, -c.uses, c.key))


def show(concept: Concept, position: str, console) -> None:
    """The concept's renderings as a table (share as a bar), then each one's first gloss in context."""
    import os

    from rich.markup import escape
    from rich.table import Table

    from .concepts import window

    documents = len({d for t in concept.terms for d in t.documents})
    console.print(
        f"\n[bold]{position} {escape(concept.english)}[/bold] ({concept.kind}) — {len(concept.terms)} rendering(s), "
        f"used {concept.uses} times in {documents} document(s)"
    )
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    for column, justify in (("#", "right"), ("rendering", "left"), ("share", "left"), ("uses", "right")):
        table.add_column(column, justify=justify, no_wrap=True)
    for column, justify in (("glossed", "right"), ("docs", "right"), ("status", "left")):
        table.add_column(column, justify=justify, no_wrap=True)
    for number, term in enumerate(concept.terms, start=1):
        share = concept.share(term)
        bar = "█" * round(share * 10) + "·" * (10 - round(share * 10))
        written = term.chinese + (f" ({'、'.join(term.traditional)})" if term.traditional else "")
        table.add_row(
            str(number),
            written,
            f"{bar} {share:4.0%}",
            str(term.uses),
            str(term.glossed),
            str(len(term.documents)),
            term.status,
        )
    console.print(table)
    for number, term in enumerate(concept.terms, start=1):
        if not term.source:
            continue
        doc, _, line = term.source.rpartition(":")
        form = next((f for f in (term.chinese, *term.traditional) if f in term.context), term.chinese)
        context = window(term.context, form, 18).replace(form, f"【{form}】", 1)
        console.print(f"  {number}  {escape(os.path.basename(doc))}:{line}  {escape(context)}")


def run(
    decisions: Decisions,
    glossary,
    concepts: list[Concept],
    ask: Callable[[str], str | None],
    stream: IO[str],
    limit: int | None = None,
) -> tuple[int, int]:
    """The review loop; `ask` returns the next answer (None at end of input). Returns
    (concepts shown, decisions recorded)."""
    from rich.console import Console

    console = Console(file=stream, highlight=False, soft_wrap=True)
    todo = queue(concepts)[:limit] if limit else queue(concepts)
    if not todo:
        console.print("nothing to review: every concept has a reviewed rendering")
        return 0, 0
    console.print(f"{len(todo)} concept(s) to review. {HELP}")
    shown = changed = 0
    for index, concept in enumerate(todo, start=1):
        show(concept, f"[{index}/{len(todo)}]", console)
        shown += 1
        while True:
            answer = ask("> ")
            if answer is None or answer.strip().lower() in ("q", "quit"):
                console.print(f"stopped: {changed} decision(s) recorded")
                return shown, changed
            words = answer.strip().lower().split()
            if not words or words[0] in ("s", "skip"):
                break
            if words[0].isdigit():
                words = ["p", words[0]]
            if words[0] not in ACTIONS or len(words) != 2 or not words[1].isdigit():
                console.print(HELP)
                continue
            number = int(words[1])
            if not 1 <= number <= len(concept.terms):
                console.print(f"no rendering {number}: choose 1 to {len(concept.terms)}")
                continue
            term = concept.terms[number - 1]
            try:
                changes = decisions.decide(glossary, concept.english, term.chinese, ACTIONS[words[0]], concept.key)
            except ReviewError as exc:
                console.print(str(exc))
                continue
            changed += len(changes)
            for chinese, old, new in changes:
                console.print(f"  {chinese}: {old} → {new}")
            for t in concept.terms:
                for chinese, _, new in changes:
                    if t.chinese == chinese:
                        t.status = new
            if ACTIONS[words[0]] == PREFERRED:
                break
    console.print(f"done: {changed} decision(s) recorded")
    return shown, changed
