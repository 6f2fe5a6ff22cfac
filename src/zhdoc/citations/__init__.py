"""Cited works in Chinese technical Markdown: find, parse, decide and merge.

- find.py: reference strings and mentions, from the document's structure (prose only);
- parse.py: a reference string into fields (hand rules where the form is certain, else the CRF);
- gbt.py: GB/T 7714 references of every document type;
- model.py: the CRF sequence labeller and its features (model file in data/);
- ids.py: arXiv ids, DOIs, URLs; merge.py: deduplication and in-text marker linking.
"""

from __future__ import annotations

from ..lazy import attribute_loader

# name -> the module that defines it, imported on first use (PEP 562): a termbase read needs only
# CitationIndex, not the parsers and the CRF model
_WHERE = {
    "mine_line": "find",
    "parse_gbt": "gbt",
    "find_ids": "ids",
    "CitationIndex": "merge",
    "keys_of": "merge",
    "normalize_title": "merge",
    "mine_citations": "mine",
    "parse_apa": "parse",
    "parse_footnote": "parse",
    "parse_mla": "parse",
    "parse_reference": "parse",
}

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


__getattr__ = attribute_loader(__name__, _WHERE, globals())
