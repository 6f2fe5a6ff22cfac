"""Find source files, read their bytes and turn them into Documents.

Decoding is explicit: a BOM decides; otherwise strict UTF-8, then the Chinese legacy encodings
(GB18030 covers GBK and GB2312; Big5), with charset-normalizer breaking ties. Nothing is decoded
with replacement characters behind the user's back: a file that does not decode is an error.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from fnmatch import fnmatch
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .models import SIMPLIFIED, TRADITIONAL, Document
from .readers import SUFFIXES, TEXT, UNITS, ReaderError, sniff

TEXT_SUFFIXES = {suffix for suffix, kind in SUFFIXES.items() if kind == TEXT}
STDIN = "-"

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_LATIN = re.compile(r"[A-Za-z]")


class IngestError(Exception):
    """A source that cannot be read as a Chinese text; str() is the one-line user message."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class NotChineseError(IngestError):
    """A readable text in another language: skipped with a warning, not a failure."""


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str


def supported(path: str | Path) -> bool:
    return Path(path).suffix.lower() in SUFFIXES


def _matches(relative: str, patterns: Iterable[str]) -> bool:
    """A glob matches the path relative to the scanned folder, or any tail of it (`*.pdf`,
    `drafts/*`, `**/chapter_*/*.md`)."""
    parts = relative.split("/")
    tails = ["/".join(parts[i:]) for i in range(len(parts))]
    for pattern in patterns:
        pattern = pattern.removeprefix("./")
        simple = pattern.replace("**/", "")
        if any(fnmatch(tail, pattern) or fnmatch(tail, simple) for tail in tails):
            return True
        if any(fnmatch(part, pattern.rstrip("/")) for part in parts[:-1]):  # a folder name
            return True
    return False


ORIGIN_TWIN = "English original of a translated file beside it (*_origin)"


def find_sources(
    paths: Iterable[str], include: Iterable[str] = (), exclude: Iterable[str] = ()
) -> Iterator[str | Skipped | IngestError]:
    """Expand files and folders (recursively, sorted) into source paths.

    Files named explicitly are always read; inside folders every supported format is taken
    (see readers.SUFFIXES), filtered by the `include` / `exclude` globs, and the rest is reported
    as skipped. `x_origin.md` beside `x.md` (the English twin of a translated book) is skipped."""
    include, exclude = tuple(include), tuple(exclude)
    for raw in paths:
        if raw == STDIN:
            yield STDIN
            continue
        path = Path(raw)
        if not path.exists():
            yield IngestError(raw, "no such file or folder")
        elif path.is_dir():
            found = False
            for child in sorted(path.rglob("*")):
                relative = child.relative_to(path)
                if not child.is_file() or any(part.startswith(".") for part in relative.parts):
                    continue
                name = relative.as_posix()
                if include and not _matches(name, include) or exclude and _matches(name, exclude):
                    continue
                if not supported(child):
                    yield Skipped(str(child), "not a supported format (" + " ".join(sorted(SUFFIXES)) + ")")
                    continue
                if child.stem.endswith("_origin") and _has_twin(child):
                    yield Skipped(str(child), ORIGIN_TWIN)
                    continue
                found = True
                yield str(child)
            if not found:
                yield IngestError(raw, "folder holds no supported documents (" + " ".join(sorted(SUFFIXES)) + ")")
        else:
            yield str(path)


def _has_twin(path: Path) -> bool:
    stem = path.stem.removesuffix("_origin")
    return any(path.with_name(stem + suffix).exists() for suffix in SUFFIXES)


