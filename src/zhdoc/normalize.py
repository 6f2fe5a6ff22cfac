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
from itertools import compress

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


_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_URL = re.compile(r"(?:https?://|ftp://|www\.)[^\s<>()\[\]\u3000-\u303f\uff08\uff09\u4e00-\u9fff]+")
# every branch starts with one of the characters of the leading look-ahead, which lets the regex
# engine skip other positions with one test instead of trying each branch (5x faster on a page)
_MARKUP = re.compile(
    r"(?=[!\[\]<*_~`])(?:"
    r"!?\[(?=[^\]\n]*\]\()"  # opening bracket of a link or image whose target follows
    r"|\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"  # ](target "title")
    r"|</?[A-Za-z][A-Za-z0-9]{0,20}(?:\s+[^<>]{0,400})?/?>"  # HTML tags
    r"|\*\*\*|\*\*|__|~~"  # strong and emphasis together, strong, strike
    r"|(?<![\s*\d])\*(?![\s*\d])|(?<=[\s(（\u3000-\u303f\u4e00-\u9fff])\*(?=[^\s*])|(?<=[^\s*])\*(?=[\s)）,.，。:：;；!?！？\u4e00-\u9fff]|$)"
    r"|`+)"
)
# the same markup over a whole text at once, line by line as clean_line sees it: no tag across a line break
_MARKUP_BY_LINE = re.compile(_MARKUP.pattern.replace("[^<>]{0,400}", "[^<>\\n]{0,400}"), re.MULTILINE)
_BULLET = re.compile(r"^(\s*)[*+-]\s")

# Documentation dialects. MyST / Sphinx roles ({numref}`fig_x`, :cite:`Key`, :label:`sec_x`) are
# markup: removed whole, except the few whose content is prose ({term}`过拟合`, :abbr:`LLM (...)`).
_ROLE = re.compile(
    r"(?=[{:])(?:\{(?P<myst>[A-Za-z][\w.:-]*)\}`(?P<myst_in>[^`\n]*)`"
    r"|(?<![A-Za-z0-9_`:]):(?P<sphinx>[A-Za-z][\w.-]*(?::[A-Za-z][\w.-]*)?):`(?P<sphinx_in>[^`\n]*)`)"
)
PROSE_ROLES = {"term", "abbr", "dfn", "sub", "sup", "guilabel", "menuselection", "emphasis", "strong", "kbd", "index"}
CITE_ROLES = {"cite", "citep", "citet", "cite:p", "cite:t", "cite:ps", "cite:ts", "footcite", "footcitet", "citealp"}
_COMMENT = re.compile(r"<!--.*?-->|\{/\*.*?\*/\}")
_CODE_SPAN = re.compile(r"(?=`)(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)")
_DUNDER = re.compile(r"(?<![A-Za-z0-9_])__[A-Za-z][A-Za-z0-9_]*?__(?![A-Za-z0-9_])")

# fenced directives whose content is prose (MyST ```{note}, :::{tip}); any other {name} is code
ADMONITIONS = {
    "note", "warning", "tip", "hint", "important", "caution", "attention", "danger", "error", "seealso",
    "admonition", "margin", "sidebar", "topic", "epigraph", "pull-quote", "highlights", "dropdown", "card",
    "tab-item", "tab-set", "grid-item-card", "aside", "div", "container", "glossary", "figure", "table", "exercise",
    "solution", "proof", "theorem", "lemma", "definition", "example", "remark", "versionadded", "deprecated",
}  # fmt: skip
# reStructuredText directives whose indented body is code, not prose
CODE_DIRECTIVES = {
    "code", "code-block", "sourcecode", "literalinclude", "math", "raw", "highlight", "testcode", "testoutput",
    "doctest", "ipython", "jupyter-execute", "code-cell", "graphviz", "mermaid", "csv-table", "only", "toctree",
    "autosummary", "automodule", "autoclass", "autofunction", "include", "image", "figure", "plot",
}  # fmt: skip
_FENCE_OPEN = re.compile(r"^\s*(`{3,}|~{3,}|:{3,})\s*(.*)$")
_RST_DIRECTIVE = re.compile(r"^(\s*)\.\.\s+([\w:.-]+)::")
_RST_COMMENT = re.compile(r"^(\s*)\.\.(?:\s|$)")
_OPTION = re.compile(r"^\s*:[\w-]+:(?:\s|$)")
_MKDOCS = re.compile(r"^\s*(?:===\+?\s+\"|(?:!!!|\?\?\?\+?)\s*[A-Za-z][\w-]*)")
_MYST_TARGET = re.compile(r"^\s*\([\w.:-]+\)=\s*$")
_MDX_STATEMENT = re.compile(r"^(?:import|export)\s+(?:[\w*{]|default\b|const\b|function\b)")
_JSX_OPEN = re.compile(r"^\s*</?[A-Z][\w.]*(?:\s|$)")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _closes(line: str, char: str, length: int) -> bool:
    stripped = line.strip()
    return len(stripped) >= length and set(stripped) == {char}


