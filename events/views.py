"""Calendar feeds (.ics): every event of the movement, and each chapter's events; the registration
form's target and a registrant's own page (routes of EventPage)."""

from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from hub.base.memo import active_locale, public
from hub.base.security import client_ip
from members.models import ChapterPage

from . import registrations
from .forms import RegistrationForm
from .ical import build_calendar, calendar_response, in_calendar_window, one_per_event
from .models import EventPage


def _feed_events(**filters):
    # Aliases repeat an event untranslated in another locale: the source stands for them.
    events = public(EventPage.objects.live()).filter(alias_of__isnull=True, **filters).select_related("chapter")
    return one_per_event(in_calendar_window(events), active_locale())


def events_calendar(request):
    """All upcoming and recent events, each once, in the visitor's language where translated."""
    calendar = build_calendar(_feed_events(), request, _("CLD Hub events"), "events")
    return calendar_response(calendar, "cld-hub-events.ics")


def chapter_calendar(request, slug):
    """The events of the chapter with this slug (in any language), as one calendar."""
    chapters = public(ChapterPage.objects.live()).filter(slug=slug)
    chapter = chapters.filter(locale=active_locale()).first() or chapters.first()
    if chapter is None:
        raise Http404("No such chapter")
    events = _feed_events(chapter__translation_key__in=chapters.values("translation_key"))
    name = _("%(chapter)s events · CLD Hub") % {"chapter": chapter.title}
    calendar = build_calendar(events, request, name, f"chapter-{chapter.translation_key}")
    return calendar_response(calendar, f"{slug}-events.ics")


# --- registration on the hub (events/registrations.py) --------------------------------------


def _page(event, request, status=200, **context):
    response = event.render(request, context_overrides=context)
    response.status_code = status
    return response


def register(event, request):
    """The registration form's POST: 400 for bad input, 409 when closed, 429 over the rate limits."""
    if request.method != "POST":
        return HttpResponseRedirect(event.get_url(request) + "#register")
    if not event.takes_registrations:
        return _page(event, request, 409, registration_error=_("Registration for this event is closed."))
    form = RegistrationForm(request.POST)
    if form.is_bot:
        # Answer as if it worked: a bot learns nothing, and nothing is stored or sent.
        return _page(event, request, registration_done={"name": form.data.get("name", ""), "created": True})
    if not registrations.within_ip_limit(client_ip(request)):
        return _page(
            event, request, 429, registration_error=_("Too many registrations from your network. Try again in an hour.")
        )
    if not form.is_valid():
        return _page(event, request, 400, registration_form=form)
    if not registrations.within_address_limit(form.cleaned_data["email"]):
        return _page(
            event,
            request,
            429,
            registration_error=_("Too many registrations for this e-mail address. Try again in an hour."),
        )
    registration, created = registrations.register(
        event,
        name=form.cleaned_data["name"],
        email=form.cleaned_data["email"],
        organisation=form.cleaned_data["organisation"],
        country=form.cleaned_data["country"],
        accessibility=form.cleaned_data["accessibility"],
        language=get_language(),
    )
    if not created:
        # The same message whoever asks; the person behind the address gets their details again.
        transaction.on_commit(lambda: registrations.resend_confirmation(registration.pk))
    done = {
        "name": form.cleaned_data["name"],
        "email": form.cleaned_data["email"],
        "created": created,
        "waitlisted": created and registration.status == registration.WAITLISTED,
    }
    return _page(event, request, registration_done=done)


def registration(event, request, token):
    """A registrant's page from their e-mail: their registration, and a button to cancel it (POST)."""
    registration = registrations.registration_for_token(token)
    if registration is None or registration.event_key != event.translation_key:
        return TemplateResponse(
            request,
            "events/registration.html",
            {"page": event, "error": _("This link is not valid. Use the link in your latest e-mail about this event.")},
            status=400,
        )
    context = {"page": event, "registration": registration}
    if request.method == "POST":
        if not event.is_upcoming or event.start <= timezone.now():
            context["error"] = _("This event has started: a registration can no longer be cancelled.")
            return TemplateResponse(request, "events/registration.html", context, status=409)
        context["cancelled_now"] = registrations.cancel(registration)
        registration.refresh_from_db()
    response = TemplateResponse(request, "events/registration.html", context)
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
