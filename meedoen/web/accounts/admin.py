"""Admin for accounts and teams; looking at a person in the admin is audited like anywhere else."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from meedoen.web.accounts.models import AreaTeam, User
from meedoen.web.audit.log import record
from meedoen.web.audit.models import Action


@admin.register(AreaTeam)
class AreaTeamAdmin(admin.ModelAdmin):
    list_display = ("name", "municipality", "postcode_prefixes")


@admin.register(User)
class MeedoenUserAdmin(UserAdmin):
    list_display = ("username", "first_name", "last_name", "role", "team")
    list_filter = ("role", "team")
    fieldsets = (*UserAdmin.fieldsets, ("Meedoen", {"fields": ("role", "team", "bsn", "postcode")}))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        record(request, Action.VIEW, subject_id=int(object_id), what=f"account {object_id}", why="beheer")
        return super().change_view(request, object_id, form_url, extra_context)
