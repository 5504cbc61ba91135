from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import ImportPapersView, user_can_import


class ImportPapersMenuItem(MenuItem):
    def is_shown(self, request):
        return user_can_import(request.user)


@hooks.register("register_admin_urls")
def register_import_papers_url():
    return [path("import-papers/", ImportPapersView.as_view(), name="import_papers")]


@hooks.register("register_admin_menu_item")
def register_import_papers_menu_item():
    return ImportPapersMenuItem(_("Import papers"), reverse("import_papers"), icon_name="upload", order=350)
