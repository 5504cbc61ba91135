"""The shared-vocabulary glossary: its index, terms, in-house variants and sources."""

from urllib.parse import urlencode

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import path
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.queryset import FakeQuerySet

from hub.base.api_fields import (
    LivePageField,
    LivePagesField,
    TaxonomyField,
)
from hub.base.i18n import in_locale_or_source
from hub.base.memo import page_locale, public
from hub.base.models import BasePage, FileRoutesMixin, IndexPage
from hub.base.rich_text import EXPLANATION_FEATURES
from hub.base.seo import (
    SCHEMA_CONTEXT,
    compact,
    page_language,
    web_page_node,
)
from members.models import MemberPage
from members.queries import live_public_q

# --- Glossary -------------------------------------------------------------------


class GlossaryIndexPage(FileRoutesMixin, IndexPage):
    intro = RichTextField(_("introduction"), blank=True, features=EXPLANATION_FEATURES)

    subpage_types = ["resources.GlossaryTermPage"]

    # Up to this many terms the glossary is one page with an A-Z jump bar; above it, one page
    # per letter (?letter=B), so a large glossary stays light on a slow mobile connection.
    ONE_PAGE_MAX_TERMS = 200

    class Meta:
        verbose_name = _("glossary")

    @cached_property
    def terms(self):
        return list(
            self.listed(GlossaryTermPage)
            .order_by("title")
            .select_related("locale")
            .only("id", "title", "url_path", "path", "depth", "short_definition", "locale__language_code")
        )

    def structured_data(self, request):
        data = web_page_node(self, request, "DefinedTermSet")
        data["hasDefinedTerm"] = [
            {
                "@type": "DefinedTerm",
                "name": term.title,
                "description": term.short_definition,
                "url": term.get_full_url(request),
            }
            for term in getattr(self, "shown_terms", self.terms)
        ]
        return data

    def get_context(self, request, *args, **kwargs):
        from resources.glossary import group_by_letter

        context = super().get_context(request, *args, **kwargs)
        groups = group_by_letter(self.terms)
        context["letters"] = [(letter, bool(items)) for letter, items in groups]
        context["groups"] = [(letter, items) for letter, items in groups if items]
        context["by_letter"] = len(self.terms) > self.ONE_PAGE_MAX_TERMS
        if context["by_letter"]:
            requested = request.GET.get("letter")
            known = dict(groups)
            if requested is not None and requested not in known:
                raise Http404(_("There is no letter “%(letter)s” in the glossary.") % {"letter": requested[:10]})
            first = next((letter for letter, items in context["groups"]), None)
            current = requested or first
            context["current_letter"] = current
            context["groups"] = [(current, known.get(current, []))]
            self.shown_terms = known.get(current, [])
            if requested and requested != first:
                context["canonical_url"] = f"{self.get_full_url(request)}?{urlencode({'letter': requested})}"
        return context

    # Crosswalk, SKOS vocabulary and stable concept URIs: views in resources/glossary_views.py.
    @path("crosswalk/", name="crosswalk")
    def crosswalk(self, request):
        from resources.glossary_views import crosswalk

        return crosswalk(self, request)

    @path("skos.ttl/", name="skos_turtle")
    def skos_turtle(self, request):
        from resources.glossary_views import skos_turtle

        return skos_turtle(self, request)

    @path("skos.jsonld/", name="skos_jsonld")
    def skos_jsonld(self, request):
        from resources.glossary_views import skos_jsonld

        return skos_jsonld(self, request)

    @path("concept/<uuid:key>/", name="concept")
    def concept(self, request, key):
        from resources.glossary_views import concept

        return concept(self, request, key)


