"""The automation policy (issue 15, item 1 and 2): data per municipality and scheme, and a machine
decision only when every figure is verified, the amount is known and not nil, the result is final and
the facts are known from the municipality's records or checked by a consultant.

Nijmegen's Meedoen-regeling rests on a 140 % income limit that no official text confirms yet
(``secondary``) and on the AOW age table (``secondary`` for 2026): with the bundled data it is never
decided by the machine (asserted below). The grant itself is tested "as if verified": the same
parameters with their confidence raised, in this test only.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil

import pytest

from meedoen.rules.parameters import PARAMETER_ROOT, ParameterSet, default_parameters, load_tree
from meedoen.web.accounts.models import Role
from meedoen.web.applications import drafts
from meedoen.web.applications.models import Status
from meedoen.web.audit.models import AuditEntry
from meedoen.web.calculation import evaluate
from meedoen.web.decisions import policy
from meedoen.web.decisions.apps import automation_policy_check
from meedoen.web.decisions.automation import assess, rests_on
from meedoen.web.decisions.models import Basis, Decision, FactCheck, Outcome
from meedoen.web.decisions.recording import record_decision
from tests.web import factories
from tests.web.conftest import ANSWERS, logged_in

DAY = dt.date(2026, 6, 1)  # published figures for every scheme used here
UNVERIFIED = ("gemeenten.nijmegen.meedoenregeling.inkomensgrens", "nl.aow.leeftijd")


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: DAY)


def as_if_verified(monkeypatch, *paths: str) -> None:
    """The engine reads a copy of the parameters in which ``paths`` are marked verified."""
    base = default_parameters()
    params = {p: base[p] for p in base.paths()}
    for path in paths:
        p = params[path]
        params[path] = dataclasses.replace(p, confidence="verified", value_confidence=(None,) * len(p.starts))
    verified = ParameterSet(params)
    monkeypatch.setattr("meedoen.rules.entitlements.default_parameters", lambda: verified)


def on_bijstand(team, **answers):
    """A resident who receives bijstand from this municipality (a running spell in case work)."""
    client = factories.casework_client(team, spell_start=dt.date(2025, 1, 1), birth_date=dt.date(1984, 5, 12))
    return client.resident, {**ANSWERS, **answers}


def apply(resident, answers, scheme="meedoenregeling"):
    [application] = drafts.submit(factories.draft_for(resident, answers, schemes=(scheme,)))
    application.refresh_from_db()
    return application


def note(application) -> str:
    return application.events.last().note.replace("\u00a0", " ")


# --- the policy as data ---------------------------------------------------------------------------


def test_the_bundled_policies_are_valid_and_never_let_the_machine_decide_bijstand():
    policy.validate(default_parameters())
    for m in ("nijmegen", "arnhem", "groningen"):
        for scheme in ("bijstand", "bijzondere_bijstand"):
            assert policy.policy_for(m, scheme, DAY).level != policy.MACHINE
    assert automation_policy_check() == []


@pytest.mark.parametrize(
    ("scheme", "value", "problem"),
    [
        ("bijstand", "machine", "bijstand is never machine"),
        ("bijzondere_bijstand", "machine", "bijzondere_bijstand is never machine"),
        ("meedoenregeling", "automatisch", "expected one of machine, assisted, human"),
    ],
)
def test_a_policy_file_that_is_not_allowed_is_a_validation_error(tmp_path, scheme, value, problem):
    root = tmp_path / "parameters"
    shutil.copytree(PARAMETER_ROOT, root)
    file = root / "gemeenten" / "nijmegen" / "automatisering.yaml"
    text = file.read_text()
    start = text.index(f"  {scheme}:\n")
    line = text.index("      2024-01-01: ", start)
    end = text.index("\n", line)
    file.write_text(text[:line] + f"      2024-01-01: {value}" + text[end:])
    with pytest.raises(policy.PolicyError) as err:
        policy.validate(ParameterSet(load_tree(root)))
    assert err.value.file == "parameters/gemeenten/nijmegen/automatisering.yaml"
    assert err.value.key == f"gemeenten.nijmegen.automatisering.beleid.{scheme}.values.2024-01-01"
    assert problem in err.value.problem


def test_a_review_share_outside_0_and_1_is_refused(tmp_path):
    root = tmp_path / "parameters"
    shutil.copytree(PARAMETER_ROOT, root)
    file = root / "gemeenten" / "arnhem" / "automatisering.yaml"
    file.write_text(file.read_text().replace("2024-01-01: 0.05", "2024-01-01: 5"))
    with pytest.raises(policy.PolicyError, match="between 0 and 1"):
        policy.validate(ParameterSet(load_tree(root)))


def test_manage_py_check_fails_on_an_invalid_policy(monkeypatch):
    def broken(*a):
        raise policy.PolicyError("parameters/x.yaml", "k", "bijstand is never machine")

    monkeypatch.setattr(policy, "checked", broken)
    [error] = automation_policy_check()
    assert error.id == "decisions.E001" and "never machine" in error.msg


def test_levels_the_unlisted_default_the_expiry_and_the_share():
    assert policy.policy_for("nijmegen", "meedoenregeling", DAY).level == "machine"
    assert policy.policy_for("nijmegen", "collectieve_zorgverzekering", DAY).level == "assisted"
    assert policy.policy_for("nijmegen", "studietoeslag", DAY).level == "human"
    assert policy.policy_for("nijmegen", "zorgtoeslag", DAY).level == "human"  # not listed
    assert policy.policy_for("ede", "meedoenregeling", DAY).level == "human"  # no policy file
    later = policy.policy_for("nijmegen", "meedoenregeling", dt.date(2027, 2, 1))
    assert later.level == "assisted" and later.expired and later.configured == "machine"
    first = policy.policy_for("nijmegen", "meedoenregeling", DAY).references[0]
    assert first.bwb_id == "BWBR0040940" and first.article == "40"
    assert policy.sample_share("nijmegen", "meedoenregeling", DAY) == 0.05
    assert policy.sample_share("ede", "meedoenregeling", DAY) == 0.05


# --- when the machine may decide -----------------------------------------------------------------


def test_the_trace_names_the_parameters_the_outcome_rests_on_with_their_confidence(resident):
    result = evaluate(factories.draft_for(resident, ANSWERS).household, trace=True)
    _, params = rests_on(result, "meedoenregeling")
    found = {p["path"]: p["confidence"] for p in params}
    assert found["gemeenten.nijmegen.meedoenregeling.bedrag_per_persoon"] == "verified"
    assert found["gemeenten.nijmegen.meedoenregeling.inkomensgrens"] == "secondary"
    _, pass_params = rests_on(result, "meedoenpas")  # the pass's rules are the stadspas variables
    assert "gemeenten.nijmegen.stadspas.inkomensgrens" in {p["path"] for p in pass_params}


def test_happy_path_a_resident_on_bijstand_gets_the_meedoenregeling_automatically(monkeypatch, team):
    as_if_verified(monkeypatch, *UNVERIFIED)
    resident, answers = on_bijstand(team)
    application = apply(resident, answers)
    assert application.status == Status.GRANTED
    decision = application.decision
    # Nijmegen's Meedoen-regeling for one adult: EUR 150 a year (bedrag_per_persoon, verified)
    assert decision.automated and decision.basis == Basis.MACHINE and decision.amount_cents == 15000
    assert decision.facts_basis == "Bijstandsuitkering van de gemeente (eigen gegevens)"


def test_unverified_parameter_the_real_140_percent_limit_sends_it_to_the_queue(team):
    resident, answers = on_bijstand(team)
    application = apply(resident, answers)
    assert application.status == Status.IN_REVIEW and not Decision.objects.exists()
    assert "Niet alle bedragen en grenzen zijn in een officiële bron bevestigd" in note(application)
    assert "Inkomensgrens als deel van de referentienorm" in note(application)
    assert "Voorstel van Meedoen: toekennen, € 150,00 per jaar." in note(application)


def test_zero_or_unknown_amount_is_never_granted_iit(monkeypatch, team):
    """The IIT's amount parameters are not_found: nil, never granted at EUR 0 (and they are unverified)."""
    as_if_verified(monkeypatch, *UNVERIFIED)
    resident, answers = on_bijstand(team, vermogen={"assets": "1200", "low_income_since": "2019-01-01"})
    application = factories.draft_for(resident, answers, schemes=("individuele_inkomenstoeslag",))
    factories.add_pdf(application, "bank_statements")
    [application] = drafts.submit(application)
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW and not Decision.objects.exists()
    assert "Het bedrag is niet bekend. Meedoen kent nooit € 0 toe." in note(application)
    assert "officiële bron" in note(application)


