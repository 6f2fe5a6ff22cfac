"""Terminology QA of new articles against the team's decisions, as Xbench and Verifika check
translations: uses of deprecated renderings, English terms glossed with a rendering the termbase
does not know, and one term rendered two ways inside one article.

Articles are read and normalized as `extract` reads them (traditional text is matched through its
simplified conversion), and every finding points at the original text: file:line:column (1-based,
in characters) and the rendering as written there.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import IO

from .review.concepts import Concept
from .review.decisions import DEPRECATED, PREFERRED
from .terms import fold_key

DEPRECATED_USE = "deprecated"
UNKNOWN_RENDERING = "unknown-rendering"
INCONSISTENT = "inconsistent"
CONTEXT_WIDTH = 20


@dataclass(frozen=True)
class Finding:
    kind: str  # deprecated, unknown-rendering, inconsistent
    path: str
    line: int
    column: int
    term: str  # the English term
    found: str  # the rendering as the article writes it
    preferred: str  # what to write instead ('' when the termbase has no usable rendering)
    context: str
    message: str

    def text(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.kind}: {self.message}  | {self.context}"


@dataclass
class CheckResult:
    findings: list[Finding] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (path, reason): unreadable inputs


class Checker:
    """The decisions in a form that is fast to match: one longest-match matcher over every known
    rendering, and per rendering the concepts that hold it and with which status."""

    def __init__(self, concepts: Iterable[Concept]) -> None:
        from .glossary import use_matcher

        self.concepts = {c.key: c for c in concepts}
        self.holders: dict[str, list[tuple[Concept, str]]] = {}
        for concept in self.concepts.values():
            for term in concept.terms:
                self.holders.setdefault(term.chinese, []).append((concept, term.status))
        self.matcher = use_matcher(self.holders)

    def deprecated_for(self, chinese: str) -> Concept | None:
        """The concept that deprecates this rendering, unless another concept holds it undeprecated
        (语言模型 deprecated for LLM is still the rendering of language model); a gloss of the
        deprecated concept's English in the article is reported all the same."""
        holders = self.holders.get(chinese, [])
        for concept, status in holders:
            if status != DEPRECATED:
                continue
            # an acronym and its full form are one concept: the unreviewed LLM does not shield the
            # Large Language Model's decision
            same = {concept.key, *concept.related}
            if not any(s != DEPRECATED and other.key not in same for other, s in holders):
                return concept
        return None

    def check_document(self, normalized, pairs) -> list[Finding]:
        path = normalized.document.path
        findings: dict[tuple[int, int, str], Finding] = {}
        lines = {line.number: line for line in normalized.lines}
        # every use of a rendering the termbase knows: (concept key -> rendering -> first place)
        used: dict[str, dict[str, tuple[int, int]]] = {}
        for line in normalized.lines:
            if not line.text or self.matcher is None:
                continue
            for start, end, chinese in self.matcher.finditer(line.text):
                for concept, _ in self.holders[chinese]:
                    used.setdefault(concept.key, {}).setdefault(chinese, (line.number, start))
                concept = self.deprecated_for(chinese)
                if concept is not None:
                    finding = self._finding(DEPRECATED_USE, path, line, start, end, concept)
                    findings[(line.number, finding.column, DEPRECATED_USE)] = finding
        glossed: dict[str, set[str]] = {}
        for pair in pairs:
            concept = self.concepts.get(fold_key(pair.english))
            if concept is None:
                continue
            glossed.setdefault(concept.key, set()).add(pair.chinese)
            line = lines.get(pair.line)
            start = line.text.find(pair.chinese) if line else -1
            if line is None or start < 0:
                continue
            status = next((t.status for t in concept.terms if t.chinese == pair.chinese), None)
            if status is None and any(pair.chinese.endswith(t.chinese) for t in concept.terms):
                continue  # a gloss span that ran too far left (研究人员发现扩展定律): the known rendering is the use
            kind = UNKNOWN_RENDERING if status is None else DEPRECATED_USE if status == DEPRECATED else None
            if kind is not None:
                finding = self._finding(kind, path, line, start, start + len(pair.chinese), concept)
                findings.setdefault((line.number, finding.column, DEPRECATED_USE), finding)
        for key, renderings in used.items():
            concept = self.concepts[key]
            # a rendering counts for this concept when only it holds that rendering, or the article glosses it so
            own = {
                c: place for c, place in renderings.items() if len(self.holders[c]) == 1 or c in glossed.get(key, set())
            }
            if len(own) < 2:
                continue
            ordered = sorted(own.items(), key=lambda item: item[1])
            # the anchor is the preferred rendering when the article uses it, else the first one used
            preferred = {t.chinese for t in concept.terms if t.status == PREFERRED}
            anchor = next((item for item in ordered if item[0] in preferred), ordered[0])
            anchor_chinese, (anchor_line, _) = anchor
            for chinese, (number, start) in ordered:
                if chinese == anchor_chinese:
                    continue
                line = lines[number]
                finding = self._finding(INCONSISTENT, path, line, start, start + len(chinese), concept)
                if (number, finding.column, DEPRECATED_USE) in findings:
                    continue  # already reported as a deprecated use: one finding per place
                decided = bool(preferred) and finding.preferred != ""
                message = (
                    f"{concept.english} is rendered both {anchor_chinese} (line {anchor_line}) and "
                    f"{finding.found} here" + (f"; preferred: {finding.preferred}" if decided else "")
                )
                findings[(number, finding.column, INCONSISTENT)] = _with(
                    finding, message=message, preferred=finding.preferred if decided else ""
                )
        return sorted(findings.values(), key=lambda f: (f.line, f.column, f.kind))

    def _finding(self, kind: str, path: str, line, start: int, end: int, concept: Concept) -> Finding:
        preferred_term = concept.preferred
        preferred = ""
        if preferred_term is not None and preferred_term.status != DEPRECATED:
            preferred = preferred_term.chinese
            if line.original_span(start, end) != line.text[start:end] and preferred_term.traditional:
                preferred = preferred_term.traditional[0]  # a traditional article gets the traditional form
        column = line.source_index(start) + 1
        found = line.original_span(start, end) or line.text[start:end]
        left = line.original[max(0, column - 1 - CONTEXT_WIDTH) : column - 1]
        right = line.original[column - 1 + len(found) : column - 1 + len(found) + CONTEXT_WIDTH]
        context = f"{left}【{found}】{right}".strip()
        if kind == DEPRECATED_USE:
            message = f"{found} is deprecated for {concept.english}" + (f"; use {preferred}" if preferred else "")
        else:
            known = "、".join(t.chinese for t in concept.terms if t.status != DEPRECATED) or "none"
            message = f"{concept.english} glossed as {found}, which the termbase does not know (known: {known})"
        return Finding(kind, path, line.number, column, concept.english, found, preferred, context, message)


