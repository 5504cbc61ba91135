"""Methodology papers and the library that lists them."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from django_countries.fields import CountryField
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField

from hub.base.api_fields import (
    CountryCodesField,
    LivePagesField,
    PersonField,
    SDGField,
    TaxonomyField,
)
from hub.base.blocks import BodyBlock
from hub.base.models import BasePage, FileRoutesMixin, IndexPage
from hub.base.readership import total_downloads
from hub.base.seo import (
    SCHEMA_CONTEXT,
    compact,
    country_node,
    image_url,
    organisation_node,
    person_node,
)
from hub.base.utils import live_public_pages
from members import roles
from resources.permissions import PaperPagePermissionTester

from ..readership import PaperReadershipPanel
from .glossary import EXPLANATION_FEATURES

# 10.<registrant>/<suffix> (DOI Handbook 2.2): a registrant of dot-separated digits, then a suffix
# of any printable characters but no space or control character, which would break a citation file.
validate_doi = RegexValidator(
    r"\A10\.[0-9]+(?:\.[0-9]+)*/[^\s\x00-\x1f\x7f-\x9f]+\Z",
    _("Enter a DOI of the form 10.<registrant>/<suffix>, without spaces, for example 10.5555/12345678."),
    code="invalid_doi",
)

# Languages a paper may be written in: the hub's locales plus those common in the movement.
PAPER_LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("pt", _("Portuguese")),
    ("ar", _("Arabic")),
    ("ru", _("Russian")),
    ("ky", _("Kyrgyz")),
    ("sw", _("Swahili")),
    ("hi", _("Hindi")),
    ("bn", _("Bengali")),
    ("other", _("Other")),
]


# --- Papers ----------------------------------------------------------------------


class PaperIndexPage(IndexPage):
    intro = RichTextField(_("introduction"), blank=True, features=EXPLANATION_FEATURES)

    subpage_types = ["resources.PaperPage"]
    listing_name = "papers"
    per_page = 12

    class Meta:
        verbose_name = _("paper library")

    def listing(self):
        return (
            self.listed(PaperPage)
            .order_by("-publication_date", "title")
            .select_related("locale")
            .prefetch_related("organisations")
        )


class PaperPage(FileRoutesMixin, BasePage):
    DOCUMENT_TYPES = [
        ("methodology", _("Methodology paper")),
        ("case-study", _("Case study")),
        ("learning-plan", _("Learning plan")),
        ("toolkit", _("Toolkit")),
        ("policy-brief", _("Policy brief")),
        ("evaluation", _("Evaluation")),
        ("solution", _("Solution")),
        ("experiment", _("Experiment")),
        ("other", _("Other")),
    ]
    LICENCES = [
        ("cc-by-4.0", "CC BY 4.0"),
        ("cc-by-sa-4.0", "CC BY-SA 4.0"),
        ("cc-by-nc-4.0", "CC BY-NC 4.0"),
        ("cc0", "CC0 1.0"),
        ("all-rights-reserved", _("All rights reserved")),
    ]
    # Described as schema.org Report (BibTeX techreport, RIS RPRT); the others as scholarly articles.
    REPORT_TYPES = {"case-study", "evaluation", "policy-brief", "learning-plan"}
    og_type = "article"
    LICENCE_URLS = {
        "cc-by-4.0": "https://creativecommons.org/licenses/by/4.0/",
        "cc-by-sa-4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
        "cc-by-nc-4.0": "https://creativecommons.org/licenses/by-nc/4.0/",
        "cc0": "https://creativecommons.org/publicdomain/zero/1.0/",
    }

    organisations = ParentalManyToManyField(
        "members.MemberPage", blank=True, related_name="papers", verbose_name=_("publishing organisations")
    )
    publication_date = models.DateField(_("publication date"))
    abstract = models.TextField(_("abstract"))
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    document_type = models.CharField(_("document type"), max_length=20, choices=DOCUMENT_TYPES, default="methodology")
    methods = ParentalManyToManyField("hub.Method", blank=True, verbose_name=_("methods"))
    sdgs = ParentalManyToManyField("hub.SDG", blank=True, verbose_name=_("Sustainable Development Goals"))
    themes = ParentalManyToManyField("hub.Theme", blank=True, verbose_name=_("themes"))
    data_sources = ParentalManyToManyField("hub.DataSource", blank=True, verbose_name=_("data sources"))
    countries = CountryField(_("countries"), multiple=True, blank=True)
    latitude = models.FloatField(
        _("latitude"), null=True, blank=True, validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    longitude = models.FloatField(
        _("longitude"), null=True, blank=True, validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    licence = models.CharField(_("licence"), max_length=24, choices=LICENCES, default="cc-by-4.0")
    doi = models.CharField(
        _("DOI"), max_length=200, blank=True, validators=[validate_doi], help_text=_("For example 10.5555/12345678")
    )
    external_url = models.URLField(_("external link"), blank=True)
    language = models.CharField(_("language of the paper"), max_length=10, choices=PAPER_LANGUAGES, default="en")
    keywords = ClusterTaggableManager(through="hub.PageKeyword", blank=True, verbose_name=_("keywords"))
    private_metadata = models.JSONField(
        _("private metadata"),
        default=dict,
        blank=True,
        help_text=_("Kept for moderators (e.g. imported focal points); never shown on the site or in the API."),
    )

    content_panels = BasePage.content_panels + [
        InlinePanel("authors", label=_("Authors")),
        FieldPanel("organisations"),
        FieldRowPanel([FieldPanel("publication_date"), FieldPanel("document_type"), FieldPanel("language")]),
        FieldPanel("abstract"),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("Attached documents")),
        MultiFieldPanel(
            [
                FieldPanel("methods"),
                FieldPanel("sdgs"),
                FieldPanel("themes"),
                FieldPanel("data_sources"),
                FieldPanel("countries"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("keywords"),
            ],
            heading=_("Taxonomy and place"),
        ),
        MultiFieldPanel(
            [FieldPanel("licence"), FieldPanel("doi"), FieldPanel("external_url")], heading=_("Publication")
        ),
        PaperReadershipPanel(),
    ]
    # Moderators see what an import kept back (focal points, unknown keys); it is never published.
    settings_panels = BasePage.settings_panels + [
        FieldPanel(
            "private_metadata",
            read_only=True,
            heading=_("Private metadata (moderators only)"),
            # Hidden from everyone else in the edit, revision and compare views; read-only, so no form takes it.
            permission=roles.SECRETARIAT_PERMISSION,
        )
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("abstract", boost=2),
        index.SearchField("body"),
        index.FilterField("publication_date"),
        index.FilterField("document_type"),
        index.FilterField("language"),
        index.RelatedFields("authors", [index.RelatedFields("person", [index.SearchField("name")])]),
        index.RelatedFields("methods", [index.SearchField("name")]),
    ]
    # private_metadata is for moderators only and stays out of the API.
    api_fields = BasePage.api_fields + [
        APIField("publication_date"),
        APIField("abstract"),
        APIField("body"),
        APIField("document_type"),
        APIField("organisations", serializer=LivePagesField()),
        APIField("authors"),
        APIField("attachments"),
        APIField("methods", serializer=TaxonomyField()),
        APIField("sdgs", serializer=SDGField()),
        APIField("themes", serializer=TaxonomyField()),
        APIField("data_sources", serializer=TaxonomyField()),
        APIField("countries", serializer=CountryCodesField()),
        APIField("latitude"),
        APIField("longitude"),
        APIField("licence"),
        APIField("doi"),
        APIField("external_url"),
        APIField("language"),
        APIField("keywords"),
    ]

    parent_page_types = ["resources.PaperIndexPage", "members.MemberPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("paper")
        verbose_name_plural = _("papers")

    def permissions_for_user(self, user):
        """Its publishers' editors edit it wherever it lives; deleting and moving follow the tree.

        The rules are in resources/permissions.py."""
        return PaperPagePermissionTester(user, self)

    def save(self, *args, **kwargs):
        # A paper filed under an organisation's page is published by that organisation (the page's
        # editors work for it), so its page and citations name it even if the form left it out.
        parent = self.get_parent() if self.path and self.depth else None
        if parent is not None and parent.specific_class.__name__ == "MemberPage":
            chosen = list(self.organisations.all())
            if all(organisation.translation_key != parent.translation_key for organisation in chosen):
                self.organisations = [parent.specific, *chosen]
        return super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError({"longitude": _("Give both latitude and longitude, or neither.")})

    def summary_text(self):
        return self.abstract

    @property
    def licence_url(self):
        return self.LICENCE_URLS.get(self.licence, "")

    @property
    def doi_url(self):
        return f"https://doi.org/{self.doi}" if self.doi else ""

    @property
    def is_report(self):
        return self.document_type in self.REPORT_TYPES

    @cached_property
    def author_people(self):
        return [author.person for author in self.authors.select_related("person")]

    @cached_property
    def publishers(self):
        """The publishing organisations whose pages are live and public."""
        return list(live_public_pages(self.organisations).order_by("title"))

    def structured_data(self, request):
        doi = {"@type": "PropertyValue", "propertyID": "DOI", "value": self.doi, "url": self.doi_url}
        return compact(
            {
                "@context": SCHEMA_CONTEXT,
                "@type": "Report" if self.is_report else "ScholarlyArticle",
                "headline": self.title[:110],
                "name": self.title,
                "url": self.get_full_url(request),
                "abstract": self.abstract,
                "description": self.meta_description,
                "image": image_url(request, self.share_image),
                "datePublished": self.publication_date.isoformat(),
                "inLanguage": self.language if self.language != "other" else None,
                "author": [person_node(person) for person in self.author_people],
                "publisher": [organisation_node(organisation, request) for organisation in self.publishers],
                "license": self.licence_url,
                "identifier": doi if self.doi else None,
                "sameAs": [url for url in (self.doi_url, self.external_url) if url],
                "spatialCoverage": [country_node(country) for country in self.countries],
                "isAccessibleForFree": True,
            }
        )

    # "Cite this": BibTeX, RIS and CSL-JSON, at <paper url>cite.bib, cite.ris and cite.json.
    @path("cite.bib/", name="cite_bibtex")
    def cite_bibtex(self, request):
        from resources.citations import bibtex_response

        return bibtex_response(self, request)

    @path("cite.ris/", name="cite_ris")
    def cite_ris(self, request):
        from resources.citations import ris_response

        return ris_response(self, request)

    @path("cite.json/", name="cite_csl_json")
    def cite_csl_json(self, request):
        from resources.citations import csl_json_response

        return csl_json_response(self, request)

    def get_context(self, request, *args, **kwargs):
        from resources.citations import citation_meta_tags, citation_text

        context = super().get_context(request, *args, **kwargs)
        context["citation"] = citation_text(self, request)
        context["attachments"] = attachments = list(self.attachments.select_related("document"))
        # "Downloaded N times": one query, and none for a paper without documents.
        context["downloads"] = total_downloads([a.document_id for a in attachments]) if attachments else 0
        context["citation_meta"] = citation_meta_tags(self, request, attachments)
        context["citation_files"] = [
            (_("BibTeX (.bib)"), self.file_url("cite_bibtex", request)),
            (_("RIS (.ris)"), self.file_url("cite_ris", request)),
            (_("CSL-JSON (.json)"), self.file_url("cite_csl_json", request)),
        ]
        return context


class PaperAuthor(Orderable):
    page = ParentalKey(PaperPage, on_delete=models.CASCADE, related_name="authors")
    person = models.ForeignKey("members.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("person"))

    panels = [FieldPanel("person")]
    api_fields = [APIField("person", serializer=PersonField())]

    def __str__(self):
        return str(self.person)


class PaperAttachment(Orderable):
    page = ParentalKey(PaperPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+", verbose_name=_("document")
    )
    title = models.CharField(_("link text"), max_length=200, blank=True, help_text=_("Defaults to the document title"))

    panels = [FieldPanel("document"), FieldPanel("title")]
    api_fields = [APIField("document"), APIField("title")]

    @property
    def label(self):
        return self.title or self.document.title
