"""Member organisations, the people who work with them, and country chapters."""

from django.db import models
from django.db.models import Q, prefetch_related_objects
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from django_countries.fields import CountryField
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField

from hub.base.api_fields import CountryCodeField, CountryCodesField, LivePagesField, PeopleField, TaxonomyField
from hub.base.i18n import in_locale_or_source
from hub.base.memo import page_locale, public
from hub.base.models import BasePage, IndexPage
from hub.base.rich_text import EXPLANATION_FEATURES, SIMPLE_FEATURES
from hub.base.seo import SCHEMA_CONTEXT, compact, country_node, image_url, movement_node
from members import roles
from members.forms import GroupPageForm
from members.permissions import GroupPagePermissionTester


class Person(index.Indexed, models.Model):
    """An author, speaker or chapter lead. Not a page: people have no URL of their own."""

    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        "members.MemberPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
        verbose_name=_("organisation"),
    )
    orcid = models.CharField(_("ORCID iD"), max_length=19, blank=True, help_text=_("For example 0000-0002-1825-0097"))

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("organisation"), FieldPanel("orcid")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.name


register_snippet(Person)


class MemberIndexPage(IndexPage):
    subpage_types = ["members.MemberPage"]
    listing_name = "members"
    per_page = 24

    class Meta:
        verbose_name = _("member index")

    def listing(self):
        return self.listed(MemberPage).order_by("title").select_related("logo", "locale")


class MemberPage(BasePage):
    short_name = models.CharField(_("short name"), max_length=40, blank=True, help_text=_("Acronym, if any"))
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
    )
    summary = models.TextField(_("summary"), max_length=600)
    website = models.URLField(_("website"), blank=True)
    headquarters = CountryField(_("headquarters country"), blank=True)
    countries = CountryField(_("countries of operation"), multiple=True, blank=True)
    sectors = ParentalManyToManyField("hub.Sector", blank=True, verbose_name=_("sectors"))
    year_joined = models.PositiveSmallIntegerField(_("year joined the movement"), null=True, blank=True)
    commitment = RichTextField(
        _("public commitment to community-led development"),
        features=SIMPLE_FEATURES,
        help_text=_("Membership criterion: the organisation's public commitment to community-led development."),
    )
    commitment_url = models.URLField(_("where the commitment is published"), blank=True)
    themes = ParentalManyToManyField("hub.Theme", blank=True, verbose_name=_("themes"))
    keywords = ClusterTaggableManager(through="hub.PageKeyword", blank=True, verbose_name=_("keywords"))
    contact_email = models.EmailField(
        _("contact e-mail"), blank=True, help_text=_("For the secretariat only; never shown on the site.")
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("short_name"),
        FieldPanel("logo"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("commitment"), FieldPanel("commitment_url")],
            heading=_("Commitment to community-led development"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("headquarters"),
                FieldPanel("countries"),
                FieldPanel("sectors"),
                FieldPanel("themes"),
                FieldPanel("keywords"),
                FieldPanel("year_joined"),
            ],
            heading=_("Where and how we work"),
        ),
        MultiFieldPanel(
            [FieldPanel("website"), FieldPanel("contact_email"), InlinePanel("social_links", label=_("Social links"))],
            heading=_("Contact"),
        ),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("short_name", boost=2),
        index.AutocompleteField("short_name"),
        index.SearchField("summary"),
        index.SearchField("commitment"),
        index.FilterField("headquarters"),
        index.FilterField("year_joined"),
        index.RelatedFields("themes", [index.SearchField("name")]),
    ]
    # contact_email is for the secretariat only and stays out of the API.
    api_fields = BasePage.api_fields + [
        APIField("short_name"),
        APIField("summary"),
        APIField("logo"),
        APIField("website"),
        APIField("headquarters", serializer=CountryCodeField()),
        APIField("countries", serializer=CountryCodesField()),
        APIField("year_joined"),
        APIField("commitment"),
        APIField("commitment_url"),
        APIField("themes", serializer=TaxonomyField()),
        APIField("sectors", serializer=TaxonomyField()),
        APIField("keywords"),
        APIField("social_links"),
    ]

    parent_page_types = ["members.MemberIndexPage"]
    subpage_types = ["resources.PaperPage"]

    class Meta:
        verbose_name = _("member organisation")
        verbose_name_plural = _("member organisations")
        permissions = [("onboard_memberpage", _("Can onboard member organisations and chapters"))]

    base_form_class = GroupPageForm

    def permissions_for_user(self, user):
        """Only the secretariat deletes, moves, unpublishes or restricts the page (members/permissions.py)."""
        return GroupPagePermissionTester(user, self)

    def summary_text(self):
        return self.summary

    def structured_data(self, request):
        same_as = [self.website, *(link.url for link in self.social_links.all())]
        headquarters = self.headquarters.code if self.headquarters else None
        return compact(
            {
                "@context": SCHEMA_CONTEXT,
                "@type": "Organization",
                "name": self.title,
                "alternateName": self.short_name,
                "url": self.get_full_url(request),
                "description": self.summary,
                "logo": image_url(request, self.logo) if self.logo_id else None,
                "sameAs": [url for url in same_as if url],
                "address": {"@type": "PostalAddress", "addressCountry": headquarters} if headquarters else None,
                "areaServed": [country_node(country) for country in self.countries],
                "knowsAbout": [theme.name for theme in self.themes.all()],
                "memberOf": movement_node(),
            }
        )

    def get_context(self, request, *args, **kwargs):
        if not getattr(request, "is_preview", False):
            # The page and its JSON-LD both list these: one query each (a preview holds them in memory).
            prefetch_related_objects([self], "themes", "sectors", "social_links")
        context = super().get_context(request, *args, **kwargs)
        context["chapters_led"] = public(ChapterPage.objects.live()).filter(lead_organisations=self).order_by("title")
        return context


