"""One PaperPage per record: created, updated or left alone, each file in its own transaction."""

import hashlib
import json
import logging
import re
import time
from dataclasses import dataclass, field
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from wagtail.log_actions import log
from wagtail.models import Locale, Page

from hub.base.models import SDG, DataSource, Method, Theme
from members.models import MemberPage
from resources.models import PAPER_LANGUAGES, PaperIndexPage, PaperPage

from . import body, values
from .parser import RecordError, parse

logger = logging.getLogger(__name__)

# Metadata keys that become page fields; every other key (focal_point, gender...) stays private.
PUBLIC_KEYS = {"id", "year", "type", "datasources", "methods", "sdgs", "thematic_areas", "country", "latlng"}
# metadata key -> (taxonomy model, PaperPage field)
TAXONOMIES = {
    "methods": (Method, "methods"),
    "thematic_areas": (Theme, "themes"),
    "datasources": (DataSource, "data_sources"),
}
NAME_MAX = 120


class ImportSetupError(Exception):
    """The import cannot start: an unknown locale, a missing or unsuitable parent page."""


class ImportRefused(Exception):
    """The importing user may not write this file's paper; the file fails and nothing is written."""


@dataclass
class FileResult:
    name: str
    status: str = ""  # created, updated, unchanged or failed
    title: str = ""
    page_id: int | None = None
    moderation: str = ""  # published, submitted for moderation, draft...
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    new_terms: list[str] = field(default_factory=list)
    matched_terms: list[str] = field(default_factory=list)  # values read as another record's name, and how

    @property
    def failed(self):
        return self.status == "failed"

    def fail(self, reason):
        self.status = "failed"
        self.errors.append(reason)

    def describe(self):
        """One line: the status, then what a moderator should know."""
        parts = [self.status]
        if self.moderation:
            parts.append(self.moderation)
        if self.new_terms:
            parts.append("new, to review: " + ", ".join(self.new_terms))
        if self.matched_terms:
            parts.append("matched: " + ", ".join(self.matched_terms))
        return "; ".join(parts + self.errors + self.warnings)


@dataclass
class ImportReport:
    dry_run: bool = False
    results: list[FileResult] = field(default_factory=list)

    @property
    def counts(self):
        counts = dict.fromkeys(("created", "updated", "unchanged", "failed"), 0)
        for result in self.results:
            counts[result.status] += 1
        return counts

    @property
    def failed(self):
        return [result for result in self.results if result.failed]

    def summary(self):
        text = ", ".join(f"{status} {count}" for status, count in self.counts.items())
        return f"{text} (dry run: nothing was saved)" if self.dry_run else text


@dataclass
class PaperContent:
    """What a record says, in the page's terms; `fingerprint` tells whether it changed since the last import."""

    title: str
    document_type: str
    publication_date: object
    countries: list[str]
    latitude: float | None
    longitude: float | None
    sdgs: list[int]
    terms: dict[str, list[tuple[str, int]]]
    abstract: str
    body: list[dict]
    private: dict
    source_key: str
    fingerprint: str = ""


def source_key(record, title, document_type, countries, date):
    """An explicit [[id:...]], else a hash of the normalised title, type, countries and year."""
    explicit = values.unique(record.values("id"))
    if explicit:
        return "id:" + explicit[0][0]
    basis = "|".join([values.fold(title), document_type, ",".join(sorted(countries)), str(date.year)])
    return "sha256:" + hashlib.sha256(basis.encode()).hexdigest()[:32]


def read_record(record, file_name):
    """A record's PaperContent, or RecordError for a value the hub cannot take; warnings in a list."""
    warnings = []
    deadline = time.monotonic() + body.PARSE_SECONDS
    title = body.title(record.title, record.title_line, warnings)
    document_type = values.document_type(record.values("type"), warnings)
    date = values.publication_date(record.values("year"), warnings)
    countries = values.country_codes(record.values("country"), warnings)
    latitude, longitude = values.coordinates(record.values("latlng"), warnings)
    private = {key: [v.text.strip() for v in vals] for key, vals in record.metadata.items() if key not in PUBLIC_KEYS}
    content = PaperContent(
        title=title,
        document_type=document_type,
        publication_date=date,
        countries=countries,
        latitude=latitude,
        longitude=longitude,
        sdgs=values.sdg_numbers(record.values("sdgs")),
        terms={key: values.unique(record.values(key)) for key in TAXONOMIES},
        abstract=body.abstract(record, deadline),
        body=body.body_blocks(record, warnings, deadline),
        private=private,
        source_key=source_key(record, title, document_type, countries, date),
    )
    basis = {
        name: getattr(content, name)
        for name in ("title", "document_type", "countries", "latitude", "longitude", "sdgs", "abstract", "body")
    }
    basis.update(
        date=date.isoformat(),
        terms={key: sorted(values.fold(name) for name, _line in names) for key, names in content.terms.items()},
        private=private,
        source_key=content.source_key,
    )
    content.fingerprint = hashlib.sha256(json.dumps(basis, sort_keys=True).encode()).hexdigest()
    content.private |= {"source_file": file_name, "source_key": content.source_key, "fingerprint": content.fingerprint}
    return content, warnings


