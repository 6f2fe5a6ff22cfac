"""Aggregate term pairs into a corpus-wide glossary.

A Glossary is a sum: `merge` is associative and commutative, so per-document glossaries can
be combined in any grouping or order (parallel workers, incremental batches) with the same
result. Everything derived from the whole (display forms, acronym links, ranking) is computed
on read, never stored in a way that depends on merge order.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .models import KIND_ACRONYM, KIND_TERM, KINDS, TermPair, shared

# The term rules (fold_key, acronym forms) are imported where used: reading a stored glossary
# needs none of them.


@dataclass(frozen=True, order=True, slots=True)
class Evidence:
    doc: str
    line: int
    english: str
    pattern: str
    context: str
    original: str


@dataclass
class Rendering:
    chinese: str
    evidence: set[Evidence] = field(default_factory=set)
    originals: Counter = field(default_factory=Counter)
    regions: Counter = field(default_factory=Counter)
    uses: Counter = field(default_factory=Counter)  # doc -> uses anywhere in that document

    @property
    def glossed(self) -> int:
        return len(self.evidence)

    @property
    def use_count(self) -> int:
        return max(sum(self.uses.values()), self.glossed)

    @property
    def documents(self) -> list[str]:
        return sorted({e.doc for e in self.evidence} | {d for d, n in self.uses.items() if n})

    def merge(self, other: Rendering) -> Rendering:
        return Rendering(
            self.chinese,
            self.evidence | other.evidence,
            self.originals + other.originals,
            self.regions + other.regions,
            self.uses + other.uses,
        )


@dataclass
class Entry:
    key: str
    forms: Counter = field(default_factory=Counter)
    kinds: Counter = field(default_factory=Counter)
    renderings: dict[str, Rendering] = field(default_factory=dict)
    # suspects() as a termbase stored them (store.py); dropped whenever the entry changes
    known_suspects: dict[str, list[str]] | None = field(default=None, repr=False, compare=False)

    @property
    def english(self) -> str:
        """The form the text uses most (ties: the alphabetically first, for stable output)."""
        return sorted(self.forms.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]

    @property
    def kind(self) -> str:
        if not self.kinds:
            return KIND_TERM
        return sorted(self.kinds.items(), key=lambda kv: (-kv[1], KINDS.index(kv[0])))[0][0]

    def ranked(self) -> list[Rendering]:
        """Renderings by how often the text glosses them, then by use, then by text: a gloss is the
        author's choice, while uses count every occurrence of the string (语言模型 is used inside
        every 大语言模型 sentence that is not counted for the longer rendering, and in other senses)."""
        return sorted(self.renderings.values(), key=lambda r: (-r.glossed, -r.use_count, r.chinese))

    def suspects(self) -> dict[str, list[str]]:
        """Renderings a reviewer should look at first, with the reasons: one character, a piece of
        another rendering of the same term, or a leading verb that translates nothing of the English."""
        if self.known_suspects is not None:
            return self.known_suspects
        from .terms.suspect import suspect_reasons

        return {
            chinese: reasons
            for chinese in self.renderings
            if (reasons := suspect_reasons(chinese, list(self.forms), [c for c in self.renderings if c != chinese]))
        }

    def merge(self, other: Entry) -> Entry:
        renderings = dict(self.renderings)
        for chinese, rendering in other.renderings.items():
            renderings[chinese] = renderings[chinese].merge(rendering) if chinese in renderings else rendering
        return Entry(self.key, self.forms + other.forms, self.kinds + other.kinds, renderings)


@dataclass
class Glossary:
    entries: dict[str, Entry] = field(default_factory=dict)
    # related() and export.glossary_rows() as a termbase stored them (derived.py); dropped whenever
    # the glossary changes
    known_related: dict[str, list[str]] | None = field(default=None, repr=False, compare=False)
    known_rows: list[dict[str, object]] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def from_pairs(cls, pairs: Iterable[TermPair]) -> Glossary:
        glossary = cls()
        for pair in pairs:
            glossary.add(pair)
        return glossary

    def add(self, pair: TermPair, key: str | None = None) -> None:
        self.add_gloss(
            key or _fold_key(pair.english),
            pair.english,
            pair.chinese,
            pair.kind,
            pair.doc,
            pair.line,
            pair.pattern,
            pair.context,
            pair.original or pair.chinese,
            f"{pair.script}/{pair.region}",
        )

    def add_gloss(
        self,
        key: str,
        english: str,
        chinese: str,
        kind: str,
        doc: str,
        line: int,
        pattern: str,
        context: str,
        original: str,
        region: str,
    ) -> None:
        entries = self.entries  # first: a stored glossary decodes its known values with it
        self.known_related = self.known_rows = None
        entry = entries.get(key)
        if entry is None:
            entry = entries[key] = Entry(key)
        entry.known_suspects = None
        entry.forms[english] += 1
        entry.kinds[kind] += 1
        rendering = entry.renderings.get(chinese)
        if rendering is None:
            rendering = entry.renderings[chinese] = Rendering(chinese)
        context = shared(context)  # the same line glossing several pairs is kept once
        rendering.evidence.add(Evidence(doc, line, english, pattern, context, original))
        rendering.originals[original] += 1
        rendering.regions[region] += 1

    def update(self, other: Glossary) -> None:
        """In-place merge(): what a long batch uses, so the sum is not copied once per document."""
        entries = self.entries
        self.known_related = self.known_rows = None
        for key, entry in other.entries.items():
            mine = entries.get(key)
            if mine is None:
                entries[key] = entry
                continue
            mine.known_suspects = None
            mine.forms.update(entry.forms)
            mine.kinds.update(entry.kinds)
            for chinese, rendering in entry.renderings.items():
                target = mine.renderings.get(chinese)
                if target is None:
                    mine.renderings[chinese] = rendering
                else:
                    target.evidence |= rendering.evidence
                    target.originals.update(rendering.originals)
                    target.regions.update(rendering.regions)
                    target.uses.update(rendering.uses)

    def merge(self, other: Glossary) -> Glossary:
        entries = dict(self.entries)
        for key, entry in other.entries.items():
            entries[key] = entries[key].merge(entry) if key in entries else entry
        return Glossary(entries)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Glossary) and _canonical(self) == _canonical(other)

    # ---------------------------------------------------------------- uses

    def reconcile(self) -> None:
        """Corpus evidence for a boundary: a gloss whose rendering is the tail of a longer rendering the
        corpus glosses for the same English, where the text at that gloss has the longer one (every
        occurrence of the short string in the line lies inside the long one), is the long one's gloss.

        退法 glossed once for dropout, in a line that reads 暂退法, while another chapter glosses 暂退法:
        the evidence moves to 暂退法. It runs on the whole glossary (after every merge, before uses are
        counted), so `zhdoc add` of one article benefits from all earlier ones and merge stays a sum."""
        entries = self.entries
        self.known_related = self.known_rows = None
        for entry in entries.values():
            if len(entry.renderings) < 2:
                continue
            entry.known_suspects = None
            by_length = sorted(entry.renderings.values(), key=lambda r: (-len(r.chinese), r.chinese))
            for short in sorted(by_length, key=lambda r: (len(r.chinese), r.chinese)):
                longer = [
                    r for r in by_length if len(r.chinese) > len(short.chinese) and r.chinese.endswith(short.chinese)
                ]
                if not longer:
                    continue
                for evidence in sorted(short.evidence):
                    target = next((r for r in longer if _only_inside(evidence, short, r)), None)
                    if target is None:
                        continue
                    original = _longer_original(evidence, target)
                    short.evidence.discard(evidence)
                    short.originals[evidence.original] -= 1
                    region = short.regions.most_common(1)[0][0] if short.regions else ""
                    short.regions[region] -= 1
                    target.evidence.add(
                        Evidence(
                            evidence.doc,
                            evidence.line,
                            evidence.english,
                            evidence.pattern + "+corpus",
                            evidence.context,
                            original,
                        )
                    )
                    target.originals[original] += 1
                    target.regions[region] += 1
                short.originals = +short.originals
                short.regions = +short.regions
            for chinese in [c for c, r in entry.renderings.items() if not r.evidence]:
                del entry.renderings[chinese]
        self._drop_shared_renderings()

    def _drop_shared_renderings(self) -> None:
        """A Chinese string given for many unrelated English forms translates none of them: 数字 after
        ABS, ACOS, ATANH… in a function reference (ABS(数字)) names the argument, 可选 marks optional
        parameters. Acronyms and their long forms count once (they are one term)."""
        holders: dict[str, list[Entry]] = {}
        for entry in self.entries.values():
            for chinese in entry.renderings:
                holders.setdefault(chinese, []).append(entry)
        for chinese, entries in holders.items():
            if len(entries) < SHARED_RENDERING_LIMIT or _terms_among(entries) < SHARED_RENDERING_LIMIT:
                continue
            for entry in entries:
                del entry.renderings[chinese]
                entry.known_suspects = None
                if not entry.renderings:
                    del self.entries[entry.key]

    def renderings(self) -> set[str]:
        return {chinese for entry in self.entries.values() for chinese in entry.renderings}

    def record_uses(self, counts: Iterable[tuple[str, str, int]]) -> None:
        """Record (document, rendering, count) uses, glossed or not, through one index from
        rendering text to the entries that have it (a rendering can serve several terms)."""
        entries = self.entries
        self.known_rows = None
        holders: dict[str, list[Rendering]] = {}
        for entry in entries.values():
            for chinese, rendering in entry.renderings.items():
                holders.setdefault(chinese, []).append(rendering)
        for doc, chinese, count in counts:
            for rendering in holders.get(chinese, ()):
                if count:
                    rendering.uses[doc] = count
                else:
                    rendering.uses.pop(doc, None)

    # ---------------------------------------------------------------- reading

    def sorted_entries(self) -> list[Entry]:
        return sorted(self.entries.values(), key=lambda e: (-sum(r.use_count for r in e.renderings.values()), e.key))

    def lookup(self, english: str) -> Entry | None:
        return self.entries.get(_fold_key(english))

    def related(self) -> dict[str, list[str]]:
        """Acronym <-> long form links (LLM <-> Large Language Model), derived from the whole.

        Linked when both share a rendering and the acronym's letters are the initials of the long
        form's content words, in order (as Schwartz & Hearst match short and long forms).
        """
        if self.known_related is not None:
            return self.known_related
        from .terms.forms import acronym_letters, is_acronym

        links: dict[str, set[str]] = {}
        acronyms: list[Entry] = []
        long_forms: dict[str, list[Entry]] = {}  # rendering -> the long forms that have it
        for entry in self.entries.values():
            if is_acronym(entry.english):
                acronyms.append(entry)
            else:
                for chinese in entry.renderings:
                    long_forms.setdefault(chinese, []).append(entry)
        for short in acronyms:
            letters = acronym_letters(short.english).lower()
            sharing = {long.key: long for chinese in short.renderings for long in long_forms.get(chinese, ())}
            for long in sharing.values():
                if _initials_match(letters, long.english):
                    links.setdefault(short.key, set()).add(long.key)
                    links.setdefault(long.key, set()).add(short.key)
        return {key: sorted(value) for key, value in links.items()}


def _fold_key(english: str) -> str:
    from .terms.rules import fold_key

    return fold_key(english)


# Five unrelated English terms for one Chinese string: far past the synonyms a text glosses for one
# concept (样本 for example and sample), short of what an argument name collects in a reference.
SHARED_RENDERING_LIMIT = 5


def _terms_among(entries: list[Entry]) -> int:
    """Distinct terms among entries, an acronym and a long form it abbreviates counted once."""
    from .terms.forms import acronym_letters, is_acronym

    acronyms = [e for e in entries if is_acronym(e.english)]
    long_forms = [e for e in entries if not is_acronym(e.english)]
    paired = {
        a.key
        for a in acronyms
        if any(_initials_match(acronym_letters(a.english).lower(), e.english) for e in long_forms)
    }
    return len(entries) - len(paired)


def _forms_of(rendering: Rendering) -> list[str]:
    return sorted({rendering.chinese, *rendering.originals}, key=len, reverse=True)


def _only_inside(evidence: Evidence, short: Rendering, long: Rendering) -> bool:
    """Every occurrence of the short rendering in the gloss's line is the tail of the long one."""
    context = evidence.context
    short_forms = [f for f in _forms_of(short) if f in context]
    if not short_forms:
        return False
    long_forms = _forms_of(long)
    for form in short_forms:
        position = context.find(form)
        while position >= 0:
            end = position + len(form)
            if not any(context.startswith(lf, end - len(lf)) for lf in long_forms if end - len(lf) >= 0):
                return False
            position = context.find(form, position + 1)
    return True


