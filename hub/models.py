"""Ground floor: the shared taxonomy, the abstract base page and the home page.

Nothing here imports a content app at module level; the home page asks each app
for its featured content through small query functions imported where used.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase


class SocialFields(models.Model):
    """What a page looks like when shared (OpenGraph, Twitter cards)."""

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("social image"),
    )
    social_text = models.CharField(_("social text"), max_length=255, blank=True)

    promote_panels = [
        MultiFieldPanel(
            [FieldPanel("social_image"), FieldPanel("social_text")],
            heading=_("Social networks"),
        )
    ]

    class Meta:
        abstract = True


class ListingFields(models.Model):
    """How a page presents itself in listings and result cards."""

    listing_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("listing image"),
    )
    listing_title = models.CharField(_("listing title"), max_length=255, blank=True)
    listing_summary = models.CharField(_("listing summary"), max_length=255, blank=True)

    promote_panels = [
        MultiFieldPanel(
            [FieldPanel("listing_image"), FieldPanel("listing_title"), FieldPanel("listing_summary")],
            heading=_("Listings"),
        )
    ]

    class Meta:
        abstract = True


class BasePage(SocialFields, ListingFields, Page):
    """Every page of the hub; page types extend these lists rather than repeat them."""

    show_in_menus_default = False

    promote_panels = Page.promote_panels + SocialFields.promote_panels + ListingFields.promote_panels
    search_fields = Page.search_fields + [index.SearchField("listing_summary")]

    class Meta:
        abstract = True

    @property
    def card_title(self):
        return self.listing_title or self.title

    @property
    def card_summary(self):
        return self.listing_summary or self.search_description or self.summary_text()

    def summary_text(self):
        """A one-line description for cards and meta tags; page types override."""
        return ""

    @property
    def meta_description(self):
        return self.search_description or self.card_summary


# --- Taxonomy -----------------------------------------------------------------


class TaxonomyBase(TranslatableMixin, models.Model):
    """A curated, translatable vocabulary record usable as a facet on every page type."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        abstract = True
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self):
        return self.name


class Theme(index.Indexed, TaxonomyBase):
    class Meta(TaxonomyBase.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class Method(index.Indexed, TaxonomyBase):
    needs_review = models.BooleanField(
        _("needs review"),
        default=False,
        help_text=_("Created by an import; a moderator should check the name and merge duplicates."),
    )

    panels = TaxonomyBase.panels + [FieldPanel("needs_review")]

    class Meta(TaxonomyBase.Meta):
        verbose_name = _("method")
        verbose_name_plural = _("methods")


class Sector(index.Indexed, TaxonomyBase):
    class Meta(TaxonomyBase.Meta):
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")


class DataSource(index.Indexed, TaxonomyBase):
    class Meta(TaxonomyBase.Meta):
        verbose_name = _("data source")
        verbose_name_plural = _("data sources")


class SDG(TranslatableMixin, models.Model):
    """One of the 17 Sustainable Development Goals; the list is fixed by a data migration."""

    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1), MaxValueValidator(17)])
    name = models.CharField(_("name"), max_length=120)

    panels = [FieldPanel("number", read_only=True), FieldPanel("name")]

    class Meta:
        ordering = ["number"]
        unique_together = [("translation_key", "locale"), ("number", "locale")]
        verbose_name = _("Sustainable Development Goal")
        verbose_name_plural = _("Sustainable Development Goals")

    def __str__(self):
        return f"{self.number}. {self.name}"


class PageKeyword(TaggedItemBase):
    """Free keywords (django-taggit) on any page; curated facets use the taxonomy above."""

    content_object = ParentalKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="keyword_items")


# --- Home ---------------------------------------------------------------------


class HomePage(BasePage):
    intro = models.CharField(_("introduction"), max_length=300, blank=True)
    purpose = RichTextField(_("purpose"), blank=True, features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("purpose"),
        InlinePanel("featured_items", label=_("Featured papers"), max_num=6),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("purpose")]

    # Each locale has its own home page, a sibling under the root.
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def summary_text(self):
        return self.intro

    @cached_property
    def featured_papers(self):
        from resources.queries import featured_papers

        return featured_papers(self)

    def get_context(self, request, *args, **kwargs):
        from events.queries import upcoming_events
        from members.queries import chapters

        context = super().get_context(request, *args, **kwargs)
        context["featured_papers"] = self.featured_papers
        context["upcoming_events"] = upcoming_events(self.locale, limit=3)
        context["chapters"] = chapters(self.locale)
        return context


class HomePageFeatured(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_items")
    featured_page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("paper")
    )

    panels = [PageChooserPanel("featured_page", page_type="resources.PaperPage")]
