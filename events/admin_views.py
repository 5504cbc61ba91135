"""The admin's registration views: who registered for an event, as a table and as CSV, and one
person's data on request (export or delete).

An event's registrations are seen by moderators and by the chapter leads of the event's chapter
(the `Chapter leads: <chapter>` group holding permissions on that chapter or a translation of it);
anyone else gets a 403, even with edit rights on the page. The per-person view is the secretariat's.
"""

import csv
import json

from django import forms
from django.contrib import messages
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from django.views.defaults import permission_denied
from django.views.generic import FormView, TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from members import roles
from members.models import ChapterPage

from . import registrations
from .models import EventPage, Registration

CSV_COLUMNS = [
    ("name", _("Name")),
    ("email", _("E-mail")),
    ("organisation", _("Organisation")),
    ("country", _("Country")),
    ("accessibility", _("Accessibility needs")),
    ("status", _("Status")),
    ("language", _("Language")),
    ("created_at", _("Registered")),
]
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def lead_chapter_keys(user):
    """The translation keys of the chapters whose leads' group `user` belongs to."""
    groups = Group.objects.filter(user=user, name__startswith=roles.CHAPTER_LEADS_PREFIX)
    return ChapterPage.objects.filter(group_permissions__group__in=groups).values("translation_key")


def visible_events(user):
    """The events whose registrations `user` may see."""
    events = EventPage.objects.filter(Q(registration_open=True) | Q(registrations__isnull=False)).distinct()
    if roles.is_moderator(user):
        return events
    return events.filter(chapter__translation_key__in=lead_chapter_keys(user))


def may_see_registrations(user, event):
    if not user.is_active:
        return False
    if roles.is_moderator(user):
        return True
    if event.chapter_id is None:
        return False
    group = roles.chapter_group(event.chapter)
    return group is not None and user.groups.filter(pk=group.pk).exists()


def forbidden(request):
    """A plain 403: Wagtail's admin turns a raised PermissionDenied into a redirect to the dashboard."""
    return permission_denied(request, PermissionDenied())


def _event_for(request, page_id):
    """The event, or None when the user may not see its registrations."""
    event = get_object_or_404(EventPage, pk=page_id)
    return event if may_see_registrations(request.user, event) else None


class RegistrationIndexView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "events/admin/registration_index.html"
    page_title = _("Event registrations")
    header_icon = "form"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        events = visible_events(self.request.user).order_by("-start")
        events = events.annotate(
            confirmed=Count("registrations", filter=Q(registrations__status=Registration.CONFIRMED)),
            waitlisted=Count("registrations", filter=Q(registrations__status=Registration.WAITLISTED)),
        )
        context["events"] = events.select_related("locale")
        context["is_moderator"] = roles.is_moderator(self.request.user)
        return context

    def get_breadcrumbs_items(self):
        return [{"url": reverse("wagtailadmin_home"), "label": _("Home")}, {"url": "", "label": self.page_title}]


class EventRegistrationsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "events/admin/event_registrations.html"
    header_icon = "form"

    def dispatch(self, request, *args, **kwargs):
        self.event = _event_for(request, kwargs["page_id"])
        if self.event is None:
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Registrations: %(event)s") % {"event": self.event.title}

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {"url": reverse("events_registrations"), "label": _("Event registrations")},
            {"url": "", "label": self.event.title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["event"] = self.event
        context["registrations"] = registrations.registrations_of(self.event).order_by("status", "created_at")
        context["counts"] = registrations.counts(self.event)
        context["places_left"] = registrations.places_left(self.event)
        return context


def _cell(value):
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def registrations_csv(request, page_id):
    """The event's registrations as CSV (UTF-8 with a byte-order mark, which spreadsheets need)."""
    event = _event_for(request, page_id)
    if event is None:
        return forbidden(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"{event.slug}-registrations-{timezone.now():%Y%m%d}.csv"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "private, no-store"
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([str(label) for _name, label in CSV_COLUMNS])
    for registration in registrations.registrations_of(event).order_by("status", "created_at"):
        row = []
        for name, _label in CSV_COLUMNS:
            value = getattr(registration, name)
            if name == "country":
                value = value.code
            elif name == "created_at":
                value = value.isoformat(timespec="seconds")
            row.append(_cell(value))
        writer.writerow(row)
    return response


class PersonalDataForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))


class PersonalDataView(WagtailAdminTemplateMixin, FormView):
    """Moderators export or delete everything the event registrations hold about one address."""

    template_name = "events/admin/personal_data.html"
    form_class = PersonalDataForm
    page_title = _("Registrants' personal data")
    header_icon = "user"

    def dispatch(self, request, *args, **kwargs):
        if not roles.is_moderator(request.user):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {"url": reverse("events_registrations"), "label": _("Event registrations")},
            {"url": "", "label": self.page_title},
        ]

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        if self.request.POST.get("action") == "delete":
            deleted = registrations.delete_personal_data(email)
            messages.success(self.request, _("%(count)s registrations deleted.") % {"count": deleted})
            return redirect("events_personal_data")
        response = HttpResponse(
            json.dumps({"registrations": registrations.personal_data(email)}, indent=2, ensure_ascii=False),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = content_disposition_header(True, "registrations.json")
        response["Cache-Control"] = "private, no-store"
        return response
