"""DigiD through an OpenID Connect broker: the BSN claim identifies the resident.

mozilla-django-oidc does the protocol (state, nonce, token, signature); this backend only maps the
verified claims to a resident account. Staff could use the same with their own broker client.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from meedoen.bsn import bsn_is_valid
from meedoen.web.accounts.models import Role, User


class DigiDBackend(OIDCAuthenticationBackend):
    def _bsn(self, claims: dict[str, Any]) -> str:
        return str(claims.get(settings.OIDC_BSN_CLAIM, ""))

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        return bsn_is_valid(self._bsn(claims))

    def filter_users_by_claims(self, claims: dict[str, Any]) -> QuerySet[User]:
        return User.objects.filter(bsn=self._bsn(claims), role=Role.RESIDENT)

    def create_user(self, claims: dict[str, Any]) -> User:
        return User.objects.create(username=f"digid-{uuid.uuid4().hex[:12]}", bsn=self._bsn(claims))

    def update_user(self, user: User, claims: dict[str, Any]) -> User:
        return user
