"""HTML and XHTML (saved web pages, pandoc output, EPUB chapters) through lxml's HTML parser.

lxml decodes entities, survives broken markup and gives every element its source line, which is
the location a pair's evidence reports. Main content: the page's <main> or <article> when it has
one; navigation, headers, footers, sidebars, forms, scripts and styles are dropped, and so are
link lists (blocks that are mostly link text, the menus of pages built from plain <div>s).
Emphasis comes out as Markdown (`*x*`, `**x**`, `<u>x</u>`), <pre> as a fenced block whose fence is
longer than any backtick run inside it, tables as `| a | b |` rows, list items as `- x`.
"""

from __future__ import annotations

import re

from . import Read, ReaderError, join_break

_SKIP = {
    "script", "style", "noscript", "template", "head", "title", "meta", "link", "svg", "canvas", "iframe", "object",
    "embed", "form", "button", "select", "textarea", "input", "nav", "aside", "footer", "header", "menu", "dialog",
}  # fmt: skip
_BLOCK = {
    "p", "div", "section", "article", "main", "body", "html", "blockquote", "figure", "figcaption", "caption",
    "address", "center", "details", "summary", "dl", "dt", "dd", "ul", "ol", "li", "table", "thead", "tbody",
    "tfoot", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "pre", "hgroup", "fieldset", "legend", "frameset",
}  # fmt: skip
_INLINE_MARKS = {
    "em": ("*", "*"), "i": ("*", "*"), "cite": ("*", "*"),
    "strong": ("**", "**"), "b": ("**", "**"),
    "u": ("<u>", "</u>"), "ins": ("<u>", "</u>"), "mark": ("<u>", "</u>"),
    "dfn": ("<dfn>", "</dfn>"), "def": ("<def>", "</def>"),
    "code": ("`", "`"), "kbd": ("`", "`"), "samp": ("`", "`"), "tt": ("`", "`"), "var": ("`", "`"),
}  # fmt: skip
_BOILERPLATE_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar", "dialog"}
_BOILERPLATE_CLASS = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|sidebar|side-bar|footer|header|masthead|banner|cookie|share|social|"
    r"related|recommend|advert|ads?|comments?|subscribe|newsletter|toc|pagination|pager|skip-link)(?:$|[\s_-])",
    re.I,
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding=["']([A-Za-z0-9_.-]+)""")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")


def decode_html(data: bytes) -> tuple[str, str]:
    """Text and encoding: a BOM, then the page's own <meta charset>, then the text rules of ingest."""
    import codecs

    from ..ingest import IngestError, decode

    boms = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
    for bom, name in boms:
        if data.startswith(bom):
            return data.decode(name, errors="replace"), name
    declared = _META_CHARSET.search(data[:8192]) or _XML_ENCODING.search(data[:200])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        if name in ("gb2312", "gbk", "x-gbk", "gb_2312-80"):
            name = "gb18030"  # what pages labelled GB2312 really hold, as browsers read them
        try:
            return data.decode(name), name
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong label: fall back to what the bytes say
    try:
        return decode("", data)
    except IngestError as exc:
        raise ReaderError(exc.reason) from None


def read_html(data: bytes, *, main_content: bool = True) -> Read:
    text, encoding = decode_html(data)
    lines, locations = html_lines(text, main_content=main_content)
    return Read("\n".join(lines), encoding, tuple(locations), "line")


def html_lines(text: str, *, main_content: bool = True) -> tuple[list[str], list[int]]:
    """Markdown-like lines of an HTML text and the source line of each."""
    import lxml.html
    from lxml import etree

    text = _XML_DECL.sub("", text, count=1)
    if not text.strip():
        return [], []
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise ReaderError(f"cannot parse the HTML ({exc})") from None
    start = _main(root) if main_content else root
    emitter = _Emitter()
    emitter.walk(start, main_content)
    emitter.flush()
    return emitter.lines, emitter.locations


