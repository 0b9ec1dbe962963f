"""Automated handling of a new application, under the municipality's automation policy.

``machine`` (see :mod:`meedoen.web.decisions.policy`): Meedoen grants on its own only a decision the
municipality can sign and defend:

- every parameter the outcome rests on is ``verified`` (read in the official text), taken from the
  engine's trace of the scheme's variables and everything they used;
- a scheme that pays money has a known amount above nil (a nil or unknown amount is never granted);
- the result is ``final`` (not provisional, not unknown) and the engine says eligible (a rejection is
  always a person's decision);
- every fact it rests on is verified: known from the municipality's own records (the resident receives
  bijstand from this municipality: a consultant's bijstand decision in force, or a running benefit
  spell in case work, and what was typed fits it) or checked by a consultant (:class:`FactCheck`).

Anything else goes to the area team's queue with the reasons in plain Dutch in the history.
``assisted``: the engine's proposal is shown to the consultant, who confirms or changes it.
``human``: a consultant decides. Whatever fails here, the application is kept and lands in the queue.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Any

from meedoen.rules.money import euro_text
from meedoen.rules.parameters import default_parameters
from meedoen.web.applications.models import Application, Evidence, Status
from meedoen.web.calculation import evaluate
from meedoen.web.decisions.models import Decision, FactCheck, Outcome, SchemePolicy
from meedoen.web.decisions.policy import ASSISTED, HUMAN, MACHINE, AutomationPolicy, policy_for
from meedoen.web.decisions.recording import is_unknown, proposal_of, record_decision, scheme_in

log = logging.getLogger(__name__)

PERIOD_TEXT = {"month": "per maand", "year": "per jaar", "quarter": "per kwartaal", "once": "eenmalig"}


def missing_evidence(application: Application, policy: SchemePolicy) -> list[str]:
    present = set(application.submission.documents.values_list("kind", flat=True))
    return [kind for kind in policy.evidence if kind not in present]


def _root_prefix(result: dict[str, Any], scheme_id: str) -> str:
    """The variable name a scheme's rules start from: its id, or ``stadspas`` for a municipality's pass
    (GelrePas, Meedoen-pas, Stadjerspas are the ``stadspas`` rules under the name the data gives)."""
    path = f"gemeenten.{result['municipality']}.stadspas.id"
    parameters = default_parameters()
    if path in parameters:
        try:
            if parameters[path].at(_date(result)) == scheme_id:
                return "stadspas"
        except Exception:  # no pass on this date: the scheme is not a pass
            pass
    return scheme_id


def _date(result: dict[str, Any]) -> dt.date:
    return dt.date.fromisoformat(result["date"])


def rests_on(result: dict[str, Any], scheme_id: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The trace entries of the variables a scheme's outcome rests on (the scheme's own variables and,
    transitively, every input they used) and the parameters those used, each with its ``confidence``.
    Over-inclusive on purpose: a parameter too many can only send an application to a person."""
    trace = {entry["variable"]: entry for entry in result.get("trace", [])}
    prefix = _root_prefix(result, scheme_id)
    todo = [name for name in trace if name == prefix or name.startswith(prefix + "_")]
    seen: dict[str, dict[str, Any]] = {}
    while todo:
        name = todo.pop()
        if name in seen or name not in trace:
            continue
        seen[name] = trace[name]
        todo.extend(trace[name].get("inputs", []))
    parameters = {p["path"]: p for entry in seen.values() for p in entry.get("parameters", [])}
    return list(seen.values()), list(parameters.values())


def pays_money(result: dict[str, Any], scheme_id: str) -> bool:
    """Whether the scheme's own variable is an amount in euro (a pass or a collective insurance is not)."""
    return any(e["variable"] == scheme_id and e.get("unit") == "EUR" for e in result.get("trace", []))


@dataclass
class Facts:
    """How the facts an outcome rests on are known: ``basis`` says so for the decision; ``problems``
    are the reasons (plain Dutch) they do not count as verified."""

    basis: str = ""
    problems: list[str] = field(default_factory=list)


