"""The shared taxonomy in the admin, under one menu item; wagtail-localize adds "Translate" to each."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from hub.base.cache import never_cache_page
from hub.base.memo import restricted_pages
from hub.base.models import SDG, DataSource, MailFailure, Method, Sector, Theme
from hub.base.taxonomy_admin import TaxonomyToolsViewSet


class TaxonomyViewSet(SnippetViewSet):
    list_display = ["name", "slug", "needs_review", "locale"]
    list_filter = ["needs_review", "locale"]
    search_fields = ["name", "slug", "alt_labels"]
    ordering = ["name"]


class ThemeViewSet(TaxonomyViewSet):
    model = Theme
    icon = "tag"


class MethodViewSet(TaxonomyViewSet):
    model = Method
    icon = "cogs"


class SectorViewSet(TaxonomyViewSet):
    model = Sector
    icon = "folder-open-inverse"


class DataSourceViewSet(TaxonomyViewSet):
    model = DataSource
    icon = "table"


class SDGViewSet(SnippetViewSet):
    model = SDG
    icon = "globe"
    list_display = ["number", "name", "locale"]
    list_filter = ["locale"]
    ordering = ["number"]


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("Taxonomy")
    menu_icon = "tag"
    menu_order = 250
    items = (ThemeViewSet, MethodViewSet, SectorViewSet, DataSourceViewSet, SDGViewSet, TaxonomyToolsViewSet)


register_snippet(TaxonomyGroup)


class MailFailureViewSet(ModelViewSet):
    """Messages that could not be sent after every retry (hub/base/mail.py): moderators only
    (hub.view_mailfailure), since they hold recipients' addresses."""

    model = MailFailure
    icon = "mail"
    menu_label = _("Mail failures")
    add_to_settings_menu = True
    list_display = ["created", "template", "to", "attempts", "error"]
    list_filter = ["template"]
    search_fields = ["to", "template", "error"]
    inspect_view_enabled = True
    form_fields = ["to"]


@hooks.register("register_admin_viewset")
def register_mail_failures():
    return MailFailureViewSet("mail_failures")


@hooks.register("before_serve_page")
def keep_restricted_pages_out_of_the_page_cache(page, request, serve_args, serve_kwargs):
    """A page under a view restriction is never stored, whoever managed to see it."""
    if any(page.path.startswith(path) and page.depth >= depth for path, depth in restricted_pages()):
        never_cache_page(request)
