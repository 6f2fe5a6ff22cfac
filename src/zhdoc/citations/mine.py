"""One document's citations: find the candidates, parse each, keep the works, link the markers."""

from __future__ import annotations

import re

from ..models import Citation, NormalizedDocument, Occurrence
from ..normalize import fold_width
from .find import candidates, cite_keys, link_citations, mine_line, mine_reference
from .gbt import TYPE_MARKER
from .merge import absorb, link_mentions
from .parse import _MLA, _QUOTE

_NOT_CONTENT = re.compile(r"[\s\-*+•,，.。:：;；|()（）\[\]\d↩︎]+")
_CITE_MARKUP = re.compile(r":(?:cite|citet|citep|numref):\S+|\[@[^\]]+\]")


def mine_citations(document: NormalizedDocument) -> list[Citation]:
    """Every citation in one document, with its occurrence (document, line, raw text)."""
    path = document.document.path
    found_candidates = list(candidates(document.lines))
    reading_list = (
        sum(
            1 for c in found_candidates if TYPE_MARKER.search(c.text) or (_QUOTE.search(c.text) and _MLA.search(c.text))
        )
        >= 3
    )
    found: list[Citation] = []
    labelled: dict[str, Citation] = {}
    for candidate in found_candidates:
        in_list = candidate.kind in ("reference", "footnote")
        links = list(link_citations(candidate.line.original, any_host=in_list))
        if candidate.kind == "table":
            links = [link for link in links if link.url in candidate.text]
        keys = list(cite_keys(candidate.line.original))
        text = candidate.text
        if keys:
            text = _CITE_MARKUP.sub(" ", text)
        for link in links:
            text = text.replace(link.url, " ")  # a link's target is not part of the prose around it
        results: list[Citation] = []
        rest = _NOT_CONTENT.sub("", _strip_labels(text, links))
        if links and len(rest) < 4:
            results = links  # the line is only links to papers: their labels are the titles
        elif candidate.kind in ("reference", "footnote", "linkdef", "table"):
            citation = mine_reference(text if not links else candidate.text)
            if citation is not None:
                results = [citation]
            elif candidate.kind == "reference":
                results = list(mine_line(text, True))
            results += [link for link in links if not _same(link, results)]
        else:  # running text: a link to a paper is surer than a title guessed from the words around it
            results = links + [c for c in mine_line(text, reading_list) if not any(_same(link, [c]) for link in links)]
        if keys:  # 'Vision Transformer :cite:`Dosovitskiy…2021`': the key names the work, not the words before it
            results = [c for c in results if c.style not in ("title", "mention")] + keys
        raw = candidate.line.original.strip()
        raw = raw if len(raw) <= 2000 else raw[:2000] + "…"
        for citation in results:
            citation.occurrences.append(Occurrence(path, candidate.line.number, raw))
            found.append(citation)
        if candidate.label and len(results) == 1 and candidate.kind in ("reference", "footnote"):
            labelled.setdefault(candidate.label, results[0])
    link_mentions(document.lines, labelled, path)
    return _pair_title_and_link(found)


def _pair_title_and_link(found: list[Citation]) -> list[Citation]:
    """'论文：Title' on one line and '链接：https://arxiv.org/abs/…' on the next are one work."""
    kept: list[Citation] = []
    for citation in found:
        previous = kept[-1] if kept else None
        if (
            previous is not None
            and citation.style == "url"
            and not citation.title
            and (citation.arxiv or citation.doi)
            and previous.title
            and not (previous.arxiv or previous.doi or previous.url)
            and previous.occurrences
            and citation.occurrences
            and 0 < citation.occurrences[0].line - previous.occurrences[-1].line <= 2
        ):
            absorb(previous, citation)
            continue
        kept.append(citation)
    return kept


def _strip_labels(text: str, links: list[Citation]) -> str:
    for link in links:
        text = text.replace("".join(fold_width(ch) for ch in link.title), " ").replace(link.title, " ")
    return text


def _same(link: Citation, others: list[Citation]) -> bool:
    for other in others:
        if link.arxiv and link.arxiv == other.arxiv or link.doi and link.doi == other.doi:
            return True
        if other.title and link.title.lower() in other.title.lower():
            return True
        if link.url and link.url == other.url:
            return True
    return False
