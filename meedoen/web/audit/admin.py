from django.contrib import admin

from meedoen.web.audit.admin_reads import AuditedAdmin
from meedoen.web.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(AuditedAdmin):
    """Read-only: the admin can search the log but not add, change or delete an entry. Reading the log
    (who looked at whom) is itself logged."""

    list_display = (
        "at",
        "actor_name",
        "actor_role",
        "action",
        "object_type",
        "object_id",
        "what",
        "why",
        "subject_id",
    )
    list_filter = ("action", "actor_role", "object_type")
    search_fields = ("actor_name", "what", "=object_id")

    def audit_subject(self, obj: AuditEntry) -> int | None:
        return obj.subject_id

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


def _audit_axes_admins() -> None:
    """django-axes' lists of log-in attempts show user names and addresses: their reads are audited."""
    for model, model_admin in list(admin.site._registry.items()):
        if model._meta.app_label == "axes" and not isinstance(model_admin, AuditedAdmin):
            audited = type(f"Audited{type(model_admin).__name__}", (AuditedAdmin, type(model_admin)), {})
            admin.site.unregister(model)
            admin.site.register(model, audited)


_audit_axes_admins()
