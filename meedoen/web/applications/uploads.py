"""Which files a resident may upload: PDF, JPEG or PNG, checked by content (not by name), and size."""

from __future__ import annotations

from pathlib import PurePath
from typing import ClassVar

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

# The first bytes of each allowed type; the browser's content type and the file name can lie.
SIGNATURES = {
    "application/pdf": b"%PDF-",
    "image/jpeg": b"\xff\xd8\xff",
    "image/png": b"\x89PNG\r\n\x1a\n",
}
EXTENSIONS = {".pdf": "application/pdf", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png"}


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"


def content_type_of(upload: UploadedFile) -> str:
    """The checked content type, or a ValidationError that says in plain Dutch what is wrong."""
    limit = settings.UPLOAD_MAX_BYTES
    if upload.size > limit:
        raise forms.ValidationError(
            f"Dit bestand is te groot ({megabytes(upload.size)}). Het mag maximaal {megabytes(limit)} zijn."
        )
    if upload.size == 0:
        raise forms.ValidationError("Dit bestand is leeg. Kies een ander bestand.")
    declared = EXTENSIONS.get(PurePath(upload.name or "").suffix.lower())
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if declared is None or not head.startswith(SIGNATURES[declared]):
        raise forms.ValidationError("Dit soort bestand kunnen wij niet gebruiken. Kies een pdf, jpg of png.")
    return declared


class DocumentField(forms.FileField):
    default_error_messages: ClassVar[dict[str, str]] = {
        "required": "Kies een bestand.",
        "empty": "Dit bestand is leeg. Kies een ander bestand.",
        "invalid": "Dit bestand kunnen wij niet lezen. Kies een ander bestand.",
        "max_length": "De naam van het bestand is te lang. Geef het bestand een kortere naam.",
    }

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload:
            upload.checked_content_type = content_type_of(upload)
        return upload
