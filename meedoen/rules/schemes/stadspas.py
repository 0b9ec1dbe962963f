"""The city pass as the resident sees it (GelrePas, Meedoen-pas, Stadjerspas)."""

from __future__ import annotations

from meedoen.rules.engine import Simulation
from meedoen.rules.schemes import SchemeResult, local_scheme, source
from meedoen.rules.schemes.income_test import income_reasons


@local_scheme("stadspas", "Stadspas", naming=lambda s: (s.local("stadspas.id"), s.local("stadspas.naam")))
def describe(s: Simulation) -> SchemeResult:
    scheme_id, name = s.local("stadspas.id"), s.local("stadspas.naam")
    eligible = bool(s("stadspas")[0])
    reasons = income_reasons(
        s, "stadspas_inkomensgrens", f"U krijgt de {name} voor iedereen in uw huishouden."
    )
    return SchemeResult(
        scheme_id,
        name,
        eligible,
        0,
        "year",
        reasons,
        [source(s, f"gemeenten.{s.pop.municipality}.stadspas.inkomensgrens")],
    )
