"""Bad input gets every problem with its field path and what was expected."""

import copy
import json
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meedoen.rules.errors import InputError
from meedoen.rules.household import parse_household

GOOD = {
    "municipality": "arnhem",
    "date": "2026-01-01",
    "persons": [
        {"id": "a", "role": "applicant", "birth_date": "1988-03-14", "net_income_month": 0.0},
        {"id": "b", "role": "partner", "birth_date": "1986-11-02", "wage_gross_month": 1200.0},
        {"id": "c", "role": "child", "birth_date": "2012-09-01", "school": "vo"},
        {"id": "d", "role": "housemate", "birth_date": "1999-01-20", "student_finance": False},
    ],
    "housing": {"kind": "rent", "rent_month": 720.0, "energy_cost_month": 190.0},
    "assets": 3200.0,
    "low_income_since": "2021-06-01",
}


def problems(data) -> list[str]:
    with pytest.raises(InputError) as err:
        parse_household(data)
    return [str(p) for p in err.value.problems]


def with_change(path, value):
    data = copy.deepcopy(GOOD)
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


def test_contract_example_is_valid():
    h = parse_household(GOOD)
    assert h.applicant.id == "a"
    assert h.persons[1].wage_gross_month == Decimal("1200.00")


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (
            ("persons", 1, "birth_date"),
            "31-01-1990",
            'persons[1].birth_date: expected a date like 1990-01-31, got "31-01-1990"',
        ),
        (
            ("persons", 1, "role"),
            "wife",
            "persons[1].role: expected one of 'applicant', 'partner', 'child' or 'housemate', got \"wife\"",
        ),
        (
            ("persons", 0, "net_income_month"),
            12.345,
            "persons[0].net_income_month: expected an amount with at most two decimals, got 12.345",
        ),
        (
            ("persons", 0, "net_income_month"),
            -5,
            "persons[0].net_income_month: expected an amount of 0 or more, got -5",
        ),
        (
            ("persons", 0, "net_income_month"),
            "900",
            'persons[0].net_income_month: expected an amount in euro like 1234.56, got "900"',
        ),
        (
            ("persons", 3, "student_finance"),
            "yes",
            'persons[3].student_finance: expected true or false, got "yes"',
        ),
        (
            ("housing", "kind"),
            "tent",
            "housing.kind: expected one of 'rent', 'own', 'institution' or 'homeless', got \"tent\"",
        ),
        (
            ("persons", 2, "school"),
            "uni",
            "persons[2].school: expected one of 'none', 'po', 'vo', 'mbo' or 'hbo_wo', got \"uni\"",
        ),
        (
            ("municipality",),
            "Arnhem",
            'municipality: expected a lower-case municipality name like arnhem, got "Arnhem"',
        ),
        (
            ("persons", 0, "shoe_size"),
            43,
            "persons[0].shoe_size: unknown field (see the household contract for the fields)",
        ),
        (("pets",), 2, "pets: unknown field (see the household contract for the fields)"),
        (("date",), "2026-02-30", 'date: expected a date like 1990-01-31, got "2026-02-30"'),
    ],
)
def test_field_problem_is_named(path, value, expected):
    assert problems(with_change(path, value)) == [expected]


def test_all_field_problems_at_once():
    data = with_change(("persons", 1, "birth_date"), "gisteren")
    data["housing"]["kind"] = "tent"
    del data["persons"][0]["role"]
    assert problems(data) == [
        "persons[0].role: required field is missing",
        'persons[1].birth_date: expected a date like 1990-01-31, got "gisteren"',
        "housing.kind: expected one of 'rent', 'own', 'institution' or 'homeless', got \"tent\"",
        "persons: expected exactly one applicant, got 0",
    ]


def test_household_level_problems():
    data = copy.deepcopy(GOOD)
    data["persons"].append({"id": "a", "role": "partner", "birth_date": "1990-01-01"})
    data["persons"].append({"id": "x", "role": "child", "birth_date": "1980-01-01"})
    data["persons"].append({"id": "y", "role": "housemate", "birth_date": "2027-01-01"})
    assert problems(data) == [
        "persons: expected at most one partner, got 2",
        'persons[4].id: expected a unique id, "a" is used twice',
        "persons[5].birth_date: a child must be younger than the applicant or partner",
        "persons[6].birth_date: expected a date on or before 2026-01-01, got 2027-01-01",
    ]


