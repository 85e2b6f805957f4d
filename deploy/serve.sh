#!/usr/bin/env bash
# Serve the atlas from N identical app processes behind nginx (sticky sessions, websockets).
#
# Usage: deploy/serve.sh [N]            (or: make serve N=2)
#
# Settings (environment):
#   ATLAS_PORT      port nginx listens on                       (default 8080)
#   ATLAS_HOST      address nginx listens on; 0.0.0.0 for a room (default 127.0.0.1)
#   ATLAS_APP_PORT  first app port; apps use it and the next N-1 (default 8601), on 127.0.0.1 only
#   ATLAS_RUN_DIR   folder for nginx.conf, pid files and logs    (default: a new /tmp/atlas-serve.*)
#   PYTHON          the Python with the atlas's requirements     (default: .venv/bin/python)
#   NGINX           the nginx binary                             (default: nginx; Debian: apt-get install nginx)
#   ATLAS_DATA_DIR  as for the app: another data folder
#
# Each app process is started, polled on /_stcore/health, and run once (deploy/warm.py)
# before nginx starts, so the first reader waits for nothing. A process that exits is
# restarted. Ctrl-C (or SIGTERM) stops nginx and every app process this script started.
set -euo pipefail

N=${1:-${N:-2}}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PYTHON=${PYTHON:-$ROOT/.venv/bin/python}
NGINX=${NGINX:-nginx}
PORT=${ATLAS_PORT:-8080}
HOST=${ATLAS_HOST:-127.0.0.1}
FIRST=${ATLAS_APP_PORT:-8601}
RUN=${ATLAS_RUN_DIR:-$(mktemp -d /tmp/atlas-serve.XXXXXX)}

if ! [[ "$N" =~ ^[1-9][0-9]*$ ]]; then
    echo "serve.sh: N must be a whole number of app processes, got '$N'" >&2
    exit 2
fi
if ! command -v "$NGINX" >/dev/null 2>&1 && ! [ -x "$NGINX" ]; then
    echo "serve.sh: nginx not found (Debian: sudo apt-get install nginx, or set NGINX=/path/to/nginx)" >&2
    exit 2
fi
mkdir -p "$RUN/tmp"
# One cookie secret for all processes, so a cookie one process signed (Streamlit's XSRF
# token) is accepted by the others, e.g. when a reader's first request went elsewhere.
SECRET=${ATLAS_COOKIE_SECRET:-$("$PYTHON" -c "import secrets; print(secrets.token_hex(32))")}
declare -A APP_PIDS=()
NGINX_PID=""

start_app() {  # $1: port
    (cd "$ROOT" && STREAMLIT_SERVER_COOKIE_SECRET="$SECRET" exec "$PYTHON" -m streamlit run app.py --server.port "$1" --server.address 127.0.0.1 \
        --server.headless true --browser.gatherUsageStats false --server.fileWatcherType none) \
        >>"$RUN/app-$1.log" 2>&1 &
    APP_PIDS[$1]=$!
    echo "${APP_PIDS[$1]}" >"$RUN/app-$1.pid"
}

wait_healthy() {  # $1: port
    (cd "$ROOT" && "$PYTHON" -c "import sys; from atlas.devserver import wait_until_up; wait_until_up(sys.argv[1], timeout=120)" \
        "http://127.0.0.1:$1/_stcore/health")
}

stop_all() {
    trap - EXIT INT TERM
    [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null || true
    for pid in "${APP_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
}
trap stop_all EXIT
trap 'exit 0' INT TERM

SERVERS=""
URLS=()
for ((i = 0; i < N; i++)); do
    port=$((FIRST + i))
    start_app "$port"
    SERVERS+="        server 127.0.0.1:$port max_fails=2 fail_timeout=10s;"$'\n'
    URLS+=("http://127.0.0.1:$port")
done
for ((i = 0; i < N; i++)); do wait_healthy $((FIRST + i)); done
(cd "$ROOT" && "$PYTHON" deploy/warm.py "${URLS[@]}") || echo "serve.sh: warm-up failed; the first readers will wait" >&2

MIME=/etc/nginx/mime.types
[ -f "$MIME" ] || MIME="$RUN/mime.types"
[ -f "$MIME" ] || echo "types { text/html html; }" >"$MIME"
SERVERS_FILE="$RUN/servers.conf"
printf "%s" "$SERVERS" >"$SERVERS_FILE"
sed -e "s#@RUN@#$RUN#g" -e "s#@MIME@#$MIME#g" -e "s#@LISTEN@#$HOST:$PORT#g" \
    -e "/@SERVERS@/{r $SERVERS_FILE" -e "d}" "$ROOT/deploy/nginx.conf.template" >"$RUN/nginx.conf"
"$NGINX" -t -q -c "$RUN/nginx.conf" -p "$RUN" 2>>"$RUN/error.log" || {
    echo "serve.sh: nginx rejected $RUN/nginx.conf; see $RUN/error.log" >&2
    exit 1
}
"$NGINX" -c "$RUN/nginx.conf" -p "$RUN" &
NGINX_PID=$!
echo "$NGINX_PID" >"$RUN/nginx.pid.serve"
echo "atlas: http://$HOST:$PORT/ -> $N app process(es) on 127.0.0.1:$FIRST-$((FIRST + N - 1)); logs in $RUN"

while kill -0 "$NGINX_PID" 2>/dev/null; do
    for port in "${!APP_PIDS[@]}"; do
        if ! kill -0 "${APP_PIDS[$port]}" 2>/dev/null; then
            echo "serve.sh: the app on port $port exited; restarting it" >&2
            start_app "$port"
            wait_healthy "$port" || true
        fi
    done
    sleep 2
done
echo "serve.sh: nginx exited; see $RUN/error.log" >&2
exit 1
