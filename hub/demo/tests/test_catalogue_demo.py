"""The demo catalogue: methods and themes written out in full, some of them in French."""

from django.core.management import call_command

from wagtail.models import Locale

import pytest

from events.models import EventPage
from hub.catalogue.models import MethodPage, ThemePage
from hub.demo.management.commands.load_demo import ENTRY_FIELDS

pytestmark = pytest.mark.django_db


def test_the_demo_describes_ten_methods_and_six_themes_in_full_with_french_translations(
    client, tmp_path, settings, django_capture_on_commit_callbacks
):
    settings.BASE_DIR = tmp_path
    # wagtail-localize publishes a translation when its transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", verbosity=0)
    english, french = Locale.objects.get(language_code="en"), Locale.objects.get(language_code="fr")
    for model, at_least in ((MethodPage, 10), (ThemePage, 6)):
        pages = model.objects.live().filter(locale=english)
        assert pages.count() >= at_least
        for page in pages:
            assert [name for name in ENTRY_FIELDS if not getattr(page, name)] == [], page.title
            assert page.related_items.exists(), page.title
        translated = model.objects.live().filter(locale=french, alias_of=None)
        assert translated.count() >= 4
        assert all(page.title != page.get_translation(english).title for page in translated)
    assert MethodPage.objects.filter(locale=english, kinds__isnull=False, themes__isnull=False).exists()
    assert EventPage.objects.filter(methods__slug="community-scorecards").exists()
    scorecards = MethodPage.objects.get(locale=english, slug="community-scorecards")
    html = client.get(scorecards.url).content.decode()
    assert "Running a community scorecard" in html  # the event on the method
    assert "?type=paper&amp;method=community-scorecards" in html
    assert scorecards.get_translation(french).title == "Cartes de score communautaires"
