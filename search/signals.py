"""Keep search documents in step with publishing, moves, deletion and privacy."""

from django.db.models.signals import post_delete, post_save

from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

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


def connect():
    for model in documents.TYPES:
        page_published.connect(on_published, sender=model, dispatch_uid=f"search-publish-{model.__name__}")
        page_unpublished.connect(on_unpublished, sender=model, dispatch_uid=f"search-unpublish-{model.__name__}")
    post_delete.connect(on_document_deleted, sender=SearchDocument, dispatch_uid="search-document-delete")
    post_page_move.connect(on_moved, dispatch_uid="search-move")
    post_save.connect(on_restriction_changed, sender=PageViewRestriction, dispatch_uid="search-restrict")
    post_delete.connect(on_restriction_changed, sender=PageViewRestriction, dispatch_uid="search-unrestrict")
