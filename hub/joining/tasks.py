from django_tasks import task

from . import services


@task()
def erase_decided_applications():
    """The periodic erasure of decided applications' personal data (joining/services.py, `erase_decided`)."""
    services.erase_decided()
