"""Small query functions other floors (the home page) use to gather member content."""

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr

from wagtail.models import PageViewRestriction

from hub.base.i18n import in_locale_or_source
from hub.base.memo import public

from .models import ChapterPage, MemberPage


def chapters(locale):
    return in_locale_or_source(public(ChapterPage.objects.live()), locale).order_by("title")


def members(locale):
    return in_locale_or_source(public(MemberPage.objects.live()), locale).order_by("title")


def live_public_q(prefix=""):
    """Q for a page (at `prefix`, e.g. "organisation__") that is live and in no private section.

    In the same query: Wagtail's `.public()` first reads every view restriction in a query of its own,
    and the pages that name organisations have their query counts asserted.
    """
    restricted_above = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef(f"{prefix}path"), 1, Length("page__path"))
    )
    return Q(**{f"{prefix}live": True}) & ~Exists(restricted_above)
