"""The same rules written by hand in NumPy, as the speed peer for the engine.

No registry, no cache, no trace: each rule inline, with parameters read once as scalars and the
same data layout (applicant first in each household, partner second). The benchmark asserts that
this gives exactly the engine's results.
"""

from __future__ import annotations

import numpy as np

from meedoen.rules.formulas.household.persons import aow_birth_cutoff
from meedoen.rules.formulas.nl.participatiewet.normen import _CATEGORY_TABLE, CATEGORIES
from meedoen.rules.parameters import ParameterSet
from meedoen.rules.periods import to_int
from meedoen.rules.population import CHILD, HOUSEMATE, INSTITUTION, Population

N = "nl.participatiewet.normen."
K = "nl.participatiewet.kostendelersnorm."


def rules(pop: Population, params: ParameterSet) -> dict[str, np.ndarray]:
    d = to_int(pop.date)
    v = params.resolve(pop.date)
    n, role = pop.size, pop.role
    app, par, partner = pop.offsets, pop.partner_index, pop.has_partner

    age = (d - pop.birth) // 10000
    aow = pop.birth <= aow_birth_cutoff(params["nl.aow.leeftijd"], d)
    minor = np.bincount(pop.household[(role == CHILD) & (age < 18)], minlength=n)
    sharer = (
        ((role == CHILD) | (role == HOUSEMATE))
        & (age >= v[K + "leeftijd_medebewoner"])
        & ~pop.student_finance
        & ~pop.commercial_tenant
    )
    mede = np.bincount(pop.household[sharer], minlength=n)
    age_app, age_par = age[app], np.where(partner, age[par], 0)
    aow_app, aow_par = aow[app], partner & aow[par]
    a = 1 + (partner & (age_par >= 21)) + mede
    n_aow = aow_app.astype(np.int8) + aow_par
    n_young = (age_app < 21).astype(np.int8) + (partner & (age_par < 21))
    institution = pop.housing_kind == INSTITUTION
    key = ((age_app < 18) * 2 + institution) * 2 + partner
    key = ((key * 3 + n_aow) * 3 + n_young) * 2 + (minor > 0)
    table = np.array([0] + [v[N + c] for c in CATEGORIES[1:]], np.int64)
    standard = table[_CATEGORY_TABLE[key]]

    applies = (mede > 0) & (n_young < 1 + partner) & (age_app >= 18) & ~institution
    num = v[K + "vast_deel"] + a * v[K + "per_persoon"]
    young = np.where(
        minor > 0,
        v[N + "kostendelers_jongere_echtgenoot_met_kinderen"],
        v[N + "kostendelers_jongere_echtgenoot_zonder_kinderen"],
    )
    b22b, b22c, b21b = v[N + "gehuwden_beiden_aow"], v[N + "gehuwden_een_aow"], v[N + "gehuwden_21_tot_aow"]
    b_app = np.where(aow_app, b22b, np.where(aow_par, b22c, b21b))
    b_par = np.where(aow_par, b22b, np.where(aow_app, b22c, b21b))
    share_app = np.where(age_app >= 21, (2 * b_app * num + 100 * a) // (200 * a), young)
    share_par = np.where(age_par >= 21, (2 * b_par * num + 100 * a) // (200 * a), young)
    norm = np.where(applies, share_app + np.where(partner, share_par, 0), standard)
    bp = round(v["nl.participatiewet.vakantietoeslag"] * 10000)
    excl = (2 * norm * (10000 - bp) + 10000) // 20000

    household_type = np.where(partner, 2, np.where(minor > 0, 1, 0))
    limits = np.array(
        [
            v["nl.participatiewet.vermogensgrens." + k]
            for k in ("alleenstaande", "alleenstaande_ouder", "gehuwden")
        ]
    )
    net = np.maximum(pop.net_income_cents, 0)
    income = net[app] + np.where(partner, net[par], 0)
    # The earnings disregard (art. 31 lid 2) needs a gross wage or ``earnings_since``: this population
    # gives net incomes only (bench/synthetic.py without wages), so the income counts whole.
    right = (pop.assets_cents <= limits[household_type]) & (age_app >= 18)
    bijstand = np.where(right, np.maximum(norm - income, 0), 0)
    return {
        "household_type": household_type,
        "kostendelers": a,
        "norm": norm,
        "norm_excl_vakantietoeslag": excl,
        "vakantietoeslag": norm - excl,
        "income_net_month": income,
        "bijstand": bijstand,
    }
