"""The monitor and its demo data are plain libraries: no Django, no web layer, no analyses, no CLI wiring."""

from tests.test_architecture import PACKAGE, imports_of, offending

FORBIDDEN = ("django", "meedoen.web", "meedoen.signals", "meedoen.analysis", "meedoen.cli")


def test_monitor_is_a_plain_library():
    assert offending("monitor", FORBIDDEN) == []


def test_the_shared_report_helpers_are_a_leaf():
    own = [n for f in (PACKAGE / "reporting").glob("*.py") for n in imports_of(f) if n.startswith("meedoen")]
    assert own == []


def test_demo_data_is_a_plain_library():
    assert offending("demo", FORBIDDEN) == []
