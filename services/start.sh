#!/usr/bin/env bash
# Start the local services for CLD Hub: PostgreSQL 15, a single-node OpenSearch 2.x, Redis
# and an S3-compatible object store (s3proxy), all on 127.0.0.1 only, then write
# <repo>/.services.env.
# Idempotent: running it again while everything is up only re-checks.
set -euo pipefail

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

APT_UPDATED=0
apt_install() {
    is_root || die "need root to install: $* (install it yourself, then rerun)"
    if [ "$APT_UPDATED" -eq 0 ]; then
        log "apt-get update"
        DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
        APT_UPDATED=1
    fi
    log "apt-get install $*"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >/dev/null
}

ensure_tools() {
    local pkgs=()
    [ -x "$PG_BIN/initdb" ] || pkgs+=("postgresql-$PG_MAJOR" postgresql-client)
    command -v curl >/dev/null || pkgs+=(curl)
    command -v java >/dev/null || pkgs+=(openjdk-17-jre-headless)
    command -v mvn  >/dev/null || pkgs+=(maven openjdk-17-jdk-headless)
    command -v redis-server >/dev/null || pkgs+=(redis-server)
    local pg_missing=0
    [ -x "$PG_BIN/initdb" ] || pg_missing=1
    if [ "${#pkgs[@]}" -gt 0 ]; then
        apt_install "${pkgs[@]}"
    fi
    [ -x "$PG_BIN/initdb" ] || die "PostgreSQL $PG_MAJOR binaries not found in $PG_BIN"
    # The Debian package may have just created and started its default "main"
    # cluster on 5432. We run our own cluster, so free the port again.
    if [ "$pg_missing" -eq 1 ] && pg_ctlcluster "$PG_MAJOR" main status >/dev/null 2>&1; then
        log "stopping the Debian default cluster $PG_MAJOR/main started by the package install"
        pg_ctlcluster "$PG_MAJOR" main stop || warn "could not stop cluster $PG_MAJOR/main"
    fi
}

# ---------------------------------------------------------------- PostgreSQL

pg_choose_port() {
    if [ -n "${CLDHUB_PG_PORT:-}" ]; then
        PG_PORT="$CLDHUB_PG_PORT"
    elif [ -f "$PG_PORT_FILE" ]; then
        PG_PORT="$(cat "$PG_PORT_FILE")"
    else
        PG_PORT=""
        local p
        for p in 5432 $(seq 5433 5450); do
            if ! port_in_use "$p"; then PG_PORT="$p"; break; fi
        done
        [ -n "$PG_PORT" ] || die "no free PostgreSQL port in 5432-5450 (set CLDHUB_PG_PORT)"
        [ "$PG_PORT" = 5432 ] || warn "port 5432 is busy (another PostgreSQL?); using $PG_PORT"
    fi
    printf '%s\n' "$PG_PORT" > "$PG_PORT_FILE"
}

pg_init() {
    [ -f "$PG_DATA/PG_VERSION" ] && return 0
    log "initialising PostgreSQL $PG_MAJOR cluster in $PG_DATA"
    mkdir -p "$PG_HOME"
    is_root && chown postgres:postgres "$PG_HOME"
    chmod 700 "$PG_HOME"
    as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -E UTF8 --locale=C.UTF-8 \
        --auth-local=peer --auth-host=scram-sha-256 >"$PG_HOME/initdb.log" 2>&1 \
        || { tail -n 30 "$PG_HOME/initdb.log" >&2; die "initdb failed (log: $PG_HOME/initdb.log)"; }
    # Our settings live in an include file that start.sh rewrites on every start.
    printf "\n# CLD Hub local services\ninclude_if_exists = 'cldhub.conf'\n" \
        | as_pg tee -a "$PG_DATA/postgresql.conf" >/dev/null
}

pg_write_conf() {
    local conf
    conf="# Written by services/start.sh on every start; edits are overwritten.
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_SOCKET_DIR'
max_connections = 50
shared_buffers = 128MB
fsync = on
log_destination = 'stderr'
logging_collector = off"
    printf '%s\n' "$conf" | as_pg tee "$PG_DATA/cldhub.conf" >/dev/null
}

