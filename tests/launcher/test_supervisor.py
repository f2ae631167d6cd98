"""The launcher's supervisor: nothing it started outlives it, one launcher per folder."""

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from cluster_portal import supervisor

BASE_DIR = Path(__file__).resolve().parents[2]

# A launcher in miniature: the guardian, two supervised processes (one with a child of its
# own), a "Redis" and a "PostgreSQL" recorded the way the real launcher records them.
FAKE_LAUNCHER = textwrap.dedent(
    """
    import subprocess, sys, time
    from pathlib import Path
    from cluster_portal import supervisor

    pgdata = Path(sys.argv[1])
    guardian = supervisor.start_guardian()
    redis = subprocess.Popen(["sleep", "300"], preexec_fn=supervisor.own_session_dying_with_parent)
    # pg_ctl daemonises the postmaster, which stops on SIGINT (a fast shutdown).
    postmaster = subprocess.Popen(
        [sys.executable, "-c", "import signal, time; signal.signal(signal.SIGINT, signal.SIG_DFL); time.sleep(300)"],
        start_new_session=True,
    )
    (pgdata / "postmaster.pid").write_text(f"{postmaster.pid}\\n")
    supervisor.record(redis_pid=redis.pid, pgdata=str(pgdata))
    processes = {"web": ["sleep", "300"], "worker": ["sh", "-c", "sleep 300 & wait"]}
    supervisor.run_processes(processes, env={"PATH": "/usr/bin:/bin"})
    """
)


def _pids_in_session(sid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if os.getsid(int(entry.name)) == sid and not _zombie(int(entry.name)):
                    found.append(int(entry.name))
            except (ProcessLookupError, PermissionError):
                continue
    return found


def _wait_until(condition, timeout=20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


@pytest.fixture
def run_dir(tmp_path, monkeypatch):
    run_dir = tmp_path / "run"
    monkeypatch.setenv("PORTAL_RUN_DIR", str(run_dir))
    monkeypatch.setattr(supervisor, "RUN_DIR", run_dir)
    monkeypatch.setattr(supervisor, "STATE_FILE", run_dir / "state.json")
    monkeypatch.setattr(supervisor, "LOCK_FILE", run_dir / "launcher.lock")
    return run_dir


@pytest.mark.parametrize("kill_group", [False, True], ids=["launcher-killed", "process-group-killed"])
def test_nothing_survives_a_sigkill_of_the_launcher(run_dir, tmp_path, kill_group):
    pgdata = tmp_path / "pgdata"
    pgdata.mkdir()
    launcher = subprocess.Popen(  # noqa: S603
        [sys.executable, "-c", FAKE_LAUNCHER, str(pgdata)],
        cwd=BASE_DIR,
        env={**os.environ, "PORTAL_RUN_DIR": str(run_dir)},
        start_new_session=True,
        stdout=(tmp_path / "launcher.log").open("w"),
        stderr=subprocess.STDOUT,
    )
    assert _wait_until(lambda: len(supervisor.read_state().get("groups", [])) == 2)
    state = supervisor.read_state()
    postmaster = int((pgdata / "postmaster.pid").read_text())
    started = [*state["groups"], state["redis_pid"], postmaster]
    worker_child_seen = _wait_until(lambda: len(_pids_in_session(state["groups"][1])) == 2, timeout=5)

    if kill_group:
        os.killpg(launcher.pid, signal.SIGKILL)
    else:
        launcher.kill()
    launcher.wait()

    survivors = lambda: [pid for pid in started if Path(f"/proc/{pid}").exists() and not _zombie(pid)]  # noqa: E731
    assert worker_child_seen
    log = lambda: (tmp_path / "launcher.log").read_text()  # noqa: E731
    assert _wait_until(lambda: survivors() == []), f"still running: {survivors()}\n{log()}"
    assert _pids_in_session(state["groups"][1]) == []
    assert _wait_until(lambda: not supervisor.STATE_FILE.exists())  # the guardian's last step


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] == "Z"
    except FileNotFoundError:
        return False


def test_a_second_launcher_in_the_same_folder_refuses(run_dir):
    with supervisor.single_launcher():
        with pytest.raises(supervisor.AlreadyRunning) as refusal:
            with supervisor.single_launcher():
                pass

    assert f"another launcher (pid {os.getpid()}) is already running the portal" in str(refusal.value)


def test_the_lock_is_free_again_after_a_launcher_ends(run_dir):
    with supervisor.single_launcher():
        pass

    with supervisor.single_launcher():
        assert (run_dir / "launcher.lock").read_text() == str(os.getpid())


def test_the_next_start_stops_what_a_killed_guardian_left(run_dir):
    leftover = subprocess.Popen(["sleep", "300"], start_new_session=True)  # noqa: S607
    supervisor.record(groups=[leftover.pid])

    stopped = supervisor.stop_everything_recorded()

    assert stopped == [f"process group {leftover.pid}"]
    assert leftover.wait(timeout=10) == -signal.SIGTERM
    assert not supervisor.STATE_FILE.exists()


def test_procfile_takes_port_from_the_environment(tmp_path):
    procfile = tmp_path / "Procfile"
    procfile.write_text("web: python manage.py runserver 127.0.0.1:${PORT:-8000} --noreload\nworker: celery -A x\n")

    assert supervisor.read_procfile(procfile, {"PORT": "8123"})["web"][-2] == "127.0.0.1:8123"
    assert supervisor.read_procfile(procfile, {})["web"][-2] == "127.0.0.1:8000"
    assert supervisor.read_procfile(procfile, {})["worker"] == ["celery", "-A", "x"]
