"""``manage.py queue_worker``: the background worker (``make demo`` starts it next to the web server)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from meedoen.web.queue.jobs import PROCRASTINATE, backend


class Command(BaseCommand):
    help = "Voert achtergrondtaken uit (e-mail, vervolgvragen). Op PostgreSQL: procrastinate."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--once", action="store_true", help="run what is waiting, then stop")
        parser.add_argument("--heartbeat", type=float, default=10.0, help="seconds between heartbeats")
        parser.add_argument("--queue", action="append", dest="queues", help="only this queue (repeatable)")

    def handle(
        self,
        *args: Any,
        once: bool = False,
        heartbeat: float = 10.0,
        queues: list[str] | None = None,
        **options: Any,
    ) -> None:
        if backend() == PROCRASTINATE:
            from procrastinate.contrib.django import app

            # The worker gets its own psycopg connector (LISTEN/NOTIFY; Django's connection cannot).
            with app.replace_connector(app.connector.get_worker_connector()):
                app.run_worker(
                    queues=queues,
                    wait=not once,
                    update_heartbeat_interval=heartbeat,
                    concurrency=2,
                    listen_notify=not once,
                )
            return
        # SQLite: jobs ran in the request; only the daily follow-ups need a clock.
        from meedoen.web.followup.tasks import send_due_followups

        self.stdout.write("SQLite: taken in-process; vervolgvragen elk uur.")
        while True:
            send_due_followups(timestamp=int(time.time()))
            if once:
                return
            time.sleep(3600)
