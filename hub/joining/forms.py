"""Public forms: the membership application, the applicant's answer, the contact form, a chapter join request.

Each has a honeypot (`nickname`, hidden from people, left empty by them) and size limits on every field.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from django_countries import countries as all_countries

from hub.base.models import Sector

from .models import MembershipApplication

App = MembershipApplication


class HoneypotMixin:
    def is_spam(self):
        return bool(self.cleaned_data.get("nickname"))


class ApplicationForm(HoneypotMixin, forms.Form):
    organisation = forms.CharField(label=_("Name of the organisation"), max_length=255)
    registered_in = forms.ChoiceField(label=_("Country of registration"), choices=[("", "—")] + list(all_countries))
    countries = forms.MultipleChoiceField(
        label=_("Countries where it works"),
        choices=list(all_countries),
        help_text=_("Hold Ctrl (or Cmd) to choose several."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    website = forms.URLField(label=_("Website"), max_length=200, assume_scheme="https")
    sector = forms.ModelChoiceField(label=_("Main sector"), queryset=Sector.objects.all(), required=False)
    size = forms.ChoiceField(label=_("Size"), choices=[("", "—")] + list(App.Size.choices))
    commitment_url = forms.URLField(
        label=_("Link to your public commitment to community-led development"),
        max_length=200,
        required=False,
        assume_scheme="https",
    )
    commitment = forms.CharField(
        label=_("Or the statement itself"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    contributions = forms.MultipleChoiceField(
        label=_("How the organisation will contribute"),
        choices=App.Contribution.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=200)
    email = forms.EmailField(label=_("E-mail address of the contact person"), max_length=254)
    consent = forms.BooleanField(
        label=_(
            "I agree that the secretariat keeps these details to review the application; the contact details "
            "are erased some months after the decision."
        )
    )
    nickname = forms.CharField(label=_("Leave this field empty"), required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].label_from_instance = lambda sector: sector.name

    def clean(self):
        data = super().clean()
        if not data.get("commitment_url") and not (data.get("commitment") or "").strip():
            self.add_error(
                "commitment_url",
                _("Give a link to your public commitment to community-led development, or write the statement."),
            )
        return data


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Your answer"), max_length=4000, widget=forms.Textarea(attrs={"rows": 6}))


class ContactForm(HoneypotMixin, forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254)
    subject = forms.CharField(label=_("Subject"), max_length=150)
    message = forms.CharField(
        label=_("Message"), min_length=10, max_length=5000, widget=forms.Textarea(attrs={"rows": 8})
    )
    consent = forms.BooleanField(
        label=_("I agree that my name, address and message are sent to the recipient, who can answer me.")
    )
    nickname = forms.CharField(label=_("Leave this field empty"), required=False, max_length=100)


class ChapterJoinForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None, empty_label=None)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].label_from_instance = lambda page: page.title


class QuestionForm(forms.Form):
    question = forms.CharField(label=_("Question to the applicant"), max_length=4000, widget=forms.Textarea)


class DecisionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (sent to the applicant)"), max_length=4000, required=False, widget=forms.Textarea
    )
