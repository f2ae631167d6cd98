"""`make run` takes PORT (default 8000); SITE_URL follows it unless set, and the banner
prints the real address."""

import contextlib
import subprocess
import sys

import pytest

from cluster_portal import launcher


@pytest.fixture
def started(monkeypatch):
    """What run() starts, with the embedded services and the child processes replaced."""
    seen = {}

    @contextlib.contextmanager
    def services(*, persistent_redis):
        yield {"PATH": "/usr/bin"}

    def foreground(command, env):
        seen.update(command=command, env=env)
        return 0

    monkeypatch.setattr(launcher, "backing_services", services)
    monkeypatch.setattr(launcher, "_manage", lambda env, *args: None)
    monkeypatch.setattr(launcher, "_run_foreground", foreground)
    monkeypatch.delenv("SITE_URL", raising=False)
    return seen


def test_port_sets_the_web_port_the_site_url_and_the_banner(started, monkeypatch, capsys):
    monkeypatch.setenv("PORT", "8123")

    assert launcher.run() == 0

    assert started["command"][-4:] == ["-f", "Procfile", "-p", "8123"]
    assert started["env"]["SITE_URL"] == "http://127.0.0.1:8123"
    assert "Portal:       http://127.0.0.1:8123/" in capsys.readouterr().out


def test_default_port_is_8000(started, monkeypatch, capsys):
    monkeypatch.delenv("PORT", raising=False)

    launcher.run()

    assert started["command"][-1] == "8000"
    assert started["env"]["SITE_URL"] == "http://127.0.0.1:8000"


def test_a_set_site_url_is_kept_and_shown(started, monkeypatch, capsys):
    monkeypatch.setenv("PORT", "8123")

    @contextlib.contextmanager
    def services(*, persistent_redis):
        yield {"SITE_URL": "https://portal.example.org"}  # as backing_services copies os.environ

    monkeypatch.setattr(launcher, "backing_services", services)
    launcher.run()

    assert started["env"]["SITE_URL"] == "https://portal.example.org"
    assert "Links in emails and feeds: https://portal.example.org/" in capsys.readouterr().out


def test_bad_port_stops_with_a_message(started, monkeypatch, capsys):
    monkeypatch.setenv("PORT", "eighty")

    assert launcher.run() == 2
    assert "PORT must be a port number" in capsys.readouterr().out
    assert started == {}


def test_procfile_web_process_listens_on_the_port_honcho_gives_it(tmp_path):
    web = next(
        line for line in launcher.BASE_DIR.joinpath("Procfile").read_text().splitlines() if line.startswith("web:")
    )
    (tmp_path / "Procfile").write_text(web.replace("python manage.py runserver", "echo listening") + "\n")

    result = subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "-m", "honcho", "start", "-f", "Procfile", "-p", "8123", "--no-prefix"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )

    assert "listening 127.0.0.1:8123 --noreload" in result.stdout