def test_a_provisional_result_is_never_decided_by_the_machine(monkeypatch, team):
    as_if_verified(monkeypatch, *UNVERIFIED)
    resident, answers = on_bijstand(team)
    submission = factories.draft_for(resident, answers, schemes=("meedoenregeling",))
    [application] = drafts.submit(submission)  # granted; assess the same case on a provisional result
    result = evaluate(submission.household, trace=True)
    for s in result["schemes"]:
        s.update(status="provisional", provisional_basis="2026-01-01", values_until="2026-12-31")
    found = assess(application, result)
    assert not found.machine
    assert "de berekening is voorlopig" in " ".join(found.refusals)


def test_declared_facts_are_never_enough(monkeypatch, resident):
    as_if_verified(monkeypatch, *UNVERIFIED)
    application = apply(resident, ANSWERS)
    assert application.status == Status.IN_REVIEW
    assert "Uw inkomen, huishouden en vermogen heeft u zelf opgegeven" in note(application)


def test_records_that_do_not_fit_what_was_typed_send_it_to_the_queue(monkeypatch, team):
    as_if_verified(monkeypatch, *UNVERIFIED)
    resident, answers = on_bijstand(team, inkomen={"income": "1600"})  # above the norm of EUR 1.401,50
    application = apply(resident, answers)
    assert application.status == Status.IN_REVIEW
    assert "hoger dan de bijstandsnorm" in note(application)