class MemberSocialLink(Orderable):
    PLATFORMS = [
        ("linkedin", "LinkedIn"),
        ("x", "X"),
        ("facebook", "Facebook"),
        ("youtube", "YouTube"),
        ("instagram", "Instagram"),
        ("mastodon", "Mastodon"),
        ("other", _("Other")),
    ]
    page = ParentalKey(MemberPage, on_delete=models.CASCADE, related_name="social_links")
    platform = models.CharField(_("platform"), max_length=20, choices=PLATFORMS)
    url = models.URLField(_("address"))

    panels = [FieldRowPanel([FieldPanel("platform"), FieldPanel("url")])]
    api_fields = [APIField("platform"), APIField("url")]


class ChapterIndexPage(IndexPage):
    subpage_types = ["members.ChapterPage"]
    listing_name = "chapters"

    class Meta:
        verbose_name = _("chapter index")

    def listing(self):
        return self.listed(ChapterPage).order_by("title").select_related("locale")


CHAPTER_MEMBERS_HOOK = "hub_chapter_members"


class ChapterPage(BasePage):
    STATUS_FORMING = "forming"
    STATUS_ACTIVE = "active"
    STATUSES = [(STATUS_FORMING, _("Forming")), (STATUS_ACTIVE, _("Active"))]

    country = CountryField(_("country"))
    status = models.CharField(_("status"), max_length=10, choices=STATUSES, default=STATUS_FORMING)
    intro = models.TextField(_("introduction"), max_length=800)
    body = RichTextField(_("about the chapter"), blank=True, features=EXPLANATION_FEATURES)
    lead_organisations = ParentalManyToManyField(
        "members.MemberPage", blank=True, related_name="led_chapters", verbose_name=_("lead organisations")
    )
    lead_people = ParentalManyToManyField(
        "members.Person", blank=True, related_name="led_chapters", verbose_name=_("lead people")
    )
    themes = ParentalManyToManyField("hub.Theme", blank=True, verbose_name=_("themes"))
    keywords = ClusterTaggableManager(through="hub.PageKeyword", blank=True, verbose_name=_("keywords"))
    contact_email = models.EmailField(
        _("contact e-mail"),
        blank=True,
        help_text=_(
            "Where the chapter's contact form sends messages; never shown on the site. "
            "Without it, the chapter page offers no contact form."
        ),
    )

    content_panels = BasePage.content_panels + [
        FieldRowPanel([FieldPanel("country"), FieldPanel("status")]),
        FieldPanel("intro"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                # Named by the secretariat only: a lead organisation shows on that organisation's page.
                FieldPanel("lead_organisations", permission=roles.SECRETARIAT_PERMISSION),
                FieldPanel("lead_people"),
                FieldPanel("contact_email"),
            ],
            heading=_("Leadership and contact"),
        ),
        InlinePanel("partnerships", label=_("Local government partners and MOUs")),
        InlinePanel("programmes", label=_("Programmes")),
        MultiFieldPanel([FieldPanel("themes"), FieldPanel("keywords")], heading=_("Taxonomy")),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("country"),
        index.FilterField("status"),
        index.RelatedFields("partnerships", [index.SearchField("partner")]),
        index.RelatedFields("programmes", [index.SearchField("name"), index.SearchField("description")]),
    ]
    # The contact e-mail is for the contact form only: never in the page, a response or the API.
    api_fields = BasePage.api_fields + [
        APIField("country", serializer=CountryCodeField()),
        APIField("status"),
        APIField("intro"),
        APIField("body"),
        APIField("lead_organisations", serializer=LivePagesField()),
        APIField("lead_people", serializer=PeopleField()),
        APIField("themes", serializer=TaxonomyField()),
        APIField("keywords"),
        APIField("partnerships"),
        APIField("programmes"),
        APIField("member_organisations", serializer=LivePagesField()),
    ]

    parent_page_types = ["members.ChapterIndexPage"]
    subpage_types = ["events.EventPage"]

    class Meta:
        verbose_name = _("country chapter")
        verbose_name_plural = _("country chapters")

    base_form_class = GroupPageForm

    def permissions_for_user(self, user):
        """Only the secretariat deletes, moves, unpublishes or restricts the page (members/permissions.py)."""
        return GroupPagePermissionTester(user, self)

    def summary_text(self):
        return self.intro

    def member_organisations(self):
        """The chapter's member organisations: live, public, in the page's language where translated, by title.

        The app that admits organisations to chapters records who belongs (hub/joining) and answers
        the `hub_chapter_members` hook with the member pages it holds for a chapter; one query.
        """
        recorded = Q()
        for hook in hooks.get_hooks(CHAPTER_MEMBERS_HOOK):
            recorded |= Q(translation_key__in=hook(self).values("translation_key"))
        if not recorded:
            return MemberPage.objects.none()
        pages = public(MemberPage.objects.filter(recorded).live())
        return in_locale_or_source(pages, page_locale(self)).select_related("locale").order_by("title")

    def structured_data(self, request):
        """A chapter is described as the place it works in."""
        return compact(
            {
                "@context": SCHEMA_CONTEXT,
                "@type": "Place",
                "name": self.title,
                "url": self.get_full_url(request),
                "description": self.intro,
                "address": {"@type": "PostalAddress", "addressCountry": self.country.code},
                "containedInPlace": country_node(self.country),
            }
        )


