"""The armoedeval: where more gross income gives less disposable income, and which schemes cause it."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

NET = "income_net_month"  # the earned part of disposable income: what the extra gross adds


@dataclass(frozen=True)
class PovertyTrap:
    """A range of gross income over which disposable income falls, in cents per month.

    ``extra_net`` is what the household's own net income rose by over the range. A scheme whose
    loss alone exceeds that extra net income *causes* the trap (without it, disposable income would
    have fallen all the same); the other schemes that fell only ``contribute``. When no single
    scheme's loss exceeds the extra net income, the schemes that fell cause it together and all of
    them are in ``causes`` (``together`` is then true).
    """

    gross_from: int
    gross_to: int
    loss: int  # disposable income lost over the range
    causes: tuple[tuple[str, int], ...]  # (component, amount it fell by), largest first
    extra_net: int = 0
    contributing: tuple[tuple[str, int], ...] = ()
    together: bool = False


MIN_LOSS = 100  # cents: dips up to this come from the toeslagen rounding to whole euros


def attribute(
    components: dict[str, np.ndarray], start: int, end: int
) -> tuple[int, tuple[tuple[str, int], ...], tuple[tuple[str, int], ...], bool]:
    """Extra net income over ``start..end`` and the schemes that cause / contribute to the fall."""
    extra_net = int(components[NET][end] - components[NET][start]) if NET in components else 0
    fell = sorted(
        (
            (name, int(values[start] - values[end]))
            for name, values in components.items()
            if name != NET and values[start] > values[end]
        ),
        key=lambda c: -c[1],
    )
    alone = tuple(c for c in fell if c[1] > max(extra_net, 0))
    if alone:
        return extra_net, alone, tuple(c for c in fell if c not in alone), False
    return extra_net, tuple(fell), (), True


def find_poverty_traps(
    gross: np.ndarray, disposable: np.ndarray, components: dict[str, np.ndarray], min_loss: int = MIN_LOSS
) -> list[PovertyTrap]:
    """Every maximal run of steps in which disposable income falls, losing more than ``min_loss``
    cents in all (a dip of one euro is the toeslagen rounding to whole euros), with the schemes
    that cause it (see :class:`PovertyTrap`)."""
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
        loss = int(disposable[start] - disposable[end])
        if loss > min_loss:
            extra_net, causes, contributing, together = attribute(components, start, end)
            traps.append(
                PovertyTrap(
                    gross_from=int(gross[start]),
                    gross_to=int(gross[end]),
                    loss=loss,
                    causes=causes,
                    extra_net=extra_net,
                    contributing=contributing,
                    together=together,
                )
            )
        i = j + 1
    return traps
