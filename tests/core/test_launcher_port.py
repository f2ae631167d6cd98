"""`make run` takes PORT (default 8000); SITE_URL follows it unless set, and the banner
prints the real address."""

import contextlib

import pytest

from cluster_portal import launcher


@pytest.fixture
def started(monkeypatch):
    """What the portal run starts, with the embedded services and the child processes replaced."""
    seen = {}

    @contextlib.contextmanager
    def services(**kwargs):
        yield {"PATH": "/usr/bin"}

    def run_processes(processes, env):
        seen.update(processes=processes, env=env)
        return 0

    monkeypatch.setattr(launcher, "backing_services", services)
    monkeypatch.setattr(launcher, "_manage", lambda env, *args: None)
    monkeypatch.setattr(launcher.supervisor, "run_processes", run_processes)
    monkeypatch.delenv("SITE_URL", raising=False)
    return seen


def test_port_sets_the_web_port_the_site_url_and_the_banner(started, monkeypatch, capsys):
    monkeypatch.setenv("PORT", "8123")

    assert launcher._run_portal() == 0

    assert "127.0.0.1:8123" in started["processes"]["web"]
    assert started["env"]["SITE_URL"] == "http://127.0.0.1:8123"
    out = capsys.readouterr().out
    assert "Portal:       http://127.0.0.1:8123/" in out
    assert "Links in emails" not in out


def test_default_port_is_8000(started, monkeypatch):
    monkeypatch.delenv("PORT", raising=False)

    launcher._run_portal()

    assert "127.0.0.1:8000" in started["processes"]["web"]
    assert started["env"]["SITE_URL"] == "http://127.0.0.1:8000"


def test_a_set_site_url_is_kept_and_shown(started, monkeypatch, capsys):
    monkeypatch.setenv("PORT", "8123")

    @contextlib.contextmanager
    def services(**kwargs):
        yield {"SITE_URL": "https://portal.example.org"}  # as backing_services copies os.environ

    monkeypatch.setattr(launcher, "backing_services", services)
    launcher._run_portal()

    assert started["env"]["SITE_URL"] == "https://portal.example.org"
    assert "Links in emails and feeds: https://portal.example.org/" in capsys.readouterr().out


@pytest.mark.parametrize("port", ["eighty", "0", "70000"])
def test_bad_port_stops_with_a_message(started, monkeypatch, capsys, port):
    monkeypatch.setenv("PORT", port)

    assert launcher._run_portal() == 2
    assert "PORT must be a port number" in capsys.readouterr().out
    assert started == {}
