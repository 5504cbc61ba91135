"""Outgoing mail: every message the hub sends goes through `queue_mail`, never from inside a request.

    queue_mail(to="ana@example.org", template="subscriptions/confirm", language="fr",
               context={"confirm_url": url}, headers={"List-Unsubscribe": f"<{url}>"})

`queue_mail` enqueues `send_mail_task` on the task backend alias "mail" (settings.TASKS): immediate in
tests, django-tasks-db's DatabaseBackend in dev and production, run by `manage.py db_worker --backend
mail` (`make run` starts one). The task renders `templates/mail/<template>.subject.txt`, `.txt` and
`.html` in `language` and sends one multipart message (text, with the HTML as alternative) from the
site's name at DEFAULT_FROM_EMAIL.

The context is stored with the task, so it must be JSON: strings, numbers, lists and dicts (absolute
URLs built with `site_url`, titles, dates as text), never model instances. Attachments are
`(filename, bytes, mimetype)` triples.

django-tasks (0.12) does not retry a failed task, so the task does: a send that raises is tried again
after each delay in HUB_MAIL_RETRY_DELAYS (re-enqueued with `run_after` on a backend that can defer,
slept through on one that cannot), and after the last one the message is stored as a `MailFailure`,
which moderators see in the admin (Settings → Mail failures), with what was queued. A template that
fails to render is recorded at once: retrying would not fix it.
"""

import base64
import datetime
import logging
import time
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation

from wagtail.models import Site

from django_tasks import task

from hub.base.models import MailFailure

logger = logging.getLogger(__name__)

BACKEND_ALIAS = "mail"
DEFAULT_RETRY_DELAYS = (60, 300, 1800)


def site_url(path=""):
    """`path` made absolute on the public site (WAGTAILADMIN_BASE_URL), for links in messages."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def site_name():
    site = Site.objects.filter(is_default_site=True).only("site_name").first()
    return (site and site.site_name) or getattr(settings, "WAGTAIL_SITE_NAME", "") or "CLD Hub"


def sender():
    """DEFAULT_FROM_EMAIL with the site's name as display name, unless it already has one."""
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return formataddr((name or site_name(), address))


def queue_mail(*, to, template, context, language, reply_to=None, headers=None, attachments=None):
    """Enqueue one message to `to` (an address or a list), rendered from mail/<template>.* in `language`."""
    payload = {
        "to": [to] if isinstance(to, str) else list(to),
        "template": template,
        "context": context,
        "language": language,
        "reply_to": [reply_to] if isinstance(reply_to, str) else list(reply_to or []),
        "headers": dict(headers or {}),
        "attachments": [
            [name, base64.b64encode(content).decode("ascii"), mimetype] for name, content, mimetype in attachments or []
        ],
    }
    return send_mail_task.enqueue(payload)


def render_message(payload):
    """The EmailMultiAlternatives a payload describes, rendered in its language."""
    template = f"mail/{payload['template']}"
    context = {"site_name": site_name(), "site_url": site_url(), **payload["context"]}
    with translation.override(payload["language"]):
        subject = " ".join(render_to_string(f"{template}.subject.txt", context).split())
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=sender(),
        to=payload["to"],
        reply_to=payload["reply_to"] or None,
        headers={"Content-Language": payload["language"], **payload["headers"]},
    )
    message.attach_alternative(html, "text/html")
    for name, content, mimetype in payload["attachments"]:
        message.attach(name, base64.b64decode(content), mimetype)
    return message


def retry_delays():
    return tuple(getattr(settings, "HUB_MAIL_RETRY_DELAYS", DEFAULT_RETRY_DELAYS))


def record_failure(payload, attempts, error):
    logger.error("Mail %s to %s failed after %s attempt(s): %s", payload["template"], payload["to"], attempts, error)
    return MailFailure.objects.create(
        to=", ".join(payload["to"]),
        template=payload["template"],
        language=payload["language"],
        attempts=attempts,
        error=f"{error.__class__.__name__}: {error}",
        payload=payload,
    )


@task(backend=BACKEND_ALIAS)
def send_mail_task(payload, attempt=1):
    """Render and send one queued message; retry a failed send, then record it (module docstring)."""
    try:
        message = render_message(payload)
    except Exception as error:  # a broken template or context: no retry will fix it
        record_failure(payload, attempt, error)
        return "failed"
    delays = retry_delays()
    while True:
        try:
            message.send()
            return "sent"
        except Exception as error:  # SMTP refusals, timeouts, connection errors
            if attempt > len(delays):
                record_failure(payload, attempt, error)
                return "failed"
            delay = delays[attempt - 1]
            attempt += 1
            logger.warning(
                "Mail %s: attempt %s failed (%s), retrying in %ss", payload["template"], attempt - 1, error, delay
            )
            if delay and send_mail_task.get_backend().supports_defer:
                run_after = timezone.now() + datetime.timedelta(seconds=delay)
                send_mail_task.using(run_after=run_after).enqueue(payload, attempt)
                return "deferred"
            time.sleep(delay)
