"""RSS and Atom feeds of curated collections for the active language (/en/feeds/collections.rss, ...).

A feed lists what the collections page of that language lists: each collection in the language
where translated, else in its source language, newest first.
"""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from hub.base.i18n import in_locale_or_source
from hub.base.memo import active_locale, public

from .models import ReadingListIndexPage, ReadingListPage

FEED_LENGTH = 30


class CollectionsFeed(Feed):
    title = _("CLD Hub: collections")
    description = _("Curated collections of papers, methods, terms and events, with a note on each.")

    def get_object(self, request):
        return active_locale()

    def link(self, locale):
        index = public(ReadingListIndexPage.objects.live()).filter(locale=locale).first()
        return index.get_full_url() if index else "/"

    def items(self, locale):
        collections = in_locale_or_source(public(ReadingListPage.objects.live()), locale)
        return collections.order_by("-first_published_at", "-pk")[:FEED_LENGTH]

    def item_title(self, collection):
        return collection.title

    def item_description(self, collection):
        return collection.summary_text()

    def item_link(self, collection):
        return collection.get_full_url()

    def item_pubdate(self, collection):
        return collection.first_published_at

    def item_updateddate(self, collection):
        return collection.last_published_at


class CollectionsAtomFeed(CollectionsFeed):
    feed_type = Atom1Feed
    subtitle = CollectionsFeed.description
