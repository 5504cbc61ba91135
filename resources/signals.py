"""Forget cached glossary artefacts (link matchers, crosswalk rows) whenever the glossary changes."""

from django.db.models.signals import post_delete, post_save

from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from .linking import bump_version, warm
from .models import GlossaryIndexPage, GlossaryTermPage


def on_glossary_changed(sender, **kwargs):
    bump_version()


def on_glossary_published(sender, instance, **kwargs):
    """Rebuild the published page's locale at once, so visitors never pay for a cold cache."""
    bump_version()
    warm(instance.locale)


def connect():
    for model in (GlossaryTermPage, GlossaryIndexPage):
        name = model.__name__
        page_published.connect(on_glossary_published, sender=model, dispatch_uid=f"glossary-publish-{name}")
        page_unpublished.connect(on_glossary_changed, sender=model, dispatch_uid=f"glossary-unpublish-{name}")
        # Pages created or edited outside the publishing workflow (imports, factories, shell).
        post_save.connect(on_glossary_changed, sender=model, dispatch_uid=f"glossary-save-{name}")
        post_delete.connect(on_glossary_changed, sender=model, dispatch_uid=f"glossary-delete-{name}")
    # A move anywhere above the glossary changes term URLs; moves are rare, so any move counts.
    post_page_move.connect(on_glossary_changed, dispatch_uid="glossary-move")
    post_save.connect(on_glossary_changed, sender=PageViewRestriction, dispatch_uid="glossary-restrict")
    post_delete.connect(on_glossary_changed, sender=PageViewRestriction, dispatch_uid="glossary-unrestrict")
