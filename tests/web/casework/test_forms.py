"""The case page's forms: bad input gets a plain Dutch error next to its field and saves nothing;
good input is saved; the caseload puts overdue reviews first."""

from __future__ import annotations

import datetime as dt

import pytest

from meedoen.web.casework.models import Plan
from tests.web import factories
from tests.web.conftest import logged_in

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


def field_error(page: str, field_id: str) -> str:
    """The error text tied to the field (``aria-describedby``), as a screen reader gets it."""
    assert f'id="{field_id}" ' in page or f'id="{field_id}"' in page
    start = page.index(f'id="{field_id}_error"')
    return page[page.index(">", start) + 1 : page.index("</div>", start)]


def test_an_empty_plan_names_every_missing_answer(client_, consultant):
    response = logged_in(consultant).post(f"/medewerkers/klanten/{client_.pk}/plan/", {})
    page = response.content.decode()
    assert response.status_code == 400
    assert field_error(page, "id_goals") == "Schrijf de doelen op zoals de inwoner ze zegt."
    assert field_error(page, "id_step_who") == "Schrijf op wie deze stap doet."
    assert "Bevestig dat de inwoner het ermee eens is." in field_error(page, "id_agreed")
    assert 'aria-invalid="true"' in page
    assert not Plan.objects.exists()


def test_a_plan_needs_a_review_date_after_today_and_a_real_date(client_, consultant):
    data = {
        "goals": "Ik wil weer werken.",
        "step_what": "Cv maken",
        "step_who": "inwoner",
        "step_due": "31-02-2026",
        "review_on": TODAY.strftime("%d-%m-%Y"),
        "agreed": "on",
    }
    page = logged_in(consultant).post(f"/medewerkers/klanten/{client_.pk}/plan/", data).content.decode()
    assert field_error(page, "id_review_on") == "Kies een datum na vandaag."
    assert field_error(page, "id_step_due") == "Vul een datum in zoals 31-01-2026."
    assert not Plan.objects.exists()


def test_a_plan_made_together_is_saved_with_its_first_step(client_, consultant):
    review = TODAY + dt.timedelta(days=90)
    data = {
        "goals": "Ik wil in de zorg werken.",
        "step_what": "Intake bij het ROC",
        "step_who": "inwoner",
        "step_due": (TODAY + dt.timedelta(days=14)).isoformat(),
        "review_on": review.isoformat(),
        "agreed": "on",
    }
    response = logged_in(consultant).post(f"/medewerkers/klanten/{client_.pk}/plan/", data)
    assert response.status_code == 302
    plan = Plan.objects.get()
    assert (plan.goals, plan.review_on, plan.made_on, plan.made_by) == (
        data["goals"],
        review,
        TODAY,
        consultant,
    )
    assert list(plan.steps.values_list("what", "who")) == [("Intake bij het ROC", "inwoner")]


def test_an_instrument_needs_a_kind_and_an_end_after_its_start(client_, consultant):
    url = f"/medewerkers/klanten/{client_.pk}/instrument/"
    data = {"instrument-kind": "", "instrument-start_date": "2024-05-01", "instrument-end_date": "2024-04-30"}
    response = logged_in(consultant).post(url, data)
    page = response.content.decode()
    assert response.status_code == 400
    assert field_error(page, "id_instrument-kind") == "Kies welk instrument u inzet."
    assert field_error(page, "id_instrument-end_date").startswith("De einddatum ligt voor de startdatum.")
    data = {"instrument-kind": "toverstaf", "instrument-start_date": "2024-05-01"}
    page = logged_in(consultant).post(url, data).content.decode()
    assert "Selecteer een geldige keuze" in field_error(page, "id_instrument-kind")
    assert client_.instruments.count() == 0
    data = {"instrument-kind": "loonkostensubsidie", "instrument-start_date": "01-05-2024"}
    assert logged_in(consultant).post(url, data).status_code == 302
    assert client_.instruments.get().start_date == dt.date(2024, 5, 1)


def test_a_second_running_spell_is_refused(client_, consultant):
    url = f"/medewerkers/klanten/{client_.pk}/uitkering/"
    data = {"uitkering-start_date": "2025-01-01", "uitkering-inflow_reason": "job_loss"}
    page = logged_in(consultant).post(url, data).content.decode()
    assert field_error(page, "id_uitkering-start_date") == "Er loopt al een uitkering. Beëindig die eerst."
    assert client_.spells.count() == 1


