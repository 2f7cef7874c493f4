# A throwaway PostgreSQL cluster from the machine's server binaries, for tests and benchmarks.
# Source this file, call `start_postgres` (exports DATABASE_URL) and `stop_postgres` (also on exit).

pg_dir=""
stop_postgres() {
    if [ -n "$pg_dir" ] && [ -d "$pg_dir" ]; then
        $run_as "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast stop >/dev/null 2>&1 || true
        rm -rf "$pg_dir"
    fi
    pg_dir=""
}

start_postgres() {
    local name=${1:-made_in_aachen_nord}
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -n "$pg_bin" ] || pg_bin=$(dirname "$(command -v initdb)")
    [ -x "$pg_bin/initdb" ] || { echo "PostgreSQL server binaries (initdb) not found; install the postgresql package" >&2; exit 1; }
    pg_dir=$(mktemp -d /tmp/maan-pg.XXXXXX)
    run_as=""
    if [ "$(id -u)" = 0 ]; then run_as="runuser -u postgres --"; chown postgres "$pg_dir"; fi
    trap stop_postgres EXIT
    $run_as "$pg_bin/initdb" -D "$pg_dir/data" -A trust -E UTF8 --no-sync -U postgres >/dev/null
    local port
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    $run_as "$pg_bin/pg_ctl" -D "$pg_dir/data" -w -l "$pg_dir/server.log" -o \
        "-p $port -k $pg_dir -h 127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null
    "$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U postgres "$name"
    export DATABASE_URL="postgres://postgres@127.0.0.1:$port/$name"
}
