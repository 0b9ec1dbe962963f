"""Migration 0002: existing signals keep their sender (issue 16, platforms isolated)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("vroegsignalering", "0001_initial")]
AFTER = [("vroegsignalering", "0002_signal_platform")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_api_signals_are_linked_to_their_platform_and_files_stay_the_municipalitys():
    apps = migrate(BEFORE)
    try:
        Ingest = apps.get_model("vroegsignalering", "Ingest")
        Signal = apps.get_model("vroegsignalering", "Signal")
        Platform = apps.get_model("vroegsignalering", "SignalPlatform")
        inforing = Platform.objects.create(name="Inforing", municipality="nijmegen", token_hash="a" * 64)
        day = dt.date(2026, 3, 10)
        common = {"municipality": "nijmegen", "today": day, "threshold_cents": 5000}
        api = Ingest.objects.create(source="api", filename="api:Inforing", **common)
        gone = Ingest.objects.create(source="api", filename="api:Opgeheven", **common)
        cli = Ingest.objects.create(source="cli", filename="api:Inforing", **common)  # a file so named
        signal = {"municipality": "nijmegen", "status": "opgepakt", "received_on": day,
                  "partner_type": "Huur", "partner_name": "Talis", "signal_date": day, "arisen_date": day,
                  "amount_cents": 100, "postcode": "6521AB", "house_number": 1}  # fmt: skip
        for signal_id, ingest in (("A", api), ("B", gone), ("C", cli)):
            Signal.objects.create(signal_id=signal_id, ingest=ingest, **signal)

        apps = migrate(AFTER)
        Signal = apps.get_model("vroegsignalering", "Signal")
        linked = dict(Signal.objects.values_list("signal_id", "platform_id"))
        assert linked == {"A": inforing.pk, "B": None, "C": None}
        # now the same id may come from another sender
        Signal.objects.create(signal_id="C", platform_id=inforing.pk, **signal)
        assert Signal.objects.filter(signal_id="C").count() == 2
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
