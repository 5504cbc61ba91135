"""The demo's curated collections: at least two, full of live demo pages, built once."""

from django.core.management import call_command

import pytest

from hub.catalogue.models import ReadingListItem, ReadingListPage

pytestmark = pytest.mark.django_db


def test_the_demo_has_two_collections_of_live_pages_built_once(client, tmp_path, settings):
    settings.BASE_DIR = tmp_path
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)
    collections = ReadingListPage.objects.live()
    assert collections.count() >= 2
    assert ReadingListItem.objects.count() == sum(len(c.items.all()) for c in collections)
    for collection in collections:
        shown = collection.shown_items()
        assert len(shown) >= 5
        assert all(item.note for item, _page in shown)
        assert len({type(page.specific) for _item, page in shown}) >= 2  # papers, terms and events mixed
        assert client.get(collection.url).status_code == 200
    start = collections.get(slug="start-here")
    assert len(start.shown_items()) == 10
    assert start.cover_image is not None
