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


def _run_extract(paths: list[str], jobs: int | None):
    import time

    from .pipeline import Failure, extract

    progress = _progress()
    if progress is None:
        return extract(paths, jobs=jobs)
    started = time.monotonic()
    state = {"bytes": 0}
    with progress:
        task = progress.add_task("documents", total=None, mb=0.0, rate=0.0)

        def tick(outcome) -> None:
            if not isinstance(outcome, Failure):
                state["bytes"] += outcome.size
            elapsed = max(time.monotonic() - started, 1e-6)
            progress.update(task, advance=1, mb=state["bytes"] / 1e6, rate=state["bytes"] / 1e6 / elapsed)

        return extract(paths, jobs=jobs, on_document=tick)


def _report(result) -> int:
    for failure in result.skipped:
        _warn(str(failure))
    for failure in result.failures:
        _error(str(failure))
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


@app.command()
def extract(
    paths: list[str] = typer.Argument(..., help="Files, folders (recursive: .txt .md .markdown) or - for stdin."),
    fmt: GlossaryFormat | None = typer.Option(
        None, "--format", "-f", help="Output format [default: table on a terminal, csv in a pipe]."
    ),
    output: str | None = typer.Option(None, "--output", "-o", help="Write to FILE (atomically) instead of stdout."),
    excel: bool = typer.Option(False, "--excel", help="CSV/TSV: start with a UTF-8 BOM so Excel reads Chinese."),
    raw: bool = typer.Option(False, "--raw", help="CSV/TSV: do not neutralize cells that start with = + - @."),
    jobs: int | None = typer.Option(None, "--jobs", "-j", min=1, help="Worker processes [default: cores]."),
) -> None:
    """Build the English-Chinese glossary of the given articles.

    Examples:

      zhdoc extract corpus/

      zhdoc extract corpus/ --format csv > glossary.csv

      cat article.md | zhdoc extract - --format json
    """
    from .export import write_glossary

    result = _run_extract(paths, jobs)
    code = _report(result)
    if result.documents:
        chosen = _default_format(fmt)
        _write(output, excel and chosen in ("csv", "tsv"), lambda s: write_glossary(result, chosen, s, raw))
    raise typer.Exit(code)


@app.command()
def citations(
    paths: list[str] = typer.Argument(..., help="Files, folders or - for stdin."),
    fmt: CitationFormat | None = typer.Option(
        None, "--format", "-f", help="Output format [default: table on a terminal, csv in a pipe]."
    ),
    output: str | None = typer.Option(None, "--output", "-o", help="Write to FILE (atomically) instead of stdout."),
    raw: bool = typer.Option(False, "--raw", help="CSV: do not neutralize cells that start with = + - @."),
    jobs: int | None = typer.Option(None, "--jobs", "-j", min=1, help="Worker processes [default: cores]."),
) -> None:
    """List the works the articles cite, one record per work, deduplicated across documents.

    Examples:

      zhdoc citations corpus/

      zhdoc citations corpus/ --format bibtex -o refs.bib

      zhdoc citations corpus/ --format csl-json > refs.json
    """
    from .export import write_citations

    result = _run_extract(paths, jobs)
    code = _report(result)
    if result.documents:
        chosen = _default_format(fmt)
        works = result.citations.works()
        _write(output, False, lambda s: write_citations(works, chosen, s, raw))
    raise typer.Exit(code)


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
    _write(None, False, lambda s: s.write(normalized.text + "\n"))


@app.command()
def segment(path: str = typer.Argument(..., help="A file, or - for stdin.")) -> None:
    """Print the jieba segmentation, one line per input line, the glossary's Chinese terms kept whole.

    Example:

      zhdoc segment corpus/004_8e49c2069f069655.txt
    """
    from dataclasses import replace

    from .glossary import Glossary
    from .ingest import detect_script
    from .normalize import normalize_document
    from .segment import add_words, segment_line
    from .terms import mine_document

    document = _load_one(path)
    script, region = detect_script(document.text)
    normalized = normalize_document(replace(document, script=script, region=region))
    pairs, _ = mine_document(normalized)
    add_words(Glossary.from_pairs(pairs).renderings())
    _write(None, False, lambda s: s.writelines(segment_line(line.text) + "\n" for line in normalized.lines))


def main() -> None:
    app()
