"""The resident authorises, sees and revokes; the agent chooses whom to act for; a shared check is read.

Authorising and sharing are things only the resident does themself: never namens someone (403). A
resident only ever reaches their own authorisations and shares (another id is 404). Every page with a
resident's data is written to the audit log, the reads of a shared check result too.
"""

from __future__ import annotations

import datetime as dt
from uuid import UUID

from django.contrib import messages
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from meedoen.web.accounts.access import resident_required
from meedoen.web.applications.models import Submission
from meedoen.web.audit.log import done_namens, record
from meedoen.web.audit.models import Action
from meedoen.web.components.forms import posted
from meedoen.web.machtigingen import namens
from meedoen.web.machtigingen.forms import MachtigingForm, ShareForm, years_later
from meedoen.web.machtigingen.models import Act, Machtiging, SharedCheck, State
from meedoen.web.portal.outcome import Outcome, completed_outcome
from meedoen.web.portal.questionnaire import Questionnaire

OWN = "inwoner bekijkt eigen machtigingen"
TOKEN_SESSION_KEY = "meedoen_new_share_token"


def _resident_name(user) -> str:
    """The resident's name as we know it: the account, else the name on their latest application."""
    latest = Submission.objects.filter(resident=user).exclude(full_name="").order_by("-created_at").first()
    return user.get_full_name() or (latest.full_name if latest else "")


def _done_namens(machtiging: Machtiging) -> list[dict]:
    """What the agent did under this authorisation, from the audit log (newest first); the same thing
    done several times in a row (e.g. the steps of the check) is one line with a count."""
    entries = done_namens(machtiging).filter(subject_id=machtiging.resident_id, actor_id=machtiging.agent_id)[
        :200
    ]
    lines: list[dict] = []
    for entry in entries:
        what = entry.what
        if not entry.why.endswith(namens.AUDIT_WHY):  # a view's own entry: say what happened to it
            what = f"{entry.get_action_display().lower()}: {what}"
        if lines and lines[-1]["what"] == what:
            lines[-1]["count"] += 1
        else:
            lines.append({"at": entry.at, "what": what, "count": 1})
    return lines


@resident_required
def overview(request: HttpRequest) -> HttpResponse:
    """Mijn machtigingen: who may act for me (active, to come, ended), what they did, and my shares."""
    namens.forbid(request, "haar of zijn machtigingen bekijken")
    today, now = timezone.localdate(), timezone.now()
    given = list(Machtiging.objects.filter(resident=request.user).select_related("agent"))
    groups = {state: [] for state in State}
    for m in given:
        groups[m.state(today)].append({"m": m, "done": _done_namens(m)})
    shares = [{"s": s, "state": s.state(now)} for s in SharedCheck.objects.filter(resident=request.user)]
    # obj=None: the overview lists all the resident's authorisations and shares
    record(
        request,
        Action.VIEW,
        obj=None,
        subject_id=request.user.pk,
        what="machtigingen en gedeelde uitkomsten",
        why=OWN,
    )
    context = {
        "active": groups[State.ACTIVE],
        "future": groups[State.FUTURE],
        "past": groups[State.ENDED] + groups[State.REVOKED],
        "shares": shares,
        "received": namens.active_for_agent(request.user),
        "has_check": not Questionnaire.from_session(request.session).first_incomplete(),
    }
    return render(request, "machtigingen/overview.html", context)


