"""Keep search documents in step with publishing, moves, deletion and privacy."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from hub.base.taxonomy_merge import KINDS, pages_using, taxonomy_merged

from . import documents
from .models import SearchDocument


def on_published(sender, instance, **kwargs):
    documents.sync_page(instance)
    documents.sync_terms_naming(instance)


def on_unpublished(sender, instance, **kwargs):
    documents.remove_page(instance)
    documents.sync_terms_naming(instance)


def on_moved(sender, instance, **kwargs):
    documents.sync_subtree(instance)


def on_restriction_changed(sender, instance, **kwargs):
    documents.sync_subtree(instance.page)
    documents.sync_terms_naming(instance.page)


def on_document_deleted(sender, instance, **kwargs):
    documents.unindex(instance)


def _sync_pages_on_commit(page_ids):
    def sync():
        for page in Page.objects.filter(pk__in=page_ids).specific():
            documents.sync_page(page)

    if page_ids:
        transaction.on_commit(sync)


def on_taxonomy_merged(sender, page_ids, **kwargs):
    _sync_pages_on_commit(page_ids)


def on_taxonomy_saved(sender, instance, created, raw=False, **kwargs):
    """A renamed record or new alternative labels change the text of the pages filed under it."""
    if not created and not raw:
        ids = set(pages_using(instance))
        if hasattr(instance, "pages"):  # the method's or theme's own catalogue page
            ids |= set(instance.pages.values_list("pk", flat=True))
        _sync_pages_on_commit(ids)


def connect():
    for model in documents.TYPES:
        page_published.connect(on_published, sender=model, dispatch_uid=f"search-publish-{model.__name__}")
        page_unpublished.connect(on_unpublished, sender=model, dispatch_uid=f"search-unpublish-{model.__name__}")
    post_delete.connect(on_document_deleted, sender=SearchDocument, dispatch_uid="search-document-delete")
    post_page_move.connect(on_moved, dispatch_uid="search-move")
    post_save.connect(on_restriction_changed, sender=PageViewRestriction, dispatch_uid="search-restrict")
    post_delete.connect(on_restriction_changed, sender=PageViewRestriction, dispatch_uid="search-unrestrict")
    taxonomy_merged.connect(on_taxonomy_merged, dispatch_uid="search-taxonomy-merged")
    for model in KINDS.values():
        post_save.connect(on_taxonomy_saved, sender=model, dispatch_uid=f"search-taxonomy-{model.__name__}")
