"""The trace names the household's own answers a formula read directly (issue 17, item 1)."""

from __future__ import annotations

import json
from pathlib import Path

from meedoen.rules.engine import Simulation
from meedoen.rules.entitlements import entitlements
from meedoen.rules.household import parse_household
from meedoen.rules.population import from_households

EXAMPLE = Path(__file__).resolve().parents[2] / "meedoen" / "examples" / "household_arnhem.json"


def _household():
    return parse_household(json.loads(EXAMPLE.read_text(encoding="utf-8")))


def test_a_formula_that_reads_an_answer_names_it_and_the_trace_shows_the_answer():
    trace = {e["variable"]: e for e in entitlements(_household(), trace=True)["trace"]}
    assert trace["huurtoeslag_huurwoning"]["inputs"] == ["input:housing.kind", "input:housing.rent_month"]
    rent = trace["input:housing.rent_month"]
    assert rent["value"] == 720.0 and rent["unit"] == "EUR" and rent["parameters"] == []
    assert trace["input:housing.kind"]["value"] == "rent"
    assert trace["input:persons.birth_date"]["value"]["a"] == "1988-03-14"
    assert "input:assets" in trace["vermogen_binnen_grens"]["inputs"]
    # an answer that was not given is shown as absent, not as a number
    assert trace["input:persons.wage_gross_month"]["value"]["a"] is None


def test_each_answer_appears_once_before_the_step_that_first_read_it():
    names = [e["variable"] for e in entitlements(_household(), trace=True)["trace"]]
    inputs = [n for n in names if n.startswith("input:")]
    assert len(inputs) == len(set(inputs))
    assert names.index("input:housing.rent_month") < names.index("huurtoeslag_huurwoning")


def test_without_trace_formulas_read_the_population_itself():
    population = from_households([_household()])
    assert Simulation(population).pop is population
    assert Simulation(population, track=True).pop is population


def test_a_variable_shows_its_legal_reference():
    trace = {e["variable"]: e for e in entitlements(_household(), trace=True)["trace"]}
    assert trace["kostendelers"]["reference"] == "Participatiewet art. 22a lid 1"
    # a reference given as a parameter path cites that parameter's source
    assert trace["huurtoeslag_leeftijd"]["reference"] == "Wet op de huurtoeslag art. 8"
    assert trace["huurtoeslag_leeftijd"]["source"].startswith("https://wetten.overheid.nl/BWBR0008659")