def test_a_consultants_bijstand_decision_is_a_record_an_automated_one_is_not(
    monkeypatch, resident, consultant
):
    as_if_verified(monkeypatch, *UNVERIFIED)
    bijstand = factories.draft_for(resident, ANSWERS, schemes=("bijstand",))
    factories.add_pdf(bijstand, "identity")
    factories.add_pdf(bijstand, "bank_statements")
    [earlier] = drafts.submit(bijstand)
    decision = record_decision(earlier, Outcome.GRANTED, by=consultant, motivation="Recht op bijstand.")
    assert apply(resident, ANSWERS).status == Status.GRANTED
    Decision.objects.filter(pk=decision.pk).update(automated=True)  # e.g. granted before this policy
    assert "zelf opgegeven" in note(apply(resident, ANSWERS, scheme="meedoenpas"))


def test_policy_human_and_assisted_never_decide_and_assisted_shows_the_proposal(monkeypatch, team):
    as_if_verified(monkeypatch, *UNVERIFIED)
    resident, answers = on_bijstand(team)
    caz = apply(resident, answers, scheme="collectieve_zorgverzekering")
    assert caz.status == Status.IN_REVIEW
    assert "Voorstel van Meedoen: toekennen." in note(caz)
    assert "Bij deze regeling bevestigt een consulent het voorstel van Meedoen." in note(caz)
    monkeypatch.setattr(
        "meedoen.web.decisions.automation.policy_for",
        lambda m, s, d: policy.AutomationPolicy(s, "human", "human", (), None, False),
    )
    human = apply(resident, answers, scheme="meedoenpas")
    assert human.status == Status.IN_REVIEW and "beoordeelt altijd een consulent" in note(human)
    assert "Voorstel" not in note(human)


def test_bijstand_is_never_decided_by_the_machine_even_on_records(monkeypatch, team):
    as_if_verified(monkeypatch, *UNVERIFIED)
    resident, answers = on_bijstand(team)
    submission = factories.draft_for(resident, answers, schemes=("bijstand",))
    factories.add_pdf(submission, "identity")
    factories.add_pdf(submission, "bank_statements")
    [application] = drafts.submit(submission)
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW and not Decision.objects.exists()
    assert not assess(application, evaluate(submission.household, trace=True)).machine


def test_a_rejection_is_never_decided_by_the_machine(monkeypatch, team):
    as_if_verified(monkeypatch, *UNVERIFIED)
    resident, answers = on_bijstand(team, inkomen={"income": "4000"})
    application = apply(resident, answers)
    assert application.status == Status.IN_REVIEW
    assert "Over een afwijzing beslist een consulent." in note(application)


# --- the consultant's steps: facts checked, proposal confirmed ------------------------------------


