"""Outgoing mail through a real SMTP server (the smtp_server fixture): what a recipient receives."""

import datetime

from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone

from wagtail import hooks

import pytest
from django_tasks import task

from hub.base.mail import queue_mail
from hub.base.models import MailFailure
from hub.base.periodic import PeriodicJob, periodic_jobs

pytestmark = pytest.mark.django_db

NOTICE = {
    "subject": "Bienvenue",
    "heading": "Une nouvelle publication",
    "paragraphs": ["Élan & cœur"],
    "action_url": "https://hub.example.org/fr/papers/",
    "action_label": "Lire",
    "unsubscribe_url": "https://hub.example.org/unsubscribe/x/",
}


def parts(message):
    return {part.get_content_type(): part.get_content() for part in message.walk() if not part.is_multipart()}


def test_a_queued_message_arrives_as_text_and_html_from_the_site(smtp_server, settings):
    settings.DEFAULT_FROM_EMAIL = "hub@example.org"
    queue_mail(
        to="ana@example.org",
        template="notice",
        context=NOTICE,
        language="fr",
        reply_to="lead@example.org",
        headers={"List-Unsubscribe": "<https://hub.example.org/unsubscribe/x/>"},
        attachments=[("event.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")],
    )
    (message,) = smtp_server.messages
    assert message["Subject"] == "Bienvenue"
    assert message["From"].addresses[0].display_name == "CLD Hub"
    assert message["From"].addresses[0].addr_spec == "hub@example.org"
    assert message["Reply-To"] == "lead@example.org"
    assert message["Content-Language"] == "fr"
    assert message["List-Unsubscribe"] == "<https://hub.example.org/unsubscribe/x/>"
    assert message.envelope_recipients == ["ana@example.org"]
    body = parts(message)
    assert "Élan & cœur" in body["text/plain"]
    assert "Élan &amp; cœur" in body["text/html"]
    # The footer is translated into the message's language.
    assert "Se désabonner: https://hub.example.org/unsubscribe/x/" in body["text/plain"]
    assert body["text/calendar"].startswith("BEGIN:VCALENDAR")
    assert message.get_content_type() == "multipart/mixed"


def test_a_refused_send_is_retried(smtp_server):
    smtp_server.handler.refuse = 2
    queue_mail(to="ana@example.org", template="notice", context=NOTICE, language="en")
    assert len(smtp_server.messages) == 1
    assert not MailFailure.objects.exists()


def test_a_send_refused_every_time_is_recorded_for_the_moderators(smtp_server):
    smtp_server.handler.refuse = 10
    queue_mail(to="ana@example.org", template="notice", context=NOTICE, language="en")
    assert smtp_server.messages == []
    failure = MailFailure.objects.get()
    assert failure.to == "ana@example.org"
    assert failure.attempts == 3  # the first try and the two retries of HUB_MAIL_RETRY_DELAYS in tests
    assert "451" in failure.error
    assert failure.payload["context"]["subject"] == "Bienvenue"


def test_a_template_that_does_not_exist_is_recorded_at_once(smtp_server):
    queue_mail(to="ana@example.org", template="no-such-template", context={}, language="en")
    assert smtp_server.messages == []
    assert MailFailure.objects.get().attempts == 1


@override_settings(
    TASKS={
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        "mail": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    },
    HUB_MAIL_RETRY_DELAYS=(600,),
)
def test_with_the_database_backend_a_failed_send_comes_back_later(smtp_server):
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    # What `db_worker --batch` does, less its exclusive SQLite transaction (resources/tests/test_import_jobs.py).
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="mail",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
    )
    smtp_server.handler.refuse = 1
    queue_mail(to="ana@example.org", template="notice", context=NOTICE, language="en")
    assert smtp_server.messages == []  # queued, not sent in the request
    first = DBTaskResult.objects.ready().get()
    first.claim(worker.worker_id)
    worker.run_task(first)
    assert smtp_server.messages == []
    assert not DBTaskResult.objects.ready().exists()  # the retry waits for its time
    retry = DBTaskResult.objects.exclude(pk=first.pk).get()
    assert retry.run_after > timezone.now() + datetime.timedelta(seconds=590)
    assert retry.args_kwargs["args"][1] == 2
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    retry = DBTaskResult.objects.ready().get()
    retry.claim(worker.worker_id)
    worker.run_task(retry)
    assert len(smtp_server.messages) == 1


RAN = []


@task(backend="mail")
def periodic_test_job(label):
    RAN.append(label)


def test_run_periodic_enqueues_every_registered_job():
    def contribute():
        return PeriodicJob("test-job", periodic_test_job, args=("done",))

    RAN.clear()
    with hooks.register_temporarily("hub_periodic_jobs", contribute):
        assert "test-job" in [j.name for j in periodic_jobs()]
        call_command("run_periodic", "--only", "test-job")
    assert RAN == ["done"]


def test_run_periodic_refuses_an_unknown_job():
    with pytest.raises(CommandError, match="no-such-job"):
        call_command("run_periodic", "--only", "no-such-job")
