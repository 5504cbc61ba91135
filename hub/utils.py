from django.core.paginator import Paginator


def paginate(request, object_list, per_page=20, param="page"):
    """The requested page of a list; bad or out-of-range numbers give the nearest valid page."""
    return Paginator(object_list, per_page).get_page(request.GET.get(param))
