"""The demo log-in: a made-up BSN stands in for DigiD, for development and the browser tests only."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.backends import BaseBackend
from django.http import HttpRequest

from meedoen.bsn import bsn_is_valid
from meedoen.web.accounts.models import Role, User


class DemoDigiDBackend(BaseBackend):
    """Logs a resident in by BSN alone. Refuses unless the deployment offers the demo log-in."""

    def authenticate(self, request: HttpRequest | None, demo_bsn: str | None = None, **_: Any) -> User | None:
        if demo_bsn is None or "demo" not in settings.LOGIN_METHODS or not bsn_is_valid(demo_bsn):
            return None
        user, _created = User.objects.get_or_create(
            bsn=demo_bsn, defaults={"username": f"inwoner-{demo_bsn}", "role": Role.RESIDENT}
        )
        return user if user.is_active and user.is_resident else None

    def get_user(self, user_id: int) -> User | None:
        return User.objects.filter(pk=user_id, is_active=True).first()
