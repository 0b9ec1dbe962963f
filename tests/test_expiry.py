"""``meedoen parameters expiring``: which parameters' published values end within the window."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from meedoen.cli import main
from meedoen.rules import expiry
from meedoen.rules.parameters import Parameter, ParameterSet, Reference, default_parameters

TODAY = dt.date(2026, 12, 1)
SOURCE = (Reference("Participatiewet art. 21", "https://wetten.overheid.nl/BWBR0015703", "BWBR0015703"),)


def _param(path: str, starts: tuple[int, ...], until: int, confidence: str = "verified") -> Parameter:
    return Parameter(
        path=path,
        description=f"Test {path}",
        unit="EUR",
        references=SOURCE,
        starts=starts,
        values=tuple(100 for _ in starts),
        covered_until=until,
        file=f"parameters/{path.replace('.', '/')}.yaml",
        confidence=confidence,
    )


@pytest.fixture
def tree() -> ParameterSet:
    return ParameterSet(
        {
            "nl.a.ends_this_year": _param("nl.a.ends_this_year", (20250101, 20260101), 20261231),
            "nl.a.ended": _param("nl.a.ended", (20240101,), 20251231, "secondary"),
            "nl.b.next_year": _param("nl.b.next_year", (20270101,), 20271231),
            "nl.b.on_the_horizon": _param("nl.b.on_the_horizon", (20260101,), 20270130),
            "nl.b.just_after": _param("nl.b.just_after", (20260101,), 20270131),
        }
    )


def test_lists_what_ends_within_the_window_and_what_ended_soonest_first(tree):
    found = expiry.expiring(TODAY, 60, tree)
    # 2026-12-01 + 60 days = 2027-01-30: that day is in, the day after is not
    assert [e.path for e in found] == ["nl.a.ended", "nl.a.ends_this_year", "nl.b.on_the_horizon"]
    ended, this_year, _ = found
    assert this_year.last_value == dt.date(2026, 1, 1) and this_year.covered_until == dt.date(2026, 12, 31)
    assert this_year.file == "parameters/nl/a/ends_this_year.yaml" and this_year.confidence == "verified"
    assert this_year.days_left(TODAY) == 30
    assert ended.as_dict(TODAY)["expired"] is True and ended.confidence == "secondary"


def test_a_narrow_window_and_a_quiet_period(tree):
    assert [e.path for e in expiry.expiring(TODAY, 0, tree)] == ["nl.a.ended"]
    assert [e.path for e in expiry.expiring(dt.date(2025, 6, 1), 60, tree)] == []
    with pytest.raises(ValueError):
        expiry.expiring(TODAY, -1, tree)


def test_the_bundled_tree_is_read_whole():
    """Every bundled parameter is listed once its covered_until is within reach."""
    parameters = default_parameters()
    last = max(parameters[p].covered_until for p in parameters.paths())
    far = dt.date(last // 10000 + 1, 1, 1)
    assert len(expiry.expiring(far, 0)) == len(parameters.paths())


def test_cli_text_and_json_with_a_fixed_today(tree, monkeypatch, capsys):
    monkeypatch.setattr(expiry, "default_parameters", lambda: tree)
    assert main(["parameters", "expiring", "--today", "2026-12-01"]) == 0
    text = capsys.readouterr().out
    assert "3 parameters whose published values end by 2027-01-30" in text
    assert (
        "2026-12-31     2026-01-01  verified    nl.a.ends_this_year  (parameters/nl/a/ends_this_year.yaml)"
        in text
    )
    assert "nl.a.ended" in text and "(past)" in text and "nl.b.just_after" not in text

    assert (
        main(["parameters", "expiring", "--within", "90", "--today", "2026-12-01", "--format", "json"]) == 0
    )
    out = json.loads(capsys.readouterr().out)
    assert out["today"] == "2026-12-01" and out["within_days"] == 90 and out["until"] == "2027-03-01"
    assert [p["path"] for p in out["parameters"]] == [
        "nl.a.ended",
        "nl.a.ends_this_year",
        "nl.b.on_the_horizon",
        "nl.b.just_after",
    ]
    assert out["parameters"][1] == {
        "path": "nl.a.ends_this_year",
        "description": "Test nl.a.ends_this_year",
        "last_value": "2026-01-01",
        "covered_until": "2026-12-31",
        "days_left": 30,
        "expired": False,
        "file": "parameters/nl/a/ends_this_year.yaml",
        "confidence": "verified",
    }


def test_cli_nothing_due_still_exits_0(tree, monkeypatch, capsys):
    monkeypatch.setattr(expiry, "default_parameters", lambda: tree)
    assert main(["parameters", "expiring", "--today", "2025-06-01"]) == 0
    assert "No parameter's published values end by 2025-07-31" in capsys.readouterr().out


@pytest.mark.parametrize("args", [["--within", "-5"], ["--within", "two"], ["--today", "1-12-2026"]])
def test_cli_bad_options_exit_2(args, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["parameters", "expiring", *args])
    assert exc.value.code == 2