def _indent(line: str) -> int:
    expanded = line.expandtabs(4)
    return len(expanded) - len(expanded.lstrip())


def blank_non_prose(lines: list[str], indented_code: bool = True) -> list[bool]:
    """Which lines are prose. Not prose: front matter; fenced code (a fence closes only on a fence
    of its own character at least as long, so ```` inside ````` stays code); indented code blocks
    (four spaces after a blank line, unless the block reads as Chinese prose, as MkDocs admonition
    bodies and indented paragraphs do); math blocks; HTML and MDX comments; MDX import/export and
    multi-line JSX tags; MkDocs tab and admonition markers; MyST targets; reStructuredText
    directives with their options (and their body when it is code). The content of MyST admonition
    fences (```{note}, :::{tip}) is prose. `indented_code`: whether four-space indentation means code
    (Markdown and reStructuredText; in plain text it is just indentation)."""
    n = len(lines)
    prose = [True] * n
    start = 0
    if lines and lines[0].strip() in ("---", "+++"):
        close = lines[0].strip()
        for end in range(1, min(n, 200)):
            if lines[end].strip() in (close, "..."):
                prose[: end + 1] = [False] * (end + 1)
                start = end + 1
                break
    fences: list[tuple[str, int, bool]] = []  # (character, length, content is prose)
    i = start
    previous_blank = True
    while i < n:
        line = lines[i]
        stripped = line.strip()
        if fences and not fences[-1][2]:  # inside code
            prose[i] = False
            if _closes(line, fences[-1][0], fences[-1][1]):
                fences.pop()
            i += 1
            continue
        opened = _FENCE_OPEN.match(line)
        if opened:
            run, info = opened.group(1), opened.group(2).strip()
            prose[i] = False
            if fences and not info and _closes(line, fences[-1][0], fences[-1][1]):
                fences.pop()
            elif run[0] == ":" and not info:
                pass  # a stray closing colon fence
            else:
                name = re.match(r"\{([\w:.-]+)\}", info)
                is_prose = (run[0] == ":" and (not name or name.group(1) not in CODE_DIRECTIVES)) or (
                    name is not None and name.group(1).lower() in ADMONITIONS
                )
                fences.append((run[0], len(run), is_prose))
                while is_prose and i + 1 < n and _OPTION.match(lines[i + 1]):
                    i += 1
                    prose[i] = False
            i += 1
            previous_blank = False
            continue
        end = _block_end(lines, i, previous_blank and indented_code)
        if end > i:
            for k in range(i, end):
                prose[k] = False
            i = end
            previous_blank = False
            continue
        previous_blank = not stripped
        i += 1
    return prose


# what the first non-space character of a line that opens one of _block_end's blocks can be:
# $$ math, MDX import/export, JSX <Tag, MkDocs === !!! ???, a MyST (target)=, an reST .. directive
_BLOCK_FIRST = frozenset("$ie<=!?(.")


