"""The monitor and its demo data are plain libraries: no Django, no web layer, no CLI wiring."""

from tests.test_architecture import offending

FORBIDDEN = ("django", "meedoen.web", "meedoen.signals", "meedoen.analysis", "meedoen.cli")


def test_monitor_is_a_plain_library():
    assert offending("monitor", FORBIDDEN) == []


def test_demo_data_is_a_plain_library():
    assert offending("demo", FORBIDDEN) == []
