from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from hub.base.models import HomePage
from hub.base.periodic import PeriodicJob
from hub.base.sections import Section
from members import roles
from members.models import CHAPTER_MEMBERS_HOOK, ChapterPage, MemberIndexPage, MemberPage

from . import admin_views, services
from .tasks import erase_decided_applications

admin_urlpatterns = (
    [
        path("applications/", admin_views.ApplicationListView.as_view(), name="list"),
        path("applications/<int:pk>/", admin_views.ApplicationDetailView.as_view(), name="detail"),
        path("chapter-requests/", admin_views.ChapterRequestsView.as_view(), name="chapter_requests"),
    ],
    "joining_admin",
)


@hooks.register("register_admin_urls")
def joining_admin_urls():
    return [path("joining/", include(admin_urlpatterns))]


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return roles.is_moderator(request.user)


class ChapterLeadMenuItem(MenuItem):
    def is_shown(self, request):
        user = request.user
        return roles.is_moderator(user) or user.groups.filter(name__startswith=roles.CHAPTER_LEADS_PREFIX).exists()


@hooks.register("register_admin_menu_item")
def applications_menu_item():
    return ModeratorMenuItem(_("Membership applications"), reverse("joining_admin:list"), icon_name="form", order=840)


@hooks.register("register_admin_menu_item")
def chapter_requests_menu_item():
    return ChapterLeadMenuItem(
        _("Chapter join requests"), reverse("joining_admin:chapter_requests"), icon_name="group", order=845
    )


@hooks.register("register_log_actions")
def joining_log_actions(actions):
    actions.register_action("joining.apply", _("Apply"), _("Application received (address not yet confirmed)"))
    actions.register_action("joining.confirm", _("Confirm address"), _("Applicant confirmed the address"))
    actions.register_action("joining.ask", _("Ask a question"), _("Question sent to the applicant"))
    actions.register_action("joining.answer", _("Answer"), _("Applicant answered the question"))
    actions.register_action("joining.approve", _("Approve"), _("Application approved; organisation onboarded"))
    actions.register_action("joining.decline", _("Decline"), _("Application declined"))
    actions.register_action("joining.erase", _("Erase personal data"), _("Personal data erased"))
    actions.register_action("joining.chapter_approve", _("Approve join request"), _("Chapter join request approved"))
    actions.register_action("joining.chapter_decline", _("Decline join request"), _("Chapter join request declined"))


@hooks.register("hub_periodic_jobs")
def joining_jobs():
    return PeriodicJob("erase-decided-applications", erase_decided_applications)


@hooks.register("hub_page_sections")
def joining_sections(page, request):
    """ "Join the movement" on the home page and the members index; "Write to ..." and "Join this chapter"."""
    if isinstance(page, HomePage | MemberIndexPage):
        return Section("join", "joining/sections/join.html", order=95)
    sections = []
    if isinstance(page, MemberPage | ChapterPage) and page.contact_email:
        # Only a flag reaches the template: the address itself never does.
        sections.append(
            Section(
                "contact", "joining/sections/contact.html", {"is_chapter": isinstance(page, ChapterPage)}, order=190
            )
        )
    if isinstance(page, ChapterPage):
        # The queryset stays lazy: it runs (one query) when the section's template reads it.
        sections.append(
            Section(
                "chapter-members",
                "joining/sections/chapter_members.html",
                {"organisations": page.member_organisations()},
                order=180,
            )
        )
        sections.append(Section("join-chapter", "joining/sections/join_chapter.html", order=192))
    return sections or None


@hooks.register(CHAPTER_MEMBERS_HOOK)
def chapter_members(chapter):
    """The organisations whose request to join `chapter` its lead approved (ChapterPage.member_organisations)."""
    return services.chapter_members(chapter)
