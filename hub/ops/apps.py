from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Operations on the whole site: the `backup` and `restore` commands (hub/ops/backup.py)."""

    name = "hub.ops"
    label = "hub_ops"
    verbose_name = "CLD Hub operations"