def _with(finding: Finding, **changes) -> Finding:
    return Finding(**{**asdict(finding), **changes})


def check_paths(paths: list[str], concepts: Iterable[Concept]) -> CheckResult:
    """Check every article under PATHs (files, folders, - for stdin)."""
    from dataclasses import replace

    from .ingest import IngestError, Skipped, detect_script, find_sources, load_document
    from .normalize import normalize_document
    from .terms import mine_document

    checker = Checker(concepts)
    result = CheckResult()
    for item in find_sources(paths):
        if isinstance(item, Skipped):
            continue
        if isinstance(item, IngestError):
            result.failures.append((item.path, item.reason))
            continue
        try:
            document = load_document(item, check_language=False)
        except IngestError as exc:
            result.failures.append((exc.path, exc.reason))
            continue
        script, region = detect_script(document.text)
        normalized = normalize_document(replace(document, script=script, region=region))
        pairs, _ = mine_document(normalized)
        result.checked.append(document.path)
        result.findings.extend(checker.check_document(normalized, pairs))
    return result


def write_check(result: CheckResult, fmt: str, stream: IO[str]) -> None:
    counts = {kind: 0 for kind in (DEPRECATED_USE, UNKNOWN_RENDERING, INCONSISTENT)}
    for finding in result.findings:
        counts[finding.kind] += 1
    if fmt == "json":
        json.dump(
            {
                "checked": result.checked,
                "findings": [asdict(f) for f in result.findings],
                "counts": counts,
                "failures": [{"path": p, "reason": r} for p, r in result.failures],
            },
            stream,
            ensure_ascii=False,
            indent=2,
        )
        stream.write("\n")
    elif fmt == "junit":
        write_junit(result, stream)
    else:
        for finding in result.findings:
            stream.write(finding.text() + "\n")


def summary(result: CheckResult) -> str:
    kinds = {}
    for finding in result.findings:
        kinds[finding.kind] = kinds.get(finding.kind, 0) + 1
    detail = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items()))
    return f"{len(result.checked)} article(s) checked, {len(result.findings)} finding(s)" + (
        f" ({detail})" if detail else ""
    )


def write_junit(result: CheckResult, stream: IO[str]) -> None:
    """JUnit XML as CI servers read it: one test case per article, failed when it has findings."""
    import xml.etree.ElementTree as ET

    by_path: dict[str, list[Finding]] = {path: [] for path in result.checked}
    for finding in result.findings:
        by_path.setdefault(finding.path, []).append(finding)
    failed = sum(1 for findings in by_path.values() if findings)
    suite = ET.Element(
        "testsuite",
        {
            "name": "zhdoc check",
            "tests": str(len(by_path) + len(result.failures)),
            "failures": str(failed),
            "errors": str(len(result.failures)),
        },
    )
    for path, findings in by_path.items():
        case = ET.SubElement(suite, "testcase", {"classname": "terminology", "name": path})
        if findings:
            failure = ET.SubElement(
                case, "failure", {"message": f"{len(findings)} terminology finding(s)", "type": "terminology"}
            )
            failure.text = "\n".join(f.text() for f in findings)
    for path, reason in result.failures:
        case = ET.SubElement(suite, "testcase", {"classname": "terminology", "name": path})
        ET.SubElement(case, "error", {"message": reason})
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    wrapper = ET.Element("testsuites")
    wrapper.append(suite)
    ET.indent(wrapper)
    stream.write(ET.tostring(wrapper, encoding="unicode") + "\n")