class ChapterPartnership(Orderable):
    """A local-government partner of a chapter, with the memorandum of understanding (MOU) signed."""

    LEVELS = [("national", _("National")), ("regional", _("Regional")), ("local", _("Local"))]
    STATUSES = [("negotiating", _("Under negotiation")), ("signed", _("Signed")), ("expired", _("Expired"))]

    page = ParentalKey(ChapterPage, on_delete=models.CASCADE, related_name="partnerships")
    partner = models.CharField(_("partner"), max_length=255)
    level = models.CharField(_("level of government"), max_length=10, choices=LEVELS)
    date_signed = models.DateField(_("date signed"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=STATUSES, default="negotiating")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("signed MOU"),
    )

    panels = [
        FieldPanel("partner"),
        FieldRowPanel([FieldPanel("level"), FieldPanel("status"), FieldPanel("date_signed")]),
        FieldPanel("document"),
    ]
    api_fields = [APIField("partner"), APIField("level"), APIField("date_signed"), APIField("status")]

    def __str__(self):
        return self.partner


class ChapterProgramme(Orderable):
    page = ParentalKey(ChapterPage, on_delete=models.CASCADE, related_name="programmes")
    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    start_year = models.PositiveSmallIntegerField(_("start year"), null=True, blank=True)
    url = models.URLField(_("link"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("start_year"), FieldPanel("url")]),
    ]
    api_fields = [APIField("name"), APIField("description"), APIField("start_year"), APIField("url")]

    def __str__(self):
        return self.name
