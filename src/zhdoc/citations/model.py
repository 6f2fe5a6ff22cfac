"""The sequence labeller: a CRF (python-crfsuite) that labels each token of a reference string
with the field it belongs to.

Why a CRF: reference styles differ in order and punctuation, not in what a field looks like, so a
labeller trained on references rendered through many CSL styles (scripts/train_citation_model.py)
reaches styles no regular expression was written for. Identifiers whose structure is certain (URLs,
DOIs, arXiv ids, GB/T type codes) become one placeholder token each and are read by hand rules.
The tokenizer and the features live here so that training and parsing cannot drift apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .ids import ARXIV_ANY, DOI_ANY, URL

LABELS = (
    "author",
    "editor",
    "title",
    "container",
    "publisher",
    "place",
    "year",
    "date",
    "volume",
    "issue",
    "pages",
    "edition",
    "number",
    "type",
    "id",
    "O",
)
MODEL_FILE = "citation-crf.model"


@cache
def _token_pattern() -> re.Pattern:
    """Compiled on first use: only a reference the CRF labels needs it (its CJK ranges cost ~1.5 ms)."""
    return re.compile(
        r"\[(?:[A-Z]{1,2}(?:/OL)?|EB/OL|J/OL)\]"  # GB/T type code, one token
        r"|\d+(?:st|nd|rd|th)\b"
        r"|\d+"
        r"|[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff'’]+"
        r"|[\uac00-\ud7af]+"
        r"|[\u3400-\u4dbf\u4e00-\u9fff\u3040-\u30ff]"
        r"|\S"
    )


_ID_SPANS = re.compile(f"(?:{URL.pattern})|(?:{DOI_ANY.pattern})|(?:{ARXIV_ANY.pattern})", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """Tokens with their offsets; a URL, DOI or arXiv id is one token."""
    tokens: list[Token] = []
    position = 0
    for match in _ID_SPANS.finditer(text):
        tokens.extend(_plain_tokens(text, position, match.start()))
        tokens.append(Token(match.group(0), match.start(), match.end()))
        position = match.end()
    tokens.extend(_plain_tokens(text, position, len(text)))
    return tokens


def _plain_tokens(text: str, start: int, end: int) -> list[Token]:
    return [Token(m.group(0), m.start(), m.end()) for m in _token_pattern().finditer(text, start, end)]


_VENUE_WORDS = frozenset(
    "journal proceedings conference transactions advances symposium workshop review letters annals bulletin "
    "magazine quarterly international annual society association acm ieee arxiv preprint neurips icml iclr acl "
    "emnlp naacl cvpr iccv eccv aaai ijcai kdd sigir www nature science press university publishing publishers "
    "verlag springer elsevier wiley oxford cambridge mit routledge academic institute laboratory report thesis "
    "dissertation".split()
)
_CJK_VENUE = frozenset("学报刊志社报会议论文集出版大学研究所院")
_CUE_WORDS = frozenset(
    "in vol vols no nos pp p pages ed eds edn edition editor editors available retrieved accessed from doi "
    "url online et al and chapter chap issue volume".split()
)


def _shape(text: str) -> str:
    if _ID_SPANS.fullmatch(text):
        if DOI_ANY.search(text):
            return "DOI"
        if ARXIV_ANY.search(text):
            return "ARXIV"
        return "URL"
    if text.startswith("[") and len(text) > 2:
        return "TYPECODE"
    shape = re.sub(r"[A-Z]", "X", text)
    shape = re.sub(r"[a-z]", "x", shape)
    shape = re.sub(r"\d", "d", shape)
    shape = re.sub(r"[\u3400-\u4dbf\u4e00-\u9fff]", "C", shape)
    shape = re.sub(r"[\u3040-\u30ff]", "K", shape)
    shape = re.sub(r"[\uac00-\ud7af]", "H", shape)
    shape = re.sub(r"[\u0400-\u04ff]", "R", shape)
    return re.sub(r"(.)\1{2,}", r"\1\1", shape)


def _token_features(token: str) -> dict[str, float | str]:
    lower = token.lower()
    features: dict[str, float | str] = {"shape": _shape(token)}
    if len(token) > 1 or token.isalnum():
        features["w"] = lower if len(lower) <= 20 else lower[:20]
    else:
        features["p"] = token
    if token.isdigit():
        value = int(token)
        features["num"] = "year" if 1500 <= value <= 2099 and len(token) == 4 else "small" if value < 100 else "big"
    if lower in _VENUE_WORDS:
        features["venue"] = 1.0
    if token in _CJK_VENUE:
        features["cjkvenue"] = 1.0
    if lower.rstrip(".") in _CUE_WORDS:
        features["cue"] = 1.0
    if len(token) == 1 and token.isupper():
        features["initial"] = 1.0
    if token[:1].isupper() and token[1:].islower():
        features["title_case"] = 1.0
    if len(token) > 1 and token.isupper() and token.isalpha():
        features["all_caps"] = 1.0
    if len(token) > 3:
        features["suffix"] = lower[-3:]
    return features


def features(tokens: list[Token], text: str) -> list[dict[str, float | str]]:
    """CRF features of every token: its own, its neighbours', where it sits, what came before."""
    own = [_token_features(t.text) for t in tokens]
    count = len(tokens)
    result = []
    quotes = 0
    brackets = 0
    seen_year = False
    seen_title_code = False
    seen_slashes = False
    for i, token in enumerate(tokens):
        item: dict[str, float | str] = dict(own[i])
        item["pos"] = str(min(9, i * 10 // max(count, 1)))
        if i == 0:
            item["first"] = 1.0
        if i == count - 1:
            item["last"] = 1.0
        space_before = token.start > 0 and text[token.start - 1] == " "
        item["space"] = 1.0 if space_before else 0.0
        for offset in (-2, -1, 1, 2):
            j = i + offset
            if 0 <= j < count:
                neighbour = own[j]
                key = neighbour.get("w") or neighbour.get("p") or ""
                item[f"{offset}:w"] = str(key)
                item[f"{offset}:shape"] = str(neighbour["shape"])
            else:
                item[f"{offset}:edge"] = 1.0
        item["in_quotes"] = float(quotes % 2)
        item["in_brackets"] = float(brackets > 0)
        item["seen_year"] = float(seen_year)
        item["after_code"] = float(seen_title_code)
        item["after_slashes"] = float(seen_slashes)
        if token.text in '"“”«»「」『』':
            quotes += 1
        elif token.text in "(（[［":
            brackets += 1
        elif token.text in ")）]］":
            brackets = max(0, brackets - 1)
        if own[i].get("num") == "year":
            seen_year = True
        if own[i]["shape"] == "TYPECODE":
            seen_title_code = True
        if token.text == "/" and i + 1 < count and tokens[i + 1].text == "/":
            seen_slashes = True
        result.append(item)
    return result


def crf_items(tokens: list[Token], text: str) -> list[dict[str, float | str]]:
    """Features in the form python-crfsuite takes: string keys, float or string values."""
    return features(tokens, text)


@cache
def _tagger():
    """The shipped model, loaded once per process; None when python-crfsuite or the file is missing."""
    try:
        import pycrfsuite
    except ImportError:  # pragma: no cover - a runtime dependency, but degrade to the hand rules
        return None
    path = resources.files("zhdoc.citations").joinpath("data", MODEL_FILE)
    if not path.is_file():
        return None
    tagger = pycrfsuite.Tagger()
    with resources.as_file(path) as real:
        tagger.open(str(real))
    return tagger


def available() -> bool:
    return _tagger() is not None


def label(text: str) -> list[tuple[Token, str]]:
    """Each token of a reference string with its predicted field."""
    tagger = _tagger()
    tokens = tokenize(text)
    if tagger is None or not tokens:
        return []
    tags = tagger.tag(crf_items(tokens, text))
    return list(zip(tokens, tags, strict=True))


def spans(labelled: list[tuple[Token, str]], text: str) -> dict[str, list[str]]:
    """Consecutive tokens with one label joined back into the original text, per label."""
    result: dict[str, list[str]] = {}
    current: str | None = None
    start = end = 0
    for token, tag in labelled:
        if tag == current:
            end = token.end
            continue
        if current is not None and current != "O":
            result.setdefault(current, []).append(text[start:end])
        current, start, end = tag, token.start, token.end
    if current is not None and current != "O":
        result.setdefault(current, []).append(text[start:end])
    return result
