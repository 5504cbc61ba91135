"""Merge one taxonomy record into another: the service the admin action and `merge_taxonomy` share.

Every reference moves, found through the model's relations rather than named, so this base
module never imports the apps that use the taxonomy: many-to-many choices (papers, events,
members, glossary terms, anything added later), foreign keys, and the choices saved in the
latest revision (and any scheduled one) of each page or snippet, so publishing an old draft
does not bring the removed record back. Each locale is merged with its own translation: the
removed record's French translation into the kept record's French one (made, as an untranslated
copy, if the kept record has none). The removed record's names become alternative labels of the
kept one. All of it in one transaction; `taxonomy_merged` then lets the search app refresh the
documents of the pages that changed.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.dispatch import Signal
from django.utils.translation import gettext as _

from wagtail.log_actions import log
from wagtail.models import DraftStateMixin, Locale, Page, ReferenceIndex, Revision, RevisionMixin

from hub.base.cache import invalidate_now_and_on_commit
from hub.base.models import DataSource, Method, Sector, TaxonomyBase, Theme

LOG_ACTION = "hub.base.taxonomy_merge"

# Sent after a merge is saved: sender is the taxonomy model, `records` the kept records (every
# locale), `page_ids` the pages whose choices changed. The search app listens.
taxonomy_merged = Signal()

KINDS = {"theme": Theme, "method": Method, "sector": Sector, "datasource": DataSource}
KIND_ALIASES = {"themes": "theme", "methods": "method", "sectors": "sector", "data-source": "datasource"}
KIND_ALIASES |= {"data-sources": "datasource", "data_source": "datasource", "datasources": "datasource"}


class MergeError(Exception):
    """A merge that must not happen (into itself, across kinds, unknown records); the message says why."""


def kind_model(kind):
    model = KINDS.get(KIND_ALIASES.get(kind.lower(), kind.lower()))
    if model is None:
        raise MergeError(
            _("Unknown kind '%(kind)s': use one of %(kinds)s.") % {"kind": kind, "kinds": ", ".join(KINDS)}
        )
    return model


def can_merge(user, model):
    """Moderators: whoever may both change and delete records of this kind."""
    label = model._meta.app_label
    name = model._meta.model_name
    return bool(user and user.has_perm(f"{label}.change_{name}") and user.has_perm(f"{label}.delete_{name}"))


@dataclass
class MergePlan:
    source: TaxonomyBase
    target: TaxonomyBase
    pairs: list = field(default_factory=list)  # (removed record, kept record or None until made) per locale
    counts: Counter = field(default_factory=Counter)  # verbose name plural of the referring model -> objects
    page_ids: set = field(default_factory=set)
    owner_ids: dict = field(default_factory=dict)  # referring model -> ids of its objects that refer
    revisions: int = 0
    dry_run: bool = False

    @property
    def pages(self):
        return len(self.page_ids)

    @property
    def moved(self):
        """[(what, how many)], for templates (a Counter answers any key there)."""
        return sorted(self.counts.items())

    def describe(self):
        moved = ", ".join(f"{count} {name}" for name, count in self.moved) or _("nothing")
        return _("'%(source)s' into '%(target)s': %(moved)s; %(revisions)s latest revisions updated") % {
            "source": self.source.name,
            "target": self.target.name,
            "moved": moved,
            "revisions": self.revisions,
        }


def _check(source, target):
    if type(source) is not type(target):
        raise MergeError(
            _("A %(source_kind)s cannot be merged into a %(target_kind)s: both must be of one kind.")
            % {"source_kind": source._meta.verbose_name, "target_kind": target._meta.verbose_name}
        )
    if not isinstance(source, TaxonomyBase):
        raise MergeError(_("Only themes, methods, sectors and data sources can be merged."))
    if source.translation_key == target.translation_key:
        raise MergeError(_("'%(name)s' cannot be merged into itself.") % {"name": source.name})


def _m2m_relations(model):
    """(through model, owner column, taxonomy column, owner model, owner field name) of every choice of `model`."""
    for rel in model._meta.get_fields(include_hidden=True):
        if isinstance(rel, models.ManyToManyRel):
            m2m = rel.field
            yield m2m.remote_field.through, m2m.m2m_column_name(), m2m.m2m_reverse_name(), rel.related_model, m2m.name


def _fk_relations(model):
    """(model, field name) of every foreign key to `model` outside the many-to-many tables."""
    for rel in model._meta.get_fields(include_hidden=True):
        if isinstance(rel, models.ManyToOneRel) and not rel.related_model._meta.auto_created:
            yield rel.related_model, rel.field.name


def pages_using(record):
    """Ids of the pages whose choices include `record` (any field, any page type)."""
    ids = set()
    for through, owner_column, taxonomy_column, owner, _name in _m2m_relations(type(record)):
        if issubclass(owner, Page):
            ids |= set(through.objects.filter(**{taxonomy_column: record.pk}).values_list(owner_column, flat=True))
    return ids


def _pairs(source, target):
    model = type(source)
    kept = {record.locale_id: record for record in model.objects.filter(translation_key=target.translation_key)}
    return [
        (removed, kept.get(removed.locale_id))
        for removed in model.objects.filter(translation_key=source.translation_key)
    ]


def _count(plan, removed_ids):
    model = type(plan.source)
    for through, owner_column, taxonomy_column, owner, _name in _m2m_relations(model):
        ids = set(
            through.objects.filter(**{f"{taxonomy_column}__in": removed_ids}).values_list(owner_column, flat=True)
        )
        plan.owner_ids.setdefault(owner, set()).update(ids)
        if ids:
            plan.counts[str(owner._meta.verbose_name_plural)] += len(ids)
            if issubclass(owner, Page):
                plan.page_ids |= ids
    for owner, name in _fk_relations(model):
        count = owner._default_manager.filter(**{f"{name}__in": removed_ids}).count()
        if count:
            plan.counts[str(owner._meta.verbose_name_plural)] += count


def _revision_sets(plan):
    """(revisions queryset, field names) for each revisioned model whose content may name a removed record.

    A latest revision can only differ from the saved object when it holds unpublished changes, so
    of the others only those of the objects that refer to a removed record are read.
    """
    fields = {}
    for _through, _owner_column, _taxonomy_column, owner, name in _m2m_relations(type(plan.source)):
        if issubclass(owner, RevisionMixin):
            fields.setdefault(owner, []).append(name)
    for owner, names in fields.items():
        content_types = [
            ContentType.objects.get_for_model(m, for_concrete_model=False) for m in _with_subclasses(owner)
        ]
        objects = owner._default_manager.exclude(latest_revision=None)
        if issubclass(owner, DraftStateMixin):
            referring = plan.owner_ids.get(owner, set())
            objects = objects.filter(models.Q(pk__in=referring) | models.Q(has_unpublished_changes=True))
        latest = objects.values("latest_revision_id")
        revisions = Revision.objects.filter(content_type__in=content_types).filter(
            models.Q(pk__in=latest) | models.Q(approved_go_live_at__isnull=False)
        )
        yield revisions, names


def _with_subclasses(model):
    found = [model]
    for subclass in model.__subclasses__():
        if not subclass._meta.abstract:
            found += _with_subclasses(subclass)
    return found


def _move_revisions(plan, mapping):
    """Replace removed ids by kept ones in the content of the latest and scheduled revisions."""
    for revisions, names in _revision_sets(plan):
        for revision in revisions.iterator():
            content = revision.content
            changed = False
            for name in names:
                chosen = content.get(name)
                if not isinstance(chosen, list) or not any(pk in mapping for pk in chosen):
                    continue
                content[name] = list(dict.fromkeys(mapping.get(pk, pk) for pk in chosen))
                changed = True
            if changed:
                plan.revisions += 1
                if not plan.dry_run:
                    Revision.objects.filter(pk=revision.pk).update(content=content)
                if issubclass(revision.base_content_type.model_class() or object, Page):
                    plan.page_ids.add(int(revision.object_id))


def _move_references(plan, mapping):
    model = type(plan.source)
    for through, owner_column, taxonomy_column, _owner, _name in _m2m_relations(model):
        for removed_id, kept_id in mapping.items():
            rows = through.objects.filter(**{taxonomy_column: removed_id})
            already = through.objects.filter(**{taxonomy_column: kept_id}).values(owner_column)
            rows.filter(**{f"{owner_column}__in": already}).delete()
            rows.update(**{taxonomy_column: kept_id})
    for owner, name in _fk_relations(model):
        for removed_id, kept_id in mapping.items():
            owner._default_manager.filter(**{name: removed_id}).update(**{name: kept_id})


def _add_labels(kept, removed):
    labels = kept.alt_label_list
    known = {label.casefold() for label in [kept.name, *labels]}
    for label in removed.labels:
        if label.casefold() not in known:
            labels.append(label)
            known.add(label.casefold())
    kept.alt_labels = "\n".join(labels)
    if not kept.description and removed.description:
        kept.description = removed.description


def _kept_translation(target, locale_id):
    """The kept record in another locale: an untranslated copy, as wagtail-localize shows one meanwhile."""
    copy = target.copy_for_translation(Locale.objects.get(pk=locale_id))
    if type(target).objects.filter(locale_id=locale_id, slug=copy.slug).exists():
        raise MergeError(
            _("Another record already has the slug '%(slug)s' in that language; rename it first.") % {"slug": copy.slug}
        )
    copy.alt_labels = ""
    copy.save()
    return copy


def merge(source, target, *, user=None, dry_run=False):
    """Merge `source` into `target` in every locale; returns the MergePlan (what moved, or would move).

    Raises MergeError for a merge that must not happen. A dry run computes the plan and changes nothing.
    """
    _check(source, target)
    model = type(source)
    plan = MergePlan(source=source, target=target, dry_run=dry_run)
    pairs = _pairs(source, target)
    _count(plan, [removed.pk for removed, _kept in pairs])
    if dry_run:
        plan.pairs = pairs
        _move_revisions(plan, {removed.pk: -1 for removed, _kept in pairs})
        return plan

    with transaction.atomic():
        mapping = {}
        for removed, kept in pairs:
            if kept is None:
                kept = _kept_translation(target, removed.locale_id)
            plan.pairs.append((removed, kept))
            mapping[removed.pk] = kept.pk
            _add_labels(kept, removed)
        _move_references(plan, mapping)
        _move_revisions(plan, mapping)
        removed_names = [removed.name for removed, _kept in plan.pairs]
        kept_records = []
        for removed, _kept in plan.pairs:
            removed.delete()
        for _removed, kept in plan.pairs:
            kept.save()
            kept_records.append(kept)
        _forget_translation_sources(source)
        log(
            instance=target,
            action=LOG_ACTION,
            user=user,
            data={
                "kind": model._meta.model_name,
                "from": removed_names,
                "into": target.name,
                "moved": dict(plan.counts),
            },
        )
        for page in Page.objects.filter(pk__in=plan.page_ids):
            ReferenceIndex.create_or_update_for_object(page)
        invalidate_now_and_on_commit()
        taxonomy_merged.send(sender=model, records=kept_records, page_ids=sorted(plan.page_ids))
    return plan


def _forget_translation_sources(source):
    """wagtail-localize's record of the removed record as a translation source; it would recreate it on sync."""
    from django.apps import apps

    if not apps.is_installed("wagtail_localize"):
        return
    from wagtail_localize.models import TranslationSource

    content_type = ContentType.objects.get_for_model(type(source))
    TranslationSource.objects.filter(specific_content_type=content_type, object_id=source.translation_key).delete()
