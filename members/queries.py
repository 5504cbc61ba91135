"""Small query functions other floors (the home page) use to gather member content."""

from hub.base.i18n import in_locale_or_source

from .models import ChapterPage, MemberPage


def chapters(locale):
    return in_locale_or_source(ChapterPage.objects.live().public(), locale).order_by("title")


def members(locale):
    return in_locale_or_source(MemberPage.objects.live().public(), locale).order_by("title")
