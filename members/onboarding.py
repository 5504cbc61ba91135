"""Onboarding a member organisation or a country chapter: page, group, collection, permissions and a first user.

One service for the management commands and the admin form. Each call is one transaction (all or
nothing) and idempotent: run it again and it reports "already onboarded" and changes nothing.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wagtail.models import Collection, Locale

from django_countries import countries

from members import roles
from members.models import ChapterIndexPage, ChapterPage, MemberIndexPage, MemberPage


class OnboardingError(Exception):
    """Bad input or a conflict; the message is meant for the person onboarding."""


@dataclass
class Onboarding:
    """What an onboarding found or made; `created` names what this call added ("page", "group", ...)."""

    page: object
    group: Group
    collection: Collection
    user: object
    created: list = field(default_factory=list)
    password_link: str = ""

    @property
    def already_done(self):
        return not self.created

    def describe(self):
        labels = {
            "page": _("a draft page"),
            "group": _("the group “%(group)s”") % {"group": self.group.name},
            "permissions": _("page permissions"),
            "collection": _("the collection “%(collection)s”") % {"collection": self.collection.name},
            "user": _("an inactive user %(email)s") % {"email": self.user.email},
            "membership": _("membership of the group for %(email)s") % {"email": self.user.email},
        }
        if self.already_done:
            return _("“%(name)s” is already onboarded; nothing changed.") % {"name": self.page.title}
        return _("“%(name)s” onboarded: created %(items)s.") % {
            "name": self.page.title,
            "items": ", ".join(str(labels[item]) for item in self.created),
        }


class WelcomeTokenGenerator(PasswordResetTokenGenerator):
    """Tokens of the welcome link, which activates an account: only for an account that has never signed
    in and has no password yet. The hash covers what the link changes (password, last sign-in, active),
    so using it, signing in or any change of those by an administrator makes every earlier link void;
    Django's password-reset tokens (a "forgot password" e-mail) are not accepted here."""

    key_salt = "members.onboarding.WelcomeTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        return f"{super()._make_hash_value(user, timestamp)}{user.is_active}"

    def check_token(self, user, token):
        if user is None or user.last_login is not None or user.has_usable_password():
            return False
        return super().check_token(user, token)


welcome_token_generator = WelcomeTokenGenerator()


def password_set_link(user, base_url=None):
    """A one-use link (a `WelcomeTokenGenerator` token) where a new user sets a password and is activated."""
    path = reverse(
        "members_welcome",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": welcome_token_generator.make_token(user),
        },
    )
    return (base_url or settings.WAGTAILADMIN_BASE_URL).rstrip("/") + path


def onboard_member(name, email, *, base_url=None, username=None):
    """Onboard the member organisation `name`, with `email` as its first editor."""
    result = _onboard(
        name,
        email,
        model=MemberPage,
        index_model=MemberIndexPage,
        prefix=roles.MEMBER_EDITORS_PREFIX,
        codenames=roles.MEMBER_EDITOR_PAGE_PERMISSIONS,
        collection_parent=roles.MEMBERS_COLLECTION,
        new_page=lambda title: MemberPage(title=title, summary="", commitment="", contact_email=email),
        username=username,
    )
    _send_welcome(result, base_url, _("You are now an editor of %(name)s on the CLD Hub."))
    return result


def onboard_chapter(name, email, *, country=None, base_url=None, username=None):
    """Onboard the country chapter `name` (in `country`, an ISO code, when it is new) with `email` as lead."""
    name, email = _clean_input(name, email)
    code = (country or "").strip().upper()
    if code and code not in dict(countries):
        raise OnboardingError(
            _("Unknown country code “%(code)s”: use a two-letter ISO code such as PE.") % {"code": code}
        )
    existing = _find_page(ChapterPage, name)
    if existing is not None and code and existing.country.code != code:
        raise OnboardingError(
            _("The chapter “%(name)s” is in %(country)s, not %(code)s.")
            % {"name": existing.title, "country": existing.country.name, "code": code}
        )
    if existing is None:
        if not code:
            raise OnboardingError(_("A new chapter needs its country (--country, a two-letter ISO code)."))
        other = ChapterPage.objects.filter(locale=Locale.get_default(), country=code).first()
        if other is not None:
            raise OnboardingError(
                _("%(country)s already has a chapter: “%(name)s”.")
                % {"country": countries.name(code), "name": other.title}
            )
    result = _onboard(
        name,
        email,
        model=ChapterPage,
        index_model=ChapterIndexPage,
        prefix=roles.CHAPTER_LEADS_PREFIX,
        codenames=roles.CHAPTER_LEAD_PAGE_PERMISSIONS,
        collection_parent=roles.CHAPTERS_COLLECTION,
        new_page=lambda title: ChapterPage(title=title, country=code, intro=""),
        username=username,
    )
    _send_welcome(result, base_url, _("You are now a lead of %(name)s on the CLD Hub."))
    return result


