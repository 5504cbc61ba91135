"""Build the demo hub from hub/demo/data.py. Safe to re-run: existing records are left as they are."""

import datetime
import io
import os
import re
import secrets
import zoneinfo
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from events.models import EventIndexPage, EventMaterial, EventPage, EventRelatedPaper, Registration
from hub.base.models import SDG, DataSource, HomePage, Method, Sector, Theme
from hub.base.sdgs import SDG_NAMES_TRANSLATED
from hub.base.translate import translate_page
from hub.catalogue.models import MethodIndexPage, MethodKind, MethodPage, ThemeIndexPage, ThemePage
from hub.demo import catalogue as catalogue_data
from hub.demo import data
from hub.demo.collections import collection_pages
from hub.demo.files import make_logo, make_pdf
from hub.demo.taxonomy_alt_labels import ALT_LABELS
from hub.demo.taxonomy_i18n import TAXONOMY_NAMES
from members import roles
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
from members.onboarding import onboard_chapter, onboard_member
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

# The fields of a method or theme page that hub/demo/catalogue.py writes.
ENTRY_FIELDS = [
    "summary",
    "what_it_is",
    "when_to_use",
    "steps",
    "needs",
    "needs_time",
    "needs_people",
    "needs_skills",
    "needs_cost",
    "strengths_limits",
    "examples",
]
LOGO_COLOURS = ["#0b5d3b", "#7a3b00", "#1d4e89", "#6b2d5c", "#2f5d50", "#8a1c1c", "#3d4a8a", "#55601a"]


INDEX_TRANSLATIONS = {
    "fr": {
        "members": (
            "Membres",
            "Des organisations de tous les secteurs engagées publiquement pour le développement "
            "mené par les communautés.",
        ),
        "chapters": (
            "Chapitres nationaux",
            "Les chapitres réunissent les membres dans les pays d'intervention pour "
            "travailler avec les collectivités locales.",
        ),
        "glossary": (
            "Glossaire",
            "Le vocabulaire commun du mouvement, et les termes maison que les membres emploient pour les mêmes idées.",
        ),
        "papers": (
            "Bibliothèque méthodologique",
            "Notes méthodologiques, études de cas, plans d'apprentissage et boîtes à outils partagés par les membres.",
        ),
        "events": (
            "Événements",
            "Webinaires, séminaires, événements parallèles et rencontres d'échange d'expériences.",
        ),
    },
    "es": {
        "members": (
            "Miembros",
            "Organizaciones de todos los sectores comprometidas públicamente con el desarrollo "
            "liderado por las comunidades.",
        ),
        "chapters": (
            "Capítulos nacionales",
            "Los capítulos reúnen a los miembros en los países donde trabajan para "
            "colaborar con los gobiernos locales.",
        ),
        "glossary": (
            "Glosario",
            "El vocabulario común del movimiento y los términos propios que cada miembro usa para las mismas ideas.",
        ),
        "papers": (
            "Biblioteca metodológica",
            "Documentos metodológicos, estudios de caso, planes de aprendizaje y "
            "cajas de herramientas que comparten los miembros.",
        ),
        "events": (
            "Eventos",
            "Seminarios web, seminarios, eventos paralelos y encuentros de intercambio de experiencias.",
        ),
    },
    "pt": {
        "members": (
            "Membros",
            "Organizações de todos os setores publicamente comprometidas com o desenvolvimento "
            "liderado pelas comunidades.",
        ),
        "chapters": (
            "Capítulos nacionais",
            "Os capítulos reúnem os membros nos países onde atuam para trabalhar com os governos locais.",
        ),
        "glossary": (
            "Glossário",
            "O vocabulário comum do movimento e os termos próprios que cada membro usa para as mesmas ideias.",
        ),
        "papers": (
            "Biblioteca metodológica",
            "Documentos metodológicos, estudos de caso, planos de aprendizagem e "
            "kits de ferramentas partilhados pelos membros.",
        ),
        "events": ("Eventos", "Webinários, seminários, eventos paralelos e encontros de troca de experiências."),
    },
}


