"""The library's notices (a termbase migrated, one file stored under two names): to the handler an
application sets (the command line prints them on stderr), else to the `logging` module's "zhdoc"
logger, imported only when there is something to say (importing it costs ~20 ms of every process,
and most runs have nothing to say)."""

from __future__ import annotations

from collections.abc import Callable

Handler = Callable[[str, bool], None]  # (message, is a warning)

_handler: Handler | None = None


def set_handler(handler: Handler | None) -> None:
    global _handler
    _handler = handler


def notice(message: str, warning: bool = False) -> None:
    if _handler is not None:
        _handler(message, warning)
        return
    import logging

    logging.getLogger("zhdoc").log(logging.WARNING if warning else logging.INFO, message)
