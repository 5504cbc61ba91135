"""Publishing an event tells whoever follows its chapter "as it happens" (after the commit, in a task)."""

from django.db import transaction

from wagtail.signals import page_published

from events.models import EventPage

from .tasks import notify_new_event


def event_published(sender, instance, **kwargs):
    page_id = instance.pk
    transaction.on_commit(lambda: notify_new_event.enqueue(page_id))


def connect():
    page_published.connect(event_published, sender=EventPage, dispatch_uid="subscriptions_event_published")
