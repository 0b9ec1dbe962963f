"""Studietoeslag (Participatiewet art. 36b): for students who cannot earn beside their study."""

from __future__ import annotations

import numpy as np

from meedoen.rules.engine import HOUSEHOLD, Simulation, variable

ST = "nl.participatiewet.studietoeslag"


@variable(
    HOUSEHOLD,
    "Studietoeslag per maand als een student een beperking heeft",
    "EUR",
    reference="Participatiewet art. 36b",
)
def studietoeslag(s: Simulation) -> np.ndarray:
    """The statutory amount by age (15 to 21+) for each person with student finance; it applies only
    when illness or a disability keeps the student from earning, which the check does not know."""
    by_age = np.zeros(22, dtype=np.int64)  # index: age, 21 = 21 and older
    by_age[15:21] = [s.p(f"{ST}.leeftijd_{age}") for age in range(15, 21)]
    by_age[21] = s.p(f"{ST}.vanaf_21")
    amount = by_age[np.clip(s("age"), 0, 21)]
    return s.per_household(np.where(s.pop.student_finance, amount, 0))