def _block_end(lines: list[str], i: int, previous_blank: bool) -> int:
    """If a non-prose block starts at line i, the index after it; else i."""
    line = lines[i]
    stripped = line.strip()
    n = len(lines)
    if not stripped:
        return i
    if (
        stripped[0] not in _BLOCK_FIRST
        and not (previous_blank and line[0].isspace())
        and "<!--" not in line
        and "{/*" not in line
    ):
        return i  # most lines: none of the blocks below can start with this character
    if stripped.startswith("$$"):
        if "$$" in stripped[2:]:
            return i + 1
        k = i + 1
        while k < n and "$$" not in lines[k] and k - i < 200:
            k += 1
        return k + 1 if k < n and "$$" in lines[k] else i + 1  # never closed: only this line
    for opener, closer in (("<!--", "-->"), ("{/*", "*/}")):
        at = line.find(opener)
        if at >= 0 and line.find(closer, at) < 0:
            if line[:at].strip():
                return i  # prose before a comment that goes on: keep the line
            k = i + 1
            while k < n and closer not in lines[k] and k - i < 200:
                k += 1
            return k + 1 if k < n and closer in lines[k] else i + 1  # never closed: only this line
    if _MDX_STATEMENT.match(line) and re.search(r"\bfrom\s+['\"]|[;={]\s*$|^export\s+default\b", line + " "):
        k = i
        while k < n and lines[k].strip() and not re.search(r"\bfrom\s+['\"][^'\"]*['\"];?\s*$|;\s*$|^\}", lines[k]):
            k += 1
        return min(k + 1, n)
    if _JSX_OPEN.match(line) and ">" not in line:
        k = i + 1
        while k < n and ">" not in lines[k] and k - i < 50:
            k += 1
        return min(k + 1, n)
    if _MKDOCS.match(line) or _MYST_TARGET.match(line):
        return i + 1
    directive = _RST_DIRECTIVE.match(line)
    if directive or _RST_COMMENT.match(line):
        base = len((directive or _RST_COMMENT.match(line)).group(1))
        k = i + 1
        while k < n and _OPTION.match(lines[k]):
            k += 1
        code_body = directive is None or directive.group(2).lower() in CODE_DIRECTIVES
        if code_body:
            while k < n and (not lines[k].strip() or _indent(lines[k]) > base):
                k += 1
            while k > i + 1 and not lines[k - 1].strip():
                k -= 1
        return k
    if previous_blank and _indent(line) >= 4 and not re.match(r"\s*(?:[-*+]|\d{1,3}[.)])\s", line):
        k = i
        while k < n and (not lines[k].strip() or _indent(lines[k]) >= 4):
            k += 1
        while k > i and not lines[k - 1].strip():
            k -= 1
        block = "".join(lines[i:k])
        letters = len(re.sub(r"\s", "", block))
        if letters and len(_HAN.findall(block)) < 0.3 * letters:
            return k
    return i


_last_flags: tuple[str, bool, list[bool]] | None = None


def _prose_flags(text: str, lines: list[str], indented_code: bool) -> list[bool]:
    """blank_non_prose of a text, remembered for the next call: ingest's language detection and
    normalization ask for the same text one after the other."""
    global _last_flags
    if _last_flags is not None and _last_flags[1] == indented_code and _last_flags[0] == text:
        return list(_last_flags[2])
    flags = blank_non_prose(lines, indented_code)
    _last_flags = (text, indented_code, list(flags))
    return flags


def prose_lines(text: str) -> list[str]:
    """The prose of a text, markup and code removed: what language detection should look at.

    Language detection counts scripts, so the markup goes by whole-text substitutions (the same
    patterns clean_line applies) instead of clean_line's position-keeping walk, which normalization
    runs later anyway: this pass costs a few regular expressions per document, not a second
    normalization."""
    lines = text.split("\n")
    keep = _prose_flags(text, lines, True)
    prose = "\n".join(line for line, is_prose in zip(lines, keep, strict=True) if is_prose and line.strip())
    prose = _URL.sub(" ", _COMMENT.sub(" ", _CODE_SPAN.sub(" ", _ROLE.sub(" ", prose))))
    return _MARKUP_BY_LINE.sub("", prose).translate(_WIDTH_TABLE).split("\n") if prose else []


