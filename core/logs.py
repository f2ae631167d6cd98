"""JSON log lines for production: one object per line, with the request id, which a log
collector (journald, Loki, CloudWatch…) indexes without parsing free text."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

from .middleware import request_id_var


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
        }
        status = getattr(record, "status_code", None)
        if status is not None:
            entry["status"] = status
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def sentry_before_send(event: dict, hint: dict) -> dict:
    """Tag each error report with the request id that the log lines and the response carry."""
    request_id = request_id_var.get()
    if request_id != "-":
        event.setdefault("tags", {})["request_id"] = request_id
    return event
