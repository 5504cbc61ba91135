"""The catalogue listings: entries with their usage counts, the theme and kind filters, the A-Z.

A filter value that names nothing (`?theme=nope`) is the visitor's mistake: the page says so and
answers 400, listing nothing, rather than silently showing everything.
"""

import string

from django.utils.text import slugify
from django.utils.translation import gettext as _

from hub.base.i18n import in_locale_or_source
from hub.base.memo import page_locale, public
from hub.base.models import Theme
from hub.catalogue.usage import usages_for

LETTERS = [*string.ascii_uppercase, "#"]


def initial(title):
    """The A-Z letter an entry files under; accents fold to their base letter."""
    folded = slugify(title)[:1].upper()
    return folded if folded in string.ascii_uppercase else "#"


def _one(request, name):
    """The single value of a filter parameter, or "" (a repeated parameter is an error)."""
    values = request.GET.getlist(name)
    if len(values) > 1:
        raise ValueError(_("Give “%(name)s” once only.") % {"name": name})
    return (values[0] if values else "").strip()[:120]


def theme_filter_choices(entries_model, locale):
    """[(slug, name)] of the themes given to at least one live public method page, in `locale`."""
    keys = public(entries_model.objects.live()).values("themes__translation_key")
    chosen = {}
    for record in Theme.objects.filter(translation_key__in=keys).order_by("pk"):
        # The theme's name in the catalogue's language where it has one, else its source name.
        if record.translation_key not in chosen or record.locale_id == locale.pk:
            chosen[record.translation_key] = (record.slug, record.name)
    return sorted(chosen.values(), key=lambda choice: choice[1].lower())


def catalogue_context(index, request):
    """The context of a catalogue index: entries (each with `usage_texts`), letters, groups, filters."""
    from hub.catalogue.models import MethodKind, MethodPage

    model = index.entry_model
    locale = page_locale(index)
    entries = in_locale_or_source(public(model.objects.live()), locale).select_related(model.record_field, "locale")
    context = {"filter_error": "", "theme_choices": [], "kind_choices": [], "chosen": {}}
    try:
        if model is MethodPage:
            context["kind_choices"] = [(slug, str(label)) for slug, label in MethodKind.LABELS.items()]
            context["theme_choices"] = theme_filter_choices(model, locale)
            theme, kind = _one(request, "theme"), _one(request, "kind")
            if theme:
                keys = Theme.objects.filter(slug=theme).values("translation_key")
                if not keys.exists():
                    raise ValueError(_("There is no theme “%(value)s”.") % {"value": theme})
                entries = entries.filter(themes__translation_key__in=keys)
            if kind:
                if kind not in MethodKind.LABELS:
                    raise ValueError(_("There is no kind of method “%(value)s”.") % {"value": kind})
                entries = entries.filter(kinds__slug=kind)
            context["chosen"] = {"theme": theme, "kind": kind}
            entries = entries.prefetch_related("kinds")
    except ValueError as error:
        context["filter_error"] = str(error)
        entries = model.objects.none()
    entries = list(entries.distinct().order_by("title"))
    usages = usages_for(model.record_model(), locale) if entries else []
    for entry in entries:
        key = entry.record.translation_key
        entry.usage_texts = [usage.text(usage.counts.get(key, 0)) for usage in usages]
    groups = {letter: [] for letter in LETTERS}
    for entry in entries:
        groups[initial(entry.title)].append(entry)
    context["entries"] = entries
    context["letters"] = [(letter, bool(groups[letter])) for letter in LETTERS]
    context["groups"] = [(letter, items) for letter, items in groups.items() if items]
    return context
