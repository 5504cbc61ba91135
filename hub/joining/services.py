"""The workflow of a membership application, shared by the public views, the admin and the periodic job.

    submit(data, language)        -> an UNCONFIRMED application; the applicant gets a signed confirm link
    confirm(application)          -> REVIEW; the moderators are told by mail
    ask(application, question)    -> QUESTION; the applicant gets a signed link to answer
    record_answer(app, answer)    -> REVIEW again, the answer kept
    approve(application, user)    -> members.onboarding.onboard_member, once (row lock + state check)
    decline(application, reason)  -> DECLINED; the applicant is told why
    erase_decided()               -> personal data blanked HUB_APPLICATION_RETENTION_DAYS after a decision

Each step is logged in Wagtail's audit log (`joining.*` actions, wagtail_hooks.py); every message goes
through hub.base.mail.queue_mail in the applicant's language.
"""

import datetime
import re
import unicodedata
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext as _

from wagtail.log_actions import log
from wagtail.models import Locale

from hub.base.mail import queue_mail, site_url
from members import roles
from members.models import MemberPage
from members.onboarding import OnboardingError, onboard_member

from .models import ChapterJoinRequest, ChapterMembership, MembershipApplication

State = MembershipApplication.State
CONFIRM_SALT = "joining.confirm"
ANSWER_SALT = "joining.answer"
CONFIRM_MAX_AGE = datetime.timedelta(days=7)
ANSWER_MAX_AGE = datetime.timedelta(days=60)
# An application never confirmed is deleted after this long: nobody asked for it to be kept.
UNCONFIRMED_KEPT = datetime.timedelta(days=14)


__all__ = ["OnboardingError"]


class ApplicationError(Exception):
    """A step that the application's state does not allow; the message is for the moderator."""


class InvalidToken(Exception):
    def __init__(self, expired=False):
        super().__init__("expired" if expired else "bad")
        self.expired = expired


def token(application, salt):
    return signing.dumps({"a": application.pk}, salt=salt)


def application_from_token(value, salt, max_age):
    try:
        data = signing.loads(value, salt=salt, max_age=max_age.total_seconds())
    except signing.SignatureExpired as error:
        raise InvalidToken(expired=True) from error
    except signing.BadSignature as error:
        raise InvalidToken() from error
    application = MembershipApplication.objects.filter(pk=data.get("a"), erased_at=None).first()
    if application is None:
        raise InvalidToken()
    return application


def _link(name, application, salt):
    with translation.override(application.language):
        return site_url(reverse(name, args=[token(application, salt)]))


def _tell_applicant(application, template, **context):
    queue_mail(
        to=application.email,
        template=f"joining/{template}",
        language=application.language,
        context={"organisation": application.organisation, "contact_name": application.contact_name, **context},
    )


def submit(data, language):
    """A new application from the public form's cleaned data; the applicant is asked to confirm the address."""
    application = MembershipApplication.objects.create(
        organisation=data["organisation"],
        registered_in=data["registered_in"],
        countries=data["countries"],
        website=data["website"],
        sector=data["sector"],
        size=data["size"],
        commitment_url=data["commitment_url"],
        commitment=data["commitment"],
        contributions=list(data["contributions"]),
        contact_name=data["contact_name"],
        email=data["email"],
        language=language,
    )
    log(application, "joining.apply")
    _tell_applicant(application, "confirm", confirm_url=_link("joining:confirm", application, CONFIRM_SALT))
    return application


def moderators():
    User = get_user_model()
    return User.objects.filter(is_active=True, groups__name=roles.MODERATORS).exclude(email="").distinct()


