"""Letters a municipality can send: HTML and PDF from one template, the letterhead per municipality
as data, and readable case numbers. Used for decisions and objection decisions alike.

``from meedoen.web.letters import render_letter, case_number, Letter`` works; the names are loaded
on first use, because Django imports this package before its models may be imported.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__all__ = ["Letter", "case_number", "render_letter"]
_WHERE = {"Letter": "rendering", "render_letter": "rendering", "case_number": "numbering"}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(import_module(f"{__name__}.{_WHERE[name]}"), name)
    raise AttributeError(name)
