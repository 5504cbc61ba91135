"""The cluster test's starting content, made in a `manage.py shell` on the fresh database.

A home page with a paper library holding one published paper and one draft, an editor (a
superuser) and a second account for the lockout test; then the search engine indexes are built.
Prints one JSON line: {"draft_id", "draft_path", "library_path"}.
"""

import datetime
import json

from django.contrib.auth import get_user_model
from django.core.management import call_command

from wagtail.models import Page, Site

from hub.base.factories import HomePageFactory
from resources.factories import PaperIndexPageFactory, PaperPageFactory


def seed(password, draft_title):
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root)
    Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home, "hostname": "127.0.0.1"})
    library = PaperIndexPageFactory(parent=home, title="Papers", slug="papers")
    PaperPageFactory(parent=library, title="Village scorecards in practice", publication_date=datetime.date(2024, 1, 5))
    draft = PaperPageFactory(parent=library, title=draft_title, live=False, publication_date=datetime.date(2025, 6, 1))
    draft.save_revision()
    users = get_user_model()
    users.objects.create_superuser("editor", "editor@example.org", password)
    users.objects.create_user("reader", "reader@example.org", password)
    call_command("update_index", verbosity=0)
    print(json.dumps({"draft_id": draft.pk, "draft_path": draft.url, "library_path": library.url}))  # noqa: T201
