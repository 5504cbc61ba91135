"""Small query functions other floors (home, member pages) use to gather papers."""

from .models import PaperPage


def _papers(locale):
    return PaperPage.objects.live().public().filter(locale=locale).order_by("-publication_date", "title")


def featured_papers(home, limit=3):
    """The home page's chosen papers, else the newest."""
    chosen_ids = [item.featured_page_id for item in home.featured_items.all()]
    if chosen_ids:
        by_id = {paper.pk: paper for paper in _papers(home.locale).filter(pk__in=chosen_ids)}
        return [by_id[pk] for pk in chosen_ids if pk in by_id]
    return list(_papers(home.locale)[:limit])


def papers_by_organisation(member, limit=6):
    return _papers(member.locale).filter(organisations=member)[:limit]
