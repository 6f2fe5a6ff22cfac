"""Big dictionaries split by first character, built once into the cache folder, read a shard at a time.

Every lookup zhdoc makes in jieba's word list or in CC-CEDICT is for a word that starts with a
character of the text being looked at, so a process only needs the entries that start with the
characters it has seen. Loading a whole dictionary costs about a second per process (most of
`zhdoc add` of one article); loading the shards an article needs costs a few milliseconds.

The index file is a marshalled {first character: marshalled shard}; the outer level holds only
bytes objects, so loading it is one read, and a shard is unmarshalled the first time a character
asks for it. It is rebuilt when its source changes (the key names the source's size and mtime).
"""

from __future__ import annotations

import marshal
import os
from collections.abc import Callable, Iterable
from pathlib import Path

FORMAT = 1


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
    """Shards of a dictionary keyed by first character; `build` makes {char: shard} when there is no index yet."""

    def __init__(self, name: str, key: str, build: Callable[[], tuple[dict[str, object], object]]) -> None:
        self.path = cache_dir() / f"{name}-v{FORMAT}-{key}.marshal"
        self._build = build
        self._shards: dict[str, bytes] | None = None
        self.extra: object = None  # whole-dictionary data the builder computed (a total, a small table)

    def _load(self) -> dict[str, bytes]:
        if self._shards is None:
            try:
                with open(self.path, "rb") as handle:
                    self._shards, self.extra = marshal.load(handle)
            except (OSError, EOFError, ValueError, TypeError):
                shards, self.extra = self._build()
                self._shards = {char: marshal.dumps(shard) for char, shard in shards.items()}
                self._save()
        return self._shards

    def _save(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_suffix(f".{os.getpid()}.tmp")
            with open(temporary, "wb") as handle:
                marshal.dump((self._shards, self.extra), handle)
            os.replace(temporary, self.path)
        except OSError:
            pass  # no cache folder: build again next time

    def shards(self, chars: Iterable[str]) -> Iterable[object]:
        """The shards of these first characters (those that have one)."""
        table = self._load()
        for char in chars:
            blob = table.get(char)
            if blob is not None:
                yield marshal.loads(blob)

    def shard(self, char: str) -> object | None:
        blob = self._load().get(char)
        return None if blob is None else marshal.loads(blob)

    def header(self) -> object:
        self._load()
        return self.extra
