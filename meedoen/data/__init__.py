"""Public data bundled with the package, so a fresh clone runs without outside files.

``cbs/``: unmodified CBS StatLine exports (CC BY 4.0, "Bron: CBS"); see ``cbs/README.md``.
"""

from pathlib import Path

CBS = Path(__file__).resolve().parent / "cbs"
