"""The demo month of signals loads through the ingest, with the signals team's log-ins, idempotently."""

import pytest
from django.core.management import call_command

from meedoen.web.accounts.models import Role, User
from meedoen.web.vroegsignalering.models import Signal, SignalCase

pytestmark = pytest.mark.django_db


def test_load_demo_signals_is_idempotent(team, capsys):
    call_command("load_demo_signals", force=True)
    signals, cases = Signal.objects.count(), SignalCase.objects.count()
    assert signals > 250 and cases > 50 and SignalCase.objects.filter(team=team).exists()
    assert User.objects.get(username="vroegsignaleerder").role == Role.OUTREACH_WORKER
    call_command("load_demo_signals", force=True)
    assert (Signal.objects.count(), SignalCase.objects.count()) == (signals, cases)
    assert "teamleider.vs" in capsys.readouterr().out
