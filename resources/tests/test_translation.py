"""Translating a page with wagtail-localize keeps its dates, places and taxonomy in step."""

from wagtail.models import Locale

import pytest

from hub.demo.translate import translate_page
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
