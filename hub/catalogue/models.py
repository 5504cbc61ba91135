"""Methods and themes as pages: the catalogue that gives every method and theme a page of its own.

A `MethodPage` or `ThemePage` *owns* one record of the shared taxonomy (`hub.Method`,
`hub.Theme`): papers, events, search facets and filters keep pointing at the record, and the
record's page is found from it by translation key and locale (`page_for`), so a translated page
may point at the source-language record. What uses a method or theme (papers, events, members,
glossary terms) is shown by the app that owns it, through the `hub_page_sections` hook.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from modelcluster.fields import ParentalKey, ParentalManyToManyField

from hub.base.api_fields import TaxonomyField
from hub.base.i18n import in_locale_or_source
from hub.base.memo import page_locale, public
from hub.base.models import BasePage, IndexPage
from hub.base.rich_text import ENTRY_FEATURES


class MethodKind(models.Model):
    """What an open methods archive calls an element: a method, a tool, a tactic, a principle, a skill.

    A fixed list (rows made by a data migration); the label is translated in code.
    """

    LABELS = {
        "method": _("Method"),
        "tool": _("Tool"),
        "tactic": _("Tactic"),
        "principle": _("Principle"),
        "skill": _("Skill"),
    }

    slug = models.SlugField(_("slug"), max_length=20, primary_key=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("kind of method")
        verbose_name_plural = _("kinds of method")

    def __str__(self):
        return str(self.LABELS.get(self.slug, self.slug))


class CatalogueIndexPage(IndexPage):
    """`/<lang>/methods/` or `/<lang>/themes/`: every entry with its summary and number of papers."""

    entry_model = None
    listing_name = "entries"

    class Meta:
        abstract = True

    def listing(self):
        return self.listed(self.entry_model).order_by("title").select_related(self.entry_model.record_field)

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
    source_panels = [
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
    schema_type = "DefinedTerm"

    class Meta:
        abstract = True

    @property
    def record(self):
        return getattr(self, self.record_field)

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


class MethodIndexPage(CatalogueIndexPage):
    subpage_types = ["catalogue.MethodPage"]
    template = "catalogue/method_index_page.html"

    class Meta:
        verbose_name = _("methods catalogue")

    @property
    def entry_model(self):
        return MethodPage


class MethodPage(CatalogueEntryPage):
    record_field = "method"

    method = models.ForeignKey(
        "hub.Method",
        on_delete=models.PROTECT,
        related_name="pages",
        verbose_name=_("method"),
        help_text=_("The method of the shared vocabulary that papers, events and search filters use."),
    )
    kinds = ParentalManyToManyField(MethodKind, blank=True, verbose_name=_("kinds"))
    themes = ParentalManyToManyField(
        "hub.Theme",
        blank=True,
        related_name="+",
        verbose_name=_("themes"),
        help_text=_("The themes this method serves: the catalogue of methods can be filtered by them."),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("method"),
        FieldPanel("kinds"),
        FieldPanel("themes"),
        *CatalogueEntryPage.entry_panels,
        InlinePanel("related_items", label=_("Related methods")),
    ]
    settings_panels = BasePage.settings_panels + CatalogueEntryPage.source_panels
    api_fields = CatalogueEntryPage.api_fields + [APIField("kinds"), APIField("themes", serializer=TaxonomyField())]
    parent_page_types = ["catalogue.MethodIndexPage"]
    subpage_types = []
    template = "catalogue/method_page.html"

    class Meta:
        verbose_name = _("method page")
        verbose_name_plural = _("method pages")


class MethodPageRelated(Orderable):
    page = ParentalKey(MethodPage, on_delete=models.CASCADE, related_name="related_items")
    related_page = models.ForeignKey(
        "catalogue.MethodPage", on_delete=models.CASCADE, related_name="+", verbose_name=_("method")
    )

    panels = [PageChooserPanel("related_page", page_type="catalogue.MethodPage")]


class ThemeIndexPage(CatalogueIndexPage):
    subpage_types = ["catalogue.ThemePage"]
    template = "catalogue/theme_index_page.html"

    class Meta:
        verbose_name = _("themes catalogue")

    @property
    def entry_model(self):
        return ThemePage


class ThemePage(CatalogueEntryPage):
    record_field = "theme"

    theme = models.ForeignKey(
        "hub.Theme",
        on_delete=models.PROTECT,
        related_name="pages",
        verbose_name=_("theme"),
        help_text=_("The theme of the shared vocabulary that papers, events and search filters use."),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("theme"),
        *CatalogueEntryPage.entry_panels,
        InlinePanel("related_items", label=_("Related themes")),
    ]
    settings_panels = BasePage.settings_panels + CatalogueEntryPage.source_panels
    parent_page_types = ["catalogue.ThemeIndexPage"]
    subpage_types = []
    template = "catalogue/theme_page.html"

    class Meta:
        verbose_name = _("theme page")
        verbose_name_plural = _("theme pages")


class ThemePageRelated(Orderable):
    page = ParentalKey(ThemePage, on_delete=models.CASCADE, related_name="related_items")
    related_page = models.ForeignKey(
        "catalogue.ThemePage", on_delete=models.CASCADE, related_name="+", verbose_name=_("theme")
    )

    panels = [PageChooserPanel("related_page", page_type="catalogue.ThemePage")]
