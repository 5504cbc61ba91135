"""/sitemap.xml: every live, public page of the site in every locale, with its translations.

Alias pages (wagtail-localize keeps one in each locale for every page not yet translated)
repeat their source's text, so they are left out; their canonical link names the source.
Each URL lists its real translations as `xhtml:link rel="alternate" hreflang` entries, plus
`x-default` for the default language's version, as search engines recommend.
"""

from collections import defaultdict

from django.conf import settings
from django.db.models import Q

from wagtail.contrib.sitemaps import Sitemap

from hub.base.memo import public


class LocalisedSitemap(Sitemap):
    """Wagtail's sitemap covers the site root's tree only; each locale's home page roots a tree of its own."""

    def items(self):
        from wagtail.models import Page

        root = self.get_wagtail_site().root_page
        roots = root.get_translations(inclusive=True)
        in_a_tree = Q()
        for tree_root in roots:
            in_a_tree |= Q(path__startswith=tree_root.path)
        pages = public(Page.objects.filter(in_a_tree, alias_of__isnull=True).live())
        return pages.order_by("path").defer_streamfields().select_related("locale").specific()

    def _urls(self, page, protocol, domain):
        """Wagtail's URL entries, each with the alternates of its translation group.

        Every translation of a page is an item of this sitemap, and one sitemap page holds up to
        50,000 URLs, so the groups are built from the same items without another query.
        """
        pages = list(self.paginator.page(page).object_list)
        urls, groups = [], defaultdict(list)
        last_mods = set()
        for item in pages:
            for url_info in item.get_sitemap_urls(self.request):
                url_info = {**url_info, "item": item}
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
                groups[item.translation_key].append((item.locale.language_code, url_info["location"]))
        for url_info in urls:
            group = groups[url_info["item"].translation_key]
            if len(group) < 2:
                continue
            alternates = [{"lang_code": code, "location": location} for code, location in sorted(group)]
            default = dict(group).get(settings.LANGUAGE_CODE)
            if default:
                alternates.append({"lang_code": "x-default", "location": default})
            url_info["alternates"] = alternates
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls
