"""Load test of the web app on gunicorn + PostgreSQL: the check result page and POST /api/v1/check.

Loopback only and bounded in requests and time. Starts a throwaway PostgreSQL (.ci/postgres.sh) unless
DATABASE_URL is set, migrates, starts gunicorn with the production settings, then runs USERS concurrent
users per target. Each user waits a think time between requests (--think, drawn uniformly from 0.5 to
1.5 times the value, with a random start, so users do not click in lock-step; --think 0 is the
saturation test). Prints p50, p95, p99, throughput and errors per target, and exits 1 if a target
misses its p95 budget of 150 ms or had errors.

    python bench/web_load.py [--users 50] [--requests 40] [--think 1.0] [--workers 2] [--threads 4]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "meedoen" / "examples" / "household_arnhem.json"
ANSWERS = {
    "over-u": {"birth_date": "1984-05-12"},
    "huishouden": {"partner": "nee", "children": "0", "housemates": "0"},
    "inkomen": {"income": "450"},
    "wonen": {"kind": "rent", "rent": "650", "energy": "140"},
    "vermogen": {"assets": "1200", "low_income_since": ""},
}
BUDGET_P95_MS = 150.0
MAX_SECONDS = 120  # per target, whatever --requests says


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_postgres() -> tuple[dict[str, str], str | None]:
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        return {"DATABASE_URL": os.environ["DATABASE_URL"]}, None
    out = subprocess.run(
        ["bash", str(REPO / ".ci" / "postgres.sh")], capture_output=True, text=True, check=True
    ).stdout
    values = dict(line.removeprefix("export ").split("=", 1) for line in out.splitlines())
    return {"DATABASE_URL": values["DATABASE_URL"]}, values["MEEDOEN_PG_DIR"]


def stop(server: subprocess.Popen | None, pg_dir: str | None) -> None:
    """Stop the server and the throwaway PostgreSQL that :func:`start_postgres` started, if any."""
    if server:
        server.terminate()
        server.wait(timeout=30)
    if pg_dir:
        command = ["bash", str(REPO / ".ci" / "postgres.sh"), "stop"]
        subprocess.run(command, env={**os.environ, "MEEDOEN_PG_DIR": pg_dir}, check=False)


def server_env(database: dict[str, str], data_dir: str) -> dict[str, str]:
    return {
        **os.environ,
        **database,
        "DJANGO_SETTINGS_MODULE": "meedoen.web.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "MEEDOEN_DATA_DIR": data_dir,
        # One client address sends all the load here: lift the per-client API limit for the run.
        "MEEDOEN_API_RATE": "10000000/m",
        "DJANGO_LOG_LEVEL": "WARNING",
    }


def prepare(env: dict[str, str], sessions: int) -> list[str]:
    """Migrate, collect static files, and store one completed Regelingencheck per user session."""
    manage = [sys.executable, "-m", "meedoen.web.manage"]
    for command in (["migrate", "-v0"], ["createcachetable"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run(manage + command, env=env, check=True, cwd=REPO)
    run = [sys.executable, __file__, "--make-sessions", str(sessions)]
    return json.loads(
        subprocess.run(run, env=env, check=True, capture_output=True, text=True, cwd=REPO).stdout
    )


def make_sessions(count: int) -> None:
    """In the server's settings: sessions with a completed check, each household a little different."""
    import django

    sys.path.insert(0, str(REPO))
    django.setup()
    from django.contrib.sessions.backends.db import SessionStore

    from meedoen.web.portal.questionnaire import Questionnaire

    keys = []
    for i in range(count):
        session = SessionStore()
        Questionnaire({**ANSWERS, "inkomen": {"income": str(400 + i)}}).save(session)
        session.create()
        keys.append(session.session_key)
    print(json.dumps(keys))


def api_body(i: int) -> bytes:
    body = json.loads(EXAMPLE.read_text())
    body["assets"] = 3000 + i  # one household per user
    return json.dumps(body).encode()


