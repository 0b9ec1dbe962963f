from django.contrib import admin

from meedoen.web.decisions.models import Provider, SchemePolicy


@admin.register(SchemePolicy)
class SchemePolicyAdmin(admin.ModelAdmin):
    """Functional administrators set per scheme whether a grant may be automated."""

    list_display = ("scheme_id", "provider", "automated", "evidence")


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin):
    list_display = ("name", "website", "applications_here")
