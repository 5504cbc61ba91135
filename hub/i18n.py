"""Which pages a visitor of one locale sees in listings.

A page translated into the visitor's locale shows in that language; a page nobody has
translated yet shows in its source language (with a language badge in templates). Alias
pages that wagtail-localize keeps in synchronised trees hold source-language text, so they
never count as translations (wagtail-localize#463).
"""

from django.db.models import Q

from wagtail.models import Locale


def real_translations(queryset):
    return queryset.filter(alias_of__isnull=True)


def in_locale_or_source(queryset, locale):
    """Pages of `queryset` in `locale`, plus default-locale pages with no real translation there."""
    default = Locale.get_default()
    if locale.pk == default.pk:
        return real_translations(queryset.filter(locale=locale))
    translated_keys = real_translations(queryset.model.objects.filter(locale=locale)).values("translation_key")
    return real_translations(queryset).filter(
        Q(locale=locale) | (Q(locale=default) & ~Q(translation_key__in=translated_keys))
    )
