"""The hand-written NumPy peer in ``bench/`` re-implements every simulated rule; if the engine's
rules change and the peer does not, the benchmark's ratio compares different things. So a small
population (both synthetic and the wider one with wages at every age and the month rules) must give
identical results on both, on every run of the suite."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH))

simulation_peer = pytest.importorskip("simulation_peer")


def test_hand_written_numpy_agrees_with_the_engine():
    """On Nijmegen's rule set (the peer covers its local regelingen; the benchmark runs on it)."""
    from meedoen.rules.parameters import default_parameters

    params = default_parameters()
    names = simulation_peer.simulation_variables(params, "nijmegen")
    simulation_peer.assert_identical(3_000, [7], params, "nijmegen", names)