@transaction.atomic
def confirm(application):
    """The applicant confirmed the address: the application reaches the secretariat (once)."""
    application = MembershipApplication.objects.select_for_update().get(pk=application.pk)
    if application.state != State.UNCONFIRMED:
        return application
    application.state = State.REVIEW
    application.confirmed_at = timezone.now()
    application.save(update_fields=["state", "confirmed_at"])
    log(application, "joining.confirm")
    review_url = site_url(reverse("joining_admin:detail", args=[application.pk]))
    for user in moderators():
        queue_mail(
            to=user.email,
            template="joining/new_application",
            language=settings.LANGUAGE_CODE,
            context={"organisation": application.organisation, "review_url": review_url},
        )
    return application


def _locked(application, allowed):
    application = MembershipApplication.objects.select_for_update().get(pk=application.pk)
    if application.state not in allowed:
        raise ApplicationError(
            _("This application is “%(state)s”: that step is no longer possible.")
            % {"state": application.get_state_display()}
        )
    return application


@transaction.atomic
def ask(application, question, user):
    application = _locked(application, (State.REVIEW, State.QUESTION))
    application.state = State.QUESTION
    application.question = question
    application.answer = ""
    application.save(update_fields=["state", "question", "answer"])
    log(application, "joining.ask", user=user)
    _tell_applicant(
        application, "question", question=question, answer_url=_link("joining:answer", application, ANSWER_SALT)
    )
    return application


@transaction.atomic
def record_answer(application, answer):
    application = _locked(application, (State.QUESTION,))
    application.state = State.REVIEW
    application.answer = answer
    application.save(update_fields=["state", "answer"])
    log(application, "joining.answer")
    return application


@transaction.atomic
def approve(application, user, reason=""):
    """Onboard the organisation from the application, exactly once: a second approval changes nothing.

    Returns (application, onboarding result or None when it was already approved)."""
    application = MembershipApplication.objects.select_for_update().get(pk=application.pk)
    if application.state == State.APPROVED:
        return application, None
    if application.state not in (State.REVIEW, State.QUESTION):
        raise ApplicationError(
            _("This application is “%(state)s”: it cannot be approved.") % {"state": application.get_state_display()}
        )
    result = onboard_member(application.organisation, application.email)
    if "page" in result.created:
        _fill_page(result.page, application)
    application.state = State.APPROVED
    application.reason = reason
    application.decided_at = timezone.now()
    application.decided_by = user
    application.member_page = result.page
    application.save()
    log(application, "joining.approve", user=user)
    _tell_applicant(application, "approved", password_url=result.password_link, reason=reason)
    return application, result


def _fill_page(page, application):
    """The new draft member page, filled in from what the applicant told us (the editor completes it)."""
    page.website = application.website
    page.headquarters = application.registered_in
    page.countries = application.countries
    page.commitment_url = application.commitment_url
    if application.commitment:
        paragraphs = [p.strip() for p in application.commitment.split("\n\n") if p.strip()]
        page.commitment = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    page.year_joined = timezone.now().year
    if application.sector_id:
        page.sectors.set([application.sector_id])
    page.save(clean=False)
    page.save_revision(clean=False)


@transaction.atomic
def decline(application, reason, user):
    application = _locked(application, (State.REVIEW, State.QUESTION))
    application.state = State.DECLINED
    application.reason = reason
    application.decided_at = timezone.now()
    application.decided_by = user
    application.save()
    log(application, "joining.decline", user=user)
    _tell_applicant(application, "declined", reason=reason)
    return application


# --- Duplicates -----------------------------------------------------------------------------


def normalise_name(name):
    """Lower case, no accents, punctuation or legal form: "Village-Voices Network, Inc." -> "village voices network"."""
    text = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode().casefold()
    words = re.sub(r"[^a-z0-9]+", " ", text).split()
    legal = {"inc", "ltd", "llc", "the", "e", "v", "ev", "ngo", "asbl", "gmbh", "sa", "foundation"}
    return " ".join(w for w in words if w not in legal)


def domain(url):
    host = (urlsplit(url or "").hostname or "").lower()
    return host.removeprefix("www.")


