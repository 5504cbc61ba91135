"""Background work of subscriptions, on the "mail" task backend (hub/base/mail.py): run by the worker,
enqueued by `run_periodic` (the weekly digests, the clean-up) or by publishing an event."""

from django_tasks import task

from events.models import EventPage

from . import services


@task(backend="mail")
def send_digests():
    """Every digest that is due (a week after the last one); run hourly, it sends each one once."""
    return services.send_digests()


@task(backend="mail")
def delete_unconfirmed():
    """Addresses and subscriptions still unconfirmed after 7 days."""
    return services.delete_unconfirmed()


@task(backend="mail")
def notify_new_event(page_id):
    event = EventPage.objects.live().filter(pk=page_id).select_related("chapter").first()
    return services.notify_new_event(event) if event is not None else 0


@task(backend="mail")
def notify_followup(page_id):
    event = EventPage.objects.live().filter(pk=page_id).select_related("chapter").first()
    return services.notify_followup(event) if event is not None else 0