def read_source(path: str) -> bytes:
    if path == STDIN:
        return sys.stdin.buffer.read()
    try:
        return Path(path).read_bytes()
    except PermissionError:
        raise IngestError(path, "permission denied") from None
    except IsADirectoryError:
        raise IngestError(path, "is a folder") from None
    except OSError as exc:
        raise IngestError(path, exc.strerror or str(exc)) from None


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def decode(path: str, data: bytes) -> tuple[str, str]:
    """Return (text, encoding name) or raise IngestError naming the problem."""
    if not data.strip():
        raise IngestError(path, "empty file" if not data else "file holds only whitespace")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise IngestError(path, f"invalid {encoding} after its byte-order mark ({exc.reason})") from None
    if b"\x00" in data:
        raise IngestError(path, "binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if _mostly_utf8(data):
        # a UTF-8 file with some bad bytes: say where, rather than read it as another encoding
        line = data[: utf8_error.start].count(b"\n") + 1
        raise IngestError(path, f"invalid UTF-8 at line {line} (byte {utf8_error.start}): mixed or damaged encoding")
    candidates = []
    for encoding in ("gb18030", "big5"):
        try:
            candidates.append((data.decode(encoding), encoding))
        except UnicodeDecodeError:
            continue
    if len(candidates) == 1:
        return candidates[0]
    if len(candidates) == 2:
        return _tie_break(data, candidates)
    valid = data[: utf8_error.start]
    if sum(1 for byte in valid[:100_000] if byte > 127) >= 60:
        line = valid.count(b"\n") + 1
        raise IngestError(
            path, f"mixed encodings: UTF-8 until line {line}, then bytes that are not (byte {utf8_error.start})"
        )
    raise IngestError(path, "cannot decode: not UTF-8, UTF-16, GB18030/GBK or Big5 (binary file?)")


def _mostly_utf8(data: bytes) -> bool:
    """Valid UTF-8 but for a few bytes (GBK or Big5 text read as UTF-8 fails on nearly every character)."""
    text = data.decode("utf-8", errors="replace")
    non_ascii = sum(1 for ch in text[:200_000] if ord(ch) > 127)
    return non_ascii > 0 and text.count("\ufffd") * 10 < non_ascii


def _tie_break(data: bytes, candidates: list[tuple[str, str]]) -> tuple[str, str]:
    """Bytes valid in both GB18030 and Big5: ask charset-normalizer which reads as language."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["gb18030", "big5"]).best()
    if best is not None:
        chosen = "big5" if "big5" in best.encoding else "gb18030"
        for text, encoding in candidates:
            if encoding == chosen:
                return text, encoding
    return candidates[0]


# Han characters in the prose that make a page Chinese whatever else it holds (about a page of prose)
PARTLY_CHINESE = 400


def detect_language(text: str) -> str:
    """ISO code of the main language; Chinese scripts give 'zh'.

    langdetect is seeded for determinism and fed the non-ASCII part of a Chinese-looking text,
    because long embedded English passages otherwise tip it over.
    """
    cjk = len(_CJK.findall(text[:200_000]))
    kana = len(_KANA.findall(text[:200_000]))
    hangul = len(_HANGUL.findall(text[:200_000]))
    latin = len(_LATIN.findall(text[:200_000]))
    if cjk + kana + hangul == 0:
        return _english(text) or (_langdetect(text) if latin else "unknown")
    if kana > cjk * 0.1:
        return "ja"
    if hangul > cjk:
        return "ko"
    if cjk < 0.05 * (latin + cjk):
        if kana == 0 and hangul == 0 and cjk >= PARTLY_CHINESE:
            return "zh"  # a partly translated page: its Chinese prose is worth mining, however much English
        return _english(text) or _langdetect(text)
    if kana == 0 and hangul == 0 and cjk >= 0.5 * (latin + cjk):
        return "zh"  # Han script with no kana or hangul: nothing for a statistical model to decide
    # a sample of the non-ASCII text decides: langdetect's cost grows with its input
    sample = re.sub(r"[\x00-\x7f]+", " ", text[:20_000])[:1_500]
    if kana == 0 and hangul == 0 and _han_dominates(sample):
        return "zh"  # a Chinese text full of English (code, formulas, names): no other script to weigh
    code = _langdetect(sample)
    return "zh" if code.startswith("zh") or code in ("ko", "vi") and cjk > hangul * 10 else code


@lru_cache(maxsize=1)
def _english_function_words() -> frozenset[str]:
    text = resources.files("zhdoc.terms").joinpath("data", "english_function_words.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def _english(text: str) -> str | None:
    """'en' for a text in Latin script whose words are at least one in five English function words
    (English prose runs about one in three; French, German or Spanish share few of these words);
    else None, and langdetect decides. It only names the language of a file that is skipped as
    not Chinese, and spares the ~0.5 s of loading langdetect's profiles for it."""
    words = re.findall(r"[A-Za-z]+", text[:20_000])
    if len(words) < 50:
        return None
    function_words = _english_function_words()
    common = sum(1 for word in words if word.lower() in function_words)
    return "en" if common >= 0.2 * len(words) else None


def _han_dominates(sample: str) -> bool:
    """Han characters are at least four in five of the letters of a non-ASCII sample.

    Without kana or hangul, Han characters are evidence for Chinese only (Japanese prose always has
    kana, Korean hangul), so langdetect could find another language in such a sample only in the
    other letters (accented Latin, Cyrillic, Greek, ...); when they are few, it answers Chinese, and
    loading its 55 profiles (about half a second) to hear that is not needed."""
    han = len(_CJK.findall(sample))
    letters = sum(1 for char in sample if char.isalpha())
    return han > 0 and han >= 0.8 * letters


def _langdetect(text: str) -> str:
    from langdetect import DetectorFactory, LangDetectException, detect

    DetectorFactory.seed = 0
    try:
        code = detect(text[:20_000])
    except LangDetectException:
        return "unknown"
    return "zh" if code.startswith("zh") else code


def detect_script(text: str) -> tuple[str, str]:
    """(script, region): simplified/mainland, or traditional/taiwan|hongkong.

    OpenCC decides: a traditional text changes under t2s, a simplified one does not; the region
    is whichever of s2tw / s2hk gives the original back more faithfully.
    """
    from .normalize import opencc_converter

    sample = "".join(_CJK.findall(text[:100_000]))[:5_000]
    if not sample:
        return SIMPLIFIED, "mainland"
    simplified = opencc_converter("t2s").convert(sample)
    if simplified == sample:
        return SIMPLIFIED, "mainland"
    changed = sum(1 for a, b in zip(sample, simplified, strict=False) if a != b)
    back = opencc_converter("s2t").convert(sample)
    changed_back = sum(1 for a, b in zip(sample, back, strict=False) if a != b)
    if changed <= changed_back or changed < max(2, len(sample) * 0.01):
        return SIMPLIFIED, "mainland"
    # the characters decide (綫, 裏 are Hong Kong's forms; 線, 裡 Taiwan's): Taiwan's phrase
    # conversion (程序 -> 程式) would count a Taiwan author's mainland word against Taiwan
    tw = opencc_converter("s2tw").convert(simplified)
    hk = opencc_converter("s2hk").convert(simplified)
    tw_score = sum(1 for a, b in zip(sample, tw, strict=False) if a == b)
    hk_score = sum(1 for a, b in zip(sample, hk, strict=False) if a == b)
    return TRADITIONAL, ("hongkong" if hk_score > tw_score else "taiwan")


def load_document(path: str, data: bytes | None = None, *, check_language: bool = True) -> Document:
    """Read, decode and classify one source. Raises IngestError / NotChineseError.

    HTML, DOCX, PDF and EPUB go through their reader (zhdoc.readers), which gives Markdown-like
    text and the source location of each of its lines; text formats are decoded as they are."""
    if data is None:
        data = read_source(path)
    name = "<stdin>" if path == STDIN else path
    kind = sniff(path if path != STDIN else "", data)
    locations = None
    if kind == TEXT:
        text, encoding = decode(path, data)
    else:
        from .readers import read

        if not data.strip():
            raise IngestError(path, "empty file")
        try:
            found = read(path, data, kind)
        except ReaderError as exc:
            raise IngestError(path, str(exc)) from None
        text, encoding, locations = found.text, found.encoding, found.locations
        if not text.strip():
            raise IngestError(path, f"no text in this {kind.upper()} file")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _looks_binary(text):
        raise IngestError(path, "binary file (control characters in the text)")
    document = Document(
        path=name,
        text=text,
        encoding=encoding,
        sha256=hashlib.sha256(data).hexdigest(),
        locations=locations,
        unit=UNITS[kind],
    )
    if not check_language:
        return document
    prose = prose_sample(text)
    language = detect_language(prose)
    if language != "zh":
        raise NotChineseError(name, f"not a Chinese text (detected language: {language}); skipped")
    script, region = detect_script(prose)
    return replace(document, language=language, script=script, region=region)


def prose_sample(text: str, limit: int = 200_000) -> str:
    """The prose of a text for language detection: code blocks, inline code, markup, URLs and
    link targets left out, so a Chinese tutorial full of English code is still Chinese."""
    from .normalize import prose_lines

    prose = "\n".join(prose_lines(text[:limit]))
    # a file of markup only (a toctree, a bibliography directive) is judged on all of it, as before
    return prose if re.search(r"[^\W\d_]", prose) else text[:limit]


def streamable(path: str) -> bool:
    """Very large files are streamed only when they are plain text (a reader needs the whole file)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(1024)
    except OSError:
        return False
    return sniff(path, head) == TEXT


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")


def _looks_binary(text: str) -> bool:
    sample = text[:65_536]
    controls = len(_CONTROL.findall(sample))
    return controls > max(8, len(sample) // 100)


# --------------------------------------------------------------------------- very large files

STREAM_THRESHOLD = 32 * 1024 * 1024  # bytes; larger files are read in blocks
STREAM_BLOCK = 1024 * 1024
PIECE_CHARS = 1_000_000


@dataclass(frozen=True)
class Piece:
    """A slice of a very large document: whole lines, or part of one very long line."""

    first_line: int
    text: str


def stream_document(path: str) -> tuple[Document, Iterator[Piece], object]:
    """Open a very large file for block-by-block processing with bounded memory.

    Returns the Document (its text is the first piece only), the pieces, and a hashlib object
    that holds the file's sha256 once the pieces are exhausted. The encoding is decided on the
    first block as `decode` would; language and script come from the first piece."""
    import codecs

    handle = open(path, "rb")  # noqa: SIM115 - closed by the generator below
    head = handle.read(STREAM_BLOCK)
    if not head.strip():
        handle.close()
        raise IngestError(path, "empty file" if not head else "file holds only whitespace")
    try:
        encoding = _stream_encoding(path, head)
    except IngestError:
        handle.close()
        raise
    decoder = codecs.getincrementaldecoder(encoding)()
    digest = hashlib.sha256()

    def blocks() -> Iterator[str]:
        data, line = head, 1
        with handle:
            while data:
                digest.update(data)
                try:
                    text = decoder.decode(data)
                except UnicodeDecodeError as exc:
                    where = line + text_lines(data[: exc.start])
                    raise IngestError(path, f"invalid {encoding} at line {where}: mixed or damaged encoding") from None
                line += text.count("\n")
                yield text.replace("\r\n", "\n").replace("\r", "\n")
                data = handle.read(STREAM_BLOCK)
            tail = decoder.decode(b"", final=True)
            if tail:
                yield tail

    pieces = _pieces(blocks())
    first = next(pieces)
    if _looks_binary(first.text):
        raise IngestError(path, "binary file (control characters in the text)")
    prose = prose_sample(first.text)
    language = detect_language(prose)
    if language != "zh":
        raise NotChineseError(path, f"not a Chinese text (detected language: {language}); skipped")
    script, region = detect_script(prose)
    document = Document(path, first.text, encoding, "", language, script, region)

    def all_pieces() -> Iterator[Piece]:
        yield first
        yield from pieces

    return document, all_pieces(), digest


def text_lines(data: bytes) -> int:
    return data.count(b"\n")


def _stream_encoding(path: str, head: bytes) -> str:
    """The encoding of a large file, from its first block (which may end inside a character)."""
    import codecs

    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    if b"\x00" in head:
        raise IngestError(path, "binary file (contains NUL bytes)")
    for encoding in ("utf-8", "gb18030", "big5"):
        try:
            codecs.getincrementaldecoder(encoding)().decode(head, final=False)
            return encoding
        except UnicodeDecodeError:
            continue
    return decode(path, head)[1]  # raises the precise error


def _pieces(blocks: Iterator[str]) -> Iterator[Piece]:
    """Regroup decoded blocks into pieces of whole lines, ending at a paragraph break where possible;
    a line longer than a piece is cut at a sentence end or space, and its parts keep the line's number."""
    buffer, line = "", 1
    for block in blocks:
        buffer += block
        while len(buffer) >= PIECE_CHARS:
            # at a blank line where there is one (a wrapped paragraph is joined whole), else a line end
            cut = buffer.rfind("\n\n", PIECE_CHARS // 2, PIECE_CHARS)
            cut = cut + 1 if cut >= 0 else buffer.rfind("\n", 0, PIECE_CHARS)
            if cut >= 0:
                cut += 1
            else:
                window = buffer[PIECE_CHARS - 2000 : PIECE_CHARS]
                soft = max(window.rfind(mark) for mark in ("。", "！", "？", ". ", " ", "；"))
                cut = PIECE_CHARS - 2000 + soft + 1 if soft >= 0 else PIECE_CHARS
            piece, buffer = buffer[:cut], buffer[cut:]
            yield Piece(line, piece)
            line += piece.count("\n")
    if buffer or line == 1:
        yield Piece(line, buffer)
