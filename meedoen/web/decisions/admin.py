from django.contrib import admin

from meedoen.web.decisions.models import Provider, SchemePolicy


@admin.register(SchemePolicy)
class SchemePolicyAdmin(admin.ModelAdmin):
    """Functional administrators set per scheme who provides it and which evidence it needs."""

    list_display = ("scheme_id", "provider", "evidence")


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin):
    list_display = ("name", "website", "applications_here")