@resident_required
@require_http_methods(["GET", "POST"])
def new(request: HttpRequest) -> HttpResponse:
    namens.forbid(request, "iemand machtigen")
    today = timezone.localdate()
    initial = {
        "resident_name": _resident_name(request.user),
        "starts_on": today,
        "ends_on": years_later(today, 1) - dt.timedelta(days=1),
    }
    form = MachtigingForm(posted(request), resident=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        machtiging = Machtiging.objects.create(
            resident=request.user,
            resident_name=data["resident_name"],
            agent=form.agent,
            agent_name=data["agent_name"],
            relation=data["relation"],
            schemes=data["schemes"],
            acts=[a for a in Act if a in data["acts"]],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
        )
        record(
            request,
            Action.CREATE,
            obj=machtiging,
            subject_id=request.user.pk,
            what=f"machtiging {machtiging.public_id} voor {machtiging.agent_name}",
            why="inwoner machtigt iemand",
        )
        messages.success(request, f"{machtiging.agent_name} is gemachtigd.")
        return redirect("machtigingen:overview")
    status = 400 if form.errors else 200
    return render(request, "machtigingen/new.html", {"form": form}, status=status)


@resident_required
@require_POST
def revoke(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Revoke at once: the agent's next request no longer acts namens (see namens.middleware)."""
    namens.forbid(request, "een machtiging intrekken")
    machtiging = get_object_or_404(Machtiging, public_id=public_id, resident=request.user)
    if machtiging.revoked_at is None:
        machtiging.revoked_at = timezone.now()
        machtiging.save(update_fields=["revoked_at"])
        record(
            request,
            Action.CHANGE,
            obj=machtiging,
            subject_id=request.user.pk,
            what=f"machtiging {machtiging.public_id} ingetrokken",
            why="inwoner trekt machtiging in",
        )
        messages.success(
            request, f"De machtiging van {machtiging.agent_name} is ingetrokken. Dat geldt meteen."
        )
    else:
        messages.info(request, f"De machtiging van {machtiging.agent_name} was al ingetrokken.")
    return redirect("machtigingen:overview")


# ---------------------------------------------------------------- the agent


@resident_required
@require_http_methods(["GET", "POST"])
def choose(request: HttpRequest) -> HttpResponse:
    """After logging in: act for yourself, or namens someone who authorised you."""
    available = namens.active_for_agent(request.user)
    if request.method == "POST":
        choice = request.POST.get("namens", "")
        if choice == "zelf":
            namens.stop(request)
            return redirect("applications:mine")
        machtiging = next((m for m in available if str(m.public_id) == choice), None)
        if machtiging is None:
            messages.error(request, "Kies voor wie u iets wilt doen. Deze machtiging geldt (nu) niet.")
            return render(request, "machtigingen/choose.html", {"available": available}, status=400)
        namens.start(request, machtiging)
        return redirect("machtigingen:acting")
    return render(request, "machtigingen/choose.html", {"available": available})


@resident_required
def acting(request: HttpRequest) -> HttpResponse:
    """The start page while acting namens: what the authorisation allows, with the way there."""
    machtiging = getattr(request, "namens", None)
    if machtiging is None:
        return redirect("machtigingen:choose")
    return render(request, "machtigingen/acting.html", {"m": machtiging, "Act": Act})


@resident_required
@require_POST
def stop(request: HttpRequest) -> HttpResponse:
    namens.stop(request)
    messages.success(request, "U handelt nu weer voor uzelf.")
    return redirect("machtigingen:choose")


def ended(request: HttpRequest) -> HttpResponse:
    """Where an agent lands when the authorisation was revoked or ended while they used it."""
    return render(request, "machtigingen/ended.html", status=200)


# ---------------------------------------------------------------- sharing one check result


@resident_required
@require_http_methods(["GET", "POST"])
def share_new(request: HttpRequest) -> HttpResponse:
    namens.forbid(request, "een uitkomst delen")
    outcome = completed_outcome(request.session)
    if outcome is None:
        messages.info(request, "Doe eerst de Regelingencheck. Daarna kunt u de uitkomst delen.")
        return redirect("portal:check-start")
    form = ShareForm(posted(request), initial={"days": "14"})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        token, digest = SharedCheck.new_token()
        share = SharedCheck.objects.create(
            resident=request.user,
            recipient_name=data["recipient_name"],
            recipient_organisation=data["recipient_organisation"],
            recipient_email=data["recipient_email"],
            token_hash=digest,
            peildatum=outcome.date,
            result={**outcome.result, "trace": []},
            expires_at=timezone.now() + dt.timedelta(days=int(data["days"])),
        )
        record(
            request,
            Action.CREATE,
            obj=share,
            subject_id=request.user.pk,
            what=f"uitkomst gedeeld {share.public_id} met {share.recipient_name}",
            why="inwoner deelt uitkomst Regelingencheck",
        )
        request.session[TOKEN_SESSION_KEY] = [str(share.public_id), token]
        return redirect("machtigingen:share-created", public_id=share.public_id)
    context = {"form": form, "outcome": outcome}
    return render(request, "machtigingen/share_new.html", context, status=400 if form.errors else 200)


@resident_required
def share_created(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The link, shown once: only its digest is stored, so it cannot be shown again later."""
    namens.forbid(request, "een uitkomst delen")
    share = get_object_or_404(SharedCheck, public_id=public_id, resident=request.user)
    stored = request.session.pop(TOKEN_SESSION_KEY, None)
    link = None
    if stored and stored[0] == str(share.public_id):
        link = request.build_absolute_uri(reverse("machtigingen:shared", args=[stored[1]]))
    return render(request, "machtigingen/share_created.html", {"share": share, "link": link})


@resident_required
@require_POST
def share_revoke(request: HttpRequest, public_id: UUID) -> HttpResponse:
    namens.forbid(request, "een gedeelde uitkomst intrekken")
    share = get_object_or_404(SharedCheck, public_id=public_id, resident=request.user)
    if share.revoked_at is None:
        share.revoked_at = timezone.now()
        share.save(update_fields=["revoked_at"])
        record(
            request,
            Action.CHANGE,
            obj=share,
            subject_id=request.user.pk,
            what=f"gedeelde uitkomst {share.public_id} ingetrokken",
            why="inwoner trekt gedeelde uitkomst in",
        )
    messages.success(request, f"{share.recipient_name} kan de uitkomst niet meer zien.")
    return redirect("machtigingen:overview")


def shared(request: HttpRequest, token: str) -> HttpResponse:
    """The professional's read-only view. Only the token is in the URL; every read is audited."""
    share = SharedCheck.by_token(token) if 20 <= len(token) <= 100 else None
    if share is None:
        raise Http404
    state = share.state()
    if state != State.ACTIVE:
        response = render(
            request, "machtigingen/shared_gone.html", {"share": share, "state": state}, status=410
        )
    else:
        record(
            request,
            Action.VIEW,
            obj=share,
            subject_id=share.resident_id,
            what=f"gedeelde uitkomst {share.public_id}",
            why=f"gelezen via deellink van {share.recipient_name} ({share.recipient_organisation})"[:200],
        )
        SharedCheck.objects.filter(pk=share.pk).update(
            read_count=F("read_count") + 1, last_read_at=timezone.now()
        )
        outcome = Outcome(household={}, result=share.result, date=share.peildatum, changes={})
        response = render(request, "machtigingen/shared.html", {"share": share, "outcome": outcome})
    response["Referrer-Policy"] = "no-referrer"  # the token never leaves in a Referer header
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
