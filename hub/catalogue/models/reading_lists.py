"""Curated collections, named "reading lists" in code: Wagtail's own `Collection` model groups images and documents."""

import html

from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from modelcluster.fields import ParentalKey
from rest_framework.fields import Field

from hub.base.api_fields import LivePageField, page_summary
from hub.base.memo import default_locale, public
from hub.base.models import BasePage, IndexPage
from hub.base.rich_text import SIMPLE_FEATURES
from hub.base.seo import compact, web_page_node


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


class ShownItemsField(Field):
    """A collection's items as its page shows them (`shown_items`): a page that is not live and public
    is left out with its note, which may say more than the page's absence does."""

    def to_representation(self, page):
        request = self.context.get("request")
        return [{"item_page": page_summary(shown, request), "note": item.note} for item, shown in page.shown()]


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
        APIField("items", serializer=ShownItemsField(source="*")),
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
