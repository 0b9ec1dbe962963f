"""The matching module (pure Python): each requirement meets or misses, in Dutch; the rank follows."""

from __future__ import annotations

from meedoen.web.work.matching import Candidate, Requirements, distance_km, lines_for, rank

REQ = Requirements(
    hours_per_week=32,
    place="Arnhem",
    certificates=("vca", "heftruck"),
    language_level="B1",
    loonwaarde_possible=True,
    skills=("orderpicken", "magazijn"),
)


def cand(key: int, **fields) -> Candidate:
    base = {
        "hours_per_week": 32,
        "place": "Arnhem",
        "travel_km": 10,
        "certificates": ("vca", "heftruck"),
        "language_level": "B2",
        "skills": ("magazijn", "orderpicken"),
    }
    return Candidate(key=key, **{**base, **fields})


def test_a_candidate_meeting_everything_has_only_met_lines():
    lines = lines_for(REQ, cand(1))
    assert all(line.met for line in lines)
    texts = [line.text for line in lines]
    assert texts[0] == "Kan 32 uur per week; de vacature vraagt 32."
    assert "Heeft VCA (veiligheid)." in texts
    assert "Taalniveau B2; de vacature vraagt B1." in texts


def test_each_missing_requirement_is_named():
    lines = lines_for(REQ, cand(1, hours_per_week=20, certificates=("vca",), language_level="A2"))
    missed = [line.text for line in lines if not line.met]
    assert missed == [
        "Kan 20 uur per week; de vacature vraagt 32.",
        "Heeft geen Heftruckcertificaat.",
        "Taalniveau A2; de vacature vraagt B1.",
    ]


def test_travel_range_uses_the_distance_between_places():
    km = distance_km("Nijmegen", "Arnhem")
    assert 14 < km < 18  # the town centres are about 16 km apart
    far = lines_for(REQ, cand(1, place="Nijmegen", travel_km=10))
    near = lines_for(REQ, cand(1, place="Nijmegen", travel_km=20))
    assert not far[1].met and far[1].text == "Arnhem ligt 16 km van Nijmegen; wil tot 10 km reizen."
    assert near[1].met
    assert distance_km("Arnhem", "Atlantis") is None


def test_loonwaarde_and_start_qualification():
    req = Requirements(hours_per_week=20, place="Ede", startkwalificatie_required=True)
    lines = lines_for(req, cand(1, place="Ede", needs_loonwaarde=True, startkwalificatie=None))
    assert [line.text for line in lines if not line.met] == [
        "Heeft loonkostensubsidie nodig; die is bij deze vacature niet mogelijk.",
        "Startkwalificatie onbekend; de vacature vraagt er een.",
    ]
    ok = lines_for(req, cand(1, place="Ede", startkwalificatie=True))
    assert all(line.met for line in ok)


def test_rank_fewest_misses_then_skills_then_key_and_deterministic():
    candidates = [
        cand(5, hours_per_week=16),  # one miss
        cand(3, skills=("magazijn",)),  # no miss, one skill
        cand(4),  # no miss, two skills
        cand(2, skills=("magazijn",)),  # no miss, one skill, lower key than 3
    ]
    ranked = rank(REQ, candidates)
    assert [m.candidate.key for m in ranked] == [4, 2, 3, 5]
    assert [m.rank for m in ranked] == [1, 2, 3, 4]
    assert ranked[0].common_skills == ("magazijn", "orderpicken")
    assert ranked[3].misses == 1
    assert [m.candidate.key for m in rank(REQ, reversed(candidates))] == [4, 2, 3, 5]


def test_no_common_skill_is_a_miss_with_a_reason():
    (match,) = rank(REQ, [cand(1, skills=("koken",))])
    assert match.missed[-1].text == "Geen van de gevraagde vaardigheden."
