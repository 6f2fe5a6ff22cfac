"""Decide and merge: one record per work across a corpus, and in-text mentions tied to entries.

Identity keys in order of trust: arXiv id, DOI, normalized title, then first author + year.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..models import Citation, Occurrence, shared


@dataclass
class CitationIndex:
    """Cited works of a corpus, deduplicated: arXiv id, DOI, normalized title, author+year."""

    records: list[Citation] = field(default_factory=list)
    _by_key: dict[str, int] = field(default_factory=dict)
    _weak: list[Citation | None] = field(default_factory=list)
    _weak_by_key: dict[str, list[int]] = field(default_factory=dict)

    def add_all(self, citations: Iterable[Citation]) -> None:
        for citation in citations:
            self.add(citation)

    def add(self, citation: Citation) -> None:
        if citation.style == "mention" or (citation.style == "author-year" and not citation.title):
            # an in-text mention, '(Brown et al., 2020)' or ':cite:`Brown.ea.2020`', names no work by
            # itself: it joins the entry it points at, or waits for one
            index = self._find(citation)
            if index is not None:
                absorb(self.records[index], citation)
            else:
                # waiting mentions are indexed by their keys: a corpus with thousands of mentions and
                # no bibliography would otherwise compare every new record with all of them
                for key in set(keys_of(citation)):
                    self._weak_by_key.setdefault(key, []).append(len(self._weak))
                self._weak.append(citation)
            return
        index = self._find(citation)
        if index is None:
            self.records.append(citation)
            index = len(self.records) - 1
        else:
            absorb(self.records[index], citation)
        record_keys = keys_of(self.records[index], register=True)
        for key in record_keys:
            self._by_key.setdefault(key, index)
        waiting = sorted({i for key in record_keys for i in self._weak_by_key.get(key, ()) if self._weak[i]})
        for i in waiting:
            absorb(self.records[index], self._weak[i])
            self._weak[i] = None

    def _find(self, citation: Citation) -> int | None:
        for key in keys_of(citation):
            if key in self._by_key:
                return self._by_key[key]
        return None

    def works(self) -> list[Citation]:
        return sorted(
            self.records, key=lambda c: (c.occurrences[0].doc, c.occurrences[0].line) if c.occurrences else ("", 0)
        )


def keys_of(citation: Citation, register: bool = False) -> list[str]:
    """Identity keys in order of trust; `register` adds the weak ones a record answers to."""
    keys = []
    if citation.arxiv:
        keys.append("arxiv:" + citation.arxiv.lower())
    if citation.doi:
        keys.append("doi:" + citation.doi.lower())
    title = normalize_title(citation.title)
    if len(title) >= 12 or (len(title) >= 6 and re.search(r"[\u4e00-\u9fff]", title)):
        keys.append("title:" + title)
    if citation.authors and citation.year and (register or not citation.title):
        keys.append(f"author-year:{normalize_title(citation.authors[0][0])}:{citation.year}")
    if citation.url:
        keys.append("url:" + citation.url.rstrip("/").lower())
        slug = re.sub(r"\.(?:pdf|html?)$", "", citation.url.rstrip("/").rsplit("/", 1)[-1].split("?")[0])
        if len(re.findall(r"[A-Za-z]+", slug)) >= 3 and (register or not citation.title):
            keys.append("title:" + normalize_title(slug))  # …/Lets_Verify_Step_by_Step.pdf
    return keys


_NOT_TITLE_WORD = re.compile(r"[^0-9a-z\u4e00-\u9fff\u3040-\u30ff\uac00-\ud7af\u0400-\u04ff]+")


def normalize_title(title: str) -> str:
    """Case and punctuation differ between articles; the words do not."""
    return _NOT_TITLE_WORD.sub("", title.lower())


_FIELDS = (
    "title",
    "container",
    "volume",
    "issue",
    "pages",
    "arxiv",
    "doi",
    "url",
    "type_marker",
    "publisher",
    "place",
    "number",
    "kind",
)
_STRUCTURED = ("gbt7714", "mla", "apa", "reference", "footnote-reference")


_WEAK = ("footnote", "mention", "author-year", "url", "link", "title")


def absorb(target: Citation, other: Citation) -> None:
    """Merge a duplicate into the record: union of occurrences, richest fields kept. A reference
    entry's fields win over those of a link or a mention met first."""
    if target.style in _WEAK and other.style in _STRUCTURED:
        for name in (*_FIELDS, "year", "authors", "et_al"):
            value = getattr(other, name)
            if value:
                setattr(target, name, value)
    for name in _FIELDS:
        if not getattr(target, name) and getattr(other, name):
            setattr(target, name, getattr(other, name))
    if not target.year and other.year:
        target.year = other.year
    if len(other.authors) > len(target.authors) and other.style != "mention":
        target.authors = other.authors
        target.et_al = other.et_al
    elif len(other.authors) == len(target.authors) and other.style != "mention":
        target.et_al = target.et_al or other.et_al
    target.scholarly = target.scholarly or other.scholarly
    if target.style in _WEAK and other.style in _STRUCTURED:
        target.style = other.style
    known = {(o.doc, o.line) for o in target.occurrences}
    target.occurrences.extend(
        Occurrence(o.doc, o.line, shared(o.raw)) for o in other.occurrences if (o.doc, o.line) not in known
    )


_FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\](?!:)")
_NUMERIC_REF = re.compile(r"\[(\d{1,3}(?:\s*[,，–\-]\s*\d{1,3})*)\](?![(:])")


def link_mentions(lines, labelled: dict[str, Citation], path: str) -> None:
    """In-text markers `[^5]`, `[12]`, `[3-5]` become occurrences of the entry they point at."""
    if not labelled:
        return
    for line in lines:
        text = line.original
        if "[" not in text:
            continue
        found: list[str] = [f"^{m.group(1)}" for m in _FOOTNOTE_REF.finditer(text)]
        for match in _NUMERIC_REF.finditer(text):
            if match.start() == len(text) - len(text.lstrip()):
                continue  # "[12] Author. Title..." is the entry itself
            for part in re.split(r"\s*[,，]\s*", match.group(1)):
                bounds = re.split(r"\s*[–\-]\s*", part)
                if len(bounds) == 2 and bounds[0].isdigit() and bounds[1].isdigit():
                    low, high = int(bounds[0]), int(bounds[1])
                    found.extend(str(n) for n in range(low, min(high, low + 50) + 1))
                elif part.isdigit():
                    found.append(part)
        for label in found:
            citation = labelled.get(label) or labelled.get(label.lstrip("^"))  # [^1] pointing at "[1] …"
            if citation is None:
                continue
            if all(o.line != line.number for o in citation.occurrences):
                raw = line.original.strip()
                citation.occurrences.append(Occurrence(path, line.number, raw if len(raw) <= 2000 else raw[:2000]))
