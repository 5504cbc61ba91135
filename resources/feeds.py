"""RSS and Atom feeds of papers for the active language (/en/feeds/papers.rss, /fr/feeds/papers.atom, ...).

A feed lists what the paper library of that language lists: each paper in the language
where translated, else in its source language.
"""

import datetime

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from hub.base.i18n import in_locale_or_source
from hub.base.memo import active_locale, public

from .models import PaperIndexPage, PaperPage

FEED_LENGTH = 30


class PapersFeed(Feed):
    title = _("CLD Hub: papers")
    description = _("New methodology papers, case studies and toolkits from members of the movement.")

    def get_object(self, request):
        return active_locale()

    def link(self, locale):
        library = public(PaperIndexPage.objects.live()).filter(locale=locale).first()
        return library.get_full_url() if library else "/"

    def items(self, locale):
        return (
            in_locale_or_source(public(PaperPage.objects.live()), locale)
            .order_by("-publication_date", "-pk")
            .prefetch_related("authors__person", "themes")[:FEED_LENGTH]
        )

    def item_title(self, paper):
        return paper.title

    def item_description(self, paper):
        return paper.abstract

    def item_link(self, paper):
        return paper.get_full_url()

    def item_pubdate(self, paper):
        return datetime.datetime.combine(paper.publication_date, datetime.time.min, tzinfo=datetime.UTC)

    def item_updateddate(self, paper):
        return paper.last_published_at

    def item_author_name(self, paper):
        return ", ".join(author.person.name for author in paper.authors.all()) or None

    def item_categories(self, paper):
        return [theme.name for theme in paper.themes.all()]


class PapersAtomFeed(PapersFeed):
    feed_type = Atom1Feed
    subtitle = PapersFeed.description
