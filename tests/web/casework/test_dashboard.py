"""The monitor dashboard: the management report's figures from the case work (or the demo city when
there are no cases), aggregates only, every count under 10 shown as "<10", for staff with figures."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from meedoen.monitor.kpis import kpis
from meedoen.monitor.loading import load
from meedoen.web.casework import dashboard, monitor_export
from meedoen.web.casework.models import Instrument
from meedoen.web.casework.monitor_export import DebtHelpRow, write_tables
from tests.web import factories
from tests.web.conftest import logged_in

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def caseload(team, other_team):
    """12 people on bijstand in Oost, 2 in West (one left for work); data from 2024-01-05 to 2025-01-02."""
    oost = [factories.casework_client(team, spell_start=D(2023, 6, 1)) for _ in range(12)]
    west = factories.casework_client(other_team, spell_start=D(2023, 1, 1))
    factories.casework_client(other_team, spell_start=D(2023, 1, 10), spell_end=D(2024, 1, 5), reason="work")
    Instrument.objects.create(client=west, kind="jobcoaching", start_date=D(2025, 1, 2))
    return oost


def headline(page: str, label: str) -> str:
    """The value for the period itself in the row ``label`` of the Kerncijfers table."""
    row = re.search(rf'scope="row">{re.escape(label)}</th>(.*?)</tr>', page, re.S)
    assert row, label
    return re.findall(r"<td[^>]*>(.*?)</td>", row.group(1))[1]


def test_the_dashboard_shows_the_monitors_figures_for_the_case_work(caseload, adviser, team_lead, tmp_path):
    response = logged_in(adviser).get("/medewerkers/monitor/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Bron: de klantbegeleiding in deze applicatie" in page
    assert 'value="2024-T3" selected' in page  # the newest whole tertial in the data
    write_tables(tmp_path)
    engine = kpis(load(tmp_path).tables, D(2024, 9, 1), D(2024, 12, 31), D(2025, 1, 2))
    assert engine["stock_at_to"] == 13
    assert headline(page, "Personen met bijstand op de laatste dag") == "13"
    assert headline(page, "Zonder startkwalificatie in de bijstand") == "&lt;10"  # 0 is suppressed too
    assert headline(page, "Instroom") == "&lt;10"
    assert "Wijkteam Oost" in page and 'alt="Grafiek: Personen met bijstand per maand' in page
    for client in caseload:  # aggregates only
        assert client.resident.bsn not in page
        assert not re.search(rf"\b{client.resident.last_name}\b", page)  # not the adviser "Persoon14"
    assert logged_in(team_lead).get("/medewerkers/monitor/").status_code == 200  # cached: same data


def test_a_report_is_reused_for_ten_minutes_then_rebuilt(caseload, adviser, team, monkeypatch):
    url = "/medewerkers/monitor/?period=2024-T3"
    assert "Berekend op" in logged_in(adviser).get(url).content.decode()
    factories.casework_client(team, spell_start=D(2024, 1, 1))
    page = logged_in(adviser).get(url).content.decode()
    assert headline(page, "Personen met bijstand op de laatste dag") == "13"  # not live
    monkeypatch.setattr(dashboard, "FRESH", dt.timedelta(0))
    page = logged_in(adviser).get(url).content.decode()
    assert headline(page, "Personen met bijstand op de laatste dag") == "14"


def test_one_area_is_shown_with_its_small_counts_suppressed(caseload, adviser):
    page = logged_in(adviser).get("/medewerkers/monitor/?period=2024-T3&area=Wijkteam+West").content.decode()
    assert "2024-T3: september t/m december 2024, Wijkteam West" in page
    assert headline(page, "Personen met bijstand op de laatste dag") == "&lt;10"
    assert "Wijkteam Oost</th>" not in page


def test_a_bad_choice_gets_a_dutch_error(caseload, adviser):
    page = logged_in(adviser).get("/medewerkers/monitor/?period=1999-T1").content.decode()
    assert 'id="id_period_error"' in page and "Selecteer een geldige keuze" in page
    assert "Kies een periode en een gebied uit de lijst." in page and "Kerncijfers" not in page


def test_only_roles_with_figures_open_the_dashboard(caseload, consultant, resident):
    for user in (consultant, resident):
        assert logged_in(user).get("/medewerkers/monitor/").status_code == 403


def test_without_cases_the_demo_city_is_shown_and_named(adviser):
    page = logged_in(adviser).get("/medewerkers/monitor/?period=2024-T2").content.decode()
    assert "Bron: de synthetische demostad van de monitor" in page
    assert "geen echte cijfers" in page
    assert headline(page, "Personen met bijstand op de laatste dag") == "7.595"


def test_an_export_that_breaks_the_contract_is_named_not_a_crash(caseload, adviser, monkeypatch):
    def broken():
        yield DebtHelpRow("999700019", D(1990, 1, 1), "Wijkteam Oost", D(2024, 3, 1), None, "onbekend")

    monkeypatch.setattr(monitor_export, "DEBT_HELP_SOURCES", [broken])
    response = logged_in(adviser).get("/medewerkers/monitor/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "De export naar de monitor klopt niet" in page and "debt_help.csv" in page
    assert "Kerncijfers" not in page


def test_the_adviser_can_choose_the_demo_city_and_sees_the_ambition(caseload, adviser):
    page = logged_in(adviser).get("/medewerkers/monitor/?bron=demo").content.decode()
    assert "Bron: de synthetische demostad van de monitor" in page
    assert 'value="2024-T3" selected' in page  # the demo city's newest tertial
    assert 'id="ambitie"' in page and "Doel: 500 personen minder in de bijstand" in page
    assert headline(page, "Personen met bijstand op de laatste dag") == "7.556"  # not <10: a real city size


def test_the_report_downloads_as_pdf_and_csv(caseload, adviser):
    client = logged_in(adviser)
    csv_response = client.get("/medewerkers/monitor/download.csv?bron=demo&period=2024-T2")
    assert csv_response.status_code == 200 and csv_response["Content-Type"].startswith("text/csv")
    assert 'filename="monitor-arnhem-2024-T2-cijfers.csv"' in csv_response["Content-Disposition"]
    rows = csv_response.content.decode().splitlines()
    assert rows[0].startswith("figuur,titel,cijfer,telt") and any(",7595," in r for r in rows)
    pdf = client.get("/medewerkers/monitor/download.pdf?bron=demo&period=2024-T2")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert client.get("/medewerkers/monitor/download.exe").status_code == 404


def test_only_roles_with_figures_download(caseload, consultant, resident, client):
    for user in (consultant, resident):
        assert logged_in(user).get("/medewerkers/monitor/download.csv").status_code == 403
    response = client.get("/medewerkers/monitor/download.csv")
    assert response.status_code == 302 and "/inloggen/" in response["Location"]
