from django.apps import AppConfig


class SubscriptionsConfig(AppConfig):
    name = "hub.subscriptions"
    label = "subscriptions"
    verbose_name = "Subscriptions"

    def ready(self):
        from hub.subscriptions import signals

        signals.connect()
