"""Normalized texts kept compressed while a batch runs, and read back in line-aligned pieces.

Counting a rendering's uses needs every document's text after the mining pass; holding the
texts would make memory grow with the corpus, so they wait zlib-compressed (in a spool file, or
a file of their own for very large documents) and are decompressed a block at a time.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .glossary import RenderingMatcher, count_uses


@dataclass(frozen=True)
class SpoolFile:
    """A document's normalized text, zlib-compressed in a temporary file (very large documents)."""

    path: str


def iter_text(source: bytes | str | SpoolFile, block: int = 1 << 20) -> Iterator[str]:
    """Decompress a stored normalized text in pieces that end at line ends (bounded memory)."""
    import zlib

    decompressor = zlib.decompressobj()

    def raw_blocks() -> Iterator[bytes]:
        if isinstance(source, SpoolFile):
            with open(source.path, "rb") as handle:
                yield from iter(lambda: handle.read(block), b"")
        else:
            data = source.encode("utf-8") if isinstance(source, str) else source
            for start in range(0, len(data), block):
                yield data[start : start + block]

    pending = b""
    for chunk in raw_blocks():
        pending += decompressor.decompress(chunk)
        newline = pending.rfind(b"\n")
        if newline < 0 and len(pending) < 4 * block:
            continue
        end = newline + 1 if newline >= 0 else len(pending) - 4
        while newline < 0 and end > 0 and (pending[end] & 0xC0) == 0x80:
            end -= 1  # a very long line: never cut inside a UTF-8 character
        text, pending = pending[:end].decode("utf-8"), pending[end:]
        yield text
    pending += decompressor.flush()
    if pending:
        yield pending.decode("utf-8")


def count_document(payload: bytes | str | SpoolFile, matcher: RenderingMatcher | None) -> dict[str, int]:
    """Uses of every rendering in one document, from its spooled normalized text."""
    if matcher is None:
        return {}
    counts: dict[str, int] = {}
    for text in iter_text(payload):
        for chinese, n in count_uses(text, matcher).items():
            counts[chinese] = counts.get(chinese, 0) + n
    return counts
