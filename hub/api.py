"""The read-only JSON API (Wagtail API v2) at /api/v2/: pages, images and documents.

Pages are the live, public pages of the site in every locale (Wagtail's base queryset);
each page type shows only the fields listed in its `api_fields`. Documents are those that a live,
public page uses (an attachment, a link in its text), found through Wagtail's reference index;
an upload no public page uses yet is neither listed nor shown (`public_documents`).
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import DatabaseError, models
from django.db.models import Exists, OuterRef
from django.db.models.functions import Cast, Length, Substr

from wagtail.api.v2.filters import FieldsFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError, parse_boolean
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents import get_document_model
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page, PageViewRestriction, ReferenceIndex

from taggit.managers import TaggableManager

# Every integer the database holds fits in 64 bits; a larger one overflows the driver (a 500).
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
# Wagtail's own parameters that take a page id or a count ("root" and the like stay Wagtail's to judge).
INTEGER_PARAMETERS = ("offset", "limit", "child_of", "ancestor_of", "descendant_of", "translation_of")


def check_integer(name, value):
    """`value` as an int within 64 bits, or a 400 naming the parameter."""
    try:
        number = int(value)
    except ValueError as error:
        raise BadRequestError(f"{name}: '{value}' is not a whole number") from error
    if not INT64_MIN <= number <= INT64_MAX:
        raise BadRequestError(f"{name}: {value} is out of range")
    return number


def _integer_column(field):
    """Whether filtering on `field` compares integers: an integer field, or a relation to an integer key."""
    while field is not None and field.is_relation:
        field = field.target_field if field.many_to_one or field.one_to_one else field.related_model._meta.pk
    return isinstance(field, (models.IntegerField, models.AutoField))


def filter_by_tags(queryset, field, tags):
    """Items carrying every one of `tags`. A page's keywords are looked up in their own table by
    the page's id: Wagtail's `keywords__name` join names `<page subclass table>.id`, which does
    not exist (the subclass's key is page_ptr_id), an OperationalError on SQLite."""
    owner = field.through._meta.get_field("content_object")
    for tag in tags:
        if isinstance(owner, models.ForeignKey):
            tagged = field.through.objects.filter(tag__name=tag).values(owner.attname)
            queryset = queryset.filter(pk__in=tagged)
        else:  # a generic relation (image tags) joins correctly
            queryset = queryset.filter(**{f"{field.name}__name": tag})
    queryset._filtered_by_tag = True  # Wagtail then refuses ?search= together with a tag filter
    return queryset


class HubFieldsFilter(FieldsFilter):
    """Wagtail's ?<field>=<value> filter, with each value checked before it reaches the database.

    Integers (ids, counts, foreign keys, many-to-many) must fit in 64 bits; tags go through
    `filter_by_tags`.
    """

    def filter_queryset(self, request, queryset, view):
        fields = set(view.get_available_fields(queryset.model, db_fields_only=True)) - {"locale"}
        for name, value in request.GET.items():
            if name not in fields:
                continue
            if "\x00" in value:
                raise BadRequestError(f"field filter error. null characters are not allowed for {name}")
            try:
                field = queryset.model._meta.get_field(name)
            except FieldDoesNotExist:
                field = None
            if isinstance(field, TaggableManager):
                queryset = filter_by_tags(queryset, field, value.split(","))
                continue
            if isinstance(field, models.BooleanField):
                try:
                    value = parse_boolean(value)
                except ValueError as error:
                    raise BadRequestError(f"field filter error. '{value}' is not a valid value for {name}") from error
            elif _integer_column(field):
                value = check_integer(name, value)
            queryset = queryset.filter(**{name: value})
        return queryset


def _with_hub_filters(backends):
    return [HubFieldsFilter if backend is FieldsFilter else backend for backend in backends]


class BadInputMixin:
    """A filter value the field cannot hold (?start=soon, ?latitude=north) is the client's error: 400, not 500."""

    def check_query_parameters(self, queryset):
        super().check_query_parameters(queryset)
        for name in INTEGER_PARAMETERS:
            value = self.request.GET.get(name, "")
            if value.strip().lstrip("+-").isdigit():
                check_integer(name, value)

    def filter_queryset(self, queryset):
        try:
            return super().filter_queryset(queryset)
        except (ValidationError, ValueError, TypeError, OverflowError) as error:
            raise BadRequestError(f"filter error: {error}") from error


class HubPagesAPIViewSet(BadInputMixin, PagesAPIViewSet):
    filter_backends = _with_hub_filters(PagesAPIViewSet.filter_backends)

    def listing_view(self, request):
        try:
            return super().listing_view(request)
        except DatabaseError as error:
            # SQLite's full-text engine rejects some queries (an unbalanced quote); the engine is fine.
            if "search" not in request.GET:
                raise
            raise BadRequestError("search error: the query could not be understood") from error


class HubImagesAPIViewSet(BadInputMixin, ImagesAPIViewSet):
    filter_backends = _with_hub_filters(ImagesAPIViewSet.filter_backends)


def public_documents(documents):
    """The `documents` that at least one live, public page references, as one query.

    A page is public when no view restriction sits on it or an ancestor: a restricted page's path
    is a prefix of the page's path (treebeard). Wagtail's `.public()` reads the restrictions in
    a query of its own; here they are a subquery, so the listing stays one query.
    """
    restricted = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path")),
    )
    public_pages = (
        Page.objects.live()
        .filter(~Exists(restricted))
        .annotate(key=Cast("pk", output_field=models.CharField()))
        .values("key")
    )
    used = ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=public_pages,
        to_content_type=ContentType.objects.get_for_model(get_document_model()),
    ).values("to_object_id")
    return documents.annotate(hub_reference_key=Cast("pk", output_field=models.CharField())).filter(
        hub_reference_key__in=used
    )


class HubDocumentsAPIViewSet(BadInputMixin, DocumentsAPIViewSet):
    filter_backends = _with_hub_filters(DocumentsAPIViewSet.filter_backends)

    def get_queryset(self):
        # The detail view looks the id up in this queryset too, so an unused document is a 404.
        return public_documents(super().get_queryset())


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", HubPagesAPIViewSet)
api_router.register_endpoint("images", HubImagesAPIViewSet)
api_router.register_endpoint("documents", HubDocumentsAPIViewSet)
