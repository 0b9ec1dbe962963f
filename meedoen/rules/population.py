"""Households held column-wise: one NumPy array per field, persons sorted by household.

One household is a population of one; a municipality is a population of a hundred thousand. The
formulas see only these arrays, so the same code serves both (no Python loop per household).
Money is integer cents; dates are ``yyyymmdd`` integers (see :mod:`meedoen.rules.periods`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from meedoen.rules.household import Household
from meedoen.rules.money import cents_of
from meedoen.rules.periods import to_int

ROLES = ("applicant", "partner", "child", "housemate")
SCHOOLS = ("none", "po", "vo", "mbo", "hbo_wo")
HOUSING_KINDS = ("rent", "own", "institution", "homeless")
APPLICANT, PARTNER, CHILD, HOUSEMATE = range(4)
RENT, INSTITUTION = HOUSING_KINDS.index("rent"), HOUSING_KINDS.index("institution")
NOT_GIVEN = -1  # cents value of an amount that was not given


@dataclass
class Population:
    """Column-wise households on one peildatum in one municipality.

    Persons are grouped by household and, within it, ordered by role: the applicant first, then
    the partner if there is one. The formulas read applicant and partner by position, which is
    much cheaper than a reduction over all persons.
    """

    date: dt.date
    municipality: str
    # one entry per household
    housing_kind: np.ndarray  # int8, index into HOUSING_KINDS
    rent_cents: np.ndarray  # int64, NOT_GIVEN when absent
    energy_cents: np.ndarray  # int64, NOT_GIVEN when absent
    assets_cents: np.ndarray  # int64
    low_income_since: np.ndarray  # int32 yyyymmdd, 0 when absent
    # one entry per person, grouped by household in order
    household: np.ndarray  # int64, index of the person's household
    role: np.ndarray  # int8, index into ROLES
    birth: np.ndarray  # int32 yyyymmdd
    net_income_cents: np.ndarray  # int64, NOT_GIVEN when absent
    wage_gross_cents: np.ndarray  # int64, NOT_GIVEN when absent
    toetsingsinkomen_cents: np.ndarray  # int64 per year, NOT_GIVEN when absent
    school: np.ndarray  # int8, index into SCHOOLS, -1 when absent
    student_finance: np.ndarray  # bool
    commercial_tenant: np.ndarray  # bool
    person_ids: Sequence[str] | None = None  # kept for explanations of one household
    # optional person columns (absent from older callers: filled in by __post_init__)
    earnings_since: np.ndarray | None = None  # int32 yyyymmdd, 0 when absent
    temporary_informal_carer: np.ndarray | None = None  # bool

    def __post_init__(self) -> None:
        if self.earnings_since is None:
            self.earnings_since = np.zeros(len(self.role), np.int32)
        if self.temporary_informal_carer is None:
            self.temporary_informal_carer = np.zeros(len(self.role), bool)

    @property
    def size(self) -> int:
        return len(self.housing_kind)

    @cached_property
    def offsets(self) -> np.ndarray:
        """Index of each household's first person (persons are grouped by household)."""
        return np.searchsorted(self.household, np.arange(self.size))

    @cached_property
    def has_partner(self) -> np.ndarray:
        """Whether the household has a partner: the person after the applicant is one."""
        second = np.minimum(self.offsets + 1, len(self.role) - 1)
        return (self.role[second] == PARTNER) & (self.household[second] == np.arange(self.size))

    @cached_property
    def partner_index(self) -> np.ndarray:
        """Index of the partner; of the applicant where there is none (masked by has_partner)."""
        return np.where(self.has_partner, self.offsets + 1, self.offsets)

    def households(self, start: int, stop: int) -> Population:
        """Households ``start`` to ``stop`` (exclusive) as a population of their own (views, no copy)."""
        first = int(self.offsets[start]) if start < self.size else len(self.role)
        last = int(self.offsets[stop]) if stop < self.size else len(self.role)
        return Population(
            date=self.date,
            municipality=self.municipality,
            household=self.household[first:last] - start,
            person_ids=self.person_ids[first:last] if self.person_ids is not None else None,
            **{c: getattr(self, c)[first:last] for c in PERSON_COLUMNS},
            **{c: getattr(self, c)[start:stop] for c in HOUSEHOLD_COLUMNS},
        )

    def household_sum(self, values: np.ndarray) -> np.ndarray:
        """Sum a per-person column over each household."""
        return np.add.reduceat(values, self.offsets)

    def household_count(self, mask: np.ndarray) -> np.ndarray:
        """Count the persons of each household for whom ``mask`` holds (gathered by index: several
        times faster than by boolean mask)."""
        return np.bincount(self.household[np.flatnonzero(mask)], minlength=self.size)


PERSON_COLUMNS = (
    "role",
    "birth",
    "net_income_cents",
    "wage_gross_cents",
    "toetsingsinkomen_cents",
    "school",
    "student_finance",
    "commercial_tenant",
    "earnings_since",
    "temporary_informal_carer",
)
HOUSEHOLD_COLUMNS = ("housing_kind", "rent_cents", "energy_cents", "assets_cents", "low_income_since")

