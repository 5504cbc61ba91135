from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from hub.base.memo import page_locale
from hub.base.models import HomePage
from hub.base.sections import Section
from members import roles
from members.dashboard import hide_site_summary, own_pages_panels
from members.models import ChapterPage, MemberPage
from members.queries import chapters
from members.views import OnboardingView


@hooks.register("register_admin_urls")
def onboarding_urls():
    return [path("onboarding/", OnboardingView.as_view(), name="members_onboarding")]


class OnboardingMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(roles.ONBOARD_PERMISSION)


@hooks.register("register_admin_menu_item")
def onboarding_menu_item():
    return OnboardingMenuItem(_("Onboarding"), reverse("members_onboarding"), icon_name="group", order=850)


@hooks.register("before_delete_page")
def keep_organisation_and_chapter_pages(request, page):
    """An organisation's or chapter's own page is the root of its editors' rights: only the secretariat removes it."""
    if page.specific_class in (MemberPage, ChapterPage) and not roles.is_moderator(request.user):
        raise PermissionDenied


@hooks.register("hub_page_sections")
def chapter_sections(page, request):
    """The home page's list of country chapters."""
    if isinstance(page, HomePage):
        return Section(
            "chapters", "members/sections/home_chapters.html", {"chapters": chapters(page_locale(page))}, order=30
        )
    return None


@hooks.register("before_move_page")
def refuse_a_move_the_user_may_not_make(request, page, destination):
    """Wagtail checks a move only when it is made (POST); its confirmation page (GET) names both pages."""
    if not page.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied


# A member editor's or chapter lead's dashboard opens on its organisation or chapter (members/dashboard.py).
hooks.register("construct_homepage_panels", own_pages_panels)
# Late (order): Wagtail's images and documents apps add their items after this app's hooks would run.
hooks.register("construct_homepage_summary_items", hide_site_summary, order=100)
