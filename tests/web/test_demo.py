"""The demo data loads through the app's own code, and loading twice changes nothing."""

import pytest
from django.core.management import call_command
from django.test import override_settings

from meedoen.web.applications.models import Application, Status

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True)
def test_load_demo_is_idempotent(capsys):
    call_command("load_demo")
    assert Application.objects.filter(status=Status.GRANTED, submission__resident__username="fatima").exists()
    assert Application.objects.filter(status=Status.IN_REVIEW, submission__resident__username="jan").exists()
    count = Application.objects.count()
    call_command("load_demo")
    assert Application.objects.count() == count
    assert "BSN 999990019" in capsys.readouterr().out
