"""What the methods and the themes catalogues share: an index page and an entry page that owns one taxonomy record."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.search import index

from hub.base.i18n import in_locale_or_source
from hub.base.memo import page_locale, public
from hub.base.models import BasePage, IndexPage
from hub.base.rich_text import ENTRY_FEATURES
from hub.base.seo import SCHEMA_CONTEXT, compact, image_url, page_language, web_page_node

from ..panels import SourcePanel


class CatalogueIndexPage(IndexPage):
    """`/<lang>/methods/` or `/<lang>/themes/`: every entry with its summary and number of papers."""

    entry_model = None
    listing_name = "entries"

    class Meta:
        abstract = True

    def listing(self):
        return self.listed(self.entry_model).order_by("title").select_related(self.entry_model.record_field)

    def structured_data(self, request):
        """The catalogue as a schema.org DefinedTermSet of its entries (as the glossary is)."""
        data = web_page_node(self, request, "DefinedTermSet")
        data["hasDefinedTerm"] = [
            compact(
                {
                    "@type": "DefinedTerm",
                    "name": entry.title,
                    "description": entry.summary_text(),
                    "url": entry.get_full_url(request),
                    "termCode": entry.record.slug,
                }
            )
            for entry in self.listing()
        ]
        return data

    def get_context(self, request, *args, **kwargs):
        from hub.catalogue.listing import catalogue_context

        context = super().get_context(request, *args, **kwargs)
        context.update(catalogue_context(self, request))
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        # A filter naming no theme or kind: the page explains, with a 400 (hub/catalogue/listing.py).
        if (getattr(response, "context_data", None) or {}).get("filter_error"):
            response.status_code = 400
        return response


class CatalogueEntryPage(BasePage):
    """A page that owns one taxonomy record and says what it is, when to use it, how it runs."""

    record_field = None  # "method" or "theme"

    summary = models.CharField(
        _("one-line summary"), max_length=255, blank=True, help_text=_("Shown in the catalogue and in search results.")
    )
    what_it_is = RichTextField(_("what it is"), blank=True, features=ENTRY_FEATURES)
    when_to_use = RichTextField(_("when to use it, and when not"), blank=True, features=ENTRY_FEATURES)
    steps = RichTextField(_("steps"), blank=True, features=ENTRY_FEATURES)
    needs = RichTextField(_("what it needs"), blank=True, features=ENTRY_FEATURES)
    needs_time = models.CharField(_("time"), max_length=120, blank=True, help_text=_("For example: two days"))
    needs_people = models.CharField(_("people"), max_length=120, blank=True)
    needs_skills = models.CharField(_("skills"), max_length=255, blank=True)
    needs_cost = models.CharField(_("cost"), max_length=120, blank=True)
    strengths_limits = RichTextField(_("strengths and limits"), blank=True, features=ENTRY_FEATURES)
    examples = RichTextField(_("examples"), blank=True, features=ENTRY_FEATURES)
    licence_note = models.CharField(
        _("licence note"), max_length=500, blank=True, help_text=_("Where the text comes from and under which licence.")
    )
    # Where an imported entry came from (resources' method importer); empty for pages written here.
    source_key = models.CharField(_("source key"), max_length=255, blank=True, db_index=True)
    source_url = models.URLField(_("source"), max_length=500, blank=True)

    entry_panels = [
        SourcePanel(heading=_("Source"), classname="help-block help-info"),
        FieldPanel("summary"),
        FieldPanel("what_it_is"),
        FieldPanel("when_to_use"),
        FieldPanel("steps"),
        MultiFieldPanel(
            [
                FieldPanel("needs"),
                FieldRowPanel([FieldPanel("needs_time"), FieldPanel("needs_people")]),
                FieldRowPanel([FieldPanel("needs_skills"), FieldPanel("needs_cost")]),
            ],
            heading=_("What it needs"),
        ),
        FieldPanel("strengths_limits"),
        FieldPanel("examples"),
        FieldPanel("licence_note"),
    ]
    settings_panels = BasePage.settings_panels + [
        MultiFieldPanel([FieldPanel("source_key", read_only=True), FieldPanel("source_url")], heading=_("Source"))
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("what_it_is"),
        index.SearchField("when_to_use"),
        index.SearchField("steps"),
    ]
    api_fields = BasePage.api_fields + [
        APIField("summary"),
        APIField("what_it_is"),
        APIField("when_to_use"),
        APIField("steps"),
        APIField("needs"),
        APIField("needs_time"),
        APIField("needs_people"),
        APIField("needs_skills"),
        APIField("needs_cost"),
        APIField("strengths_limits"),
        APIField("examples"),
        APIField("licence_note"),
    ]
    subpage_types = []
    schema_type = "DefinedTerm"

    class Meta:
        abstract = True

    @property
    def record(self):
        return getattr(self, self.record_field)

    @property
    def follow_topic(self):
        """What the follow form on this page subscribes to (hub/subscriptions): its taxonomy record."""
        return (self.record_field, self.record)

    @cached_property
    def record_versions(self):
        """The page's record and its translations (one query); the record itself is taken from them."""
        field = self.record_field
        model = self.record_model()
        own_key = model.objects.filter(pk=getattr(self, f"{field}_id")).values("translation_key")
        versions = list(model.objects.filter(translation_key__in=own_key))
        for version in versions:
            if version.pk == getattr(self, f"{field}_id"):
                setattr(self, field, version)
        return versions

    def get_context(self, request, *args, **kwargs):
        self.record_versions  # noqa: B018 - reads the record once for every section that names it
        return super().get_context(request, *args, **kwargs)

    @classmethod
    def record_model(cls):
        """hub.Method or hub.Theme: the taxonomy model this page type owns records of."""
        return cls._meta.get_field(cls.record_field).related_model

    def summary_text(self):
        return self.summary or (self.record.description if self.record else "")

    def clean(self):
        super().clean()
        record = getattr(self, f"{self.record_field}_id", None) and self.record
        if record is None:
            return
        clash = (
            type(self)
            .objects.filter(
                **{f"{self.record_field}__translation_key": record.translation_key}, locale_id=self.locale_id
            )
            .exclude(pk=self.pk)
        )
        if self.locale_id and clash.exists():
            raise ValidationError(
                {self.record_field: _("Another page in this language already describes %(name)s.") % {"name": record}}
            )

    @classmethod
    def page_for(cls, record, locale=None):
        """The live, public page of `record` in `locale` (else in its source language), or None."""
        pages = public(cls.objects.live()).filter(**{f"{cls.record_field}__translation_key": record.translation_key})
        if locale is None:
            return pages.order_by("pk").first()
        return in_locale_or_source(pages, locale).first()

    def related_entries(self):
        """The other live entries this page links to, in its language or their source language."""
        return in_locale_or_source(
            public(type(self).objects.live()).filter(pk__in=self.related_items.values("related_page")),
            page_locale(self),
        ).order_by("title")

    def structured_data(self, request):
        """A schema.org DefinedTerm of the shared vocabulary, in the DefinedTermSet of its catalogue.

        Not a LearningResource: the page is first the entry that papers, events and search facets
        refer to (its record's slug is the `termCode`); docs/catalogue.md says more.
        """
        catalogue = self.get_parent()
        record = self.record
        return compact(
            {
                "@context": SCHEMA_CONTEXT,
                "@type": "DefinedTerm",
                "name": self.title,
                "description": self.meta_description,
                "url": self.get_full_url(request),
                "inLanguage": page_language(),
                "image": image_url(request, self.share_image),
                "termCode": record.slug,
                "alternateName": [label for label in record.labels if label != self.title],
                "inDefinedTermSet": {
                    "@type": "DefinedTermSet",
                    "name": catalogue.title,
                    "url": catalogue.get_full_url(request),
                },
            }
        )
