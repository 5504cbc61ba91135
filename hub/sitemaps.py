"""/sitemap.xml: every live, public page of the site in every locale.

Alias pages (wagtail-localize keeps one in each locale for every page not yet translated)
repeat their source's text, so they are left out; their canonical link names the source.
"""

from django.db.models import Q

from wagtail.contrib.sitemaps import Sitemap


class LocalisedSitemap(Sitemap):
    """Wagtail's sitemap covers the site root's tree only; each locale's home page roots a tree of its own."""

    def items(self):
        from wagtail.models import Page

        root = self.get_wagtail_site().root_page
        roots = root.get_translations(inclusive=True)
        in_a_tree = Q()
        for tree_root in roots:
            in_a_tree |= Q(path__startswith=tree_root.path)
        pages = Page.objects.filter(in_a_tree, alias_of__isnull=True).live().public()
        return pages.order_by("path").defer_streamfields().specific()
