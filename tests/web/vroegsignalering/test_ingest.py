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
from meedoen.web.vroegsignalering.models import Ingest, Signal, SignalCase, Source
from meedoen.web.vroegsignalering.storage import Delivery, ingest
from tests.signals.helpers import TODAY, csv_text, parse
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


# Issue 16: a bad row never costs the delivery, on the command line too.


def bad_rows_file(tmp_path) -> Path:
    """Four signals: a NUL in row 3, bytes that are not UTF-8 (latin-1) in row 4."""
    text = csv_text({}, {"achternaam": "O\x00Brien"}, {"achternaam": "XXX"}, {"signaalpartner_naam": "Eneco"})
    path = tmp_path / "signalen.csv"
    path.write_bytes(text.encode().replace(b"XXX", b"J\xe9ssen"))
    return path


def ingest_cli(path: Path, capsys) -> tuple[int, dict]:
    code = main(["signals", "ingest", str(path), "--municipality", "nijmegen", "--today", "2026-03-10",
                 "--format", "json"])  # fmt: skip
    return code, json.loads(capsys.readouterr().out)


def test_the_cli_rejects_bad_bytes_row_by_row_and_stores_the_rest(tmp_path, capsys, team):
    path = bad_rows_file(tmp_path)
    code, out = ingest_cli(path, capsys)
    assert code == 0
    assert (out["rows"], out["rejected"], out["stored"]) == (4, 2, 2)
    assert [(e["line"], e["field"]) for e in out["errors"]] == [(3, "achternaam"), (4, "achternaam")]
    assert "NUL" in out["errors"][0]["message"] and "UTF-8" in out["errors"][1]["message"]
    assert set(Signal.objects.values_list("signal_id", flat=True)) == {"S1", "S4"}
    assert "\x00" not in json.dumps(Ingest.objects.get().summary)
    code, again = ingest_cli(path, capsys)  # idempotent: the good rows are known, the bad still rejected
    assert (code, again["rejected"], again["duplicates"], again["stored"]) == (0, 2, 2, 0)


def test_a_signal_from_the_first_days_of_the_calendar_does_not_break_the_ingest(team):
    summary = store({"signaaldatum": "0001-01-05", "ontstaansdatum": "0001-01-01"}, {"signaal_id": "B"})
    assert summary["stored"] == 2


def test_a_file_name_with_control_characters_is_stored_readably(team):
    parsed = parse({})
    ingest(parsed, Delivery("nijmegen", TODAY, 5000, Source.UPLOAD, "sig\x00nalen.csv"))
    assert Ingest.objects.get().filename == "sig?nalen.csv"
