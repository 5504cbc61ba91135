"""Topics: what a subscription follows, as text ("theme:<id>") and as (kind, record)."""

from wagtail.models import Page

from events.models import EventIndexPage
from hub.base.models import HomePage, Method, Theme
from members.models import ChapterPage, MemberPage
from resources.models import PaperIndexPage

from ..models import Subscription

Kind = Subscription.Kind
PLAIN_KINDS = {Kind.ALL, Kind.PAPERS, Kind.EVENTS}
RECORD_MODELS = {Kind.THEME: Theme, Kind.METHOD: Method, Kind.CHAPTER: ChapterPage, Kind.MEMBER: MemberPage}


class InvalidTopic(ValueError):
    pass


def parse_topic(value):
    """(kind, record or None) for a topic string; InvalidTopic when it names nothing that exists."""
    kind, _sep, ident = str(value).partition(":")
    if kind in PLAIN_KINDS and not ident:
        return Kind(kind), None
    model = RECORD_MODELS.get(kind)
    if model is None or not ident.isdigit() or len(ident) > 12:
        raise InvalidTopic(value)
    queryset = model.objects.live() if issubclass(model, Page) else model.objects.all()
    record = queryset.filter(pk=int(ident)).first()
    if record is None:
        raise InvalidTopic(value)
    return Kind(kind), record


def topic_value(kind, record=None):
    return f"{kind}:{record.pk}" if record is not None else str(kind)


def topic_for_page(page):
    """(kind, record or None) that a page offers to follow, or None."""
    specific = getattr(page, "specific_deferred", page)
    if isinstance(specific, HomePage):
        return Kind.ALL, None
    if isinstance(specific, PaperIndexPage):
        return Kind.PAPERS, None
    if isinstance(specific, EventIndexPage):
        return Kind.EVENTS, None
    if isinstance(specific, ChapterPage):
        return Kind.CHAPTER, specific
    if isinstance(specific, MemberPage):
        return Kind.MEMBER, specific
    offered = getattr(specific, "follow_topic", None)
    if offered:
        kind, record = offered
        if kind in (Kind.THEME, Kind.METHOD) and record is not None:
            return Kind(kind), record
    return None


def subscription_fields(kind, record):
    fields = {"kind": kind, "page": None, "theme": None, "method": None}
    if kind in Subscription.PAGE_KINDS:
        fields["page"] = record.page_ptr if hasattr(record, "page_ptr") else record
    elif kind == Kind.THEME:
        fields["theme"] = record
    elif kind == Kind.METHOD:
        fields["method"] = record
    return fields
