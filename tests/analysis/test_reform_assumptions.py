"""A reform that gives a figure the sources lack (the example GelrePas budgets of Arnhem, a labelled
assumption) is counted in money: the simulation's cost goes from "bedrag onbekend" to an amount, the
minima-effect report values the pass in every curve point, and both name the figure as one from the
reform. Expected amounts are computed here from the example's budgets, never read from a report."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import numpy as np
import pytest

from meedoen.analysis.household_types import load_types
from meedoen.analysis.minima_effect import compute
from meedoen.analysis.population_table import read_population
from meedoen.analysis.simulation import simulate
from meedoen.analysis.simulation_report import render_html, schemes_csv
from meedoen.cli import main
from meedoen.rules.parameters import default_parameters
from meedoen.rules.reforms import apply_reform

DATE = dt.date(2026, 1, 1)
EXAMPLE = Path(__file__).resolve().parents[2] / "meedoen" / "examples" / "aanname_gelrepas_budget.yaml"
BUDGET, SCHOOL = 10_000, 5_000  # the example's € 100 per pass holder and € 50 per child at school, per year
PASS = "stadspas_waarde_maand"
# Arnhem, 2026: GelrePas to 120 % of the reference norm (130 % with children); one single in bijstand
# range, one single far above it, one couple in bijstand range.
TABLE = (
    "household_id,role,birth_date,net_income_month,rent_month,assets,area\n"
    "h1,applicant,1980-05-01,900.00,600,0,Noord\n"
    "h2,applicant,1985-05-01,4000.00,600,0,Zuid\n"
    "h3,applicant,1975-05-01,1200.00,650,0,Zuid\n"
    "h3,partner,1976-05-01,0,,,\n"
)


def _month(year_cents: int) -> int:
    return int((Decimal(year_cents) / 12).quantize(Decimal(1), ROUND_HALF_UP))


@pytest.fixture(scope="module")
def table_result(tmp_path_factory):
    path = tmp_path_factory.mktemp("aanname") / "huishoudens.csv"
    path.write_text(TABLE)
    data = read_population(path, DATE, "arnhem")
    params = default_parameters()
    return simulate(data, params, apply_reform(params, EXAMPLE), "aanname")


def _pass(result):
    return next(s for s in result.schemes if s.measure.id == "stadspas")


def test_the_pass_goes_from_unknown_to_its_cost(table_result):
    gelrepas = _pass(table_result)
    assert (gelrepas.eligible_baseline, gelrepas.eligible_reform) == (2, 2)  # h1 and h3
    assert not gelrepas.measure.costed and gelrepas.costed_reform
    # h1: one holder, € 100 / 12 = 8,33 a month; h3: two holders, € 200 / 12 = 16,67; twelve months
    assert gelrepas.cost_reform == 12 * (_month(BUDGET) + _month(2 * BUDGET)) == 30_000
    assert gelrepas.extra_cost is None  # no known difference with an unknown today
    row = next(r for r in schemes_csv(table_result).splitlines() if r.startswith("stadspas,"))
    assert row.split(",")[4:7] == ["onbekend", "300.00", "onbekend"]


def test_nobody_gains_what_was_unknown_and_the_report_names_the_assumption(table_result):
    assert sum(g.winners for g in table_result.by_type) == 0
    assert sum(g.gain_per_year for g in table_result.by_type) == 0
    html = render_html(table_result, charts={"eligible": "", "types": "", "areas": ""})
    assert "bedrag uit de hervorming (aanname): Budget (tegoed) op de GelrePas" in html
    assert "€\u00a0100,00" in html and "Niet uit een officiële bron" in html


def test_as_the_baseline_the_assumption_counts_on_both_sides(tmp_path, capsys):
    out = tmp_path / "sim"
    args = ["simulate", "--municipality", "arnhem", "--date", "2026-01-01", "--households", "1000",
            "--baseline", str(EXAMPLE), "--out", str(out), "--no-pdf"]  # fmt: skip
    assert main(args) == 0
    printed = capsys.readouterr().out
    assert "bedrag uit de hervorming (aanname): Budget (tegoed) op de GelrePas" in printed
    assert "stadspas: bedrag onbekend" not in printed
    row = next(
        r for r in (out / "simulatie-regelingen.csv").read_text().splitlines() if r.startswith("stadspas,")
    )
    now, reform, extra = row.split(",")[4:7]
    assert Decimal(now) == Decimal(reform) > 0 and extra == "0.00"


def test_the_simulate_command_says_the_reform_cost_of_an_unknown_figure(tmp_path, capsys):
    args = ["simulate", "--municipality", "arnhem", "--date", "2026-01-01", "--households", "1000",
            "--reform", str(EXAMPLE), "--out", str(tmp_path / "sim"), "--no-pdf"]  # fmt: skip
    assert main(args) == 0
    printed = capsys.readouterr().out
    assert "stadspas: bedrag onbekend, niet in de extra kosten; met de wijziging €" in printed
    assert "collectieve_zorgverzekering: bedrag onbekend, niet in de extra kosten\n" in printed


def test_a_reform_value_of_the_wrong_type_exits_2_naming_file_and_key(tmp_path, capsys):
    bad = tmp_path / "aanname.yaml"
    key = "gemeenten.arnhem.stadspas.waarde_per_persoon_per_jaar"
    bad.write_text(f"description: x\nchanges:\n  {key}:\n    2026-01-01: veel\n")
    for command in (["simulate", "--households", "100", "--reform"], ["mer", "--points", "10", "--reform"]):
        args = [
            *command,
            str(bad),
            "--municipality",
            "arnhem",
            "--date",
            "2026-01-01",
            "--out",
            str(tmp_path / "x"),
        ]
        assert main(args) == 2
        err = capsys.readouterr().err
        assert str(bad) in err and f"changes.{key}.2026-01-01" in err and "expected an amount in euro" in err
    assert not (tmp_path / "x").exists()


def _holders_and_school(t) -> tuple[int, int]:
    """Pass holders (every member of the benefit unit) and children at school (po, vo, mbo) of a
    standard household type, read from its definition."""
    return len(t.persons), sum(p.school in ("po", "vo", "mbo") for p in t.persons)


@pytest.fixture(scope="module")
def mer():
    parameters = apply_reform(default_parameters(), EXAMPLE)
    return compute("arnhem", DATE, load_types(), points=200, parameters=parameters)


def test_the_minima_effect_report_values_the_pass_in_every_curve_point(mer):
    assert "stadspas" not in [scheme for scheme, _ in mer.unvalued]
    assert [f.path.rsplit(".", 1)[1] for f in mer.figures] == [
        "schoolkosten_per_kind_per_jaar",
        "waarde_per_persoon_per_jaar",
    ]
    for curve in mer.curves:
        holders, school = _holders_and_school(curve.type)
        expected = _month(holders * BUDGET + school * SCHOOL)
        value = curve.components[PASS]
        assert len(value) == len(curve.gross) == 200
        assert set(np.unique(value)) <= {0, expected}, curve.type.id
        assert value[0] == expected > 0, curve.type.id  # no income: well within the limit
        assert value[-1] == 0, curve.type.id  # twice the social minimum: above it


def test_the_pass_adds_its_value_to_what_every_point_has_to_spend(mer):
    without = compute("arnhem", DATE, load_types(), points=200)
    assert [c.type.id for c in without.curves] == [c.type.id for c in mer.curves]
    for curve, before in zip(mer.curves, without.curves, strict=True):
        assert np.array_equal(curve.gross, before.gross)
        assert np.array_equal(curve.disposable - before.disposable, curve.components[PASS]), curve.type.id


def test_without_the_assumption_the_pass_is_named_and_not_counted():
    result = compute("arnhem", DATE, load_types()[:1], points=20, long_term=False)
    assert "stadspas" in [scheme for scheme, _ in result.unvalued]
    assert PASS not in result.curves[0].components and result.figures == []


def test_a_sweep_over_a_not_found_budget_costs_each_value(tmp_path, capsys):
    """The national sweep over the GelrePas budget (the school-costs budget held at the example's
    € 50): every value costed, the same as the municipal simulation of that value on the same table;
    today's cost "onbekend", and nobody counted as gaining what was unknown."""
    from meedoen.analysis.national.population import build

    folder = tmp_path / "bevolking"
    (arnhem,) = build(folder, DATE, scale=0.01, only={"GM0202"})
    budget = "gemeenten.arnhem.stadspas.waarde_per_persoon_per_jaar"
    school = "gemeenten.arnhem.stadspas.schoolkosten_per_kind_per_jaar"
    sweep = tmp_path / "sweep.yaml"
    sweep.write_text(f"description: GelrePas\ngrid:\n  {budget}: [50, 100, 150]\n  {school}: [50]\n")
    out = tmp_path / "curve"
    assert main(["simulate", "--sweep", str(sweep), "--population", str(folder), "--out", str(out)]) == 0
    capsys.readouterr()
    rows = [r for r in (out / "curve.csv").read_text().splitlines()[1:] if ",stadspas," in r]
    assert [r.split(",")[0] for r in rows] == ["50", "100", "150"]
    data = read_population(arnhem.path, DATE, "arnhem")
    params = default_parameters()
    for row, euros in zip(rows, (50, 100, 150), strict=True):
        changes = {budget: {DATE: euros}, school: {DATE: 50}}
        policy = simulate(data, params, apply_reform(params, {"description": "", "changes": changes}))
        cost = _pass(policy).cost_reform
        assert cost > 0
        # budget, school, scheme, eligible, eligible_baseline | cost_per_year, cost_baseline, winners, losers
        assert row.split(",")[5:] == [f"{cost // 100}.{cost % 100:02d}", "onbekend", "0", "0"]


def test_the_mer_command_with_the_assumption_names_it_in_the_report(tmp_path, capsys):
    out = tmp_path / "mer"
    args = ["mer", "--municipality", "arnhem", "--date", "2026-01-01", "--points", "40", "--no-pdf",
            "--reform", str(EXAMPLE), "--out", str(out)]  # fmt: skip
    assert main(args) == 0
    printed = capsys.readouterr().out
    assert "bedrag uit de hervorming (aanname): Budget (tegoed) op de GelrePas" in printed
    assert "niet meegeteld (bedrag onbekend): Waarde van de stadspas" not in printed
    html = next(out.glob("*.html")).read_text(encoding="utf-8")
    assert "Niet uit een officiële bron" in html and "€\u00a0100,00 (gemeenten.arnhem.stadspas" in html