def _persons(household: dict[str, Any]) -> list[tuple[str, str]]:
    return sorted((p.get("role", ""), p.get("birth_date", "")) for p in household.get("persons", []))


def _fits_bijstand(result: dict[str, Any]) -> list[str]:
    """What the resident typed must fit a bijstand benefit: income at most the norm, assets within
    the bijstand limit. Otherwise the records do not confirm these facts."""
    problems = []
    income, norm = result.get("income_net_month"), result["norm"]["monthly_incl_vakantietoeslag"]
    if income is None or income > norm:
        problems.append(
            "Het inkomen dat u opgaf is hoger dan de bijstandsnorm; dat past niet bij een bijstandsuitkering."
        )
    assets = next((e for e in result.get("trace", []) if e["variable"] == "vermogen_binnen_grens"), None)
    if assets is None or assets.get("value") is not True:
        problems.append("Het vermogen dat u opgaf is hoger dan de grens van de bijstand.")
    return problems


def verified_facts(application: Application, result: dict[str, Any]) -> Facts:
    """Facts from the municipality's own records, or checked by a consultant; otherwise only declared."""
    from meedoen.web.casework.models import Client  # casework is an optional neighbour, not a base

    submission = application.submission
    check = FactCheck.objects.filter(submission=submission).select_related("checked_by").first()
    if check is not None:
        when = f"{check.checked_at:%d-%m-%Y}"
        return Facts(basis=f"Gegevens gecontroleerd door {check.checked_by.display_name} op {when}")
    bijstand = (
        Decision.objects.filter(
            application__submission__resident_id=submission.resident_id,
            application__submission__municipality=submission.municipality,
            application__scheme_id="bijstand",
            outcome=Outcome.GRANTED,
            automated=False,  # an automated bijstand grant (before this policy) rested on declared facts
            superseded_at=None,
        )
        .select_related("application__submission")
        .order_by("-decided_at")
        .first()
    )
    if bijstand is not None:
        problems = _fits_bijstand(result)
        if _persons(bijstand.application.submission.household) != _persons(submission.household):
            problems.append("Uw huishouden is anders dan bij uw bijstandsuitkering.")
        return Facts(basis="Bijstandsuitkering van de gemeente (eigen gegevens)", problems=problems)
    client = (
        Client.objects.filter(
            resident_id=submission.resident_id,
            team__municipality=submission.municipality,
            spells__end_date=None,
        )
        .distinct()
        .first()
    )
    if client is not None:
        problems = _fits_bijstand(result)
        persons = submission.household.get("persons", [])
        applicant = next((p for p in persons if p.get("role") == "applicant"), {})
        if applicant.get("birth_date") != client.birth_date.isoformat() or len(persons) != 1:
            problems.append(
                "De gemeente kent uw huishouden niet helemaal uit haar eigen gegevens; "
                "een consulent controleert het."
            )
        return Facts(basis="Bijstandsuitkering van de gemeente (eigen gegevens)", problems=problems)
    return Facts(
        problems=[
            "Uw inkomen, huishouden en vermogen heeft u zelf opgegeven; de gemeente kent ze niet uit haar "
            "eigen gegevens. Een consulent controleert ze."
        ]
    )


@dataclass
class Assessment:
    """What the automation policy says about one application: may the machine decide, and if not why."""

    policy: AutomationPolicy
    scheme: dict[str, Any] | None
    refusals: list[str]
    facts: Facts

    @property
    def machine(self) -> bool:
        return self.policy.level == MACHINE and not self.refusals


def proposal_text(scheme: dict[str, Any]) -> str:
    proposal = proposal_of(scheme)
    if proposal["outcome"] == Outcome.GRANTED:
        amount = proposal["amount_cents"]
        period = PERIOD_TEXT.get(scheme.get("period", ""), "")
        return f"toekennen, {euro_text(amount)} {period}".strip() if amount else "toekennen"
    return "afwijzen"


