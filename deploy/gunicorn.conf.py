"""gunicorn configuration for CLD Hub's app servers: `gunicorn -c deploy/gunicorn.conf.py hub.wsgi`.

Every value comes from the environment, with defaults for one app server behind a reverse proxy
on the same host. tests/cluster/ starts its two app servers with this file.

- GUNICORN_BIND (127.0.0.1:8000): the proxy terminates TLS and forwards here; never 0.0.0.0.
- GUNICORN_WORKERS (2 x CPU cores + 1) processes, each with GUNICORN_THREADS (4) threads: page
  renders wait on PostgreSQL, the search engine and Redis, so threads keep a worker busy.
- GUNICORN_TIMEOUT (60 s): a worker silent for longer is killed and replaced; a visitor's search
  gives up after SEARCH_TIMEOUT (5 s) long before. GUNICORN_GRACEFUL_TIMEOUT (30 s) lets requests
  in flight finish on a restart (SIGHUP) or stop (SIGTERM).
- GUNICORN_MAX_REQUESTS (2000, with jitter): a worker is recycled after that many requests, so a
  slow leak in a dependency cannot grow for ever.
- Access log (GUNICORN_ACCESS_LOG, "-" = stdout; "" = none) WITHOUT the visitor's address or
  user agent: time, method, path with query, status, size, duration. The hub keeps no record of
  who read what (hub/base/readership.py stores only daily counts); the proxy's own log, if any,
  is where addresses are kept, for as long as the operator's privacy notice says.
"""

import multiprocessing
import os

env = os.environ

bind = env.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(env.get("GUNICORN_WORKERS", str(multiprocessing.cpu_count() * 2 + 1)))
threads = int(env.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
timeout = int(env.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = int(env.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(env.get("GUNICORN_KEEPALIVE", "5"))
max_requests = int(env.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
# Settings and code load once in the master; workers fork from it (faster start, shared memory).
preload_app = env.get("GUNICORN_PRELOAD", "true").lower() == "true"
# Only the proxy on this host may set X-Forwarded-Proto (SECURE_PROXY_SSL_HEADER in production.py).
forwarded_allow_ips = env.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
proc_name = env.get("GUNICORN_PROC_NAME", "cldhub")

accesslog = env.get("GUNICORN_ACCESS_LOG", "-") or None
access_log_format = '%(t)s "%(m)s %(U)s%(q)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
loglevel = env.get("GUNICORN_LOG_LEVEL", "info")
