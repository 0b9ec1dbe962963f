"""Case numbers (zaaknummers): one readable number per application, in a sequence per year."""

from __future__ import annotations

from typing import ClassVar

from django.db import models


class YearSequence(models.Model):
    """The last number handed out in a year; locked (SELECT ... FOR UPDATE) while a number is taken."""

    year = models.PositiveIntegerField(unique=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class CaseNumber(models.Model):
    """The number an application keeps for good: letters, objections and phone calls all use it."""

    application = models.OneToOneField(
        "applications.Application", on_delete=models.PROTECT, related_name="case_number"
    )
    year = models.PositiveIntegerField()
    number = models.PositiveIntegerField()
    text = models.CharField(max_length=30, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["year", "number"], name="letters_one_number_per_year")
        ]

    def __str__(self) -> str:
        return self.text
