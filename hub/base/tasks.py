"""Background tasks of the base app."""

from django_tasks import task

from hub.base.readership import flush_counts


@task()
def flush_readership_counts():
    """Move the buffered page views and downloads into the daily counts (hub/base/readership.py).

    On the `default` backend, which runs at once: `run_periodic` flushes in its own process, which
    shares the cache of the app servers when the cache is Redis (REDIS_URL).
    """
    return flush_counts()
