"""Planning and bulk insertion of the synthetic page tree."""

import datetime
import itertools
import json
import random
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils.text import slugify

from wagtail.models import Locale, Page, Site

from bench import config, vocabulary

from .spec import (
    COUNTRIES,
    EXTRA_METHODS,
    EXTRA_THEMES,
    FIRST_NAMES,
    INDEX_TITLES,
    LANGUAGES,
    ORG_KINDS,
    ORG_NOUNS,
    ORG_WORDS,
    SURNAMES,
    TIME_ZONES,
    counts,
)
from .text import Words


class Tree:
    """Treebeard materialised paths handed out in memory, so no insert has to read the tree."""

    def __init__(self):
        self.children = {}

    def child(self, parent, page):
        position = self.children.get(parent.path, parent.numchild) + 1
        self.children[parent.path] = position
        page.path = Page._get_path(parent.path, parent.depth + 1, position)
        page.depth = parent.depth + 1
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        parent.numchild += 1
        return page


def _aware(day, seconds=0):
    return datetime.datetime.combine(day, datetime.time(), datetime.UTC) + datetime.timedelta(seconds=seconds)


class Generator:
    """Plans every page and relation in memory with one seeded generator, then inserts them in bulk.

    Dates are relative to a fixed day (1 November 2026), so a corpus is the same whenever it is built.
    """

    def __init__(self, pages):
        self.pages = pages
        self.rng = random.Random(config.SEED)
        self.words = {
            "en": Words(self.rng, vocabulary.EN),
            "fr": Words(self.rng, vocabulary.FR),
            "es": Words(self.rng, vocabulary.ES),
        }
        self.tree = Tree()
        self.today = datetime.date(2026, 11, 1)
        self.planned = {}  # model -> [pages] in insertion order
        self.by_key = {}  # (language, translation_key) -> page
        self.m2m = []  # (page, field name, [targets])
        self.inline = []  # (model, page, {fields})
        self.stats = {}

    # --- helpers -----------------------------------------------------------------------

    def pick(self, items, low, high):
        return self.rng.sample(items, min(len(items), self.rng.randint(low, high)))

    def date_between(self, start_year, end=None):
        """Triangular towards the present: the hub grows, so recent years hold more content."""
        start = datetime.date(start_year, 1, 1).toordinal()
        end = (end or self.today).toordinal()
        return datetime.date.fromordinal(int(self.rng.triangular(start, end, end)))

    def uuid(self):
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def plan(self, model, parent, locale_code, translation_of=None, **fields):
        locale = self.locales[locale_code]
        key = fields.pop("translation_key", None) or (translation_of.translation_key if translation_of else self.uuid())
        page = model(
            locale_id=locale.pk,
            translation_key=key,
            live=True,
            has_unpublished_changes=False,
            draft_title=fields["title"],
            **fields,
        )
        if page.first_published_at is None:
            page.first_published_at = _aware(self.date_between(2015))
        page.last_published_at = page.first_published_at
        page.content_type_id = self.content_types[model]
        self.tree.child(parent, page)
        self.planned.setdefault(model, []).append(page)
        self.by_key[locale_code, key] = page
        return page

    def unique_slug(self, title, taken):
        base = slugify(title)[:70] or "page"
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        return slug

    # --- plan --------------------------------------------------------------------------

    def run(self):
        from events.models import EventIndexPage, EventPage
        from hub.base.models import HomePage
        from members.models import ChapterIndexPage, ChapterPage, MemberIndexPage, MemberPage
        from resources.models import GlossaryIndexPage, GlossaryTermPage, PaperIndexPage, PaperPage

        self.models = {
            "home": HomePage,
            "members": MemberIndexPage,
            "chapters": ChapterIndexPage,
            "glossary": GlossaryIndexPage,
            "papers": PaperIndexPage,
            "events": EventIndexPage,
            "member": MemberPage,
            "chapter": ChapterPage,
            "term": GlossaryTermPage,
            "paper": PaperPage,
            "event": EventPage,
        }
        self.content_types = {model: ContentType.objects.get_for_model(model).pk for model in self.models.values()}
        self.locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES}
        self.taxonomy()
        self.counts = counts(self.pages)
        self.home_and_indexes()
        self.members()
        self.chapters()
        self.terms()
        self.papers()
        self.events()
        self.insert()

    def taxonomy(self):
        from hub.base.models import SDG, DataSource, Method, Sector, Theme
        from hub.demo import data

        def rows(model, specs):
            by_language = {}
            for spec in specs:
                key = self.uuid()
                for code in LANGUAGES:
                    by_language.setdefault(code, []).append(
                        model(
                            slug=spec["slug"],
                            name=spec["name"],
                            description=spec.get("description", ""),
                            locale=self.locales[code],
                            translation_key=key,
                        )
                    )
            model.objects.bulk_create(itertools.chain(*by_language.values()))
            return {code: list(model.objects.filter(locale=self.locales[code]).order_by("pk")) for code in LANGUAGES}

        extra = lambda names: [{"slug": slugify(n), "name": n.capitalize()} for n in names]  # noqa: E731
        self.themes = rows(Theme, data.THEMES + extra(EXTRA_THEMES))
        self.methods = rows(Method, data.METHODS + extra(EXTRA_METHODS))
        self.sectors = rows(Sector, data.SECTORS)
        self.data_sources = rows(DataSource, data.DATA_SOURCES)
        english = list(SDG.objects.filter(locale=self.locales["en"]).order_by("number"))
        SDG.objects.bulk_create(
            SDG(number=s.number, name=s.name, locale=self.locales[code], translation_key=s.translation_key)
            for code in ("fr", "es")
            for s in english
        )
        self.sdgs = {code: list(SDG.objects.filter(locale=self.locales[code]).order_by("number")) for code in LANGUAGES}

    def home_and_indexes(self):
        from hub.demo import data

        root = Page.get_first_root_node()
        root.url_path = "/"
        self.root = root
        self.homes, self.indexes = {}, {}
        home_key = self.uuid()
        index_keys = {slug: self.uuid() for slug in INDEX_TITLES["en"]}
        for code in LANGUAGES:
            text = data.HOME if code == "en" else data.TRANSLATIONS.get(code, {}).get("home", data.HOME)
            home = self.models["home"](
                title=text["title"],
                slug=f"home-{code}",
                intro=text["intro"],
                purpose=text["purpose"],
                locale_id=self.locales[code].pk,
                translation_key=home_key,
                live=True,
                draft_title=text["title"],
                has_unpublished_changes=False,
                first_published_at=_aware(datetime.date(2015, 1, 1)),
            )
            home.last_published_at = home.first_published_at
            home.content_type_id = self.content_types[self.models["home"]]
            self.tree.child(root, home)
            self.planned.setdefault(self.models["home"], []).append(home)
            self.homes[code] = home
            for slug, title in INDEX_TITLES[code].items():
                self.indexes[code, slug] = self.plan(
                    self.models[slug],
                    home,
                    code,
                    show_in_menus=True,
                    title=title,
                    slug=slug,
                    intro=f"<p>{self.words[code].text(30)}</p>",
                    translation_key=index_keys[slug],
                    first_published_at=home.first_published_at,
                )

    def _translations(self, kind, make):
        """English pages first, then French and Spanish translations of the first English ones."""
        english = []
        for n in range(self.counts[kind]["en"]):
            english.append(make("en", n, None))
        for code in ("fr", "es"):
            for n in range(self.counts[kind][code]):
                make(code, n, english[n])
        return english

    def members(self):
        self.member_pages = {code: [] for code in LANGUAGES}
        taken = set()

        def make(code, n, source):
            words = self.words[code]
            if source is None:
                title = f"{self.rng.choice(ORG_WORDS)} {self.rng.choice(ORG_NOUNS)} {self.rng.choice(ORG_KINDS)}"
                slug = self.unique_slug(title, taken)
                if slug != slugify(title):
                    title = f"{title} {slug.rsplit('-', 1)[1]}"
                hq = self.rng.choice(COUNTRIES)
                countries = sorted({hq, *self.pick(COUNTRIES, 0, 5)})
                short = "".join(w[0] for w in title.split() if w[0].isupper())
                theme_at = [self.themes["en"].index(t) for t in self.pick(self.themes["en"], 1, 3)]
                sector_at = [self.sectors["en"].index(s) for s in self.pick(self.sectors["en"], 1, 3)]
                joined = self.rng.randint(2015, 2025)
            else:
                title, slug, hq, countries, short = (
                    source.title,
                    source.slug,
                    source.headquarters,
                    source.countries,
                    source.short_name,
                )
                theme_at, sector_at, joined = source._theme_at, source._sector_at, source.year_joined
            page = self.plan(
                self.models["member"],
                self.indexes[code, "members"],
                code,
                translation_of=source,
                title=title,
                slug=slug,
                short_name=short,
                summary=words.text(45, max_chars=590),
                website=f"https://example.org/{slug}",
                headquarters=hq,
                countries=countries,
                year_joined=joined,
                commitment=f"<p>{words.text(55)}</p>",
                contact_email=f"info@{slug}.example.org",
                first_published_at=_aware(datetime.date(joined, 6, 1), n),
            )
            page._theme_at, page._sector_at = theme_at, sector_at
            self.m2m.append((page, "themes", [self.themes[code][i] for i in theme_at]))
            self.m2m.append((page, "sectors", [self.sectors[code][i] for i in sector_at]))
            for i, platform in enumerate(
                self.rng.sample(["linkedin", "x", "facebook", "youtube"], self.rng.randint(0, 3))
            ):
                self.inline.append(
                    (
                        "members.MemberSocialLink",
                        page,
                        {"platform": platform, "url": f"https://example.org/{platform}/{slug}", "sort_order": i},
                    )
                )
            self.member_pages[code].append(page)
            return page

        self._translations("member", make)

    def people(self):
        """People are records, not pages; planned after members so each can belong to one."""
        from members.models import Person

        count = max(20, self.pages // 8)
        members = self.member_pages["en"]
        # Inserted with the pages, once the members have ids.
        self.persons = [
            Person(
                name=f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(SURNAMES)}",
                role=self.words["en"].phrase(2, 3),
                organisation=self.rng.choice(members) if members else None,
            )
            for _ in range(count)
        ]

    def chapters(self):
        self.chapter_pages = {code: [] for code in LANGUAGES}
        seen = {}

        def make(code, n, source):
            words = self.words[code]
            if source is None:
                country = COUNTRIES[n % len(COUNTRIES)]
                seen[country] = seen.get(country, 0) + 1
                from django_countries import countries

                title = f"{countries.name(country)} chapter"
                if seen[country] > 1:
                    title += f" {seen[country]}"
                slug = slugify(title)
                leads = self.pick(self.member_pages["en"], 1, 3)
                theme_at = [self.themes["en"].index(t) for t in self.pick(self.themes["en"], 1, 3)]
                status = "active" if self.rng.random() < 0.7 else "forming"
            else:
                title, slug, country, status = source.title, source.slug, source.country, source.status
                leads, theme_at = source._leads, source._theme_at
            body = "".join(f"<h3>{words.phrase(2, 5)}</h3><p>{p}</p>" for p in words.paragraphs(200, 3))
            page = self.plan(
                self.models["chapter"],
                self.indexes[code, "chapters"],
                code,
                translation_of=source,
                title=title,
                slug=slug,
                country=country,
                status=status,
                intro=words.text(45, max_chars=790),
                body=body,
                contact_email=f"{slug}@example.org",
            )
            page._leads, page._theme_at = leads, theme_at
            self.m2m.append((page, "lead_organisations", self._localised(leads, code)))
            self.m2m.append((page, "themes", [self.themes[code][i] for i in theme_at]))
            page._lead_people = self.rng.randint(1, 2)
            for i in range(self.rng.randint(0, 3)):
                self.inline.append(
                    (
                        "members.ChapterPartnership",
                        page,
                        {
                            "partner": f"Municipality of {words.phrase(1, 2)}",
                            "sort_order": i,
                            "level": self.rng.choice(["national", "regional", "local"]),
                            "status": self.rng.choice(["negotiating", "signed", "expired"]),
                            "date_signed": self.date_between(2015),
                        },
                    )
                )
            for i in range(self.rng.randint(0, 3)):
                self.inline.append(
                    (
                        "members.ChapterProgramme",
                        page,
                        {
                            "name": words.phrase(2, 4),
                            "description": words.text(30),
                            "sort_order": i,
                            "start_year": self.rng.randint(2012, 2026),
                        },
                    )
                )
            self.chapter_pages[code].append(page)
            return page

        self._translations("chapter", make)

    def _localised(self, pages, code):
        """The translations in `code` of English pages where they exist, else the English pages
        (as wagtail-localize leaves a reference to an untranslated page)."""
        return [self.by_key.get((code, p.translation_key), p) for p in pages]

    def terms(self):
        self.term_pages = {code: [] for code in LANGUAGES}
        taken = set()

        def make(code, n, source):
            words = self.words[code]
            if source is None:
                title = words.phrase(1, 3, rare_from=20)
                slug = self.unique_slug(title, taken)
                if slug != slugify(title):
                    title = f"{title} ({slug.rsplit('-', 1)[1]})"
                theme_at = [self.themes["en"].index(t) for t in self.pick(self.themes["en"], 0, 2)]
            else:
                title, slug, theme_at = source.title, source.slug, source._theme_at
            page = self.plan(
                self.models["term"],
                self.indexes[code, "glossary"],
                code,
                translation_of=source,
                title=title,
                slug=slug,
                short_definition=words.text(20, max_chars=295),
                explanation="".join(f"<p>{p}</p>" for p in words.paragraphs(self.rng.randint(50, 150), 2)),
            )
            page._theme_at = theme_at
            self.m2m.append((page, "themes", [self.themes[code][i] for i in theme_at]))
            members = self.member_pages[code] or self.member_pages["en"]
            for i in range(min(5, int(self.rng.expovariate(0.6)))):
                organisation = self.rng.choice(members) if self.rng.random() < 0.8 else None
                self.inline.append(
                    (
                        "resources.GlossaryVariant",
                        page,
                        {
                            "label": words.phrase(1, 3, rare_from=10),
                            "organisation": organisation,
                            "language": self.rng.choice(["en", "en", "fr", "es", "pt"]),
                            "sort_order": i,
                        },
                    )
                )
            for i in range(self.rng.randint(0, 2)):
                self.inline.append(
                    (
                        "resources.GlossarySource",
                        page,
                        {
                            "label": words.phrase(3, 7),
                            "url": f"https://example.org/sources/{slug}/{i}",
                            "sort_order": i,
                        },
                    )
                )
            self.term_pages[code].append(page)
            return page

        self._translations("term", make)
        for code in LANGUAGES:
            terms = self.term_pages[code]
            for page in terms:
                related = self.pick(terms, 0, 4)
                self.m2m.append((page, "related_terms", [t for t in related if t is not page]))

    def papers(self):
        from resources.models import PaperPage

        self.paper_pages = {code: [] for code in LANGUAGES}
        kinds = [k for k, _ in PaperPage.DOCUMENT_TYPES]
        licences = [k for k, _ in PaperPage.LICENCES]
        other_languages = ["pt", "ar", "ru", "ky", "sw", "hi", "bn", "other"]
        taken = set()

        def make(code, n, source):
            words = self.words[code]
            if source is None:
                title = words.phrase(5, 11)
                slug = self.unique_slug(title, taken)
                organisations = self.pick(self.member_pages["en"], 1, 3)
                attrs = {
                    "publication_date": self.date_between(2010),
                    "document_type": self.rng.choices(kinds, weights=[5, 4, 2, 3, 2, 2, 1, 1, 1])[0],
                    "countries": sorted(self.pick(COUNTRIES, 1, 4)),
                    "licence": self.rng.choice(licences),
                    "language": "en" if self.rng.random() < 0.9 else self.rng.choice(other_languages),
                }
                if self.rng.random() < 0.3:
                    attrs["latitude"] = round(self.rng.uniform(-30, 40), 4)
                    attrs["longitude"] = round(self.rng.uniform(-90, 120), 4)
                at = {
                    "methods": [self.methods["en"].index(m) for m in self.pick(self.methods["en"], 1, 3)],
                    "themes": [self.themes["en"].index(t) for t in self.pick(self.themes["en"], 1, 3)],
                    "sdgs": [s.number - 1 for s in self.pick(self.sdgs["en"], 1, 4)],
                    "data_sources": [
                        self.data_sources["en"].index(d) for d in self.pick(self.data_sources["en"], 0, 2)
                    ],
                }
                authors = self.pick(self.persons, 1, 4)
            else:
                title, slug, organisations, at, authors = (
                    source.title,
                    source.slug,
                    source._organisations,
                    source._at,
                    source._authors,
                )
                attrs = {
                    k: getattr(source, k)
                    for k in ("publication_date", "document_type", "countries", "licence", "latitude", "longitude")
                }
                attrs["language"] = code
            organisations = self._localised(organisations, code)
            parent = self.indexes[code, "papers"]
            if self.rng.random() < 0.3 and organisations[0].locale_id == self.locales[code].pk:
                parent = organisations[0]  # filed under its organisation, so its editors own it
            body_words = int(min(2500, max(250, self.rng.lognormvariate(6.1, 0.5))))
            blocks = []
            for text in words.paragraphs(body_words, self.rng.randint(3, 8)):
                if self.rng.random() < 0.5:
                    blocks.append({"type": "heading", "value": {"text": words.phrase(2, 6), "level": "h2"}})
                blocks.append({"type": "paragraph", "value": f"<p>{text}</p>"})
                if self.rng.random() < 0.1:
                    blocks.append({"type": "quote", "value": {"text": words.sentence(), "attribution": ""}})
            for block in blocks:
                block["id"] = str(uuid.UUID(int=self.rng.getrandbits(128)))
            page = self.plan(
                PaperPage,
                parent,
                code,
                translation_of=source,
                title=title,
                slug=slug,
                abstract=words.text(self.rng.randint(60, 110)),
                body=json.dumps(blocks),
                doi=f"10.5555/cldhub.{n:05d}",
                external_url="",
                **attrs,
                first_published_at=_aware(attrs["publication_date"], 3600),
            )
            page._organisations, page._at, page._authors = organisations, at, authors
            self.m2m.append((page, "organisations", organisations))
            self.m2m.append((page, "methods", [self.methods[code][i] for i in at["methods"]]))
            self.m2m.append((page, "themes", [self.themes[code][i] for i in at["themes"]]))
            self.m2m.append((page, "sdgs", [self.sdgs[code][i] for i in at["sdgs"]]))
            self.m2m.append((page, "data_sources", [self.data_sources[code][i] for i in at["data_sources"]]))
            for i, person in enumerate(authors):
                self.inline.append(("resources.PaperAuthor", page, {"person": person, "sort_order": i}))
            self.paper_pages[code].append(page)
            return page

        self.people()
        self._translations("paper", make)

    def events(self):
        from events.models import EventPage

        kinds = [k for k, _ in EventPage.KINDS]
        formats = [k for k, _ in EventPage.FORMATS]
        taken = set()
        end = self.today + datetime.timedelta(days=240)

        def make(code, n, source):
            words = self.words[code]
            if source is None:
                kind = self.rng.choice(kinds)
                title = f"{dict(EventPage.KINDS)[kind]}: {words.phrase(3, 8)}"
                slug = self.unique_slug(title, taken)
                start = datetime.datetime.combine(
                    self.date_between(2010, end), datetime.time(self.rng.randint(7, 17)), datetime.UTC
                )
                chapter = self.rng.choice(self.chapter_pages["en"]) if self.rng.random() < 0.4 else None
                fmt = self.rng.choice(formats)
                attrs = {
                    "kind": kind,
                    "format": fmt,
                    "start": start,
                    "end": start + datetime.timedelta(minutes=self.rng.choice([60, 90, 120, 240, 480])),
                    "time_zone": self.rng.choice(TIME_ZONES),
                    "country": "" if chapter or fmt == "online" else self.rng.choice(COUNTRIES),
                }
                organisers = self.pick(self.member_pages["en"], 1, 2)
                speakers = self.pick(self.persons, 0, 4)
                theme_at = [self.themes["en"].index(t) for t in self.pick(self.themes["en"], 1, 2)]
            else:
                title, slug, chapter, organisers, speakers, theme_at = (
                    source.title,
                    source.slug,
                    source._chapter,
                    source._organisers,
                    source._speakers,
                    source._theme_at,
                )
                attrs = {k: getattr(source, k) for k in ("kind", "format", "start", "end", "time_zone", "country")}
            local_chapter = self._localised_chapter(chapter, code)
            parent = local_chapter if local_chapter is not None else self.indexes[code, "events"]
            page = self.plan(
                EventPage,
                parent,
                code,
                translation_of=source,
                title=title,
                slug=slug,
                chapter_id=None,
                summary=words.text(22, max_chars=295),
                description="".join(f"<p>{p}</p>" for p in words.paragraphs(self.rng.randint(60, 150), 2)),
                venue=words.phrase(2, 4) if attrs["format"] != "online" else "",
                online_url=f"https://example.org/meet/{slug}" if attrs["format"] != "in-person" else "",
                registration_url=f"https://example.org/register/{slug}",
                first_published_at=attrs["start"] - datetime.timedelta(days=30),
                **attrs,
            )
            page._chapter, page._organisers, page._speakers, page._theme_at = chapter, organisers, speakers, theme_at
            page._chapter_page = local_chapter if local_chapter is not None else (chapter if chapter else None)
            self.m2m.append((page, "organisers", self._localised(organisers, code)))
            self.m2m.append((page, "speakers", speakers))
            self.m2m.append((page, "themes", [self.themes[code][i] for i in theme_at]))
            return page

        self._translations("event", make)

    def _localised_chapter(self, chapter, code):
        return None if chapter is None else self.by_key.get((code, chapter.translation_key))

    # --- insert ------------------------------------------------------------------------

    def insert(self):
        from django.apps import apps

        page_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
        for pages in self.planned.values():
            rows = [Page(**{f.attname: getattr(p, f.attname) for f in page_fields}) for p in pages]
            Page.objects.bulk_create(rows, batch_size=500)
            for page, row in zip(pages, rows, strict=True):
                page.pk = page.page_ptr_id = page.id = row.pk
                page._state.adding = False
        for model, pages in self.planned.items():
            if model.__name__ == "EventPage":
                for page in pages:
                    page.chapter_id = page._chapter_page.pk if page._chapter_page is not None else None
            fields = model._meta.local_concrete_fields
            size = max(1, min(500, connection.ops.bulk_batch_size(fields, pages)))
            for start in range(0, len(pages), size):
                model._base_manager._insert(pages[start : start + size], fields=fields, using=connection.alias)
        # numchild of the root (the placeholder welcome page goes once the homes exist).
        Page.objects.filter(pk=self.root.pk).update(numchild=self.root.numchild)
        from members.models import Person

        Person.objects.bulk_create(self.persons, batch_size=500)

        through_rows = {}
        for page, name, targets in self.m2m:
            field = type(page)._meta.get_field(name)
            through = field.remote_field.through
            source, target = field.m2m_field_name() + "_id", field.m2m_reverse_field_name() + "_id"
            for obj in dict.fromkeys(targets):
                through_rows.setdefault(through, []).append(through(**{source: page.pk, target: obj.pk}))
        for through, rows in through_rows.items():
            through.objects.bulk_create(rows, batch_size=1000)

        lead_people = []
        from members.models import ChapterPage

        through = ChapterPage._meta.get_field("lead_people").remote_field.through
        for page in self.planned.get(ChapterPage, []):
            for person in self.rng.sample(self.persons, page._lead_people):
                lead_people.append(through(chapterpage_id=page.pk, person_id=person.pk))
        through.objects.bulk_create(lead_people, batch_size=1000)

        inline_rows = {}
        for label, page, values in self.inline:
            model = apps.get_model(label)
            inline_rows.setdefault(model, []).append(model(page_id=page.pk, **values))
        for model, rows in inline_rows.items():
            model.objects.bulk_create(rows, batch_size=1000)

        self.stats["pages"] = {model.__name__: len(pages) for model, pages in self.planned.items()}
        self.stats["m2m_rows"] = sum(len(rows) for rows in through_rows.values()) + len(lead_people)
        self.stats["inline_rows"] = sum(len(rows) for rows in inline_rows.values())
        self.stats["people"] = len(self.persons)


def set_site(home):
    welcome = Page.objects.filter(depth=2).exclude(pk=home.pk).exclude(slug__startswith="home-")
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page_id=home.pk, is_default_site=True, site_name="CLD Hub"
        )
    else:
        Site.objects.filter(pk=site.pk).update(root_page_id=home.pk, site_name="CLD Hub")
    for page in welcome:
        Page.objects.filter(pk=page.pk).delete()
    Page.objects.filter(depth=1).update(numchild=Page.objects.filter(depth=2).count())
