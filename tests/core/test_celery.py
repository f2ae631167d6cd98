"""Tasks really travel through Redis to a separate worker process (not eager mode)."""

import os

import pytest

from core.tasks import echo


@pytest.mark.integration
def test_task_runs_in_worker_process_through_redis(celery_worker):
    result = echo.delay(value="hello")

    payload = result.get(timeout=30)

    assert payload == {"value": "hello", "hostname": celery_worker.nodename}
    assert result.backend.__class__.__name__ == "RedisBackend"
    assert celery_worker.process.pid != os.getpid()
