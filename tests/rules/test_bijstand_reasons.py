"""The bijstand's reasons name who pays it: from the AOW age the SVB (AIO), not the municipality."""

from __future__ import annotations

from tests.rules.test_toeslagen_reasons import _codes, _schemes


def test_a_pensioner_is_sent_to_the_svb_for_the_aio():
    # Born 1 January 1950: past the AOW age on 1 March 2026; 900 net is under the AOW-age single norm.
    bijstand = _schemes(
        [{"id": "a", "role": "applicant", "birth_date": "1950-01-01", "net_income_month": 900}]
    )["bijstand"]
    assert bijstand["eligible"] and _codes(bijstand) == ["income_below_norm", "aio_by_svb"]
    assert "bij de SVB, niet bij de gemeente" in bijstand["reasons"][-1]["text"]


def test_below_the_aow_age_the_municipality_pays_it():
    bijstand = _schemes(
        [{"id": "a", "role": "applicant", "birth_date": "1990-01-01", "net_income_month": 900}]
    )["bijstand"]
    assert bijstand["eligible"] and "aio_by_svb" not in _codes(bijstand)
