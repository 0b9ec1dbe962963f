"""The staff navigation: what a member of staff can open, by role, in one place (the header of every
page shows it instead of the residents' menu). Staff without a team get no team-bound link."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from meedoen.web.accounts.models import Role


@dataclass(frozen=True)
class Link:
    label: str
    url: str


def _links(pairs: list[tuple[str, str]]) -> list[Link]:
    return [Link(label, reverse(name)) for label, name in pairs]


def staff_links(user) -> list[Link]:
    """The sections of the staff user's work, in the order of a working day."""
    pairs: list[tuple[str, str]] = []
    if user.handles_cases:
        pairs += [
            (f"Werkvoorraad {user.team}", "backoffice:queue"),
            ("Klanten", "casework:caseload"),
            ("Tweede blik", "review:todo"),
            ("Werk", "work:staff-home"),
        ]
    if user.sees_figures:
        pairs += [("Cijfers", "backoffice:figures"), ("Monitor", "casework:dashboard")]
        pairs += [("Steekproef", "review:overview"), ("Feedback", "followup:feedback-list")]
        pairs.append(("Maatwerkbanen", "work:maatwerk"))
    if user.role == Role.JURIST:
        pairs.append(("Bezwaren", "objections:queue"))
    if user.handles_cases:
        pairs.append(("Werk naar werk", "rmt:worklist"))
    if user.role in (Role.COACH, Role.TEAM_LEAD):
        pairs.append(("Jongerenfonds", "youthfund:worklist"))
    if user.sees_figures:
        pairs.append(("Jongerenfonds in cijfers", "youthfund:figures"))
    if user.works_on_signals:
        pairs.append(("Vroegsignalering", "vroegsignalering:worklist"))
    if user.role == Role.EMPLOYER:
        pairs.append(("Vacatures", "work:employer-home"))
    if user.role == Role.PROVIDER:
        pairs += [
            ("Pas gebruiken", "citypass:provider"),
            ("Mijn aanbod", "citypass:offer-list"),
            ("Kassa's", "citypass:tills"),
            ("Overzichten", "citypass:my-statements"),
        ]
    if user.role == Role.PASS_OFFICER:
        pairs += [
            ("Aanbieders", "citypass:officer"),
            ("Pas zoeken", "citypass:find-pass"),
            ("Cijfers", "citypass:figures"),
            ("Betaaloverzichten", "citypass:statements"),
        ]
    return _links(pairs)
