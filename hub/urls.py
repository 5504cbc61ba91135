import functools

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.templatetags.static import static as static_url
from django.urls import include, path, re_path
from django.utils.functional import lazy
from django.views.generic import RedirectView, TemplateView

from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.utils.urlpatterns import decorate_urlpatterns

from events import views as event_views
from events.feeds import EventsAtomFeed, EventsFeed
from hub.catalogue.feeds import CollectionsAtomFeed, CollectionsFeed
from resources.feeds import PapersAtomFeed, PapersFeed

from .api import api_router
from .sitemaps import LocalisedSitemap


class _NoLanguagePrefixes:
    """An empty URLconf: LocaleMiddleware finds no i18n_patterns in it, so it leaves a 404 alone."""

    urlpatterns = []


def keep_not_found(view):
    """Let a machine-read URL answer 404 itself.

    LocaleMiddleware turns a 404 at an unprefixed URL into a redirect to /<language>/<path>
    whenever that path resolves, and Wagtail's catch-all page pattern resolves nearly every
    path: an API client or calendar app would get a redirect to an HTML page instead.
    """

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        finally:
            request.urlconf = _NoLanguagePrefixes

    return wrapped


machine_urlpatterns = decorate_urlpatterns(
    [
        path("api/v2/", api_router.urls),
        path("sitemap.xml", sitemap, {"sitemaps": {"pages": LocalisedSitemap}}, name="sitemap"),
        # Browsers and crawlers ask for /favicon.ico whatever the page links: send them to the icon.
        path(
            "favicon.ico",
            RedirectView.as_view(url=lazy(static_url, str)("img/favicon.svg"), permanent=True),
            name="favicon",
        ),
        path("robots.txt", TemplateView.as_view(template_name="robots.txt", content_type="text/plain"), name="robots"),
        path("oai/", include("resources.oai")),
        path("events/feed.ics", event_views.events_calendar, name="events_ical"),
        path("events/chapters/<slug:slug>/feed.ics", event_views.chapter_calendar, name="chapter_ical"),
    ],
    keep_not_found,
)

urlpatterns = [
    # Before the admin: the onboarding password-set link is opened by a user who cannot log in yet.
    path("admin/welcome/", include("members.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    *machine_urlpatterns,
]

urlpatterns += i18n_patterns(
    path("search/", include("search.urls")),
    path("map/", include("hub.map.urls")),
    path("subscriptions/", include("hub.subscriptions.urls")),
    path("join/", include("hub.joining.urls")),
    path("feeds/papers.rss", PapersFeed(), name="papers_rss"),
    path("feeds/papers.atom", PapersAtomFeed(), name="papers_atom"),
    path("feeds/events.rss", EventsFeed(), name="events_rss"),
    path("feeds/events.atom", EventsAtomFeed(), name="events_atom"),
    path("feeds/collections.rss", CollectionsFeed(), name="collections_rss"),
    path("feeds/collections.atom", CollectionsAtomFeed(), name="collections_atom"),
    # File-like sub-routes of pages (<paper url>cite.bib, <event url>event.ics): Wagtail's own
    # pattern allows no dot in a path, so send these to its serve view here (see FileRoutesMixin).
    re_path(r"^((?:[\w\-]+/)+(?:cite\.bib|cite\.ris|cite\.json|event\.ics))$", wagtail_views.serve, name="page_file"),
    re_path(r"^((?:[\w\-]+/)+skos\.(?:ttl|jsonld))$", wagtail_views.serve, name="glossary_file"),
    path("", include(wagtail_urls)),
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# A static page, no database needed: 503 when the database is unreachable, else 500 (hub/errors.py).
handler500 = "hub.errors.server_error"
