#!/usr/bin/env bash
# Stop the local services started by services/start.sh. Idempotent.
set -euo pipefail

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

search_stop() {
    local pid _
    pid="$(search_pid)"
    if [ -z "$pid" ]; then
        rm -f "$SEARCH_PIDFILE"
        log "search engine not running"
        return 0
    fi
    log "stopping search engine (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
        warn "search engine did not stop within 30 s; killing it"
        kill -KILL "$pid" 2>/dev/null || true
        sleep 1
    fi
    rm -f "$SEARCH_PIDFILE"
    log "search engine stopped"
}

pg_stop() {
    pg_resolve_home
    pg_paths
    if [ ! -x "$PG_BIN/pg_ctl" ] || ! pg_is_running; then
        log "PostgreSQL not running"
        return 0
    fi
    log "stopping PostgreSQL"
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 stop >/dev/null
    log "PostgreSQL stopped"
}

if [ ! -d "$DATA_DIR" ]; then
    log "nothing to stop ($DATA_DIR does not exist)"
    exit 0
fi
# `stop.sh redis` (or s3, postgres, search) stops only that service.
services=("$@")
[ "${#services[@]}" -gt 0 ] || services=(search s3 redis postgres)
for service in "${services[@]}"; do
    case "$service" in
        search) search_stop ;;
        s3) stop_pidfile "$S3_PIDFILE" "$S3_MAIN_CLASS" "object store (s3proxy)" ;;
        redis) stop_pidfile "$REDIS_PIDFILE" "redis-server" "Redis" ;;
        postgres) pg_stop ;;
        *) die "unknown service $service (postgres, redis, s3, search)" ;;
    esac
done
