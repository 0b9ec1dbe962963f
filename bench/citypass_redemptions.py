"""Load test of city pass redemptions on gunicorn + PostgreSQL: providers booking on passes.

Open loop: requests are sent at a fixed rate (--rate per second, for --seconds), whatever the server
does, each on one of --connections kept-alive connections; a request's latency counts from the moment
it was due, so a server that falls behind shows it in the figures instead of slowing the load. Each
request is a real booking (POST /stadspas/aanbieder/afschrijven/, session, CSRF, rate limiter, the
conditional UPDATE and the ledger insert) by one of --providers providers on one of --passes passes.
Afterwards the ledger is checked (``citypass_check``) and the bookings are counted. Exits 1 when p95 is
over 100 ms, a request failed, or the achieved rate is under 95 % of --rate.

Reuses bench/web_load.py for PostgreSQL, the server environment and the HTTP client.

    python bench/citypass_redemptions.py [--rate 200] [--seconds 30] [--workers 2] [--threads 8]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import tempfile
import time

import web_load  # bench/ is the script's folder, so it is on the path

REPO = web_load.REPO
BUDGET_P95_MS = 100.0
MANAGE = [sys.executable, "-m", "meedoen.web.manage"]


def bench_provider(i: int):
    """An approved provider with one user (in the server's settings, after django.setup())."""
    from django.conf import settings

    from meedoen.web.accounts.models import Role, User
    from meedoen.web.citypass.models import Provider

    user = User.objects.create_user(f"bench-aanbieder-{i}", password=None, role=Role.PROVIDER)
    provider = Provider.objects.create(
        name=f"Bench {i}",
        kvk_number=f"{70000000 + i}",
        area="oost",
        address="x",
        email="bench@example.org",
        iban="NL91ABNA0417164300",
        municipality=settings.MUNICIPALITY,
        status=Provider.Status.APPROVED,
    )
    provider.users.add(user)
    return user, provider


def seed(providers: int, passes: int) -> None:
    """In the server's settings: approved providers with a logged-in session each, and passes with
    the Meedoen-regeling budget made by the real issuing code. Prints what the load needs as JSON."""
    import django

    sys.path.insert(0, str(REPO))
    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.middleware.csrf import _get_new_csrf_string

    from meedoen.web.accounts.models import Role, User
    from meedoen.web.citypass import issuing

    clients = []
    for i in range(providers):
        user, provider = bench_provider(i)
        offer = provider.offers.create(name="Bench-aanbod", category="sport", price_cents=1000)
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        clients.append({"session": session.session_key, "csrf": _get_new_csrf_string(), "offer": offer.pk})
    resident = User.objects.create_user("bench-inwoner", role=Role.RESIDENT)
    numbers = []
    for i in range(passes):
        person = {"id": f"p{i}", "role": "applicant", "birth_date": "1980-01-01"}
        [card] = issuing.issue(resident, settings.MUNICIPALITY, "meedoenregeling", [person])
        numbers.append(card.number)
    print(json.dumps({"clients": clients, "passes": numbers}))


def booking(client: dict, number: str) -> bytes:
    body = (
        f"csrfmiddlewaretoken={client['csrf']}&number={number}&offer={client['offer']}&amount=1%2C00".encode()
    )
    head = [
        "POST /stadspas/aanbieder/afschrijven/ HTTP/1.1",
        "Host: 127.0.0.1",
        "X-Forwarded-Proto: https",
        "Origin: https://127.0.0.1",
        "Connection: keep-alive",
        f"Cookie: sessionid={client['session']}; csrftoken={client['csrf']}",
        "Content-Type: application/x-www-form-urlencoded",
        f"Content-Length: {len(body)}",
    ]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


async def open_loop(port: int, requests: list[bytes], rate: float, connections: int):
    """Send request i at start + i / rate on the first free connection; latency from that moment."""
    times: list[float] = []
    errors: list = []
    start = time.perf_counter() + 0.2
    slots = iter(range(len(requests)))

    async def worker() -> None:
        conn: list = []
        for i in slots:
            due = start + i / rate
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            try:
                status, _ = await web_load.request(port, requests[i], conn)
                times.append((time.perf_counter() - due) * 1000)
                if status != 302:
                    errors.append(status)
            except Exception as exc:  # counted, not a crash of the bench
                errors.append(type(exc).__name__)
        if conn:
            conn[1].close()

    await asyncio.gather(*(worker() for _ in range(connections)))
    return times, errors, time.perf_counter() - start


def start_server(env: dict[str, str], port: int, workers: int, threads: int) -> subprocess.Popen:
    gunicorn = [sys.executable, "-m", "gunicorn", "-c", "python:meedoen.web.gunicorn_conf"]
    settings = {
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": str(workers),
        "GUNICORN_THREADS": str(threads),
    }
    server = subprocess.Popen([*gunicorn, "meedoen.web.wsgi:application"], env={**env, **settings}, cwd=REPO)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            time.sleep(0.2)
    return server


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rate", type=float, default=200.0, help="bookings per second")
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--providers", type=int, default=20)
    parser.add_argument("--passes", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--seed", nargs=2, type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.seed:
        seed(*args.seed)
        return 0

    database, pg_dir = web_load.start_postgres()
    env = web_load.server_env(database, tempfile.mkdtemp(prefix="meedoen-bench-"))
    port, server = web_load.free_port(), None
    try:
        for command in (["migrate", "-v0"], ["createcachetable"], ["collectstatic", "--noinput", "-v0"]):
            subprocess.run(MANAGE + command, env=env, check=True, cwd=REPO)
        seeded = subprocess.run(
            [sys.executable, __file__, "--seed", str(args.providers), str(args.passes)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
            cwd=REPO,
        ).stdout
        data = json.loads(seeded)
        clients, passes = data["clients"], data["passes"]
        server = start_server(env, port, args.workers, args.threads)
        total = int(args.rate * args.seconds)
        client = [clients[i % len(clients)] for i in range(total)]
        requests = [booking(client[i], passes[(i * 7) % len(passes)]) for i in range(total)]
        warm = [booking(client[i], passes[i % len(passes)]) for i in range(200)]
        asyncio.run(open_loop(port, warm, 50, args.connections))
        print(
            f"open loop {args.rate:.0f} bookings/s for {args.seconds:.0f} s on {args.connections} "
            f"connections; {args.providers} providers, {len(passes)} passes; gunicorn gthread "
            f"{args.workers} workers x {args.threads} threads; PostgreSQL; {os.cpu_count()} cores; "
            f"load average before: {os.getloadavg()[0]:.2f}"
        )
        times, errors, seconds = asyncio.run(open_loop(port, requests, args.rate, args.connections))
        web_load.BUDGET_P95_MS = BUDGET_P95_MS
        ok = web_load.report("POST booking (redemption)", times, errors, seconds)
        achieved = len(times) / seconds
        ok &= achieved >= 0.95 * args.rate
        check = subprocess.run([*MANAGE, "citypass_check"], env=env, capture_output=True, text=True, cwd=REPO)
        load = os.getloadavg()[0]
        print(f"achieved {achieved:.1f} bookings/s; load average after: {load:.2f}; {check.stdout.strip()}")
        return 0 if ok and check.returncode == 0 else 1
    finally:
        web_load.stop(server, pg_dir)


if __name__ == "__main__":
    sys.exit(main())
