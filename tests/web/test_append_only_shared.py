"""The audit log and the city pass ledger share one append-only mechanism (issue 17, item 6).

Both models refuse changes through the same model and queryset guards, their database triggers come
from the same generator, and the PostgreSQL grants read the protected tables from the models. A second
copy of the guard or of the trigger SQL anywhere in the web package fails here.
"""

from __future__ import annotations

import pathlib

import pytest
from django.apps import apps
from django.db import DatabaseError, connection, transaction

from meedoen.web.audit.append_only import AUDIT_LOG
from meedoen.web.audit.grants import grant_statements
from meedoen.web.audit.models import AuditEntry
from meedoen.web.citypass import issuing
from meedoen.web.citypass.append_only import LEDGER
from meedoen.web.citypass.models import LedgerEntry
from meedoen.web.components import append_only
from meedoen.web.components.append_only import AppendOnlyError, AppendOnlyModel, AppendOnlyQuerySet
from tests.web.citypass.conftest import ADULT

WEB = pathlib.Path(append_only.__file__).parents[1]
PROTECTED = {AuditEntry: AUDIT_LOG, LedgerEntry: LEDGER}


@pytest.mark.parametrize("model", PROTECTED, ids=lambda m: m.__name__)
def test_both_models_use_the_one_mechanism(model):
    assert issubclass(model, AppendOnlyModel)
    assert model.append_only is PROTECTED[model] and model.append_only.table == model._meta.db_table
    assert isinstance(model.objects.all(), AppendOnlyQuerySet)
    # Neither model overrides the shared guards.
    assert "save" not in vars(model) and "delete" not in vars(model)
    assert type(model.objects.all()).update is AppendOnlyQuerySet.update


def test_the_error_is_one_class_wherever_it_is_imported_from():
    from meedoen.web.audit.models import AppendOnlyError as audit_error
    from meedoen.web.citypass.models import AppendOnlyError as ledger_error

    assert audit_error is ledger_error is AppendOnlyError


def test_the_trigger_names_stay_the_installed_ones():
    """Databases migrated before the merge hold triggers by these names; the generator keeps them."""
    assert [s.split()[2] for s in AUDIT_LOG.sql("sqlite")] == ["audit_no_update", "audit_no_delete"]
    assert [s.split()[2] for s in LEDGER.sql("sqlite")] == [
        "citypass_ledger_no_update",
        "citypass_ledger_no_delete",
    ]
    postgres = LEDGER.sql("postgresql")
    assert "FUNCTION citypass_ledger_append_only()" in postgres[0]
    assert "BEFORE UPDATE OR DELETE OR TRUNCATE ON citypass_ledgerentry" in postgres[1]
    assert "BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_auditentry" in AUDIT_LOG.sql("postgresql")[1]
    assert AUDIT_LOG.sql("mysql") == []


def test_the_grants_give_exactly_the_append_only_tables_select_and_insert_only():
    statements = grant_statements("app", ["audit_auditentry", "citypass_ledgerentry", "accounts_user"])
    assert 'GRANT SELECT, INSERT ON "public"."audit_auditentry" TO "app"' in statements
    assert 'GRANT SELECT, INSERT ON "public"."citypass_ledgerentry" TO "app"' in statements
    assert 'GRANT SELECT, INSERT, UPDATE, DELETE ON "public"."accounts_user" TO "app"' in statements
    models = [m for m in apps.get_models() if issubclass(m, AppendOnlyModel)]
    assert append_only.protected_tables() == tuple(sorted(m._meta.db_table for m in models))
    assert {"audit_auditentry", "citypass_ledgerentry", "ledger_entry"} <= set(append_only.protected_tables())


def test_no_other_module_in_the_web_package_writes_its_own_guard_or_trigger():
    shared = pathlib.Path(append_only.__file__)
    copies = []
    for path in WEB.rglob("*.py"):
        if path == shared:
            continue
        text = path.read_text()
        for marker in ("RAISE(ABORT", "RAISE EXCEPTION", "class AppendOnlyError", 'AppendOnlyError("the'):
            if marker in text:
                copies.append(f"{path.relative_to(WEB)}: {marker}")
    assert copies == []


def one_row(model, resident) -> None:
    """A stored row, so SQLite's row triggers have something to fire on."""
    if model is LedgerEntry:
        issuing.issue(resident, "nijmegen", "meedoenregeling", [ADULT])  # writes the grant entry
    else:
        AuditEntry.objects.create(
            actor_name="test", actor_role="", action="view", what="x", why="y", path="/"
        )
    assert model.objects.exists()


@pytest.mark.parametrize("model", PROTECTED, ids=lambda m: m.__name__)
def test_the_database_refuses_update_and_delete_on_both_tables(model, resident):
    one_row(model, resident)
    before = model.objects.count()
    table = model.append_only.table
    model.append_only.install_triggers(connection)  # inside this test's transaction; rolled back afterwards
    with connection.cursor() as cursor:
        for sql in (f"UPDATE {table} SET id = id", f"DELETE FROM {table}"):
            with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
                cursor.execute(sql)
    assert model.objects.count() == before


@pytest.mark.parametrize("model", PROTECTED, ids=lambda m: m.__name__)
def test_the_model_refuses_a_bulk_change_with_its_own_message(model):
    with pytest.raises(AppendOnlyError, match=model.append_only.message):
        model.objects.none().update()
    with pytest.raises(AppendOnlyError, match=model.append_only.message):
        model.objects.none().delete()
