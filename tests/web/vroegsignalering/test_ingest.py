"""Storing an ingest: what is stored, idempotence, history across ingests, all or nothing, the CLI."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from meedoen.cli import main
from meedoen.signals.classify import SignalStatus
from meedoen.web.vroegsignalering import storage
from meedoen.web.vroegsignalering.models import Ingest, Signal, SignalCase
from tests.signals.helpers import csv_text
from tests.web.vroegsignalering.conftest import store

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]


def test_picked_up_signals_open_a_case_in_the_area_team(team, other_team):
    summary = store({}, {"postcode": "6541 XY", "signaalpartner_naam": "Portaal"}, {"bedrag": "10"})
    assert (summary["stored"], summary["picked_up"], summary["cases_opened"]) == (3, 2, 2)
    case = SignalCase.objects.get(postcode="6521AB")
    assert case.team == team and case.deadline == dt.date(2026, 3, 30) and case.arrears_cents == 45000
    assert SignalCase.objects.get(postcode="6541XY").team == other_team
    assert Signal.objects.get(signal_id="S3").status == SignalStatus.ONTERECHT


def test_ingesting_the_same_file_twice_adds_nothing(team):
    rows = ({}, {"signaalpartner_naam": "Vattenfall", "signaalpartner_type": "Energie"})
    first = store(*rows)
    second = store(*rows)
    assert (first["stored"], second["stored"], second["duplicates"], second["rows"]) == (2, 0, 2, 2)
    assert Signal.objects.count() == 2 and SignalCase.objects.count() == 1


def test_a_later_ingest_joins_the_open_case_and_sees_earlier_signals(team):
    store({"signaal_id": "A"})
    summary = store(
        {"signaal_id": "B", "signaaldatum": "2026-03-09"},  # same creditor, not higher: herhaald
        {"signaal_id": "C", "signaaldatum": "2026-03-09", "signaalpartner_naam": "Vitens",
         "signaalpartner_type": "Water", "bedrag": "80", "crisissignaal": "true"},
        today=dt.date(2026, 3, 10),
    )  # fmt: skip
    assert summary["not_picked_up"]["herhaald"] == 1 and summary["cases_opened"] == 0
    case = SignalCase.objects.get()
    assert (case.crisis, case.creditor_count, case.arrears_cents, case.signal_count) == (True, 2, 53000, 2)
    assert case.deadline == dt.date(2026, 3, 5)  # first signal Monday 2 March + 3 working days


def test_a_closed_case_does_not_take_new_signals(team):
    store({"signaal_id": "A"})
    SignalCase.objects.update(status="closed", result="geen_hulp", closed_on=dt.date(2026, 3, 5))
    summary = store({"signaal_id": "B", "signaalpartner_naam": "Eneco", "signaaldatum": "2026-03-09"})
    assert summary["cases_opened"] == 1 and SignalCase.objects.count() == 2


def test_a_failed_ingest_stores_nothing(team, monkeypatch):
    store({"signaal_id": "A"})

    def broken(model, frame):
        if model is Signal:
            raise RuntimeError("disk full")
        return real(model, frame)

    real = storage.insert
    monkeypatch.setattr(storage, "insert", broken)
    with pytest.raises(RuntimeError):
        store({"signaal_id": "B", "postcode": "6522AA"})
    assert list(Signal.objects.values_list("signal_id", flat=True)) == ["A"]
    assert SignalCase.objects.count() == 1 and Ingest.objects.count() == 1


def run_cli(tmp_path, capsys, *rows, extra=()) -> tuple[int, dict]:
    path = tmp_path / "signalen.csv"
    path.write_text(csv_text(*rows), encoding="utf-8")
    code = main(["signals", "ingest", str(path), "--municipality", "nijmegen", "--today", "2026-03-10",
                 "--format", "json", *extra])  # fmt: skip
    return code, json.loads(capsys.readouterr().out)


def test_the_cli_prints_the_contract_summary(tmp_path, capsys, team):
    code, out = run_cli(tmp_path, capsys, {}, {"bsn": "123"}, {"signaal_id": "S1"})
    assert code == 0
    assert list(out) == ["rows", "rejected", "duplicates", "stored", "not_picked_up", "picked_up",
                         "cases_opened", "cases_with_crisis", "errors"]  # fmt: skip
    assert (out["rows"], out["rejected"], out["duplicates"], out["stored"]) == (3, 1, 1, 1)
    assert out["errors"] == [{"line": 3, "field": "bsn", "message": out["errors"][0]["message"]}]


def test_the_threshold_option_overrides_the_municipality(tmp_path, capsys, team):
    _, out = run_cli(tmp_path, capsys, {"bedrag": "60"}, extra=["--threshold", "60.01"])
    assert out["not_picked_up"]["onterecht"] == 1


def test_a_file_without_its_required_columns_stops_with_nothing_stored(tmp_path, capsys, team):
    path = tmp_path / "kapot.csv"
    path.write_text("signaal_id,bedrag\nA,12\n", encoding="utf-8")
    code = main(
        [
            "signals",
            "ingest",
            str(path),
            "--municipality",
            "nijmegen",
            "--today",
            "2026-03-10",
            "--format",
            "json",
        ]
    )
    out = json.loads(capsys.readouterr().out)
    assert (
        code == 2
        and out["stored"] == 0
        and {"line": 1, "field": "postcode"} in [{k: e[k] for k in ("line", "field")} for e in out["errors"]]
    )
    assert Signal.objects.count() == 0


def test_the_command_prepares_an_empty_database_itself(tmp_path):
    """The public command against a fresh SQLite file: the schema is created, then the signals stored."""
    path = tmp_path / "signalen.csv"
    path.write_text(csv_text({}, {"signaal_id": "S1"}), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'nieuw.sqlite3'}"
    args = [sys.executable, "-m", "meedoen.cli", "signals", "ingest", str(path), "--municipality", "nijmegen",
            "--today", "2026-03-10", "--format", "json"]  # fmt: skip
    for expected_stored in (1, 0):
        done = subprocess.run(args, capture_output=True, text=True, env=env, cwd=ROOT, check=True)
        out = json.loads(done.stdout)
        assert (out["rows"], out["duplicates"], out["stored"]) == (2, 2 - expected_stored, expected_stored)