def _local(tag: object) -> str:
    """Tag name without an XHTML namespace; '' for comments and processing instructions."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()


def _main(root):
    """The element that holds the page's content: <main>, the largest <article>, or <body>."""
    mains = [el for el in root.iter() if _local(el.tag) == "main" or el.get("role") == "main"]
    if mains:
        return max(mains, key=_text_size)
    articles = [el for el in root.iter() if _local(el.tag) == "article"]
    if articles:
        best = max(articles, key=_text_size)
        if _text_size(best) * 2 >= _text_size(root):
            return best
    body = next((el for el in root.iter() if _local(el.tag) == "body"), None)
    return body if body is not None else root


def _text_size(element) -> int:
    return len("".join(element.itertext()).strip())


def _is_boilerplate(element) -> bool:
    tag = _local(element.tag)
    if tag in _SKIP:
        return True
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    if re.search(r"display\s*:\s*none", element.get("style") or ""):
        return True
    if element.get("role") in _BOILERPLATE_ROLES:
        return True
    if tag in ("div", "section", "ul", "ol", "span", "p", "table"):
        names = f"{element.get('class') or ''} {element.get('id') or ''}"
        if names.strip() and _BOILERPLATE_CLASS.search(names):
            return True
        if tag in ("div", "section", "ul", "ol", "table") and _link_list(element):
            return True
    return False


def _link_list(element) -> bool:
    """A block that is mostly short links (a menu, a tag cloud). A list of linked titles (the
    references of a blog post) has long link texts and stays."""
    links = [a for a in element.iter() if _local(a.tag) == "a"]
    if len(links) < 3:
        return False
    total = _text_size(element)
    linked = sum(len("".join(a.itertext()).strip()) for a in links)
    return total > 0 and linked >= 0.7 * total and linked <= 16 * len(links)


def _footnote_ref(element) -> str:
    """The number of a footnote reference (<sup><a href="#fn1">1</a></sup>), or ''."""
    text = "".join(element.itertext()).strip().strip("[]")
    links = [a for a in element.iter() if _local(a.tag) == "a" and (a.get("href") or "").startswith("#")]
    return text if links and re.fullmatch(r"\d{1,4}|[a-z]", text) else ""


