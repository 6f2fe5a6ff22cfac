"""Terminology review: the team's decisions on top of the mined glossary.

- `decisions`: the review table in the termbase (status of each rendering: unreviewed, preferred,
  admitted, deprecated, the TBX administrative statuses) and the commands that set them;
- `concepts`: the glossary and the decisions joined into concepts, preferred rendering first, with
  their simplified and traditional surface forms: what the CAT exports, `check` and the report read;
- `approved`: reading an approved glossary (TBX, or CSV/TSV with language-code columns);
- `session`: the interactive `zhdoc review` walk through the unreviewed entries.
"""

from __future__ import annotations

from ..lazy import attribute_loader

# name -> the module that defines it, imported on first use (PEP 562): exporting a glossary needs
# the decisions table, not the approved-glossary readers
_WHERE = {
    "ApprovedGlossaryError": "approved",
    "read_approved": "approved",
    "Concept": "concepts",
    "Term": "concepts",
    "build_concepts": "concepts",
    **{
        name: "decisions"
        for name in ("ADMITTED", "DEPRECATED", "PREFERRED", "STATUSES", "UNREVIEWED", "Decision", "Decisions")
    },
    "ReviewError": "decisions",
}

__all__ = [
    "ADMITTED",
    "DEPRECATED",
    "PREFERRED",
    "STATUSES",
    "UNREVIEWED",
    "Concept",
    "Decision",
    "Decisions",
    "ApprovedGlossaryError",
    "ReviewError",
    "Term",
    "build_concepts",
    "read_approved",
]


__getattr__ = attribute_loader(__name__, _WHERE, globals())
