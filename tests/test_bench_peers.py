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


PEERS = BENCH / "peers"


@pytest.mark.skipif(
    not all((PEERS / ".venvs" / name / "bin" / "python").exists() for name in ("openfisca", "policyengine")),
    reason="no peer virtualenvs: bash bench/peers/setup.sh",
)
def test_openfisca_and_policyengine_agree_with_the_engine():
    """The OpenFisca and PolicyEngine-core models (bench/peers/model_all.py) give identical results,
    per household, on every rule of the simulation, the local valuations, kwijtschelding and energy
    poverty included (run.py exits 1 when any engine differs)."""
    import subprocess

    run = subprocess.run(
        [sys.executable, str(PEERS / "run.py"), "--sizes", "2000", "--dict-households", "0", "--repeat", "1"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    assert "Results identical in every engine" in run.stdout
