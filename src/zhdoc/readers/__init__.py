"""Readers: bytes of one supported format in, Markdown-like text and a location table out.

Every reader emits the same kind of text the Markdown path already handles (emphasis as `*x*`,
strong as `**x**`, underline as `<u>x</u>`, tables as `| a | b |` rows, footnotes as `[^n]: ...`
lines), so normalization, the term miner's markup hints and the citation finder work the same on
every format. Beside the text, a reader returns where each of its lines came from in the source:
the line of an HTML file, the paragraph of a Word document, the page of a PDF, the chapter of an
EPUB. Text formats (.txt, .md, .mdx, .rst) need no table: their lines are the source's lines.

The format is chosen by content first (a zip holding word/document.xml is DOCX whatever its name,
`%PDF-` is PDF, an EPUB declares its mimetype) and by the file's extension otherwise.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from io import BytesIO

TEXT = "text"
HTML = "html"
DOCX = "docx"
PDF = "pdf"
EPUB = "epub"

SUFFIXES = {
    ".txt": TEXT,
    ".text": TEXT,
    ".md": TEXT,
    ".markdown": TEXT,
    ".mdx": TEXT,
    ".myst": TEXT,
    ".rst": TEXT,
    ".html": HTML,
    ".htm": HTML,
    ".xhtml": HTML,
    ".docx": DOCX,
    ".pdf": PDF,
    ".epub": EPUB,
}

# what one location number means, per format (README and messages say it this way)
UNITS = {TEXT: "line", HTML: "line", DOCX: "paragraph", PDF: "page", EPUB: "chapter"}


class ReaderError(Exception):
    """The file is of a known format but cannot be read; str() is the one-line reason."""


@dataclass(frozen=True)
class Read:
    """A reader's output: the text and, per text line, the source location it came from."""

    text: str
    encoding: str
    locations: tuple[int, ...] | None = None  # None: line i of the text is line i of the source
    unit: str = "line"


def sniff(path: str, data: bytes) -> str:
    """The format of a source, by its bytes first and its extension second."""
    head = data[:1024]
    if head.lstrip(b"\x00\t\r\n ").startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(BytesIO(data)) as archive:
                names = set(archive.namelist())
                if "word/document.xml" in names:
                    return DOCX
                if "mimetype" in names and archive.read("mimetype").strip() == b"application/epub+zip":
                    return EPUB
                if "META-INF/container.xml" in names:
                    return EPUB
        except (zipfile.BadZipFile, OSError, KeyError):
            pass
    suffix = path.lower().rsplit(".", 1)[-1] if "." in path.rsplit("/", 1)[-1] else ""
    kind = SUFFIXES.get("." + suffix)
    if kind is not None:
        return kind
    sample = head.lstrip().lower()
    if sample.startswith((b"<!doctype html", b"<html")) or (b"<html" in sample and b"<body" in data[:8192].lower()):
        return HTML
    return TEXT


def read(path: str, data: bytes, kind: str | None = None) -> Read | None:
    """The text of a non-text source, or None for a text format (decoded by ingest as before).
    Raises ReaderError with a one-line reason for a damaged, locked or image-only file."""
    kind = kind or sniff(path, data)
    if kind == HTML:
        from .html import read_html

        return read_html(data)
    if kind == DOCX:
        from .docx import read_docx

        return read_docx(data)
    if kind == PDF:
        from .pdf import read_pdf

        return read_pdf(data)
    if kind == EPUB:
        from .epub import read_epub

        return read_epub(data)
    return None


def join_break(left: str, right: str) -> str:
    """What goes between two pieces of one paragraph split by a line break: nothing between
    Chinese (or after an opening bracket), a space between Latin words."""
    if not left or not right:
        return ""
    a, b = left[-1], right[0]
    if _is_wide(a) or _is_wide(b) or a in "([{（【《“‘/-" or b in ")]}）】》”’,.;:!?，。；：！？、":
        return ""
    return " "


def _is_wide(ch: str) -> bool:
    code = ord(ch)
    return (
        0x2E80 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0xFF00 <= code <= 0xFFEF or 0x20000 <= code <= 0x3FFFF
    )
