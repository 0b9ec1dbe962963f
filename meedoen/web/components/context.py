"""What every page shows of the deployment: the municipality's name and the log-in methods."""

from django.conf import settings
from django.http import HttpRequest


def municipality_name(municipality: str) -> str:
    return municipality.replace("_", " ").replace("-", " ").title()


def site(request: HttpRequest | None) -> dict[str, object]:
    return {
        "municipality_name": municipality_name(settings.MUNICIPALITY),
        "login_methods": settings.LOGIN_METHODS,
    }
