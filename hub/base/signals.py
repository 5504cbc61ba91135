"""What makes the page cache stale (hub/base/cache.py): any change a visitor could see on some page."""

from django.apps import apps
from django.db.models.signals import post_delete, post_save

from wagtail.documents.models import document_served
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from hub.base.cache import invalidate_now_and_on_commit
from hub.base.readership import mark_document_download

# Apps whose records (taxonomy, people, inline rows, glossary variants) appear on pages.
CONTENT_APPS = ("hub", "members", "resources", "events")
# Records no cached page depends on enough to throw every page away: the readership counts, written
# by every flush (a paper page's "downloaded N times" may lag by HUB_PAGE_CACHE_SECONDS).
NOT_INVALIDATING = {"hub.PageDailyCount", "hub.DocumentDailyCount"}


def _page_changed(sender, **kwargs):
    invalidate_now_and_on_commit()


def _record_changed(sender, instance, **kwargs):
    if not isinstance(instance, Page):  # pages: _page_saved, _page_deleted
        invalidate_now_and_on_commit()


def connect():
    page_published.connect(_page_changed, dispatch_uid="hub-cache-published")
    page_unpublished.connect(_page_changed, dispatch_uid="hub-cache-unpublished")
    post_page_move.connect(_page_changed, dispatch_uid="hub-cache-moved")
    senders = [PageViewRestriction, Site, Locale]
    senders += [
        model
        for app in CONTENT_APPS
        for model in apps.get_app_config(app).get_models()
        if model._meta.label not in NOT_INVALIDATING
    ]
    for model in senders:
        for signal in (post_save, post_delete):
            uid = f"hub-cache-{'save' if signal is post_save else 'delete'}-{model._meta.label}"
            signal.connect(_record_changed, sender=model, dispatch_uid=uid)
    # Pages of any type, wherever their model lives.
    post_save.connect(_page_saved, dispatch_uid="hub-cache-page-saved")
    post_delete.connect(_page_deleted, dispatch_uid="hub-cache-page-deleted")
    document_served.connect(mark_document_download, dispatch_uid="hub-readership-download")


# What Page.save_revision() and locking write: nothing a visitor sees.
DRAFT_FIELDS = {
    "wagtail_admin_comments",
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "has_unpublished_changes",
    "locked",
    "locked_at",
    "locked_by",
}


def _page_saved(sender, instance, update_fields=None, **kwargs):
    # A draft changes nothing visitors see; a live page saved by code (importers,
    # factories, the demo) does, without a publish signal.
    if not isinstance(instance, Page) or not instance.live:
        return
    if update_fields is not None and set(update_fields) <= DRAFT_FIELDS:
        return
    invalidate_now_and_on_commit()


def _page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        invalidate_now_and_on_commit()
