"""``manage.py add_signal_platform NAME [--municipality M]``: let a signal platform post signals.

Prints the platform's bearer token once: only its hash is stored, so a lost token means a new
platform registration (and deactivating the old one in the admin).
"""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from meedoen.web.vroegsignalering.models import SignalPlatform


class Command(BaseCommand):
    help = "Register a signal platform (e.g. Inforing) and print its API token once."

    def add_arguments(self, parser) -> None:
        parser.add_argument("name", help="the platform's name, unique")
        parser.add_argument("--municipality", default=settings.MUNICIPALITY)

    def handle(self, *args, name: str, municipality: str, **options) -> None:
        if SignalPlatform.objects.filter(name=name).exists():
            raise CommandError(f"Er is al een signaalplatform met de naam {name!r}.")
        platform, token = SignalPlatform.register(name, municipality)
        self.stdout.write(f"Signaalplatform {platform.name} ({platform.municipality}) geregistreerd.")
        self.stdout.write(f"Token (wordt maar één keer getoond): {token}")
