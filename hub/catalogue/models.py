"""Methods and themes as pages: the catalogue that gives every method and theme a page of its own.

A `MethodPage` or `ThemePage` *owns* one record of the shared taxonomy (`hub.Method`,
`hub.Theme`): papers, events, search facets and filters keep pointing at the record, and the
record's page is found from it by translation key and locale (`page_for`), so a translated page
may point at the source-language record. What uses a method or theme (papers, events, members,
glossary terms) is shown by the app that owns it, through the `hub_page_sections` hook.
"""

import html

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from modelcluster.fields import ParentalKey, ParentalManyToManyField

from hub.base.api_fields import LivePageField, TaxonomyField, TaxonomyRecordField
from hub.base.i18n import in_locale_or_source
from hub.base.memo import default_locale, page_locale, public
from hub.base.models import BasePage, IndexPage
from hub.base.rich_text import ENTRY_FEATURES, SIMPLE_FEATURES
from hub.base.seo import SCHEMA_CONTEXT, compact, image_url, page_language, web_page_node

from .panels import SourcePanel


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


class CatalogueIndexPage(IndexPage):
    """`/<lang>/methods/` or `/<lang>/themes/`: every entry with its summary and number of papers."""

    entry_model = None
    listing_name = "entries"

    class Meta:
        abstract = True

    def listing(self):
        return self.listed(self.entry_model).order_by("title").select_related(self.entry_model.record_field)

    def structured_data(self, request):
        """The catalogue as a schema.org DefinedTermSet of its entries (as the glossary is)."""
        data = web_page_node(self, request, "DefinedTermSet")
        data["hasDefinedTerm"] = [
            compact(
                {
                    "@type": "DefinedTerm",
                    "name": entry.title,
                    "description": entry.summary_text(),
                    "url": entry.get_full_url(request),
                    "termCode": entry.record.slug,
                }
            )
            for entry in self.listing()
        ]
        return data

    def get_context(self, request, *args, **kwargs):
        from hub.catalogue.listing import catalogue_context

        context = super().get_context(request, *args, **kwargs)
        context.update(catalogue_context(self, request))
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        # A filter naming no theme or kind: the page explains, with a 400 (hub/catalogue/listing.py).
        if (getattr(response, "context_data", None) or {}).get("filter_error"):
            response.status_code = 400
        return response


