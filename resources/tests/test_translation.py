"""Translating a page with wagtail-localize keeps its dates, places and taxonomy in step."""

from wagtail.models import Locale

import pytest
from bs4 import BeautifulSoup

from hub.base.testing import refresh_search_engine
from hub.base.tests.test_i18n import compiled_messages  # noqa: F401
from hub.base.translate import translate_page
from resources.models import PaperPage

pytestmark = pytest.mark.django_db


def test_a_translated_paper_keeps_its_non_text_fields(client, tree, django_capture_on_commit_callbacks):
    paper = tree["paper"]
    french = Locale.objects.get(language_code="fr")
    # One commit per translation, as in the admin (see README: wagtail-localize publishes on commit).
    for page, values in [
        (tree["home"], {"title": "Plateforme"}),
        (tree["library"], {"title": "Bibliothèque"}),
        (paper, {"title": "Les fiches d'évaluation communautaire", "abstract": "Résumé."}),
    ]:
        with django_capture_on_commit_callbacks(execute=True):
            translate_page(page, french, values)

    translated = PaperPage.objects.get(translation_key=paper.translation_key, locale=french)
    assert translated.live is True
    assert translated.title == "Les fiches d'évaluation communautaire"
    assert translated.abstract == "Résumé."
    assert translated.publication_date == paper.publication_date
    assert [c.code for c in translated.countries] == [c.code for c in paper.countries]
    assert translated.document_type == paper.document_type
    assert translated.doi == paper.doi
    assert {t.translation_key for t in translated.themes.all()} == {t.translation_key for t in paper.themes.all()}
    assert {s.number for s in translated.sdgs.all()} == {s.number for s in paper.sdgs.all()}

    response = client.get(translated.url)
    assert response.status_code == 200
    assert '<html lang="fr"' in response.content.decode()
    # The switcher on the English page now leads to the French translation.
    assert f'href="{translated.url}" hreflang="fr"' in client.get(paper.url).content.decode()


def _translate(pages_and_values, locale, capture):
    for page, values in pages_and_values:
        with capture(execute=True):
            translate_page(page, locale, values)


@pytest.mark.usefixtures("compiled_messages")
def test_a_translated_paper_lists_the_themes_and_goals_in_its_own_language(
    client, tree, django_capture_on_commit_callbacks
):
    paper = tree["paper"]
    french = Locale.objects.get(language_code="fr")
    theme = paper.themes.first()
    sdg = paper.sdgs.get(number=16)
    _translate(
        [(theme, {"name": "Gouvernance locale"}), (sdg, {"name": "Paix, justice et institutions efficaces"})],
        french,
        django_capture_on_commit_callbacks,
    )
    _translate(
        [(tree["home"], {"title": "Plateforme"}), (tree["library"], {"title": "Bibliothèque"}), (paper, {})],
        french,
        django_capture_on_commit_callbacks,
    )

    translated = PaperPage.objects.get(translation_key=paper.translation_key, locale=french)
    assert {t.locale_id for t in translated.themes.all()} == {french.pk}
    assert translated.themes.get().name == "Gouvernance locale"
    # SDG 3 has no French record yet, so the English one stays chosen.
    assert {(s.number, s.locale.language_code) for s in translated.sdgs.all()} == {(16, "fr"), (3, "en")}
    html = client.get(translated.url).content.decode()
    assert "Gouvernance locale" in html
    assert "16. Paix, justice et institutions efficaces" in html
    # The English original keeps its English choices.
    assert {t.locale.language_code for t in paper.themes.all()} == {"en"}
    assert theme.name in client.get(paper.url).content.decode()
    # Facet labels follow the visitor's language.
    refresh_search_engine()
    facets = client.get("/fr/search/api/").json()["facets"]
    assert {"value": theme.slug, "label": "Gouvernance locale"}.items() <= next(
        v for v in facets["theme"] if v["value"] == theme.slug
    ).items()


def _notices(html):
    soup = BeautifulSoup(html, "html.parser")
    return {p["lang"]: p for p in soup.select("[data-untranslated-notice]")}


@pytest.mark.usefixtures("compiled_messages")
def test_an_untranslated_page_carries_a_notice_for_each_missing_language_in_that_language(
    client, tree, django_capture_on_commit_callbacks
):
    paper = tree["paper"]
    notices = _notices(client.get(paper.url).content)
    assert set(notices) == {"fr", "es", "pt"}
    assert all(notice.has_attr("hidden") for notice in notices.values())
    assert "pas encore disponible dans cette langue" in notices["fr"].get_text()
    assert "aún no está disponible en este idioma" in notices["es"].get_text()
    assert "ainda não está disponível neste idioma" in notices["pt"].get_text()
    assert notices["fr"].a["href"] == "/fr/"

    french = Locale.objects.get(language_code="fr")
    _translate(
        [(tree["home"], {"title": "Plateforme"}), (tree["library"], {"title": "Bibliothèque"}), (paper, {})],
        french,
        django_capture_on_commit_callbacks,
    )
    assert set(_notices(client.get(paper.url).content)) == {"es", "pt"}
    translated = PaperPage.objects.get(translation_key=paper.translation_key, locale=french)
    french_page = client.get(translated.url).content
    assert set(_notices(french_page)) == {"es", "pt"}
    assert b"js/untranslated.js" in french_page


@pytest.mark.usefixtures("compiled_messages")
def test_an_alias_page_says_it_is_not_translated_yet_in_the_visitors_language(client, tree):
    french = Locale.objects.get(language_code="fr")
    alias = tree["term"].copy_for_translation(french, copy_parents=True, alias=True)
    assert alias.live is True
    notices = _notices(client.get(alias.url).content)
    assert alias.url.startswith("/fr/")
    assert not notices["fr"].has_attr("hidden")
    assert "dans sa langue d'origine : English" in notices["fr"].get_text()