# The columns that hold the household's own answers: the contract field each comes from, its entity,
# its unit as the trace shows it ("EUR", "date", "bool", or the tuple of choices an index points
# into) and a label. A traced simulation records which of them each formula read (see engine).
INPUT_FIELDS: dict[str, tuple[str, str, str | tuple[str, ...], str]] = {
    "housing_kind": ("housing.kind", "household", HOUSING_KINDS, "Woonsituatie"),
    "rent_cents": ("housing.rent_month", "household", "EUR", "Huur per maand"),
    "energy_cents": ("housing.energy_cost_month", "household", "EUR", "Energiekosten per maand"),
    "assets_cents": ("assets", "household", "EUR", "Vermogen"),
    "low_income_since": ("low_income_since", "household", "date", "Laag inkomen sinds"),
    "role": ("persons.role", "person", ROLES, "Rol in het huishouden"),
    "has_partner": ("persons.role", "person", ROLES, "Rol in het huishouden"),
    "birth": ("persons.birth_date", "person", "date", "Geboortedatum"),
    "net_income_cents": ("persons.net_income_month", "person", "EUR", "Netto inkomen per maand"),
    "wage_gross_cents": ("persons.wage_gross_month", "person", "EUR", "Brutoloon per maand"),
    "toetsingsinkomen_cents": ("persons.toetsingsinkomen_year", "person", "EUR", "Toetsingsinkomen per jaar"),
    "school": ("persons.school", "person", SCHOOLS, "School"),
    "student_finance": ("persons.student_finance", "person", "bool", "Studiefinanciering"),
    "commercial_tenant": ("persons.commercial_tenant", "person", "bool", "Commerciële huurder"),
    "earnings_since": ("persons.earnings_since", "person", "date", "Inkomsten uit arbeid sinds"),
    "temporary_informal_carer": (
        "persons.temporary_informal_carer",
        "person",
        "bool",
        "Woont tijdelijk elders voor mantelzorg",
    ),
}


def concat(populations: Sequence[Population]) -> Population:
    """One population of several that share a date and municipality (e.g. household types)."""
    first = populations[0]
    starts = np.cumsum([0] + [p.size for p in populations[:-1]])
    households = np.concatenate([p.household + start for p, start in zip(populations, starts, strict=True)])
    ids = [pid for p in populations for pid in (p.person_ids or [])]
    return Population(
        date=first.date,
        municipality=first.municipality,
        household=households,
        person_ids=ids or None,
        **{
            c: np.concatenate([getattr(p, c) for p in populations])
            for c in PERSON_COLUMNS + HOUSEHOLD_COLUMNS
        },
    )


def tile(population: Population, n: int) -> Population:
    """``n`` copies of a population, household after household (to vary one input per copy)."""
    return Population(
        date=population.date,
        municipality=population.municipality,
        household=(np.arange(n)[:, None] * population.size + population.household).ravel(),
        **{c: np.tile(getattr(population, c), n) for c in PERSON_COLUMNS + HOUSEHOLD_COLUMNS},
    )


def _cents(amount: object) -> int:
    return NOT_GIVEN if amount is None else cents_of(amount)


def from_households(households: Sequence[Household]) -> Population:
    """Build a population from validated households that share a date and municipality."""
    first = households[0]
    persons = [
        (i, p) for i, h in enumerate(households) for p in sorted(h.persons, key=lambda p: ROLES.index(p.role))
    ]
    return Population(
        date=first.date,
        municipality=first.municipality,
        housing_kind=np.array([HOUSING_KINDS.index(h.housing.kind) for h in households], np.int8),
        rent_cents=np.array([_cents(h.housing.rent_month) for h in households], np.int64),
        energy_cents=np.array([_cents(h.housing.energy_cost_month) for h in households], np.int64),
        assets_cents=np.array([_cents(h.assets) for h in households], np.int64),
        low_income_since=np.array(
            [to_int(h.low_income_since) if h.low_income_since else 0 for h in households], np.int32
        ),
        household=np.array([i for i, _ in persons], np.int64),
        role=np.array([ROLES.index(p.role) for _, p in persons], np.int8),
        birth=np.array([to_int(p.birth_date) for _, p in persons], np.int32),
        net_income_cents=np.array([_cents(p.net_income_month) for _, p in persons], np.int64),
        wage_gross_cents=np.array([_cents(p.wage_gross_month) for _, p in persons], np.int64),
        toetsingsinkomen_cents=np.array([_cents(p.toetsingsinkomen_year) for _, p in persons], np.int64),
        school=np.array([SCHOOLS.index(p.school) if p.school else -1 for _, p in persons], np.int8),
        student_finance=np.array([bool(p.student_finance) for _, p in persons], bool),
        commercial_tenant=np.array([bool(p.commercial_tenant) for _, p in persons], bool),
        earnings_since=np.array(
            [to_int(p.earnings_since) if p.earnings_since else 0 for _, p in persons], np.int32
        ),
        temporary_informal_carer=np.array([bool(p.temporary_informal_carer) for _, p in persons], bool),
        person_ids=[p.id for _, p in persons],
    )
