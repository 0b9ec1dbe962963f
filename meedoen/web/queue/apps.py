from django.apps import AppConfig


class QueueConfig(AppConfig):
    name = "meedoen.web.queue"
    label = "queue"
    verbose_name = "Achtergrondtaken"

    def ready(self) -> None:
        """The job admin (PostgreSQL only) audits its reads: a job's arguments can hold a mail address."""
        from django.contrib import admin

        try:
            from procrastinate.contrib.django.admin import ProcrastinateJobAdmin
            from procrastinate.contrib.django.models import ProcrastinateJob
        except (ImportError, RuntimeError):  # not installed on SQLite (see settings)
            return
        if not admin.site.is_registered(ProcrastinateJob):
            return
        from meedoen.web.audit.admin_reads import AuditedAdmin

        class AuditedJobAdmin(AuditedAdmin, ProcrastinateJobAdmin):
            pass

        admin.site.unregister(ProcrastinateJob)
        admin.site.register(ProcrastinateJob, AuditedJobAdmin)
