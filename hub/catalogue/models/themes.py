"""The themes catalogue: `/<lang>/themes/` and a page per theme."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.models import Orderable

from modelcluster.fields import ParentalKey

from hub.base.api_fields import LivePageField, TaxonomyRecordField
from hub.base.models import BasePage

from .entries import CatalogueEntryPage, CatalogueIndexPage


class ThemeIndexPage(CatalogueIndexPage):
    subpage_types = ["catalogue.ThemePage"]
    template = "catalogue/theme_index_page.html"

    class Meta:
        verbose_name = _("themes catalogue")

    @property
    def entry_model(self):
        return ThemePage


class ThemePage(CatalogueEntryPage):
    record_field = "theme"

    theme = models.ForeignKey(
        "hub.Theme",
        on_delete=models.PROTECT,
        related_name="pages",
        verbose_name=_("theme"),
        help_text=_("The theme of the shared vocabulary that papers, events and search filters use."),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("theme"),
        *CatalogueEntryPage.entry_panels,
        InlinePanel("related_items", label=_("Related themes")),
    ]
    api_fields = CatalogueEntryPage.api_fields + [
        APIField("theme", serializer=TaxonomyRecordField()),
        APIField("related_items"),
    ]
    parent_page_types = ["catalogue.ThemeIndexPage"]
    template = "catalogue/theme_page.html"

    class Meta:
        verbose_name = _("theme page")
        verbose_name_plural = _("theme pages")


class ThemePageRelated(Orderable):
    page = ParentalKey(ThemePage, on_delete=models.CASCADE, related_name="related_items")
    related_page = models.ForeignKey(
        "catalogue.ThemePage", on_delete=models.CASCADE, related_name="+", verbose_name=_("theme")
    )

    panels = [PageChooserPanel("related_page", page_type="catalogue.ThemePage")]
    api_fields = [APIField("related_page", serializer=LivePageField())]
