"""gunicorn configuration for one web host: ``gunicorn -c deploy/gunicorn.conf.py cluster_portal.wsgi``.

Every value can be overridden from the environment (``GUNICORN_*``) so the systemd unit
and the multi-host test use this file unchanged. Values an operator must choose are
marked CHOOSE.
"""

import multiprocessing
import os

# CHOOSE: the address the reverse proxy reaches. Bind to the host's private address (or
# 127.0.0.1 when nginx runs on the same machine), never to a public one: only the proxy
# may talk to gunicorn, because the proxy is what sets X-Forwarded-For/-Proto.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Sync workers: the portal's views are short and database-bound. The classic rule of
# (2 x cores) + 1, capped so that a big machine does not exhaust PostgreSQL connections
# (each worker keeps one for CONN_MAX_AGE seconds).
workers = int(os.environ.get("GUNICORN_WORKERS", min(2 * multiprocessing.cpu_count() + 1, 12)))
worker_class = "sync"
# CHOOSE: must stay above the slowest request (exports, certificates) and below nginx's
# proxy_read_timeout (60 s in deploy/nginx/cluster-portal.conf), so nginx sees the 502
# only after gunicorn has given up.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# On SIGTERM (systemd stop, a release) workers finish the request in hand for this long.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "25"))
# nginx keeps upstream connections alive (keepalive 16); a little longer here than there.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "75"))
# Recycle workers now and then so a slow leak never grows unbounded; jitter spreads them.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "200"))
# Load the application before forking: a broken configuration (production refuses to start
# without SECRET_KEY, DATABASE_URL, REDIS_URL, EMAIL_URL) stops the master at once instead
# of respawning workers in a loop.
preload_app = True

# CHOOSE: the proxies' addresses, comma-separated. gunicorn trusts X-Forwarded-Proto (and
# so request.is_secure()) only from these. Never "*" unless gunicorn's port is reachable
# from the proxies alone.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
secure_scheme_headers = {"X-FORWARDED-PROTO": "https"}

# Logs to stdout/stderr: journald (or the container runtime) stores and rotates them.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The request id nginx generates (X-Request-ID) in every access line, so one request can
# be followed from the proxy's log to the web host's; then the client as the proxy saw it.
access_log_format = '%({x-request-id}i)s %({x-forwarded-for}i)s "%(r)s" %(s)s %(B)s %(M)sms "%(f)s" "%(a)s"'
proc_name = "cluster-portal-web"
# Workers' heartbeat files in memory, not on a disk that may stall.
worker_tmp_dir = os.environ.get(
    "GUNICORN_WORKER_TMP_DIR",
    "/dev/shm" if os.path.isdir("/dev/shm") else None,  # noqa: S108 - gunicorn's own advice for heartbeats
)
# Limits that match nginx's (large headers are refused by the proxy first).
limit_request_line = 8190
limit_request_fields = 100
