"""`zhdoc report`: one self-contained HTML page on a termbase, for a team to look at.

The data (concepts with their renderings, shares, statuses and keyword-in-context lines; documents;
citations; the citations cited on the same line that glosses a term) is gathered here and embedded as
JSON into a template kept as a data file (templates/report.html), whose script draws the page.
Nothing is fetched when the page is opened.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import IO

from .glossary import use_matcher
from .review import Decisions, build_concepts

KWIC_WIDTH = 30


def build_report(base, contexts: int = 20) -> dict:
    """Everything the page shows, from an open Termbase."""
    glossary = base.glossary()
    concepts = build_concepts(glossary, Decisions(base, writable=False).all())
    documents = base.documents()
    citations = base.citations().works()
    # keyword in context: one pass over each document, longest match first, at most `contexts` per rendering
    matcher = use_matcher(glossary.renderings())
    glossed_at: dict[str, set[tuple[str, int]]] = {}
    for entry in glossary.entries.values():
        for chinese, rendering in entry.renderings.items():
            glossed_at.setdefault(chinese, set()).update((e.doc, e.line) for e in rendering.evidence)
    kwic: dict[str, list[dict]] = {}
    if matcher is not None:
        for document in documents:
            for number, line in enumerate(base.lines(document.path), start=1):
                for start, end, chinese in matcher.finditer(line):
                    found = kwic.setdefault(chinese, [])
                    if len(found) >= contexts:
                        continue
                    found.append(
                        {
                            "doc": document.path,
                            "line": number,
                            "left": line[max(0, start - KWIC_WIDTH) : start],
                            "match": chinese,
                            "right": line[end : end + KWIC_WIDTH],
                            "glossed": (document.path, number) in glossed_at.get(chinese, set()),
                        }
                    )
    # a term is linked to a work cited on a line that glosses it (the text connects them there)
    cited_at: dict[tuple[str, int], list[int]] = {}
    for index, work in enumerate(citations):
        for occurrence in work.occurrences:
            cited_at.setdefault((occurrence.doc, occurrence.line), []).append(index)
    english_of = {c.key: c.english for c in concepts}
    concept_rows = []
    for concept in concepts:
        entry = glossary.entries.get(concept.key)
        places = {(e.doc, e.line) for r in entry.renderings.values() for e in r.evidence} if entry else set()
        works = sorted({i for place in places for i in cited_at.get(place, [])})
        concept_rows.append(
            {
                "key": concept.key,
                "english": concept.english,
                "forms": concept.forms,
                "kind": concept.kind,
                "status": concept.status,
                "contested": concept.contested,
                "uses": concept.uses,
                "documents": len({d for t in concept.terms for d in t.documents}),
                "related": [english_of[k] for k in concept.related if k in english_of],
                "citations": works,
                "terms": [
                    {
                        "chinese": t.chinese,
                        "traditional": t.traditional,
                        "status": t.status,
                        "uses": t.uses,
                        "glossed": t.glossed,
                        "share": round(concept.share(t), 4),
                        "documents": len(t.documents),
                        "kwic": kwic.get(t.chinese, []),
                    }
                    for t in concept.terms
                ],
            }
        )
    return {
        "termbase": base.path,
        "concepts": concept_rows,
        "documents": [
            {
                "path": d.path,
                "script": d.script,
                "region": d.region,
                "pairs": d.pair_count,
                "citations": d.citation_count,
            }
            for d in documents
        ],
        "citations": [
            {
                "title": w.title,
                "authors": "; ".join(f"{f}, {g}" if g else f for f, g in w.authors[:3])
                + ("; et al." if len(w.authors) > 3 else ""),
                "year": w.year or "",
                "container": w.container,
                "id": f"arXiv:{w.arxiv}" if w.arxiv else (f"doi:{w.doi}" if w.doi else w.url),
                "places": [f"{o.doc}:{o.line}" for o in w.occurrences],
            }
            for w in citations
        ],
    }


def write_report(data: dict, stream: IO[str]) -> None:
    template = resources.files("zhdoc").joinpath("templates/report.html").read_text(encoding="utf-8")
    # inside <script>, "</" would end the element: JSON allows escaping the slash
    payload = json.dumps(data, ensure_ascii=False).replace("</", "<\\/").replace("\u2028", "\\u2028")
    stream.write(template.replace("/*__ZHDOC_DATA__*/null", payload.replace("\u2029", "\\u2029")))
