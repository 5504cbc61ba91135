import factory
import wagtail_factories

from hub.base.factories import MethodFactory, ThemeFactory
from hub.catalogue import models


class MethodIndexPageFactory(wagtail_factories.PageFactory):
    title = "Methods"
    slug = "methods"

    class Meta:
        model = models.MethodIndexPage


class MethodPageFactory(wagtail_factories.PageFactory):
    title = factory.SelfAttribute("method.name")
    slug = factory.SelfAttribute("method.slug")
    method = factory.SubFactory(MethodFactory)
    summary = "Residents map what their community already has before they plan."
    what_it_is = "<p>A way of starting from strengths rather than needs.</p>"

    class Meta:
        model = models.MethodPage


class ThemeIndexPageFactory(wagtail_factories.PageFactory):
    title = "Themes"
    slug = "themes"

    class Meta:
        model = models.ThemeIndexPage


class ThemePageFactory(wagtail_factories.PageFactory):
    title = factory.SelfAttribute("theme.name")
    slug = factory.SelfAttribute("theme.slug")
    theme = factory.SubFactory(ThemeFactory)
    summary = "How communities and local government share decisions."

    class Meta:
        model = models.ThemePage


class ReadingListIndexPageFactory(wagtail_factories.PageFactory):
    title = "Collections"
    slug = "collections"

    class Meta:
        model = models.ReadingListIndexPage


class ReadingListPageFactory(wagtail_factories.PageFactory):
    """A collection; `items=[(page, note), ...]` fills it in that order."""

    title = factory.Sequence(lambda n: f"Collection {n}")
    intro = "<p>Readings chosen by the secretariat.</p>"

    class Meta:
        model = models.ReadingListPage
        skip_postgeneration_save = True

    @factory.post_generation
    def items(self, create, extracted, **kwargs):
        if not extracted:
            return
        for position, (page, note) in enumerate(extracted):
            self.items.add(models.ReadingListItem(item_page=page, note=note, sort_order=position))
        if create:
            self.save()
