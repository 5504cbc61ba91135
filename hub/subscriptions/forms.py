"""The public subscribe form and the subscriber's own settings form."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from hub.base.models import Method, Theme

from .services import InvalidTopic, parse_topic


class SubscribeForm(forms.Form):
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254)
    topic = forms.CharField(required=False)  # one or more topic strings (services module docstring)
    language = forms.ChoiceField(label=_("Language of the messages"), choices=settings.LANGUAGES)
    instant = forms.BooleanField(label=_("Also tell me about each new event as it is announced"), required=False)
    # Honeypot: hidden from people (CSS and aria-hidden), filled by bots; see views.subscribe.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.topic_values = data.getlist("topic") if data is not None and hasattr(data, "getlist") else []

    def clean(self):
        cleaned = super().clean()
        values = [value for value in self.topic_values if value] or ["all"]
        if len(values) > 20:
            raise forms.ValidationError(_("Choose fewer topics."), code="topics")
        topics = []
        for value in values:
            try:
                topics.append(parse_topic(value))
            except InvalidTopic:
                raise forms.ValidationError(
                    _("We do not know what to subscribe you to: the topic does not exist (any more)."), code="topic"
                ) from None
        cleaned["topics"] = topics
        return cleaned


class ManageForm(forms.Form):
    """Language, which subscriptions to keep, and themes, methods and content types to add."""

    language = forms.ChoiceField(label=_("Language of the messages"), choices=settings.LANGUAGES)
    keep = forms.TypedMultipleChoiceField(
        label=_("Keep these subscriptions"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    instant = forms.TypedMultipleChoiceField(
        label=_("New events as they are announced"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    add_kinds = forms.MultipleChoiceField(
        label=_("Also follow"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[("all", _("Everything")), ("papers", _("New papers")), ("events", _("New events"))],
    )
    add_themes = forms.ModelMultipleChoiceField(
        label=_("Themes"), queryset=Theme.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    add_methods = forms.ModelMultipleChoiceField(
        label=_("Methods"), queryset=Method.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, subscriptions, described, locale, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].choices = [(s.pk, described[s.pk]) for s in subscriptions]
        self.fields["instant"].choices = [(s.pk, described[s.pk]) for s in subscriptions if s.kind == "chapter"]
        followed_themes = {s.theme_id for s in subscriptions if s.theme_id}
        followed_methods = {s.method_id for s in subscriptions if s.method_id}
        self.fields["add_themes"].queryset = Theme.objects.filter(locale=locale).exclude(pk__in=followed_themes)
        self.fields["add_methods"].queryset = Method.objects.filter(locale=locale).exclude(pk__in=followed_methods)