def _find_page(model, name):
    matches = list(model.objects.filter(locale=Locale.get_default(), title__iexact=name.strip())[:2])
    if len(matches) > 1:
        raise OnboardingError(
            _("Several pages are called “%(name)s”: rename one in the admin first.") % {"name": name.strip()}
        )
    return matches[0] if matches else None


def _clean_input(name, email):
    name = " ".join((name or "").split())
    if not name:
        raise OnboardingError(_("Give the name."))
    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError as error:
        raise OnboardingError(_("“%(email)s” is not a valid e-mail address.") % {"email": email}) from error
    return name, email


@transaction.atomic
def _onboard(name, email, *, model, index_model, prefix, codenames, collection_parent, new_page, username):
    name, email = _clean_input(name, email)
    created = []
    page = _find_page(model, name)
    if page is None:
        index = index_model.objects.filter(locale=Locale.get_default()).first()
        if index is None:
            raise OnboardingError(
                _("There is no %(index)s in the default language yet: create it first.")
                % {"index": index_model._meta.verbose_name}
            )
        page = new_page(name)
        page.slug = _free_slug(index, name)
        page.live = False
        index.add_child(instance=page)
        page.save_revision(clean=False)  # a draft: the editor fills in the required fields
        created.append("page")

    group = Group.objects.filter(name__startswith=prefix, page_permissions__page=page).first()
    if group is None:
        group_name = (prefix + page.title)[:150]
        if Group.objects.filter(name=group_name).exists():
            raise OnboardingError(
                _("A group called “%(group)s” exists but has no permission on this page.") % {"group": group_name}
            )
        group = Group.objects.create(name=group_name)
        group.permissions.add(roles.permission("wagtailadmin.access_admin"))
        created.append("group")
    before = group.page_permissions.count()
    roles.grant_page_permissions(group, page, codenames)
    if group.page_permissions.count() != before and "group" not in created:
        created.append("permissions")

    collection = Collection.objects.filter(group_permissions__group=group).first()
    if collection is None:
        root = Collection.get_first_root_node()
        collection = roles.child_collection(roles.child_collection(root, collection_parent), page.title)
        roles.grant_collection_permissions(group, collection)
        created.append("collection")

    user = _user_for(email, username)
    if user is None:
        User = get_user_model()
        user = User(username=username or email.lower(), email=email, is_active=False)
        user.set_unusable_password()
        user.save()
        created.append("user")
    if not user.groups.filter(pk=group.pk).exists():
        user.groups.add(group)
        if "user" not in created:
            created.append("membership")
    return Onboarding(page=page, group=group, collection=collection, user=user, created=created)


def _user_for(email, username):
    User = get_user_model()
    users = list(User.objects.filter(email__iexact=email)[:2])
    if len(users) > 1:
        raise OnboardingError(_("Several users have the address %(email)s.") % {"email": email})
    if not users and User.objects.filter(username=username or email.lower()).exists():
        raise OnboardingError(_("The user name “%(name)s” is taken.") % {"name": username or email.lower()})
    return users[0] if users else None


def _free_slug(index, name):
    base = slugify(name)[:200] or "organisation"
    slug, number = base, 1
    while index.get_children().filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _send_welcome(result, base_url, greeting):
    """A new, inactive user gets the link where they set a password; it is also returned for the command to print."""
    if result.user.is_active or result.user.has_usable_password():
        return
    result.password_link = password_set_link(result.user, base_url)
    if "user" not in result.created:
        return
    body = "\n\n".join(
        [
            greeting % {"name": result.page.title},
            _("Set your password here (the link works once, for a few days):"),
            result.password_link,
        ]
    )
    send_mail(_("Welcome to the CLD Hub"), body, None, [result.user.email])