async def request(port: int, raw: bytes, conn: list) -> tuple[int, float]:
    """One HTTP/1.1 request on a kept-alive connection (reconnecting when the server closed it)."""
    started = time.perf_counter()
    for attempt in (1, 2):
        if not conn:
            conn.extend(await asyncio.open_connection("127.0.0.1", port))
        reader, writer = conn
        try:
            writer.write(raw)
            await writer.drain()
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            headers = {
                k.strip().lower(): v.strip()
                for k, _, v in (line.partition(b":") for line in head.split(b"\r\n")[1:] if line)
            }
            await reader.readexactly(int(headers.get(b"content-length", b"0")))
            if headers.get(b"connection", b"").lower() == b"close":
                writer.close()
                conn.clear()
            return status, (time.perf_counter() - started) * 1000
        except (asyncio.IncompleteReadError, ConnectionError):
            writer.close()
            conn.clear()
            if attempt == 2:
                raise
            started = time.perf_counter()
    raise AssertionError("unreachable")


def build(method: str, path: str, body: bytes = b"", cookie: str = "") -> bytes:
    lines = [
        f"{method} {path} HTTP/1.1",
        "Host: 127.0.0.1",
        "X-Forwarded-Proto: https",  # as behind the TLS proxy in production
        "Connection: keep-alive",
    ]
    if cookie:
        lines.append(f"Cookie: sessionid={cookie}")
    if body:
        lines += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


async def user(port: int, raw: bytes, count: int, think: float, deadline: float, out: list, errors: list):
    conn: list = []
    if think:  # independent users: they do not all start, or click, at the same moment
        await asyncio.sleep(random.uniform(0, think))
    for _ in range(count):
        if time.monotonic() > deadline:
            break
        try:
            status, ms = await request(port, raw, conn)
            out.append(ms)
            if status != 200:
                errors.append(status)
        except Exception as exc:  # a failed request is an error to count, not a crash of the bench
            errors.append(type(exc).__name__)
        if think:
            await asyncio.sleep(random.uniform(0.5, 1.5) * think)
    if conn:
        conn[1].close()


async def run_target(port: int, requests: list[bytes], per_user: int, think: float) -> tuple[list, list]:
    times: list[float] = []
    errors: list = []
    deadline = time.monotonic() + MAX_SECONDS
    await asyncio.gather(*(user(port, raw, per_user, think, deadline, times, errors) for raw in requests))
    return times, errors


def report(name: str, times: list[float], errors: list, seconds: float) -> bool:
    times = sorted(times)
    q = statistics.quantiles(times, n=100)
    p50, p95, p99 = q[49], q[94], q[98]
    ok = p95 <= BUDGET_P95_MS and not errors
    print(
        f"{name:28} n={len(times):5}  p50={p50:6.1f} ms  p95={p95:6.1f} ms  p99={p99:6.1f} ms  "
        f"{len(times) / seconds:6.1f} req/s  errors={len(errors)}  {'OK' if ok else 'OVER BUDGET'}"
    )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--requests", type=int, default=40, help="requests per user per target")
    parser.add_argument("--think", type=float, default=1.0, help="mean seconds between a user's requests")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--make-sessions", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make_sessions:
        make_sessions(args.make_sessions)
        return 0

    database, pg_dir = start_postgres()
    data_dir = tempfile.mkdtemp(prefix="meedoen-bench-")
    env = server_env(database, data_dir)
    port = free_port()
    server = None
    try:
        sessions = prepare(env, args.users)
        gunicorn = [sys.executable, "-m", "gunicorn", "-c", "python:meedoen.web.gunicorn_conf"]
        server_settings = {
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "GUNICORN_WORKERS": str(args.workers),
            "GUNICORN_THREADS": str(args.threads),
        }
        server = subprocess.Popen(
            [*gunicorn, "meedoen.web.wsgi:application"], env={**env, **server_settings}, cwd=REPO
        )
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.2)
        targets = {
            "GET check result page": [build("GET", "/regelingencheck/uitkomst/", cookie=s) for s in sessions],
            "POST /api/v1/check": [build("POST", "/api/v1/check", api_body(i)) for i in range(len(sessions))],
        }
        print(
            f"{args.users} concurrent users, {args.requests} requests each per target, think time "
            f"{args.think} s; gunicorn gthread {args.workers} workers x {args.threads} threads; "
            f"PostgreSQL; {os.cpu_count()} cores"
        )
        ok = True
        for name, requests in targets.items():
            asyncio.run(run_target(port, requests, 3, 0.0))  # warm up every worker and connection
            started = time.monotonic()
            times, errors = asyncio.run(run_target(port, requests, args.requests, args.think))
            ok &= report(name, times, errors, time.monotonic() - started)
        return 0 if ok else 1
    finally:
        stop(server, pg_dir)


if __name__ == "__main__":
    sys.exit(main())
