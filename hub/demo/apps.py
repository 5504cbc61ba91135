from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo content and the `load_demo` command: above the content apps, whose pages it builds."""

    name = "hub.demo"
    label = "hub_demo"
    verbose_name = "CLD Hub demo content"
