from django import template
from django.conf import settings
from django.utils import translation
from django.utils.translation import get_language, get_language_info, gettext

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


def _translations(request, page):
    """{language code: live page} for the page's real translations, else each locale's home.

    Computed once per request and shared by the language switcher and the hreflang links.
    Alias pages hold the source text, so they are not translations (wagtail-localize#463).
    """
    cache = getattr(request, "_hub_translations", None) if request else None
    if cache is not None and cache[0] is page:
        return cache[1], cache[2]
    pages = {}
    if isinstance(page, Page):
        for translation in (
            page.get_translations(inclusive=True).live().filter(alias_of__isnull=True).select_related("locale")
        ):
            pages[translation.locale.language_code] = translation
    homes = {}
    home = _locale_home(request) if request else None
    if home is not None:
        for translation in (
            home.get_translations(inclusive=True).live().filter(alias_of__isnull=True).select_related("locale")
        ):
            homes[translation.locale.language_code] = translation
    if request is not None:
        request._hub_translations = (page, pages, homes)
    return pages, homes


@register.inclusion_tag("components/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to the same page in each language where a translation exists, else that language's home."""
    request = context.get("request")
    translations, homes = _translations(request, context.get("page"))
    current = get_language()
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


@register.inclusion_tag("components/hreflang.html", takes_context=True)
def hreflang_links(context):
    """<link rel="alternate" hreflang> for every real translation of the page, plus x-default."""
    request = context.get("request")
    page = context.get("page")
    if not isinstance(page, Page) or request is None:
        return {"links": []}
    translations, _homes = _translations(request, page)
    links = [(code, translation.get_full_url(request)) for code, translation in sorted(translations.items())]
    default = translations.get(settings.LANGUAGE_CODE)
    if default is not None:
        links.append(("x-default", default.get_full_url(request)))
    return {"links": links}


@register.inclusion_tag("components/untranslated_notice.html", takes_context=True)
def untranslated_notice(context):
    """Tell visitors of another language that this page has not been translated for them yet.

    An alias page (wagtail-localize's placeholder in a synchronised tree) says so in the current
    language. Other pages carry one hidden notice per missing language, each written in that
    language; js/untranslated.js shows the one for the language the visitor came from (a page of
    another locale of this site) or reads in, so the HTML stays the same for every visitor and caches.
    """
    request = context.get("request")
    page = context.get("page")
    if not isinstance(page, Page) or request is None:
        return {"notices": []}
    translations, homes = _translations(request, page)
    source = page.alias_of if page.alias_of_id else page
    source_name = get_language_info(source.locale.language_code)["name_local"]
    notices = []
    current = get_language()
    for code, _name in settings.LANGUAGES:
        if code in translations or code == source.locale.language_code:
            continue
        if code == current and not page.alias_of_id:
            continue
        home = homes.get(code)
        with translation.override(code):
            notices.append(
                {
                    "code": code,
                    "hidden": code != current,
                    "text": gettext(
                        "This page is not available in this language yet; it is shown in its original language: "
                        "%(source)s."
                    )
                    % {"source": source_name},
                    "home_label": gettext("Go to the home page in this language"),
                    "home_url": home.get_url(request) if home else f"/{code}/",
                }
            )
    return {"notices": notices}


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
