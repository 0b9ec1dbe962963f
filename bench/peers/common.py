"""What the benchmark's processes share: the population as .npz, the parameters as JSON, memory.

Imported by ``run.py`` (Meedoen's environment) and by ``worker.py`` in every peer's virtualenv, so it
needs NumPy and the standard library only.
"""

from __future__ import annotations

import datetime as dt
import json
import resource
from pathlib import Path
from typing import Any

import numpy as np

# The results every engine computes, per household, for each rule set: the Participatiewet subset of
# bench/handwritten.py (bench/run.py's ISSUE_3_RESULTS); for "all", every variable the policy
# simulation evaluates on the parameters given plus handwritten_all.EXTRAS: that list depends on
# which local values are known, so run.py takes it from the simulation and writes it into the
# exported parameters ("results"), which the workers read.
RULE_SETS = ("all", "participatiewet")
RESULTS = {
    "participatiewet": (
        "household_type", "kostendelers", "norm", "norm_excl_vakantietoeslag", "vakantietoeslag",
        "income_net_month", "bijstand",
    ),
}  # fmt: skip

# The peers' input variables: (name in the model, population column, entity), per rule set. The
# Participatiewet subset leaves wage, toetsingsinkomen, rent and low income at their defaults.
PERSON_INPUTS = (
    ("net_income", "net_income_cents"),
    ("student_finance", "student_finance"),
    ("commercial_tenant", "commercial_tenant"),
)
HOUSEHOLD_INPUTS = (("housing_kind", "housing_kind"), ("assets", "assets_cents"))
PERSON_INPUTS_ALL = (
    *PERSON_INPUTS,
    ("wage_gross", "wage_gross_cents"),
    ("toetsingsinkomen_opgegeven", "toetsingsinkomen_cents"),
    ("earnings_since", "earnings_since"),
    ("temporary_informal_carer", "temporary_informal_carer"),
    ("school", "school"),
)
HOUSEHOLD_INPUTS_ALL = (
    *HOUSEHOLD_INPUTS,
    ("rent", "rent_cents"),
    ("low_income_since", "low_income_since"),
    ("energy", "energy_cents"),
)
INPUTS = {
    "participatiewet": (PERSON_INPUTS, HOUSEHOLD_INPUTS),
    "all": (PERSON_INPUTS_ALL, HOUSEHOLD_INPUTS_ALL),
}

# Parameters the rules read, as they are in force on the peildatum (``ParameterSet.resolve``);
# the municipality's own (``gemeenten.<m>.``) are added by export_parameters.
PARAMETER_PREFIXES = (
    *(
        f"nl.participatiewet.{name}"
        for name in ("normen.", "kostendelersnorm.", "vakantietoeslag", "vermogensgrens.", "vrijlating.")
    ),
    "nl.inkomstenbelasting.",
    "nl.toeslagen.",
    "nl.invordering.",
)
# The AOW age is set per calendar year and whoever reached it keeps it: the rule reads its history.
AOW_AGE = "nl.aow.leeftijd"

# The columns of meedoen.rules.population.Population.
COLUMNS = (
    "housing_kind", "rent_cents", "energy_cents", "assets_cents", "low_income_since",
    "household", "role", "birth", "net_income_cents", "wage_gross_cents",
    "toetsingsinkomen_cents", "school", "student_finance", "commercial_tenant", "earnings_since",
    "temporary_informal_carer",
)  # fmt: skip
ROLES = ("applicant", "partner", "child", "housemate")
HOUSING_KINDS = ("rent", "own", "institution", "homeless")
SCHOOLS = ("none", "po", "vo", "mbo", "hbo_wo")
HOUSEHOLD_TYPES = ("single", "single_parent", "couple")


def save_population(pop: Any, path: Path) -> None:
    """Write a ``meedoen.rules.population.Population`` as plain arrays (no pickle)."""
    columns = {name: getattr(pop, name) for name in COLUMNS}
    np.savez(
        path,
        date=np.array(pop.date.isoformat()),
        municipality=np.array(pop.municipality),
        **columns,
    )


