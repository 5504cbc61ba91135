"""Small query functions other floors (the home page) use to gather member content."""

from hub.base.i18n import in_locale_or_source
from hub.base.memo import public

from .models import ChapterPage, MemberPage


def chapters(locale):
    return in_locale_or_source(public(ChapterPage.objects.live()), locale).order_by("title")


def members(locale):
    return in_locale_or_source(public(MemberPage.objects.live()), locale).order_by("title")
