"""Identifiers whose structure is certain, read by hand rules: arXiv ids, DOIs, URLs, years.

No model is needed where a pattern is exact; the CRF sees each of these as one placeholder token.
"""

from __future__ import annotations

import re

CJK = "\u3400-\u4dbf\u4e00-\u9fff"
CJK_CHAR = re.compile(f"[{CJK}]")
# 'CoRR, abs/2005.14165' (DBLP's rendering) and 'ArXiv, abs/2206.07682' (Semantic Scholar's) name arXiv too
ARXIV_NEW = re.compile(
    r"(?:arXiv:\s*|arxiv\.org/(?:abs|pdf)/|(?:CoRR|arXiv)\s*,?\s*(?:vol\.\s*)?abs/)(\d{4}\.\d{4,5})(?:v\d+)?",
    re.IGNORECASE,
)
ARXIV_OLD = re.compile(r"(?:arXiv:\s*|arxiv\.org/(?:abs|pdf)/)([a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?", re.IGNORECASE)
ARXIV_ANY = re.compile(
    r"arXiv:\s*(?:\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?(?:\s*\[[\w.\-]+\])?|\babs/\d{4}\.\d{4,5}(?:v\d+)?"
)
ARXIV_VENUE = re.compile(r"(?i)^(?:arxiv|corr\b)")
DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>，。；、\]]+[^\s\"<>，。；、.,;)\]])")
DOI_ANY = re.compile(r"(?:doi:\s*|DOI:\s*)?10\.\d{4,9}/[^\s\"<>，。；、\]]+[^\s\"<>，。；、.,;)\]]")
URL = re.compile(r"https?://[^\s<>\"，。；、）)\]]+[^\s<>\"，。；、）).,;\]]")
YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20[0-4]\d)(?!\d)")
SCHOLARLY_HOSTS = (
    "arxiv.org",
    "doi.org",
    "springer",
    "tandfonline",
    "acm.org",
    "ieee",
    "openreview",
    "aclanthology",
    "aclweb",
    "nature.com",
    "science.org",
    "sciencedirect",
    "wiley",
    "neurips",
    "nips.cc",
    "mlr.press",
    "jmlr",
    "pnas.org",
    "biorxiv",
    "ssrn",
    "semanticscholar",
    "researchgate",
    "digitalcommons",
    "cdn.openai.com",
    "cnki",
    "wanfangdata",
    "thecvf.com",
    "aaai.org",
    "ijcai.org",
)
SCHOLARLY_CONTAINERS = re.compile(
    r"journal|proceedings|conference|transactions|advances in|preprint|symposium|workshop|review|学报|期刊|杂志|"
    r"会议|论文集|出版社|letters|annals|academy of sciences|neurips|icml|iclr|\bacl\b|emnlp|cvpr|pmlr|press|"
    r"university|verlag|springer|elsevier|wiley",
    re.IGNORECASE,
)
SCHOLARLY_TYPES = frozenset(
    "J C M D A R G S P N CM DS PP J/OL C/OL M/OL D/OL R/OL N/OL S/OL P/OL G/OL DS/OL PP/OL CM/OL A/OL".split()
)


def find_ids(text: str) -> tuple[str, str, str]:
    """(arXiv id, DOI, URL) found in a string; arXiv in new (2108.07258) or old (cs/0112017) form."""
    arxiv = ""
    match = ARXIV_NEW.search(text) or ARXIV_OLD.search(text)
    if match:
        arxiv = match.group(1)
    doi_match = DOI.search(text)
    url_match = URL.search(text)
    doi = doi_match.group(1) if doi_match else ""
    doi = re.sub(r"\]\(.*$", "", doi)  # a DOI glued to the target of a Markdown link: 10.1/x](https://…
    return arxiv, doi.rstrip("."), url_match.group(0) if url_match else ""


def year_from_arxiv(arxiv: str) -> int | None:
    """New-style arXiv ids start with the submission year and month: 2202.07785 -> 2022."""
    if re.match(r"^\d{4}\.", arxiv):
        return 2000 + int(arxiv[:2])
    return None


def scholarly(citation) -> bool:
    """A work of scholarship (paper, book, standard, thesis...) rather than a web page or post."""
    if citation.arxiv or citation.doi:
        return True
    if "blog" in citation.container.lower():
        return False
    if citation.type_marker and citation.type_marker in SCHOLARLY_TYPES:
        return True
    if citation.url and any(host in citation.url.lower() for host in SCHOLARLY_HOSTS):
        return True
    if citation.container and citation.volume and citation.pages:
        return True  # a periodical with volume and pages
    if "blog" in citation.container.lower():
        return False
    return bool(SCHOLARLY_CONTAINERS.search(citation.container) or SCHOLARLY_CONTAINERS.search(citation.publisher))
