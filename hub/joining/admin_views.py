"""The secretariat's queue of membership applications and the chapter leads' join requests (admin).

Applications: moderators only (members.roles.is_moderator); anyone else gets 403. Join requests: a
chapter's leads see and decide their chapter's; moderators see all.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import registry as log_registry

from members import roles

from . import services
from .forms import DecisionForm, QuestionForm
from .models import ChapterJoinRequest, MembershipApplication

State = MembershipApplication.State


class ModeratorsOnly:
    def dispatch(self, request, *args, **kwargs):
        if not roles.is_moderator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ApplicationListView(ModeratorsOnly, WagtailAdminTemplateMixin, TemplateView):
    template_name = "joining/admin/applications.html"
    page_title = gettext_lazy("Membership applications")
    header_icon = "form"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        state = self.request.GET.get("state", "")
        if state not in State.values:
            state = ""
        applications = MembershipApplication.objects.exclude(state=State.UNCONFIRMED) if not state else None
        if state:
            applications = MembershipApplication.objects.filter(state=state)
        context.update(applications=applications[:200], states=State.choices, state=state)
        return context


class ApplicationDetailView(ModeratorsOnly, WagtailAdminTemplateMixin, TemplateView):
    template_name = "joining/admin/application.html"
    header_icon = "form"

    def get_page_title(self):
        return self.application.organisation

    def dispatch(self, request, *args, pk, **kwargs):
        self.application = get_object_or_404(MembershipApplication, pk=pk)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.application
        context.update(
            application=application,
            duplicates=services.duplicates(application),
            open=application.state in (State.REVIEW, State.QUESTION),
            question_form=kwargs.get("question_form") or QuestionForm(),
            decision_form=kwargs.get("decision_form") or DecisionForm(),
            history=log_registry.get_logs_for_instance(application).select_related("user"),
        )
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        application = self.application
        try:
            if action == "ask":
                form = QuestionForm(request.POST)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(question_form=form), status=400)
                services.ask(application, form.cleaned_data["question"], request.user)
                messages.success(request, _("The question was sent to the applicant."))
            elif action in ("approve", "decline"):
                form = DecisionForm(request.POST)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(decision_form=form), status=400)
                reason = form.cleaned_data["reason"]
                if action == "approve":
                    _application, result = services.approve(application, request.user, reason)
                    if result is None:
                        messages.info(request, _("This application was already approved; nothing changed."))
                    else:
                        messages.success(request, result.describe())
                else:
                    if not reason.strip():
                        form.add_error("reason", _("Say why: the applicant receives the reason."))
                        return self.render_to_response(self.get_context_data(decision_form=form), status=400)
                    services.decline(application, reason, request.user)
                    messages.success(request, _("The application was declined and the applicant told why."))
            else:
                messages.error(request, _("Unknown action."))
                return redirect(request.path)
        except (services.ApplicationError, services.OnboardingError) as error:
            messages.error(request, str(error))
        return redirect(reverse("joining_admin:detail", args=[application.pk]))


class ChapterRequestsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "joining/admin/chapter_requests.html"
    page_title = gettext_lazy("Chapter join requests")
    header_icon = "group"

    def visible(self):
        pending = ChapterJoinRequest.objects.filter(state=ChapterJoinRequest.State.PENDING)
        pending = pending.select_related("chapter", "organisation")
        return [r for r in pending if services.can_lead(self.request.user, r.chapter)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["requests"] = self.visible()
        return context

    def post(self, request, *args, **kwargs):
        join_request = get_object_or_404(ChapterJoinRequest, pk=request.POST.get("request") or 0)
        if not services.can_lead(request.user, join_request.chapter):
            raise PermissionDenied
        approve_it = request.POST.get("action") == "approve"
        services.decide_chapter_request(join_request, approve_it, request.user)
        messages.success(request, _("Request approved.") if approve_it else _("Request declined."))
        return redirect(reverse("joining_admin:chapter_requests"))
