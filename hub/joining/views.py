"""Public views: the application form and its signed links, the contact form, a chapter join request.

None of them is cached (never_cache): each is its own URL with an ordinary CSRF-protected form, so the
full-page cache (hub/base/cache.py), which keeps no response that sets a cookie, never holds a token.
Member and chapter pages only link here (wagtail_hooks.py).
"""

from email.utils import formataddr

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from wagtail.models import Page

from hub.base.mail import queue_mail
from hub.base.ratelimit import allow
from hub.base.security import client_ip
from members.models import ChapterPage, MemberPage

from . import services
from .forms import AnswerForm, ApplicationForm, ChapterJoinForm, ContactForm
from .models import ChapterJoinRequest

WINDOW = 3600
APPLY_LIMIT_PER_IP = 10
APPLY_LIMIT_PER_ADDRESS = 3
CONTACT_LIMIT_PER_IP = 10
CONTACT_LIMIT_PER_ADDRESS = 5
LINK_LIMIT_PER_IP = 30


def _message(request, title, text, status=200):
    return render(request, "joining/message.html", {"title": title, "text": text}, status=status)


def _too_many(request):
    return _message(
        request, _("Too many attempts"), _("Too many attempts from here. Please try again in an hour."), status=429
    )


def _bad_link(request, error):
    if error.expired:
        text = _("This link has expired. Write to the secretariat if you still need it.")
    else:
        text = _("This link is not valid: it may have been mistyped, or it was already used.")
    return _message(request, _("Link not valid"), text, status=400)


@never_cache
@require_http_methods(["GET", "POST"])
def apply(request):
    if request.method == "GET":
        return render(request, "joining/apply.html", {"form": ApplicationForm()})
    if not allow("join-ip", client_ip(request), limit=APPLY_LIMIT_PER_IP, window=WINDOW):
        return _too_many(request)
    form = ApplicationForm(request.POST)
    if not form.is_valid():
        return render(request, "joining/apply.html", {"form": form}, status=400)
    if not form.is_spam():
        address = form.cleaned_data["email"].strip().lower()
        if not allow("join-address", address, limit=APPLY_LIMIT_PER_ADDRESS, window=WINDOW):
            return _too_many(request)
        services.submit(form.cleaned_data, translation.get_language())
    return _message(
        request,
        _("Check your inbox"),
        _(
            "We have sent a link to the address you gave. Follow it to confirm the application: "
            "the secretariat sees it only then."
        ),
    )


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    if not allow("join-link-ip", client_ip(request), limit=LINK_LIMIT_PER_IP, window=WINDOW):
        return _too_many(request)
    try:
        application = services.application_from_token(token, services.CONFIRM_SALT, services.CONFIRM_MAX_AGE)
    except services.InvalidToken as error:
        return _bad_link(request, error)
    if request.method == "GET":
        # A button, not the link itself: mail scanners that open links must not confirm on their own.
        return render(request, "joining/confirm.html", {"application": application})
    services.confirm(application)
    return _message(
        request,
        _("Application confirmed"),
        _("Thank you. The secretariat will review the application and write to you."),
    )


@never_cache
@require_http_methods(["GET", "POST"])
def answer(request, token):
    if not allow("join-link-ip", client_ip(request), limit=LINK_LIMIT_PER_IP, window=WINDOW):
        return _too_many(request)
    try:
        application = services.application_from_token(token, services.ANSWER_SALT, services.ANSWER_MAX_AGE)
    except services.InvalidToken as error:
        return _bad_link(request, error)
    if application.state != application.State.QUESTION:
        return _message(
            request, _("No question waiting"), _("There is no open question on this application."), status=400
        )
    form = AnswerForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            services.record_answer(application, form.cleaned_data["answer"])
            return _message(request, _("Answer sent"), _("Thank you: the secretariat has your answer."))
        return render(request, "joining/answer.html", {"form": form, "application": application}, status=400)
    return render(request, "joining/answer.html", {"form": form, "application": application})


def _contactable(page_id):
    page = Page.objects.live().public().filter(pk=page_id).specific().first()
    if not isinstance(page, MemberPage | ChapterPage) or not page.contact_email:
        raise Http404
    return page


@never_cache
@require_http_methods(["GET", "POST"])
def contact(request, page_id):
    page = _contactable(page_id)
    if request.method == "GET":
        return render(request, "joining/contact.html", {"form": ContactForm(), "page": page})
    if not allow("contact-ip", client_ip(request), limit=CONTACT_LIMIT_PER_IP, window=WINDOW):
        return _too_many(request)
    form = ContactForm(request.POST)
    if not form.is_valid():
        return render(request, "joining/contact.html", {"form": form, "page": page}, status=400)
    if not form.is_spam():
        data = form.cleaned_data
        if not allow("contact-address", data["email"].strip().lower(), limit=CONTACT_LIMIT_PER_ADDRESS, window=WINDOW):
            return _too_many(request)
        context = {
            "recipient": page.title,
            "sender_name": data["name"],
            "sender_email": data["email"],
            "subject": data["subject"],
            "message": data["message"],
            "page_url": page.full_url or "",
        }
        queue_mail(
            to=page.contact_email,
            template="joining/contact",
            language=page.locale.language_code,
            context=context,
            # One line whatever was typed: a name with a line break must not become a header of its own.
            reply_to=formataddr((" ".join(data["name"].split()), data["email"])),
        )
        queue_mail(
            to=data["email"], template="joining/contact_copy", language=translation.get_language(), context=context
        )
    return _message(
        request,
        _("Message sent"),
        _("Your message is on its way to %(name)s; a copy is on its way to you. They will answer you directly.")
        % {"name": page.title},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def join_chapter(request, page_id):
    chapter = Page.objects.live().public().type(ChapterPage).filter(pk=page_id).specific().first()
    if chapter is None:
        raise Http404
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    organisations = services.organisations_of(request.user)
    if not organisations.exists():
        return _message(
            request,
            _("Only member organisations can join a chapter"),
            _("Sign in as an editor of a member organisation to ask to join, or apply for membership first."),
            status=403,
        )
    form = ChapterJoinForm(request.POST or None, organisations=organisations)
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "joining/join_chapter.html", {"form": form, "chapter": chapter}, status=400)
        organisation = form.cleaned_data["organisation"]
        join_request, created = ChapterJoinRequest.objects.get_or_create(
            chapter=chapter,
            organisation=organisation,
            state=ChapterJoinRequest.State.PENDING,
            defaults={"requested_by": request.user},
        )
        if created:
            services.tell_chapter_leads(join_request)
        return _message(
            request,
            _("Request sent"),
            _("The chapter's leads will see the request of %(organisation)s in the admin.")
            % {"organisation": organisation.title},
        )
    return render(request, "joining/join_chapter.html", {"form": form, "chapter": chapter})