pg_start() {
    pg_resolve_home
    pg_paths
    pg_choose_port
    pg_init
    if pg_is_running; then
        log "PostgreSQL already running (port $PG_PORT)"
    else
        port_in_use "$PG_PORT" && die "port $PG_PORT is used by another program; stop it or set CLDHUB_PG_PORT (and delete $PG_PORT_FILE)"
        mkdir -p "$PG_SOCKET_DIR"
        is_root && chown postgres:postgres "$PG_SOCKET_DIR"
        pg_write_conf
        log "starting PostgreSQL on 127.0.0.1:$PG_PORT (log: $PG_LOG)"
        if ! as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 start >/dev/null; then
            tail -n 30 "$PG_LOG" >&2 || true
            die "PostgreSQL did not start (log: $PG_LOG)"
        fi
    fi
    local i
    for i in $(seq 1 60); do
        "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" && break
        [ "$i" -eq 60 ] && { tail -n 30 "$PG_LOG" >&2 || true; die "PostgreSQL not ready after 60 s"; }
        sleep 1
    done
    pg_ensure_db
}

pg_sql() {  # superuser SQL over the unix socket (peer auth as postgres)
    as_pg "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCKET_DIR" -p "$PG_PORT" -U postgres -d postgres "$@"
}

pg_ensure_db() {
    local pw_sql
    pw_sql="${PG_DB_PASSWORD//\'/\'\'}"
    if [ "$(pg_sql -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$PG_DB_USER'")" != 1 ]; then
        log "creating role $PG_DB_USER"
        pg_sql -c "CREATE ROLE \"$PG_DB_USER\" LOGIN CREATEDB PASSWORD '$pw_sql'"
    else
        # keep password and CREATEDB (needed for Django's test_<name> database) in sync
        pg_sql -c "ALTER ROLE \"$PG_DB_USER\" LOGIN CREATEDB PASSWORD '$pw_sql'"
    fi
    if [ "$(pg_sql -tAc "SELECT 1 FROM pg_database WHERE datname = '$PG_DB_NAME'")" != 1 ]; then
        log "creating database $PG_DB_NAME"
        pg_sql -c "CREATE DATABASE \"$PG_DB_NAME\" OWNER \"$PG_DB_USER\" ENCODING 'UTF8' TEMPLATE template0"
    fi
    PGPASSWORD="$PG_DB_PASSWORD" "$PG_BIN/psql" -X -q -h 127.0.0.1 -p "$PG_PORT" -U "$PG_DB_USER" -d "$PG_DB_NAME" \
        -tAc "SELECT 1" >/dev/null || die "cannot log in as $PG_DB_USER over TCP"
    log "PostgreSQL ready: database $PG_DB_NAME, role $PG_DB_USER (CREATEDB)"
}

# -------------------------------------------------------------- Search engine

search_build() {
    local cp="$SEARCH_PROJECT/target/classpath.txt" stamp="$SEARCH_PROJECT/target/.built"
    if [ -f "$stamp" ] && [ -f "$cp" ] \
        && [ -z "$(find "$SEARCH_PROJECT/pom.xml" "$SEARCH_PROJECT/src" -newer "$stamp" -print -quit)" ]; then
        return 0
    fi
    local goals=(-B -q -f "$SEARCH_PROJECT/pom.xml" compile dependency:build-classpath "-Dmdep.outputFile=$cp")
    log "building search engine launcher with Maven (the very first build downloads ~80 MB from Maven Central)"
    # offline first (works without network once ~/.m2 is filled), then online
    if ! mvn -o "${goals[@]}" >"$DATA_DIR/maven.log" 2>&1; then
        if ! mvn "${goals[@]}" >"$DATA_DIR/maven.log" 2>&1; then
            tail -n 30 "$DATA_DIR/maven.log" >&2
            die "Maven build failed (log: $DATA_DIR/maven.log)"
        fi
    fi
    touch "$stamp"
}

