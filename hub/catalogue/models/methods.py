"""The methods catalogue: `/<lang>/methods/`, a page per method, and the kinds of method."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.models import Orderable

from modelcluster.fields import ParentalKey, ParentalManyToManyField

from hub.base.api_fields import LivePageField, TaxonomyField, TaxonomyRecordField
from hub.base.models import BasePage

from .entries import CatalogueEntryPage, CatalogueIndexPage


class MethodKind(models.Model):
    """What an open methods archive calls an element: a method, a tool, a tactic, a principle, a skill.

    A fixed list (rows made by a data migration); the label is translated in code.
    """

    LABELS = {
        "method": _("Method"),
        "tool": _("Tool"),
        "tactic": _("Tactic"),
        "principle": _("Principle"),
        "skill": _("Skill"),
    }

    slug = models.SlugField(_("slug"), max_length=20, primary_key=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("kind of method")
        verbose_name_plural = _("kinds of method")

    def __str__(self):
        return str(self.LABELS.get(self.slug, self.slug))


class MethodIndexPage(CatalogueIndexPage):
    subpage_types = ["catalogue.MethodPage"]
    template = "catalogue/method_index_page.html"

    class Meta:
        verbose_name = _("methods catalogue")

    @property
    def entry_model(self):
        return MethodPage


class MethodPage(CatalogueEntryPage):
    record_field = "method"

    method = models.ForeignKey(
        "hub.Method",
        on_delete=models.PROTECT,
        related_name="pages",
        verbose_name=_("method"),
        help_text=_("The method of the shared vocabulary that papers, events and search filters use."),
    )
    kinds = ParentalManyToManyField(MethodKind, blank=True, verbose_name=_("kinds"))
    themes = ParentalManyToManyField(
        "hub.Theme",
        blank=True,
        related_name="+",
        verbose_name=_("themes"),
        help_text=_("The themes this method serves: the catalogue of methods can be filtered by them."),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("method"),
        FieldPanel("kinds"),
        FieldPanel("themes"),
        *CatalogueEntryPage.entry_panels,
        InlinePanel("related_items", label=_("Related methods")),
    ]
    api_fields = CatalogueEntryPage.api_fields + [
        APIField("method", serializer=TaxonomyRecordField()),
        APIField("kinds"),
        APIField("themes", serializer=TaxonomyField()),
        APIField("related_items"),
    ]
    parent_page_types = ["catalogue.MethodIndexPage"]
    template = "catalogue/method_page.html"

    class Meta:
        verbose_name = _("method page")
        verbose_name_plural = _("method pages")


class MethodPageRelated(Orderable):
    page = ParentalKey(MethodPage, on_delete=models.CASCADE, related_name="related_items")
    related_page = models.ForeignKey(
        "catalogue.MethodPage", on_delete=models.CASCADE, related_name="+", verbose_name=_("method")
    )

    panels = [PageChooserPanel("related_page", page_type="catalogue.MethodPage")]
    api_fields = [APIField("related_page", serializer=LivePageField())]
