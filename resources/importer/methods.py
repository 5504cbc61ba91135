"""Open methods archives' Markdown files as catalogue method pages (`manage.py import_methods`).

Each file (read by `method_files`) becomes a `hub.catalogue.MethodPage` under the locale's
methods catalogue, or a new revision of the page it matches: by source key on re-import, else by
the name or an alternative label of its `hub.Method` record. Embedded images are stored once
(`images`). Reporting, one transaction per file, permissions and moderation are the paper
importer's (`PaperImporter`).
"""

import html
from pathlib import PurePath

from django.utils.text import slugify

from hub.base import taxonomy_matching
from hub.base.models import Method
from hub.catalogue.models import MethodIndexPage, MethodKind, MethodPage, MethodPageRelated

from . import body, images, values
from .method_files import NAME_MAX, RICH_FIELDS, parse, read_method
from .papers import ImportSetupError, PaperImporter
from .parser import RecordError


class MethodImporter(PaperImporter):
    """Imports methods archives' files as method pages under one methods catalogue, in its locale.

    Permissions, moderation and the report work as in PaperImporter (see its docstring).
    """

    NOUN = "method"
    PAGE = "method page"
    SAME_KEY = "same source key as {other}: it updates that page"

    def __init__(self, parent, *, user=None, publish=False, dry_run=False, source_url_base=""):
        super().__init__(parent, user=user, publish=publish, dry_run=dry_run)
        self.source_url_base = source_url_base
        self.new_images = []
        self.matcher = None

    def import_file(self, name, data):
        self.new_images = []
        return super().import_file(name, data)

    def _read(self, name, data, result):
        method_file = parse(data)
        result.title = method_file.title
        content, result.warnings = read_method(method_file, PurePath(name).name)
        if self.source_url_base and not content.source_url:
            content.source_url = self.source_url_base.rstrip("/") + "/" + PurePath(name).name
        result.title = content.title
        return content

    def _discard(self):
        images.discard(self.new_images)  # their rows went with the transaction

    def _save(self, content, result):
        self.matcher = values.term_matcher(Method, self.locale)
        existing, record = self._find(content, result)
        self._check_permissions(existing)
        if existing is not None:
            result.page_id = existing.pk
            page = existing.get_latest_revision_as_object()
            before = snapshot(page)
        else:
            if record is None:
                record = self._new_record(content.title, result)
            page = MethodPage(locale=self.locale, live=False, owner=self.user, method=record)
            before = None
        self._fill(page, content, result)
        if before is not None and snapshot(page) == before:
            self._keep(existing, result)
            return
        self._write(page, existing, result)

    def _find(self, content, result):
        """(the page this file updates or None, the Method record it describes or None)."""
        pages = MethodPage.objects.filter(locale=self.locale, alias_of__isnull=True).order_by("pk")
        page = pages.filter(source_key=content.source_key).first()
        if page is not None:
            return page, page.method
        match = self.matcher.match(content.title)
        if match is None:
            return None, None
        if match.how == taxonomy_matching.CLOSE:
            result.warnings.append(
                f"'{content.title}' is close to the method '{match.record.name}' but not the same: a new method "
                "record was made; merge the two if they are one method"
            )
            return None, None
        values.report_match(Method, content.title, 0, match, result)
        page = pages.filter(method__translation_key=match.record.translation_key).first()
        if page is not None and page.source_key and page.source_key != content.source_key:
            raise RecordError(
                f"it describes '{match.record.name}', whose page (id {page.pk}) was imported from "
                f"'{page.source_key}': remove one of the two files, or give them [[id:...]] lines"
            )
        return page, match.record

    def _new_record(self, title, result):
        name = body.truncate(title, NAME_MAX)
        record = Method.objects.create(
            name=name, slug=self._new_slug(Method, name), locale=self.locale, needs_review=True
        )
        self.matcher.add(record)
        result.new_terms.append(f"method '{record.name}'")
        return record

    def _fill(self, page, content, result):
        page.title = content.title
        page.draft_title = content.title
        page.summary = content.summary or page.summary  # a summary written here stays when the file has none
        page.licence_note = content.licence_note
        page.source_key = content.source_key
        page.source_url = content.source_url
        for name in RICH_FIELDS:
            setattr(page, name, "".join(self._html(part, content.title) for part in content.fields[name]))
        page.kinds.set(MethodKind.objects.filter(slug__in=content.kinds))
        linked, unlinked = self._related(page, content.related, result)
        page.related_items = [
            MethodPageRelated(related_page=other, sort_order=order) for order, other in enumerate(linked)
        ]
        if unlinked:
            result.warnings.append("related methods not found, kept as text: " + ", ".join(unlinked))
            names = html.escape(", ".join(unlinked))
            page.what_it_is += f"<p><b>{html.escape(content.related_heading)}</b>: {names}.</p>"

    def _html(self, part, title):
        if isinstance(part, str):
            return part
        image = images.find(part.data)
        if image is None and not self.dry_run:
            image, created = images.store(part.data, part.extension, title, slugify(title)[:50] or "method")
            if created:
                self.new_images.append(image)
        image_id = image.pk if image is not None else 0  # a dry run stores nothing
        alt = html.escape(part.alt, quote=True)
        return f'<embed alt="{alt}" embedtype="image" format="fullwidth" id="{image_id}"/>'

    def _related(self, page, names, result):
        """The method pages the names match (in this locale), and the names that match none."""
        linked, unlinked = [], []
        pages = MethodPage.objects.filter(locale=self.locale, alias_of__isnull=True).order_by("pk")
        for name, line in names:
            match = self.matcher.match(name)
            other = None
            if match is not None and match.record.pk != page.method_id:
                other = pages.filter(method__translation_key=match.record.translation_key).first()
            if other is None or (page.pk and other.pk == page.pk):
                unlinked.append(name)
                continue
            values.report_match(Method, name, line, match, result)
            if other not in linked:
                linked.append(other)
        return linked, unlinked


def snapshot(page):
    """What an import writes on a page, to tell whether a file changed since it was imported."""
    return {
        "title": page.title,
        "summary": page.summary,
        "licence_note": page.licence_note,
        "source_key": page.source_key,
        "source_url": page.source_url,
        "method": page.method_id,
        "fields": [getattr(page, name) for name in RICH_FIELDS],
        "kinds": sorted(kind.pk for kind in page.kinds.all()),
        "related": [item.related_page_id for item in page.related_items.all()],
    }


def default_catalogue(locale):
    catalogue = MethodIndexPage.objects.filter(locale=locale).order_by("path").first()
    if catalogue is None:
        raise ImportSetupError(
            f"no methods catalogue in locale '{locale.language_code}': add a methods catalogue page under "
            "that language's home page first"
        )
    return catalogue
