"""Parameter files: every bundled file is valid and sourced; every malformed one fails clearly."""

import datetime as dt
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from meedoen.rules.errors import CoverageError, ParameterFileError, UnknownParameterError
from meedoen.rules.parameters import PARAMETER_ROOT, ParameterSet, default_parameters, load_tree

INVALID = Path(__file__).parent / "parameters_invalid"

EXPECTED_KEY = {
    "unknown_key": ("unknown_key.value", "unknown key"),
    "unknown_metadata_key": ("unknown_metadata_key.metadata.covered_untill", "unknown key"),
    "wrong_date": ("unknown_key", ""),  # replaced below: the key names the bad date
    "missing_reference": ("missing_reference.metadata.reference", "missing"),
    "too_many_decimals": ("too_many_decimals.values.2026-01-01", "more than two decimals"),
    "text_for_amount": ("text_for_amount.values.2026-01-01", "expected an amount in euro"),
    "coverage_before_last_value": (
        "coverage_before_last_value.metadata.covered_until",
        "before the last value",
    ),
    "unknown_unit": ("unknown_unit.metadata.unit", "Input should be"),
    "not_yaml": ("not_yaml", "not valid YAML"),
    "law_without_id": ("law_without_id.metadata.reference.0", "needs its bwb_id or cvdr_id"),
}
EXPECTED_KEY["wrong_date"] = ("wrong_date.values.2026-13-01", "valid date")


@pytest.mark.parametrize("name", sorted(EXPECTED_KEY))
def test_malformed_file_names_file_and_key(tmp_path, name):
    root = tmp_path / "parameters"
    root.mkdir()
    shutil.copy(INVALID / f"{name}.yaml", root / f"{name}.yaml")
    with pytest.raises(ParameterFileError) as err:
        load_tree(root)
    key, problem = EXPECTED_KEY[name]
    assert err.value.file == f"parameters/{name}.yaml"
    assert err.value.key == key
    assert problem in err.value.problem


def test_every_fixture_is_tested():
    assert {p.stem for p in INVALID.glob("*.yaml")} == set(EXPECTED_KEY)


def test_bundled_parameters_have_sources_and_descriptions():
    params = load_tree(PARAMETER_ROOT)
    assert len(params) >= 25
    for path, p in params.items():
        assert p.description.strip(), path
        assert p.references and all(r.href.startswith("https://") for r in p.references), path
        assert p.unit, path


def test_lookup_follows_the_dates():
    p = default_parameters()["nl.participatiewet.normen.alleenstaande_21_tot_aow"]
    assert p.at(dt.date(2024, 6, 30)) == 128383
    assert p.at(dt.date(2024, 7, 1)) == 130845
    assert p.at(dt.date(2026, 6, 30)) == 140150
    assert p.at(dt.date(2026, 7, 1)) == 141946


def test_lookup_before_the_first_value_names_the_first_date():
    p = default_parameters()["nl.participatiewet.normen.alleenstaande_21_tot_aow"]
    with pytest.raises(CoverageError) as err:
        p.at(dt.date(2023, 12, 31))
    assert "2023-12-31" in str(err.value)
    assert "first value is of 2024-01-01" in str(err.value)


def test_after_the_published_values_the_latest_holds_provisionally():
    p = replace(
        default_parameters()["nl.participatiewet.normen.alleenstaande_21_tot_aow"],
        starts=(20260101, 20260701),
        values=(140150, 141946),
        covered_until=20261231,
    )
    assert p.at(dt.date(2027, 3, 1)) == 141946
    assert p.is_provisional(20270101) and not p.is_provisional(20261231)
    assert p.basis(20270301) == dt.date(2026, 7, 1)


def test_kostendeler_age_was_21_before_2023():
    p = default_parameters()["nl.participatiewet.kostendelersnorm.leeftijd_medebewoner"]
    assert p.at(dt.date(2022, 12, 31)) == 21
    assert p.at(dt.date(2023, 1, 1)) == 27


def test_vakantietoeslag_conflict_is_settled_with_its_source():
    p = default_parameters()["nl.participatiewet.vakantietoeslag"]
    assert p.at(dt.date(2026, 1, 1)) == 0.05
    assert "4,8" in p.decision and "5 procent" in p.decision


def test_unknown_path_is_an_error():
    with pytest.raises(UnknownParameterError):
        default_parameters()["nl.participatiewet.bestaat_niet"]


def test_overrides_leave_the_original_untouched():
    base = default_parameters()
    path = "nl.participatiewet.normen.alleenstaande_21_tot_aow"
    changed = base.with_values({path: {20260101: 150000}})
    assert isinstance(changed, ParameterSet)
    assert changed[path].at(dt.date(2026, 3, 1)) == 150000
    assert changed[path].at(dt.date(2025, 12, 31)) == 136906
    assert base[path].at(dt.date(2026, 3, 1)) == 140150
