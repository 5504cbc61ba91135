"""Personal data requests: export or erase everything the hub keeps about one e-mail address.

Each app that keeps personal data registers a `PersonalData` under the `hub_personal_data` hook in its
`wagtail_hooks.py`; `manage.py personal_data export|erase ADDRESS` and the admin actions call them all:

    @hooks.register("hub_personal_data")
    def subscribers():
        return PersonalData("subscriptions", export=services.export, erase=services.erase)

`export(address)` returns a list of JSON-ready dicts, `erase(address)` deletes and returns how many
records it removed.
"""

from collections.abc import Callable
from dataclasses import dataclass

from wagtail import hooks

from hub.base.models import MailFailure

HOOK_NAME = "hub_personal_data"


@dataclass(frozen=True)
class PersonalData:
    name: str
    export: Callable
    erase: Callable


def _mail_failures_export(address):
    return [
        {"failed_at": f.created.isoformat(), "template": f.template, "error": f.error}
        for f in MailFailure.objects.filter(to__icontains=address.strip())
        if address.strip().lower() in [to.strip().lower() for to in f.to.split(",")]
    ]


def _mail_failures_erase(address):
    ids = [
        f.pk
        for f in MailFailure.objects.filter(to__icontains=address.strip())
        if address.strip().lower() in [to.strip().lower() for to in f.to.split(",")]
    ]
    return MailFailure.objects.filter(pk__in=ids).delete()[0]


def sources():
    found = [PersonalData("mail_failures", _mail_failures_export, _mail_failures_erase)]
    for hook in hooks.get_hooks(HOOK_NAME):
        result = hook()
        if result is not None:
            found.extend([result] if isinstance(result, PersonalData) else result)
    return found


def export(address):
    """{source name: [records]} for every source that holds something about `address`."""
    return {source.name: records for source in sources() if (records := source.export(address))}


def erase(address):
    """{source name: records deleted} for every source."""
    return {source.name: source.erase(address) for source in sources()}
