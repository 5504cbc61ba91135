"""Registrations under load: on PostgreSQL, ten people registering at once never overbook an event.

A module of its own: a transactional test cannot share a module's tree (conftest.py, "the test site")."""

import threading

from django.db import close_old_connections, connection

import pytest

from events import registrations
from events.factories import EventPageFactory


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # the locales and root page of the migrations
def test_concurrent_registrations_never_overbook(tree):
    """Ten people register at once for three places: three are confirmed, seven wait (the `postgres`
    marker skips it on SQLite, which serialises every write, with the reason in the summary)."""
    event = EventPageFactory(parent=tree["events"], title="Crowded webinar", registration_open=True, capacity=3)
    event.save_revision().publish()
    barrier = threading.Barrier(10)
    errors = []

    def attempt(number):
        try:
            barrier.wait()
            registrations.register(event, name=f"P{number}", email=f"p{number}@example.org", language="en")
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=attempt, args=(number,)) for number in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert registrations.counts(event) == {"confirmed": 3, "waitlisted": 7, "cancelled": 0}
