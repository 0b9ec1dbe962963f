"""The jobs' results for admins, read-only, next to the queue's own rows (/beheer/procrastinate/):
status, attempts and the problem, never the stored bytes (letters and deliveries hold personal data)."""

from django.contrib import admin
from django.http import HttpRequest

from meedoen.web.audit.admin_reads import AuditedAdmin
from meedoen.web.jobs.models import LetterPdf, ReportPdf, SignalUpload, SimulationRun

COMMON = ("status", "attempts", "created_at", "finished_at", "problem")


class ReadOnly(AuditedAdmin):
    """Audited like every admin of personal data: a letter and an upload belong to people."""

    list_filter = ("status",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(LetterPdf)
class LetterPdfAdmin(ReadOnly):
    list_display = ("kind", "object_id", *COMMON)
    exclude = ("pdf",)


@admin.register(ReportPdf)
class ReportPdfAdmin(ReadOnly):
    list_display = ("file_name", "query", *COMMON)
    exclude = ("pdf",)


@admin.register(SignalUpload)
class SignalUploadAdmin(ReadOnly):
    list_display = ("file_name", "size", "uploaded_by", *COMMON)
    exclude = ("content", "summary")


@admin.register(SimulationRun)
class SimulationRunAdmin(ReadOnly):
    list_display = ("reform", "peildatum", "municipality", *COMMON)
    exclude = ("html", "pdf")
