"""The public registration form of an event page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Registration


class RegistrationForm(forms.ModelForm):
    consent = forms.BooleanField(
        label=_("I agree that the hub keeps these details to organise this event, and erases them afterwards."),
        error_messages={"required": _("Tick the box to agree, or we cannot register you.")},
    )
    # A honeypot: hidden from people (events/static/events/registration.css), filled in by bots.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    class Meta:
        model = Registration
        fields = ["name", "email", "organisation", "country", "accessibility"]
        labels = {"accessibility": _("Accessibility needs (optional)"), "organisation": _("Organisation (optional)")}
        help_texts = {
            "accessibility": _("Interpretation, captions, step-free access: tell us what would help you take part.")
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
            "accessibility": forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["country"].required = False
        self.fields["country"].label = _("Country (optional)")
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    def clean_accessibility(self):
        text = self.cleaned_data.get("accessibility", "")
        if len(text) > 2000:
            raise forms.ValidationError(_("Keep this under 2,000 characters."))
        return text

    @property
    def is_bot(self):
        return bool(self.data.get("website"))
