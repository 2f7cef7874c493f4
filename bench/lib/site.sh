# The site as production runs it, on loopback, for the benchmarks (bench/redirect, bench/load,
# bench/lighthouse). Source this file from the repository root, then:
#
#   site_prepare NAME [demo]   throwaway PostgreSQL, production settings, migrate, collectstatic
#                              (and `load_demo` with "demo"); sets $work, $port, $base, $static_url
#   site_serve [ENV=VALUE…]    gunicorn (sync workers, static files from WhiteNoise) with extra
#                              environment for this server only; waits until it answers
#   site_stop                  stops that gunicorn (site_serve may then start another)
#   page_paths "TYPES" "LANGS" the demo's address of each page type in each language, as the browser
#                              tests know them (tests/browser/pages.py): "type language path" lines
#   start_redis                a Redis server on loopback without persistence; exports REDIS_URL
#   start_edge                 the reference deployment's edge (deploy/edge/run: nginx, then Varnish)
#                              in front of the running gunicorn; sets $edge_base
#   stop_edge                  stops it
#   wrk_measure NAME URL [LUA] a warm-up and a measured wrk run (with wrk's script LUA if given);
#                              fills rps, p50, p99 (ms), total
#
# Everything started here is stopped on exit. The proxy in front of production terminates TLS and
# says so with X-Forwarded-Proto: `headers` carries that (and a browser's user agent) for curl/wrk.

# shellcheck source=scripts/lib/postgres.sh
. scripts/lib/postgres.sh

WORKERS=${WORKERS:-2}
CONNECTIONS=${CONNECTIONS:-8}
DURATION=${DURATION:-10s}
# A slow answer is measured, not counted as a socket error (wrk gives up after 2 s by default).
WRK_TIMEOUT=${WRK_TIMEOUT:-10s}
PY=$PWD/.venv/bin/python
UA="Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"
headers=(-H "X-Forwarded-Proto: https" -H "User-Agent: $UA" -H "Accept-Encoding: gzip")
work=""
gunicorn_pid=""
redis_pid=""
edge_pid=""

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

site_stop() {
    if [ -n "$gunicorn_pid" ]; then
        kill "$gunicorn_pid" 2>/dev/null && wait "$gunicorn_pid" 2>/dev/null
        gunicorn_pid=""
    fi
    return 0
}

site_cleanup() {
    stop_edge
    site_stop
    if [ -n "$redis_pid" ]; then
        kill "$redis_pid" 2>/dev/null && wait "$redis_pid" 2>/dev/null
        redis_pid=""
    fi
    [ -n "$work" ] && rm -rf "$work"
    stop_postgres
}

site_prepare() {
    local name=$1 demo=${2:-}
    start_postgres "$name"
    trap site_cleanup EXIT
    work=$(mktemp -d "/tmp/$name.XXXXXX")
    port=$(free_port)
    base="http://127.0.0.1:$port"
    export PYTHONPATH=site DJANGO_SETTINGS_MODULE=config.settings.production
    SECRET_KEY="bench-only-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
    export SECRET_KEY
    export ALLOWED_HOSTS=127.0.0.1 STATIC_ROOT="$work/static" MEDIA_ROOT="$work/media"
    # Canonical and hreflang URLs name the address the benchmark talks to (load_demo sets the
    # Wagtail site's host and port from it).
    export WAGTAILADMIN_BASE_URL="$base"
    export LOG_LEVEL=WARNING
    $PY manage.py migrate --noinput -v0
    $PY manage.py collectstatic --noinput -v0
    if [ "$demo" = demo ]; then
        $PY manage.py load_demo --allow-production >"$work/load_demo.log"
    fi
    static_url=$($PY manage.py shell -v0 -c '
from django.contrib.staticfiles.storage import staticfiles_storage
print(staticfiles_storage.url("css/site.css"))')
}

site_serve() {
    site_stop
    env "$@" "$PY" -m gunicorn config.wsgi --bind "127.0.0.1:$port" --workers "$WORKERS" \
        --no-control-socket --error-logfile "$work/gunicorn.log" &
    gunicorn_pid=$!
    wait_for_answer "$base$static_url" "$gunicorn_pid" gunicorn "$work/gunicorn.log"
}

# Waits until URL answers (at most 30 s) while PID runs; else shows the end of LOG and exits.
wait_for_answer() {
    local url=$1 pid=$2 name=$3 log=$4
    for _ in $(seq 150); do
        curl -fs -o /dev/null "${headers[@]}" "$url" && return 0
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.2
    done
    echo "$name did not answer $url:" >&2
    tail -n 30 "$log" >&2
    exit 1
}

page_paths() {
    $PY manage.py shell -v0 -c "
from tests.browser.pages import PAGE_TYPES
wanted, languages = '$1'.split(), '$2'.split()
known = {page.name: page for page in PAGE_TYPES}
for name in wanted:
    for code in languages:
        print(name, code, known[name].paths[code])
"
}

start_redis() {
    command -v redis-server >/dev/null || { echo "redis-server is missing (apt-get install redis-server)" >&2; exit 1; }
    local redis_port
    redis_port=$(free_port)
    redis-server --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no \
        --daemonize no --logfile "$work/redis.log" &
    redis_pid=$!
    for _ in $(seq 50); do
        redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break
        sleep 0.1
    done
    export REDIS_URL="redis://127.0.0.1:$redis_port/0"
}

start_edge() {
    stop_edge
    local edge_port
    edge_port=$(free_port)
    deploy/edge/run "$work/edge" "$edge_port" "$port" "$(free_port)" 2>"$work/edge.log" &
    edge_pid=$!
    edge_base="http://127.0.0.1:$edge_port"
    wait_for_answer "$edge_base$static_url" "$edge_pid" "the edge" "$work/edge.log"
}

stop_edge() {
    if [ -n "$edge_pid" ]; then
        kill "$edge_pid" 2>/dev/null && wait "$edge_pid" 2>/dev/null
        edge_pid=""
    fi
    return 0
}

# wrk's latency distribution in ms: "50%  1.23ms" lines (us/ms/s units).
to_ms() { awk '{v=$0; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; printf "%.2f", v}'; }
declare -A rps p50 p99 total
# WRK_THREADS and WRK_CONNECTIONS, when set, replace 2 threads and $CONNECTIONS (the edge's runs).
wrk_measure() {
    local name=$1 url=$2 out script=() threads=${WRK_THREADS:-2} connections=${WRK_CONNECTIONS:-$CONNECTIONS}
    [ -n "${3:-}" ] && script=(-s "$3")
    wrk -t "$threads" -c "$connections" -d 2s --timeout "$WRK_TIMEOUT" "${script[@]}" "${headers[@]}" "$url" >/dev/null  # warm-up
    out=$(wrk -t "$threads" -c "$connections" -d "$DURATION" --timeout "$WRK_TIMEOUT" --latency "${script[@]}" "${headers[@]}" "$url")
    if grep -q "Non-2xx or 3xx" <<<"$out" || grep -q "Socket errors" <<<"$out"; then
        echo "$out" >&2; echo "errors during the $name run ($url)" >&2; exit 1
    fi
    rps[$name]=$(awk '/^Requests\/sec/ {printf "%.0f", $2}' <<<"$out")
    p50[$name]=$(awk '$1 == "50%" {print $2}' <<<"$out" | to_ms)
    p99[$name]=$(awk '$1 == "99%" {print $2}' <<<"$out" | to_ms)
    total[$name]=$(awk '/requests in/ {print $1}' <<<"$out")
}
