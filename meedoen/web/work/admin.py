from django.contrib import admin

from meedoen.web.work.models import Employer


@admin.register(Employer)
class EmployerAdmin(admin.ModelAdmin):
    """Employer accounts (``Role.EMPLOYER``) are tied to their organisation here."""

    list_display = ("name", "kvk_number")
    filter_horizontal = ("accounts",)
