"""The read-only JSON API (Wagtail API v2) at /api/v2/: pages, images and documents.

Pages are the live, public pages of the site in every locale (Wagtail's base queryset);
each page type shows only the fields listed in its `api_fields`.
"""

from django.core.exceptions import ValidationError
from django.db import DatabaseError

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet


class BadInputMixin:
    """A filter value the field cannot hold (?start=soon, ?latitude=north) is the client's error: 400, not 500."""

    def filter_queryset(self, queryset):
        try:
            return super().filter_queryset(queryset)
        except (ValidationError, ValueError, TypeError, OverflowError) as error:
            raise BadRequestError(f"filter error: {error}") from error


class HubPagesAPIViewSet(BadInputMixin, PagesAPIViewSet):
    def listing_view(self, request):
        try:
            return super().listing_view(request)
        except DatabaseError as error:
            # SQLite's full-text engine rejects some queries (an unbalanced quote); the engine is fine.
            if "search" not in request.GET:
                raise
            raise BadRequestError("search error: the query could not be understood") from error


class HubImagesAPIViewSet(BadInputMixin, ImagesAPIViewSet):
    pass


class HubDocumentsAPIViewSet(BadInputMixin, DocumentsAPIViewSet):
    pass


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", HubPagesAPIViewSet)
api_router.register_endpoint("images", HubImagesAPIViewSet)
api_router.register_endpoint("documents", HubDocumentsAPIViewSet)
