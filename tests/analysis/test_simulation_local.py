"""The simulation counts local policy: low-income durations for every low-income household, every
scheme costed (in kind at its value, unknown values named), winners and losers, energy poverty and
take-up per area, a PDF, and the bundled Arnhem IIT reform with a real effect."""

import datetime as dt
from pathlib import Path

import numpy as np
import pytest

from meedoen.analysis.simulation import simulate
from meedoen.analysis.simulation_report import render_html, schemes_csv, write_simulation_report
from meedoen.analysis.synthetic_population import LONG_SHARE, LOW_INCOME_SHARE, synthetic
from meedoen.cli import main
from meedoen.rules.engine import calculate
from meedoen.rules.parameters import default_parameters
from meedoen.rules.periods import to_int
from meedoen.rules.reforms import apply_reform

DATE = dt.date(2026, 1, 1)
REFORMS = Path(__file__).resolve().parents[2] / "meedoen" / "examples" / "reforms"


@pytest.fixture(scope="module")
def arnhem():
    return synthetic("arnhem", DATE, households=20_000)


@pytest.fixture(scope="module")
def arnhem_iit(arnhem):
    params = default_parameters()
    reform = apply_reform(params, REFORMS / "arnhem_iit_120.yaml")
    return simulate(arnhem, params, reform, "IIT tot 120 %")


def test_every_low_income_household_has_a_duration(arnhem):
    pop = arnhem.population
    v = calculate(pop, ["income_net_month", "bijstand", "reference_norm"])
    low = v["income_net_month"] + v["bijstand"] <= LOW_INCOME_SHARE * v["reference_norm"]
    since = pop.low_income_since
    assert low.sum() > 1000
    assert np.all(since[low] > 0) and np.all(since[~low] == 0)
    four_years = since[low] <= to_int(DATE) - 40000
    assert four_years.mean() == pytest.approx(LONG_SHARE, abs=0.02)


def test_the_arnhem_iit_reform_has_extra_households_cost_and_winners(arnhem_iit):
    iit = next(s for s in arnhem_iit.schemes if s.measure.id == "individuele_inkomenstoeslag")
    assert iit.eligible_reform > iit.eligible_baseline
    assert iit.cost_reform > iit.cost_baseline
    winners = sum(g.winners for g in arnhem_iit.by_type)
    assert winners == sum(g.winners for g in arnhem_iit.by_area) > 0
    assert sum(g.losers for g in arnhem_iit.by_type) == 0  # a wider limit takes nothing away
    # the yearly IIT amounts are costed exactly; the winners' gain is twelve times their monthly
    # disposable income, where a twelfth of the amount is rounded to the cent (at most 6 cents a year)
    gain = sum(g.winners_gain_per_year for g in arnhem_iit.by_type)
    assert abs(gain - (iit.cost_reform - iit.cost_baseline)) <= 6 * winners


def test_the_budget_neutral_arnhem_iit_example_has_winners_and_losers(arnhem, arnhem_iit):
    """120 % with every amount 5 % lower: the newly eligible win, everyone who had the IIT loses 5 %
    of it (e.g. a single person EUR 260 -> 247 a year, arnhem.nl's amount less 5 %)."""
    params = default_parameters()
    reform = apply_reform(params, REFORMS / "arnhem_iit_120_budgetneutraal.yaml")
    result = simulate(arnhem, params, reform)
    iit = next(s for s in result.schemes if s.measure.id == "individuele_inkomenstoeslag")
    wide = next(s for s in arnhem_iit.schemes if s.measure.id == "individuele_inkomenstoeslag")
    winners, losers = (sum(getattr(g, k) for g in result.by_type) for k in ("winners", "losers"))
    assert winners == iit.eligible_reform - iit.eligible_baseline > 0  # the same households as at 120 %
    assert iit.eligible_reform == wide.eligible_reform
    assert losers == iit.eligible_baseline > 0
    assert iit.cost_reform < wide.cost_reform


