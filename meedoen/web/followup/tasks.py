"""Queue tasks: the check result by e-mail, and the follow-up question after FOLLOWUP_AFTER_DAYS.

Each task reads its row again and does nothing when the work is already done (``sent_at`` set), so a
retry after a crash between sending and committing sends at most once more, never in a loop.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import ParamSpec

import procrastinate
from django import db
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from procrastinate.contrib.django import app

from meedoen.web.followup.models import ResultMail

# Mail servers refuse now and then: five attempts, waiting 5 s, 25 s, 125 s and 625 s in between.
MAIL_RETRY = procrastinate.RetryStrategy(max_attempts=5, exponential_wait=5)
P = ParamSpec("P")
# A follow-up left unanswered this long after it was sent: the address is erased.
ERASE_AFTER_DAYS = 30


def _closing(task: Callable[P, None]) -> Callable[P, None]:
    """A worker runs sync tasks in threads of its own: each closes its database connection when done,
    so a worker never keeps idle connections (and a test database can be dropped)."""

    @functools.wraps(task)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            task(*args, **kwargs)
        finally:
            if settings.MEEDOEN_QUEUE == "procrastinate":
                db.connection.close()

    return run


@app.task(queue="mail", retry=MAIL_RETRY, name="send_result_mail")
@_closing
def send_result_mail(mail_id: int) -> None:
    mail = ResultMail.objects.filter(pk=mail_id, sent_at=None).exclude(email="").first()
    if mail is None:
        return
    body = render_to_string("followup/mail_result.txt", {"mail": mail})
    send_mail("Uw uitkomst van de Regelingencheck", body, settings.DEFAULT_FROM_EMAIL, [mail.email])
    now = timezone.now()
    mail.sent_at = now
    if mail.followup:
        mail.followup_due = timezone.localdate(now) + dt.timedelta(days=settings.FOLLOWUP_AFTER_DAYS)
    mail.save(update_fields=["sent_at", "followup_due"])


@app.task(queue="mail", retry=MAIL_RETRY, name="send_followup")
@_closing
def send_followup(mail_id: int) -> None:
    mail = (
        ResultMail.objects.filter(pk=mail_id, followup=True, followup_sent_at=None).exclude(email="").first()
    )
    if mail is None:
        return
    link = settings.SITE_URL.rstrip("/") + reverse("followup:answer", args=[mail.token])
    body = render_to_string("followup/mail_followup.txt", {"mail": mail, "link": link})
    send_mail("Heeft u het aangevraagd?", body, settings.DEFAULT_FROM_EMAIL, [mail.email])
    mail.followup_sent_at = timezone.now()
    mail.save(update_fields=["followup_sent_at"])


@app.periodic(cron="0 9 * * *")
@app.task(queue="mail", queueing_lock="send_due_followups", name="send_due_followups")
@_closing
def send_due_followups(timestamp: int) -> None:
    """Every morning: the follow-ups that are due, one job each (one failing address blocks no other)."""
    from meedoen.web.queue.jobs import enqueue

    today = timezone.localdate()
    due = ResultMail.objects.filter(followup=True, followup_sent_at=None, followup_due__lte=today).exclude(
        email=""
    )
    for mail_id in due.values_list("pk", flat=True):
        enqueue(send_followup, mail_id=mail_id)
    cutoff = timezone.now() - dt.timedelta(days=ERASE_AFTER_DAYS)
    ResultMail.objects.filter(followup_sent_at__lt=cutoff).exclude(email="").update(email="")
    ResultMail.objects.filter(followup=False, sent_at__lt=cutoff).exclude(email="").update(email="")
