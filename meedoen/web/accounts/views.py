"""Log-in and log-out; where each role lands after logging in."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from meedoen.web.accounts.forms import DemoLoginForm, StaffLoginForm
from meedoen.web.api.throttling import allow
from meedoen.web.audit.address import client_address
from meedoen.web.components.forms import posted
from meedoen.web.machtigingen.namens import landing_for


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure())
    return target if safe else ""


def oidc_enabled() -> bool:
    return "oidc" in settings.LOGIN_METHODS and bool(settings.OIDC_RP_CLIENT_ID)


@require_http_methods(["GET", "POST"])
def login_page(request: HttpRequest) -> HttpResponse:
    """One page with every log-in this deployment offers: DigiD first."""
    demo_form = None
    if "demo" in settings.LOGIN_METHODS:
        demo_form = DemoLoginForm(request, posted(request), prefix="demo")
        if request.method == "POST" and demo_form.is_valid():
            login(request, demo_form.user, backend="meedoen.web.accounts.backends.DemoDigiDBackend")
            return redirect(_next(request) or reverse("accounts:after-login"))
    return render(
        request,
        "accounts/login.html",
        {"demo_form": demo_form, "oidc": oidc_enabled(), "next": _next(request)},
    )


class StaffLoginView(auth_views.LoginView):
    template_name = "accounts/staff_login.html"
    authentication_form = StaffLoginForm


def after_login(request: HttpRequest) -> HttpResponseRedirect:
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    if request.user.is_resident:  # someone authorised to act namens others first chooses for whom
        return redirect(landing_for(request.user))
    return redirect("backoffice:home")


def signup_rate_limited(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """At most ``SIGNUP_RATE`` sign-up attempts (POSTs) per client address: a refused user name says
    nothing about who has it, and this keeps anyone from trying many names."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method == "POST" and not allow("signup", client_address(request), settings.SIGNUP_RATE):
            return render(request, "accounts/too_many_signups.html", status=429)
        return view(request, *args, **kwargs)

    return wrapped
