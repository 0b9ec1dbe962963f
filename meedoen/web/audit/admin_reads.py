"""Reads in the Django admin are audited like reads anywhere else (issue 16, item 9).

``AuditedAdmin`` records the list page (one entry per person shown, with the search term, since a
search by name or BSN is itself a look-up), the detail page, its history and the delete confirmation.
Every ``ModelAdmin`` of the project derives from it unless its model holds no personal data
(tests/web/test_admin_audit.py keeps that true for admins added later).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse

from meedoen.web.audit.log import record, record_many
from meedoen.web.audit.models import Action

WHY = "beheer"


class AuditedAdmin(admin.ModelAdmin):
    def audit_subject(self, obj: Any) -> int | None:
        """The resident (user id) whose data ``obj`` is; override per model."""
        return None

    def _label(self) -> str:
        return str(self.model._meta.verbose_name_plural)

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", None) and response.context_data.get("cl")
        if changelist is not None:
            search = request.GET.get("q", "").strip()
            what = f"beheer: lijst {self._label()}" + (f", gezocht op '{search}'" if search else "")
            rows = [(o, self.audit_subject(o)) for o in changelist.result_list]
            shown = [(o, subject) for o, subject in rows if subject is not None]
            if shown:
                record_many(request, Action.VIEW, shown=shown, what=what, why=WHY)
            else:
                # obj=None: a list page without anyone's personal data on it, no single object shown
                record(request, Action.VIEW, obj=None, subject_id=None, what=what, why=WHY)
        return response

    def _record_object(self, request: HttpRequest, object_id: str, page: str) -> None:
        obj = self.get_object(request, object_id)
        if obj is None:
            return
        action = Action.VIEW if request.method in ("GET", "HEAD") else Action.CHANGE
        what = f"beheer: {page} {self.model._meta.verbose_name} {obj.pk}"
        record(request, action, obj=obj, subject_id=self.audit_subject(obj), what=what, why=WHY)

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict | None = None
    ) -> HttpResponse:
        self._record_object(request, object_id, "gegevens van")
        return super().change_view(request, object_id, form_url, extra_context)

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: dict | None = None
    ) -> HttpResponse:
        self._record_object(request, object_id, "geschiedenis van")
        return super().history_view(request, object_id, extra_context)

    def delete_view(
        self, request: HttpRequest, object_id: str, extra_context: dict | None = None
    ) -> HttpResponse:
        self._record_object(request, object_id, "verwijderen van")
        return super().delete_view(request, object_id, extra_context)
