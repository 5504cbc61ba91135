"""One denormalised search document per live, public content page.

Wagtail's `.facet()` only counts top-level FilterFields of the searched model, so
facets that exist on one page type cannot be counted in a `Page`-level search.
A `SearchDocument` carries every facet of every type; `search/DESIGN.md` explains.
"""

from django.db import models

from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

# The facets with few values (tens, a few hundred countries), counted together on the engine.
PAIRED_FACETS = ("type", "theme", "method", "sdg", "country", "year", "lang")


class SearchDocumentQuerySet(SearchableQuerySetMixin, models.QuerySet):
    pass


class SearchDocument(index.Indexed, models.Model):
    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    type = models.CharField(max_length=10, db_index=True)
    title = models.CharField(max_length=255)
    url = models.CharField(max_length=500)
    summary = models.TextField(blank=True)
    text = models.TextField(blank=True)
    variants = models.TextField(blank=True, help_text="In-house labels of a glossary term, one per line.")
    variant_owners = models.JSONField(default=list, blank=True, help_text="[label, organisation name] pairs.")
    date = models.DateTimeField(null=True, db_index=True)
    countries = models.CharField(max_length=400, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SearchDocumentQuerySet.as_manager()

    # Indexed explicitly by search.documents once its facet rows exist, not on every save.
    search_auto_update = False

    search_fields = [
        index.SearchField("title", boost=4),
        index.AutocompleteField("title"),
        index.SearchField("variants", boost=3),
        index.AutocompleteField("variants"),
        index.SearchField("summary", boost=2),
        index.SearchField("text"),
        index.FilterField("locale"),
        index.FilterField("type"),
        index.FilterField("date"),
        # Multi-valued facets for the search engine: keyword arrays that its aggregations count.
        index.FilterField("facet_theme"),
        index.FilterField("facet_method"),
        index.FilterField("facet_sdg"),
        index.FilterField("facet_country"),
        index.FilterField("facet_year"),
        index.FilterField("facet_lang"),
        index.FilterField("facet_member"),
        # The same values of every facet but the member one, as "facet:value": the engine counts
        # them with one aggregation instead of seven (search/engine/searchengine.py).
        index.FilterField("facet_pairs"),
    ]

    class Meta:
        indexes = [models.Index(fields=["locale", "type"])]

    def __str__(self):
        return self.title

    @classmethod
    def get_indexed_objects(cls):
        return super().get_indexed_objects().prefetch_related("facets")

    def _values(self, facet):
        cache = getattr(self, "_facet_cache", None)
        if cache is None:
            cache = {}
            for row in self.facets.all():
                cache.setdefault(row.facet, []).append(row.value)
            self._facet_cache = cache
        return cache.get(facet, [])

    def facet_theme(self):
        return self._values("theme")

    def facet_method(self):
        return self._values("method")

    def facet_sdg(self):
        return self._values("sdg")

    def facet_country(self):
        return self._values("country")

    def facet_year(self):
        return self._values("year")

    def facet_lang(self):
        return self._values("lang")

    def facet_member(self):
        return self._values("member")

    def facet_pairs(self):
        pairs = [f"type:{self.type}"]
        for facet in PAIRED_FACETS[1:]:
            pairs += [f"{facet}:{value}" for value in self._values(facet)]
        return pairs

    @property
    def country_codes(self):
        return [code for code in self.countries.split(",") if code]


class SearchFacet(models.Model):
    """One facet value of a document, so the database counts values with GROUP BY."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="facets")
    facet = models.CharField(max_length=10)
    value = models.CharField(max_length=120)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["document", "facet", "value"], name="unique_document_facet")]
        # Covering index for the facet counts: read in (facet, value) order with the document at
        # hand, so counting needs no temporary B-tree and no lookup of the table rows.
        indexes = [models.Index(fields=["facet", "value", "document"], name="search_facet_value_document")]

    def __str__(self):
        return f"{self.facet}={self.value}"
