"""The demo's page tree: home, taxonomy, index pages, members, people, chapters, glossary, papers and events."""

import datetime
import zoneinfo

from django.utils import timezone

from wagtail.models import Page, Site

from events.models import EventIndexPage, EventMaterial, EventPage, EventRelatedPaper, Registration
from hub.base.models import SDG, DataSource, HomePage, Method, Sector, Theme
from hub.demo import catalogue as catalogue_data
from hub.demo import data
from hub.demo.files import make_logo, make_pdf
from hub.demo.taxonomy_alt_labels import ALT_LABELS
from members.models import (
    ChapterIndexPage,
    ChapterPage,
    ChapterPartnership,
    ChapterProgramme,
    MemberIndexPage,
    MemberPage,
    MemberSocialLink,
    Person,
)
from resources.models import (
    GlossaryIndexPage,
    GlossarySource,
    GlossaryTermPage,
    GlossaryVariant,
    PaperAttachment,
    PaperAuthor,
    PaperIndexPage,
    PaperPage,
)

LOGO_COLOURS = ["#0b5d3b", "#7a3b00", "#1d4e89", "#6b2d5c", "#2f5d50", "#8a1c1c", "#3d4a8a", "#55601a"]


class DemoTree:
    """Builds the pages and records of hub/demo/data.py (a part of `DemoBuilder`)."""

    def home_page(self):
        home = HomePage.objects.filter(locale=self.locale, depth=2).first()
        if home is None:
            root = Page.get_first_root_node()
            home = HomePage(
                title=data.HOME["title"],
                slug="home-" + self.locale.language_code,
                intro=data.HOME["intro"],
                purpose=data.HOME["purpose"],
                locale=self.locale,
            )
            self._publish(root, home)
            site = Site.objects.filter(is_default_site=True).first()
            if site is None:
                Site.objects.create(hostname="localhost", root_page=home, is_default_site=True, site_name="CLD Hub")
            else:
                old_root = site.root_page
                site.root_page = home
                site.site_name = "CLD Hub"
                site.save()
                # Wagtail's placeholder welcome page has no place in the hub.
                if old_root.specific_class is Page and not old_root.get_children().exists():
                    old_root.delete()
        return home

    def taxonomy(self):
        alt_labels = ALT_LABELS.get(self.locale.language_code, {})
        for model, rows in (
            (Theme, data.THEMES),
            (Method, data.METHODS),
            (Sector, data.SECTORS),
            (DataSource, data.DATA_SOURCES),
        ):
            for row in rows:
                obj, created = model.objects.get_or_create(
                    slug=row["slug"],
                    locale=self.locale,
                    defaults={
                        "name": row["name"],
                        "description": row.get("description", ""),
                        "alt_labels": alt_labels.get(row["slug"], ""),
                    },
                )
                self.created += created
                if not created and not obj.alt_labels and alt_labels.get(row["slug"]):
                    obj.alt_labels = alt_labels[row["slug"]]  # a demo loaded before records had them
                    obj.save(update_fields=["alt_labels"])

    def index_pages(self, home):
        specs = [
            (
                "members",
                MemberIndexPage,
                "Members",
                "<p>Organisations from every sector that have publicly committed to community-led development.</p>",
            ),
            (
                "chapters",
                ChapterIndexPage,
                "Country chapters",
                "<p>Chapters bring members together in programme countries to work with local government.</p>",
            ),
            (
                "glossary",
                GlossaryIndexPage,
                "Glossary",
                "<p>The movement's shared vocabulary, and the in-house terms members use for the same ideas.</p>",
            ),
            (
                "papers",
                PaperIndexPage,
                "Methodology library",
                "<p>Methodology papers, case studies, learning plans and toolkits shared by members.</p>",
            ),
            (
                "events",
                EventIndexPage,
                "Events",
                "<p>Webinars, seminars, side events and experience-sharing meetings.</p>",
            ),
        ]
        pages = {}
        for slug, model, title, intro in specs:
            page = self._child(home, model, slug)
            if page is None:
                page = self._publish(home, model(title=title, slug=slug, intro=intro, show_in_menus=True))
            pages[slug] = page
        return pages

    def member_pages(self):
        parent = self.indexes["members"]
        pages = {}
        for number, row in enumerate(data.MEMBERS):
            slug = row["key"].removeprefix("m-")
            page = self._child(parent, MemberPage, slug)
            if page is None:
                initials = row["short_name"] or "".join(w[0] for w in row["title"].split() if w[0].isupper())
                page = MemberPage(
                    title=row["title"],
                    slug=slug,
                    short_name=row["short_name"],
                    logo=self._image(
                        f"{row['title']} logo",
                        f"logo-{slug}.png",
                        make_logo(initials, LOGO_COLOURS[number % len(LOGO_COLOURS)]),
                    ),
                    summary=row["summary"],
                    website=row["website"],
                    headquarters=row["headquarters"],
                    countries=row["countries"],
                    year_joined=row["year_joined"],
                    commitment=f"<p>{row['commitment']}</p>",
                    contact_email=row["contact_email"],
                )
                page.sectors = self._by_slug(Sector, row["sectors"])
                page.themes = self._by_slug(Theme, row["themes"])
                page.social_links = [MemberSocialLink(platform=s["platform"], url=s["url"]) for s in row["social"]]
                self._publish(parent, page)
            pages[row["key"]] = page
        return pages

    def people_records(self):
        people = {}
        for row in data.PEOPLE:
            organisation = self.members.get(row["organisation"]) if row["organisation"] else None
            person, created = Person.objects.get_or_create(
                name=row["name"], defaults={"role": row["role"], "organisation": organisation}
            )
            self.created += created
            people[row["key"]] = person
        return people

    def chapter_pages(self):
        parent = self.indexes["chapters"]
        pages = {}
        for row in data.CHAPTERS:
            slug = row["key"].removeprefix("c-")
            page = self._child(parent, ChapterPage, slug)
            if page is None:
                page = ChapterPage(
                    title=row["title"],
                    slug=slug,
                    country=row["country"],
                    status=row["status"],
                    intro=row["intro"],
                    contact_email=row["contact_email"],
                )
                page.lead_organisations = [self.members[k] for k in row["lead_organisations"]]
                page.lead_people = [self.people[k] for k in row["lead_people"]]
                page.themes = self._by_slug(Theme, row["themes"])
                page.partnerships = [
                    ChapterPartnership(
                        partner=p["partner"],
                        level=p["level"],
                        status=p["status"],
                        date_signed=datetime.date.fromisoformat(p["date_signed"]) if p["date_signed"] else None,
                    )
                    for p in row["partnerships"]
                ]
                page.programmes = [
                    ChapterProgramme(name=p["name"], description=p["description"], start_year=p["start_year"])
                    for p in row["programmes"]
                ]
                self._publish(parent, page)
            pages[row["key"]] = page
        return pages

    def glossary_pages(self):
        parent = self.indexes["glossary"]
        pages = {}
        new = []
        for row in data.GLOSSARY:
            slug = row["key"].removeprefix("g-")
            page = self._child(parent, GlossaryTermPage, slug)
            if page is None:
                page = GlossaryTermPage(
                    title=row["term"],
                    slug=slug,
                    short_definition=row["short_definition"],
                    explanation=row["explanation"],
                )
                page.themes = self._by_slug(Theme, row["themes"])
                page.sources = [GlossarySource(label=s["label"], url=s["url"]) for s in row["sources"]]
                page.variants = [
                    GlossaryVariant(
                        label=v["label"],
                        organisation=self.members.get(v["organisation"]) if v["organisation"] else None,
                        language=v["language"],
                    )
                    for v in row["variants"]
                ]
                self._publish(parent, page)
                new.append(row)
            pages[row["key"]] = page
        # Related terms point at each other, so they are set once every term exists.
        for row in new:
            page = pages[row["key"]]
            page.related_terms = [pages[k] for k in row["related"] if k in pages]
            page.save_revision().publish()
        return pages

    def paper_pages(self):
        library = self.indexes["papers"]
        sdgs = {sdg.number: sdg for sdg in SDG.objects.filter(locale=self.locale)}
        pages = {}
        for row in data.PAPERS:
            slug = row["key"].removeprefix("r-")
            # Most papers are in the library; some are filed under their organisation's page.
            parent = self.members[row["filed_under"]] if row.get("filed_under") else library
            page = self._child(parent, PaperPage, slug)
            if page is None:
                latitude, longitude = row["location"] or (None, None)
                page = PaperPage(
                    title=row["title"],
                    slug=slug,
                    publication_date=datetime.date.fromisoformat(row["publication_date"]),
                    abstract=row["abstract"],
                    body=[self._block(kind, value) for kind, value in row["body"]],
                    document_type=row["document_type"],
                    countries=row["countries"],
                    latitude=latitude,
                    longitude=longitude,
                    licence=row["licence"],
                    doi=row["doi"],
                    external_url=row["external_url"],
                    language=row["language"],
                )
                page.organisations = [self.members[k] for k in row["organisations"]]
                page.methods = self._by_slug(Method, row["methods"])
                page.themes = self._by_slug(Theme, row["themes"])
                page.data_sources = self._by_slug(DataSource, row["data_sources"])
                page.sdgs = [sdgs[n] for n in row["sdgs"]]
                page.authors = [PaperAuthor(person=self.people[k]) for k in row["authors"]]
                if row.get("attachment_title"):
                    document = self._document(
                        row["title"],
                        f"{slug}.pdf",
                        make_pdf(row["title"], [row["publication_date"], *self._wrap(row["abstract"])]),
                    )
                    page.attachments = [PaperAttachment(document=document, title=row["attachment_title"])]
                if row.get("draft"):
                    self._draft(parent, page)
                else:
                    self._publish(parent, page)
            pages[row["key"]] = page
        return pages

    def event_pages(self):
        parent = self.indexes["events"]
        today = timezone.localdate()
        pages = {}
        for row in data.EVENTS:
            slug = row["key"].removeprefix("e-")
            page = EventPage.objects.filter(slug=slug, locale=self.locale).first()
            if page is None:
                zone = zoneinfo.ZoneInfo(row["time_zone"])
                day = today + datetime.timedelta(days=row["start_offset_days"])
                start = datetime.datetime.combine(day, datetime.time.fromisoformat(row["start_time"]), zone)
                chapter = self.chapters.get(row["chapter"]) if row["chapter"] else None
                page = EventPage(
                    title=row["title"],
                    slug=slug,
                    kind=row["kind"],
                    start=start,
                    end=start + datetime.timedelta(minutes=row["duration_minutes"]),
                    time_zone=row["time_zone"],
                    chapter=chapter,
                    format=row["format"],
                    venue=row["venue"],
                    online_url=row["online_url"],
                    registration_url=row["registration_url"],
                    recording_url=row["recording_url"],
                    summary=row["summary"],
                    description=row["description"],
                )
                page.speakers = [self.people[k] for k in row["speakers"]]
                page.organisers = [self.members[k] for k in row["organisers"]]
                page.themes = self._by_slug(Theme, row["themes"])
                page.methods = self._by_slug(Method, catalogue_data.EVENT_METHODS.get(row["key"], []))
                # Chapter events live under their chapter, so its leads can manage them.
                self._publish(chapter or parent, page)
            pages[row["key"]] = page
        return pages

    def registrations(self):
        """Upcoming events that take registrations on the hub, one of them full with a waiting list."""
        for key, spec in data.REGISTRATION_EVENTS.items():
            event = self.events[key]
            if event.registration_open:
                continue
            event.registration_open = True
            event.registration_url = ""
            event.capacity = spec["capacity"]
            event.save_revision().publish()
            for name, email, organisation, country, status, accessibility in spec["registrants"]:
                Registration.objects.create(
                    event=event,
                    event_key=event.translation_key,
                    name=name,
                    email=email,
                    organisation=organisation,
                    country=country,
                    accessibility=accessibility,
                    status=status,
                    language="en",
                    cancelled_at=timezone.now() if status == Registration.CANCELLED else None,
                )
                self.created += 1

    def followup(self):
        """A past event with its recording, materials, key messages and a related paper."""
        spec = data.FOLLOWUP_EVENT
        event = self.events[spec["key"]]
        if event.followup_published:
            return
        pdf = make_pdf(spec["material"], [event.title, *self._wrap(event.summary)])
        document = self._document(spec["material"], "scorecard-walkthrough-slides.pdf", pdf)
        event.materials = [EventMaterial(document=document)]
        event.related_papers = [EventRelatedPaper(paper=self.papers[spec["paper"]])]
        event.key_messages = spec["key_messages"]
        event.followup_published = True
        event.save_revision().publish()
        self.created += 1