def duplicates(application):
    """Existing member pages (any state, default locale) with the same normalised name or website domain."""
    name, site = normalise_name(application.organisation), domain(application.website)
    found = []
    pages = MemberPage.objects.filter(locale=Locale.get_default()).only("title", "short_name", "website")
    for page in pages:
        reasons = []
        if name and name in {normalise_name(page.title), normalise_name(page.short_name)}:
            reasons.append(_("same name"))
        if site and site == domain(page.website):
            reasons.append(_("same website"))
        if reasons:
            found.append((page, reasons))
    return found


# --- Erasure --------------------------------------------------------------------------------


PERSONAL_FIELDS = {
    "contact_name": "",
    "email": "",
    "question": "",
    "answer": "",
    "commitment": "",
    "reason": "",
}


def erase_decided(now=None):
    """Blank the personal data of applications decided more than the retention period ago; delete
    applications never confirmed. Returns how many were erased and deleted."""
    now = now or timezone.now()
    days = getattr(settings, "HUB_APPLICATION_RETENTION_DAYS", 180)
    due = MembershipApplication.objects.filter(
        state__in=[State.APPROVED, State.DECLINED], erased_at=None, decided_at__lt=now - datetime.timedelta(days=days)
    )
    erased = 0
    for application in due:
        for name, value in PERSONAL_FIELDS.items():
            setattr(application, name, value)
        application.erased_at = now
        application.save()
        log(application, "joining.erase")
        erased += 1
    stale = MembershipApplication.objects.filter(state=State.UNCONFIRMED, created__lt=now - UNCONFIRMED_KEPT)
    deleted, _counts = stale.delete()
    return erased, deleted


# --- Chapters -------------------------------------------------------------------------------


def organisations_of(user):
    """The member pages (default locale) whose editors' group `user` belongs to."""
    if not user.is_authenticated:
        return MemberPage.objects.none()
    return MemberPage.objects.filter(
        locale=Locale.get_default(),
        group_permissions__group__in=user.groups.filter(name__startswith=roles.MEMBER_EDITORS_PREFIX),
    ).distinct()


def chapter_members(chapter):
    """The member pages recorded as members of `chapter` or of a translation of it, whatever their state.

    What a visitor sees of them (live, public, in the page's language) is ChapterPage.member_organisations.
    """
    ids = ChapterMembership.objects.filter(chapter__translation_key=chapter.translation_key).values("organisation")
    return MemberPage.objects.filter(pk__in=ids)


def chapter_leads(chapter):
    """The active chapter leads of `chapter` with an address: whom a join request is announced to."""
    group = roles.chapter_group(chapter)
    if group is None:
        return get_user_model().objects.none()
    return group.user_set.filter(is_active=True).exclude(email="")


def tell_chapter_leads(join_request):
    """A member organisation asked to join: each lead of the chapter gets a link to decide."""
    url = site_url(reverse("joining_admin:chapter_requests"))
    for user in chapter_leads(join_request.chapter):
        queue_mail(
            to=user.email,
            template="joining/chapter_request",
            language=settings.LANGUAGE_CODE,
            context={
                "organisation": join_request.organisation.title,
                "chapter": join_request.chapter.title,
                "review_url": url,
            },
        )


def can_lead(user, chapter):
    if roles.is_moderator(user):
        return True
    group = roles.chapter_group(chapter)
    return group is not None and user.groups.filter(pk=group.pk).exists()


@transaction.atomic
def decide_chapter_request(join_request, approve_it, user):
    join_request = ChapterJoinRequest.objects.select_for_update().get(pk=join_request.pk)
    if join_request.state != ChapterJoinRequest.State.PENDING:
        return join_request
    join_request.state = ChapterJoinRequest.State.APPROVED if approve_it else ChapterJoinRequest.State.DECLINED
    join_request.decided_at = timezone.now()
    join_request.save()
    if approve_it:
        ChapterMembership.objects.get_or_create(chapter=join_request.chapter, organisation=join_request.organisation)
    log(join_request, "joining.chapter_approve" if approve_it else "joining.chapter_decline", user=user)
    return join_request
