"""Where a document is: the name a termbase knows it by, independent of the working directory.

A file's key is its resolved path (symlinks followed), written relative to the termbase's folder
when it lies under it, so a termbase moved together with its articles still finds them, and
absolute otherwise. Text read from stdin has no path: its key is the name given with `--name`
(or `<stdin>`), and it is never judged "gone from disk".
"""

from __future__ import annotations

import os
from dataclasses import dataclass

STDIN_KEY = "<stdin>"
FILE, STDIN = "file", "stdin"  # a document's origin


@dataclass(frozen=True)
class Place:
    """The folder a termbase's relative keys are relative to."""

    folder: str

    @classmethod
    def of(cls, termbase: str) -> Place:
        """The folder of the termbase file itself (a symlinked termbase: its target's folder)."""
        return cls(os.path.dirname(os.path.realpath(termbase)))

    def key(self, path: str) -> str:
        """The key of a file given as `path` (relative to the current folder, or absolute)."""
        return self.key_of_real(os.path.realpath(path))

    def key_of_real(self, real: str) -> str:
        """The key of a file whose path is already resolved (os.path.realpath)."""
        inside = self.folder + os.sep
        if self.folder != os.sep:  # what relpath gives for resolved paths, without its string work
            if real.startswith(inside) and len(real) > len(inside):
                return real[len(inside) :]
            return real  # outside the folder (or the folder itself): kept absolute
        relative = os.path.relpath(real, self.folder)
        if relative == os.curdir or relative == os.pardir or relative.startswith(os.pardir + os.sep):
            return real
        return relative

    def absolute(self, key: str) -> str:
        """Where the file of a key is now."""
        return key if os.path.isabs(key) else os.path.join(self.folder, key)

    def exists(self, key: str) -> bool:
        return os.path.isfile(self.absolute(key))

    def under(self, key: str, folder: str) -> bool:
        """Is the file of `key` inside `folder` (a path given on the command line)?"""
        root = os.path.realpath(folder).rstrip(os.sep) + os.sep
        return self.absolute(key).startswith(root)


@dataclass(frozen=True)
class FileStat:
    """What the unchanged check can compare without reading a file: its size and mtime."""

    size: int
    mtime_ns: int

    @classmethod
    def of(cls, path: str) -> FileStat | None:
        try:
            info = os.stat(path)
        except OSError:
            return None
        return cls(info.st_size, info.st_mtime_ns)