# full-width ASCII and the ideographic space to half-width, as a list indexed by code point: str.translate
# looks every character up, and a dict raises (and catches) KeyError for each one it lacks, a list
# does not (2.5x faster on Chinese text; characters past the list are left as they are)
_WIDTH_TABLE = list(range(0x10000))
for _code in range(0xFF01, 0xFF5F):
    _WIDTH_TABLE[_code] = _code - 0xFEE0
_WIDTH_TABLE[0x3000] = 0x20


def clean_line(line: str, highlight_parens: bool = False) -> tuple[str, list[int] | None]:
    """Remove markup, blank URLs, fold widths; return the text and its origin map (None: the
    text maps one to one onto the line, the common case, kept cheap).

    Roles ({numref}`x`, :cite:`Key`) and comments go whole; inside inline code and Python dunder
    names (`__init__`) nothing but the backticks is markup."""
    if not _NEEDS_MAP.search(line):
        return line.translate(_WIDTH_TABLE), None
    size = len(line)
    url_spans = [(m.start(), m.end()) for m in _URL.finditer(line)]
    bullet = _BULLET.match(line)
    protected = bullet.end() - 2 if bullet else -1
    # per character, as masks filled a span at a time: markup, and text whatever it looks like
    removed, literal = bytearray(size), bytearray(size)
    literal_spans: list[tuple[int, int]] = []

    def literal_text(start: int, end: int) -> None:
        literal[start:end] = b"\x01" * (end - start)
        literal_spans.append((start, end))

    if "`" in line or ":" in line or "{" in line:
        for match in _ROLE.finditer(line):
            name = (match.group("myst") or match.group("sphinx")).lower()
            inner = "myst_in" if match.group("myst") is not None else "sphinx_in"
            if name in PROSE_ROLES:
                content_end = match.end(inner)
                target = re.search(r"\s*<[^<>]*>$", match.group(inner))
                if target:
                    content_end = match.start(inner) + target.start()
                removed[match.start() : match.start(inner)] = b"\x01" * (match.start(inner) - match.start())
                removed[content_end : match.end()] = b"\x01" * (match.end() - content_end)
                literal_text(match.start(inner), content_end)
            else:
                removed[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
        for match in _CODE_SPAN.finditer(line):
            if not removed[match.start()]:
                literal_text(match.start(2), match.end(2))
    if "<!--" in line or "{/*" in line:
        for match in _COMMENT.finditer(line):
            removed[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
    if highlight_parens and "(**" in line:
        for match in _HIGHLIGHT.finditer(line):  # d2lbook's (**key sentence**): the parentheses are markup
            removed[match.start()] = removed[match.end() - 1] = 1
    if "__" in line:
        for match in _DUNDER.finditer(line):
            literal_text(match.start(), match.end())
    for match in _MARKUP.finditer(line):
        if match.start() == protected or literal[match.start()]:
            continue
        if any(start <= match.start() < end for start, end in url_spans):
            continue
        removed[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
    # the kept characters picked by a mask in C (itertools.compress), not a Python loop per character:
    # kept unless removed, and always where literal
    keep = removed.translate(_INVERT)
    for start, end in literal_spans:
        keep[start:end] = b"\x01" * (end - start)
    for start, end in url_spans:
        line = line[:start] + " " * (end - start) + line[end:]
    return "".join(compress(line, keep)).translate(_WIDTH_TABLE), list(compress(range(size), keep))


_INVERT = bytes.maketrans(b"\x00\x01", b"\x01\x00")
_HIGHLIGHT = re.compile(r"\(\*\*(?=\S)[^\n]*?\*\*\)")
_SPHINX_LABELS = re.compile(r":(?:label|numref|eqlabel|eqref):`")
_NEEDS_MAP = re.compile(r"[*_~`<\[\]{]|https?://|ftp://|www\.|:[A-Za-z][\w.:-]*:`")


def cite_keys(line: str) -> list[str]:
    """Citation keys named by roles: :cite:`Vaswani.Shazeer.Parmar.ea.2017,Devlin.Chang.Lee.ea.2018` ->
    both keys ({cite:p}`key` and friends too)."""
    keys: list[str] = []
    for match in _ROLE.finditer(line):
        name = (match.group("myst") or match.group("sphinx")).lower()
        if name in CITE_ROLES or name.startswith("cite"):
            content = match.group("myst_in") if match.group("myst") is not None else match.group("sphinx_in")
            keys.extend(key.strip() for key in re.split(r"[,;]", content) if key.strip())
    return keys


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
    r"(?=[`<*_\[])(?:(?P<code>`+)(?P<code_in>[^`\n]+?)(?P=code)"
    r"|<(?P<tag>[A-Za-z]{1,6})\b[^<>]{0,200}>(?P<tag_in>[^<>\n]{1,200}?)</(?P=tag)\s*>"
    r"|(?P<strong>\*\*|(?<![A-Za-z0-9_])__(?![A-Za-z0-9]+__))(?=\S)(?P<strong_in>[^\n]{1,200}?)(?<=\S)(?P=strong)(?!\*)"
    r"|(?<![*\\])\*(?=[^\s*])(?P<em_in>[^*\n]{1,200}?)(?<=[^\s*\\])\*(?!\*)"
    r"|(?<![A-Za-z0-9_])_(?=[^\s_])(?P<em2_in>[^_\n]{1,200}?)(?<=[^\s_])_(?![A-Za-z0-9_])"
    r"|(?<!!)\[(?P<link_in>[^\]\n]{1,200})\]\([^)\s]*(?:\s+\"[^\"]*\")?\))"
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


MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx", ".myst", ".rst")
MAX_JOINED_LINES = 40
_ENDS_PARAGRAPH = re.compile(r"(?:[。！？!?；;:：.]|\s{2}|\\|<br\s*/?>)[\"'”’」』)）\]*_]*$")
_STARTS_BLOCK = re.compile(
    r"^\s*(?:#{1,6}\s|[-*+•·]\s|\d{1,3}[.)、]\s|[(（]?\d{1,3}[)）]\s|\[\d{1,3}\]|\[\^|>|\||<[A-Za-z/!]|"
    r"(?:[-*_]\s*){3,}$|=+$|[A-Za-z][.)]\s|[一二三四五六七八九十]+、)"
)


_WIDE = re.compile("[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")


def _width(text: str) -> int:
    """Display width: wide (CJK, full-width) characters count two; one regex pass, not a loop."""
    return len(text) + len(_WIDE.findall(text))


def paragraphs(raw: list[str], prose: list[bool], trusted: bool = False) -> list[int]:
    """For each line, how many following lines continue its paragraph (0 for most lines).

    A line goes on into the next when both are prose text, the line does not end a sentence or a
    block (。！？; : a hard break), the next does not start a block (heading, list item, table row,
    quote, footnote, HTML, a `label：` record), and the line was full: the next line's first word
    would not have fitted within the widest line around it (the wrap column), so a short title above
    a paragraph, a list of `term：translation` lines or a text written one clause per line keeps its
    lines; a line that leaves a bracket open goes on whatever its width. `trusted`: the lines are
    known to be one block's source lines (the HTML reader's), so the width is not asked."""
    n = len(raw)
    spans = [0] * n
    i = 0
    while i < n:
        if not prose[i] or not raw[i].strip():
            i += 1
            continue
        k = i
        while k + 1 < n and prose[k + 1] and raw[k + 1].strip():
            k += 1
        block = range(i, k + 1)
        widest = max(_width(raw[j].strip()) for j in block) if not trusted else 0
        start = i
        for j in block:
            follows = j + 1 <= k and j - start + 1 < MAX_JOINED_LINES and _continues(raw[j], raw[j + 1])
            if follows and not trusted and not _open_bracket(raw[j]):
                # wrapped: the next line's first word would not have fitted on this one
                word = re.match(r"\s*([A-Za-z0-9'’-]+|\S)", raw[j + 1]).group(1)
                follows = widest >= 30 and _width(raw[j].strip()) + 1 + _width(word) > 0.9 * widest
            if not follows:
                spans[start] = j - start
                start = j + 1
        i = k + 1
    return spans


def _open_bracket(line: str) -> bool:
    """A line that opens a bracket it does not close goes on: `小批量随机梯度下降（minibatch
    stochastic gradient` is cut by a wrap, whatever its width (unbreakable Chinese lines make the
    widest line a poor guide to the wrap column)."""
    return line.count("(") + line.count("（") > line.count(")") + line.count("）")


_RECORD = re.compile(r"^\s*[^\s:：，,。]{1,30}\s*(?:：|:\s)\s*\S.{0,60}$")


def _continues(line: str, following: str) -> bool:
    stripped = line.strip()
    if _RECORD.match(line) and _RECORD.match(following):
        return False  # `LLM：大语言模型` lines: a list without markers
    if stripped.startswith(("#", "|")) or _ENDS_PARAGRAPH.search(line):
        return False
    if re.match(r"^\s*(?:[-*_]\s*){3,}$|^\s*=+\s*$", line) or stripped.startswith("<") and stripped.endswith(">"):
        return False
    return not _STARTS_BLOCK.match(following)


def join_lines(pieces: list[str], vocabulary: set[str]) -> tuple[str, tuple[int, ...], set[int]]:
    """One paragraph from its wrapped lines: (text, offsets where lines 2.. begin, offsets of
    line-end hyphens to drop). Chinese joins without a space, Latin with one; `inter-` + `national`
    joins to `international` unless the document writes the hyphenated form (self-attention)."""
    from .readers import join_break

    text = pieces[0].rstrip()
    starts: list[int] = []
    hyphens: set[int] = set()
    for piece in pieces[1:]:
        piece = piece.strip()
        if re.search(r"[A-Za-z]-$", text) and re.match(r"[a-z]", piece):
            head = re.search(r"([A-Za-z]+)-$", text).group(1)
            tail = re.match(r"[A-Za-z]+", piece).group(0)
            if f"{head}-{tail}".lower() not in vocabulary or (head + tail).lower() in vocabulary:
                hyphens.add(len(text) - 1)
            separator = ""
        else:
            separator = join_break(text[-1:], piece[:1])
        text += separator
        starts.append(len(text))
        text += piece
    return text, tuple(starts), hyphens


def _drop(text: str, origin: list[int] | None, hyphens: set[int]) -> tuple[str, list[int] | None]:
    if not hyphens:
        return text, origin
    if origin is None:
        origin = list(range(len(text)))
    kept = [(ch, at) for ch, at in zip(text, origin, strict=True) if at not in hyphens]
    return "".join(ch for ch, _ in kept), [at for _, at in kept]


def normalize_document(document: Document, first_line: int = 1) -> NormalizedDocument:
    """`first_line`: the number of the text's first line (a piece of a very large file).

    A paragraph wrapped over several lines becomes one NormalizedLine on its first line (the others
    stay empty), so a gloss split by the wrap is mined; `NormalizedLine.line_at` gives back the
    line where something in it starts."""
    raw_lines = document.text.split("\n")
    markdown = document.path.lower().endswith(MARKDOWN_SUFFIXES)
    prose = _prose_flags(document.text, raw_lines, markdown or document.path == "<stdin>")
    # text: Markdown or plain-text rules by name; PDF lines are a page's lines (plain-text rules);
    # the HTML and EPUB readers keep a block's source lines and part blocks by blank lines (Markdown
    # rules); a DOCX paragraph is one line already
    trusted = document.locations is not None and document.unit in ("line", "chapter")
    wrapped = document.locations is None or document.unit != "paragraph"
    joins = paragraphs(raw_lines, prose, trusted) if wrapped else [0] * len(raw_lines)
    vocabulary: set[str] = set()
    if any(joins) and re.search(r"[A-Za-z]-\n", document.text):
        vocabulary = {word.lower() for word in re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)*", document.text)}
    config = OPENCC_CONFIG.get(document.region, "t2s") if document.script == TRADITIONAL else None
    # d2lbook writes (**…**) around key sentences; its documents label with Sphinx roles
    highlight_parens = "(**" in document.text and _SPHINX_LABELS.search(document.text) is not None
    lines = []
    keys: list[tuple[int, str]] = []
    index = 0
    total = len(raw_lines)
    while index < total:
        raw, number = raw_lines[index], first_line + index
        if not prose[index]:
            lines.append(NormalizedLine(number, raw, "", None))
            index += 1
            continue
        extra = joins[index]
        joined: tuple[int, ...] = ()
        hyphens: set[int] = set()
        if extra:
            raw, joined, hyphens = join_lines(raw_lines[index : index + extra + 1], vocabulary)
        if "`" in raw:
            keys.extend((number, key) for key in cite_keys(raw))
        text, origin = clean_line(raw, highlight_parens)
        text, origin = _drop(text, origin, hyphens)
        if config and text:
            text, origin = to_simplified(text, origin, config)
        marks = _marks(markup_spans(raw), text, origin) if origin is not None else ()
        lines.append(NormalizedLine(number, raw, text, None if origin is None else tuple(origin), marks, joined))
        for offset in range(1, extra + 1):
            lines.append(NormalizedLine(number + offset, raw_lines[index + offset], "", None))
        index += extra + 1
    return NormalizedDocument(document, tuple(lines), tuple(keys))


def _gloss_start(text: str, english: str, chinese: str) -> int:
    """Where a gloss starts in a joined paragraph: the English form and the occurrence of the
    rendering nearest to it (注意力机制很重要……注意力机制（attention mechanism） starts at the second)."""
    at = text.find(english)
    places = [m.start() for m in re.finditer(re.escape(chinese), text)] if chinese else []
    if at < 0:
        return places[0] if places else -1
    if not places:
        return at
    nearest = min(places, key=lambda place: abs(place - at))
    return min(at, nearest)


def _context_from(line: NormalizedLine, start: int, context: str) -> str:
    """A joined paragraph's context cut to begin on the line the gloss is reported on."""
    boundary = line.joined[start - line.number - 1]
    core = context.strip("…")
    at = line.original.find(core)
    if at < 0 or at >= boundary:
        return context
    cut = line.original[boundary : at + len(core)].strip()
    return cut + ("…" if context.endswith("…") else "") if cut else context


def relocate(result, normalized: NormalizedDocument):
    """Point a document's pairs, segments and citations at the line where each starts (inside a
    joined paragraph) and, for formats with a location table, at the source location (HTML line,
    DOCX paragraph, PDF page, EPUB chapter)."""
    from dataclasses import replace

    by_number = {line.number: line for line in normalized.lines if line.joined}
    document = normalized.document
    if not by_number and document.locations is None:
        return result
    pairs = []
    for pair in result.pairs:
        line = by_number.get(pair.line)
        start = line.line_at(_gloss_start(line.text, pair.english, pair.chinese)) if line else pair.line
        context = _context_from(line, start, pair.context) if line and start > line.number else pair.context
        pairs.append(replace(pair, line=document.location(start), context=context))
    result.pairs = pairs
    if document.locations is not None:
        result.segments = [replace(s, line=document.location(s.line)) for s in result.segments]
        for citation in result.citations:
            citation.occurrences = [replace(o, line=document.location(o.line)) for o in citation.occurrences]
    return result


def normalize_text(text: str, script: str = "simplified", region: str = "mainland") -> str:
    """The normalized text of a string, for `zhdoc normalize` and quick use from Python."""
    document = Document(path="<text>", text=text, encoding="utf-8", sha256="", script=script, region=region)
    return normalize_document(document).text
