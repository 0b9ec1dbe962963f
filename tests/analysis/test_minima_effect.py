"""The minima-effect curves and table follow from the rules: levels, top-up, burden."""

import datetime as dt

import numpy as np
import pytest

from meedoen.analysis.household_types import load_types
from meedoen.analysis.minima_effect import LEVELS, compute
from meedoen.rules.errors import CoverageError, InputError

DATE = dt.date(2026, 1, 1)


@pytest.fixture(scope="module")
def result():
    return compute("arnhem", DATE, load_types(), points=300, long_term=False)


def test_every_standard_type_has_a_curve_from_zero_to_twice_the_minimum(result):
    assert [c.type.id for c in result.curves] == [t.id for t in load_types()]
    assert len(result.curves) == 10  # eight one-earner types and two two-earner couples
    for c in result.curves:
        assert len(c.gross) == 300 and c.gross[0] == 0
        assert c.level[-1] == pytest.approx(200, abs=0.2)
        assert np.all(np.diff(c.gross) > 0)


def test_at_the_social_minimum_bijstand_tops_up_to_the_norm(result):
    single = result.curves[0]
    # alleenstaande 21+ 2026: norm 1.401,50; no own income -> bijstand 1.401,50
    assert single.components["bijstand"][0] == 140150
    assert single.components["income_net_month"][0] == 0
    # disposable = bijstand + zorgtoeslag 129 + huurtoeslag on rent 600 (361,85), see tests/rules/cases
    assert single.disposable[0] == 140150 + 12900 + 36185


def test_working_within_the_norm_hardly_pays(result):
    single = result.curves[0]
    topped_up = single.components["bijstand"] > 0
    # while bijstand tops up, the earner (who has just started working) keeps 25 % of the net wage
    # (art. 31 lid 2 n, at most 285,00 a month in 2026): each euro of net wage replaces 75 cents of
    # bijstand; above the maximum a whole euro (burden about 100 %)
    inside = np.nonzero(topped_up[:-1] & topped_up[1:])[0]
    assert len(inside) > 50
    burden = single.marginal_burden[inside]
    assert np.all(burden > 0.7)
    assert np.any(burden < 0.8) and np.any(burden > 0.99)
    net = single.components["income_net_month"]
    capped = net[inside] >= 4 * 28500 + 100  # 25 % of the net is above the maximum of 285,00
    assert np.all(burden[capped] > 0.99)


def test_table_levels_are_exact(result):
    for row in result.table:
        norm = {"alleenstaande": 140150}.get(row.type.id)
        if norm and row.level > 100:
            own = row.components["income_net_month"]
            assert abs(own - norm * row.level / 100) <= 2  # within 2 cents of the level
    assert {r.level for r in result.table} == set(LEVELS)
    assert len(result.table) == len(result.curves) * len(LEVELS)


def test_impossible_household_is_refused(tmp_path):
    bad = tmp_path / "types.yaml"
    bad.write_text(
        "- id: twee_partners\n  name: Twee partners\n  income: wage\n  rent_month: 600\n  persons:\n"
        "    - {id: a, role: applicant, age: 40}\n    - {id: b, role: partner, age: 40}\n"
        "    - {id: c, role: partner, age: 40}\n    - {id: d, role: child, age: 50}\n"
    )
    with pytest.raises(InputError) as err:
        compute("arnhem", DATE, load_types(bad), points=10)
    messages = [str(p) for p in err.value.problems]
    assert "households[twee_partners].persons: expected at most one partner, got 2" in messages
    child = "households[twee_partners].persons[3].birth_date"
    assert f"{child}: a child must be younger than the applicant or partner" in messages


def test_date_before_the_rules():
    with pytest.raises(CoverageError):
        compute("nijmegen", dt.date(2023, 12, 1), load_types(), points=10)


def test_a_date_after_the_published_figures_is_computed_and_marked_provisional(result):
    from meedoen.analysis.report import render_html

    assert result.status.status == "final"
    assert "Voorlopig" not in render_html(result, sections=[])
    later = compute("arnhem", dt.date(2035, 1, 1), load_types(), points=10)
    assert later.status.status == "provisional" and later.status.values_until < dt.date(2035, 1, 1)
    assert "Voorlopig: de bedragen na" in render_html(later, sections=[])
