"""The armoedeval: where more gross income gives less disposable income, and which schemes cause it."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class PovertyTrap:
    """A range of gross income over which disposable income falls, in cents per month."""

    gross_from: int
    gross_to: int
    loss: int  # disposable income lost over the range
    causes: tuple[tuple[str, int], ...]  # (component, amount it fell by), largest first


MIN_LOSS = 100  # cents: smaller dips come from the toeslagen's rounding to whole euros


def find_poverty_traps(
    gross: np.ndarray, disposable: np.ndarray, components: dict[str, np.ndarray], min_loss: int = MIN_LOSS
) -> list[PovertyTrap]:
    """Every maximal run of steps in which disposable income falls, losing at least ``min_loss``
    cents in all, with the components that fell over that run (the schemes that cause it)."""
    falls = np.diff(disposable) < 0
    traps = []
    i, n = 0, len(falls)
    while i < n:
        if not falls[i]:
            i += 1
            continue
        j = i
        while j + 1 < n and falls[j + 1]:
            j += 1
        start, end = i, j + 1
        causes = sorted(
            ((name, int(values[start] - values[end])) for name, values in components.items()),
            key=lambda c: -c[1],
        )
        loss = int(disposable[start] - disposable[end])
        if loss >= min_loss:
            traps.append(
                PovertyTrap(
                    gross_from=int(gross[start]),
                    gross_to=int(gross[end]),
                    loss=loss,
                    causes=tuple(c for c in causes if c[1] > 0),
                )
            )
        i = j + 1
    return traps
