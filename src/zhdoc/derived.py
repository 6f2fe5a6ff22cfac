"""The termbase's glossary as computed from its pairs and uses, stored in table `derived`.

Reading a glossary from a termbase rebuilds it from every pair, reconciles it, records every use,
and the writers then link acronyms, flag suspects and build the rows of the CSV: on a termbase of a
thousand articles that is most of a re-run of an unchanged corpus. Stored once per change instead
(store.py drops them when pairs, uses or document keys change), a re-run decodes what it needs: the
CSV of an unchanged termbase is written from its stored rows without decoding the glossary.

The encoding is JSON (never pickle: a termbase is shared between people, and loading it must not
run code), zlib-compressed, and keeps every dict and Counter in its iteration order, so a decoded
glossary is the computed one, down to the order a writer would meet its entries in.

The stamp names the code that computed it: zhdoc's version and the size and mtime of every file of
the package, so an upgrade, or an edit of the package while developing, computes it again. (Not
the version of the CC-CEDICT package the suspect flags look verbs up in: after upgrading that
alone, `--force` re-mines, which recomputes everything.)
"""

from __future__ import annotations

import json
import os
import zlib
from collections import Counter
from hashlib import sha256

from . import __version__
from .glossary import Entry, Evidence, Glossary, Rendering
from .models import shared

FORMAT = "1"  # the layout below; bump it when it changes
_STAMP: str | None = None


def stamp() -> str:
    """What the stored glossary must have been computed by: this format, this zhdoc, these files."""
    global _STAMP
    if _STAMP is None:
        root = os.path.dirname(os.path.abspath(__file__))
        digest = sha256(f"{FORMAT}\0{__version__}".encode())
        for folder, subfolders, files in os.walk(root):
            subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
            for name in sorted(files):
                try:
                    info = os.stat(os.path.join(folder, name))
                except OSError:
                    continue
                digest.update(f"\0{os.path.relpath(os.path.join(folder, name), root)}\0{info.st_size}\0".encode())
                digest.update(str(info.st_mtime_ns).encode())
        _STAMP = digest.hexdigest()
    return _STAMP


class Rows(list):
    """Glossary rows as stored, with the CSV they make (a re-run writes it as it is: the csv module
    costs more than the rest of a re-run's output)."""

    csv: str | None = None


def encode_rows(glossary: Glossary) -> bytes:
    """export.glossary_rows() of the glossary (one row per English form and rendering), and its CSV."""
    import io

    from .export import GLOSSARY_COLUMNS, glossary_rows, write_delimited

    rows = glossary_rows(glossary)
    text = io.StringIO()
    write_delimited(rows, GLOSSARY_COLUMNS, text)
    columns = list(rows[0]) if rows else []
    data = {"columns": columns, "rows": [[row[column] for column in columns] for row in rows], "csv": text.getvalue()}
    glossary.known_rows = _rows(rows, data["csv"])
    return zlib.compress(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 1)


def decode_rows(blob: bytes) -> Rows:
    data = json.loads(zlib.decompress(blob))
    columns = data["columns"]
    return _rows([dict(zip(columns, values, strict=True)) for values in data["rows"]], data.get("csv"))


def _rows(rows: list[dict[str, object]], text: str | None) -> Rows:
    result = Rows(rows)
    result.csv = text
    return result


class StoredGlossary(Glossary):
    """A stored glossary decoded when first looked into: writing the CSV from stored rows does not."""

    def __init__(self, blob: bytes, rows: list[dict[str, object]] | None) -> None:  # no super(): lazy
        self._blob = blob
        self.known_rows = rows

    def __getattr__(self, name: str):
        if name != "entries":
            raise AttributeError(name)
        decoded, _ = decode(self._blob)
        self.entries = decoded.entries
        if self.known_related is None:
            self.known_related = decoded.known_related
        return self.entries

    def related(self) -> dict[str, list[str]]:
        self.entries  # noqa: B018 -- decodes the stored links with the entries
        return super().related()


def encode(glossary: Glossary, with_suspects: bool) -> bytes:
    """The glossary with its acronym links (and suspect flags, when asked); both are kept on the
    glossary too, so the caller's writer does not compute them again."""
    related = glossary.related()
    glossary.known_related = related
    docs: dict[str, int] = {}
    for entry in glossary.entries.values():  # every document named, numbered in the order first met
        for r in entry.renderings.values():
            for name in (*(e.doc for e in r.evidence), *r.uses):
                if name not in docs:
                    docs[name] = len(docs)

    uses: dict[str, list[int]] = {}  # uses are counted per rendering text: stored once per text
    first: dict[str, Rendering] = {}  # the rendering whose uses are stored for its text
    entries = []
    for entry in glossary.entries.values():
        suspects = None
        if with_suspects:
            suspects = entry.suspects()
            entry.known_suspects = suspects
        renderings = []
        for r in entry.renderings.values():
            held = first.setdefault(r.chinese, r)
            if held is r:
                uses[r.chinese] = [value for d, n in r.uses.items() for value in (docs[d], n)]
            shared_uses = held is r or list(held.uses.items()) == list(r.uses.items())
            renderings.append(
                [
                    r.chinese,
                    [[docs[e.doc], e.line, e.english, e.pattern, e.context, e.original] for e in r.evidence],
                    list(r.originals.items()),
                    list(r.regions.items()),
                    r.chinese if shared_uses else [value for d, n in r.uses.items() for value in (docs[d], n)],
                ]
            )
        entries.append([entry.key, list(entry.forms.items()), list(entry.kinds.items()), renderings, suspects])
    data = {"docs": list(docs), "uses": uses, "entries": entries, "related": related, "suspects": with_suspects}
    return zlib.compress(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 1)


def _counter(pairs: list) -> Counter:
    counter: Counter = Counter.__new__(Counter)  # Counter() only calls update(); skipped, as are its checks
    dict.update(counter, pairs)  # in their order
    return counter


def decode(blob: bytes) -> tuple[Glossary, bool]:
    """The stored glossary, and whether it carries the suspect flags."""
    data = json.loads(zlib.decompress(blob))
    docs = data["docs"]
    by_text: dict[str, dict[str, int]] = {}
    for chinese, flat in data["uses"].items():
        by_text[chinese] = {docs[d]: n for d, n in zip(flat[::2], flat[1::2], strict=True)}
    glossary = Glossary()
    for key, forms, kinds, renderings, suspects in data["entries"]:
        entry = Entry(key, _counter(forms), _counter(kinds))
        for chinese, evidence, originals, regions, uses in renderings:
            entry.renderings[chinese] = Rendering(
                chinese,
                {
                    Evidence(docs[d], line, english, pattern, shared(context), original)
                    for d, line, english, pattern, context, original in evidence
                },
                _counter(originals),
                _counter(regions),
                Counter(by_text[uses])
                if isinstance(uses, str)
                else _counter({docs[d]: n for d, n in zip(uses[::2], uses[1::2], strict=True)}),
            )
        entry.known_suspects = suspects
        glossary.entries[key] = entry
    glossary.known_related = data["related"]
    return glossary, bool(data["suspects"])
