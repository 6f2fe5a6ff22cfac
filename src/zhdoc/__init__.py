"""zhdoc: bilingual glossaries and paper citations from Chinese technical writing.

Use it from Python without the CLI:

    from zhdoc import extract
    result = extract(["corpus/"])
    for entry in result.glossary.sorted_entries():
        print(entry.english, [r.chinese for r in entry.ranked()])
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "extract", "process_document", "load_document", "Glossary"]


def __getattr__(name: str):
    """Lazy public API, so importing zhdoc (and `zhdoc --help`) loads nothing heavy."""
    if name in ("extract", "process_document"):
        from . import pipeline

        return getattr(pipeline, name)
    if name == "load_document":
        from .ingest import load_document

        return load_document
    if name == "Glossary":
        from .glossary import Glossary

        return Glossary
    raise AttributeError(name)