class PaperImporter:
    """Imports records as papers under one parent page, in the parent's locale.

    With a `user`, each file is written only where that user may write it in the admin: a new paper
    needs permission to add (and with `publish`, to publish) under the parent; an existing paper,
    matched anywhere in the locale, needs permission to edit (and publish) that page. Without a user
    the import runs as the system (the command without --user), with no permission checks.
    """

    # What the report calls a page, a page that does not validate, and a second file with the same source key.
    NOUN = "paper"
    PAGE = "paper"
    SAME_KEY = "same paper as {other} (title, type, countries and year): it updates that page"

    def __init__(self, parent, *, user=None, publish=False, dry_run=False):
        self.parent = parent.specific
        self.locale = self.parent.locale
        self.user = user
        self.publish = publish
        self.dry_run = dry_run
        self.imported_keys = {}  # source key -> file, to tell when two files describe one paper

    def run(self, files, progress=None):
        """Import (name, bytes) pairs; `progress(number, total, result)` is called after each file."""
        files = list(files)
        report = ImportReport(dry_run=self.dry_run)
        for number, (name, data) in enumerate(files, start=1):
            result = self.import_file(name, data)
            report.results.append(result)
            if progress:
                progress(number, len(files), result)
        return report

    def import_file(self, name, data):
        """Import one file; `data` is its bytes, or the OSError met reading it."""
        result = FileResult(name=name)
        try:
            if isinstance(data, OSError):
                raise RecordError(f"unreadable file: {data.strerror or data}")
            content = self._read(name, data, result)
            other = self.imported_keys.setdefault(content.source_key, name)
            if other != name:
                result.warnings.append(self.SAME_KEY.format(other=other))
            with transaction.atomic():
                self._save(content, result)
                if self.dry_run:
                    transaction.set_rollback(True)
        except (RecordError, ImportRefused) as error:
            result.fail(str(error))
        except ValidationError as error:
            messages = [f"{key}: {' '.join(texts)}" for key, texts in error.message_dict.items()]
            result.fail(f"the {self.PAGE} is not valid: " + "; ".join(messages))
        except Exception as error:  # one file's surprise must not stop the others
            logger.exception("Importing %s failed", name)
            result.fail(f"unexpected error: {error.__class__.__name__}: {error}")
        if result.failed:
            self._discard()
            result.page_id = None
            result.new_terms = []
            result.matched_terms = []
        return result

    def _read(self, name, data, result):
        """The file's content, with `result.title` and `result.warnings` set as far as it was read."""
        record = parse(data)
        result.title = record.title
        content, result.warnings = read_record(record, PurePath(name).name)
        result.title = content.title
        return content

    def _discard(self):
        """Undo what a failed file wrote outside the database (nothing, for papers)."""

    # --- Writing ------------------------------------------------------------------------

    def _save(self, content, result):
        existing = (
            PaperPage.objects.filter(
                locale=self.locale, alias_of__isnull=True, private_metadata__source_key=content.source_key
            )
            .order_by("pk")
            .first()
        )
        self._check_permissions(existing)
        if existing is not None:
            result.page_id = existing.pk
            page = existing.get_latest_revision_as_object()
            if page.private_metadata.get("fingerprint") == content.fingerprint:
                self._keep(existing, result)
                return
        else:
            page = PaperPage(locale=self.locale, live=False, owner=self.user)
            if self.locale.language_code in dict(PAPER_LANGUAGES):
                page.language = self.locale.language_code
        self._fill(page, content, result)
        self._write(page, existing, result)

    def _keep(self, existing, result):
        """A file that changes nothing: the page stays as it is, published if the import publishes."""
        result.status = "unchanged"
        if self.publish and (not existing.live or existing.has_unpublished_changes):
            self._publish(existing.get_latest_revision(), existing, result)

    def _write(self, page, existing, result):
        """Save `page` as a new revision (a new child of the parent when `existing` is None), then
        publish it or submit it to moderation."""
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

    def _check_permissions(self, existing):
        """Refuse, before anything is written, a file its user could not save in the admin."""
        if self.user is None:
            return
        if existing is None:
            perms = self.parent.permissions_for_user(self.user)
            if not perms.can_add_subpage():
                raise ImportRefused(f"you may not add {self.NOUN}s to '{self.parent.title}'")
            if self.publish and not perms.can_publish_subpage():
                raise ImportRefused(f"you may not publish {self.NOUN}s in '{self.parent.title}'")
            return
        perms = existing.permissions_for_user(self.user)
        if not perms.can_edit():
            raise ImportRefused(
                f"it matches the {self.NOUN} '{existing.title}' (id {existing.pk}), which you may not edit"
            )
        if self.publish and not perms.can_publish():
            raise ImportRefused(
                f"it matches the {self.NOUN} '{existing.title}' (id {existing.pk}), which you may not publish"
            )

    def _fill(self, page, content, result):
        page.title = content.title
        page.draft_title = content.title
        page.document_type = content.document_type
        page.publication_date = content.publication_date
        page.countries = content.countries
        page.latitude, page.longitude = content.latitude, content.longitude
        page.abstract = content.abstract
        page.body = content.body
        page.private_metadata = content.private
        page.sdgs.set(self._sdgs(content.sdgs))
        for key, (model, field_name) in TAXONOMIES.items():
            getattr(page, field_name).set(self._terms(model, content.terms[key], result))

    def _publish(self, revision, page, result):
        if self.dry_run:
            result.moderation = "would be published"
            return
        state = page.current_workflow_state
        if state is not None:
            state.cancel(user=self.user)  # --publish overrides moderation, as "Publish" does in the editor
        revision.publish(user=self.user)
        result.moderation = "published"

    def _submit(self, page, result):
        """Into the parent's moderation workflow where there is one; otherwise the revision stays a draft."""
        workflow = page.get_workflow()
        if workflow is None:
            result.moderation = "draft (no workflow)"
            return
        if self.dry_run:
            result.moderation = f"would be submitted to {workflow.name}"
            return
        state = page.current_workflow_state
        if state is None:
            workflow.start(page, self.user)
        elif state.status == state.STATUS_NEEDS_CHANGES:
            state.resume(user=self.user)
        result.moderation = f"submitted to {workflow.name}"

    # --- Vocabularies ---------------------------------------------------------------------

    def _sdgs(self, numbers):
        found = {sdg.number: sdg for sdg in SDG.objects.filter(locale=self.locale, number__in=numbers)}
        missing = [number for number in numbers if number not in found]
        if missing:  # goals not yet translated: the source-language goal, as a translation would link it
            found |= {sdg.number: sdg for sdg in SDG.objects.filter(locale=Locale.get_default(), number__in=missing)}
        return [found[number] for number in numbers if number in found]

    def _terms(self, model, names, result):
        """Records matched by name, slug or alternative label ; others created for review."""
        matcher = values.term_matcher(model, self.locale)
        terms = []
        for name, line in names:
            match = matcher.match(name)
            if match is None:
                display = values.display_name(name)
                if len(display) > NAME_MAX:
                    result.warnings.append(f"line {line}: '{body.truncate(display, 40)}' shortened to {NAME_MAX}")
                    display = body.truncate(display, NAME_MAX)
                term = model.objects.create(
                    name=display, slug=self._new_slug(model, name), locale=self.locale, needs_review=True
                )
                matcher.add(term)
                result.new_terms.append(f"{model._meta.verbose_name} '{term.name}'")
            else:
                term = match.record
                values.report_match(model, name, line, match, result)
            if term not in terms:
                terms.append(term)
        return terms

    def _new_slug(self, model, name):
        base = slugify(name)[:100].strip("-") or model._meta.model_name
        slug, suffix = base, 1
        while model.objects.filter(locale=self.locale, slug=slug).exists():
            suffix += 1
            slug = f"{base}-{suffix}"
        return slug


