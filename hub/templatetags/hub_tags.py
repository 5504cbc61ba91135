from django import template
from django.utils.translation import get_language, get_language_info

from wagtail.models import Locale, Page, Site

register = template.Library()


def _locale_home(request):
    """The home page of the active locale (or the site root when it has no translation)."""
    cache = getattr(request, "_hub_home", None)
    if cache is None:
        site = Site.find_for_request(request)
        root = site.root_page if site else None
        home = root
        if root is not None:
            home = root.get_translation_or_none(Locale.get_active()) or root
        request._hub_home = cache = home
    return cache


@register.simple_tag(takes_context=True)
def locale_home(context):
    request = context.get("request")
    return _locale_home(request) if request else None


@register.inclusion_tag("components/main_nav.html", takes_context=True)
def main_nav(context):
    request = context.get("request")
    home = _locale_home(request) if request else None
    items = home.get_children().live().public().in_menu().specific(defer=True) if home else []
    current = context.get("page")
    return {"home": home, "items": items, "current_path": getattr(current, "path", ""), "request": request}


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    ancestors = page.get_ancestors().filter(depth__gt=1).live() if page and page.depth > 2 else Page.objects.none()
    return {"ancestors": ancestors, "page": page, "request": context.get("request")}


@register.inclusion_tag("components/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to the same page in each language where a translation exists, else that language's home."""
    from django.conf import settings

    request = context.get("request")
    page = context.get("page")
    current = get_language()
    translations = {}
    if isinstance(page, Page):
        # Alias pages hold the source text, so they are not translations (wagtail-localize#463).
        for translation in page.get_translations(inclusive=True).live().filter(alias_of__isnull=True).select_related(
            "locale"
        ):
            translations[translation.locale.language_code] = translation
    home = _locale_home(request) if request else None
    homes = {}
    if home is not None:
        for translation in home.get_translations(inclusive=True).live().filter(alias_of__isnull=True).select_related(
            "locale"
        ):
            homes[translation.locale.language_code] = translation
    links = []
    for code, _name in settings.LANGUAGES:
        target = translations.get(code) or homes.get(code)
        info = get_language_info(code)
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": target.get_url(request) if target else f"/{code}/",
                "current": code == current,
                "exists": code in translations,
            }
        )
    return {"links": links}


@register.filter
def country_names(countries):
    """'Colombia, Peru' from a django-countries multiple field."""
    return ", ".join(str(country.name) for country in countries or [])


@register.filter
def language_dir(code):
    try:
        return "rtl" if get_language_info(code)["bidi"] else "ltr"
    except KeyError:
        return "ltr"
