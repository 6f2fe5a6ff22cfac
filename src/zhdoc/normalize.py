"""Turn a Document into the text the miners match on, keeping the way back to the source.

Three things happen, all per line and all recorded in an offset map:
1. markup that is not part of a term is removed (Markdown emphasis, links, inline code, HTML
   tags); fenced code blocks and front matter are blanked, URLs turned into spaces;
2. full-width ASCII is folded to half-width (（ → (, Ａ → A);
3. traditional text is converted to simplified with OpenCC's phrase-level configs.
Line numbers never change, so every mined item can point at the original line.
"""

from __future__ import annotations

import difflib
import re
from functools import cache

from .models import (
    MARK_CODE,
    MARK_DEFINITION,
    MARK_EMPHASIS,
    MARK_LINK,
    MARK_STRONG,
    MARK_UNDERLINE,
    TRADITIONAL,
    Document,
    Mark,
    NormalizedDocument,
    NormalizedLine,
)

OPENCC_CONFIG = {"taiwan": "tw2sp", "hongkong": "hk2s", "mainland": "t2s"}


@cache
def opencc_converter(config: str):
    """One OpenCC converter per config and process (loading its dictionaries is the cost)."""
    import opencc

    return opencc.OpenCC(config)


def fold_width(ch: str) -> str:
    """Full-width ASCII to half-width: '（' -> '(', 'Ａ' -> 'A', '\u3000' -> ' '."""
    code = ord(ch)
    if 0xFF01 <= code <= 0xFF5E:
        return chr(code - 0xFEE0)
    if code == 0x3000:
        return " "
    return ch


_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_URL = re.compile(r"(?:https?://|ftp://|www\.)[^\s<>()\[\]\u3000-\u303f\uff08\uff09\u4e00-\u9fff]+")
_MARKUP = re.compile(
    r"!?\[(?=[^\]\n]*\]\()"  # opening bracket of a link or image whose target follows
    r"|\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"  # ](target "title")
    r"|</?[A-Za-z][A-Za-z0-9]{0,20}(?:\s+[^<>]{0,400})?/?>"  # HTML tags
    r"|\*\*|__|~~"  # strong, strike
    r"|(?<![\s*\d])\*(?![\s*\d])|(?<=[\s(（\u3000-\u303f\u4e00-\u9fff])\*(?=[^\s*])|(?<=[^\s*])\*(?=[\s)）,.，。:：;；!?！？\u4e00-\u9fff]|$)"
    r"|`+"
)
_BULLET = re.compile(r"^(\s*)[*+-]\s")


def blank_non_prose(lines: list[str]) -> list[bool]:
    """Which lines are prose: front matter and fenced code blocks are not."""
    prose = [True] * len(lines)
    if lines and lines[0].strip() == "---":
        for end in range(1, min(len(lines), 200)):
            if lines[end].strip() in ("---", "..."):
                for i in range(end + 1):
                    prose[i] = False
                break
    fence: str | None = None
    for i, line in enumerate(lines):
        match = _FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)
            prose[i] = False
        elif fence is not None:
            prose[i] = False
            if line.strip().startswith(fence):
                fence = None
    return prose


_WIDTH_TABLE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_NEEDS_MAP = re.compile(r"[*_~`<\[\]]|https?://|ftp://|www\.")


def clean_line(line: str) -> tuple[str, list[int] | None]:
    """Remove markup, blank URLs, fold widths; return the text and its origin map (None: the
    text maps one to one onto the line, the common case, kept cheap)."""
    if not _NEEDS_MAP.search(line):
        return line.translate(_WIDTH_TABLE), None
    chars: list[str] = []
    origin: list[int] = []
    url_spans = [(m.start(), m.end()) for m in _URL.finditer(line)]
    bullet = _BULLET.match(line)
    protected = bullet.end() - 2 if bullet else -1
    removed: set[int] = set()
    for match in _MARKUP.finditer(line):
        if match.start() == protected:
            continue
        if any(start <= match.start() < end for start, end in url_spans):
            continue
        removed.update(range(match.start(), match.end()))
    url_chars = {i for start, end in url_spans for i in range(start, end)}
    for i, ch in enumerate(line):
        if i in removed:
            continue
        chars.append(" " if i in url_chars else fold_width(ch))
        origin.append(i)
    return "".join(chars), origin


