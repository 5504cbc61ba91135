from django.template.response import TemplateResponse

from wagtail.models import Locale, Page

from hub.utils import paginate


def search(request):
    """Full-text search across the hub (faceted search replaces this in the search issue)."""
    query = request.GET.get("q", "").strip()[:200]
    results = Page.objects.none()
    if query:
        results = Page.objects.live().public().filter(locale=Locale.get_active()).search(query)
    return TemplateResponse(
        request, "search/search.html", {"query": query, "results": paginate(request, results, per_page=10)}
    )