def assess(application: Application, result: dict[str, Any]) -> Assessment:
    """Every reason the machine may not decide this application (empty: it may)."""
    submission = application.submission
    policy = policy_for(submission.municipality, application.scheme_id, submission.peildatum)
    scheme = scheme_in(result, application.scheme_id)
    refusals: list[str] = []
    facts = Facts()
    if policy.level == HUMAN:
        refusals.append(
            "Deze regeling beoordeelt altijd een consulent (automatiseringsbeleid van de gemeente)."
        )
    elif policy.level == ASSISTED:
        if policy.expired:
            refusals.append("Het automatiseringsbeleid is niet opnieuw vastgesteld; een consulent beslist.")
        else:
            refusals.append("Bij deze regeling bevestigt een consulent het voorstel van Meedoen.")
    if scheme is None:
        return Assessment(policy, None, [*refusals, "De berekening kent deze regeling niet (meer)."], facts)
    if is_unknown(scheme):
        refusals.append(
            "De berekening kan deze regeling op de peildatum niet maken: de bedragen zijn niet bekend."
        )
        return Assessment(policy, scheme, refusals, facts)
    if scheme.get("eligible") is not True:
        refusals.append("De berekening geeft geen recht. Over een afwijzing beslist een consulent.")
    if scheme.get("status", "final") != "final":
        refusals.append(
            "De bedragen voor de peildatum zijn nog niet gepubliceerd; de berekening is voorlopig."
        )
    if pays_money(result, application.scheme_id) and not scheme.get("amount"):
        refusals.append("Het bedrag is niet bekend. Meedoen kent nooit € 0 toe.")
    variables, parameters = rests_on(result, application.scheme_id)
    if not variables:
        refusals.append("Meedoen kan niet nagaan op welke bedragen en grenzen deze uitkomst rust.")
    unverified = [p for p in parameters if p.get("confidence") != "verified"]
    if unverified:
        names = "; ".join(sorted({p["description"].rstrip(".") for p in unverified}))
        refusals.append(f"Niet alle bedragen en grenzen zijn in een officiële bron bevestigd: {names}.")
    facts = verified_facts(application, result)
    refusals.extend(facts.problems)
    return Assessment(policy, scheme, refusals, facts)


def handle_new(application: Application) -> None:
    """Decide automatically where the policy and the facts allow it, otherwise route to a consultant
    with the reasons (and, for an assisted scheme, the engine's proposal)."""
    try:
        evidence = SchemePolicy.for_scheme(application.scheme_id)
        missing = missing_evidence(application, evidence)
        if missing:
            labels = ", ".join(Evidence(kind).label.lower() for kind in missing)
            return _to_consultant(application, [f"Bewijsstukken ontbreken: {labels}."])
        result = evaluate(application.submission.household, trace=True)
        found = assess(application, result)
        if found.machine:
            record_decision(application, Outcome.GRANTED, result=result, facts_basis=found.facts.basis)
            return None
        reasons = found.refusals
        if found.policy.level in (ASSISTED, MACHINE) and found.scheme and not is_unknown(found.scheme):
            reasons = [f"Voorstel van Meedoen: {proposal_text(found.scheme)}.", *reasons]
        return _to_consultant(application, reasons)
    except Exception:  # the application must never be lost: a person takes over
        log.exception("automated handling failed for application %s", application.public_id)
        return _to_consultant(application, ["Automatisch afhandelen lukte niet; een consulent beoordeelt."])


def recheck(application: Application) -> bool:
    """After a consultant checked the facts: decide now if the machine may. True when decided."""
    if not application.is_open or Decision.objects.filter(application=application).exists():
        return False
    result = evaluate(application.submission.household, trace=True)
    found = assess(application, result)
    if not found.machine:
        return False
    record_decision(application, Outcome.GRANTED, result=result, facts_basis=found.facts.basis)
    return True


def _to_consultant(application: Application, reasons: list[str]) -> None:
    application.move_to(Status.IN_REVIEW, note="Niet automatisch besloten. " + " ".join(reasons))
