"""Ground floor: the shared taxonomy, the abstract base page and the home page.

Nothing here imports a content app: the home page's papers, events and chapters are sections
that their apps contribute (hub/base/sections.py).
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase

from hub.base.api_fields import LivePageField
from hub.base.forms import BasePageForm
from hub.base.i18n import in_locale_or_source, localise_choices
from hub.base.memo import page_locale, public
from hub.base.readership import mark_page_view
from hub.base.rich_text import PURPOSE_FEATURES, SIMPLE_FEATURES
from hub.base.seo import movement_node, web_page_node
from hub.base.utils import paginate


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
    base_form_class = BasePageForm

    promote_panels = Page.promote_panels + SocialFields.promote_panels + ListingFields.promote_panels
    search_fields = Page.search_fields + [index.SearchField("listing_summary")]
    api_fields = [APIField("listing_title"), APIField("listing_summary")]

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        localise_choices(self)
        return super().save(*args, **kwargs)

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

    # OpenGraph object type and schema.org type of the page; page types override them.
    og_type = "website"
    schema_type = "WebPage"

    @property
    def share_image(self):
        """The image shown when the page is shared: the social image, else the listing image."""
        if self.social_image_id:
            return self.social_image
        if self.listing_image_id:
            return self.listing_image
        return None

    def structured_data(self, request):
        """schema.org JSON-LD for this page, as a dict; page types describe themselves more closely."""
        return web_page_node(self, request, self.schema_type)

    def serve(self, request, *args, **kwargs):
        # A view to count (hub/base/readership.py; only HTML responses count, not cite.bib).
        response = super().serve(request, *args, **kwargs)
        mark_page_view(request, response, self)
        return response


class IndexPage(BasePage):
    """The listing of one page type under each home page: an introduction, then the live, public pages.

    A page type sets `subpage_types`, and either `listing_name` and `listing()` (paginated by
    `per_page` when set) or its own `get_context`.
    """

    intro = RichTextField(_("introduction"), blank=True, features=SIMPLE_FEATURES)

    schema_type = "CollectionPage"
    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    api_fields = BasePage.api_fields + [APIField("intro")]
    parent_page_types = ["hub.HomePage"]
    max_count_per_parent = 1

    # The context variable of the listing, and its page size (None: one page).
    listing_name = None
    per_page = None

    class Meta:
        abstract = True

    def listed(self, model):
        """The live, public `model` pages in this page's locale, or in their source language where untranslated."""
        return in_locale_or_source(public(model.objects.live()), page_locale(self))

    def listing(self):
        return None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.listing_name:
            listing = self.listing()
            context[self.listing_name] = (
                paginate(request, listing, per_page=self.per_page) if self.per_page else listing
            )
        return context


class FileRoutesMixin(RoutablePageMixin):
    """Sub-routes of a page served as files, such as `<paper url>cite.bib` or `<event url>event.ics`.

    Wagtail's page URL pattern allows no dot, so hub/urls.py sends these paths to Wagtail's
    serve view too: they go through the same routing, live check and view restrictions as pages.
    """

    def file_url(self, route_name, request=None):
        return self.get_url(request) + self.reverse_subpage(route_name).rstrip("/")

    def serve(self, request, *args, **kwargs):
        # RoutablePageMixin renders its index route without BasePage.serve: mark the view here too.
        response = super().serve(request, *args, **kwargs)
        mark_page_view(request, response, self)
        return response


# --- Taxonomy -----------------------------------------------------------------


class TaxonomyBase(TranslatableMixin, models.Model):
    """A curated, translatable vocabulary record usable as a facet on every page type."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    alt_labels = models.TextField(
        _("alternative labels"),
        blank=True,
        help_text=_(
            "Other names for the same thing, one per line: spellings, abbreviations, members' in-house names. "
            "Searches and imports find the record by them."
        ),
    )
    needs_review = models.BooleanField(
        _("needs review"),
        default=False,
        help_text=_("Created by an import; a moderator should check the name and merge duplicates."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("alt_labels"),
        FieldPanel("description"),
        FieldPanel("needs_review"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("alt_labels"),
    ]

    class Meta:
        abstract = True
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self):
        return self.name

    @property
    def alt_label_list(self):
        """The alternative labels, one per line in the field, without blanks or repeats."""
        return list(dict.fromkeys(line.strip() for line in self.alt_labels.splitlines() if line.strip()))

    @property
    def labels(self):
        """The name, then every alternative label: what search and matching read."""
        return [self.name, *(label for label in self.alt_label_list if label != self.name)]


class Theme(index.Indexed, TaxonomyBase):
    class Meta(TaxonomyBase.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class Method(index.Indexed, TaxonomyBase):
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
    purpose = RichTextField(_("purpose"), blank=True, features=PURPOSE_FEATURES)

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("purpose"),
        InlinePanel("featured_items", label=_("Featured papers"), max_num=6),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("purpose")]
    api_fields = BasePage.api_fields + [APIField("intro"), APIField("purpose"), APIField("featured_items")]

    # Each locale has its own home page, a sibling under the root.
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def summary_text(self):
        return self.intro

    def structured_data(self, request):
        data = web_page_node(self, request, "WebSite")
        data["publisher"] = movement_node()
        return data


class HomePageFeatured(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_items")
    featured_page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("paper")
    )

    panels = [PageChooserPanel("featured_page", page_type="resources.PaperPage")]
    api_fields = [APIField("featured_page", serializer=LivePageField())]


# --- Readership ---------------------------------------------------------------


class PageDailyCount(models.Model):
    """Views of one page on one day (UTC): a number, nothing about who (hub/base/readership.py)."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="daily_counts", verbose_name=_("page")
    )
    day = models.DateField(_("day"))
    views = models.PositiveIntegerField(_("views"), default=0)

    # A count is not a use of the page: keep it out of Wagtail's "usage" and delete warnings.
    wagtail_reference_index_ignore = True

    class Meta:
        constraints = [models.UniqueConstraint(fields=["page", "day"], name="hub_pagedailycount_unique_page_day")]
        verbose_name = _("page views on a day")
        verbose_name_plural = _("page views per day")


class DocumentDailyCount(models.Model):
    """Downloads of one document on one day (UTC); a paper's downloads add up its attachments'."""

    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="daily_counts", verbose_name=_("document")
    )
    day = models.DateField(_("day"))
    downloads = models.PositiveIntegerField(_("downloads"), default=0)

    wagtail_reference_index_ignore = True

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["document", "day"], name="hub_documentdailycount_unique_document_day")
        ]
        verbose_name = _("document downloads on a day")
        verbose_name_plural = _("document downloads per day")


class MailFailure(models.Model):
    """A message that could not be sent after every retry (hub/base/mail.py), kept for the moderators.

    Holds the recipients' addresses: personal data, shown only to whoever holds `hub.view_mailfailure`
    (the Moderators group), and deleted by the per-person erasure.
    """

    created = models.DateTimeField(_("failed at"), auto_now_add=True)
    to = models.TextField(_("recipients"))
    template = models.CharField(_("template"), max_length=100)
    language = models.CharField(_("language"), max_length=10)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=1)
    error = models.TextField(_("error"))
    payload = models.JSONField(_("message"), default=dict, help_text=_("What was queued, to send it again."))

    class Meta:
        ordering = ["-created"]
        verbose_name = _("mail failure")
        verbose_name_plural = _("mail failures")

    def __str__(self):
        return f"{self.template} → {self.to}"
