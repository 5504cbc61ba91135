"""The demo hub, built from hub/demo/data.py and hub/demo/catalogue.py.

Safe to re-run: existing records are left as they are.

`tree` builds the pages and records, `catalogue` the methods and themes catalogues, `translations`
the other languages, `users` the dev-only logins; `DemoBuilder` runs them in order.
"""

import io

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.db import transaction

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale

from hub.demo.collections import collection_pages

from .catalogue import ENTRY_FIELDS, DemoCatalogue
from .translations import DemoTranslations
from .tree import DemoTree
from .users import DemoUsers

__all__ = ["ENTRY_FIELDS", "DemoBuilder"]


class DemoBuilder(DemoTree, DemoCatalogue, DemoTranslations, DemoUsers):
    """Builds the whole demo; mixed into the `load_demo` command, whose `stdout` and `style` it writes to."""

    def build(self):
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