def _longer_original(evidence: Evidence, long: Rendering) -> str:
    return next((form for form in _forms_of(long) if form in evidence.context), long.chinese)


def _initials_match(letters: str, long_form: str) -> bool:
    """Schwartz-Hearst style: every letter found, in order, each at a word start or inside a word."""
    from .terms.forms import english_content_words

    words = [w.lower() for w in re.findall(r"[A-Za-z]+", long_form)]
    content = english_content_words(long_form)
    if not content or letters[:1] != content[0][:1]:
        return False
    initials = "".join(w[0] for w in content)
    if letters == initials or letters == "".join(w[0] for w in words):
        return True
    # letters matched in order within the words (X-Risk ~ eXistential Risk, RepE ~ REPresentation Engineering)
    text = " ".join(words)
    position = 0
    for letter in letters:
        found = text.find(letter, position)
        if found < 0:
            return False
        position = found + 1
    return len(words) > 1 and content[-1][0] == letters[-1]


def _canonical(glossary: Glossary) -> list:
    result = []
    for key in sorted(glossary.entries):
        entry = glossary.entries[key]
        renderings = []
        for chinese in sorted(entry.renderings):
            r = entry.renderings[chinese]
            renderings.append(
                (
                    chinese,
                    sorted(r.evidence),
                    sorted(r.originals.items()),
                    sorted(r.regions.items()),
                    sorted((d, n) for d, n in r.uses.items() if n),
                )
            )
        result.append((key, sorted(entry.forms.items()), sorted(entry.kinds.items()), renderings))
    return result