def test_field_and_household_problems_together():
    data = copy.deepcopy(GOOD)
    data["persons"][2]["school"] = "uni"
    data["persons"].append({"id": "b", "role": "partner", "birth_date": "1990-01-01"})
    assert problems(data) == [
        "persons[2].school: expected one of 'none', 'po', 'vo', 'mbo' or 'hbo_wo', got \"uni\"",
        "persons: expected at most one partner, got 2",
        'persons[4].id: expected a unique id, "b" is used twice',
    ]


def test_no_applicant():
    data = copy.deepcopy(GOOD)
    data["persons"][0]["role"] = "housemate"
    assert problems(data) == ["persons: expected exactly one applicant, got 0"]


def test_not_json():
    assert problems("{not json")[0].startswith("not valid JSON")


def test_json_text_and_dict_agree():
    assert parse_household(json.dumps(GOOD)) == parse_household(GOOD)


@pytest.mark.parametrize("bad_id", [{"nested": 1}, ["a"], 7])
def test_id_that_is_not_text_is_a_field_problem(bad_id):
    """Found by fuzzing the API: an object as id must be an input problem, not a TypeError."""
    found = problems(with_change(("persons", 1, "id"), bad_id))
    assert len(found) == 1 and found[0].startswith("persons[1].id: expected "), found


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)


def _paths(value, prefix=()):
    if prefix:
        yield prefix
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, inner in items:
        yield from _paths(inner, (*prefix, key))


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(path=st.sampled_from(list(_paths(GOOD))), value=JSON_VALUES)
def test_any_json_value_anywhere_is_an_input_error(path, value):
    """Whatever JSON a client sends, the answer is a household or a list of problems, never a crash."""
    try:
        parse_household(with_change(path, value))
    except InputError as err:
        assert err.problems


@settings(max_examples=100, deadline=None)
@given(value=JSON_VALUES)
def test_any_json_document_is_an_input_error(value):
    with pytest.raises(InputError):
        parse_household(value)


@pytest.mark.parametrize(
    "path, value, expected",
    [
        (
            ("persons", 1, "earnings_since"),
            "1-3-2025",
            'persons[1].earnings_since: expected a date like 1990-01-31, got "1-3-2025"',
        ),
        (
            ("persons", 1, "earnings_since"),
            "2026-02-01",
            "persons[1].earnings_since: expected a date on or before 2026-01-01, got 2026-02-01",
        ),
        (
            ("persons", 1, "earnings_since"),
            "1980-01-01",
            "persons[1].earnings_since: expected a date after the birth date",
        ),
        (
            ("persons", 3, "temporary_informal_carer"),
            True,
            "persons[3].temporary_informal_carer: only the applicant can be the one who lives here "
            "temporarily to give informal care",
        ),
        (
            ("persons", 0, "temporary_informal_carer"),
            "ja",
            'persons[0].temporary_informal_carer: expected true or false, got "ja"',
        ),
    ],
)
def test_earnings_since_and_informal_carer_problems(path, value, expected):
    assert problems(with_change(path, value)) == [expected]


def test_earnings_since_and_informal_carer_are_optional_and_accepted():
    data = with_change(("persons", 1, "earnings_since"), "2025-09-01")
    data["persons"][0]["temporary_informal_carer"] = True
    household = parse_household(data)
    assert str(household.persons[1].earnings_since) == "2025-09-01"
    assert household.persons[0].temporary_informal_carer is True
    assert parse_household(GOOD).persons[1].earnings_since is None


def test_an_amount_beyond_any_household_is_refused_with_its_field():
    # found by the API fuzz: 2.2e200 overflowed the 64-bit cents (a 500)
    [problem] = problems(with_change(["assets"], 2.2458410279743544e200))
    assert problem.startswith("assets:") and "999999999.99" in problem
