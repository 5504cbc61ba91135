from wagtail.models import Locale

import factory
import wagtail_factories

from hub.base import models


class LocaleMixin(factory.django.DjangoModelFactory):
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        abstract = True


class ThemeFactory(LocaleMixin):
    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")

    class Meta:
        model = models.Theme


class MethodFactory(LocaleMixin):
    name = factory.Sequence(lambda n: f"Method {n}")
    slug = factory.Sequence(lambda n: f"method-{n}")

    class Meta:
        model = models.Method


class SectorFactory(LocaleMixin):
    name = factory.Sequence(lambda n: f"Sector {n}")
    slug = factory.Sequence(lambda n: f"sector-{n}")

    class Meta:
        model = models.Sector


class DataSourceFactory(LocaleMixin):
    name = factory.Sequence(lambda n: f"Data source {n}")
    slug = factory.Sequence(lambda n: f"data-source-{n}")

    class Meta:
        model = models.DataSource


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Community-led Development Hub"
    slug = factory.Sequence(lambda n: f"home-{n}")
    intro = "Where the movement shares its methods and its language."
    purpose = "<p>A shared language for community-led development.</p>"

    class Meta:
        model = models.HomePage
