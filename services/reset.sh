#!/usr/bin/env bash
# Stop the local services and delete all their data (database, search indexes,
# logs). The Maven build (searchengine/target) and ~/.m2 are kept, so the next
# services/start.sh starts from empty stores without downloading anything.
set -euo pipefail

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

"$SERVICES_DIR/stop.sh"
if [ -f "$DATA_DIR/postgres.home" ]; then
    pg_home="$(cat "$DATA_DIR/postgres.home")"
    case "$pg_home" in
        /var/lib/postgresql/cldhub-*) log "removing $pg_home"; rm -rf -- "$pg_home" ;;
        *) warn "not removing unexpected PostgreSQL home $pg_home" ;;
    esac
fi
if [ -d "$DATA_DIR" ]; then
    log "removing $DATA_DIR"
    rm -rf -- "$DATA_DIR"
fi
log "reset done; run services/start.sh to start from empty stores"