class _Emitter:
    """Collects inline text into lines, flushed at block boundaries."""

    def __init__(self, split_lines: bool = True) -> None:
        self.lines: list[str] = []
        self.locations: list[int] = []
        self.parts: list[str] = []
        self.line: int | None = None  # source line where the collected text starts
        self.prefix = ""
        self.split_lines = split_lines

    def add(self, text: str | None, line: int | None) -> None:
        if not text:
            return
        if self.line is None:
            self.line = line
        self.parts.append(text)

    def flush(self) -> None:
        """One block: its source lines as lines of text (normalization joins them back into one
        paragraph, and knows which line a gloss starts on), a blank line before the next block."""
        raw = "".join(self.parts)
        first = self.line or (self.locations[-1] if self.locations else 1)
        self.parts, self.line = [], None
        pieces = raw.split("\n") if self.split_lines else [raw.replace("\n", " ")]
        found: list[tuple[str, int]] = []
        for offset, piece in enumerate(pieces):
            text = _collapse(piece.replace(_BREAK, "\n")).strip()
            if "* " in text or "> " in text:
                text = re.sub(r"(\*\*?|<u>|<dfn>|<def>)\s+", r"\1", text)
            if text:
                found.append((text, first + offset))
        if not any(re.sub(r"[*`]|</?(?:u|dfn|def)>", "", text).strip() for text, _ in found):
            return
        if self.lines and self.lines[-1]:
            self.emit("", found[0][1])
        for index, (text, line) in enumerate(found):
            self.emit((self.prefix if index == 0 else "") + text, line)

    def emit(self, text: str, line: int) -> None:
        self.lines.append(text)
        self.locations.append(line)

    def block(self, lines: list[tuple[str, int]]) -> None:
        if self.lines and self.lines[-1] and lines:
            self.emit("", lines[0][1])
        for text, line in lines:
            self.emit(text, line)

    def walk(self, element, main_content: bool) -> None:
        tag = _local(element.tag)
        line = element.sourceline or 1
        if not tag:  # comment, processing instruction: its tail is still text
            return
        if main_content and _is_boilerplate(element) or tag in ("script", "style", "template", "head"):
            return
        if tag == "pre":
            self.flush()
            self.pre(element, line)
            return
        if tag == "table":
            self.flush()
            self.table(element, main_content)
            return
        if tag == "br":
            self.add(_BREAK, line)
            return
        if tag == "sup" and _footnote_ref(element):
            self.add(f"[^{_footnote_ref(element)}]", line)
            return
        if tag == "img":
            self.add(element.get("alt") or "", line)
            return
        block = tag in _BLOCK
        marks = _INLINE_MARKS.get(tag)
        if tag == "a" and re.match(r"(?:https?|ftp)://\S+$", element.get("href") or "") and _text_size(element):
            marks = ("[", f"]({element.get('href')})")  # the target stays for the citations stage
        if block:
            self.flush()
            saved = self.prefix
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                self.prefix = "#" * int(tag[1]) + " "
            elif tag == "li":
                self.prefix = "- "
            elif tag not in ("dt", "dd", "p", "blockquote"):
                self.prefix = saved if saved.startswith("- ") else ""
        elif marks:
            self.add(marks[0], line)
        self.add(element.text, line)
        for child in element:
            self.walk(child, main_content)
            self.add(child.tail, child.sourceline or line)
        if block:
            self.flush()
            self.prefix = saved
        elif marks:
            self.close(marks[1])

    def close(self, mark: str) -> None:
        """Close an inline mark before trailing space (`*x *` is not emphasis in Markdown)."""
        raw = "".join(self.parts)
        stripped = raw.rstrip()
        self.parts = [stripped, mark, raw[len(stripped) :]]

    def pre(self, element, line: int) -> None:
        code = "".join(element.itertext()).strip("\n")
        if not code.strip():
            return
        longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
        fence = "`" * max(3, longest + 1)
        body = [(code_line, line + offset) for offset, code_line in enumerate(code.split("\n"))]
        self.block([(fence, line), *body, (fence, line + code.count("\n"))])

    def table(self, element, main_content: bool) -> None:
        rows: list[tuple[str, int]] = []
        for row in element.iter():
            if _local(row.tag) != "tr":
                continue
            cells = []
            for cell in row:
                if _local(cell.tag) not in ("td", "th"):
                    continue
                inner = _Emitter(split_lines=False)
                inner.add(cell.text, cell.sourceline)
                for child in cell:
                    inner.walk(child, main_content)
                    inner.add(child.tail, child.sourceline)
                inner.flush()
                cells.append(" ".join(text for text in inner.lines if text).replace("|", "\\|"))
            if any(cells):
                rows.append(("| " + " | ".join(cells) + " |", row.sourceline or 1))
        self.block(rows)


_BREAK = "\u2028"  # a <br>: the paragraph goes on (joined like a wrapped line), not a source line
_SPACE = re.compile(r"[ \t\r\f\v\u00a0]*\n[\s\u00a0]*|[ \t\r\f\v\u00a0]+")


def _collapse(text: str) -> str:
    """HTML white space: a run with a line break inside joins Chinese without a space and Latin
    with one; any other run is one space."""
    if not text:
        return ""
    out: list[str] = []
    last = 0
    for match in _SPACE.finditer(text):
        out.append(text[last : match.start()])
        if "\n" in match.group(0):
            before, after = text[match.start() - 1 : match.start()], text[match.end() : match.end() + 1]
            out.append(join_break(before, after))
        else:
            out.append(" ")
        last = match.end()
    out.append(text[last:])
    return "".join(out)
