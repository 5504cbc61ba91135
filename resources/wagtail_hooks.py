from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from hub.base.models import HomePage
from hub.base.sections import Section
from hub.catalogue.models import CatalogueEntryPage
from members.models import MemberPage
from members.roles import is_moderator

from .admin_views import ImportJobView, ImportMethodsView, ImportPapersView, user_can_import, user_can_import_methods
from .catalogue import PAPERS_SHOWN, entry_members, entry_papers, entry_terms, paper_usage
from .dashboard import organisation_papers_panel
from .permissions import publisher_fences, publisher_grants
from .queries import featured_papers, papers_by_organisation
from .readership import dashboard_panel
from .readership_views import PaperReadershipView, paper_readership_csv
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


class ModeratorsMenuItem(MenuItem):
    def is_shown(self, request):
        return is_moderator(request.user)


@hooks.register("register_admin_urls")
def register_readership_urls():
    return [
        path("readership/", PaperReadershipView.as_view(), name="paper_readership"),
        path("readership/papers.csv", paper_readership_csv, name="paper_readership_csv"),
    ]


@hooks.register("register_admin_menu_item")
def register_readership_menu_item():
    return ModeratorsMenuItem(_("Readership"), reverse("paper_readership"), icon_name="view", order=360)


@hooks.register("construct_homepage_panels")
def add_readership_panel(request, panels):
    """The moderators' most read papers."""
    panel = dashboard_panel(request.user)
    if panel is not None:
        panels.append(panel)


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
    if isinstance(page, CatalogueEntryPage):
        return catalogue_sections(page)
    return None


# Member editors edit every paper that names their organisation, and no other (resources/permissions.py).
hooks.register("hub_page_grants", publisher_grants)
hooks.register("hub_page_fences", publisher_fences)

# A member editor's dashboard lists its papers and starts a new one (resources/dashboard.py).
hooks.register("construct_homepage_panels", organisation_papers_panel)


def catalogue_sections(page):
    """A method or theme page: the papers using it, the terms naming it, the members practising it."""
    papers = entry_papers(page)
    shown = list(papers[:PAPERS_SHOWN])
    total = len(shown) if len(shown) < PAPERS_SHOWN else papers.count()
    terms, in_house_names = entry_terms(page)
    return [
        Section(
            "catalogue_papers",
            "resources/sections/catalogue_papers.html",
            {"papers": shown, "papers_total": total, "facet": page.record_field},
            order=10,
        ),
        Section(
            "catalogue_terms",
            "resources/sections/catalogue_terms.html",
            {"terms": terms, "in_house_names": in_house_names},
            order=10,
            region="facts",
        ),
        Section(
            "catalogue_members",
            "resources/sections/catalogue_members.html",
            {"members": entry_members(page, papers)},
            order=20,
            region="facts",
        ),
    ]


# Paper counts in the methods and themes catalogues (hub/catalogue/usage.py).
hooks.register("hub_catalogue_usage", paper_usage)


# Glossary terms linked in other apps' rich text ({% page_text page %}: member, chapter and event pages).
hooks.register("hub_text_filters", link_glossary_terms)
