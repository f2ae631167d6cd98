#!/usr/bin/env bash
# A release, in order, run from the portal's directory on ONE host after the new code is
# in place on every host:
#   1. install the locked requirements          (every host: run with --install-only there)
#   2. maintenance page on, if asked (--maintenance; touches the flag on the proxy's root)
#   3. migrate                                   (once per release)
#   4. collectstatic, compilemessages            (every web host; fast when nothing changed)
#   5. restart web, workers (warm shutdown: tasks in hand finish or go back) and beat
#   6. wait for /healthz, maintenance page off
# Environment: the variables of /etc/cluster-portal/env (sourced when readable).
set -euo pipefail
cd "$(dirname "$0")/.."

ENV_FILE=${ENV_FILE:-/etc/cluster-portal/env}
MAINTENANCE_FLAG=${MAINTENANCE_FLAG:-/var/www/cluster-portal/maintenance.on}
SYSTEMCTL=${SYSTEMCTL:-systemctl}
maintenance=0
install_only=0
for arg in "$@"; do
    case "$arg" in
        --maintenance) maintenance=1 ;;
        --install-only) install_only=1 ;;
        *) echo "usage: $0 [--maintenance] [--install-only]" >&2; exit 2 ;;
    esac
done

if [ -r "$ENV_FILE" ]; then
    set -a; . "$ENV_FILE"; set +a
fi
: "${DJANGO_ENV:?DJANGO_ENV must be production here}"
HEALTH_URL=${HEALTH_URL:-http://${GUNICORN_BIND:-127.0.0.1:8000}/healthz}
HEALTH_HOST=${ALLOWED_HOSTS%%,*}
PY=.venv/bin/python

step() { printf '== %s\n' "$*"; }

step "install requirements"
[ -x "$PY" ] || python3 -m venv .venv
"$PY" -m pip install --quiet --require-hashes -r requirements.txt  # the lock: exactly the hashed files
[ "$install_only" = 1 ] && { "$PY" manage.py collectstatic --noinput --verbosity 0; exit 0; }

if [ "$maintenance" = 1 ]; then
    step "maintenance page on"
    touch "$MAINTENANCE_FLAG"
    trap 'rm -f "$MAINTENANCE_FLAG"' EXIT
fi

step "migrate"
"$PY" manage.py migrate --noinput
step "collectstatic"
"$PY" manage.py collectstatic --noinput --verbosity 0
step "check --deploy"
"$PY" manage.py check --deploy --fail-level WARNING

step "restart"
"$SYSTEMCTL" restart cluster-portal-web
# Warm shutdown: each worker finishes its tasks (or they are delivered again).
"$SYSTEMCTL" restart 'cluster-portal-worker@*'
"$SYSTEMCTL" try-restart cluster-portal-beat

step "wait for $HEALTH_URL"
for _ in $(seq 60); do
    # As the proxy would ask: the public host name, over "https".
    if "$PY" - "$HEALTH_URL" "$HEALTH_HOST" 2>/dev/null <<'PY'
import sys, urllib.request
request = urllib.request.Request(sys.argv[1], headers={"Host": sys.argv[2], "X-Forwarded-Proto": "https"})
sys.exit(urllib.request.urlopen(request, timeout=5).status != 200)
PY
    then
        step "healthy"
        exit 0
    fi
    sleep 2
done
echo "release: $HEALTH_URL did not answer 200 within two minutes" >&2
exit 1
