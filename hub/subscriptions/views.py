"""Subscribe, confirm, manage and unsubscribe: public views, never cached, never indexed.

Subscribe takes no CSRF token: its form sits on pages the full-page cache serves (hub/base/cache.py
caches no response that sets a cookie), and the worst a forged cross-site post can do is ask an
address to confirm, which the rate limits and double opt-in bound. The one-click unsubscribe takes
none either: mail clients post to it without one (RFC 8058). Confirm and manage are ordinary forms.
"""

from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from hub.base.memo import active_locale
from hub.base.ratelimit import allow
from hub.base.security import client_ip

from . import services
from .forms import ManageForm, SubscribeForm
from .models import Subscription

Kind = Subscription.Kind
# Per client IP and per address, within an hour; confirmations per IP (a token guesser).
SUBSCRIBE_LIMIT_PER_IP = 10
SUBSCRIBE_LIMIT_PER_ADDRESS = 3
CONFIRM_LIMIT_PER_IP = 30
CONFIRM_LIMIT_PER_ADDRESS = 10  # one link opened from many addresses (a forwarded or leaked link)
WINDOW = 3600


def _message(request, title, text, status=200, **extra):
    return render(request, "subscriptions/message.html", {"title": title, "text": text, **extra}, status=status)


def _bad_link(request, error):
    if error.expired:
        text = _("This confirmation link has expired. Subscribe again and we will send you a new one.")
    else:
        text = _("This link is not valid: it may have been mistyped, or the address was deleted.")
    return _message(request, _("Link not valid"), text, status=400)


def _too_many(request):
    return _message(
        request, _("Too many attempts"), _("Too many attempts from here. Please try again in an hour."), status=429
    )


@never_cache
@csrf_exempt
@require_http_methods(["GET", "POST"])
def subscribe(request):
    if request.method == "GET":
        form = SubscribeForm(initial={"language": translation.get_language()})
        return render(request, "subscriptions/subscribe.html", {"form": form, "topics": request.GET.getlist("topic")})
    if not allow("subscribe-ip", client_ip(request), limit=SUBSCRIBE_LIMIT_PER_IP, window=WINDOW):
        return _too_many(request)
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "subscriptions/subscribe.html",
            {"form": form, "topics": [t for t in form.topic_values if t][:20]},
            status=400,
        )
    data = form.cleaned_data
    address = services.normalise_email(data["email"])
    # A filled honeypot gets the same answer as a person, and nothing happens.
    if not data["website"]:
        if not allow("subscribe-address", address, limit=SUBSCRIBE_LIMIT_PER_ADDRESS, window=WINDOW):
            return _too_many(request)
        services.subscribe(address, data["topics"], data["language"], instant=data["instant"])
    return _message(
        request,
        _("Check your inbox"),
        _(
            "If the address is right, a message is on its way to it. Follow the link in it to confirm: "
            "we send nothing else until then."
        ),
    )


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    if not allow("confirm-ip", client_ip(request), limit=CONFIRM_LIMIT_PER_IP, window=WINDOW):
        return _too_many(request)
    try:
        subscriber = services.subscriber_from_token(
            token, services.CONFIRM_SALT, max_age=services.CONFIRM_MAX_AGE.total_seconds()
        )
    except services.InvalidToken as error:
        return _bad_link(request, error)
    if not allow("confirm-address", subscriber.email, limit=CONFIRM_LIMIT_PER_ADDRESS, window=WINDOW):
        return _too_many(request)
    if request.method == "GET":
        # A button, not the link itself: mail scanners that open links must not confirm on their own.
        return render(request, "subscriptions/confirm.html", {"subscriber": subscriber})
    services.confirm(subscriber)
    return _message(
        request,
        _("Subscription confirmed"),
        _("Thank you. You will receive what you asked for, in your language where it is translated."),
        manage_url=services.link("manage", subscriber, services.MANAGE_SALT),
    )


@never_cache
@require_http_methods(["GET", "POST"])
def manage(request, token):
    try:
        subscriber = services.subscriber_from_token(token, services.MANAGE_SALT)
    except services.InvalidToken as error:
        return _bad_link(request, error)
    subscriptions = list(subscriber.subscriptions.exclude(confirmed_at=None).select_related("page", "theme", "method"))
    described = {s.pk: services.describe(s, translation.get_language()) for s in subscriptions}
    options = {"subscriptions": subscriptions, "described": described, "locale": active_locale()}
    if request.method == "POST":
        form = ManageForm(request.POST, **options)
        if form.is_valid():
            save_settings(subscriber, subscriptions, form.cleaned_data)
            return _message(
                request,
                _("Your subscriptions are saved"),
                _("We will write to you about what you chose."),
                manage_url=services.link("manage", subscriber, services.MANAGE_SALT),
            )
        status = 400
    else:
        form = ManageForm(
            initial={
                "language": subscriber.language,
                "keep": [s.pk for s in subscriptions],
                "instant": [s.pk for s in subscriptions if s.instant],
            },
            **options,
        )
        status = 200
    return render(
        request,
        "subscriptions/manage.html",
        {
            "form": form,
            "subscriber": subscriber,
            "unsubscribe_url": services.link("unsubscribe", subscriber, services.MANAGE_SALT),
        },
        status=status,
    )


def save_settings(subscriber, subscriptions, data):
    """What the manage form asked: kept subscriptions, instant event notices, language, new topics.
    Topics added here are confirmed at once: the signed link proves the address."""
    subscriber.language = data["language"]
    subscriber.save(update_fields=["language"])
    keep, instant = set(data["keep"]), set(data["instant"])
    for subscription in subscriptions:
        if subscription.pk not in keep:
            subscription.delete()
        elif subscription.instant != (subscription.pk in instant):
            subscription.instant = subscription.pk in instant
            subscription.save(update_fields=["instant"])
    topics = [(Kind(kind), None) for kind in data["add_kinds"]]
    topics += [(Kind.THEME, theme) for theme in data["add_themes"]]
    topics += [(Kind.METHOD, method) for method in data["add_methods"]]
    for kind, record in topics:
        fields = services.subscription_fields(kind, record)
        subscriber.subscriptions.get_or_create(**fields, defaults={"confirmed_at": timezone.now()})


@never_cache
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET: a button; POST (the button, or a mail client's one-click, RFC 8058): delete the address."""
    try:
        subscriber = services.subscriber_from_token(token, services.MANAGE_SALT)
    except services.InvalidToken as error:
        return _bad_link(request, error)
    if request.method == "GET":
        return render(request, "subscriptions/unsubscribe.html", {"subscriber": subscriber})
    services.delete_subscriber(subscriber)
    return _message(
        request,
        _("You are unsubscribed"),
        _("Your address and your subscriptions are deleted. We will not write to you again."),
    )
