"""Small query functions other floors (the home page) use to gather member content."""

from .models import ChapterPage


def chapters(locale):
    return ChapterPage.objects.live().public().filter(locale=locale).order_by("title")
