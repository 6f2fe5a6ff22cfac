"""Terminology review: the team's decisions on top of the mined glossary.

- `decisions`: the review table in the termbase (status of each rendering: unreviewed, preferred,
  admitted, deprecated, the TBX administrative statuses) and the commands that set them;
- `concepts`: the glossary and the decisions joined into concepts, preferred rendering first, with
  their simplified and traditional surface forms: what the CAT exports, `check` and the report read;
- `approved`: reading an approved glossary (TBX, or CSV/TSV with language-code columns);
- `session`: the interactive `zhdoc review` walk through the unreviewed entries.
"""

from __future__ import annotations

from .approved import ApprovedGlossaryError, read_approved
from .concepts import Concept, Term, build_concepts
from .decisions import (
    ADMITTED,
    DEPRECATED,
    PREFERRED,
    STATUSES,
    UNREVIEWED,
    Decision,
    Decisions,
    ReviewError,
)

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