class CatalogueEntryPage(BasePage):
    """A page that owns one taxonomy record and says what it is, when to use it, how it runs."""

    record_field = None  # "method" or "theme"

    summary = models.CharField(
        _("one-line summary"), max_length=255, blank=True, help_text=_("Shown in the catalogue and in search results.")
    )
    what_it_is = RichTextField(_("what it is"), blank=True, features=ENTRY_FEATURES)
    when_to_use = RichTextField(_("when to use it, and when not"), blank=True, features=ENTRY_FEATURES)
    steps = RichTextField(_("steps"), blank=True, features=ENTRY_FEATURES)
    needs = RichTextField(_("what it needs"), blank=True, features=ENTRY_FEATURES)
    needs_time = models.CharField(_("time"), max_length=120, blank=True, help_text=_("For example: two days"))
    needs_people = models.CharField(_("people"), max_length=120, blank=True)
    needs_skills = models.CharField(_("skills"), max_length=255, blank=True)
    needs_cost = models.CharField(_("cost"), max_length=120, blank=True)
    strengths_limits = RichTextField(_("strengths and limits"), blank=True, features=ENTRY_FEATURES)
    examples = RichTextField(_("examples"), blank=True, features=ENTRY_FEATURES)
    licence_note = models.CharField(
        _("licence note"), max_length=500, blank=True, help_text=_("Where the text comes from and under which licence.")
    )
    # Where an imported entry came from (resources' method importer); empty for pages written here.
    source_key = models.CharField(_("source key"), max_length=255, blank=True, db_index=True)
    source_url = models.URLField(_("source"), max_length=500, blank=True)

    entry_panels = [
        SourcePanel(heading=_("Source"), classname="help-block help-info"),
        FieldPanel("summary"),
        FieldPanel("what_it_is"),
        FieldPanel("when_to_use"),
        FieldPanel("steps"),
        MultiFieldPanel(
            [
                FieldPanel("needs"),
                FieldRowPanel([FieldPanel("needs_time"), FieldPanel("needs_people")]),
                FieldRowPanel([FieldPanel("needs_skills"), FieldPanel("needs_cost")]),
            ],
            heading=_("What it needs"),
        ),
        FieldPanel("strengths_limits"),
        FieldPanel("examples"),
        FieldPanel("licence_note"),
    ]
    source_panels = [
        MultiFieldPanel([FieldPanel("source_key", read_only=True), FieldPanel("source_url")], heading=_("Source"))
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("what_it_is"),
        index.SearchField("when_to_use"),
        index.SearchField("steps"),
    ]
    api_fields = BasePage.api_fields + [
        APIField("summary"),
        APIField("what_it_is"),
        APIField("when_to_use"),
        APIField("steps"),
        APIField("needs"),
        APIField("needs_time"),
        APIField("needs_people"),
        APIField("needs_skills"),
        APIField("needs_cost"),
        APIField("strengths_limits"),
        APIField("examples"),
        APIField("licence_note"),
    ]
    schema_type = "DefinedTerm"

    class Meta:
        abstract = True

    @property
    def record(self):
        return getattr(self, self.record_field)

    @property
    def follow_topic(self):
        """What the follow form on this page subscribes to (hub/subscriptions): its taxonomy record."""
        return (self.record_field, self.record)

    @cached_property
    def record_versions(self):
        """The page's record and its translations (one query); the record itself is taken from them."""
        field = self.record_field
        model = self.record_model()
        own_key = model.objects.filter(pk=getattr(self, f"{field}_id")).values("translation_key")
        versions = list(model.objects.filter(translation_key__in=own_key))
        for version in versions:
            if version.pk == getattr(self, f"{field}_id"):
                setattr(self, field, version)
        return versions

    def get_context(self, request, *args, **kwargs):
        self.record_versions  # noqa: B018 - reads the record once for every section that names it
        return super().get_context(request, *args, **kwargs)

    @classmethod
    def record_model(cls):
        """hub.Method or hub.Theme: the taxonomy model this page type owns records of."""
        return cls._meta.get_field(cls.record_field).related_model

    def summary_text(self):
        return self.summary or (self.record.description if self.record else "")

    def clean(self):
        super().clean()
        record = getattr(self, f"{self.record_field}_id", None) and self.record
        if record is None:
            return
        clash = (
            type(self)
            .objects.filter(
                **{f"{self.record_field}__translation_key": record.translation_key}, locale_id=self.locale_id
            )
            .exclude(pk=self.pk)
        )
        if self.locale_id and clash.exists():
            raise ValidationError(
                {self.record_field: _("Another page in this language already describes %(name)s.") % {"name": record}}
            )

    @classmethod
    def page_for(cls, record, locale=None):
        """The live, public page of `record` in `locale` (else in its source language), or None."""
        pages = public(cls.objects.live()).filter(**{f"{cls.record_field}__translation_key": record.translation_key})
        if locale is None:
            return pages.order_by("pk").first()
        return in_locale_or_source(pages, locale).first()

    def related_entries(self):
        """The other live entries this page links to, in its language or their source language."""
        return in_locale_or_source(
            public(type(self).objects.live()).filter(pk__in=self.related_items.values("related_page")),
            page_locale(self),
        ).order_by("title")

    def structured_data(self, request):
        """A schema.org DefinedTerm of the shared vocabulary, in the DefinedTermSet of its catalogue.

        Not a LearningResource: the page is first the entry that papers, events and search facets
        refer to (its record's slug is the `termCode`); docs/catalogue.md says more.
        """
        catalogue = self.get_parent()
        record = self.record
        return compact(
            {
                "@context": SCHEMA_CONTEXT,
                "@type": "DefinedTerm",
                "name": self.title,
                "description": self.meta_description,
                "url": self.get_full_url(request),
                "inLanguage": page_language(),
                "image": image_url(request, self.share_image),
                "termCode": record.slug,
                "alternateName": [label for label in record.labels if label != self.title],
                "inDefinedTermSet": {
                    "@type": "DefinedTermSet",
                    "name": catalogue.title,
                    "url": catalogue.get_full_url(request),
                },
            }
        )


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
    settings_panels = BasePage.settings_panels + CatalogueEntryPage.source_panels
    api_fields = CatalogueEntryPage.api_fields + [
        APIField("method", serializer=TaxonomyRecordField()),
        APIField("kinds"),
        APIField("themes", serializer=TaxonomyField()),
        APIField("related_items"),
    ]
    parent_page_types = ["catalogue.MethodIndexPage"]
    subpage_types = []
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
    settings_panels = BasePage.settings_panels + CatalogueEntryPage.source_panels
    api_fields = CatalogueEntryPage.api_fields + [
        APIField("theme", serializer=TaxonomyRecordField()),
        APIField("related_items"),
    ]
    parent_page_types = ["catalogue.ThemeIndexPage"]
    subpage_types = []
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


