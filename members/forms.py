from django import forms
from django.utils.translation import gettext_lazy as _

from django_countries import countries
from django_countries.fields import LazyTypedChoiceField

from hub.base.forms import BasePageForm
from members import roles


class OnboardingForm(forms.Form):
    MEMBER = "member"
    CHAPTER = "chapter"

    kind = forms.ChoiceField(
        label=_("What to onboard"),
        choices=[(MEMBER, _("Member organisation")), (CHAPTER, _("Country chapter"))],
        widget=forms.RadioSelect,
        initial=MEMBER,
    )
    name = forms.CharField(
        label=_("Name"), max_length=255, help_text=_("The organisation's or chapter's name, as its page title.")
    )
    email = forms.EmailField(label=_("E-mail of the first editor or lead"))
    country = LazyTypedChoiceField(
        label=_("Country (new chapters only)"), choices=[("", "---------"), *countries], required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("kind") == self.MEMBER and data.get("country"):
            self.add_error("country", _("Only a chapter has a country here; leave it empty for a member."))
        return data


class GroupPageForm(BasePageForm):
    """The admin form of an organisation's or chapter's own page: only the secretariat schedules it
    off the site (an expiry date unpublishes it, like the unpublish action its editors may not use)."""

    def clean(self):
        data = super().clean()
        expire_at = data.get("expire_at")
        if (
            "expire_at" in self.fields
            and expire_at != self.instance.expire_at
            and self.for_user is not None
            and not roles.is_moderator(self.for_user)
        ):
            self.add_error("expire_at", _("Only the secretariat can schedule this page to be unpublished."))
        return data
