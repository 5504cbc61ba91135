"""What a member editor sees and gets when writing a paper in the admin."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from wagtail.models import Locale

import pytest
from bs4 import BeautifulSoup

from hub.base.models import Theme
from hub.base.translate import translate_page
from resources.factories import PaperPageFactory

pytestmark = pytest.mark.django_db


def test_a_paper_filed_under_an_organisation_is_published_by_it(tree):
    member = tree["member"]
    paper = PaperPageFactory(parent=member, title="What our villages learnt")
    assert list(paper.organisations.all()) == [member]
    paper.save_revision().publish()
    assert [organisation.pk for organisation in paper.publishers] == [member.pk]


def test_a_paper_in_the_library_keeps_the_organisations_chosen(tree):
    paper = PaperPageFactory(parent=tree["library"])
    assert list(paper.organisations.all()) == []


def test_the_paper_form_offers_themes_in_the_pages_language_only(client, tree):
    theme = Theme.objects.get(pk=tree["theme"].pk)
    french = Locale.objects.get(language_code="fr")
    translate_page(theme, french, {"name": "Gouvernance locale"})
    client.force_login(get_user_model().objects.create_superuser("boss", "boss@example.org", "pw"))
    url = reverse("wagtailadmin_pages:add", args=("resources", "paperpage", tree["library"].pk))
    html = client.get(url).content.decode()
    options = {
        option.get_text(strip=True) for option in BeautifulSoup(html, "html.parser").select("[name=themes] option")
    }
    options |= {
        label.get_text(strip=True)
        for label in BeautifulSoup(html, "html.parser").select("label")
        if label.find("input", attrs={"name": "themes"})
    }
    assert theme.name in options
    assert "Gouvernance locale" not in options
