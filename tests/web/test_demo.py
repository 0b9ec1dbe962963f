"""The demo data loads through the app's own code, and loading twice changes nothing."""

import pytest
from django.core.management import call_command
from django.test import override_settings

from meedoen.web.applications.models import Application, Status

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True)
def test_load_demo_is_idempotent(capsys):
    call_command("load_demo")
    # nothing in Nijmegen is decided by the machine on declared facts (automation policy, issue 15)
    fatima = Application.objects.filter(submission__resident__username="fatima")
    assert fatima.exists() and not fatima.filter(status=Status.GRANTED).exists()
    others = fatima.exclude(scheme_id="bijstand")
    assert all("Niet automatisch besloten" in a.events.last().note for a in others)
    assert Application.objects.filter(status=Status.IN_REVIEW, submission__resident__username="jan").exists()
    count = Application.objects.count()
    call_command("load_demo")
    assert Application.objects.count() == count
    assert "BSN 999990019" in capsys.readouterr().out
