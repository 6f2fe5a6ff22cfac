"""The command line: option parsing and calls into the library, nothing else.

Heavy modules (jieba, OpenCC, langdetect, and the pipeline that uses them) are imported inside
the commands, so `zhdoc --help` stays fast.
"""

from __future__ import annotations

import sys
from enum import Enum

import typer

from . import __version__

app = typer.Typer(
    name="zhdoc",
    help=(
        "Bilingual glossaries and citations from Chinese technical writing.\n\n"
        "Examples:\n\n"
        "  zhdoc extract corpus/                          # table in a terminal, CSV in a pipe\n\n"
        "  zhdoc extract corpus/ --format csv > glossary.csv\n\n"
        "  zhdoc citations corpus/ --format bibtex -o refs.bib\n\n"
        "  zhdoc extract corpus/ --db terms.db            # keep a termbase; re-runs are incremental"
    ),
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
)


class GlossaryFormat(str, Enum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"
    jsonl = "jsonl"
    md = "md"
    tbx = "tbx"


class CitationFormat(str, Enum):
    table = "table"
    csv = "csv"
    csl_json = "csl-json"
    bibtex = "bibtex"
    ris = "ris"
    jsonl = "jsonl"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"zhdoc {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """zhdoc: mine English-Chinese glossaries and paper citations from Chinese articles."""


def _error(message: str) -> None:
    typer.echo(f"zhdoc: error: {message}", err=True)


def _warn(message: str) -> None:
    typer.echo(f"zhdoc: warning: {message}", err=True)


def _default_format(fmt):
    if fmt is not None:
        return fmt.value
    return "table" if sys.stdout.isatty() else "csv"


def _progress():
    """A rich progress bar on stderr, only when stderr is a terminal."""
    if not sys.stderr.isatty():
        return None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[mb]:.1f} MB"),
        TextColumn("{task.fields[rate]:.2f} MB/s"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    )


def _run_extract(
    paths: list[str],
    jobs: int | None,
    db: str | None = None,
    force: bool = False,
    want: tuple[str, ...] = ("segments", "citations"),
    include: list[str] | None = None,
    exclude: list[str] | None = None,
):
    """Run the pipeline (into a termbase when `db` is given); returns (result, batch report or None)."""
    import time

    from .pipeline import Failure, extract, extract_into
    from .store import TermbaseError

    globs = {"include": tuple(include or ()), "exclude": tuple(exclude or ())}

    def run(on_document=None):
        try:
            if db:
                return extract_into(
                    paths, db, jobs=jobs, force=force, on_document=on_document, want=want, **globs
                )
            return extract(paths, jobs=jobs, on_document=on_document, **globs), None
        except TermbaseError as exc:
            _error(str(exc))
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            rolled_back = "; the termbase batch was rolled back" if db else ""
            typer.echo(f"zhdoc: interrupted: nothing was written{rolled_back}", err=True)
            raise typer.Exit(130) from None

    progress = _progress()
    if progress is None:
        return run()
    started = time.monotonic()
    state = {"bytes": 0}
    with progress:
        task = progress.add_task("documents", total=None, mb=0.0, rate=0.0)

        def tick(outcome) -> None:
            if not isinstance(outcome, Failure):
                state["bytes"] += outcome.size
            elapsed = max(time.monotonic() - started, 1e-6)
            progress.update(task, advance=1, mb=state["bytes"] / 1e6, rate=state["bytes"] / 1e6 / elapsed)

        return run(tick)


def _load_db(db: str):
    from .pipeline import load_termbase
    from .store import TermbaseError

    try:
        return load_termbase(db)
    except TermbaseError as exc:
        _error(str(exc))
        raise typer.Exit(1) from None


def skip_warnings(skipped) -> list[str]:
    """One warning per skipped file, but one line for a reason shared by several files (the English
    *_origin twins of a translated book, images in a documentation folder)."""
    from .ingest import ORIGIN_TWIN

    by_reason: dict[str, list[str]] = {}
    for failure in skipped:
        by_reason.setdefault(failure.reason, []).append(failure.path)
    lines = []
    for reason, paths in by_reason.items():
        if len(paths) >= 3 or reason == ORIGIN_TWIN:
            example = paths[0] + (", ..." if len(paths) > 1 else "")
            lines.append(f"{len(paths)} file(s) skipped: {reason} ({example})")
        else:
            lines.extend(f"{path}: {reason}" for path in paths)
    return lines


def _report(result, batch=None, batch_to_stdout: bool = False, quiet: bool = False) -> int:
    """Warnings and errors on stderr (the batch report on stdout for `add`); the exit code.
    `quiet`: errors only."""
    for line in [] if quiet else skip_warnings(result.skipped):
        _warn(line)
    for failure in result.failures:
        _error(str(failure))
    if result.failures or result.skipped and not quiet:
        typer.echo(
            f"zhdoc: {len(result.documents)} document(s) read, {len(result.failures)} failed, "
            f"{len(result.skipped)} skipped",
            err=True,
        )
    if batch is not None:
        for line in batch.lines():
            typer.echo(line, err=not batch_to_stdout)
    if not result.documents:
        if not result.failures:
            _error("no Chinese articles among the inputs")
        return 1
    return 1 if result.failures else 0


def _write(path: str | None, bom: bool, writer) -> None:
    from .export import OutputError, atomic_output

    try:
        with atomic_output(path, bom=bom) as stream:
            writer(stream)
    except OutputError as exc:
        _error(str(exc))
        raise typer.Exit(1) from None
    except BrokenPipeError:
        sys.stderr.close()
        raise typer.Exit(1) from None


FORMAT_HELP = "Output format [default: table on a terminal, csv in a pipe]."
INCLUDE_HELP = "In folders, read only files matching this glob (repeatable): --include '*.md'."
EXCLUDE_HELP = "In folders, leave out files matching this glob (repeatable): --exclude 'drafts/*'."
QUIET_HELP = "No warnings about skipped files; errors only."
PATHS_HELP = "Files, folders (recursive: .txt .md .mdx .rst .html .docx .pdf .epub) or - for stdin."
JOBS_HELP = "Worker processes [default: number of cores]."


@app.command()
def extract(
    paths: list[str] = typer.Argument(..., help=PATHS_HELP),
    fmt: GlossaryFormat | None = typer.Option(None, "--format", "-f", help=FORMAT_HELP),
    output: str | None = typer.Option(None, "--output", "-o", help="Write to FILE (atomically) instead of stdout."),
    excel: bool = typer.Option(False, "--excel", help="CSV/TSV: start with a UTF-8 BOM so Excel reads Chinese."),
    raw: bool = typer.Option(False, "--raw", help="CSV/TSV: do not neutralize cells that start with = + - @."),
    jobs: int | None = typer.Option(None, "--jobs", "-j", min=1, help=JOBS_HELP),
    db: str | None = typer.Option(None, "--db", help="Keep results in this SQLite termbase; re-runs are incremental."),
    force: bool = typer.Option(False, "--force", help="With --db: process unchanged documents again."),
    include: list[str] | None = typer.Option(None, "--include", help=INCLUDE_HELP),
    exclude: list[str] | None = typer.Option(None, "--exclude", help=EXCLUDE_HELP),
    quiet: bool = typer.Option(False, "--quiet", "-q", help=QUIET_HELP),
) -> None:
    """Build the English-Chinese glossary of the given articles.

    Examples:

      zhdoc extract corpus/

      zhdoc extract corpus/ --format csv > glossary.csv

      cat article.md | zhdoc extract - --format json

      zhdoc extract corpus/ --db terms.db     # glossary of the whole termbase; batch report on stderr
    """
    from .export import write_glossary

    chosen = _default_format(fmt)
    want = ("segments", "citations") if chosen == "json" else ()
    result, batch = _run_extract(paths, jobs, db, force, want, include, exclude)
    code = _report(result, batch, quiet=quiet)
    if result.documents:
        _write(output, excel and chosen in ("csv", "tsv"), lambda s: write_glossary(result, chosen, s, raw))
    raise typer.Exit(code)


@app.command()
def citations(
    paths: list[str] | None = typer.Argument(None, help="Files, folders or - for stdin."),
    fmt: CitationFormat | None = typer.Option(None, "--format", "-f", help=FORMAT_HELP),
    output: str | None = typer.Option(None, "--output", "-o", help="Write to FILE (atomically) instead of stdout."),
    raw: bool = typer.Option(False, "--raw", help="CSV: do not neutralize cells that start with = + - @."),
    jobs: int | None = typer.Option(None, "--jobs", "-j", min=1, help=JOBS_HELP),
    db: str | None = typer.Option(None, "--db", help="Termbase: store PATHs in it first, or export it alone."),
    include: list[str] | None = typer.Option(None, "--include", help=INCLUDE_HELP),
    exclude: list[str] | None = typer.Option(None, "--exclude", help=EXCLUDE_HELP),
    quiet: bool = typer.Option(False, "--quiet", "-q", help=QUIET_HELP),
) -> None:
    """List the works the articles cite, one record per work, deduplicated across documents.

    Examples:

      zhdoc citations corpus/

      zhdoc citations corpus/ --format bibtex -o refs.bib

      zhdoc citations corpus/ --format csl-json > refs.json

      zhdoc citations --db terms.db --format ris
    """
    from .export import write_citations

    if not paths and not db:
        _error("give PATHs to read, or --db to export a termbase")
        raise typer.Exit(2)
    if paths:
        result, batch = _run_extract(paths, jobs, db, want=("citations",), include=include, exclude=exclude)
        code = _report(result, batch, quiet=quiet)
    else:
        result, code = _load_db(db), 0
    if result.documents:
        chosen = _default_format(fmt)
        works = result.citations.works()
        _write(output, False, lambda s: write_citations(works, chosen, s, raw))
    raise typer.Exit(code)


@app.command()
def add(
    paths: list[str] = typer.Argument(..., help="New articles: files, folders or - for stdin."),
    db: str = typer.Option(..., "--db", help="The termbase to add them to (created if missing)."),
    force: bool = typer.Option(False, "--force", help="Process documents again even if unchanged."),
    jobs: int | None = typer.Option(None, "--jobs", "-j", min=1, help=JOBS_HELP),
    include: list[str] | None = typer.Option(None, "--include", help=INCLUDE_HELP),
    exclude: list[str] | None = typer.Option(None, "--exclude", help=EXCLUDE_HELP),
    quiet: bool = typer.Option(False, "--quiet", "-q", help=QUIET_HELP),
) -> None:
    """Add articles to a termbase and report what the batch brought: new terms, new renderings of
    known terms, and renderings that now compete with an established one.

    Example:

      zhdoc add new-articles/ --db terms.db
    """
    result, batch = _run_extract(paths, jobs, db, force, want=(), include=include, exclude=exclude)
    raise typer.Exit(_report(result, batch, batch_to_stdout=True, quiet=quiet))


@app.command()
def glossary(
    db: str = typer.Option(..., "--db", help="The termbase to export."),
    fmt: GlossaryFormat | None = typer.Option(None, "--format", "-f", help=FORMAT_HELP),
    output: str | None = typer.Option(None, "--output", "-o", help="Write to FILE (atomically) instead of stdout."),
    excel: bool = typer.Option(False, "--excel", help="CSV/TSV: start with a UTF-8 BOM so Excel reads Chinese."),
    raw: bool = typer.Option(False, "--raw", help="CSV/TSV: do not neutralize cells that start with = + - @."),
) -> None:
    """Export the glossary of a termbase, in the same formats and columns as extract.

    Example:

      zhdoc glossary --db terms.db --format csv > glossary.csv
    """
    from .export import write_glossary

    result = _load_db(db)
    chosen = _default_format(fmt)
    _write(output, excel and chosen in ("csv", "tsv"), lambda s: write_glossary(result, chosen, s, raw))


@app.command()
def show(
    term: str = typer.Argument(..., help="An English form (any case, singular or plural) or a Chinese rendering."),
    db: str = typer.Option(..., "--db", help="The termbase to look in."),
    width: int = typer.Option(12, "--width", min=2, help="Characters of context on each side."),
) -> None:
    """Print one glossary entry: every rendering, and a keyword-in-context line for each use
    (* marks the places where the text glosses it).

    Example:

      zhdoc show "scaling laws" --db terms.db
    """
    from .pipeline import keyword_in_context
    from .store import Termbase, TermbaseError

    try:
        with Termbase(db, readonly=True) as base:
            lines = keyword_in_context(base, term, width)
    except TermbaseError as exc:
        _error(str(exc))
        raise typer.Exit(1) from None
    if lines is None:
        _error(f"{term}: not in the termbase")
        raise typer.Exit(1)
    _write(None, False, lambda s: s.writelines(line + "\n" for line in lines))


def _load_one(path: str):
    from .ingest import IngestError, load_document

    try:
        return load_document(path, check_language=False)
    except IngestError as exc:
        _error(str(exc))
        raise typer.Exit(1) from None


@app.command()
def normalize(path: str = typer.Argument(..., help="A file, or - for stdin.")) -> None:
    """Print the text as the miners see it: markup removed, widths folded, traditional to simplified.

    Example:

      zhdoc normalize article.md
    """
    from dataclasses import replace

    from .ingest import detect_script
    from .normalize import normalize_document

    document = _load_one(path)
    script, region = detect_script(document.text)
    normalized = normalize_document(replace(document, script=script, region=region))
    text = normalized.text
    _write(None, False, lambda s: s.write(text if text.endswith("\n") else text + "\n"))


@app.command()
def segment(path: str = typer.Argument(..., help="A file, or - for stdin.")) -> None:
    """Print the jieba segmentation, one line per input line, the glossary's Chinese terms kept whole.

    Example:

      zhdoc segment corpus/004_8e49c2069f069655.txt
    """
    from dataclasses import replace

    from .glossary import Glossary, use_pattern
    from .ingest import detect_script
    from .normalize import normalize_document
    from .segment import add_words, segment_line
    from .terms import mine_document

    document = _load_one(path)
    script, region = detect_script(document.text)
    normalized = normalize_document(replace(document, script=script, region=region))
    pairs, _ = mine_document(normalized)
    renderings = Glossary.from_pairs(pairs).renderings()
    add_words(renderings)
    keep = use_pattern(renderings)
    lines = list(normalized.lines)
    if lines and not lines[-1].original:
        lines.pop()  # the text ended with a newline
    _write(None, False, lambda s: s.writelines(segment_line(line.text, keep) + "\n" for line in lines))


def main() -> None:
    app()
