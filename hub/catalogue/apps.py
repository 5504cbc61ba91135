from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    """Methods and themes as pages people read: the catalogue above the shared taxonomy."""

    name = "hub.catalogue"
    label = "catalogue"
    verbose_name = "Catalogue"
