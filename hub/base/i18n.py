"""Which pages a visitor of one locale sees in listings.

A page translated into the visitor's locale shows in that language; a page nobody has
translated yet shows in its source language (with a language badge in templates). Alias
pages that wagtail-localize keeps in synchronised trees hold source-language text, so they
never count as translations (wagtail-localize#463).
"""

from django.db.models import Q

from wagtail.models import Page, TranslatableMixin

from modelcluster.fields import ParentalManyToManyField

from hub.base.memo import default_locale


def real_translations(queryset):
    return queryset.filter(alias_of__isnull=True)


def in_locale_or_source(queryset, locale):
    """Pages of `queryset` in `locale`, plus default-locale pages with no real translation there."""
    default = default_locale()
    if locale.pk == default.pk:
        return real_translations(queryset.filter(locale=locale))
    translated_keys = real_translations(queryset.model.objects.filter(locale=locale)).values("translation_key")
    return real_translations(queryset).filter(
        Q(locale=locale) | (Q(locale=default) & ~Q(translation_key__in=translated_keys))
    )


def localise_choices(instance):
    """Point the instance's translatable snippet choices (themes, SDGs, ...) at its own locale.

    wagtail-localize copies many-to-many choices from the source page as they are, so a French
    translation would list English themes; each choice with a translation in the page's locale
    is swapped for it. Choices of pages (organisations) stay as chosen.
    """
    if not instance.locale_id:
        return
    for field in instance._meta.get_fields():
        model = getattr(field, "related_model", None)
        if not isinstance(field, ParentalManyToManyField) or not issubclass(model, TranslatableMixin):
            continue
        if issubclass(model, Page):
            continue
        chosen = list(getattr(instance, field.name).all())
        foreign = {obj.translation_key for obj in chosen if obj.locale_id != instance.locale_id}
        if not foreign:
            continue
        own = {
            obj.translation_key: obj
            for obj in model.objects.filter(locale_id=instance.locale_id, translation_key__in=foreign)
        }
        if own:
            setattr(instance, field.name, [own.get(obj.translation_key, obj) for obj in chosen])
