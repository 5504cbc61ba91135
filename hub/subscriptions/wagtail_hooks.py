"""What subscriptions contribute: the follow form on pages, the periodic jobs, personal data requests,
and the subscribers' listing in the admin (moderators only)."""

import json

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton

from hub.base import personal_data
from hub.base.periodic import PeriodicJob
from hub.base.sections import Section

from . import services, tasks
from .models import Subscriber

HEADINGS = {
    services.Kind.ALL: _("Get the weekly digest"),
    services.Kind.PAPERS: _("Follow new papers"),
    services.Kind.EVENTS: _("Follow new events"),
    services.Kind.CHAPTER: _("Follow this chapter"),
    services.Kind.MEMBER: _("Follow this organisation"),
    services.Kind.THEME: _("Follow this theme"),
    services.Kind.METHOD: _("Follow this method"),
}


@hooks.register("hub_page_sections")
def follow_form(page, request):
    """The follow form on the home page, the paper and event indexes, chapter and member pages, and any
    page with a `follow_topic` (theme and method pages): in the side column where a page has one."""
    topic = services.topic_for_page(page)
    if topic is None:
        return None
    kind, record = topic
    return Section(
        "follow",
        "subscriptions/sections/follow.html",
        {"topic": services.topic_value(kind, record), "kind": kind, "follow_heading": HEADINGS[kind]},
        order=900,
        region="facts" if kind in (services.Kind.CHAPTER, services.Kind.MEMBER) else "main",
    )


@hooks.register("hub_periodic_jobs")
def periodic_jobs():
    return [
        PeriodicJob("subscriptions-digest", tasks.send_digests),
        PeriodicJob("subscriptions-delete-unconfirmed", tasks.delete_unconfirmed),
    ]


@hooks.register("hub_personal_data")
def subscribers_data():
    return personal_data.PersonalData("subscriptions", export=services.export, erase=services.erase)


class SubscriberIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.append(
            ListingButton(_("Export data"), url=reverse("subscribers:export", args=[instance.pk]), priority=25)
        )
        return buttons


def export_view(request, pk):
    """Everything the hub keeps about this subscriber's address, from every app, as a JSON download."""
    if not request.user.has_perm("subscriptions.view_subscriber"):
        raise PermissionDenied
    subscriber = get_object_or_404(Subscriber, pk=pk)
    response = HttpResponse(
        json.dumps(personal_data.export(subscriber.email), indent=2, ensure_ascii=False),
        content_type="application/json",
    )
    response["Content-Disposition"] = f'attachment; filename="personal-data-{subscriber.pk}.json"'
    return response


class SubscriberViewSet(ModelViewSet):
    """Subscribers' addresses are personal data: listed for whoever holds subscriptions.view_subscriber
    (the Moderators group), exported per person, deleted for good."""

    model = Subscriber
    icon = "mail"
    menu_label = _("Subscribers")
    menu_order = 850
    add_to_admin_menu = True
    index_view_class = SubscriberIndexView
    list_display = ["email", "language", "created_at", "confirmed_at", "last_digest_at"]
    list_filter = ["language"]
    search_fields = ["email"]
    inspect_view_enabled = True
    form_fields = ["email", "language"]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [path("export/<int:pk>/", export_view, name="export")]


@hooks.register("register_admin_viewset")
def register_subscribers():
    return SubscriberViewSet("subscribers")
