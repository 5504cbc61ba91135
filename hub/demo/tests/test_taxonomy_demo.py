"""The demo taxonomy carries the other names members use, in English and French; `make run` names its port."""

import io

from django.core.management import call_command

from wagtail.models import Locale

import pytest

from hub.base.models import DataSource, Method, Theme

pytestmark = pytest.mark.django_db


def test_demo_records_have_their_common_alternative_labels_in_english_and_french(tmp_path, settings, shared_sample):
    settings.BASE_DIR = tmp_path
    call_command("load_demo", verbosity=0, stdout=io.StringIO())
    english, french = Locale.objects.get(language_code="en"), Locale.objects.get(language_code="fr")

    co_creation = Method.objects.get(slug="co-creation", locale=english)
    assert "Participatory design" in co_creation.alt_label_list
    crowdsourcing = Method.objects.get(slug="crowdsourcing", locale=english)
    assert "Collective intelligence" in crowdsourcing.alt_label_list
    assert "Behavioral insights" in Method.objects.get(slug="behavioural-insights", locale=english).alt_label_list
    assert "Localization" in Theme.objects.get(slug="localisation", locale=english).alt_label_list
    assert DataSource.objects.get(slug="citizen-generated-data", locale=english).alt_labels

    co_creation_fr = Method.objects.get(translation_key=co_creation.translation_key, locale=french)
    assert co_creation_fr.alt_label_list == ["Conception participative", "Co-conception", "Co-création"]
    crowdsourcing_fr = Method.objects.get(translation_key=crowdsourcing.translation_key, locale=french)
    assert "Intelligence collective" in crowdsourcing_fr.alt_label_list

    labels = {record.pk: record.alt_labels for record in Method.objects.all()}
    call_command("load_demo", verbosity=0, stdout=io.StringIO())
    assert {record.pk: record.alt_labels for record in Method.objects.all()} == labels

    # The import: the learning plan's methods land on the demo's records, not on new ones.
    sample = shared_sample("learning-plan-kyrgyzstan-2021.md")  # skips, saying where it looked, when absent
    out = io.StringIO()
    call_command("import_papers", str(sample), stdout=out, stderr=io.StringIO())
    new = set(Method.objects.filter(needs_review=True).values_list("name", flat=True))
    assert not new & {"System Thinking", "Behavioral Insights", "Participatory Design", "Collective Intelligence"}
    assert "'Participatory Design' → 'Co-creation and participatory design'" in out.getvalue()


def test_the_admin_address_printed_names_the_port_make_run_serves(tmp_path, settings, monkeypatch):
    settings.BASE_DIR = tmp_path
    settings.HUB_CREATE_DEMO_USERS = True
    settings.HUB_DEMO_CREDENTIALS_FILE = tmp_path / ".demo-credentials"
    monkeypatch.setenv("PORT", "9123")
    from hub.demo.management.commands.load_demo import Command

    out = io.StringIO()
    Command(stdout=out).demo_superuser()
    assert "http://127.0.0.1:9123/admin/" in out.getvalue()

    monkeypatch.setenv("PORT", "8765")
    again = io.StringIO()
    Command(stdout=again).demo_superuser()
    assert "http://127.0.0.1:8765/admin/" in again.getvalue() and "9123" not in again.getvalue()
