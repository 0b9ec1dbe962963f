"""The gross of a net benefit is read off a piecewise-linear curve: every kink must be a breakpoint."""

import datetime as dt

import numpy as np
import pytest

from meedoen.rules.formulas.nl.inkomstenbelasting.box1 import HK, IB, _aow_factor, _net_curve
from meedoen.rules.parameters import default_parameters

TARIFFS = ("onder_aow_leeftijd", "aow_leeftijd", "geboren_voor_1946")
DATES = [dt.date(2024, 1, 1), dt.date(2025, 1, 1), dt.date(2026, 1, 1)]


def _curve_args(date: dt.date, tariff: str, alone: bool):
    """The tariff and the credits of a benefit (no work credits) as the law states them: below AOW
    age the general credit; from it the general credit times the AOW factor, the ouderenkorting and,
    without a partner, the alleenstaande ouderenkorting (art. 8.7: those two count whole)."""
    values = default_parameters().resolve(date)
    under, box1 = values[f"{IB}.box1.onder_aow_leeftijd"], values[f"{IB}.box1.{tariff}"]
    ahk = values[f"{HK}.algemene_heffingskorting"]
    if tariff == "onder_aow_leeftijd":
        return box1, ((ahk, 1.0),), 0.0
    credits = ((ahk, _aow_factor(under, box1)), (values[f"{HK}.ouderenkorting"], 1.0))
    return box1, credits, float(values[f"{HK}.alleenstaande_ouderenkorting"]) if alone else 0.0


CURVES = [
    (date, tariff, alone)
    for date in DATES
    for tariff in TARIFFS
    for alone in ((False,) if tariff == "onder_aow_leeftijd" else (False, True))
]


@pytest.mark.parametrize(("date", "tariff", "alone"), CURVES)
def test_the_curve_is_linear_between_its_breakpoints(date, tariff, alone):
    box1, credits, fixed = _curve_args(date, tariff, alone)
    gross, net = _net_curve(box1, credits, fixed)

    def exact(g: np.ndarray) -> np.ndarray:  # net = gross - tax, tax never below nil
        owed = box1.apply(g) - fixed - sum(np.maximum(c.apply(g), 0) * f for c, f in credits)
        return g - np.maximum(owed, 0)

    probe = np.concatenate([(gross[:-1] + gross[1:]) / 2, gross[:-1] + 0.25, gross[1:] - 0.25])
    tolerance = 1e-3  # a thousandth of a cent; rounding the kinks to a cent was 0.09 cent off
    np.testing.assert_allclose(np.interp(probe, gross, net), exact(probe), rtol=0, atol=tolerance)
    assert np.all(np.diff(net) > 0), "net must rise with gross, or the inverse is not unique"


@pytest.mark.parametrize("date", DATES)
def test_the_ouderenkorting_kinks_are_breakpoints(date):
    """Where the ouderenkorting starts to taper and where it reaches nil the net curve bends."""
    box1, credits, fixed = _curve_args(date, "aow_leeftijd", True)
    gross, _ = _net_curve(box1, credits, fixed)
    ok = credits[1][0]
    taper_start = ok.thresholds[-1]
    nil_at = taper_start + ok.bases[-1] / -ok.rates[-1]
    assert np.isclose(gross, taper_start).any() and np.isclose(gross, nil_at).any()


@pytest.mark.parametrize("date", DATES)
def test_elderly_credits_lower_the_gross_of_a_net_benefit(date):
    """The same net needs less gross with the ouderenkorting, and less still with the alleenstaande
    ouderenkorting: a benefit at AOW age is taxed less than one below it."""
    net_year = 30_000_00.0
    grosses = []
    for alone in (False, True):
        gross, net = _net_curve(*_curve_args(date, "aow_leeftijd", alone))
        grosses.append(np.interp(net_year, net, gross))
    assert grosses[1] < grosses[0]
