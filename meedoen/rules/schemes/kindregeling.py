"""Child schemes (Kinderfonds) as the resident sees them."""

from __future__ import annotations

from meedoen.rules.engine import Simulation
from meedoen.rules.schemes import Reason, SchemeResult, local_scheme, one, source
from meedoen.rules.schemes.income_test import income_reasons


@local_scheme("kindregeling", "Kinderfonds")
def describe(s: Simulation) -> SchemeResult:
    children = one(s, "kindregeling")
    youngest = s.local("kindregeling.minimum_leeftijd_kind")
    if one(s, "minor_children") == 0:
        reasons = [Reason("no_children", f"Deze regeling is voor kinderen van {youngest} tot 18 jaar.")]
    else:
        reasons = income_reasons(
            s,
            "kindregeling_inkomensgrens",
            "Uw kinderen kunnen hulp krijgen bij schoolspullen, sport en cultuur.",
        )
    src = source(s, f"gemeenten.{s.pop.municipality}.kindregeling.inkomensgrens")
    return SchemeResult("kindregeling", "Kinderfonds", children > 0, 0, "year", reasons, [src])
