"""What some local parameter files must hold beyond the generic schema, checked when they load.

A product of a bijzondere-bijstand product list without a price, or a draagkracht rule without its
percentage, would otherwise load and make the check silently count nothing: it fails loading instead,
naming the file and the missing key. Kept free of the engine so the loader can import it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from meedoen.rules.errors import ParameterFileError

# Files whose every entry (a child node) must hold these names: file stem -> names.
REQUIRED_PER_ENTRY: dict[str, tuple[str, ...]] = {
    "bijzondere_bijstand_producten": ("prijs", "draagkracht"),
}
# Nodes that, where a file has them, must hold these names: file stem -> node -> names.
REQUIRED_IN_NODE: dict[str, dict[str, tuple[str, ...]]] = {
    "bijzondere_bijstand": {"draagkracht": ("inkomensgrens", "percentage", "periode_maanden")},
}
_META = ("description", "metadata")


def _require(node: Any, names: tuple[str, ...], key: str, file: str, what: str) -> None:
    if not isinstance(node, Mapping) or "values" in node:
        raise ParameterFileError(file, key, f"{what} is a node with {', '.join(names)}, not a single value")
    for name in names:
        if name not in node:
            raise ParameterFileError(file, f"{key}.{name}", f"missing: {what} needs {', '.join(names)}")


def check_local_file(data: Any, path: str, file: str) -> None:
    """Raise :class:`ParameterFileError` (file and key named) where a required name is missing."""
    stem = path.rsplit(".", 1)[-1]
    if not isinstance(data, Mapping):
        return
    if stem in REQUIRED_PER_ENTRY:
        for name, entry in data.items():
            if name not in _META:
                _require(entry, REQUIRED_PER_ENTRY[stem], f"{path}.{name}", file, "a product")
    for node, names in REQUIRED_IN_NODE.get(stem, {}).items():
        if node in data:
            _require(data[node], names, f"{path}.{node}", file, f"a {node} rule")
