"""A method or theme page: what it says, and how the page of a taxonomy record is found."""

from django.core.exceptions import ValidationError

import pytest

from hub.base.factories import MethodFactory
from hub.catalogue.factories import (
    MethodIndexPageFactory,
    MethodPageFactory,
    ThemeIndexPageFactory,
    ThemePageFactory,
)
from hub.catalogue.models import MethodPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def method_index(home):
    return MethodIndexPageFactory(parent=home)


def test_method_page_shows_its_sections(client, method_index):
    page = MethodPageFactory(
        parent=method_index,
        method__name="Asset mapping",
        steps="<ol><li>Walk the village</li></ol>",
        needs_time="Two days",
    )
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Asset mapping</h1>" in html
    assert "Walk the village" in html
    assert "Two days" in html


def test_catalogue_lists_live_entries_only(client, method_index):
    MethodPageFactory(parent=method_index, method__name="Community scorecards")
    MethodPageFactory(parent=method_index, method__name="Hidden draft", live=False)
    response = client.get(method_index.url)
    html = response.content.decode()
    assert "Community scorecards" in html
    assert "Hidden draft" not in html


def test_page_for_finds_the_page_of_a_record(method_index):
    page = MethodPageFactory(parent=method_index)
    assert MethodPage.page_for(page.method) == page
    assert MethodPage.page_for(MethodFactory()) is None


def test_one_page_per_record_and_language(method_index):
    page = MethodPageFactory(parent=method_index)
    twin = MethodPage(title="Twin", slug="twin", method=page.method, locale=page.locale)
    with pytest.raises(ValidationError):
        twin.clean()


def test_theme_page_renders(client, home):
    index = ThemeIndexPageFactory(parent=home)
    page = ThemePageFactory(parent=index, theme__name="Localisation")
    assert client.get(page.url).status_code == 200
    assert "Localisation" in client.get(index.url).content.decode()


def test_a_method_page_offers_to_follow_its_method(client, method_index):
    page = MethodPageFactory(parent=method_index, method__name="Transect walk")
    html = client.get(page.url).content.decode()
    assert 'name="email"' in html
    assert page.follow_topic == ("method", page.method)


def test_a_theme_page_offers_to_follow_its_theme(client, home):
    index = ThemeIndexPageFactory(parent=home)
    page = ThemePageFactory(parent=index, theme__name="Localisation")
    html = client.get(page.url).content.decode()
    assert "Follow this theme" in html
    assert f'name="topic" value="theme:{page.theme.pk}"' in html
    assert page.follow_topic == ("theme", page.theme)
