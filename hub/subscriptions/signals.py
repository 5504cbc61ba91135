"""Publishing an event tells whoever follows its chapter "as it happens", and its follow-up (recording and
materials) tells every follower of the chapter; both after the commit, in a task."""

from django.db import transaction

from wagtail.signals import page_published

from events.models import EventPage
from events.signals import followup_first_published

from .tasks import notify_followup, notify_new_event


def event_published(sender, instance, **kwargs):
    page_id = instance.pk
    transaction.on_commit(lambda: notify_new_event.enqueue(page_id))


def followup_published(sender, event, **kwargs):
    page_id = event.pk
    transaction.on_commit(lambda: notify_followup.enqueue(page_id))


def connect():
    page_published.connect(event_published, sender=EventPage, dispatch_uid="subscriptions_event_published")
    followup_first_published.connect(followup_published, dispatch_uid="subscriptions_followup_published")
