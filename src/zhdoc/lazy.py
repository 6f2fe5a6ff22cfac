"""Packages whose names load on first use, so a process imports only the modules it needs."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any


def attribute_loader(package: str, where: dict[str, str], namespace: dict[str, Any]) -> Callable[[str], Any]:
    """A module `__getattr__` for `package`: `where` maps each exported name to its submodule; a
    loaded name is kept in the package's `namespace`, so it is looked up once."""

    def __getattr__(name: str) -> Any:
        if name in where:
            value = getattr(import_module(f".{where[name]}", package), name)
            namespace[name] = value
            return value
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__
