"""``manage.py citypass_till add KVK NAME`` / ``list KVK`` / ``revoke ID`` / ``purge``: a provider's tills.

``add`` prints the till's bearer token once: only its hash is stored, so a lost token means a new
till (and revoking the old one). A revoked token is refused from the next booking on. ``purge``
forgets the tills' idempotency keys older than their retention (24 hours); run it daily (cron).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from meedoen.web.citypass import idempotency
from meedoen.web.citypass.models import Provider, TillToken


class Command(BaseCommand):
    help = "Give a city pass provider's till (cash register, scanner) an API token, list or revoke tills."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        add = actions.add_parser("add", help="a new till; prints its token once")
        add.add_argument("kvk", help="the provider's KvK number")
        add.add_argument("name", help='the name of the till, e.g. "Kassa 1"')
        listing = actions.add_parser("list", help="the provider's tills")
        listing.add_argument("kvk")
        revoke = actions.add_parser("revoke", help="refuse the till's token from now on")
        revoke.add_argument("id", type=int)
        actions.add_parser("purge", help="forget idempotency keys older than their retention")

    def handle(self, *args, action: str, **options) -> None:
        if action == "purge":
            self.stdout.write(f"{idempotency.purge()} verlopen Idempotency-Keys verwijderd.")
            return
        if action == "revoke":
            revoked = TillToken.objects.filter(pk=options["id"], revoked_at=None).update(
                revoked_at=timezone.now()
            )
            if not revoked:
                raise CommandError(f"Er is geen geldige kassa met nummer {options['id']}.")
            self.stdout.write(f"De sleutel van kassa {options['id']} is ingetrokken.")
            return
        provider = Provider.objects.filter(kvk_number=options["kvk"]).first()
        if provider is None:
            raise CommandError(f"Er is geen aanbieder met KvK-nummer {options['kvk']}.")
        if action == "list":
            for till in provider.tills.all():
                state = f"ingetrokken {till.revoked_at:%d-%m-%Y %H:%M}" if till.revoked_at else "geldig"
                self.stdout.write(f"{till.pk}\t{till.name}\t{state}")
            return
        if not provider.is_approved:
            raise CommandError(f"{provider.name} is nog niet goedgekeurd door de gemeente.")
        till, token = TillToken.issue(provider, options["name"])
        self.stdout.write(f"Kassa {till.pk} ({till.name}) van {provider.name} aangemaakt.")
        self.stdout.write(f"Sleutel (wordt maar één keer getoond): {token}")