search_start() {
    local pid
    pid="$(search_pid)"
    if [ -n "$pid" ]; then
        log "search engine already running (pid $pid)"
    else
        rm -f "$SEARCH_PIDFILE"
        port_in_use "$SEARCH_PORT" && die "port $SEARCH_PORT is used by another program; stop it or set CLDHUB_SEARCH_PORT"
        search_build
        mkdir -p "$SEARCH_HOME" "$DATA_DIR/tmp"
        log "starting OpenSearch on 127.0.0.1:$SEARCH_PORT (heap max $SEARCH_HEAP, log: $SEARCH_LOG)"
        printf '\n===== %s start.sh: starting search engine =====\n' "$(date -Is)" >>"$SEARCH_LOG"
        (
            cd "$SEARCH_PROJECT"
            exec setsid nohup java \
                -Xms256m "-Xmx$SEARCH_HEAP" -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError \
                -Djava.awt.headless=true -Dfile.encoding=UTF-8 -Dlog4j2.formatMsgNoLookups=true \
                -Dlog4j2.shutdownHookEnabled=false \
                "-Djava.io.tmpdir=$DATA_DIR/tmp" \
                "-Dcldhub.search.home=$SEARCH_HOME" \
                "-Dcldhub.search.port=$SEARCH_PORT" \
                "-Dcldhub.search.transport=$SEARCH_TRANSPORT" \
                "-Dcldhub.search.pidfile=$SEARCH_PIDFILE" \
                -cp "target/classes:$(cat target/classpath.txt)" \
                "$SEARCH_MAIN_CLASS"
        ) </dev/null >>"$SEARCH_LOG" 2>&1 &
        local launcher=$!
        # the JVM writes its own pid file; fall back to the launcher's pid
        local i
        for i in $(seq 1 50); do
            [ -s "$SEARCH_PIDFILE" ] && break
            sleep 0.2
        done
        [ -s "$SEARCH_PIDFILE" ] || printf '%s\n' "$launcher" >"$SEARCH_PIDFILE"
    fi

    local url="http://127.0.0.1:$SEARCH_PORT" waited=0
    until curl -sf -m 3 "$url/_cluster/health?wait_for_status=yellow&timeout=2s" >/dev/null 2>&1; do
        if [ -z "$(search_pid)" ]; then
            tail -n 40 "$SEARCH_LOG" >&2 || true
            die "search engine process exited during startup (log: $SEARCH_LOG)"
        fi
        if [ "$waited" -ge "$SEARCH_START_TIMEOUT" ]; then
            tail -n 40 "$SEARCH_LOG" >&2 || true
            die "search engine did not answer on $url within ${SEARCH_START_TIMEOUT}s (log: $SEARCH_LOG)"
        fi
        sleep 2
        waited=$((waited + 2))
    done
    local version
    version="$(curl -s -m 5 "$url/" | sed -n 's/.*"number" *: *"\([^"]*\)".*/\1/p')"
    log "OpenSearch $version ready at $url (pid $(search_pid))"
}

# ---------------------------------------------------------------------- Redis

redis_start() {
    if [ -n "$(redis_pid)" ]; then
        log "Redis already running (pid $(redis_pid))"
    else
        port_in_use "$REDIS_PORT" && die "port $REDIS_PORT is used by another program; stop it or set CLDHUB_REDIS_PORT"
        mkdir -p "$REDIS_HOME"
        log "starting Redis on 127.0.0.1:$REDIS_PORT (log: $REDIS_LOG)"
        # A cache: no persistence, bounded memory, least recently used keys evicted first.
        redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --daemonize yes \
            --pidfile "$REDIS_PIDFILE" --logfile "$REDIS_LOG" --dir "$REDIS_HOME" \
            --save "" --appendonly no --maxmemory 256mb --maxmemory-policy allkeys-lru \
            || die "redis-server did not start (log: $REDIS_LOG)"
    fi
    local i
    for i in $(seq 1 50); do
        [ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ] && break
        [ "$i" -eq 50 ] && { tail -n 20 "$REDIS_LOG" >&2 || true; die "Redis not answering after 10 s"; }
        sleep 0.2
    done
    log "Redis $(redis-server --version | sed -n 's/.*v=\([^ ]*\).*/\1/p') ready on 127.0.0.1:$REDIS_PORT"
}

# ---------------------------------------------------------- Object store (S3)

s3_build() {
    local cp="$S3_PROJECT/target/classpath.txt"
    [ -f "$cp" ] && [ "$cp" -nt "$S3_PROJECT/pom.xml" ] && return 0
    mkdir -p "$S3_PROJECT/target"
    local goals=(-B -q -f "$S3_PROJECT/pom.xml" dependency:build-classpath "-Dmdep.outputFile=$cp")
    log "resolving s3proxy with Maven (the first time downloads ~40 MB from Maven Central)"
    if ! mvn -o "${goals[@]}" >"$DATA_DIR/maven-s3proxy.log" 2>&1; then
        if ! mvn "${goals[@]}" >"$DATA_DIR/maven-s3proxy.log" 2>&1; then
            tail -n 30 "$DATA_DIR/maven-s3proxy.log" >&2
            die "Maven could not resolve s3proxy (log: $DATA_DIR/maven-s3proxy.log)"
        fi
    fi
}

s3_start() {
    if [ -n "$(s3_pid)" ]; then
        log "object store already running (pid $(s3_pid))"
    else
        port_in_use "$S3_PORT" && die "port $S3_PORT is used by another program; stop it or set CLDHUB_S3_PORT"
        s3_build
        # The filesystem backend keeps each bucket as a directory: creating it creates the bucket.
        mkdir -p "$S3_HOME/data/$S3_BUCKET"
        printf '%s\n' \
            "s3proxy.endpoint=http://127.0.0.1:$S3_PORT" \
            "s3proxy.authorization=aws-v2-or-v4" \
            "s3proxy.identity=$S3_ACCESS_KEY" \
            "s3proxy.credential=$S3_SECRET_KEY" \
            "jclouds.provider=filesystem" \
            "jclouds.filesystem.basedir=$S3_HOME/data" >"$S3_HOME/s3proxy.conf"
        log "starting s3proxy on 127.0.0.1:$S3_PORT, bucket $S3_BUCKET (log: $S3_LOG)"
        (
            exec setsid nohup java -Xms64m -Xmx256m -XX:+UseSerialGC \
                "-Dlogback.configurationFile=$S3_PROJECT/logback.xml" \
                -cp "$(cat "$S3_PROJECT/target/classpath.txt")" "$S3_MAIN_CLASS" \
                --properties "$S3_HOME/s3proxy.conf"
        ) </dev/null >>"$S3_LOG" 2>&1 &
        printf '%s\n' "$!" >"$S3_PIDFILE"
    fi
    local i
    for i in $(seq 1 120); do
        # any HTTP answer (403 without credentials) means it is up
        [ "$(curl -s -o /dev/null -w '%{http_code}' -m 2 "http://127.0.0.1:$S3_PORT/" || true)" = 403 ] && break
        if [ -z "$(s3_pid)" ]; then
            tail -n 30 "$S3_LOG" >&2 || true
            die "s3proxy exited during startup (log: $S3_LOG)"
        fi
        [ "$i" -eq 120 ] && { tail -n 30 "$S3_LOG" >&2 || true; die "s3proxy not answering after 60 s"; }
        sleep 0.5
    done
    log "object store ready at http://127.0.0.1:$S3_PORT, bucket $S3_BUCKET"
}

# ------------------------------------------------------------------- main

mkdir -p "$DATA_DIR"
ensure_tools
# `start.sh redis` (or s3, postgres, search) starts only that service and leaves .services.env as it is.
if [ "$#" -gt 0 ]; then
    for service in "$@"; do
        case "$service" in
            postgres) pg_start ;;
            redis) redis_start ;;
            s3) s3_start ;;
            search) search_start ;;
            *) die "unknown service $service (postgres, redis, s3, search)" ;;
        esac
    done
    exit 0