def test_facts_checked_by_a_consultant_count_and_the_machine_then_decides(monkeypatch, resident, consultant):
    as_if_verified(monkeypatch, *UNVERIFIED)
    application = apply(resident, ANSWERS)
    client = logged_in(consultant)
    url = f"/medewerkers/aanvraag/{application.public_id}/gegevens-gecontroleerd/"
    refused = client.post(url, {"note": "  "}, follow=True)  # bad input: nothing stored
    assert "Schrijf op wat u hebt gecontroleerd." in refused.content.decode()
    assert not FactCheck.objects.exists()
    response = client.post(
        url, {"note": "Inkomen en vermogen in Suwinet, huishouden in de BRP."}, follow=True
    )
    assert "Automatisch besloten: Meedoen-regeling." in response.content.decode()
    application.refresh_from_db()
    decision = application.decision
    assert decision.basis == Basis.MACHINE and decision.facts_basis.startswith("Gegevens gecontroleerd door")
    assert AuditEntry.objects.filter(
        what__startswith="gegevens gecontroleerd", actor_id=consultant.pk
    ).exists()


def test_the_case_page_shows_the_policy_the_reasons_and_the_proposal(resident, consultant):
    application = apply(resident, ANSWERS)
    page = logged_in(consultant).get(f"/medewerkers/aanvraag/{application.public_id}/").content.decode()
    assert "Automatisch besluiten" in page and "Meedoen besluit zelf als alles vaststaat" in page
    assert "Uitvoeringswet Algemene verordening gegevensbescherming, art. 40" in page
    assert "Alleen opgegeven door de inwoner" in page and "Gegevens zijn gecontroleerd" in page
    assert "Voorstel bevestigen: toekennen" in page


def test_the_consultant_confirms_an_assisted_proposal(monkeypatch, team, consultant):
    as_if_verified(monkeypatch, *UNVERIFIED)
    resident, answers = on_bijstand(team)
    caz = apply(resident, answers, scheme="collectieve_zorgverzekering")
    client = logged_in(consultant)
    url = f"/medewerkers/aanvraag/{caz.public_id}/voorstel-bevestigen/"
    client.post(url)
    caz.refresh_from_db()
    decision = caz.decision
    assert caz.status == Status.GRANTED and decision.decided_by == consultant and not decision.automated
    assert decision.basis == Basis.ASSISTED and decision.proposal == {"outcome": "granted", "amount_cents": 0}
    again = client.post(url, follow=True)  # decided already: nothing changes
    assert "Over deze aanvraag is al besloten." in again.content.decode()
    assert Decision.objects.count() == 1


def test_a_consultant_who_changes_the_proposal_is_recorded_as_assisted(monkeypatch, team, consultant):
    as_if_verified(monkeypatch, *UNVERIFIED)
    resident, answers = on_bijstand(team)
    caz = apply(resident, answers, scheme="collectieve_zorgverzekering")
    decision = record_decision(caz, Outcome.REJECTED, by=consultant, motivation="Schuld bij de verzekeraar.")
    assert decision.basis == Basis.ASSISTED and decision.proposal["outcome"] == "granted"


# --- authorisation of the consultant's steps ------------------------------------------------------


@pytest.mark.parametrize("path", ["gegevens-gecontroleerd", "voorstel-bevestigen"])
@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("resident", 403),
        ("other_consultant", 404),
        ("teamless_consultant", 403),
        ("policy_adviser", 403),
        ("admin", 403),
    ],
)
def test_only_the_team_acts_on_its_cases(request, path, who, status, resident, consultant):
    application = apply(resident, ANSWERS)
    users = {
        "resident": lambda: resident,
        "other_consultant": lambda: request.getfixturevalue("other_consultant"),
        "teamless_consultant": lambda: factories.UserFactory(role=Role.CONSULTANT, team=None),
        "policy_adviser": lambda: factories.UserFactory(role=Role.POLICY_ADVISER),
        "admin": lambda: factories.UserFactory(role=Role.ADMIN),
    }
    from django.test import Client

    client = Client() if who == "anonymous" else logged_in(users[who]())
    response = client.post(
        f"/medewerkers/aanvraag/{application.public_id}/{path}/", {"note": "gecontroleerd"}
    )
    assert response.status_code == status
    assert not FactCheck.objects.exists() and not Decision.objects.exists()
    assert client.get(f"/medewerkers/aanvraag/{application.public_id}/{path}/").status_code in (
        302,
        403,
        404,
        405,
    )
