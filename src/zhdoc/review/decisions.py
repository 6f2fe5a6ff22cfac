"""The review table: one row per (English term, Chinese rendering) a person or an import decided on.

It lives in the termbase beside the mined data but is never written by a batch, so decisions survive
every later `add`/`extract --db`. It is created with CREATE TABLE IF NOT EXISTS the first time a
termbase is opened for review, which needs no schema version change: older zhdoc ignores it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..glossary import Glossary
    from ..store import Termbase

UNREVIEWED = "unreviewed"
PREFERRED = "preferred"
ADMITTED = "admitted"
DEPRECATED = "deprecated"
STATUSES = (UNREVIEWED, PREFERRED, ADMITTED, DEPRECATED)

TABLE = """
CREATE TABLE IF NOT EXISTS review (
    english_key TEXT NOT NULL,
    english TEXT NOT NULL,
    chinese TEXT NOT NULL,
    status TEXT NOT NULL,
    traditional TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL DEFAULT '',
    part_of_speech TEXT NOT NULL DEFAULT '',
    definition TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT 'review',
    simplified INTEGER NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (english_key, chinese)
)
"""

COLUMNS = (
    "english_key, english, chinese, status, traditional, kind, part_of_speech, definition, note, source, simplified"
)


class ReviewError(Exception):
    """A decision that cannot be made (unknown term or rendering); str() is the user message."""


@dataclass(frozen=True)
class Decision:
    key: str
    english: str
    chinese: str  # the simplified form, as the glossary keys renderings
    status: str
    traditional: str = ""  # the form traditional-script text (Taiwan, Hong Kong) writes, when known
    kind: str = ""
    part_of_speech: str = ""
    definition: str = ""
    note: str = ""
    source: str = "review"  # review, or the file an import read it from
    simplified: bool = True  # False: only traditional-script text writes it (an import's zh-TW-only term)


class Decisions:
    """The decisions of one termbase. Opened writable, it creates its table when missing."""

    def __init__(self, base: Termbase, *, writable: bool = True) -> None:
        self.base = base
        self.available = True
        if writable:
            try:
                base.db.execute(TABLE)
            except sqlite3.DatabaseError as exc:
                from ..store import TermbaseError

                raise TermbaseError(f"{base.path}: {exc}") from None
        else:
            self.available = bool(
                base.db.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='review'").fetchone()
            )

    def all(self) -> dict[str, dict[str, Decision]]:
        """english key -> rendering -> decision."""
        result: dict[str, dict[str, Decision]] = {}
        if not self.available:
            return result
        for row in self.base.db.execute(f"SELECT {COLUMNS} FROM review ORDER BY english_key, chinese"):
            decision = Decision(*row[:-1], simplified=bool(row[-1]))
            result.setdefault(decision.key, {})[decision.chinese] = decision
        return result

    def save(self, decisions: Iterable[Decision]) -> int:
        """Insert or replace decisions, all in one transaction; returns how many."""
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        rows = [
            (
                d.key,
                d.english,
                d.chinese,
                d.status,
                d.traditional,
                d.kind,
                d.part_of_speech,
                d.definition,
                d.note,
                d.source,
                int(d.simplified),
                now,
            )
            for d in decisions
        ]
        with self.base.transaction():
            self.base.db.executemany(
                f"INSERT OR REPLACE INTO review ({COLUMNS}, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
        return len(rows)

    # ------------------------------------------------------------ the review commands

    def resolve(self, glossary: Glossary, term: str, key: str | None = None) -> tuple[str, str, list[str]]:
        """(english key, display form, known renderings) of TERM (or of the entry with `key`)."""
        from ..terms.rules import fold_key  # the term rules load only where a term is looked up

        key = key or fold_key(term)
        known = self.all().get(key, {})
        entry = glossary.entries.get(key)
        if entry is None and not known:
            raise ReviewError(f"{term}: not in the termbase")
        english = entry.english if entry is not None else next(iter(known.values())).english
        renderings = [r.chinese for r in entry.ranked()] if entry is not None else []
        renderings += [c for c in known if c not in renderings]
        return key, english, renderings

    def find_rendering(self, renderings: list[str], rendering: str, english: str) -> str:
        """The known rendering meant by RENDERING, written in simplified or traditional characters."""
        if rendering in renderings:
            return rendering
        from ..normalize import normalize_text

        for region in ("taiwan", "hongkong", "mainland"):
            simplified = normalize_text(rendering, "traditional", region)
            if simplified in renderings:
                return simplified
        raise ReviewError(f"{rendering}: not a rendering of {english} (known: {'、'.join(renderings) or 'none'})")

    def decide(
        self, glossary: Glossary, term: str, rendering: str, status: str, key: str | None = None
    ) -> list[tuple[str, str, str]]:
        """Set one status; `preferred` also deprecates every other rendering not admitted.
        Returns the (rendering, old status, new status) changes."""
        if status not in STATUSES:
            raise ReviewError(f"{status}: not a status ({', '.join(STATUSES)})")
        key, english, renderings = self.resolve(glossary, term, key)
        chinese = self.find_rendering(renderings, rendering, english)
        known = self.all().get(key, {})
        entry = glossary.entries.get(key)
        kind = entry.kind if entry is not None else ""

        def current(c: str) -> str:
            return known[c].status if c in known else UNREVIEWED

        wanted = {chinese: status}
        if status == PREFERRED:
            for other in renderings:
                if other != chinese and current(other) != ADMITTED:
                    wanted[other] = DEPRECATED
        changes, decisions = [], []
        for c, new in wanted.items():
            old = current(c)
            if old == new:
                continue
            changes.append((c, old, new))
            base = known.get(c)
            decisions.append(
                Decision(key, english, c, new, kind=kind, source="review")
                if base is None
                else Decision(
                    key,
                    base.english,
                    c,
                    new,
                    base.traditional,
                    base.kind or kind,
                    base.part_of_speech,
                    base.definition,
                    base.note,
                    base.source,
                    base.simplified,
                )
            )
        self.save(decisions)
        return changes


def reviewed_renderings_report(
    decisions: dict[str, dict[str, Decision]], new_renderings: Iterable[tuple[str, str]]
) -> list[str]:
    """Lines naming the new renderings of terms the team has already reviewed, for the batch report."""
    from ..terms.rules import fold_key

    lines = []
    for english, chinese in new_renderings:
        known = decisions.get(fold_key(english), {})
        if chinese in known or not known:
            continue
        preferred = [d.chinese for d in known.values() if d.status == PREFERRED]
        lines.append(f"  {english}: {chinese}" + (f" (preferred: {'、'.join(preferred)})" if preferred else ""))
    if lines:
        lines.insert(0, f"new renderings of reviewed terms ({len(lines)}), not yet reviewed:")
    return lines