# --- Where papers go ------------------------------------------------------------------------


def get_locale(language_code):
    try:
        return Locale.objects.get(language_code=language_code)
    except Locale.DoesNotExist:
        known = ", ".join(Locale.objects.order_by("language_code").values_list("language_code", flat=True))
        raise ImportSetupError(f"no locale '{language_code}' (known: {known})") from None


def default_parent(locale):
    parent = PaperIndexPage.objects.filter(locale=locale).order_by("path").first()
    if parent is None:
        raise ImportSetupError(f"no paper library in locale '{locale.language_code}': give --parent")
    return parent


def find_parent(value):
    """A parent page from its id, its URL path (/en/papers/) or Wagtail url_path (/home/papers/)."""
    value = str(value).strip()
    if re.fullmatch(r"\d+", value):
        page = Page.objects.filter(pk=int(value)).first()
    else:
        path = "/" + value.strip("/") + "/" if value.strip("/") else "/"
        page = Page.objects.filter(url_path=path).first()
        if page is None:
            candidates = Page.objects.type(PaperIndexPage, MemberPage)
            page = next((p for p in candidates if p.get_url() in (path, path.rstrip("/"))), None)
    if page is None:
        raise ImportSetupError(f"no page '{value}': give the id or URL path of a paper library")
    page = page.specific
    if not PaperPage.can_create_at(page):
        raise ImportSetupError(f"'{page.title}' (id {page.pk}, a {page._meta.verbose_name}) cannot hold papers")
    return page
