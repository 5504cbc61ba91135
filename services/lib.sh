# shellcheck shell=bash disable=SC2034  # sourced library: variables are used by the scripts
# Shared settings and helpers for services/start.sh, stop.sh and check.sh.
# Sourced, not executed. Every value can be overridden from the environment.

SERVICES_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SERVICES_DIR/.." && pwd)"
DATA_DIR="$SERVICES_DIR/.data"
ENV_FILE="$REPO_ROOT/.services.env"

# --- PostgreSQL -------------------------------------------------------------
PG_MAJOR="${CLDHUB_PG_MAJOR:-15}"
PG_BIN="/usr/lib/postgresql/$PG_MAJOR/bin"
PG_DB_NAME="${CLDHUB_PG_DB:-cldhub}"
PG_DB_USER="${CLDHUB_PG_USER:-cldhub}"
PG_DB_PASSWORD="${CLDHUB_PG_PASSWORD:-cldhub-local-dev}"   # local dev only
PG_PORT_FILE="$DATA_DIR/postgres.port"                       # port chosen on first start
# PG_HOME holds data/, run/ (unix socket) and postgres.log; owned by the user
# running the server ("postgres" when we are root). See pg_resolve_home.
PG_HOME="${CLDHUB_PG_HOME:-$DATA_DIR/postgres}"

# --- Search engine (OpenSearch) ---------------------------------------------
SEARCH_ENGINE_NAME="opensearch2"
SEARCH_PORT="${CLDHUB_SEARCH_PORT:-9201}"
SEARCH_TRANSPORT="${CLDHUB_SEARCH_TRANSPORT:-9300-9399}"
SEARCH_HEAP="${CLDHUB_SEARCH_HEAP:-1g}"
SEARCH_START_TIMEOUT="${CLDHUB_SEARCH_TIMEOUT:-180}"
SEARCH_PROJECT="$SERVICES_DIR/searchengine"
SEARCH_HOME="$DATA_DIR/opensearch"
SEARCH_PIDFILE="$DATA_DIR/opensearch.pid"
SEARCH_LOG="$DATA_DIR/opensearch.log"
SEARCH_MAIN_CLASS="hub.services.SearchEngine"

log()  { printf '[services] %s\n' "$*"; }
warn() { printf '[services] WARNING: %s\n' "$*" >&2; }
die()  { printf '[services] ERROR: %s\n' "$*" >&2; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }

# Run a PostgreSQL server binary as the cluster owner: "postgres" when we are
# root (the server refuses to run as root), ourselves otherwise.
as_pg() {
    if is_root; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# True if something listens on 127.0.0.1:$1.
port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

short_hash() { printf '%s' "$1" | md5sum | cut -c1-8; }

# The postgres user must be able to reach PG_HOME. If the checkout lives
# somewhere it cannot traverse (e.g. under /root), fall back to a per-checkout
# directory under /var/lib/postgresql.
pg_resolve_home() {
    if [ -n "${CLDHUB_PG_HOME:-}" ] || ! is_root; then
        return 0
    fi
    if [ -f "$DATA_DIR/postgres.home" ]; then
        PG_HOME="$(cat "$DATA_DIR/postgres.home")"
        return 0
    fi
    mkdir -p "$DATA_DIR"
    if ! runuser -u postgres -- test -x "$DATA_DIR"; then
        PG_HOME="/var/lib/postgresql/cldhub-$(short_hash "$REPO_ROOT")"
        warn "user postgres cannot reach $DATA_DIR; using $PG_HOME for the database files"
        printf '%s\n' "$PG_HOME" > "$DATA_DIR/postgres.home"
    fi
}

pg_paths() {
    PG_DATA="$PG_HOME/data"
    PG_LOG="$PG_HOME/postgres.log"
    PG_SOCKET_DIR="$PG_HOME/run"
    # unix socket paths are limited to ~107 bytes
    if [ "${#PG_SOCKET_DIR}" -gt 80 ]; then
        PG_SOCKET_DIR="/tmp/cldhub-pg-$(short_hash "$PG_HOME")"
    fi
}

pg_is_running() {
    [ -f "$PG_DATA/PG_VERSION" ] && as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1
}

# pid of our search engine JVM, or nothing.
search_pid() {
    local pid
    [ -f "$SEARCH_PIDFILE" ] || return 0
    pid="$(tr -dc '0-9' < "$SEARCH_PIDFILE")"
    [ -n "$pid" ] || return 0
    if [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q "$SEARCH_MAIN_CLASS"; then
        printf '%s\n' "$pid"
    fi
}

# --- Redis (shared page cache, sessions of every app server) -----------------
REDIS_PORT="${CLDHUB_REDIS_PORT:-6380}"                 # not 6379: Debian's own service may own it
REDIS_HOME="$DATA_DIR/redis"
REDIS_PIDFILE="$DATA_DIR/redis.pid"
REDIS_LOG="$DATA_DIR/redis.log"

# --- Object store (s3proxy, filesystem backend) -------------------------------
S3_PORT="${CLDHUB_S3_PORT:-9310}"
S3_BUCKET="${CLDHUB_S3_BUCKET:-cldhub-media}"
S3_ACCESS_KEY="cldhub"                                  # local dev only
S3_SECRET_KEY="cldhub-local-dev-secret"                 # local dev only
S3_REGION="us-east-1"
S3_PROJECT="$SERVICES_DIR/s3proxy"
S3_HOME="$DATA_DIR/s3"
S3_PIDFILE="$DATA_DIR/s3proxy.pid"
S3_LOG="$DATA_DIR/s3proxy.log"
S3_MAIN_CLASS="org.gaul.s3proxy.Main"

# pid of the process in $1 (pid file) whose command line contains $2, or nothing.
pid_of() {
    local pid
    [ -f "$1" ] || return 0
    pid="$(tr -dc '0-9' < "$1")"
    [ -n "$pid" ] || return 0
    if [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q -- "$2"; then
        printf '%s\n' "$pid"
    fi
}

redis_pid() { pid_of "$REDIS_PIDFILE" "redis-server"; }
s3_pid() { pid_of "$S3_PIDFILE" "$S3_MAIN_CLASS"; }

# Stop the process in pid file $1 (matching $2), named $3 in the log. Idempotent.
stop_pidfile() {
    local pid _
    pid="$(pid_of "$1" "$2")"
    if [ -z "$pid" ]; then
        rm -f "$1"
        log "$3 not running"
        return 0
    fi
    log "stopping $3 (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.25
    done
    kill -0 "$pid" 2>/dev/null && { warn "$3 did not stop within 10 s; killing it"; kill -KILL "$pid" 2>/dev/null || true; }
    rm -f "$1"
    log "$3 stopped"
}
