from django.core.paginator import Paginator

from hub.base.memo import public


def paginate(request, object_list, per_page=20, param="page"):
    """The requested page of a list; bad or out-of-range numbers give the nearest valid page."""
    return Paginator(object_list, per_page).get_page(request.GET.get(param))


def live_public_pages(relation):
    """The live, public pages of a page relation (many-to-many or child objects).

    In a preview the relation is held in memory (a modelcluster FakeQuerySet, without
    .live()), so the database decides which of its pages are live and public.
    """
    pages = relation.all()
    if hasattr(pages, "live"):
        return public(pages.live())
    return public(pages.model.objects.filter(pk__in=[page.pk for page in pages]).live())