# --- Curated collections ------------------------------------------------------------------
# Named "reading lists" in code: Wagtail's own `Collection` model groups images and documents.


class ReadingListIndexPage(IndexPage):
    """`/<lang>/collections/`: the collections the secretariat curates, in the order of the page tree."""

    subpage_types = ["catalogue.ReadingListPage"]
    template = "catalogue/reading_list_index_page.html"
    listing_name = "collections"

    class Meta:
        verbose_name = _("collections")

    def listing(self):
        return (
            self.listed(ReadingListPage)
            .order_by("path")
            .select_related("cover_image", "locale")
            .prefetch_related("cover_image__renditions")
        )


class ReadingListPage(BasePage):
    """A curated collection: an introduction, a cover image and an ordered list of any pages, each with a note.

    Visitors see only the chosen pages that are live and public, each in the collection's language
    where translated, else in the language it was written in (with a badge); an item whose page is
    deleted goes with it (`on_delete=CASCADE` on the item row; revisions drop it when restored).
    """

    intro = RichTextField(_("introduction"), blank=True, features=SIMPLE_FEATURES)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("cover image"),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("cover_image"),
        InlinePanel("items", label=_("Items"), min_num=1),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]
    api_fields = BasePage.api_fields + [
        APIField("intro"),
        APIField("cover_image"),
        APIField("items"),
    ]
    parent_page_types = ["catalogue.ReadingListIndexPage"]
    subpage_types = []
    template = "catalogue/reading_list_page.html"
    schema_type = "CollectionPage"

    class Meta:
        verbose_name = _("collection")
        verbose_name_plural = _("collections")

    def summary_text(self):
        return " ".join(html.unescape(strip_tags(self.intro.replace("</p>", "</p> "))).split())

    @property
    def share_image(self):
        return super().share_image or self.cover_image

    def shown_items(self):
        """[(item, page)] in the curator's order: each chosen page that is live and public, in this
        collection's language where translated, else as chosen, else in the default language.

        Three queries whatever the number of items: the item rows, the chosen pages' translation
        keys, and every live, public page sharing one. Pages are not made specific (a query per
        page type): a card needs only the title, URL, type and language.
        """
        items = [item for item in self.items.all() if item.item_page_id]
        if not items:
            return []
        keys = dict(
            Page.objects.filter(pk__in=[item.item_page_id for item in items]).values_list("pk", "translation_key")
        )
        candidates = public(Page.objects.live().filter(translation_key__in=set(keys.values()), alias_of__isnull=True))
        candidates = candidates.select_related("locale")
        by_key = {}
        for page in candidates.order_by("pk"):
            by_key.setdefault(page.translation_key, {})[page.locale_id] = page
        default = default_locale()
        shown, seen = [], set()
        for item in items:
            pages = by_key.get(keys.get(item.item_page_id), {})
            as_chosen = next((p for p in pages.values() if p.pk == item.item_page_id), None)
            page = pages.get(self.locale_id) or as_chosen or pages.get(default.pk)
            if page is not None and page.pk not in seen:
                seen.add(page.pk)
                shown.append((item, page))
        return shown

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["shown_items"] = self.shown()
        return context

    def structured_data(self, request):
        """A CollectionPage whose main entity is the ordered ItemList of what it shows."""
        data = web_page_node(self, request, self.schema_type)
        data["mainEntity"] = {
            "@type": "ItemList",
            "itemListOrder": "https://schema.org/ItemListOrderAscending",
            "numberOfItems": len(self.shown()),
            "itemListElement": [
                compact(
                    {
                        "@type": "ListItem",
                        "position": position,
                        "name": page.title,
                        "url": page.get_full_url(request),
                        "description": item.note,
                    }
                )
                for position, (item, page) in enumerate(self.shown(), start=1)
            ],
        }
        return data

    def shown(self):
        """`shown_items()`, read once per page instance (the template and the JSON-LD both use it)."""
        if not hasattr(self, "_shown_items"):
            self._shown_items = self.shown_items()
        return self._shown_items


class ReadingListItem(Orderable):
    """One page of a collection, with the curator's note on why it is there."""

    reading_list = ParentalKey(ReadingListPage, on_delete=models.CASCADE, related_name="items")
    item_page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )
    note = models.CharField(
        _("note"), max_length=300, blank=True, help_text=_("Why this is in the collection, in a sentence or two.")
    )

    panels = [PageChooserPanel("item_page"), FieldPanel("note")]
    api_fields = [APIField("item_page", serializer=LivePageField()), APIField("note")]
