"""The minima-effect report counts local policy: valued schemes per curve point, the long-term
minimum variant where the IIT applies, two earners, and each armoedeval named with its cause.

Expected values are computed here from the parameters (the norm, the municipality's share and the
IIT's yearly amount), never read from the report."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pytest

from meedoen.analysis.household_types import load_types
from meedoen.analysis.minima_effect import compute
from meedoen.rules.parameters import default_parameters

DATE = dt.date(2026, 1, 1)
IIT = "individuele_inkomenstoeslag_waarde_maand"


@pytest.fixture(scope="module")
def arnhem():
    return compute("arnhem", DATE, load_types(), points=1000)


def _p(path: str):
    return default_parameters()[path].at(DATE)


def _iit_limit_and_month() -> tuple[int, int]:
    """Arnhem's IIT limit for a single person (cents per month, net) and the IIT per month:
    share x the single norm (21 to AOW age) without the vakantietoeslag, rounded half up once;
    the yearly amount / 12, rounded half up."""
    norm = Decimal(_p("nl.participatiewet.normen.alleenstaande_21_tot_aow"))
    assert _p("gemeenten.arnhem.inkomensgrenzen.referentienorm") == "standaardnorm"
    if _p("gemeenten.arnhem.inkomensgrenzen.zonder_vakantietoeslag"):
        norm *= 1 - Decimal(str(_p("nl.participatiewet.vakantietoeslag")))
    share = Decimal(str(_p("gemeenten.arnhem.individuele_inkomenstoeslag.inkomensgrens")))
    limit = int((share * norm).quantize(Decimal(1), ROUND_HALF_UP))
    yearly = Decimal(_p("gemeenten.arnhem.individuele_inkomenstoeslag.bedrag_alleenstaande"))
    return limit, int((yearly / 12).quantize(Decimal(1), ROUND_HALF_UP))


def test_single_long_term_minimum_has_a_trap_at_the_iit_limit_caused_by_the_iit(arnhem):
    limit, per_month = _iit_limit_and_month()
    assert per_month > 0
    curve = next(c for c in arnhem.curves if c.type.id == "alleenstaande_langdurig")
    net = curve.components["income_net_month"]
    at_limit = [
        t
        for t in curve.traps
        if net[np.searchsorted(curve.gross, t.gross_from)]
        <= limit
        < net[np.searchsorted(curve.gross, t.gross_to)]
    ]
    assert len(at_limit) == 1, curve.traps
    trap = at_limit[0]
    assert trap.causes[0] == (IIT, per_month)
    assert not trap.together
    assert trap.extra_net < per_month  # the IIT's loss exceeds what the extra gross adds net
    assert trap.loss > 0


def test_without_a_low_income_history_there_is_no_iit_and_no_such_trap(arnhem):
    curve = next(c for c in arnhem.curves if c.type.id == "alleenstaande")
    assert not curve.components[IIT].any()
    assert not any(IIT in dict(t.causes) for t in curve.traps)


def test_local_schemes_are_components_of_every_point_and_sum_to_disposable_income(arnhem):
    names = [n for n, _ in arnhem.components]
    assert IIT in names
    for c in arnhem.curves:
        assert np.array_equal(sum(c.components[n] for n in names), c.disposable)
    long_term = next(c for c in arnhem.curves if c.type.id == "alleenstaande_langdurig")
    _, per_month = _iit_limit_and_month()
    assert long_term.components[IIT][0] == per_month  # at the social minimum the IIT is paid


def test_long_term_variants_for_wage_types_only_and_two_earners_split_the_wage(arnhem):
    ids = [c.type.id for c in arnhem.curves]
    standard = [t.id for t in load_types()]
    assert ids[: len(standard)] == standard
    years = _p("gemeenten.arnhem.individuele_inkomenstoeslag.jaren_laag_inkomen") + 1
    variants = [c.type for c in arnhem.curves[len(standard) :]]
    assert {t.id for t in variants} == {f"{t.id}_langdurig" for t in load_types() if t.income == "wage"}
    assert all(t.low_income_years == years for t in variants)
    assert "paar_tweeverdieners" in ids


def test_table_gross_with_holiday_pay_is_a_twelfth_of_the_year(arnhem):
    rate = Decimal(str(_p("nl.inkomstenbelasting.vakantiebijslag")))
    for row in arnhem.table:
        if row.type.income == "wage" and row.gross and not row.type.partner_share:
            expected = int((Decimal(12 * row.gross) * (1 + rate)).quantize(Decimal(1), ROUND_HALF_UP)) // 12
            assert row.gross_with_holiday_pay == expected


def test_a_scheme_whose_value_was_not_found_is_named_not_counted():
    """Nijmegen's IIT amounts are not found: the IIT is no component and is named as unvalued."""
    result = compute("nijmegen", DATE, load_types()[:1], points=50)
    assert "individuele_inkomenstoeslag" in [s for s, _ in result.unvalued]
    assert IIT not in dict(result.components)


def test_two_earners_without_a_partner_are_refused_with_the_type_named(tmp_path):
    from meedoen.rules.errors import InputError

    path = tmp_path / "types.yaml"
    path.write_text(
        "- {id: x, name: X, income: wage, rent_month: 600, partner_share: 0.5,\n"
        "   persons: [{id: a, role: applicant, age: 35}]}\n"
    )
    with pytest.raises(InputError) as err:
        load_types(path)
    assert err.value.problems[0].path == "households[0]"
    assert "partner_share needs a person with role partner" in err.value.problems[0].message