class GlossaryTermPage(BasePage):
    short_definition = models.CharField(_("short definition"), max_length=300)
    explanation = RichTextField(_("explanation"), blank=True, features=EXPLANATION_FEATURES)
    related_terms = ParentalManyToManyField(
        "self", blank=True, symmetrical=False, related_name="+", verbose_name=_("related terms")
    )
    themes = ParentalManyToManyField("hub.Theme", blank=True, verbose_name=_("themes"))
    keywords = ClusterTaggableManager(through="hub.PageKeyword", blank=True, verbose_name=_("keywords"))

    content_panels = BasePage.content_panels + [
        FieldPanel("short_definition"),
        FieldPanel("explanation"),
        InlinePanel("variants", label=_("In-house variants"), heading=_("How members say it")),
        FieldPanel("related_terms"),
        InlinePanel("sources", label=_("Sources")),
        MultiFieldPanel([FieldPanel("themes"), FieldPanel("keywords")], heading=_("Taxonomy")),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("short_definition"),
        index.SearchField("explanation"),
        index.RelatedFields("variants", [index.SearchField("label", boost=3), index.AutocompleteField("label")]),
    ]
    api_fields = BasePage.api_fields + [
        APIField("short_definition"),
        APIField("explanation"),
        APIField("related_terms", serializer=LivePagesField()),
        APIField("themes", serializer=TaxonomyField()),
        APIField("keywords"),
        APIField("variants"),
        APIField("sources"),
    ]

    parent_page_types = ["resources.GlossaryIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")

    def summary_text(self):
        return self.short_definition

    def variant_labels(self):
        """The in-house labels members use for this term, in editor order."""
        return [variant.label for variant in self.variants.all()]

    @cached_property
    def variant_list(self):
        """The variants to show: those of organisations whose page is not live and public are left
        out (naming them would reveal them, and their link would be a 404)."""
        variants = self.variants.all()
        if isinstance(variants, FakeQuerySet):  # a preview: the rows are in memory, not in the database
            shown = set(
                MemberPage.objects.filter(live_public_q(), pk__in=[v.organisation_id for v in variants]).values_list(
                    "pk", flat=True
                )
            )
            return [v for v in variants if v.organisation_id is None or v.organisation_id in shown]
        return list(
            variants.filter(Q(organisation__isnull=True) | live_public_q("organisation__")).select_related(
                "organisation"
            )
        )

    def structured_data(self, request):
        """A DefinedTerm within the DefinedTermSet that is its glossary."""
        glossary = self.get_parent()
        return compact(
            {
                "@context": SCHEMA_CONTEXT,
                "@type": "DefinedTerm",
                "name": self.title,
                "description": self.short_definition,
                "url": self.get_full_url(request),
                "inLanguage": page_language(),
                "alternateName": sorted({variant.label for variant in self.variant_list}),
                "inDefinedTermSet": {
                    "@type": "DefinedTermSet",
                    "name": glossary.title,
                    "url": glossary.get_full_url(request),
                },
            }
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["variants"] = self.variant_list
        # Related terms were chosen on the source page: show each in this page's language where translated.
        keys = self.related_terms.values("translation_key")
        context["related"] = in_locale_or_source(
            public(GlossaryTermPage.objects.live()).filter(translation_key__in=keys), page_locale(self)
        ).order_by("title")
        return context


class GlossaryVariant(Orderable):
    """A label a member organisation uses in-house for a shared term."""

    page = ParentalKey(GlossaryTermPage, on_delete=models.CASCADE, related_name="variants")
    label = models.CharField(_("label"), max_length=200)
    organisation = models.ForeignKey(
        "members.MemberPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="glossary_variants",
        verbose_name=_("organisation using it"),
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, default="en")

    panels = [FieldRowPanel([FieldPanel("label"), FieldPanel("organisation"), FieldPanel("language")])]
    api_fields = [APIField("label"), APIField("organisation", serializer=LivePageField()), APIField("language")]

    def __str__(self):
        return self.label


class GlossarySource(Orderable):
    page = ParentalKey(GlossaryTermPage, on_delete=models.CASCADE, related_name="sources")
    label = models.CharField(_("source"), max_length=300)
    url = models.URLField(_("link"), blank=True)

    panels = [FieldPanel("label"), FieldPanel("url")]
    api_fields = [APIField("label"), APIField("url")]

    def __str__(self):
        return self.label