def load_arrays(path: Path) -> dict[str, Any]:
    """The population's columns, read into memory; ``date`` as a ``datetime.date``."""
    with np.load(path) as data:
        out: dict[str, Any] = {name: data[name] for name in data.files}
    out["date"] = dt.date.fromisoformat(str(out["date"]))
    out["municipality"] = str(out["municipality"])
    return out


def slice_households(arrays: dict[str, Any], n: int) -> dict[str, Any]:
    """The first ``n`` households (persons are grouped by household in order): for warm-ups."""
    persons = int(np.searchsorted(arrays["household"], n))
    size = len(arrays["housing_kind"])
    out = {}
    for name, value in arrays.items():
        if isinstance(value, np.ndarray) and len(value) == size and name != "household":
            out[name] = value[:n]
        elif isinstance(value, np.ndarray) and len(value) == len(arrays["household"]):
            out[name] = value[:persons]
        else:
            out[name] = value
    return out


def export_parameters(params: Any, date: dt.date, municipality: str) -> dict[str, Any]:
    """Meedoen's parameter values for the peers: those in force on ``date`` from
    ``ParameterSet.resolve(date)``, the municipality's own, and the AOW age's dated history.
    Amounts are integer cents; a schedule (``Scale``) becomes its thresholds, bases and rates."""
    values = params.resolve(date)
    prefixes = (*PARAMETER_PREFIXES, f"gemeenten.{municipality}.")
    resolved: dict[str, Any] = {}
    for path, value in sorted(values.items()):
        if not path.startswith(prefixes):
            continue
        if hasattr(value, "thresholds"):
            resolved[path] = {
                "thresholds": list(value.thresholds),
                "bases": list(value.bases),
                "rates": list(value.rates),
            }
        elif isinstance(value, int | float | str):
            resolved[path] = value
    aow = params[AOW_AGE]
    from meedoen.rules.formulas.gemeenten.lokale_regelingen import valuation_status  # Meedoen's side only

    local = f"gemeenten.{municipality}."
    not_found = [
        path[len(local) :]
        for path in resolved
        if path.startswith(local) and params[path].confidence_at(date) == "not_found"
    ]
    status = valuation_status(params, municipality, date)
    return {
        "date": date.isoformat(),
        "municipality": municipality,
        "values": resolved,
        "valued": sorted(name for name, state in status.items() if state == "valued"),
        "not_found": not_found,
        "history": {
            AOW_AGE: {
                "values": {_iso(start): value for start, value in zip(aow.starts, aow.values, strict=True)},
                "covered_until": _iso(aow.covered_until),
            }
        },
    }


def _iso(yyyymmdd: int) -> str:
    return f"{yyyymmdd // 10000:04d}-{yyyymmdd // 100 % 100:02d}-{yyyymmdd % 100:02d}"


def write_json(obj: Any, path: Path) -> None:
    path.write_text(json.dumps(obj, indent=1, sort_keys=True))


def read_json(path: Path) -> Any:
    return json.loads(path.read_text())


def _status_mb(key: str) -> float | None:
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(key + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


class PeakMemory:
    """The growth of this process's peak resident memory over a block, in MB.

    On Linux the high-water mark (VmHWM) is reset first (``/proc/self/clear_refs``), so the figure
    is the block's own peak minus the memory already in use; elsewhere it falls back to the
    ``ru_maxrss`` delta, which under-counts when an earlier peak was higher.
    """

    def __enter__(self) -> PeakMemory:
        self.reset = False
        try:
            with open("/proc/self/clear_refs", "w") as f:
                f.write("5")
            self.reset = True
        except OSError:
            pass
        self.start = _status_mb("VmRSS") if self.reset else None
        if self.start is None:
            self.start = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            self.reset = False
        return self

    def __exit__(self, *exc: object) -> None:
        peak = _status_mb("VmHWM") if self.reset else None
        if peak is None:
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self.mb = max(peak - self.start, 0.0)
