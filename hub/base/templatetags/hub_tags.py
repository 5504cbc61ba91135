from django import template
from django.conf import settings
from django.db.models import Q
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info, gettext, override

from wagtail.models import Page, Site

from hub.base.memo import active_locale, locale_by_id, restricted_pages
from hub.base.sections import sections_for
from hub.base.text_filters import filter_text

register = template.Library()


def _translation_sets(request, page):
    """(home, pages, homes), from one query per request for the live translations of the site
    root and of the page shown, the page's live ancestors below the root (the breadcrumbs) and the
    live pages in menus one level below the root and its translations (the main navigation).

    home: the home page of the active locale, else the site root; pages and homes:
    {language code: page} of the page's and the home's real translations. Alias pages hold
    the source text, so they are not translations (wagtail-localize#463).
    """
    cache = getattr(request, "_hub_translations", None)
    if cache is not None and cache[0] is page:
        return cache[1:4]
    site = Site.find_for_request(request)
    root = site.root_page if site else None
    keys = {p.translation_key for p in (root, page) if isinstance(p, Page)}
    # The breadcrumbs' ancestors (depth 2 up to the parent), as page.get_ancestors() would find them.
    paths = [page.path[: Page.steplen * depth] for depth in range(2, page.depth)] if isinstance(page, Page) else []
    wanted = Q(translation_key__in=keys) | Q(path__in=paths)
    if root is not None:
        wanted |= Q(depth=root.depth + 1, show_in_menus=True)
    rows = list(Page.objects.filter(wanted).live().select_related("locale")) if keys else []
    ancestors = sorted((p for p in rows if p.path in paths and p.pk != page.pk), key=lambda p: p.path)
    home = root
    menu = []
    if root is not None:
        active = active_locale()
        home = next((p for p in rows if p.translation_key == root.translation_key and p.locale_id == active.pk), root)
        menu = sorted(
            (
                p
                for p in rows
                if p.show_in_menus and p.depth == home.depth + 1 and p.path.startswith(home.path) and not _private(p)
            ),
            key=lambda p: p.path,
        )
    real = [p for p in rows if p.alias_of_id is None]
    pages = {
        p.locale.language_code: p for p in real if isinstance(page, Page) and p.translation_key == page.translation_key
    }
    homes = {p.locale.language_code: p for p in real if root is not None and p.translation_key == root.translation_key}
    request._hub_translations = (page, home, pages, homes, ancestors, menu)
    return home, pages, homes


def _private(page):
    """Whether `page` is in a restricted section, as `public()` would filter it out."""
    return any(page.path.startswith(path) and page.depth >= depth for path, depth in restricted_pages())


def _locale_home(context):
    request = context.get("request")
    return _translation_sets(request, context.get("page"))[0] if request else None


@register.simple_tag(takes_context=True)
def locale_home(context):
    return _locale_home(context)


@register.inclusion_tag("components/main_nav.html", takes_context=True)
def main_nav(context):
    request = context.get("request")
    home = _locale_home(context)
    # Read with the page's translations and breadcrumbs (_translation_sets): no query of its own.
    items = request._hub_translations[5] if home else []
    current = context.get("page")
    return {"home": home, "items": items, "current_path": getattr(current, "path", ""), "request": request}


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    request = context.get("request")
    if not page or page.depth <= 2:
        ancestors = Page.objects.none()
    elif request is not None and isinstance(page, Page):
        _translation_sets(request, page)  # reads the ancestors with the page's translations
        ancestors = request._hub_translations[4]
    else:
        ancestors = page.get_ancestors().filter(depth__gt=1).live()
    return {"ancestors": ancestors, "page": page, "request": request}


@register.inclusion_tag("components/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to the same page in each language where a translation exists, else that language's home."""
    request = context.get("request")
    _home, translations, homes = _translation_sets(request, context.get("page"))
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
    _home, translations, _homes = _translation_sets(request, page)
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
    _home, translations, homes = _translation_sets(request, page)
    source = page.alias_of if page.alias_of_id else page
    source_code = locale_by_id(source.locale_id).language_code
    source_name = get_language_info(source_code)["name_local"]
    notices = []
    current = get_language()
    for code, _name in settings.LANGUAGES:
        if code in translations or code == source_code:
            continue
        if code == current and not page.alias_of_id:
            continue
        home = homes.get(code)
        with override(code):
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


@register.simple_tag(takes_context=True)
def page_sections(context, page, region="main"):
    """The sections other apps contribute to `page` (hub/base/sections.py), each rendered by its own template."""
    html = []
    for section in sections_for(page, context.get("request"), region):
        template = context.template.engine.get_template(section.template)
        with context.push(section=section, **section.context):
            html.append(template.render(context))
    # Each part is a rendered template, autoescaped by it.
    return mark_safe("".join(html))  # noqa: S308


class PageTextNode(template.Node):
    def __init__(self, nodelist, page):
        self.nodelist = nodelist
        self.page = page

    def render(self, context):
        page = self.page.resolve(context) if self.page else None
        return filter_text(self.nodelist.render(context), page, context)


@register.tag
def page_text(parser, token):
    """{% page_text page %}…rendered rich text…{% endpage_text %}: the text after other apps' filters
    (hub/base/text_filters.py), such as the glossary's term links."""
    bits = token.split_contents()
    if len(bits) > 2:
        raise template.TemplateSyntaxError("page_text takes at most one argument, the page")
    nodelist = parser.parse(("endpage_text",))
    parser.delete_first_token()
    return PageTextNode(nodelist, parser.compile_filter(bits[1]) if len(bits) == 2 else None)
