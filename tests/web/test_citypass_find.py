"""The pass officer finds a pass by the holder's name, BSN, birth date or address, not only by its
16-digit number (issue 19, item 7). A search is a POST (a BSN never lands in a URL); every pass in the
results and every search by BSN is in the audit log; only pass officers may search."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from meedoen.web.accounts.models import Role
from meedoen.web.audit.models import AuditEntry
from meedoen.web.citypass import issuing
from meedoen.web.citypass.models import Pass
from tests.web import factories
from tests.web.citypass.conftest import ADULT, CHILD, make_provider
from tests.web.conftest import ANSWERS, logged_in

pytestmark = pytest.mark.django_db
URL = "/stadspas/gemeente/pas/"


@pytest.fixture
def officer():
    return factories.UserFactory(username="stadspas", role=Role.PASS_OFFICER)


@pytest.fixture
def household(db):
    """Fatima Bakker's household (herself and a child) and an unrelated pass holder."""
    fatima = factories.ResidentFactory(first_name="Fatima", last_name="Bakker", postcode="6521 AB")
    draft = factories.draft_for(fatima, ANSWERS)
    draft.street, draft.house_number, draft.postcode = "Daalseweg", "2", "6521 AB"
    draft.save()
    own, child = issuing.issue(fatima, "nijmegen", "meedoenpas", [ADULT, CHILD])
    other = factories.ResidentFactory(first_name="Jan", last_name="de Vries", postcode="6541 CD")
    [other_card] = issuing.issue(other, "nijmegen", "meedoenregeling", [ADULT])
    return fatima, own, child, other_card


def found_numbers(response) -> set[str]:
    return {c.number for c in response.context["found"]}


def search(client: Client, **fields):
    return client.post(URL, fields)


def test_by_name_finds_every_pass_of_the_household(officer, household):
    _, own, child, _ = household
    response = search(logged_in(officer), name="bakker")
    assert response.status_code == 200
    assert found_numbers(response) == {own.number, child.number}
    html = response.content.decode()
    assert "Fatima Bakker" in html and own.grouped_number in html and "Jan de Vries" not in html
    # two words must both match: first and last name
    assert found_numbers(search(logged_in(officer), name="fatima bakker")) == {own.number, child.number}
    assert found_numbers(search(logged_in(officer), name="fatima vries")) == set()


def test_by_bsn_is_audited_with_the_holder(officer, household):
    fatima, own, child, _ = household
    response = search(logged_in(officer), bsn=fatima.bsn)
    assert found_numbers(response) == {own.number, child.number}
    entry = AuditEntry.objects.get(what="stadspas gezocht op BSN")
    assert entry.subject_id == fatima.pk and entry.actor_name == officer.username
    # every pass shown is on record too, as a row of a list
    assert AuditEntry.objects.filter(what="stadspas in zoekresultaat", in_list=True).count() == 2
    assert fatima.bsn not in response.request.get("QUERY_STRING", "")


def test_a_bsn_nobody_has_is_still_on_record(officer, household):
    unknown = next(
        b
        for b in factories.valid_bsns()
        if not factories.ResidentFactory._meta.model.objects.filter(bsn=b).exists()
    )
    response = search(logged_in(officer), bsn=unknown)
    assert response.status_code == 200 and response.context["found"] == []
    assert "Geen pas gevonden" in response.content.decode()
    assert AuditEntry.objects.filter(what="stadspas gezocht op BSN", subject_id=None).count() == 1


def test_by_birth_date_finds_the_person_not_the_household(officer, household):
    _, _, child, _ = household
    response = search(logged_in(officer), birth_date="20-09-2016")
    assert found_numbers(response) == {child.number}
    assert found_numbers(search(logged_in(officer), birth_date="2016-09-20")) == {child.number}


def test_by_address(officer, household):
    _, own, child, other = household
    client = logged_in(officer)
    assert found_numbers(search(client, postcode="6521ab", house_number="2")) == {own.number, child.number}
    assert found_numbers(search(client, postcode="6521 AB")) == {own.number, child.number}
    assert found_numbers(search(client, postcode="6521 AB", house_number="4")) == set()
    assert found_numbers(search(client, postcode="6541 CD")) == {other.number}


def test_by_number_still_opens_the_pass(officer, household):
    _, own, _, _ = household
    response = logged_in(officer).get(URL, {"number": own.number})
    assert response.status_code == 200 and response.context["card"] == own
    assert "Blokkeren en nieuwe pas maken" in response.content.decode()
    response = search(logged_in(officer), number=own.grouped_number)
    assert found_numbers(response) == {own.number}


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({}, None, "Vul minstens een van de velden in"),
        ({"bsn": "123456789"}, "bsn", "Dit is geen geldig BSN."),
        ({"birth_date": "31-02-1990"}, "birth_date", "Vul een datum in zoals 31-01-1990."),
        ({"birth_date": "01-01-2999"}, "birth_date", "Deze datum ligt in de toekomst."),
        ({"postcode": "65211"}, "postcode", "Vul een postcode in zoals 6521 AB."),
        ({"house_number": "2"}, "postcode", "Vul bij een huisnummer ook de postcode in."),
        ({"name": "B"}, "name", "Vul minstens 2 letters van de naam in."),
    ],
)
def test_bad_input_names_the_field_keeps_what_was_typed_and_finds_nothing(
    officer, household, fields, field, message
):
    response = search(logged_in(officer), **fields)
    html = response.content.decode()
    assert response.status_code == 400 and message in html
    assert response.context["found"] is None
    form = response.context["form"]
    if field:
        assert message in " ".join(form.errors[field])
        assert f'href="#id_{field}"' in html  # the summary at the top links to the field
    for typed in fields.values():
        assert f'value="{typed}"' in html
    assert not AuditEntry.objects.filter(what="stadspas in zoekresultaat").exists()


def test_the_search_form_is_sent_by_post_so_no_bsn_in_a_url(officer):
    html = logged_in(officer).get(URL).content.decode()
    assert 'method="post" action="/stadspas/gemeente/pas/"' in html


@pytest.mark.parametrize("who", ["provider", "resident", "consultant", "teamless", "anonymous"])
def test_only_pass_officers_may_search(who, household, team):
    fatima, own, _, _ = household
    users = {
        "provider": make_provider("Zwembad", "40000099").users.get(),
        "resident": fatima,
        "consultant": factories.UserFactory(role=Role.CONSULTANT, team=team),
        "teamless": factories.UserFactory(role=Role.CONSULTANT, team=None),
    }
    client = logged_in(users[who]) if who in users else Client()
    client.raise_request_exception = False
    for response in (
        search(client, name="Bakker"),
        search(client, bsn=fatima.bsn),
        client.get(URL, {"number": own.number}),
    ):
        assert response.status_code in (302, 403)
        assert "Bakker" not in response.content.decode()
    assert not AuditEntry.objects.filter(what__startswith="stadspas").exists()


def test_at_most_fifty_results_and_a_hint(officer):
    for i in range(52):
        resident = factories.ResidentFactory(first_name="Sem", last_name=f"Jansen{i}")
        Pass.objects.create(
            resident=resident,
            person_key="a",
            person_label="U zelf",
            birth_date=dt.date(1990, 1, 1),
            municipality="nijmegen",
        )
    response = search(logged_in(officer), name="jansen")
    assert len(response.context["found"]) == 50 and response.context["too_many"]
    assert "meer dan 50 passen" in response.content.decode()
