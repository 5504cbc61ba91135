from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from hub.base.models import HomePage
from hub.base.sections import Section
from members.models import MemberPage

from .admin_views import ImportJobView, ImportMethodsView, ImportPapersView, user_can_import, user_can_import_methods
from .queries import featured_papers, papers_by_organisation
from .templatetags.glossary_tags import link_glossary_terms


class ImportPapersMenuItem(MenuItem):
    def is_shown(self, request):
        return user_can_import(request.user)


@hooks.register("register_admin_urls")
def register_import_papers_url():
    return [
        path("import-papers/", ImportPapersView.as_view(), name="import_papers"),
        path("import-papers/jobs/<int:pk>/", ImportJobView.as_view(), name="import_papers_job"),
        path("import-methods/", ImportMethodsView.as_view(), name="import_methods"),
    ]


@hooks.register("register_admin_menu_item")
def register_import_papers_menu_item():
    return ImportPapersMenuItem(_("Import papers"), reverse("import_papers"), icon_name="upload", order=350)


class ImportMethodsMenuItem(MenuItem):
    def is_shown(self, request):
        return user_can_import_methods(request.user)


@hooks.register("register_admin_menu_item")
def register_import_methods_menu_item():
    return ImportMethodsMenuItem(_("Import methods"), reverse("import_methods"), icon_name="upload", order=351)


@hooks.register("hub_page_sections")
def paper_sections(page, request):
    """Papers on other apps' pages: the home page's featured papers, a member's own papers and terms."""
    if isinstance(page, HomePage):
        return Section(
            "featured_papers",
            "resources/sections/home_papers.html",
            {"featured_papers": featured_papers(page)},
            order=10,
        )
    if isinstance(page, MemberPage):
        return [
            Section("how_we_say_it", "resources/sections/member_terms.html", order=10),
            Section(
                "papers",
                "resources/sections/member_papers.html",
                {"papers": papers_by_organisation(page, limit=6)},
                order=20,
            ),
        ]
    return None


# Glossary terms linked in other apps' rich text ({% page_text page %}: member, chapter and event pages).
hooks.register("hub_text_filters", link_glossary_terms)
