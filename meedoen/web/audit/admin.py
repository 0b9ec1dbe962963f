from django.contrib import admin

from meedoen.web.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the admin can search the log but not add, change or delete an entry."""

    list_display = ("at", "actor_name", "actor_role", "action", "what", "why", "subject_id")
    list_filter = ("action", "actor_role")
    search_fields = ("actor_name", "what")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
