"""Word .docx: the WordprocessingML read directly with lxml.

python-docx has no footnotes or endnotes, which hold the references of a translated paper, and
hides footnote marks inside runs; the XML is small and stable (ECMA-376), so it is read as it is:
body paragraphs and tables in document order (content controls, tracked insertions and hyperlinks
entered, deletions skipped), runs with bold/italic/underline kept as `**x**`/`*x*`/`<u>x</u>`,
footnote marks as `[^n]`, and the footnotes and endnotes after the body as `[^n]: text`.
A location is the paragraph's number in the document (table cells count, in reading order); a
footnote is located at the paragraph that refers to it.
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO

from . import Read, ReaderError, join_break

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CONTAINERS = {"sdt", "sdtContent", "ins", "hyperlink", "smartTag", "fldSimple", "customXml", "moveTo", "bdo", "dir"}


def read_docx(data: bytes) -> Read:
    from lxml import etree

    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" not in names:
                raise ReaderError("not a Word document (no word/document.xml inside the zip)")
            wanted = ("word/document.xml", "word/footnotes.xml", "word/endnotes.xml")
            parts = {name: archive.read(name) for name in wanted if name in names}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, KeyError) as exc:
        raise ReaderError(f"corrupt DOCX ({exc})") from None
    except RuntimeError as exc:  # an encrypted zip member
        raise ReaderError(f"cannot read the DOCX ({exc})") from None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    try:
        body_root = etree.fromstring(parts["word/document.xml"], parser)
        notes = {
            kind: etree.fromstring(parts[f"word/{kind}s.xml"], parser)
            for kind in ("footnote", "endnote")
            if f"word/{kind}s.xml" in parts
        }
    except etree.XMLSyntaxError as exc:
        raise ReaderError(f"corrupt DOCX (damaged XML: {exc})") from None
    body = body_root.find(f"{W}body")
    if body is None:
        raise ReaderError("corrupt DOCX (the document has no body)")
    reader = _Body()
    reader.blocks(body)
    lines, locations = reader.lines, reader.locations
    for kind, root in notes.items():
        label = "" if kind == "footnote" else "e"
        for note in root.iter(f"{W}{kind}"):
            note_id = note.get(f"{W}id", "")
            if note.get(f"{W}type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            text = " ".join(t for t in (_paragraph_text(p, {})[0] for p in note.iter(f"{W}p")) if t)
            text = re.sub(r"^\s*\[\^[^\]]+\]\s*", "", text)  # the note's own mark
            if text.strip():
                lines.append(f"[^{label}{note_id}]: {text.strip()}")
                locations.append(reader.note_at.get((kind, note_id), reader.paragraph or 1))
    return Read("\n".join(lines), "utf-8", tuple(locations), "paragraph")


class _Body:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.locations: list[int] = []
        self.paragraph = 0
        self.note_at: dict[tuple[str, str], int] = {}

    def blocks(self, parent) -> None:
        for child in parent:
            tag = _local(child.tag)
            if tag == "p":
                self.paragraph += 1
                text, refs = _paragraph_text(child, self.note_at, self.paragraph)
                if text.strip():
                    self.lines.append(_prefix(child) + text.strip())
                    self.locations.append(self.paragraph)
            elif tag == "tbl":
                self.table(child)
            elif tag in _CONTAINERS:
                self.blocks(child)

    def table(self, table) -> None:
        for row in table.iter(f"{W}tr"):
            if _inside_nested_table(row, table):
                continue
            cells, first = [], 0
            for cell in row.iter(f"{W}tc"):
                if _inside_nested_table(cell, table):
                    continue
                texts = []
                for paragraph in cell.iter(f"{W}p"):
                    self.paragraph += 1
                    first = first or self.paragraph
                    text = _paragraph_text(paragraph, self.note_at, self.paragraph)[0].strip()
                    if text:
                        texts.append(text)
                cells.append(" ".join(texts).replace("|", "\\|"))
            if any(cells):
                self.lines.append("| " + " | ".join(cells) + " |")
                self.locations.append(first or self.paragraph)


def _inside_nested_table(element, table) -> bool:
    parent = element.getparent()
    while parent is not None and parent is not table:
        if _local(parent.tag) == "tbl":
            return True
        parent = parent.getparent()
    return False


def _prefix(paragraph) -> str:
    """Headings and list items keep their Markdown shape (the miners treat them as such)."""
    props = paragraph.find(f"{W}pPr")
    if props is None:
        return ""
    style = props.find(f"{W}pStyle")
    name = style.get(f"{W}val", "") if style is not None else ""
    heading = re.fullmatch(r"(?i)(?:heading|title)\s*(\d?)", name)
    if heading:
        return "#" * int(heading.group(1) or 1) + " "
    if props.find(f"{W}numPr") is not None or name.lower().startswith("list"):
        return "- "
    return ""


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _on(props, name: str) -> bool:
    element = props.find(f"{W}{name}") if props is not None else None
    if element is None:
        return False
    value = element.get(f"{W}val", "true")
    return value not in ("0", "false", "none", "off")


def _paragraph_text(paragraph, note_at: dict, number: int = 0) -> tuple[str, list[str]]:
    """The paragraph as Markdown-like text: runs grouped by their emphasis, marks around groups."""
    pieces: list[tuple[str, tuple[bool, bool, bool]]] = []
    refs: list[str] = []
    for run in paragraph.iter(f"{W}r"):
        if any(_local(a.tag) in ("del", "moveFrom") for a in run.iterancestors()):
            continue
        props = run.find(f"{W}rPr")
        style = (_on(props, "b"), _on(props, "i"), _on(props, "u"))
        for item in run:
            tag = _local(item.tag)
            if tag == "t":
                pieces.append((item.text or "", style))
            elif tag == "tab":
                pieces.append((" ", (False, False, False)))
            elif tag in ("br", "cr"):
                pieces.append(("\n", (False, False, False)))
            elif tag in ("footnoteReference", "endnoteReference"):
                kind = tag.removesuffix("Reference")
                note_id = item.get(f"{W}id", "")
                note_at.setdefault((kind, note_id), number)
                refs.append(note_id)
                pieces.append((f"[^{'' if kind == 'footnote' else 'e'}{note_id}]", (False, False, False)))
            elif tag == "sym":
                pieces.append((chr(int(item.get(f"{W}char", "20"), 16)) if item.get(f"{W}char") else "", style))
    # consecutive pieces of one style are wrapped once: **大语言模型** rather than **大****语言模型**
    groups: list[tuple[list[str], tuple[bool, bool, bool]]] = []
    for text, style in pieces:
        if groups and (groups[-1][1] == style or not text.strip() and "\n" not in text):
            groups[-1][0].append(text)
        else:
            groups.append(([text], style))
    out = [_wrap("".join(texts), style) for texts, style in groups]
    text = "".join(out)
    if "\n" in text:  # a manual line break inside one paragraph: the paragraph goes on
        parts = text.split("\n")
        text = parts[0]
        for part in parts[1:]:
            text = text.rstrip() + join_break(text.rstrip()[-1:], part.lstrip()[:1]) + part.lstrip()
    return text, refs


def _wrap(text: str, style: tuple[bool, bool, bool]) -> str:
    bold, italic, underline = style
    if not text.strip() or not any(style):
        return text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    core = text.strip()
    if underline:
        core = f"<u>{core}</u>"
    if italic:
        core = f"*{core}*"
    if bold:
        core = f"**{core}**"
    return lead + core + trail
