"""The audit log answers the AVG question "who looked at this resident's data, when and why?".

Entries are only ever added (meedoen.web.components.append_only, shared with the city pass ledger): the
model refuses changes and deletes, and a database trigger refuses UPDATE and DELETE for anyone who
goes around the model (see the migration).
"""

from __future__ import annotations

from django.db import models

from meedoen.web.audit.append_only import AUDIT_LOG
from meedoen.web.components.append_only import AppendOnlyError as AppendOnlyError  # re-exported
from meedoen.web.components.append_only import AppendOnlyModel


class Action(models.TextChoices):
    VIEW = "view", "Bekeken"
    DOWNLOAD = "download", "Gedownload"
    CREATE = "create", "Aangemaakt"
    CHANGE = "change", "Gewijzigd"
    DECIDE = "decide", "Besloten"


class AuditEntry(AppendOnlyModel):
    append_only = AUDIT_LOG

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor_id = models.BigIntegerField(null=True)  # no foreign key: the log outlives accounts
    actor_name = models.CharField(max_length=150)
    actor_role = models.CharField(max_length=20)
    action = models.CharField(max_length=10, choices=Action.choices)
    subject_id = models.BigIntegerField(null=True, db_index=True)  # the resident whose data it is
    # The object read or changed (meedoen.web.audit.log.object_ref): "who looked at this case" is a query.
    # Database defaults too, so a row inserted around Django (a tool, an older writer) still goes in.
    object_type = models.CharField(max_length=30, blank=True, default="", db_default="")
    object_id = models.CharField(max_length=64, blank=True, default="", db_default="")  # an int or UUID pk
    in_list = models.BooleanField(default=False, db_default=False)  # a row of a list page (record_many)
    namens_id = models.BigIntegerField(null=True, db_index=True)  # the machtiging acted under, if any
    what = models.CharField(max_length=200)
    why = models.CharField(max_length=200)
    path = models.CharField(max_length=300)
    ip_address = models.GenericIPAddressField(null=True)

    class Meta:
        ordering = ("-at", "-id")
        verbose_name_plural = "audit entries"
        indexes = (models.Index(fields=("object_type", "object_id"), name="audit_object"),)
