"""Small query functions other floors (home, member pages) use to gather papers."""

from django.db.models import Q

from hub.base.i18n import in_locale_or_source
from hub.base.memo import page_locale, public

from .models import PaperPage


def _papers(locale):
    return in_locale_or_source(public(PaperPage.objects.live()), locale).order_by("-publication_date", "title")


def featured_papers(home, limit=3):
    """The home page's chosen papers (in the visitor's language where translated), else the newest."""
    chosen = [item.featured_page for item in home.featured_items.select_related("featured_page")]
    if chosen:
        keys = [page.translation_key for page in chosen]
        by_key = {paper.translation_key: paper for paper in _papers(page_locale(home)).filter(translation_key__in=keys)}
        return [by_key[key] for key in keys if key in by_key]
    return list(_papers(page_locale(home)).select_related("locale")[:limit])


def papers_by_organisation(member, limit=6):
    papers = _papers(page_locale(member)).filter(organisations__translation_key=member.translation_key)
    return papers.select_related("locale")[:limit]


def located_papers(locale):
    """Papers with a place: a country or coordinates (for the map)."""
    return _papers(locale).filter(~Q(countries="") | Q(latitude__isnull=False, longitude__isnull=False))
