"""Rank candidates for a vacancy, with the reasons for each rank in plain Dutch.

Pure Python (no Django): the view hands in plain values, so the ranking is the same in a test, a
page and a batch. Deterministic: equal candidates keep the order of their key. A consultant must be
able to say why someone is first, so every requirement gives one line that meets or misses; the
rank follows from those lines only (fewest misses, then most skills in common, then the key).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

LANGUAGE_LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")  # ERK (CEFR), low to high

CERTIFICATES = {
    "vca": "VCA (veiligheid)",
    "heftruck": "Heftruckcertificaat",
    "rijbewijs_b": "Rijbewijs B",
    "rijbewijs_c": "Rijbewijs C",
    "bhv": "BHV",
    "hygiene": "Hygiënecode (HACCP)",
    "beveiliging": "Diploma beveiliger 2",
}

# Places in the labour-market region (Arnhem, Nijmegen and around), town centre as latitude and
# longitude: the distance between two places is the straight line between their centres.
PLACES: dict[str, tuple[float, float]] = {
    "Arnhem": (51.9851, 5.8987),
    "Nijmegen": (51.8426, 5.8528),
    "Ede": (52.0402, 5.6649),
    "Wageningen": (51.9692, 5.6654),
    "Renkum": (51.9769, 5.7339),
    "Rheden": (52.0109, 6.0300),
    "Duiven": (51.9472, 6.0197),
    "Zevenaar": (51.9300, 6.0708),
    "Westervoort": (51.9567, 5.9714),
    "Lingewaard": (51.9000, 5.9000),
    "Overbetuwe": (51.9253, 5.7858),
    "Wijchen": (51.8092, 5.7250),
    "Berg en Dal": (51.8258, 5.9156),
    "Heumen": (51.7681, 5.8289),
    "Doesburg": (52.0125, 6.1389),
}


def distance_km(a: str, b: str) -> float | None:
    """Straight-line distance between two places (haversine), None when a place is not known."""
    if a not in PLACES or b not in PLACES:
        return None
    (lat1, lon1), (lat2, lon2) = (tuple(map(math.radians, PLACES[p])) for p in (a, b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


@dataclass(frozen=True)
class Requirements:
    """What a vacancy asks."""

    hours_per_week: int
    place: str
    certificates: tuple[str, ...] = ()
    language_level: str = ""  # "" = no requirement
    loonwaarde_possible: bool = False
    startkwalificatie_required: bool = False
    skills: tuple[str, ...] = ()


@dataclass(frozen=True)
class Candidate:
    """What a candidate brings; ``startkwalificatie`` None = not known in the case work."""

    key: int
    hours_per_week: int
    place: str
    travel_km: int
    certificates: tuple[str, ...] = ()
    language_level: str = ""
    needs_loonwaarde: bool = False
    startkwalificatie: bool | None = None
    skills: tuple[str, ...] = ()


@dataclass(frozen=True)
class Line:
    """One requirement for one candidate: met or not, and why in Dutch."""

    met: bool
    text: str
    topic: str = ""  # hours, travel, certificate, language, loonwaarde, startkwalificatie, skills


@dataclass(frozen=True)
class Match:
    candidate: Candidate
    rank: int
    lines: tuple[Line, ...]
    common_skills: tuple[str, ...] = field(default=())

    @property
    def misses(self) -> int:
        return sum(not line.met for line in self.lines)

    @property
    def meets(self) -> tuple[Line, ...]:
        return tuple(line for line in self.lines if line.met)

    @property
    def missed(self) -> tuple[Line, ...]:
        return tuple(line for line in self.lines if not line.met)


def _words(values: Iterable[str]) -> set[str]:
    return {v.strip().lower() for v in values if v.strip()}


def _level(value: str) -> int:
    return LANGUAGE_LEVELS.index(value) if value in LANGUAGE_LEVELS else -1


def lines_for(req: Requirements, cand: Candidate) -> tuple[Line, ...]:
    """Every requirement of the vacancy, met or missed by the candidate, in a fixed order."""
    lines = []
    if cand.hours_per_week >= req.hours_per_week:
        lines.append(
            Line(
                True,
                f"Kan {cand.hours_per_week} uur per week; de vacature vraagt {req.hours_per_week}.",
                "hours",
            )
        )
    else:
        lines.append(
            Line(
                False,
                f"Kan {cand.hours_per_week} uur per week; de vacature vraagt {req.hours_per_week}.",
                "hours",
            )
        )
    km = distance_km(cand.place, req.place)
    if km is None:
        lines.append(
            Line(False, f"Afstand van {cand.place or 'woonplaats'} naar {req.place} is onbekend.", "travel")
        )
    else:
        met = km <= cand.travel_km
        lines.append(
            Line(
                met,
                f"{req.place} ligt {round(km)} km van {cand.place}; wil tot {cand.travel_km} km reizen.",
                "travel",
            )
        )
    own = set(cand.certificates)
    for code in req.certificates:
        name = CERTIFICATES.get(code, code)
        lines.append(
            Line(True, f"Heeft {name}.", "certificate")
            if code in own
            else Line(False, f"Heeft geen {name}.", "certificate")
        )
    if req.language_level:
        if not cand.language_level:
            lines.append(
                Line(False, f"Taalniveau onbekend; de vacature vraagt {req.language_level}.", "language")
            )
        else:
            met = _level(cand.language_level) >= _level(req.language_level)
            lines.append(
                Line(
                    met,
                    f"Taalniveau {cand.language_level}; de vacature vraagt {req.language_level}.",
                    "language",
                )
            )
    if cand.needs_loonwaarde:
        lines.append(
            Line(
                True, "Loonwaardemeting en loonkostensubsidie zijn mogelijk bij deze werkgever.", "loonwaarde"
            )
            if req.loonwaarde_possible
            else Line(
                False, "Heeft loonkostensubsidie nodig; die is bij deze vacature niet mogelijk.", "loonwaarde"
            )
        )
    if req.startkwalificatie_required:
        if cand.startkwalificatie is None:
            lines.append(
                Line(False, "Startkwalificatie onbekend; de vacature vraagt er een.", "startkwalificatie")
            )
        elif cand.startkwalificatie:
            lines.append(Line(True, "Heeft een startkwalificatie.", "startkwalificatie"))
        else:
            lines.append(
                Line(False, "Heeft geen startkwalificatie; de vacature vraagt er een.", "startkwalificatie")
            )
    return tuple(lines)


def rank(req: Requirements, candidates: Iterable[Candidate]) -> list[Match]:
    """The candidates best first: fewest missed requirements, then most skills in common, then key."""
    wanted = _words(req.skills)
    scored = []
    for cand in candidates:
        lines = lines_for(req, cand)
        common = tuple(sorted(wanted & _words(cand.skills)))
        if wanted:
            lines += (
                Line(True, f"Vaardigheden die passen: {', '.join(common)}.", "skills")
                if common
                else Line(False, "Geen van de gevraagde vaardigheden.", "skills"),
            )
        scored.append((sum(not line.met for line in lines), -len(common), cand.key, lines, common, cand))
    scored.sort(key=lambda t: t[:3])
    return [
        Match(candidate=cand, rank=i, lines=lines, common_skills=common)
        for i, (_m, _c, _k, lines, common, cand) in enumerate(scored, start=1)
    ]