_HTML_MARKS = {
    "u": MARK_UNDERLINE,
    "ins": MARK_UNDERLINE,
    "mark": MARK_UNDERLINE,
    "def": MARK_DEFINITION,
    "dfn": MARK_DEFINITION,
    "em": MARK_EMPHASIS,
    "i": MARK_EMPHASIS,
    "cite": MARK_EMPHASIS,
    "strong": MARK_STRONG,
    "b": MARK_STRONG,
    "code": MARK_CODE,
    "kbd": MARK_CODE,
    "samp": MARK_CODE,
    "var": MARK_CODE,
    "tt": MARK_CODE,
    "a": MARK_LINK,
}
_PAIRED_MARKUP = re.compile(
    r"(?P<code>`+)(?P<code_in>[^`\n]+?)(?P=code)"
    r"|<(?P<tag>[A-Za-z]{1,6})\b[^<>]{0,200}>(?P<tag_in>[^<>\n]{1,200}?)</(?P=tag)\s*>"
    r"|(?P<strong>\*\*|(?<![A-Za-z0-9_])__(?![A-Za-z0-9]+__))(?=\S)(?P<strong_in>[^\n]{1,200}?)(?<=\S)(?P=strong)(?!\*)"
    r"|(?<![*\\])\*(?=[^\s*])(?P<em_in>[^*\n]{1,200}?)(?<=[^\s*\\])\*(?!\*)"
    r"|(?<![A-Za-z0-9_])_(?=[^\s_])(?P<em2_in>[^_\n]{1,200}?)(?<=[^\s_])_(?![A-Za-z0-9_])"
    r"|(?<!!)\[(?P<link_in>[^\]\n]{1,200})\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"
)


def markup_spans(line: str) -> list[tuple[int, int, str]]:
    """Spans the author marked, as (start, end, kind) of their inner text in the line.

    `属于<u>深度优先遍历</u>（depth-first traversal）` gives (2, 8, "underline"): the term's left
    boundary comes from the author, not from a guess. Nested markup (**<u>x</u>**) gives both.
    """
    spans: list[tuple[int, int, str]] = []
    pending = [(0, len(line))]
    while pending:
        lo, hi = pending.pop()
        for match in _PAIRED_MARKUP.finditer(line, lo, hi):
            for group, kind in (
                ("code_in", MARK_CODE),
                ("tag_in", None),
                ("strong_in", MARK_STRONG),
                ("em_in", MARK_EMPHASIS),
                ("em2_in", MARK_EMPHASIS),
                ("link_in", MARK_LINK),
            ):
                if match.group(group) is None:
                    continue
                if kind is None:
                    kind = _HTML_MARKS.get(match.group("tag").lower())
                    if kind is None:
                        break
                start, end = match.span(group)
                spans.append((start, end, kind))
                if kind != MARK_CODE:
                    pending.append((start, end))
                break
    return sorted(spans)


def _marks(
    spans: list[tuple[int, int, str]], text: str, origin: list[int] | tuple[int, ...] | None
) -> tuple[Mark, ...]:
    """Map markup spans from original-line offsets to normalized-text offsets."""
    if not spans:
        return ()
    if origin is None:
        return tuple(Mark(start, end, kind) for start, end, kind in spans if text[start:end].strip())
    from bisect import bisect_left

    marks = []
    for start, end, kind in spans:
        first = bisect_left(origin, start)
        last = bisect_left(origin, end)
        if first < last and text[first:last].strip():
            marks.append(Mark(first, last, kind))
    return tuple(marks)


def to_simplified(text: str, origin: list[int] | None, config: str) -> tuple[str, list[int] | None]:
    converted = opencc_converter(config).convert(text)
    if len(converted) == len(text):
        return converted, origin
    if origin is None:
        origin = list(range(len(text)))
    mapped: list[int] = []
    matcher = difflib.SequenceMatcher(a=text, b=converted, autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        width_a, width_b = a1 - a0, b1 - b0
        for j in range(width_b):
            if tag == "equal" or width_a == width_b:
                source = a0 + j
            elif j == width_b - 1 and width_a:
                source = a1 - 1  # 記憶體 -> 内存: the last character covers the whole source phrase
            else:
                source = a0 + (j * width_a) // width_b if width_a else max(a0 - 1, 0)
            mapped.append(origin[min(source, len(origin) - 1)] if origin else 0)
    return converted, mapped


def normalize_document(document: Document, first_line: int = 1) -> NormalizedDocument:
    """`first_line`: the number of the text's first line (a piece of a very large file)."""
    raw_lines = document.text.split("\n")
    prose = blank_non_prose(raw_lines)
    config = OPENCC_CONFIG.get(document.region, "t2s") if document.script == TRADITIONAL else None
    lines = []
    for number, (raw, is_prose) in enumerate(zip(raw_lines, prose, strict=True), start=first_line):
        if not is_prose:
            lines.append(NormalizedLine(number, raw, "", None))
            continue
        text, origin = clean_line(raw)
        if config and text:
            text, origin = to_simplified(text, origin, config)
        marks = _marks(markup_spans(raw), text, origin) if origin is not None else ()
        lines.append(NormalizedLine(number, raw, text, None if origin is None else tuple(origin), marks))
    return NormalizedDocument(document, tuple(lines))


def normalize_text(text: str, script: str = "simplified", region: str = "mainland") -> str:
    """The normalized text of a string, for `zhdoc normalize` and quick use from Python."""
    document = Document(path="<text>", text=text, encoding="utf-8", sha256="", script=script, region=region)
    return normalize_document(document).text
