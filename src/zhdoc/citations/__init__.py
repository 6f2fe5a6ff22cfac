"""Cited works in Chinese technical Markdown: find, parse, decide and merge.

- find.py: reference strings and mentions, from the document's structure (prose only);
- parse.py: a reference string into fields (hand rules where the form is certain, else the CRF);
- gbt.py: GB/T 7714 references of every document type;
- model.py: the CRF sequence labeller and its features (model file in data/);
- ids.py: arXiv ids, DOIs, URLs; merge.py: deduplication and in-text marker linking.
"""

from __future__ import annotations

from .find import mine_line
from .gbt import parse_gbt
from .ids import find_ids
from .merge import CitationIndex, keys_of, normalize_title
from .mine import mine_citations
from .parse import parse_apa, parse_footnote, parse_mla, parse_reference

__all__ = [
    "CitationIndex",
    "find_ids",
    "keys_of",
    "mine_citations",
    "mine_line",
    "normalize_title",
    "parse_apa",
    "parse_footnote",
    "parse_gbt",
    "parse_mla",
    "parse_reference",
]
