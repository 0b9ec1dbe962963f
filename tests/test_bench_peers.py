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


@pytest.mark.parametrize("municipality", ["nijmegen", "arnhem", "groningen"])
def test_hand_written_numpy_agrees_with_the_engine(municipality):
    """On each municipality's rule set as published (the benchmark runs on Nijmegen's)."""
    from meedoen.rules.parameters import default_parameters

    params = default_parameters()
    names = simulation_peer.simulation_variables(params, municipality)
    simulation_peer.assert_identical(3_000, [7], params, municipality, names)


@pytest.mark.parametrize(
    ("municipality", "texts"),
    [
        ("nijmegen", {}),
        ("arnhem", {}),
        ("arnhem", {"gezinsbedrag_kind": "voortgezet_onderwijs"}),
        ("groningen", {}),
    ],
)
def test_hand_written_numpy_agrees_with_every_local_rule_valued(municipality, texts):
    """With every amount that was not found given a test value (what a source or a reform may
    give tomorrow): every valuation (city pass with Arnhem's school costs, the collective insurance,
    the Kinderfonds, kwijtschelding, the IIT with Arnhem's family amount by age or by school type)
    is summed into the disposable income, and the draagkracht runs."""
    from meedoen.rules.parameters import default_parameters

    params = simulation_peer.all_valued(default_parameters(), municipality, **texts)
    names = simulation_peer.simulation_variables(params, municipality)
    assert {"kwijtschelding_waarde_maand", "stadspas_waarde_maand"} <= set(names)
    simulation_peer.assert_identical(3_000, [7], params, municipality, names)


PEERS = BENCH / "peers"


@pytest.mark.skipif(
    not all((PEERS / ".venvs" / name / "bin" / "python").exists() for name in ("openfisca", "policyengine")),
    reason="no peer virtualenvs: bash bench/peers/setup.sh",
)
@pytest.mark.parametrize(
    "options",
    [
        ["--municipality", "nijmegen"],
        ["--municipality", "nijmegen", "--all-valued"],
        ["--municipality", "arnhem", "--all-valued", "gezinsbedrag_kind=voortgezet_onderwijs"],
    ],
)
def test_openfisca_and_policyengine_agree_with_the_engine(options):
    """The OpenFisca and PolicyEngine-core models (bench/peers/model_all.py) give identical results,
    per household, on every rule of the simulation and the rules it does not report (draagkracht,
    the local sum): as published, and with every local amount not found set to a test value (every
    valuation, Arnhem's family amount by school type). run.py exits 1 when any engine differs."""
    import subprocess

    command = [sys.executable, str(PEERS / "run.py"), "--sizes", "2000", "--dict-households", "0"]
    run = subprocess.run(
        [*command, "--repeat", "1", *options], capture_output=True, text=True, timeout=600, check=False
    )
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    assert "Results identical in every engine" in run.stdout
    if "--all-valued" in options:
        assert "stadspas_waarde_maand" in run.stdout and "bijzondere_bijstand_draagkracht" in run.stdout
