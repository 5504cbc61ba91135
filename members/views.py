from django.contrib import messages
from django.contrib.auth.views import PasswordResetConfirmView
from django.core.exceptions import PermissionDenied
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from members import roles
from members.forms import OnboardingForm
from members.onboarding import OnboardingError, onboard_chapter, onboard_member, welcome_token_generator


class OnboardingView(WagtailAdminTemplateMixin, FormView):
    """The secretariat's form for `onboard_member` / `onboard_chapter`."""

    template_name = "members/admin/onboard.html"
    form_class = OnboardingForm
    page_title = _("Onboard a member or chapter")
    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(roles.ONBOARD_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [{"url": reverse("wagtailadmin_home"), "label": _("Home")}, {"url": "", "label": self.page_title}]

    def form_valid(self, form):
        data = form.cleaned_data
        base_url = self.request.build_absolute_uri("/")
        try:
            if data["kind"] == OnboardingForm.CHAPTER:
                result = onboard_chapter(data["name"], data["email"], country=data["country"], base_url=base_url)
            else:
                result = onboard_member(data["name"], data["email"], base_url=base_url)
        except OnboardingError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        if result.already_done:
            messages.info(self.request, result.describe())
        else:
            messages.success(self.request, result.describe())
        return self.render_to_response(self.get_context_data(form=self.form_class(), result=result))


class WelcomeView(PasswordResetConfirmView):
    """Where an onboarded user sets a password; doing so activates the account. Its tokens are valid only
    for an account that has never signed in (members/onboarding.py, `WelcomeTokenGenerator`)."""

    template_name = "wagtailadmin/account/password_reset/confirm.html"
    success_url = reverse_lazy("wagtailadmin_password_reset_complete")
    token_generator = welcome_token_generator

    def form_valid(self, form):
        form.user.is_active = True
        return super().form_valid(form)
