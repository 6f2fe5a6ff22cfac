"""Big dictionaries grouped by the first two characters of each word, built once into the cache folder,
read a group at a time.

Every lookup zhdoc makes in jieba's word list or in CC-CEDICT is for a word of the text being
looked at, so a process only needs the entries that start like the words it meets: the one
character of a one-character word, the first two of a longer one. Loading a whole dictionary
costs about a second per process (most of `zhdoc add` of one article); a group holds a handful
of entries, and a process loads only the groups its texts ask for.

The index file is a small header (the first characters, where each one's block starts, where the
whole-dictionary data is) and then one block per first character: a table of its second characters
('' for the one-character word) with where each group starts, and the marshalled groups. Opening
the file reads only the header and maps the rest; a block's table is read the first time one of
its groups is asked for, and only the groups asked for are unmarshalled. The file is rebuilt when
its source changes (the key names the source's size and mtime), and written atomically, so
processes that start together never read half a file.
"""

from __future__ import annotations

import marshal
import mmap
import os
import struct
from array import array
from bisect import bisect_left
from collections.abc import Callable
from pathlib import Path

FORMAT = 3
_MAGIC = b"ZHDX"
_PREAMBLE = struct.Struct("<4sIQ")  # magic, format, header length
_TABLE_LENGTH = struct.Struct("<I")  # at the start of a block: the length of its marshalled table
_ALONE = "\x00"  # the second character of a one-character word's group in a block's table


def cache_dir() -> Path:
    """~/.cache/zhdoc (or $XDG_CACHE_HOME/zhdoc); the temporary folder where that cannot be written."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = Path(base) / "zhdoc"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if os.access(folder, os.W_OK):
            return folder
    except OSError:
        pass
    import tempfile

    return Path(tempfile.gettempdir()) / f"zhdoc-cache-{os.getuid() if hasattr(os, 'getuid') else 'user'}"


def source_key(path: str) -> str:
    stat = os.stat(path)
    return f"{stat.st_size}-{stat.st_mtime_ns}"


class ShardedIndex:
    """Groups of a dictionary keyed by the first two characters of their words.

    `build` makes ({prefix: group}, extra) when there is no index file yet: prefix is a word's first
    two characters (its only one for a one-character word), extra is whole-dictionary data (a total,
    a small table) that `header` gives back."""

    def __init__(self, name: str, key: str, build: Callable[[], tuple[dict[str, object], object]]) -> None:
        self.path = cache_dir() / f"{name}-v{FORMAT}-{key}.index"
        self._build = build
        self._chars: str | None = None  # the first characters, sorted: block n is the n-th's
        self._offsets: array | None = None  # block n spans offsets[n]:offsets[n + 1] of the file
        self._data: mmap.mmap | bytes = b""
        self._base = 0  # where the blocks start in _data (after the header in the file)
        self._extra_span = (0, 0)
        self._blocks: dict[str, tuple[str, memoryview, int] | None] = {}
        self._extra: object = None
        self._extra_loaded = False

    def group(self, prefix: str) -> object | None:
        """The group of the words starting with `prefix` (one or two characters), or None."""
        if not prefix:
            return None
        first = prefix[0]
        block = self._blocks.get(first, False)
        if block is False:
            block = self._blocks[first] = self._block(first)
        if block is None:
            return None
        seconds, starts, base = block
        second = prefix[1:2]
        number = seconds.find(second or _ALONE) if second != _ALONE else -1
        if number < 0:
            return None
        return marshal.loads(self._data[base + starts[number] : base + starts[number + 1]])

    def header(self) -> object:
        """The whole-dictionary data the builder gave."""
        if not self._extra_loaded:
            self._open()
            start, end = self._extra_span
            self._extra = marshal.loads(self._data[self._base + start : self._base + end])
            self._extra_loaded = True
        return self._extra

    def _block(self, first: str) -> tuple[str, memoryview, int] | None:
        """(second characters, where their groups start and end, where the block starts) of a first character."""
        self._open()
        chars = self._chars
        number = bisect_left(chars, first)
        if number == len(chars) or chars[number] != first:
            return None
        start = self._base + self._offsets[number]
        (length,) = _TABLE_LENGTH.unpack_from(self._data, start)
        table = start + _TABLE_LENGTH.size
        seconds, starts = marshal.loads(self._data[table : table + length])
        return seconds, memoryview(starts).cast("I"), table + length

    def _open(self) -> None:
        if self._chars is not None:
            return
        try:
            self._read()
        except (OSError, EOFError, ValueError, TypeError, struct.error):
            self._create()

    def _read(self) -> None:
        with open(self.path, "rb") as handle:
            magic, version, length = _PREAMBLE.unpack(handle.read(_PREAMBLE.size))
            if magic != _MAGIC or version != FORMAT:
                raise ValueError("not an index of this format")
            chars, offsets, extra_span = marshal.loads(handle.read(length))
            data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        table = array("Q")
        table.frombytes(offsets)
        base = _PREAMBLE.size + length
        if len(table) != len(chars) + 1 or base + max(table[-1], extra_span[1]) != len(data):
            data.close()
            raise ValueError("truncated index")
        self._chars = chars
        self._offsets, self._data, self._base, self._extra_span = table, data, base, tuple(extra_span)

    def _create(self) -> None:
        """Build the index, save it, and serve from the built bytes (also when it cannot be saved)."""
        groups, extra = self._build()
        blocks: dict[str, dict[str, bytes]] = {}
        for prefix, group in groups.items():
            blocks.setdefault(prefix[0], {})[prefix[1:2] or _ALONE] = marshal.dumps(group)
        chars = "".join(sorted(blocks))
        bodies = [_block_body(blocks[char]) for char in chars]
        extra_blob = marshal.dumps(extra)
        offsets, position = array("Q"), 0
        for body in bodies:
            offsets.append(position)
            position += len(body)
        offsets.append(position)
        data = b"".join(bodies) + extra_blob
        extra_span = (position, position + len(extra_blob))
        header = marshal.dumps((chars, offsets.tobytes(), extra_span))
        self._save(_PREAMBLE.pack(_MAGIC, FORMAT, len(header)) + header, data)
        self._chars = chars
        self._offsets, self._data, self._extra_span = offsets, data, extra_span

    def _save(self, head: bytes, data: bytes) -> None:
        """The header, then the blocks and the extra data (their offsets count from the header's end)."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_suffix(f".{os.getpid()}.tmp")
            with open(temporary, "wb") as handle:
                handle.write(head)
                handle.write(data)
            os.replace(temporary, self.path)
        except OSError:
            pass  # no cache folder: build again next time


def _block_body(groups: dict[str, bytes]) -> bytes:
    """A block: the length of its table, the table (second characters, group offsets), the groups."""
    seconds = "".join(sorted(groups))
    starts, position = array("I"), 0
    for second in seconds:
        starts.append(position)
        position += len(groups[second])
    starts.append(position)
    table = marshal.dumps((seconds, starts.tobytes()))
    return _TABLE_LENGTH.pack(len(table)) + table + b"".join(groups[second] for second in seconds)
