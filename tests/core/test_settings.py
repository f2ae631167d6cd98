"""Production mode fails closed, and passes Django's deployment checklist when configured."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
# The suite's own variables (browser tests allow sync ORM calls in an event loop) must not
# leak into the production process under test.
DROPPED = {"SECRET_KEY", "DEBUG", "DJANGO_ENV", "DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE"}
PRODUCTION_ENV = {
    "DJANGO_ENV": "production",
    "DJANGO_SETTINGS_MODULE": "cluster_portal.settings",
    "DATABASE_URL": "postgres://portal@db.example.org:5432/portal",
    "REDIS_URL": "redis://cache.example.org:6379/0",
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.example.org:587",
    "ALLOWED_HOSTS": "example.org",
}


def run_manage(*args: str, **env_overrides: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in DROPPED}
    env.update(PRODUCTION_ENV)
    env.update(env_overrides)
    env = {k: v for k, v in env.items() if v is not None}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=60
    )


def test_production_refuses_to_start_without_secret_key():
    result = run_manage("check")

    assert result.returncode == 1
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_the_development_secret_key():
    result = run_manage("check", SECRET_KEY="dev-only-insecure-key-never-use-in-production")

    assert result.returncode == 1
    assert "SECRET_KEY must be set" in result.stderr


def run_production(args: list[str], *, without: tuple[str, ...] = (), **env_overrides: str):
    env = {k: v for k, v in os.environ.items() if k not in DROPPED and k not in without}
    env.update({k: v for k, v in PRODUCTION_ENV.items() if k not in without})
    env.update({"SECRET_KEY": secrets.token_urlsafe(50), **env_overrides})
    return subprocess.run(args, cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=90)


@pytest.mark.parametrize("service", ["DATABASE_URL", "REDIS_URL", "EMAIL_URL"])
def test_production_commands_that_touch_data_refuse_to_start_without_a_service(service):
    result = run_production([sys.executable, "manage.py", "migrate", "--check"], without=(service,))

    assert result.returncode == 1
    assert f"{service} must be set when DJANGO_ENV=production" in result.stderr


@pytest.mark.parametrize("module", ["cluster_portal.wsgi", "cluster_portal.asgi"])
def test_production_web_application_refuses_to_start_without_its_services(module):
    result = run_production([sys.executable, "-c", f"import {module}"], without=("DATABASE_URL", "EMAIL_URL"))

    assert result.returncode == 1
    assert "DATABASE_URL, EMAIL_URL must be set when DJANGO_ENV=production" in result.stderr


def test_production_celery_worker_refuses_to_start_without_redis():
    result = run_production(
        [sys.executable, "-m", "celery", "-A", "cluster_portal", "worker", "--pool=solo", "--without-mingle"],
        without=("REDIS_URL",),
    )

    assert result.returncode == 1
    assert "Refusing to start: REDIS_URL must be set when DJANGO_ENV=production" in result.stderr


def test_production_offline_commands_run_with_only_the_secret_key_and_hosts():
    """What a container build runs: the deployment checklist passes without any service."""
    result = run_production(
        [sys.executable, "manage.py", "check", "--deploy"], without=("DATABASE_URL", "REDIS_URL", "EMAIL_URL")
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."
    assert result.stderr == ""


def test_production_check_deploy_prints_no_warnings():
    result = run_manage("check", "--deploy", SECRET_KEY=secrets.token_urlsafe(50))

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."
    assert "WARNINGS" not in result.stderr