def test_a_narrower_limit_has_losers_by_type_and_area():
    params = default_parameters()
    wide = apply_reform(params, REFORMS / "nijmegen_meedoenregeling_140.yaml")
    narrow = apply_reform(params, REFORMS / "nijmegen_meedoenregeling_120.yaml")
    result = simulate(synthetic("nijmegen", DATE, households=5_000), wide, narrow)
    losers = sum(g.losers for g in result.by_type)
    assert losers > 0 and losers == sum(g.losers for g in result.by_area)
    assert all(g.loss_per_year >= 0 for g in result.by_type)
    meedoen = next(s for s in result.schemes if s.measure.id == "meedoenregeling")
    assert sum(g.loss_per_year for g in result.by_type) == meedoen.cost_baseline - meedoen.cost_reform


def test_energy_poverty_and_eligibility_per_area_add_up(arnhem, arnhem_iit):
    total = calculate(arnhem.population, ["energy_poverty"])["energy_poverty"].sum()
    assert sum(g.energy_poverty for g in arnhem_iit.by_area) == total > 0
    for s in arnhem_iit.schemes:
        assert sum(g.eligible[s.measure.id] for g in arnhem_iit.by_area) == s.eligible_baseline


def test_a_scheme_whose_value_was_not_found_is_not_costed_and_says_so():
    params = default_parameters()
    result = simulate(synthetic("nijmegen", DATE, households=500), params, params)
    iit = next(s for s in result.schemes if s.measure.id == "individuele_inkomenstoeslag")
    assert not iit.measure.costed
    row = next(r for r in schemes_csv(result).splitlines() if r.startswith("individuele_inkomenstoeslag,"))
    assert row.split(",")[4:7] == ["onbekend"] * 3


def test_take_up_per_area_from_recipients(tmp_path, arnhem):
    path = tmp_path / "ontvangers.csv"
    path.write_text("scheme,recipients,area\nstadspas,10,Noord\nstadspas,5,Zuid\n")
    from meedoen.analysis.simulation import read_recipients, read_recipients_by_area

    assert read_recipients(path) == {"stadspas": 15}
    params = default_parameters()
    result = simulate(arnhem, params, params, "", read_recipients(path), read_recipients_by_area(path))
    noord = next(g for g in result.by_area if g.group == "Noord")
    assert noord.not_reached["stadspas"] == max(noord.eligible["stadspas"] - 10, 0)
    assert "stadspas" not in next(g for g in result.by_area if g.group == "Oost").not_reached


def test_the_report_has_a_pdf_and_names_losers(tmp_path, arnhem_iit):
    files = write_simulation_report(arnhem_iit, tmp_path)
    assert (tmp_path / "simulatie.pdf") in files
    assert (tmp_path / "simulatie.pdf").read_bytes().startswith(b"%PDF")
    html = (tmp_path / "simulatie.html").read_text(encoding="utf-8")
    assert "Gaan achteruit" in html and "Energiearmoede nu" in html


def test_a_reform_naming_a_scheme_parameter_that_does_not_exist_exits_2(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    path = "gemeenten.arnhem.individuele_inkomenstoeslag.inkomensgrens_bestaat_niet"
    bad.write_text(f"description: x\nchanges:\n  {path}:\n    2026-01-01: 1.2\n")
    args = ["simulate", "--municipality", "arnhem", "--date", "2026-01-01", "--reform", str(bad),
            "--out", str(tmp_path / "leeg"), "--households", "100"]  # fmt: skip
    assert main(args) == 2
    assert f"changes.{path}: unknown parameter" in capsys.readouterr().err
    assert not (tmp_path / "leeg").exists()


def test_a_policy_change_is_named_as_the_change_not_as_an_assumption(arnhem_iit):
    """The IIT limit 120 % is what the adviser wants to know the effect of; it is not a figure the
    sources lack, so the report must not warn that it is unofficial."""
    html = render_html(arnhem_iit, charts={"eligible": "", "types": "", "areas": ""})
    assert "Wat de wijziging verandert:" in html
    assert "inkomenstoeslag.inkomensgrens)" in html
    assert "Niet uit een officiële bron" not in html
