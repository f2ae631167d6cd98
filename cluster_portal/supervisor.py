"""The launcher's own process supervisor: runs the Procfile's processes and makes sure
that nothing it started outlives it, however it ends.

* Each process runs in a session (process group) of its own, so it can be stopped whole
  (``runserver``'s or Celery's children too), and asks the kernel for ``SIGTERM`` when its
  parent dies (``PR_SET_PDEATHSIG``): a ``kill -9`` of the launcher stops them as well.
* A guardian (``python cluster_portal/supervisor.py guard PID``) is started first, in its
  own session, with the same parent-death signal. It does nothing while the launcher lives;
  when the launcher is gone (killed, its process group killed) it stops every recorded
  process group, the embedded Redis and PostgreSQL. Only a launcher that finished its own
  clean stop tells the guardian to leave quietly.
* What was started is written to ``var/run/state.json`` as it starts, so the guardian,
  and the next ``make run`` if even the guardian was killed, know what to stop.
* ``var/run/launcher.lock`` is held (``flock``) while a launcher runs: a second
  ``make run`` in the same folder refuses with a message instead of starting a second
  Redis on the same data. The kernel drops the lock with the process, so a killed launcher
  leaves no stale lock behind.
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import json
import os
import re
import shlex
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
# PORTAL_RUN_DIR: only for the supervisor's own tests, which must not touch a running portal.
RUN_DIR = Path(os.environ.get("PORTAL_RUN_DIR") or BASE_DIR / "var" / "run")
STATE_FILE = RUN_DIR / "state.json"
LOCK_FILE = RUN_DIR / "launcher.lock"
PR_SET_PDEATHSIG = 1


class AlreadyRunning(RuntimeError):
    pass


def die_with_parent(signum: int = signal.SIGTERM) -> None:
    """In a child before exec: the kernel sends ``signum`` when the parent dies."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signum, 0, 0, 0)


def own_session_dying_with_parent() -> None:
    os.setsid()
    die_with_parent(signal.SIGTERM)


# --- State shared with the guardian ---------------------------------------------------


def read_state() -> dict:
    try:
        return json.loads(STATE_FILE.read_text())
    except (FileNotFoundError, ValueError):
        return {}


def record(**items) -> None:
    """Add to the state file (atomically: the guardian may read it at any moment)."""
    RUN_DIR.mkdir(parents=True, exist_ok=True)
    state = read_state()
    for key, value in items.items():
        if key == "groups":
            state.setdefault("groups", []).extend(value)
        else:
            state[key] = value
    temporary = STATE_FILE.with_suffix(".tmp")
    temporary.write_text(json.dumps(state))
    temporary.replace(STATE_FILE)


def _stat(pid: int) -> tuple[str, int] | None:
    """(state, process group) of a process from /proc; None when there is none."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return None
    return fields[0], int(fields[2])


def _alive(pid: int) -> bool:
    """Running, not a zombie (a reparented child whose reaper is slow still has a pid)."""
    stat = _stat(pid)
    return stat is not None and stat[0] not in ("Z", "X")


def _group_alive(pgid: int) -> bool:
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            stat = _stat(int(entry.name))
            if stat and stat[1] == pgid and stat[0] not in ("Z", "X"):
                return True
    return False


def _stop_group(pgid: int, timeout: float = 10) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _group_alive(pgid):
            return
        time.sleep(0.1)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGKILL)


def stop_everything_recorded() -> list[str]:
    """Stop what the state file names (process groups, Redis, PostgreSQL); return what was
    found running. Safe to call when nothing runs."""
    state = read_state()
    stopped = []
    for pgid in state.get("groups", []):
        if _group_alive(pgid):
            stopped.append(f"process group {pgid}")
            _stop_group(pgid)
    redis_pid = state.get("redis_pid")
    if redis_pid and _alive(redis_pid):
        stopped.append(f"Redis {redis_pid}")
        _stop_group(redis_pid, timeout=15)  # its own session: pid == pgid
    pgdata = state.get("pgdata")
    if pgdata and (Path(pgdata) / "postmaster.pid").exists():
        pid = int((Path(pgdata) / "postmaster.pid").read_text().split()[0])
        if _alive(pid):
            stopped.append(f"PostgreSQL {pid}")
            os.kill(pid, signal.SIGINT)  # fast shutdown: ends sessions, then the server
            deadline = time.monotonic() + 15
            while _alive(pid) and time.monotonic() < deadline:
                time.sleep(0.1)
    STATE_FILE.unlink(missing_ok=True)
    return stopped


# --- The lock -------------------------------------------------------------------------


@contextlib.contextmanager
def single_launcher():
    """Hold the folder's launcher lock; AlreadyRunning when another launcher has it."""
    RUN_DIR.mkdir(parents=True, exist_ok=True)
    handle = LOCK_FILE.open("a+")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        owner = handle.read().strip() or "?"
        handle.close()
        raise AlreadyRunning(
            f"another launcher (pid {owner}) is already running the portal from {BASE_DIR}; "
            "stop it first (Ctrl-C in its terminal)"
        ) from None
    handle.seek(0)
    handle.truncate()
    handle.write(str(os.getpid()))
    handle.flush()
    try:
        yield
    finally:
        handle.close()