def test_ending_a_spell_needs_a_reason_and_a_day_not_before_its_start(client_, consultant):
    spell = client_.spells.get()
    url = f"/medewerkers/klanten/{client_.pk}/uitkering/{spell.pk}/beeindigen/"
    page = logged_in(consultant).post(url, {"end_date": "2024-01-31"}).content.decode()
    assert field_error(page, "id_outflow_reason") == "Kies waarom de uitkering stopt."
    assert (
        field_error(page, "id_end_date") == "De laatste dag kan niet voor de startdatum (01-02-2024) liggen."
    )
    response = logged_in(consultant).post(url, {"end_date": "2024-09-30", "outflow_reason": "work"})
    assert response.status_code == 302
    spell.refresh_from_db()
    assert (spell.end_date, spell.outflow_reason) == (dt.date(2024, 9, 30), "work")
    # A new spell may start after the last one ended, not during it.
    new = f"/medewerkers/klanten/{client_.pk}/uitkering/"
    data = {"uitkering-start_date": "2024-09-30", "uitkering-inflow_reason": "job_loss"}
    page = logged_in(consultant).post(new, data).content.decode()
    assert "liep tot en met 30-09-2024" in field_error(page, "id_uitkering-start_date")
    data["uitkering-start_date"] = "2025-03-01"
    assert logged_in(consultant).post(new, data).status_code == 302


def test_the_caseload_puts_overdue_reviews_and_missing_plans_first(team, consultant):
    start = dt.date(2024, 1, 1)
    later, overdue, none = (factories.casework_client(team, consultant, spell_start=start) for _ in range(3))
    for client, review in ((later, TODAY + dt.timedelta(days=60)), (overdue, TODAY - dt.timedelta(days=1))):
        Plan.objects.create(
            client=client, goals="x", made_on=TODAY - dt.timedelta(days=100), review_on=review
        )
    left = factories.casework_client(team, consultant, spell_start=start, spell_end=start, reason="work")
    page = logged_in(consultant).get("/medewerkers/klanten/").content.decode()
    names = [c.resident.display_name for c in (overdue, none, later)]
    assert [page.index(n) for n in names] == sorted(page.index(n) for n in names)
    assert left.resident.display_name not in page  # no running benefit: not on the caseload
    only = logged_in(consultant).get("/medewerkers/klanten/?review=overdue").content.decode()
    assert overdue.resident.display_name in only and later.resident.display_name not in only
    assert "Nog geen plan: <strong>1</strong>" in only  # the counts are of the whole caseload


def test_a_step_needs_a_plan_first_then_is_added(client_, consultant):
    url = f"/medewerkers/klanten/{client_.pk}/stap/"
    data = {"stap-what": "Cv maken", "stap-who": "inwoner", "stap-due_on": "2026-12-01"}
    response = logged_in(consultant).post(url, data, follow=True)
    assert "Maak eerst een plan met de inwoner." in response.content.decode()
    plan = Plan.objects.create(client=client_, goals="x", made_on=TODAY, review_on=TODAY)
    page = logged_in(consultant).post(url, {**data, "stap-who": ""}).content.decode()
    assert field_error(page, "id_stap-who") == "Schrijf op wie deze stap doet."
    assert logged_in(consultant).post(url, data).status_code == 302
    assert list(plan.steps.values_list("what", "due_on")) == [("Cv maken", dt.date(2026, 12, 1))]


def test_debt_help_needs_a_route(client_, consultant):
    url = f"/medewerkers/klanten/{client_.pk}/schuldhulp/"
    page = logged_in(consultant).post(url, {"schuldhulp-start_date": "2024-06-01"}).content.decode()
    assert field_error(page, "id_schuldhulp-route") == "Kies hoe de inwoner bij schuldhulp kwam."
    data = {"schuldhulp-start_date": "2024-06-01", "schuldhulp-route": "self_referral"}
    assert logged_in(consultant).post(url, data).status_code == 302
    assert client_.debt_help.get().route == "self_referral"


def test_a_step_of_the_current_plan_is_ticked_off(client_, consultant, other_consultant):
    plan = Plan.objects.create(client=client_, goals="x", made_on=TODAY, review_on=TODAY)
    step = plan.steps.create(what="Cv maken", who="inwoner", due_on=TODAY)
    url = f"/medewerkers/klanten/{client_.pk}/stap/{step.pk}/gedaan/"
    assert logged_in(other_consultant).post(url).status_code == 404
    assert logged_in(consultant).post(url).status_code == 302
    step.refresh_from_db()
    assert step.done
