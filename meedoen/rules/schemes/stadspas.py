"""The city pass as the resident sees it (GelrePas, Meedoen-pas, Stadjerspas)."""

from __future__ import annotations

from meedoen.rules.engine import Simulation
from meedoen.rules.formulas.gemeenten.stadspas import STADSPAS_CONDITIONS
from meedoen.rules.schemes import SchemeResult, first_failed, local_scheme, source
from meedoen.rules.schemes.income_test import granted, income_tested, value_month

CONDITIONS = income_tested(STADSPAS_CONDITIONS, "stadspas_inkomensgrens")


def _naming(s: Simulation) -> tuple[str, str]:
    """Each municipality names its pass (GelrePas, Meedoen-pas, Stadjerspas)."""
    return s.local("stadspas.id"), s.local("stadspas.naam")


@local_scheme("stadspas", "Stadspas", conditions=CONDITIONS, naming=_naming)
def describe(s: Simulation) -> SchemeResult:
    scheme_id, name = _naming(s)
    refused = first_failed(s, CONDITIONS)
    reasons = [
        refused or granted(s, "stadspas_inkomensgrens", f"U krijgt de {name} voor iedereen in uw huishouden.")
    ]
    src = source(s, f"gemeenten.{s.pop.municipality}.stadspas.inkomensgrens")
    extra = value_month(s, "stadspas", refused is None)
    return SchemeResult(scheme_id, name, refused is None, 0, "year", reasons, [src], extra)