class Command(BaseCommand):
    help = "Create the demo site: members, chapters, glossary, papers and events (idempotent)."

    def handle(self, *args, **options):
        self.created = 0
        with transaction.atomic():
            self.locale = Locale.get_default()
            home = self.home_page()
            self.taxonomy()
            self.indexes = self.index_pages(home)
            self.members = self.member_pages()
            self.people = self.people_records()
            self.chapters = self.chapter_pages()
            self.glossary = self.glossary_pages()
            self.papers = self.paper_pages()
            self.events = self.event_pages()
            self.collections = collection_pages(self, home, {**self.glossary, **self.papers, **self.events})
            self.registrations()
            self.followup()
            self.catalogue = self.catalogue_pages(home)
        # Outside the transaction above: wagtail-localize publishes a translation when its
        # transaction commits, from a revision taken before later children existed, so each
        # translation commits on its own (otherwise the parent's numchild is written back stale).
        self.translations(home)
        self.catalogue_translations()
        if self.created:
            call_command("update_index", verbosity=0)
        self.stdout.write(self.style.SUCCESS(f"Demo content ready ({self.created} records created)."))
        if getattr(settings, "HUB_CREATE_DEMO_USERS", False):
            self.demo_superuser()
            self.demo_users()

    # --- helpers -------------------------------------------------------------

    def _publish(self, parent, page):
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.created += 1
        return page

    def _draft(self, parent, page):
        page.live = False
        parent.add_child(instance=page)
        page.save_revision()
        self.created += 1
        return page

    def _child(self, parent, model, slug):
        return model.objects.child_of(parent).filter(slug=slug).first()

    def _by_slug(self, model, slugs):
        return list(model.objects.filter(locale=self.locale, slug__in=slugs))

    # --- tree ----------------------------------------------------------------

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

    def catalogue_pages(self, home):
        """The methods and themes catalogues: an index each, and a page for the demo's main records."""
        self.catalogue_indexes = {}
        for slug, model in (("methods", MethodIndexPage), ("themes", ThemeIndexPage)):
            index = self._child(home, model, slug)
            if index is None:
                title, intro = catalogue_data.INDEX_TEXTS["en"][slug]
                index = self._publish(home, model(title=title, slug=slug, intro=intro, show_in_menus=True))
            self.catalogue_indexes[slug] = index
        pages = {}
        for rows, index, model, record_model in (
            (catalogue_data.METHOD_PAGES, self.catalogue_indexes["methods"], MethodPage, Method),
            (catalogue_data.THEME_PAGES, self.catalogue_indexes["themes"], ThemePage, Theme),
        ):
            new = []
            for row in rows:
                record = record_model.objects.get(slug=row["slug"], locale=self.locale)
                field = model.record_field
                page = model.objects.filter(
                    locale=self.locale, **{f"{field}__translation_key": record.translation_key}
                ).first()
                if page is None:
                    page = model(
                        title=record.name,
                        slug=record.slug,
                        licence_note="Written for the CLD Hub demo from the movement's material; free to adapt.",
                        **{field: record},
                        **{name: row[name] for name in ENTRY_FIELDS},
                    )
                    if model is MethodPage:
                        page.kinds = list(MethodKind.objects.filter(slug__in=row["kinds"]))
                        page.themes = self._by_slug(Theme, row["themes"])
                    self._publish(index, page)
                    new.append(row)
                pages[row["slug"]] = page
            # Related entries point at each other, so they are set once every page exists.
            for row in new:
                page = pages[row["slug"]]
                page.related_items = [page.related_items.model(related_page=pages[slug]) for slug in row["related"]]
                page.save_revision().publish()
        return pages

    def catalogue_translations(self):
        """The catalogue indexes in every language the demo speaks, and some entries in French."""
        for code, texts in catalogue_data.INDEX_TEXTS.items():
            locale = Locale.objects.filter(language_code=code).first()
            if locale is None or locale.pk == self.locale.pk:
                continue
            jobs = [
                (self.catalogue_indexes[slug], {"title": title, "intro": intro})
                for slug, (title, intro) in texts.items()
            ]
            if code == "fr":
                jobs += [(self.catalogue[slug], values) for slug, values in catalogue_data.FRENCH.items()]
            for page, values in jobs:
                # An alias kept by wagtail-localize's synchronised tree is not a translation yet.
                translated = Page.objects.filter(translation_key=page.translation_key, locale=locale, alias_of=None)
                if translated.exists() or not page.get_parent().has_translation(locale):
                    continue
                with transaction.atomic():
                    translate_page(page, locale, values)
                self.created += 1

    def translations(self, home):
        """The home page, index pages, some glossary terms and papers in other languages."""
        self.taxonomy_translations()
        for code, texts in data.TRANSLATIONS.items():
            locale = Locale.objects.filter(language_code=code).first()
            if locale is None or home.has_translation(locale):
                continue
            jobs = [(home, texts["home"])]
            for slug, index in self.indexes.items():
                title, intro = INDEX_TRANSLATIONS[code][slug]
                jobs.append((index, {"title": title, "intro": f"<p>{intro}</p>"}))
            jobs += [(self.glossary[key], values) for key, values in texts.get("glossary", {}).items()]
            jobs += [(self.papers[key], values) for key, values in texts.get("papers", {}).items()]
            for page, values in jobs:
                with transaction.atomic():
                    translate_page(page, locale, values)
                self.created += 1

    def taxonomy_translations(self):
        """Themes, methods, sectors, data sources and the SDGs in every language the demo speaks.

        Before the pages, so translated pages pick up the translated choices (hub.base.i18n.localise_choices).
        """

        for code, names in TAXONOMY_NAMES.items():
            locale = Locale.objects.filter(language_code=code).first()
            if locale is None:
                continue
            alt_labels = ALT_LABELS.get(code, {})
            records = [
                (record, {"name": names[record.slug]} | _alt_labels_segment(alt_labels.get(record.slug)))
                for model in (Theme, Method, Sector, DataSource)
                for record in model.objects.filter(locale=self.locale, slug__in=names)
            ]
            records += [
                (sdg, {"name": SDG_NAMES_TRANSLATED[code][sdg.number]})
                for sdg in SDG.objects.filter(locale=self.locale)
                if sdg.number in SDG_NAMES_TRANSLATED.get(code, {})
            ]
            for record, values in records:
                if record.has_translation(locale):
                    continue
                with transaction.atomic():
                    translate_page(record, locale, values)
                self.created += 1

    # --- content pieces ----------------------------------------------------------

    @staticmethod
    def _block(kind, value):
        if kind == "heading":
            return ("heading", {"text": value, "level": "h2"})
        if kind == "quote":
            return ("quote", {"text": value["text"], "attribution": value.get("attribution", "")})
        return ("paragraph", value)

    @staticmethod
    def _wrap(text, width=90):
        lines, line = [], ""
        for word in text.split():
            if len(line) + len(word) + 1 > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        return [*lines, line]

    def _image(self, title, filename, content):
        Image = get_image_model()
        image = Image.objects.filter(title=title).first()
        if image is None:
            image = Image(title=title, file=ImageFile(io.BytesIO(content), name=filename))
            image.save()
        return image

    def _document(self, title, filename, content):
        Document = get_document_model()
        document = Document.objects.filter(title=title).first()
        if document is None:
            document = Document(title=title)
            document.file.save(filename, ContentFile(content), save=False)
            document.save()
        return document

    def demo_superuser(self):
        User = get_user_model()
        # A throwaway run (the browser suite) names its own file, leaving the developer's alone.
        credentials = Path(getattr(settings, "HUB_DEMO_CREDENTIALS_FILE", settings.BASE_DIR / ".demo-credentials"))
        # `make run` passes the address it serves on (HOST, PORT); the stored line may name an older one.
        admin_url = f"http://{os.environ.get('HOST') or '127.0.0.1'}:{os.environ.get('PORT') or '8000'}/admin/"
        if User.objects.filter(username="admin").exists():
            if credentials.exists():
                self.stdout.write(re.sub(r"https?://\S+/admin/", admin_url, credentials.read_text()))
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser("admin", "admin@example.org", password)
        text = f"Admin login (dev only): {admin_url}  user: admin  password: {password}\n"
        credentials.write_text(text)
        self.stdout.write(text)

    def demo_users(self):
        """demo-member, demo-lead and demo-moderator (dev only); random passwords kept in .demo-credentials."""

        if not getattr(settings, "HUB_CREATE_DEMO_USERS", False):
            return  # never under production settings
        User = get_user_model()
        credentials = Path(getattr(settings, "HUB_DEMO_CREDENTIALS_FILE", settings.BASE_DIR / ".demo-credentials"))
        member = self.members[data.MEMBERS[0]["key"]]
        chapter = self.chapters[data.CHAPTERS[0]["key"]]
        roles_by_user = {
            "demo-member": (f"editor of {member.title}", lambda email: onboard_member(member.title, email)),
            "demo-lead": (f"lead of {chapter.title}", lambda email: onboard_chapter(chapter.title, email)),
            "demo-moderator": ("secretariat moderator", None),
        }
        for username, (role, onboard) in roles_by_user.items():
            if User.objects.filter(username=username).exists():
                continue
            password = secrets.token_urlsafe(12)
            email = f"{username}@example.org"
            User.objects.create_user(username, email, password)
            if onboard is None:
                User.objects.get(username=username).groups.add(Group.objects.get(name=roles.MODERATORS))
            else:
                onboard(email)
            text = f"Demo {role} (dev only): user: {username}  password: {password}\n"
            with credentials.open("a") as file:
                file.write(text)
            self.stdout.write(text)


def _alt_labels_segment(labels):
    """Alternative labels as wagtail-localize holds the field's one segment: lines joined by <br>."""
    return {"alt_labels": "<br>".join(labels.splitlines())} if labels else {}
