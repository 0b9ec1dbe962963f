from django.contrib import admin

from meedoen.web.audit.admin_reads import AuditedAdmin
from meedoen.web.work.models import Employer


@admin.register(Employer)
class EmployerAdmin(AuditedAdmin):
    """Employer accounts (``Role.EMPLOYER``) are tied to their organisation here; the page shows the
    employees' accounts, so reading it is audited like every admin page with people on it."""

    list_display = ("name", "kvk_number")
    filter_horizontal = ("accounts",)
