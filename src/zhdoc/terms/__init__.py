"""Mine glosses: every place the text itself ties an English form to a Chinese rendering.

The package follows the gloss from finding to deciding:
- `forms`: the English side (forms, acronyms, sentences that are not terms);
- `rules`, `segments`: the patterns that find a gloss in a line (brackets, 译作 lists, glued forms, tables);
- `boundary`: the walk over jieba words that proposes where the Chinese rendering begins;
- `candidates`, `evidence`, `decide`: every plausible left boundary, the signals for each (markup the
  author wrote, coverage of the English, recurrence in the document), and the choice;
- `mine`: one line or document in, TermPairs out; `classify`: person, organization, acronym or term;
- `words` and `data/`: the word lists, as text files.
"""

from ..lazy import attribute_loader

# name -> the module that defines it, imported on first use (PEP 562): reading a termbase needs
# fold_key at most, not the miner, its rules and jieba
_WHERE = {
    "classify": "classify",
    "acronym_letters": "forms",
    "english_content_words": "forms",
    "is_acronym": "forms",
    "valid_english": "forms",
    "mine_document": "mine",
    "mine_line": "mine",
    "fold_key": "rules",
}

__all__ = [
    "acronym_letters",
    "classify",
    "english_content_words",
    "fold_key",
    "is_acronym",
    "mine_document",
    "mine_line",
    "valid_english",
]


__getattr__ = attribute_loader(__name__, _WHERE, globals())
