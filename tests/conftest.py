from __future__ import annotations

from pathlib import Path

import pytest

from zhdoc.models import Document, DocumentResult
from zhdoc.normalize import normalize_document, relocate
from zhdoc.terms import mine_document

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def mine_text(text: str, script: str = "simplified", region: str = "mainland"):
    """(pairs, segments) of a text, as extract mines a document."""
    document = Document(path="t.txt", text=text, encoding="utf-8", sha256="", script=script, region=region)
    normalized = normalize_document(document)
    result = relocate(DocumentResult("t.txt", "", "", "", "", "", *mine_document(normalized)), normalized)
    return result.pairs, result.segments


def pairs_of(text: str, **kwargs) -> set[tuple[str, str]]:
    return {(p.english, p.chinese) for p in mine_text(text, **kwargs)[0]}


def corpus_line(name: str, number: int) -> str:
    path = next(CORPUS.glob(f"{name}_*.txt"))
    return path.read_text(encoding="utf-8").split("\n")[number - 1]


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS
