"""Small statistics helpers, so the benchmark needs nothing outside the standard library."""

import math


def percentile(samples, p):
    """The p-th percentile by linear interpolation between closest ranks (numpy's default)."""
    if not samples:
        return 0.0
    ordered = sorted(samples)
    rank = (len(ordered) - 1) * p / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def count_queries(function, *args):
    """(result, number of SQL queries) of one call on the default database."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    # The log keeps the last 9,000 queries only; a full one would make every count zero.
    reset_queries()
    with CaptureQueriesContext(connection) as captured:
        result = function(*args)
    return result, len(captured)
