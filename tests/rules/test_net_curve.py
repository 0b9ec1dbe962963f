"""The gross of a net benefit is read off a piecewise-linear curve: every kink must be a breakpoint."""

import datetime as dt

import numpy as np
import pytest

from meedoen.rules.formulas.income_tax import HK, IB, _aow_factor, _net_curve
from meedoen.rules.parameters import default_parameters

TARIFFS = ("onder_aow_leeftijd", "aow_leeftijd", "geboren_voor_1946")


@pytest.mark.parametrize("date", [dt.date(2025, 1, 1), dt.date(2026, 1, 1)])
@pytest.mark.parametrize("tariff", TARIFFS)
def test_the_curve_is_linear_between_its_breakpoints(date, tariff):
    values = default_parameters().resolve(date)
    under, box1, ahk = (
        values[f"{IB}.box1.onder_aow_leeftijd"],
        values[f"{IB}.box1.{tariff}"],
        values[f"{HK}.algemene_heffingskorting"],
    )
    factor = 1.0 if tariff == "onder_aow_leeftijd" else _aow_factor(under, box1)
    gross, net = _net_curve(box1, ahk, factor)
    # net = gross - tax, tax = box 1 minus the general credit (never below nil), never below nil
    probe = np.concatenate([(gross[:-1] + gross[1:]) / 2, gross[:-1] + 0.25, gross[1:] - 0.25])
    exact = probe - np.maximum(box1.apply(probe) - np.maximum(ahk.apply(probe), 0) * factor, 0)
    tolerance = 1e-3  # a thousandth of a cent; rounding the kinks to a cent was 0.09 cent off
    np.testing.assert_allclose(np.interp(probe, gross, net), exact, rtol=0, atol=tolerance)
    assert np.all(np.diff(net) > 0), "net must rise with gross, or the inverse is not unique"
