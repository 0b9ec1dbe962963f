"""Load test of city pass redemptions on gunicorn + PostgreSQL: providers booking on passes.

Open loop: requests are due at a fixed rate (--rates, per second, each for --seconds), whatever the
server does, and each goes out on the first free one of --connections kept-alive connections; a
request's latency counts from the moment it was due, so a server that falls behind shows it in the
figures instead of slowing the load. Each request is a real booking by one of --providers providers
on one of --passes passes:

- ``--path till`` (default): ``POST /stadspas/api/boekingen``, JSON with a till's bearer token; on
  PostgreSQL one SQL statement (checks, conditional UPDATE, ledger INSERT).
- ``--path form``: the provider's page, ``POST /stadspas/aanbieder/afschrijven/`` with session and CSRF.

The load generator is one thread with ``selectors`` and pre-built requests, since it shares the
machine's cores with the server and the database; its own CPU, the server's (gunicorn), PostgreSQL's
and everything else's are measured from /proc and printed per run. After every run the ledger is
checked (``citypass_check``). Exits 1 when a run's p95 is over 100 ms, a request failed, the achieved
rate is under 95 % of the asked rate, or the ledger check fails.

Reuses bench/web_load.py for PostgreSQL, the server environment and stopping.

    python bench/citypass_redemptions.py [--rates 100,150,200] [--seconds 30] [--path till|form]
        [--workers 2] [--threads 4] [--connections 16] [--keyed]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import selectors
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

import web_load  # bench/ is the script's folder, so it is on the path

REPO = web_load.REPO
BUDGET_P95_MS = 100.0
MANAGE = [sys.executable, "-m", "meedoen.web.manage"]
EXPECTED = {"till": 201, "form": 302}
TICK = os.sysconf("SC_CLK_TCK")


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
    """In the server's settings: approved providers, each with a till token and a logged-in session,
    and passes with the Meedoen-regeling budget made by the real issuing code. Prints JSON."""
    import django

    sys.path.insert(0, str(REPO))
    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.middleware.csrf import _get_new_csrf_string

    from meedoen.web.accounts.models import Role, User
    from meedoen.web.citypass import issuing
    from meedoen.web.citypass.models import TillToken

    clients = []
    for i in range(providers):
        user, provider = bench_provider(i)
        offer = provider.offers.create(name="Bench-aanbod", category="sport", price_cents=1000)
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        token = TillToken.issue(provider, "Bench-kassa")[1]
        clients.append(
            {
                "session": session.session_key,
                "csrf": _get_new_csrf_string(),
                "offer": offer.pk,
                "token": token,
            },
        )
    resident = User.objects.create_user("bench-inwoner", role=Role.RESIDENT)
    numbers = []
    for i in range(passes):
        person = {"id": f"p{i}", "role": "applicant", "birth_date": "1980-01-01"}
        [card] = issuing.issue(resident, settings.MUNICIPALITY, "meedoenregeling", [person])
        numbers.append(card.number)
    print(json.dumps({"clients": clients, "passes": numbers}))


def form_booking(client: dict, number: str) -> bytes:
    body = (
        f"csrfmiddlewaretoken={client['csrf']}&number={number}&offer={client['offer']}&amount=1%2C00".encode()
    )
    head = [
        "POST /stadspas/aanbieder/afschrijven/ HTTP/1.1",
        "Host: 127.0.0.1",
        "X-Forwarded-Proto: https",
        "Origin: https://127.0.0.1",
        f"Cookie: sessionid={client['session']}; csrftoken={client['csrf']}",
        "Content-Type: application/x-www-form-urlencoded",
        f"Content-Length: {len(body)}",
    ]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


KEYED = False  # --keyed: every booking with its own Idempotency-Key (stored with its answer)


def till_booking(client: dict, number: str) -> bytes:
    body = json.dumps({"pass_number": number, "offer_id": client["offer"], "amount_cents": 100}).encode()
    head = [
        "POST /stadspas/api/boekingen HTTP/1.1",
        "Host: 127.0.0.1",
        "X-Forwarded-Proto: https",
        f"Authorization: Bearer {client['token']}",
        "Content-Type: application/json",
        f"Content-Length: {len(body)}",
    ]
    if KEYED:
        head.append(f"Idempotency-Key: {uuid.uuid4()}")
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


@dataclass
class Conn:
    port: int
    sock: socket.socket | None = None
    buf: bytearray = field(default_factory=bytearray)
    index: int = -1  # the request in flight, -1 when idle


@dataclass
class Run:
    times: list[float]
    errors: list
    seconds: float
    reconnects: int


def open_loop(
    port: int, requests: list[bytes], rate: float, connections: int, expected: int, tick=lambda: None
) -> Run:
    """Request i is due at start + i / rate and goes out on the first idle connection (or waits for
    one); its latency runs from the moment it was due. One thread, non-blocking sockets."""
    sel = selectors.DefaultSelector()
    conns = [Conn(port) for _ in range(connections)]
    idle = deque(conns)
    waiting: deque[int] = deque()  # due, but every connection busy
    times: list[float] = []
    errors: list = []
    reconnects = 0
    start = time.perf_counter() + 0.1
    nxt, done, total = 0, 0, len(requests)

    def send(conn: Conn, i: int) -> None:
        if conn.sock is None:
            conn.sock = socket.create_connection(("127.0.0.1", port))
            conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            sel.register(conn.sock, selectors.EVENT_READ, conn)
        conn.index = i
        conn.sock.sendall(requests[i])

    def drop(conn: Conn) -> None:
        sel.unregister(conn.sock)
        conn.sock.close()
        conn.sock, conn.buf = None, bytearray()

    while done < total:
        tick()
        now = time.perf_counter()
        while nxt < total and start + nxt / rate <= now:
            waiting.append(nxt)
            nxt += 1
        while waiting and idle:
            send(idle.popleft(), waiting.popleft())
        timeout = 1.0 if nxt >= total else max(0.0, start + nxt / rate - time.perf_counter())
        for key, _ in sel.select(timeout):
            conn: Conn = key.data
            data = conn.sock.recv(65536)
            if not data:  # the server closed the connection (keep-alive timeout, worker restart)
                i = conn.index
                drop(conn)
                if i >= 0:  # no answer yet: send it again on a new connection
                    reconnects += 1
                    send(conn, i)
                continue
            conn.buf += data
            end = conn.buf.find(b"\r\n\r\n")
            if end < 0:
                continue
            head = bytes(conn.buf[:end]).lower()
            length = 0
            at = head.find(b"content-length:")
            if at >= 0:
                length = int(head[at + 15 : head.find(b"\r\n", at) if b"\r\n" in head[at:] else None])
            if len(conn.buf) < end + 4 + length:
                continue
            status = int(head[9:12])
            times.append((time.perf_counter() - (start + conn.index / rate)) * 1000)
            if status != expected:
                errors.append(status)
            del conn.buf[: end + 4 + length]
            conn.index = -1
            done += 1
            if b"connection: close" in head:
                drop(conn)
            idle.append(conn)
            if waiting:
                send(idle.popleft(), waiting.popleft())
    seconds = time.perf_counter() - start
    for conn in conns:
        if conn.sock:
            drop(conn)
    return Run(times, errors, seconds, reconnects)


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
            except (OSError, IndexError, ValueError):
                continue
    return found


def cpu_seconds(pids: list[int]) -> dict[int, float]:
    out = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            out[pid] = (int(fields[11]) + int(fields[12])) / TICK  # utime + stime
        except (OSError, IndexError, ValueError):
            continue
    return out


def machine_busy() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot, all cores."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]
    return (sum(values[:8]) - idle) / TICK, sum(values[:8]) / TICK


def postmaster(pg_dir: str | None) -> int | None:
    try:
        return int(Path(pg_dir, "data", "postmaster.pid").read_text().split()[0]) if pg_dir else None
    except (OSError, ValueError, IndexError):
        return None


class CpuMeter:
    """CPU used during a run by the server's workers, PostgreSQL, this generator and all the rest.

    Sampled every second during a run (``tick``): gunicorn recycles workers (``max_requests``) and
    their database connections with them, and a process that is gone takes its CPU time along, so
    the last value seen of each process is kept."""

    def __init__(self, server_pid: int, pg_pid: int | None) -> None:
        self.server_pid, self.pg_pid = server_pid, pg_pid
        self.seen: dict[str, dict[int, float]] = {"gunicorn": {}, "postgres": {}}
        self.last_tick = 0.0

    def tick(self) -> None:
        now = time.monotonic()
        if now - self.last_tick >= 1.0:
            self.last_tick = now
            for name, pids in self.groups().items():
                self.seen[name].update(cpu_seconds(pids))

    def groups(self) -> dict[str, list[int]]:
        pg = [self.pg_pid, *children(self.pg_pid)] if self.pg_pid else []
        return {"gunicorn": [self.server_pid, *children(self.server_pid)], "postgres": pg}

    def sample(self) -> dict:
        self.last_tick = 0.0
        self.tick()
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return {
            "groups": {name: dict(seen) for name, seen in self.seen.items()},
            "self": usage.ru_utime + usage.ru_stime,
            "machine": machine_busy(),
        }

    @staticmethod
    def shares(before: dict, after: dict, seconds: float) -> str:
        """CPU per part as a share of one core (100 % = one core busy for the whole run)."""
        parts = {}
        for name, now in after["groups"].items():
            then = before["groups"][name]
            parts[name] = sum(v - then.get(pid, 0.0) for pid, v in now.items())
        parts["generator"] = after["self"] - before["self"]
        busy = after["machine"][0] - before["machine"][0]
        parts["other"] = max(0.0, busy - sum(parts.values()))
        return ", ".join(f"{name} {100 * v / seconds:.0f} %" for name, v in parts.items())


def start_server(env: dict[str, str], port: int, args: argparse.Namespace) -> subprocess.Popen:
    gunicorn = [sys.executable, "-m", "gunicorn", "-c", "python:meedoen.web.gunicorn_conf"]
    if args.worker_class:
        gunicorn += ["-k", args.worker_class]
    settings = {
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": str(args.workers),
        "GUNICORN_THREADS": str(args.threads),
    }
    server = subprocess.Popen([*gunicorn, "meedoen.web.wsgi:application"], env={**env, **settings}, cwd=REPO)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            time.sleep(0.2)
    return server


def report(rate: float, run: Run, cpu: str, load: tuple[float, float], check: str) -> bool:
    q = statistics.quantiles(sorted(run.times), n=100)
    p50, p95, p99 = q[49], q[94], q[98]
    achieved = len(run.times) / run.seconds
    ok = p95 <= BUDGET_P95_MS and not run.errors and achieved >= 0.95 * rate
    print(
        f"asked {rate:5.0f}/s  achieved {achieved:6.1f}/s  n={len(run.times):5}  p50={p50:7.1f} ms  "
        f"p95={p95:7.1f} ms  p99={p99:7.1f} ms  errors={len(run.errors)}"
        f"{' ' + str(sorted(set(map(str, run.errors)))) if run.errors else ''}  reconnects={run.reconnects}  "
        f"load avg {load[0]:.2f} -> {load[1]:.2f}  {'OK' if ok else 'OVER BUDGET'}\n"
        f"    CPU (share of one core): {cpu}\n    {check}",
        flush=True,
    )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rates", default="100,150,200", help="bookings per second, one run each")
    parser.add_argument("--seconds", type=float, default=30.0, help="per run")
    parser.add_argument("--path", choices=sorted(EXPECTED), default="till")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--providers", type=int, default=20)
    parser.add_argument("--passes", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--worker-class", help="gunicorn -k (default: gthread, as in production)")
    parser.add_argument("--keyed", action="store_true", help="till path: an Idempotency-Key per booking")
    parser.add_argument("--seed", nargs=2, type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.seed:
        seed(*args.seed)
        return 0
    global KEYED
    KEYED = args.keyed
    rates = [float(r) for r in args.rates.split(",")]
    needed = sum(rates) * args.seconds + 1000
    if needed > args.passes * 150:  # each booking is 1,00 on a 150,00 budget
        parser.error(f"{args.passes} passes hold {args.passes * 150} bookings; the runs need {needed:.0f}")

    database, pg_dir = web_load.start_postgres()
    env = web_load.server_env(database, tempfile.mkdtemp(prefix="meedoen-bench-"))
    port, server = web_load.free_port(), None
    make = till_booking if args.path == "till" else form_booking
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
        server = start_server(env, port, args)
        meter = CpuMeter(server.pid, postmaster(pg_dir))
        worker = f"{args.worker_class or 'gthread'} {args.workers} workers x {args.threads} threads"
        keyed = " (Idempotency-Key)" if args.keyed else ""
        print(
            f"{args.path}{keyed}: open loop, {args.seconds:.0f} s per rate on {args.connections} connections;"
            " "
            f"{args.providers} providers, {len(passes)} passes; gunicorn {worker}; PostgreSQL; "
            f"{os.cpu_count()} cores",
            flush=True,
        )
        counter = 0

        def batch(count: int) -> list[bytes]:
            nonlocal counter
            out = [
                make(clients[(counter + i) % len(clients)], passes[((counter + i) * 7) % len(passes)])
                for i in range(count)
            ]
            counter += count
            return out

        open_loop(port, batch(300), 100, args.connections, EXPECTED[args.path])  # warm up
        ok = True
        for rate in rates:
            requests = batch(int(rate * args.seconds))
            load_before = os.getloadavg()[0]
            before = meter.sample()
            run = open_loop(port, requests, rate, args.connections, EXPECTED[args.path], meter.tick)
            cpu = CpuMeter.shares(before, meter.sample(), run.seconds)
            check = subprocess.run(
                [*MANAGE, "citypass_check"], env=env, capture_output=True, text=True, cwd=REPO
            )
            ok &= check.returncode == 0
            verdict = (check.stdout or check.stderr).strip().splitlines()[-1]
            ok &= report(rate, run, cpu, (load_before, os.getloadavg()[0]), f"citypass_check: {verdict}")
        return 0 if ok else 1
    finally:
        web_load.stop(server, pg_dir)


if __name__ == "__main__":
    sys.exit(main())
