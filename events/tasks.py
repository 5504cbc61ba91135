"""The events app's scheduled work, enqueued by `manage.py run_periodic` (hub/base/periodic.py) on the
"mail" task backend, whose worker runs it: each decides what is due, so running it twice does nothing twice."""

from django_tasks import task

from hub.base.mail import BACKEND_ALIAS

from . import registrations


@task(backend=BACKEND_ALIAS)
def send_event_reminders():
    """Remind confirmed registrants of events starting within 24 hours, each once."""
    return registrations.send_reminders()


@task(backend=BACKEND_ALIAS)
def erase_registrations():
    """Erase registrants' personal data HUB_REGISTRATION_RETENTION_DAYS after their event."""
    return registrations.erase_personal_data()
