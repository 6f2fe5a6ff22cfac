"""Command-line values converted without pydantic, so every zhdoc process starts ~0.1 s sooner.

Typer (0.2x) converts each parameter of the command being run through a pydantic TypeAdapter,
built when the command runs: importing pydantic and building the adapters cost about a tenth of
a second in every zhdoc process, whatever the parameters are declared as (only flags that are
already booleans skip it). zhdoc's parameters are plain: str, list[str], int with a minimum, enums
of formats, flags. `install` gives Typer a converter that takes the values those parameters
receive when they are valid (a string, a list of strings, decimal digits in range, a choice) and
returns exactly what Typer's adapter returns for them; anything else (a bad value, a type zhdoc
does not use) goes to Typer's own adapter, so errors keep Typer's wording.

With a Typer whose internals differ (no per-parameter runtime converter), nothing is changed.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

_OTHER = object()  # not a plain value: Typer converts it


class _PlainValues:
    """The converter of one parameter: plain values here, the rest through Typer's adapter."""

    def __init__(self, descriptor: Any, build: Any, choose: Any) -> None:
        self.descriptor = descriptor
        self._build = build
        self._choose = choose
        self._typer: Any = None

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        multiple = param.multiple or param.nargs == -1
        if value is None:
            return () if multiple else None
        if not (multiple and isinstance(value, str)):
            plain = self._plain(value, ctx)
            if plain is not _OTHER:
                return plain
        if self._typer is None:
            self._typer = self._build(self.descriptor)
        return self._typer.coerce(value, param=param, ctx=ctx)

    def _plain(self, value: Any, ctx: Any) -> Any:
        descriptor = self.descriptor
        annotation, info = descriptor.annotation, descriptor.parameter_info
        if info.parser is not None or descriptor.file_annotation is not None:
            return _OTHER
        if annotation is str:
            return value if type(value) is str else _OTHER
        if annotation == list[str]:
            if isinstance(value, (list, tuple)) and all(type(item) is str for item in value):
                return list(value)
            return _OTHER
        if annotation is int:
            return _integer(value, info)
        if annotation is bool:
            return value if type(value) is bool else _OTHER
        if isinstance(annotation, type) and issubclass(annotation, Enum):
            try:
                return self._choose(value, choices=tuple(annotation), case_sensitive=info.case_sensitive, ctx=ctx)
            except ValueError:
                return _OTHER
        return _OTHER


def _integer(value: Any, info: Any) -> Any:
    """An int, or decimal digits, within the parameter's bounds (pydantic reads '007' as 7 too)."""
    if type(value) is int:
        number = value
    elif type(value) is str and value.isascii() and value.isdigit():
        number = int(value)
    else:
        return _OTHER
    if getattr(info, "clamp", False):
        return _OTHER
    if (info.min is not None and number < info.min) or (info.max is not None and number > info.max):
        return _OTHER
    return number


def install() -> bool:
    """Convert plain parameter values without pydantic; False when this Typer has no place for it."""
    try:
        from typer._coercion import build_runtime_param
        from typer._param_types import coerce_cli_choice
        from typer.core import _TyperParameter
    except ImportError:
        return False
    if not hasattr(_TyperParameter, "get_runtime_param"):
        return False

    def get_runtime_param(self: Any) -> Any:
        if getattr(self, "_runtime_param", None) is None:
            self._runtime_param = _PlainValues(self.type_descriptor, build_runtime_param, coerce_cli_choice)
        return self._runtime_param

    _TyperParameter.get_runtime_param = get_runtime_param
    return True
