from django.apps import AppConfig


class MapConfig(AppConfig):
    """The movement on a world map (/map/): above the content apps, whose pages it places."""

    name = "hub.map"
    label = "hub_map"
    verbose_name = "CLD Hub map"
