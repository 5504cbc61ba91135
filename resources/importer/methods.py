"""Open methods archives' Markdown files as catalogue method pages (`manage.py import_methods`).

A file (`[[type:methods]]` lines, `# Title`, `## Overview`, `## Purpose`, `## How it works`,
`## Requirements`, `## Reflections`, `## Related methods`, `## License`, `## Examples`) becomes a
`hub.catalogue.MethodPage` under the locale's methods catalogue, or a new revision of the page it
matches: by source key on re-import, else by the name or an alternative label of its `hub.Method`
record. Markdown goes through the paper importer's bounded conversion and cleaning (`body`), so it
takes time in proportion to its size; embedded images are checked and stored once (`images`).
Reporting, one transaction per file, permissions and moderation are the paper importer's.
"""

import html
import logging
import re
import time
from dataclasses import dataclass, field
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from wagtail.log_actions import log

from hub.base import taxonomy_matching
from hub.base.models import Method
from hub.catalogue.models import MethodIndexPage, MethodKind, MethodPage, MethodPageRelated

from . import body, images, values
from .papers import FileResult, ImportRefused, ImportSetupError, PaperImporter
from .parser import META_LINE, META_TOKEN, RecordError, decode

logger = logging.getLogger(__name__)

TITLE_MAX = 255
NAME_MAX = 120
SUMMARY_MAX = 255
LICENCE_MAX = 500
# Files are read whole; real ones are at most 2 MB, most of it embedded images.
MAX_FILE_BYTES = 8 * 1024 * 1024

# Section heading (folded, without a "(if any)") -> MethodPage field.
SECTION_FIELDS = {
    "overview": "what_it_is",
    "purpose": "when_to_use",
    "how it works": "steps",
    "requirements": "needs",
    "reflections": "strengths_limits",
    "examples": "examples",
    "example": "examples",
}
RICH_FIELDS = ("what_it_is", "when_to_use", "steps", "needs", "strengths_limits", "examples")
LICENCE_SECTIONS = {"license", "licence", "licensing"}
RELATED_SECTIONS = {"related methods", "related", "see also"}
TYPE_KEYS = {"type", "types", "kind", "kinds"}
URL_KEYS = {"url", "source", "source_url", "link"}
KINDS = set(MethodKind.LABELS)
NO_NAMES = {"", "none", "n a", "na", "no", "nil"}

TITLE = re.compile(r"^#\s+(?P<text>\S.*?)\s*#*\s*$")
SECTION = re.compile(r"^#{1,2}\s+(?P<text>.*?)\s*#*\s*$")
PARENTHESIS = re.compile(r"\([^()]*\)")
MARKDOWN_LINK = re.compile(r"\[(?P<text>[^\[\]]*)\]\([^()\s]*\)")
# Left anywhere after conversion (text, not an image), a data: URI is removed: none is ever stored.
STRAY_DATA_URI = re.compile(r"\bdata:[\w.+-]+/[\w.+-]+[;,][^\s<>\"']*", re.IGNORECASE)
H4 = re.compile(r"<(/?)h4>")


@dataclass
class Section:
    heading: str  # "" for the text between the title and the first section
    line: int
    lines: list[str] = field(default_factory=list)

    @property
    def text(self):
        return "\n".join(self.lines).strip()

    @property
    def key(self):
        return values.fold(PARENTHESIS.sub(" ", self.heading))


@dataclass
class MethodFile:
    title: str
    title_line: int
    metadata: dict[str, list[tuple[str, int]]]
    sections: list[Section]