# --- The guardian ---------------------------------------------------------------------


def _guardian_setup() -> None:
    own_session_dying_with_parent()
    # Held until the guardian has its handler: a launcher that dies at once still counts.
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGUSR1})


def start_guardian() -> subprocess.Popen:
    # Run as a file, not ``-m cluster_portal…``: the package imports Celery, and the guardian
    # must be ready in milliseconds, using nothing but the standard library.
    return subprocess.Popen(  # noqa: S603
        [sys.executable, str(Path(__file__).resolve()), "guard", str(os.getpid())],
        cwd=BASE_DIR,
        preexec_fn=_guardian_setup,  # noqa: PLW1509 - no threads run yet
    )


def dismiss_guardian(guardian: subprocess.Popen) -> None:
    """The launcher stopped everything itself: the guardian leaves without acting."""
    with contextlib.suppress(ProcessLookupError):
        guardian.send_signal(signal.SIGUSR1)
    with contextlib.suppress(subprocess.TimeoutExpired):
        guardian.wait(timeout=5)


def guard(launcher_pid: int) -> int:
    # Plain flags: a signal handler must not take locks the interrupted code may hold.
    flags = {"dismissed": False, "launcher_gone": False}
    signal.signal(signal.SIGUSR1, lambda *_: flags.update(dismissed=True))
    signal.signal(signal.SIGTERM, lambda *_: flags.update(launcher_gone=True))  # the parent-death signal
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGUSR1})
    while not flags["dismissed"] and not flags["launcher_gone"]:
        if os.getppid() != launcher_pid:  # belt and braces: the launcher died before prctl
            flags["launcher_gone"] = True
        time.sleep(0.2)
    if flags["dismissed"]:
        return 0
    stopped = stop_everything_recorded()
    if stopped:
        print(f"[guardian] the launcher is gone; stopped {', '.join(stopped)}", flush=True)
    return 0


# --- Running the Procfile -------------------------------------------------------------


def read_procfile(path: Path, env: dict[str, str]) -> dict[str, list[str]]:
    """``name: command`` lines, with ``$VAR`` / ``${VAR:-default}`` taken from ``env``."""

    def expand(match: re.Match) -> str:
        name, default = match.group(1) or match.group(3), match.group(2) or ""
        return env.get(name) or default

    processes = {}
    for line in path.read_text().splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        name, _, command = line.partition(":")
        command = re.sub(r"\$\{(\w+)(?::-([^}]*))?\}|\$(\w+)", expand, command)
        processes[name.strip()] = shlex.split(command)
    return processes


def _pump(name: str, stream, width: int) -> None:
    for raw in iter(stream.readline, b""):
        sys.stdout.write(f"{name.ljust(width)} | {raw.decode(errors='replace')}")
        sys.stdout.flush()


def run_processes(processes: dict[str, list[str]], env: dict[str, str]) -> int:
    """Run every process until one ends or Ctrl-C/SIGTERM; then stop them all, whole."""
    width = max(len(name) for name in processes)
    stop = threading.Event()
    previous = {sig: signal.signal(sig, lambda *_: stop.set()) for sig in (signal.SIGINT, signal.SIGTERM)}
    children: dict[str, subprocess.Popen] = {}
    try:
        for name, command in processes.items():
            child = subprocess.Popen(  # noqa: S603
                command,
                env=env,
                cwd=BASE_DIR,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                preexec_fn=own_session_dying_with_parent,  # noqa: PLW1509 - only pump threads run
            )
            children[name] = child
            record(groups=[child.pid])
            threading.Thread(target=_pump, args=(name, child.stdout, width), daemon=True).start()
            print(f"{'system'.ljust(width)} | {name} started (pid {child.pid})", flush=True)
        while not stop.is_set():
            ended = [name for name, child in children.items() if child.poll() is not None]
            if ended:
                print(f"{'system'.ljust(width)} | {ended[0]} exited; stopping the others", flush=True)
                break
            stop.wait(0.2)
    finally:
        for name, child in children.items():
            _stop_group(child.pid)
            child.wait()
            print(f"{'system'.ljust(width)} | {name} stopped", flush=True)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0 if stop.is_set() else 1


if __name__ == "__main__":
    if sys.argv[1:2] == ["guard"]:
        sys.exit(guard(int(sys.argv[2])))
    sys.exit("usage: python cluster_portal/supervisor.py guard LAUNCHER_PID")
