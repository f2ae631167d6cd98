"""What deploy/ ships holds together: every production variable in the environment
template, gunicorn's values agree with nginx's, nginx accepts the site, the units keep
one beat and stop gracefully, the release runs its steps in order."""

from __future__ import annotations

import configparser
import re
import runpy
import shutil
import subprocess
from pathlib import Path

import pytest

from core.images import MAX_UPLOAD_BYTES
from desk.forms import MAX_IMPORT_BYTES
from events.models import MATERIAL_MAX_BYTES

BASE_DIR = Path(__file__).resolve().parents[2]
DEPLOY = BASE_DIR / "deploy"
SITE = (DEPLOY / "nginx" / "cluster-portal.conf").read_text()


def settings_variables() -> set[str]:
    source = (BASE_DIR / "cluster_portal" / "settings.py").read_text()
    return set(re.findall(r"env(?:\.\w+)?\(\s*\"([A-Z][A-Z0-9_]+)\"", source)) | set(
        re.findall(r"\"([A-Z][A-Z0-9_]+)\" (?:in|not in) env", source)
    )


def test_env_template_lists_every_variable_the_settings_read():
    template = (DEPLOY / "env.example").read_text()
    listed = set(re.findall(r"^#?([A-Z][A-Z0-9_]+)=", template, flags=re.MULTILINE))

    missing = settings_variables() - listed

    assert "SECRET_KEY" in listed
    assert missing == set()


def megabytes(value: str) -> int:
    return int(value.removesuffix("m")) * 1024 * 1024


def test_nginx_body_limits_match_the_upload_limits():
    site_limit, admin_limit = (megabytes(v) for v in re.findall(r"client_max_body_size (\d+m);", SITE))

    assert site_limit >= max(MAX_UPLOAD_BYTES, MAX_IMPORT_BYTES)
    assert site_limit < MATERIAL_MAX_BYTES
    assert admin_limit >= MATERIAL_MAX_BYTES


def test_nginx_sets_forwarded_headers_and_never_passes_the_clients():
    assert "proxy_set_header X-Forwarded-For   $remote_addr;" in SITE
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in SITE
    assert "proxy_set_header X-Request-ID      $request_id;" in SITE
    assert "$proxy_add_x_forwarded_for" not in SITE
    assert "$http_x_forwarded" not in SITE


def test_gunicorn_configuration_agrees_with_the_proxy(monkeypatch):
    monkeypatch.setenv("GUNICORN_BIND", "10.0.0.11:8000")
    monkeypatch.setenv("GUNICORN_FORWARDED_ALLOW_IPS", "10.0.0.10")

    config = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))

    proxy_read_timeout = int(re.search(r"^\s*proxy_read_timeout (\d+)s;", SITE, flags=re.MULTILINE).group(1))
    assert config["bind"] == "10.0.0.11:8000"
    assert config["forwarded_allow_ips"] == "10.0.0.10"
    assert config["preload_app"] is True
    assert config["graceful_timeout"] < config["timeout"] < proxy_read_timeout
    assert config["access_log_format"].startswith("%({x-request-id}i)s ")
    assert 1 <= config["workers"] <= 12


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read_string((DEPLOY / "systemd" / name).read_text())
    return parser


def test_units_restart_stop_gracefully_and_run_one_beat():
    web, worker, beat = (
        unit(name)
        for name in ("cluster-portal-web.service", "cluster-portal-worker@.service", "cluster-portal-beat.service")
    )

    for service in (web, worker, beat):
        assert service["Service"]["Restart"] == "always"
        assert service["Service"]["KillSignal"] == "SIGTERM"
        assert service["Service"]["EnvironmentFile"] == "/etc/cluster-portal/env"
        assert "MemoryMax" in service["Service"]
    assert "gunicorn -c deploy/gunicorn.conf.py cluster_portal.wsgi" in web["Service"]["ExecStart"]
    assert " worker " in worker["Service"]["ExecStart"]
    assert "-n worker%i@%H" in worker["Service"]["ExecStart"]
    # Warm shutdown may take as long as the longest task; beat is a single, plain unit.
    assert int(worker["Service"]["TimeoutStopSec"]) >= 300
    assert worker["Service"]["KillMode"] == "mixed"
    assert beat["Service"]["ExecStart"].endswith("celery -A cluster_portal beat --loglevel=INFO")
    assert not (DEPLOY / "systemd" / "cluster-portal-beat@.service").exists()


def test_release_script_migrates_collects_then_restarts():
    script = (DEPLOY / "release.sh").read_text()
    steps = ['step "migrate"', 'step "collectstatic"', 'step "check --deploy"', 'step "restart"', 'step "wait for']

    positions = [script.index(step) for step in steps]

    assert positions == sorted(positions)
    result = subprocess.run(["bash", "-n", str(DEPLOY / "release.sh")], capture_output=True, check=False)  # noqa: S607
    assert result.returncode == 0


@pytest.mark.skipif(shutil.which("nginx", path="/usr/sbin:/usr/bin") is None, reason="nginx is not installed")
def test_nginx_accepts_the_site(tmp_path):
    (tmp_path / "tls").mkdir()
    openssl = subprocess.run(  # noqa: S603
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=t",  # noqa: S607
         "-keyout", str(tmp_path / "tls" / "privkey.pem"), "-out", str(tmp_path / "tls" / "fullchain.pem")],
        capture_output=True, check=False,
    )  # fmt: skip
    assert openssl.returncode == 0
    site = SITE
    for old, new in {
        "10.0.0.11:8000": "127.0.0.1:18001",
        "10.0.0.12:8000": "127.0.0.1:18002",
        "s3.example.org:9000": "127.0.0.1:18003",
        "/etc/ssl/cluster-portal/": f"{tmp_path}/tls/",
        "/var/cache/nginx/cluster-portal": str(tmp_path / "cache"),
        "/var/log/nginx/": f"{tmp_path}/",
    }.items():
        assert old in site
        site = site.replace(old, new)
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\n include /etc/nginx/mime.types;\n include {tmp_path}/site.conf;\n}}\n"
    )

    result = subprocess.run(  # noqa: S603
        [shutil.which("nginx", path="/usr/sbin:/usr/bin"), "-t", "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr
