"""Plain data classes: the contracts between the pipeline stages.

Every stage takes and returns these, so each can be used (and tested) on its own and the
per-document results can be shipped between worker processes or stored in the termbase.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SIMPLIFIED = "simplified"
TRADITIONAL = "traditional"

KIND_TERM = "term"
KIND_ACRONYM = "acronym"
KIND_PERSON = "person"
KIND_ORGANIZATION = "organization"
KINDS = (KIND_TERM, KIND_ACRONYM, KIND_PERSON, KIND_ORGANIZATION)


@dataclass(frozen=True)
class Document:
    """One decoded source text, before normalization."""

    path: str
    text: str
    encoding: str
    sha256: str
    language: str = "zh"
    script: str = SIMPLIFIED
    region: str = "mainland"
    # where each line of `text` came from, for formats whose lines are not the source's lines
    # (None: line i is line i of the file): an HTML source line, a DOCX paragraph, a PDF page, an
    # EPUB chapter, as `unit` says
    locations: tuple[int, ...] | None = None
    unit: str = "line"

    def location(self, line: int) -> int:
        """The source location (as `unit` says) of line `line` of the text."""
        if not self.locations:
            return line
        return self.locations[min(max(line, 1), len(self.locations)) - 1]


MARK_EMPHASIS = "emphasis"  # *x*, _x_, <em>, <i>
MARK_STRONG = "strong"  # **x**, __x__, <strong>, <b>
MARK_UNDERLINE = "underline"  # <u>, <ins>, <mark>
MARK_DEFINITION = "definition"  # <def>, <dfn>
MARK_CODE = "code"  # `x`, <code>, <kbd>, <samp>, <var>
MARK_LINK = "link"  # [text](url), <a>
TERM_MARKS = frozenset([MARK_EMPHASIS, MARK_STRONG, MARK_UNDERLINE, MARK_DEFINITION])


@dataclass(frozen=True, slots=True)
class Mark:
    """A markup span the author wrote, in normalized-line offsets: the author's own boundary of a
    term (*过拟合*（overfitting）) or a sign that the text is not prose (`train_iter`)."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class NormalizedLine:
    """A line as the miners see it, with the way back to the original."""

    number: int
    original: str
    text: str
    # text[i] came from original[origin[i]]; None when text maps one to one onto original
    origin: tuple[int, ...] | None = None
    marks: tuple[Mark, ...] = ()
    # a paragraph hard-wrapped over several source lines is one NormalizedLine (the lines after the
    # first are left empty): `joined` holds the offsets in `original` where source lines
    # number + 1, number + 2, ... begin
    joined: tuple[int, ...] = ()

    def line_at(self, index: int) -> int:
        """The source line of text[index] (the line where a gloss starts, in a joined paragraph)."""
        if not self.joined or index < 0:
            return self.number
        from bisect import bisect_right

        source = self.source_index(min(index, len(self.text) - 1)) if self.text else 0
        return self.number + bisect_right(self.joined, source)

    def source_index(self, index: int) -> int:
        return index if self.origin is None else self.origin[index]

    def original_span(self, start: int, end: int) -> str:
        """The original surface form behind text[start:end]."""
        if start >= end or (self.origin is not None and end > len(self.origin)):
            return ""
        return self.original[self.source_index(start) : self.source_index(end - 1) + 1]


@dataclass(frozen=True)
class NormalizedDocument:
    document: Document
    lines: tuple[NormalizedLine, ...]
    # citation keys the markup names (:cite:`Vaswani.Shazeer.Parmar.ea.2017`, {cite}`key`), as
    # (line, key): data for the citations stage, never text for the miners
    cite_keys: tuple[tuple[int, str], ...] = ()

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass(frozen=True, slots=True)
class TermPair:
    """One gloss: a place where the text ties an English form to a Chinese rendering."""

    english: str
    chinese: str
    kind: str
    doc: str
    line: int
    pattern: str
    context: str
    original: str = ""  # the rendering as written in the source (traditional stays traditional)
    script: str = SIMPLIFIED
    region: str = "mainland"


@dataclass(frozen=True)
class Segment:
    """A bilingual heading or quoted sentence with its translation: not a glossary item."""

    english: str
    chinese: str
    doc: str
    line: int


@dataclass(frozen=True, slots=True)
class Occurrence:
    doc: str
    line: int
    raw: str


@dataclass
class Citation:
    """A cited work, close to CSL-JSON; occurrences say where it was cited."""

    title: str
    authors: list[tuple[str, str]] = field(default_factory=list)  # (family, given)
    year: int | None = None
    container: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    arxiv: str = ""
    doi: str = ""
    url: str = ""
    style: str = ""
    type_marker: str = ""
    scholarly: bool = True
    publisher: str = ""
    place: str = ""
    number: str = ""  # report, patent, standard or archive number (档号)
    kind: str = ""  # CSL item type when the parser knows it (book, chapter, thesis, standard...)
    et_al: bool = False  # the source truncated the author list ("et al.", "等")
    occurrences: list[Occurrence] = field(default_factory=list)


@dataclass
class DocumentResult:
    """Everything mined from one document: the unit that is merged, cached and stored."""

    path: str
    sha256: str
    encoding: str
    language: str
    script: str
    region: str
    pairs: list[TermPair] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    size: int = 0
    pair_count: int = 0
    citation_count: int = 0

    def summary(self) -> DocumentResult:
        """The document's metadata without its mined items: what a corpus result keeps per document."""
        return DocumentResult(
            self.path,
            self.sha256,
            self.encoding,
            self.language,
            self.script,
            self.region,
            size=self.size,
            pair_count=len(self.pairs) or self.pair_count,
            citation_count=len(self.citations) or self.citation_count,
        )


_SHARED: dict[str, str] = {}


def shared(text: str) -> str:
    """One string object for equal texts (a line glossing several pairs, a line cited twice)."""
    if len(_SHARED) > 500_000:
        _SHARED.clear()
    return _SHARED.setdefault(text, text)
