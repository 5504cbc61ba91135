"""The demo's methods and themes catalogues, and their translations."""

from django.db import transaction

from wagtail.models import Locale, Page

from hub.base.models import Method, Theme
from hub.base.translate import translate_page
from hub.catalogue.models import MethodIndexPage, MethodKind, MethodPage, ThemeIndexPage, ThemePage
from hub.demo import catalogue as catalogue_data

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


class DemoCatalogue:
    """Builds hub/demo/catalogue.py's pages (a part of `DemoBuilder`)."""

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
