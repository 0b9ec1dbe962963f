"""``case_number(application)``: ``WI-2026-000123``, the same for an application forever.

The number is taken from a per-year sequence row locked with SELECT ... FOR UPDATE, so two requests
at once on PostgreSQL never get the same number; when both try to number the *same* application, the
unique constraint stops the second and it reads the first one's number instead.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from meedoen.web.letters.letterhead import letterhead
from meedoen.web.letters.models import CaseNumber, YearSequence


def _year(application) -> int:
    """The year the application came in (submitted), so the number says when it started."""
    submitted = application.submission.submitted_at or application.created_at or timezone.now()
    return timezone.localtime(submitted).year


def case_number(application) -> str:
    """The application's readable case number, assigned on first use and never changed."""
    found = CaseNumber.objects.filter(application=application).values_list("text", flat=True).first()
    if found:
        return found
    year = _year(application)
    prefix = letterhead(application.submission.municipality).case_prefix
    try:
        with transaction.atomic():
            YearSequence.objects.get_or_create(year=year)
            sequence = YearSequence.objects.select_for_update().get(year=year)
            sequence.last += 1
            sequence.save(update_fields=["last"])
            return CaseNumber.objects.create(
                application=application,
                year=year,
                number=sequence.last,
                text=f"{prefix}-{year}-{sequence.last:06d}",
            ).text
    except IntegrityError:  # numbered at the same moment by another request: use that number
        return CaseNumber.objects.get(application=application).text