def parse(data):
    """A MethodFile from a file's bytes; RecordError for a binary, non-UTF-8 or untitled file."""
    if len(data) > MAX_FILE_BYTES:
        raise RecordError(f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    lines = decode(data).split("\n")
    title, title_line, metadata = "", 0, {}
    sections = [Section(heading="", line=1)]
    fenced = False
    for number, line in enumerate(lines, start=1):
        if line.lstrip().startswith("```"):
            fenced = not fenced
        if not fenced and META_LINE.match(line) and META_TOKEN.search(line):
            for token in META_TOKEN.finditer(line):
                key = re.sub(r"[\s\-]+", "_", token["key"].strip().casefold())
                if token["value"].strip():
                    metadata.setdefault(key, []).append((token["value"].strip(), number))
            continue
        if not fenced and not title and line.startswith("# ") and TITLE.match(line):
            title, title_line = TITLE.match(line)["text"], number
            continue
        heading = not fenced and line.startswith("#") and SECTION.match(line)
        if heading and heading["text"]:
            sections.append(Section(heading=heading["text"], line=number))
            continue
        sections[-1].lines.append(line)
    if not title:
        raise RecordError("no title: the file should have a '# Title' line", 1)
    return MethodFile(title, title_line, metadata, [s for s in sections if s.heading or s.text])


@dataclass
class ImageRef:
    """An embedded image waiting to be stored (or found) when the page is saved."""

    data: bytes
    extension: str
    alt: str


@dataclass
class MethodContent:
    title: str
    kinds: list[str]
    fields: dict[str, list]  # rich-text field -> HTML strings and ImageRefs, in order
    summary: str
    licence_note: str
    related: list[tuple[str, int]]
    related_heading: str
    source_key: str
    source_url: str


def read_method(method_file, file_name):
    """What a file says, in the page's terms, and the warnings met reading it."""
    warnings = []
    deadline = time.monotonic() + body.PARSE_SECONDS
    title = values.without_emails(body.plain(method_file.title))
    if not title:
        raise RecordError("no title: the '# Title' line is empty", method_file.title_line)
    if len(title) > TITLE_MAX:
        warnings.append(f"line {method_file.title_line}: title shortened to {TITLE_MAX} characters")
        title = body.truncate(title, TITLE_MAX)
    fields = {name: [] for name in RICH_FIELDS}
    licence, related, related_heading, summary = "", [], "", ""
    for section in method_file.sections:
        key = section.key
        if key in LICENCE_SECTIONS:
            licence = " ".join(filter(None, [licence, body.plain(body.to_rich_text(section.text))]))
        elif key in RELATED_SECTIONS:
            related += related_names(section)
            related_heading = body.plain(PARENTHESIS.sub(" ", section.heading))
        else:
            parts = convert(section.text, title, warnings, section.line, deadline)
            if not section.heading:
                target = "what_it_is"
                fields[target][:0] = parts  # what comes before the first section opens the page
                continue
            target = SECTION_FIELDS.get(key)
            if target is None:
                target = "what_it_is"
                if parts:
                    warnings.append(
                        f"line {section.line}: section '{body.truncate(section.heading, 60)}' has no place of its "
                        "own on a method page; added to 'what it is' under its heading"
                    )
                    heading = html.escape(body.truncate(body.plain(section.heading), body.HEADING_MAX))
                    parts = [f"<h3>{heading}</h3>", *parts]
            fields[target] += parts
            if target == "what_it_is" and key == "overview" and not summary:
                summary = first_paragraph(section.text)
    if len(licence) > LICENCE_MAX:
        warnings.append(f"licence note shortened to {LICENCE_MAX} characters")
        licence = body.truncate(licence, LICENCE_MAX)
    content = MethodContent(
        title=title,
        kinds=kinds(method_file.metadata, warnings),
        fields=fields,
        summary=summary,
        licence_note=licence,
        related=related,
        related_heading=related_heading,
        source_key=source_key(method_file, file_name),
        source_url=source_url(method_file, warnings),
    )
    return content, warnings


def convert(text, title, warnings, line, deadline):
    """HTML pieces and ImageRefs for one section's Markdown, images where they stand."""
    parts = []
    position = 0
    for start, end, url, alt in [*body._images(text), (len(text), len(text), None, None)]:
        body.check_time(deadline)
        rich = rich_text(text[position:start], warnings, line + text.count("\n", 0, position))
        if rich:
            parts.append(rich)
        position = end
        if url is None:
            break
        image_line = line + text.count("\n", 0, start) + 1
        alt = body.plain(alt)
        alt = title if values.fold(alt) in body.PLACEHOLDER_ALTS else body.truncate(alt, body.ALT_MAX)
        url = url.strip()
        if images.is_data_uri(url):
            try:
                data, extension = images.decode(url)
            except images.ImageRefused as error:
                warnings.append(f"line {image_line}: embedded image left out: {error}")
                continue
            parts.append(ImageRef(data, extension, alt))
            continue
        url = html.unescape(url)
        try:
            body.is_url(url)
        except ValidationError:
            warnings.append(f"line {image_line}: image '{body.truncate(url, 80)}' is not a web address; left out")
            continue
        # Kept at its source as a link, never hot-loaded (as the paper importer does).
        parts.append(f'<p><a href="{html.escape(url)}">{html.escape(alt)}</a></p>')
    return parts


def rich_text(text, warnings, line):
    """The hub's entry rich text (ENTRY_FEATURES) for a piece of Markdown without images."""
    converted = H4.sub(r"<\1h3>", body.to_rich_text(text)) if text.strip() else ""
    if STRAY_DATA_URI.search(converted):
        warnings.append(f"line {line}: a data: address outside an image was removed")
        converted = STRAY_DATA_URI.sub("", converted)
    return converted


def first_paragraph(text):
    """The summary: the Overview's first paragraph as plain text (read from its start only)."""
    for paragraph in re.split(r"\n\s*\n", text):
        paragraph = body.IMAGE.sub("", body.HTML_IMAGE.sub("", paragraph))[: SUMMARY_MAX * 8]
        plain = body.plain(body.to_rich_text(paragraph))
        if plain:
            return body.truncate(plain, SUMMARY_MAX)
    return ""


def related_names(section):
    """(name, line) for each method a "Related methods" section names, in order, once each."""
    found = {}
    for offset, raw in enumerate(section.lines, start=1):
        text = MARKDOWN_LINK.sub(lambda m: m["text"], body.IMAGE.sub("", raw))
        for part in re.split(r"[,;]", text):
            name = values.clean(body.plain(part))
            if name and values.fold(name) not in NO_NAMES and len(name) <= NAME_MAX:
                found.setdefault(values.fold(name), (name, section.line + offset))
    return list(found.values())


def kinds(metadata, warnings):
    """MethodKind slugs for the `[[type:...]]` values ("methods" -> "method")."""
    found = []
    for key, entries in metadata.items():
        if key not in TYPE_KEYS:
            continue
        for value, line in entries:
            folded = values.fold(value)
            slug = folded if folded in KINDS else folded.removesuffix("s")
            if slug not in KINDS:
                warnings.append(
                    f"line {line}: type '{value}' is not a method, tool, tactic, principle or skill; left out"
                )
            elif slug not in found:
                found.append(slug)
    return found


def source_key(method_file, file_name):
    """An explicit [[id:...]], else the file's name without its extension (the archive's own key)."""
    explicit = method_file.metadata.get("id")
    if explicit:
        return "id:" + explicit[0][0][:250]
    return "file:" + PurePath(file_name).stem[:250]


def source_url(method_file, warnings):
    for key in URL_KEYS:
        for value, line in method_file.metadata.get(key, []):
            try:
                body.is_url(value)
            except ValidationError:
                warnings.append(f"line {line}: source '{body.truncate(value, 80)}' is not a web address; left out")
                continue
            if len(value) <= 500:
                return value
    return ""


class MethodImporter(PaperImporter):
    """Imports methods archives' files as method pages under one methods catalogue, in its locale.

    Permissions, moderation and the report work as in PaperImporter (see its docstring).
    """

    def __init__(self, parent, *, user=None, publish=False, dry_run=False, source_url_base=""):
        super().__init__(parent, user=user, publish=publish, dry_run=dry_run)
        self.source_url_base = source_url_base
        self.new_images = []
        self.matcher = None

    def import_file(self, name, data):
        result = FileResult(name=name)
        self.new_images = []
        try:
            if isinstance(data, OSError):
                raise RecordError(f"unreadable file: {data.strerror or data}")
            method_file = parse(data)
            result.title = method_file.title
            content, result.warnings = read_method(method_file, PurePath(name).name)
            if self.source_url_base and not content.source_url:
                content.source_url = self.source_url_base.rstrip("/") + "/" + PurePath(name).name
            result.title = content.title
            other = self.imported_keys.setdefault(content.source_key, name)
            if other != name:
                result.warnings.append(f"same source key as {other}: it updates that page")
            with transaction.atomic():
                self.matcher = values.term_matcher(Method, self.locale)
                self._save(content, result)
                if self.dry_run:
                    transaction.set_rollback(True)
        except (RecordError, ImportRefused) as error:
            result.fail(str(error))
        except ValidationError as error:
            messages = [f"{key}: {' '.join(texts)}" for key, texts in error.message_dict.items()]
            result.fail("the method page is not valid: " + "; ".join(messages))
        except Exception as error:  # one file's surprise must not stop the others
            logger.exception("Importing %s failed", name)
            result.fail(f"unexpected error: {error.__class__.__name__}: {error}")
        if result.failed:
            images.discard(self.new_images)  # their rows went with the transaction
            result.page_id = None
            result.new_terms = []
            result.matched_terms = []
        return result

    def _save(self, content, result):
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
            result.status = "unchanged"
            if self.publish and (not existing.live or existing.has_unpublished_changes):
                self._publish(existing.get_latest_revision(), existing, result)
            return
        if existing is None:
            result.status = "created"
            self.parent.add_child(instance=page)
            revision = page.save_revision(user=self.user, log_action=False)
            log(instance=page, action="wagtail.create", user=self.user, revision=revision, content_changed=True)
        else:
            result.status = "updated"
            revision = page.save_revision(user=self.user, log_action=True)
        result.page_id = page.pk
        if self.publish:
            self._publish(revision, page, result)
        else:
            self._submit(page, result)

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
        base = slugify(name)[:100].strip("-") or "method"
        slug, suffix = base, 1
        while Method.objects.filter(locale=self.locale, slug=slug).exists():
            suffix += 1
            slug = f"{base}-{suffix}"
        record = Method.objects.create(name=name, slug=slug, locale=self.locale, needs_review=True)
        self.matcher.add(record)
        result.new_terms.append(f"method '{record.name}'")
        return record

    def _check_permissions(self, existing):
        if self.user is None:
            return
        if existing is None:
            perms = self.parent.permissions_for_user(self.user)
            if not perms.can_add_subpage():
                raise ImportRefused(f"you may not add methods to '{self.parent.title}'")
            if self.publish and not perms.can_publish_subpage():
                raise ImportRefused(f"you may not publish methods in '{self.parent.title}'")
            return
        perms = existing.permissions_for_user(self.user)
        if not perms.can_edit():
            raise ImportRefused(f"it matches the method '{existing.title}' (id {existing.pk}), which you may not edit")
        if self.publish and not perms.can_publish():
            raise ImportRefused(
                f"it matches the method '{existing.title}' (id {existing.pk}), which you may not publish"
            )

    def _fill(self, page, content, result):
        page.title = content.title
        page.draft_title = content.title
        page.summary = content.summary
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
