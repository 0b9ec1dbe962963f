"""The export to the monitor: the contract's four tables, pseudonymous, loadable strictly; the
monitor's own CLI computes the KPIs we count by hand on the same cases, and makes the report."""

from __future__ import annotations

import csv
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings

from meedoen.monitor import tables as contract
from meedoen.web.casework import monitor_export
from meedoen.web.casework.demo import demo_bsns
from meedoen.web.casework.models import DebtHelp, DebtRoute, Instrument, InstrumentKind, OutflowReason
from meedoen.web.casework.monitor_export import DebtHelpRow, register_debt_help_source
from meedoen.web.components.pseudonym import person_key
from tests.web import factories

pytestmark = pytest.mark.django_db
D = dt.date


def rows(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / f"{name}.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def monitor(*args: str) -> subprocess.CompletedProcess:
    """The installed ``meedoen`` command, as a municipality runs it."""
    command = Path(sys.executable).parent / "meedoen"
    return subprocess.run([str(command), "monitor", *args], capture_output=True, text=True, check=False)


def test_the_enumerations_are_the_contracts():
    assert tuple(InstrumentKind.values) == contract.INSTRUMENTS
    assert tuple(OutflowReason.values) == contract.OUTFLOW_REASONS
    assert set(DebtRoute.values) == set(contract.ROUTES) - {"vroegsignalering"}


@pytest.fixture
def cases(team, other_team):
    """Two teams; by hand for 2024-01-01..2024-04-30 (as of 2025-06-30):
    stock 1 Jan: a, b, c = 3; stock 30 Apr: b, c, d = 3; inflow: d = 1; outflow: a (work) = 1,
    durable (a not back within 365 days) = 1 of 1 measurable; loonkostensubsidie on 30 Apr: a = 1;
    debt help started: b (age 22) and the outside source's e (age 40) = 2, under 27: 1."""
    a = factories.casework_client(
        team, spell_start=D(2022, 5, 1), spell_end=D(2024, 1, 31), reason="work", startkwalificatie=True
    )
    b = factories.casework_client(team, spell_start=D(2023, 3, 1), birth_date=D(2001, 6, 1))
    c = factories.casework_client(other_team, spell_start=D(2020, 1, 1), startkwalificatie=False)
    d = factories.casework_client(other_team, spell_start=D(2024, 4, 30))
    Instrument.objects.create(client=a, kind="loonkostensubsidie", start_date=D(2024, 2, 1))
    Instrument.objects.create(client=c, kind="jobcoaching", start_date=D(2023, 1, 1), end_date=D(2023, 6, 30))
    DebtHelp.objects.create(client=b, start_date=D(2024, 3, 1), route="referral")
    return a, b, c, d


OUTSIDE_BSN = next(demo_bsns())  # a resident with debt help but no case here


def outside_source():
    yield DebtHelpRow(OUTSIDE_BSN, D(1984, 1, 1), "Wijkteam Oost", D(2024, 2, 1), None, "vroegsignalering")


def test_export_writes_the_four_tables_with_pseudonymous_keys(cases, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(monitor_export, "DEBT_HELP_SOURCES", list(monitor_export.DEBT_HELP_SOURCES))
    register_debt_help_source(outside_source)
    register_debt_help_source(outside_source)  # once only
    call_command("export_monitor", str(tmp_path))
    assert "persons.csv: 5 rows" in capsys.readouterr().out
    a = cases[0]
    persons = rows(tmp_path, "persons")
    assert [p["person_id"] for p in persons[:4]] == [person_key(x.resident.bsn) for x in cases]
    assert persons[0] == {
        "person_id": person_key(a.resident.bsn),
        "birth_date": "1985-03-01",
        "area": "Wijkteam Oost",
        "startkwalificatie": "true",
    }
    assert [p["startkwalificatie"] for p in persons] == ["true", "", "false", "", ""]
    assert persons[4]["person_id"] == person_key(OUTSIDE_BSN)  # debt help without a case here
    spell = rows(tmp_path, "spells")[0]
    assert spell == {
        "spell_id": f"S{a.spells.get().pk}",
        "person_id": person_key(a.resident.bsn),
        "start_date": "2022-05-01",
        "end_date": "2024-01-31",
        "outflow_reason": "work",
    }
    assert {r["route"] for r in rows(tmp_path, "debt_help")} == {"referral", "vroegsignalering"}
    text = "".join(f.read_text() for f in tmp_path.glob("*.csv"))
    for x in cases:
        assert x.resident.bsn not in text
    assert OUTSIDE_BSN not in text


def test_the_monitor_cli_computes_the_hand_counted_kpis_on_the_export(cases, tmp_path, monkeypatch):
    from meedoen.monitor.kpis import kpis
    from meedoen.monitor.loading import load

    monkeypatch.setattr(
        monitor_export, "DEBT_HELP_SOURCES", [monitor_export.casework_debt_help, outside_source]
    )
    call_command("export_monitor", str(tmp_path))
    period = ("--from", "2024-01-01", "--to", "2024-04-30", "--as-of", "2025-06-30")
    run = monitor("kpis", str(tmp_path), *period, "--format", "json")
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert (result["stock_at_from"], result["stock_at_to"], result["inflow"]) == (3, 3, 1)
    assert result["outflow"]["work"] == result["outflow"]["total"] == 1
    assert result["durable_outflow_work"] == {"measurable": 1, "durable": 1, "pending": 0, "rate": 1.0}
    assert result["loonkostensubsidie_active_at_to"] == 1
    assert (result["debt_help_started"], result["debt_help_started_under_27"]) == (2, 1)
    assert result["startkwalificatie"]["stock_without_sk_at_to"] == 1
    assert set(result["by_area"]) == {"Wijkteam Oost", "Wijkteam West"}
    assert result["by_area"]["Wijkteam West"]["inflow"] == 1
    engine = kpis(load(tmp_path).tables, D(2024, 1, 1), D(2024, 4, 30), D(2025, 6, 30))
    assert json.loads(json.dumps(engine)) == result
    assert "0 skipped" in run.stderr and "persons.csv: 5 rows read, 5 used" in run.stderr


@override_settings(DEBUG=True)
def test_the_demo_caseload_exports_to_a_management_report(tmp_path):
    for name in ("Wijkteam Oost", "Wijkteam West", "Wijkteam Centrum"):
        factories.AreaTeamFactory(name=name)
    call_command("load_demo_casework")
    call_command("load_demo_casework")  # idempotent
    call_command("export_monitor", str(tmp_path / "export"))
    assert len(rows(tmp_path / "export", "persons")) == 150
    run = monitor(
        "report",
        str(tmp_path / "export"),
        "--period",
        "2024-T2",
        "--municipality",
        "nijmegen",
        "--no-pdf",
        "--out",
        str(tmp_path / "out"),
    )
    assert run.returncode == 0, run.stderr
    html = (tmp_path / "out" / "monitor-nijmegen-2024-T2.html").read_text(encoding="utf-8")
    assert "Bestuursrapportage Werk en Inkomen Nijmegen" in html and "Wijkteam Centrum" in html


@pytest.mark.django_db
def test_a_source_row_without_case_or_birth_date_is_left_out():
    """persons.csv needs a birth date: a BSN-only signal's trajectory cannot be listed yet."""
    day = dt.date(2026, 3, 9)
    known = DebtHelpRow("999990019", dt.date(1980, 1, 1), "Wijkteam Oost", day, None, "vroegsignalering")
    unknown = DebtHelpRow("999990032", None, "Wijkteam Oost", day, None, "vroegsignalering")
    rows = monitor_export.monitor_rows(sources=[lambda: [known, unknown]])
    assert [r["person_id"] for r in rows["debt_help"]] == [person_key("999990019")]
    assert [p["person_id"] for p in rows["persons"]] == [person_key("999990019")]
