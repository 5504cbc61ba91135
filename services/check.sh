#!/usr/bin/env bash
# Smoke test of running services: PostgreSQL login as the app role and an
# OpenSearch index with the analysis settings modelsearch uses (ngram /
# edge_ngram, asciifolding, lowercase) plus stop/stemmer/snowball filters.
# Creates and deletes a throwaway index "cldhub_smoke_test". Exit 0 = all fine.
set -euo pipefail

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[ -f "$ENV_FILE" ] || die "$ENV_FILE missing: run services/start.sh first"
DATABASE_URL="$(sed -n 's/^DATABASE_URL=//p' "$ENV_FILE")"
ES_URL="$(sed -n 's/^ELASTICSEARCH_URL=//p' "$ENV_FILE")"
INDEX="$ES_URL/cldhub_smoke_test"

log "PostgreSQL: $(psql "$DATABASE_URL" -X -tAc "SELECT current_user || ' @ ' || current_database() || ', createdb=' || rolcreatedb || ', ' || split_part(version(), ' on ', 1) FROM pg_roles WHERE rolname = current_user")"

log "OpenSearch: $(curl -sf "$ES_URL/" | sed -n 's/.*"number" *: *"\([^"]*\)".*/version \1/p'), health $(curl -sf "$ES_URL/_cluster/health" | sed -n 's/.*"status":"\([a-z]*\)".*/\1/p')"

curl -s -o /dev/null -X DELETE "$INDEX" || true
curl -sf -X PUT "$INDEX" -H 'Content-Type: application/json' -d '{
  "settings": {
    "analysis": {
      "analyzer": {
        "ngram_analyzer":     {"type": "custom", "tokenizer": "standard", "filter": ["asciifolding", "lowercase", "ngram"]},
        "edgengram_analyzer": {"type": "custom", "tokenizer": "standard", "filter": ["asciifolding", "lowercase", "edgengram"]},
        "stemmed":            {"type": "custom", "tokenizer": "standard", "filter": ["asciifolding", "lowercase", "stop", "english_stemmer", "snowball_en"]},
        "edge_tokenized":     {"type": "custom", "tokenizer": "edgengram_tokenizer", "filter": ["lowercase"]}
      },
      "tokenizer": {
        "ngram_tokenizer":     {"type": "ngram", "min_gram": 3, "max_gram": 15},
        "edgengram_tokenizer": {"type": "edge_ngram", "min_gram": 2, "max_gram": 15, "side": "front"}
      },
      "filter": {
        "ngram":           {"type": "ngram", "min_gram": 3, "max_gram": 15},
        "edgengram":       {"type": "edge_ngram", "min_gram": 1, "max_gram": 15},
        "english_stemmer": {"type": "stemmer", "language": "english"},
        "snowball_en":     {"type": "snowball", "language": "English"}
      }
    },
    "index": {"max_ngram_diff": 12}
  },
  "mappings": {"properties": {
    "title": {"type": "text", "analyzer": "edgengram_analyzer", "search_analyzer": "standard"},
    "body":  {"type": "text", "analyzer": "stemmed"}
  }}
}' >/dev/null || die "could not create an index with edge_ngram/ngram/stemmer analysis (analysis-common missing?)"

tokens() {
    curl -sf "$INDEX/_analyze" -H 'Content-Type: application/json' \
        -d "{\"analyzer\": \"$1\", \"text\": \"$2\"}" \
        | grep -o '"token":"[^"]*"' | cut -d'"' -f4 | tr '\n' ' '
}
log "edgengram_analyzer 'Café': $(tokens edgengram_analyzer 'Café')"
log "stemmed 'The running children jumped': $(tokens stemmed 'The running children jumped')"

curl -sf -X PUT "$INDEX/_doc/1?refresh=true" -H 'Content-Type: application/json' \
    -d '{"title": "Community Legal Document", "body": "Volunteers running clinics"}' >/dev/null
hits() {
    curl -sf "$INDEX/_search" -H 'Content-Type: application/json' -d "$1" \
        | grep -o '"total":{"value":[0-9]*' | grep -o '[0-9]*$'
}
prefix_hits="$(hits '{"query": {"match": {"title": "commun"}}}')"
stem_hits="$(hits '{"query": {"match": {"body": "run clinic"}}}')"
curl -s -o /dev/null -X DELETE "$INDEX"
[ "$prefix_hits" = 1 ] || die "edge_ngram prefix search found $prefix_hits hits, expected 1"
[ "$stem_hits" = 1 ] || die "stemmed search found $stem_hits hits, expected 1"
log "search: prefix 'commun' -> $prefix_hits hit, stemmed 'run clinic' -> $stem_hits hit"
log "PostgreSQL and search engine checks passed"

REDIS_URL="$(sed -n 's/^REDIS_URL=//p' "$ENV_FILE")"
[ -n "$REDIS_URL" ] || die "REDIS_URL missing from $ENV_FILE: rerun services/start.sh"
redis-cli -u "$REDIS_URL" set cldhub_smoke_test ok EX 10 >/dev/null || die "Redis at $REDIS_URL refused a SET"
[ "$(redis-cli -u "$REDIS_URL" get cldhub_smoke_test)" = ok ] || die "Redis at $REDIS_URL did not return what was set"
redis-cli -u "$REDIS_URL" del cldhub_smoke_test >/dev/null
log "Redis: $(redis-cli -u "$REDIS_URL" info server | sed -n 's/^redis_version:\(.*\)\r*$/version \1/p' | tr -d '\r') at $REDIS_URL, SET/GET fine"

# The object store through the same client the app uses (boto3, signed requests): put, get, delete.
set -a
# shellcheck disable=SC1090
. "$ENV_FILE"
set +a
"$REPO_ROOT/.venv/bin/python" - <<'PY' || die "object store check failed"
import hashlib, os, secrets

import boto3

s3 = boto3.client(
    "s3",
    endpoint_url=os.environ["AWS_S3_ENDPOINT_URL"],
    region_name=os.environ.get("AWS_S3_REGION_NAME"),
)
bucket, key, body = os.environ["AWS_STORAGE_BUCKET_NAME"], "cldhub_smoke_test.bin", secrets.token_bytes(4096)
s3.put_object(Bucket=bucket, Key=key, Body=body)
back = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
s3.delete_object(Bucket=bucket, Key=key)
assert hashlib.sha256(back).digest() == hashlib.sha256(body).digest(), "object store returned other bytes"
print(f"[services] object store: {os.environ['AWS_S3_ENDPOINT_URL']} bucket {bucket}, put/get/delete of 4 KiB fine")
PY
log "all checks passed (Redis, object store)"
