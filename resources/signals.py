"""Forget cached glossary artefacts (link matchers, crosswalk rows) whenever the glossary changes;
keep a record of papers taken off the site for OAI-PMH harvesters (resources/oai.py)."""

from django.db.models.signals import post_delete, post_save, pre_delete
from django.utils import timezone

from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from .linking import bump_version, warm
from .models import GlossaryIndexPage, GlossaryTermPage, PaperPage, PaperWithdrawal
from .oai import paper_set_specs


def _withdraw(paper, reason):
    specs = " ".join(paper_set_specs(paper))
    PaperWithdrawal.objects.update_or_create(
        page_id=paper.pk, defaults={"withdrawn_at": timezone.now(), "reason": reason, "set_specs": f" {specs} "}
    )


def on_paper_unpublished(sender, instance, **kwargs):
    _withdraw(instance, "unpublished")


def on_paper_deleted(sender, instance, **kwargs):
    # Before the deletion, while its themes and organisations can still be read; a draft that
    # was never live was never harvested, so it leaves no record.
    if instance.live or PaperWithdrawal.objects.filter(page_id=instance.pk).exists():
        _withdraw(instance, "deleted")


def on_paper_gone(sender, instance, **kwargs):
    # Wagtail unpublishes a live page in its own pre_delete handler, which may run after ours.
    PaperWithdrawal.objects.filter(page_id=instance.pk).update(reason="deleted")


def on_paper_published(sender, instance, **kwargs):
    PaperWithdrawal.objects.filter(page_id=instance.pk).delete()


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
    page_unpublished.connect(on_paper_unpublished, sender=PaperPage, dispatch_uid="paper-withdraw-unpublish")
    pre_delete.connect(on_paper_deleted, sender=PaperPage, dispatch_uid="paper-withdraw-delete")
    post_delete.connect(on_paper_gone, sender=PaperPage, dispatch_uid="paper-withdraw-gone")
    page_published.connect(on_paper_published, sender=PaperPage, dispatch_uid="paper-withdraw-publish")
    # A move anywhere above the glossary changes term URLs; moves are rare, so any move counts.
    post_page_move.connect(on_glossary_changed, dispatch_uid="glossary-move")
    post_save.connect(on_glossary_changed, sender=PageViewRestriction, dispatch_uid="glossary-restrict")
    post_delete.connect(on_glossary_changed, sender=PageViewRestriction, dispatch_uid="glossary-unrestrict")
