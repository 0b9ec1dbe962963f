"""Admin for accounts and teams; looking at a person in the admin is audited like anywhere else."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from meedoen.web.accounts.models import AreaTeam, User
from meedoen.web.audit.admin_reads import AuditedAdmin


@admin.register(AreaTeam)
class AreaTeamAdmin(admin.ModelAdmin):
    list_display = ("name", "municipality", "postcode_prefixes")


@admin.register(User)
class MeedoenUserAdmin(AuditedAdmin, UserAdmin):
    list_display = ("username", "first_name", "last_name", "role", "team")
    list_filter = ("role", "team")
    fieldsets = (*UserAdmin.fieldsets, ("Meedoen", {"fields": ("role", "team", "bsn", "postcode")}))

    def audit_subject(self, obj: User) -> int:
        return obj.pk
