"""No rules in the web app: only its calculation gateway and the API call the engine, and nothing in
meedoen/web reaches into the engine's formulas or schemes (the rules engine never imports web either:
tests/test_architecture.py)."""

from tests.test_architecture import offending

ENGINE_INSIDE = ("meedoen.rules.formulas", "meedoen.rules.schemes", "meedoen.rules.engine", "numpy")
ENTRY_POINTS = ("meedoen.rules.entitlements",)


def test_web_never_reaches_into_the_engine():
    assert offending("web", ENGINE_INSIDE) == []


def test_only_the_gateway_and_the_api_evaluate_households():
    allowed = {
        "web/calculation.py imports meedoen.rules.entitlements",
        "web/api/endpoints.py imports meedoen.rules.entitlements",
    }
    assert set(offending("web", ENTRY_POINTS)) <= allowed
