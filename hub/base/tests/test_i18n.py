"""The interface is translated: French, Spanish and Portuguese pages render their UI strings,
dates and plurals in that language, and every .po file is complete.

Compiled catalogues (locale/**/*.mo) are git-ignored and built by `compilemessages`; the
`compiled_messages` fixture builds them when they are missing or older than their .po file.
"""

import datetime
import re
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.management import call_command
from django.core.signals import setting_changed

from wagtail.models import Locale

import polib
import pytest

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")

# Per language: strings of the search page, base template, home page and event page.
EXPECTED = {
    "fr": {
        "browse": "Parcourir le Hub",
        "apply": "Appliquer les filtres",
        "narrow": "Affiner les résultats",
        "no_results": "0 résultat<",  # French: 0 takes the singular
        "skip": "Aller au contenu principal",
        "search_label": "Rechercher dans le Hub",
        "nav": 'aria-label="Navigation principale"',
        "home_strings": ["Méthodologie à la une", "Événements à venir", "Chapitres nationaux", "Connexion des membres"],
        "event_strings": ["Webinaire · En ligne", "Quand", "Fuseau horaire", "Ajouter au calendrier (.ics)"],
        "march": "15 mars 2030",
    },
    "es": {
        "browse": "Explorar el Hub",
        "apply": "Aplicar filtros",
        "narrow": "Afinar los resultados",
        "no_results": "0 resultados<",
        "skip": "Saltar al contenido principal",
        "search_label": "Buscar en el Hub",
        "nav": 'aria-label="Navegación principal"',
        "home_strings": ["Metodología destacada", "Próximos eventos", "Capítulos nacionales", "Acceso para miembros"],
        "event_strings": ["Seminario web · En línea", "Cuándo", "Zona horaria", "Añadir al calendario (.ics)"],
        "march": "15 de marzo de 2030",
    },
    "pt": {
        "browse": "Explorar o Hub",
        "apply": "Aplicar filtros",
        "narrow": "Refinar os resultados",
        "no_results": "0 resultados<",
        "skip": "Pular para o conteúdo principal",
        "search_label": "Pesquisar no Hub",
        "nav": 'aria-label="Navegação principal"',
        "home_strings": ["Metodologia em destaque", "Próximos eventos", "Capítulos nacionais", "Acesso para membros"],
        "event_strings": ["Webinário · On-line", "Quando", "Fuso horário", "Adicionar ao calendário (.ics)"],
        "march": "15 de março de 2030",
    },
}


def po_files():
    return sorted(LOCALE_DIR.glob("*/LC_MESSAGES/django.po"))


def _stale(po_path):
    mo_path = po_path.with_suffix(".mo")
    return not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime


@pytest.fixture(scope="session")
def compiled_messages():
    """Compile the .po files whose .mo is missing or out of date, and drop Django's cached catalogues."""
    if any(_stale(path) for path in po_files()):
        if shutil.which("msgfmt") is None:
            pytest.skip("locale/*.mo are missing and msgfmt (GNU gettext) is not installed: apt-get install gettext")
        call_command("compilemessages", ignore=[".venv"], verbosity=0)
        # What override_settings(LOCALE_PATHS=...) does: forget catalogues loaded before the .mo files existed.
        setting_changed.send(sender=None, setting="LOCALE_PATHS", value=settings.LOCALE_PATHS, enter=False)


def test_every_language_has_a_catalogue():
    assert LANGUAGES == ["fr", "es", "pt"]
    assert [path.parent.parent.name for path in po_files()] == sorted(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_is_complete_and_keeps_placeholders(language):
    po = polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))
    assert po.metadata["Language"] == language
    assert "charset=UTF-8" in po.metadata["Content-Type"]
    plural = "plural=(n > 1);" if language == "fr" else "plural=(n != 1);"
    assert po.metadata["Plural-Forms"] == f"nplurals=2; {plural}"
    entries = [entry for entry in po if not entry.obsolete]
    assert len(entries) > 300
    assert [entry.msgid for entry in po.untranslated_entries()] == []
    assert [entry.msgid for entry in po.fuzzy_entries()] == []
    assert not po.metadata_is_fuzzy
    for entry in entries:
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        assert all(translations), entry.msgid
        for translation in translations:
            assert set(PLACEHOLDER.findall(translation)) == set(PLACEHOLDER.findall(entry.msgid)), entry.msgid


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_search_page_is_translated(client, home, compiled_messages, language):
    expected = EXPECTED[language]
    response = client.get(f"/{language}/search/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    for key in ("browse", "apply", "narrow", "no_results", "skip", "search_label", "nav"):
        assert expected[key] in html, key
    assert "Apply filters" not in html
    assert "Skip to main content" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_translated_home_page_renders_translated_ui(client, tree, compiled_messages, language):
    translation = tree["home"].copy_for_translation(Locale.objects.get(language_code=language))
    translation.save_revision().publish()
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert EXPECTED[language]["skip"] in html
    for text in EXPECTED[language]["home_strings"]:
        assert text in html
    # The English paper is listed with a badge saying it is not translated yet, in the visitor's language.
    assert "Community scorecards in practice" in html
    assert "Not translated yet" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_event_dates_use_the_languages_month_names(client, tree, compiled_messages, language):
    translation = tree["event"].copy_for_translation(Locale.objects.get(language_code=language), copy_parents=True)
    translation.start = datetime.datetime(2030, 3, 15, 14, 0, tzinfo=ZoneInfo("America/Lima"))
    translation.end = translation.start + datetime.timedelta(hours=2)
    translation.save_revision().publish()
    response = client.get(translation.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert EXPECTED[language]["march"] in html.casefold()  # Django's Portuguese catalogue capitalises months
    assert "March" not in html
    for text in EXPECTED[language]["event_strings"]:
        assert text in html


@pytest.mark.django_db
@pytest.mark.parametrize(("accept", "target"), [("fr", "/fr/"), ("es-ES,es;q=0.9", "/es/"), ("pt-BR", "/pt/")])
def test_root_redirects_to_the_browsers_language(client, home, accept, target):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == target


@pytest.mark.django_db
def test_root_redirects_an_unsupported_language_to_english(client, home):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 302
    assert response["Location"] == "/en/"