def count_uses(text: str, renderings: Iterable[str] | RenderingMatcher) -> dict[str, int]:
    """Occurrences of each rendering in a text, longest match first, without overlaps.

    奖励破解 inside 欺骗性奖励破解 counts for the longer rendering only, the way a reader (and
    jieba with the glossary as user words) would split it. Pass `use_matcher(renderings)` when
    counting many texts.
    """
    matcher = renderings if isinstance(renderings, RenderingMatcher) else use_matcher(renderings)
    if matcher is None or not text:
        return {}
    return dict(Counter(matcher.findall(text)))


class RenderingMatcher:
    """Every rendering at once, leftmost-longest and without overlaps, in native code.

    An Aho-Corasick automaton (ahocorasick_rs) runs in time linear in the text whatever the number
    of renderings; the regular expression it replaced tried the renderings' first characters one
    by one at each position (30x slower on a 10 MB corpus with 1,900 renderings, same matches).
    Pickled as its word list (Dask ships it to workers) and rebuilt there.
    """

    def __init__(self, words: Iterable[str]) -> None:
        import ahocorasick_rs

        self.words = sorted({word for word in words if word})
        self._automaton = ahocorasick_rs.AhoCorasick(
            self.words, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest, store_patterns=True
        )

    def __reduce__(self):
        return (RenderingMatcher, (self.words,))

    def findall(self, text: str) -> list[str]:
        """The matched renderings, in text order."""
        return self._automaton.find_matches_as_strings(text)

    def finditer(self, text: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, rendering) of each match, in text order (string offsets)."""
        words = self.words
        for index, start, end in self._automaton.find_matches_as_indexes(text):
            yield start, end, words[index]

    def occurs_in(self, text: str) -> bool:
        return bool(self._automaton.find_matches_as_indexes(text))


def reconcile_for_uses(glossary: Glossary) -> RenderingMatcher | None:
    """Reconcile the whole glossary, and return the matcher its uses are counted with: over every
    rendering any pair glosses, as a termbase counts them (Termbase.renderings). The reconciled
    glossary leaves some out (a string given for many English forms), and their text must not
    count for shorter renderings."""
    glossed = glossary.renderings()
    glossary.reconcile()
    return use_matcher(glossed)


def use_matcher(renderings: Iterable[str]) -> RenderingMatcher | None:
    """One matcher for all renderings (None when there are none); the longest rendering wins at
    each position, as a reader would split 欺骗性奖励破解."""
    words = [word for word in renderings if word]
    return RenderingMatcher(words) if words else None


__all__ = ["Glossary", "Entry", "Rendering", "Evidence", "count_uses", "KIND_ACRONYM"]