fi
pg_start
redis_start
s3_start
search_start

pw_url="$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$PG_DB_PASSWORD")"
tmp="$ENV_FILE.tmp.$$"
cat >"$tmp" <<EOF
# Written by services/start.sh - local development services (do not commit).
DATABASE_URL=postgres://$PG_DB_USER:$pw_url@127.0.0.1:$PG_PORT/$PG_DB_NAME
ELASTICSEARCH_URL=http://127.0.0.1:$SEARCH_PORT
SEARCH_ENGINE=$SEARCH_ENGINE_NAME
REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0
AWS_STORAGE_BUCKET_NAME=$S3_BUCKET
AWS_S3_ENDPOINT_URL=http://127.0.0.1:$S3_PORT
AWS_ACCESS_KEY_ID=$S3_ACCESS_KEY
AWS_SECRET_ACCESS_KEY=$S3_SECRET_KEY
AWS_S3_REGION_NAME=$S3_REGION
# s3proxy does not implement the checksum headers that recent boto3 sends by default.
AWS_REQUEST_CHECKSUM_CALCULATION=when_required
AWS_RESPONSE_CHECKSUM_VALIDATION=when_required
EOF
mv "$tmp" "$ENV_FILE"
log "wrote $ENV_FILE"
log "all services up. Stop them with services/stop.sh"
