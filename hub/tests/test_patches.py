"""hub/base/patches.py: the start-up version guard and the `events` name clash with opensearch-py."""

import sys

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

import pytest

from hub.base import patches

# --- The version guard ------------------------------------------------------------


def test_the_installed_versions_are_the_ones_the_patches_were_written_for():
    patches.check_versions()


@pytest.mark.parametrize(
    ("distribution", "version"),
    [
        ("wagtail", "8.1.0"),
        ("wagtail", "7.2.1"),
        ("modelsearch", "1.4"),
        ("opensearch-py", "3.0.0"),
    ],
)
def test_start_up_fails_loudly_on_another_version(monkeypatch, distribution, version):
    real = patches.installed_version
    monkeypatch.setattr(patches, "installed_version", lambda name: version if name == distribution else real(name))
    with pytest.raises(ImproperlyConfigured, match=f"{distribution} {version}"):
        apps.get_app_config("hub").ready()


def test_a_patch_release_of_the_same_series_is_accepted(monkeypatch):
    monkeypatch.setattr(patches, "installed_version", lambda name: patches.WRITTEN_FOR[name] + ".9")
    patches.check_versions()


def test_a_distribution_that_is_not_installed_is_not_checked(monkeypatch):
    real = patches.installed_version
    monkeypatch.setattr(patches, "installed_version", lambda name: None if name == "opensearch-py" else real(name))
    patches.check_versions()


def test_importing_opensearch_py_checks_its_version(monkeypatch):
    monkeypatch.delitem(sys.modules, "opensearchpy", raising=False)
    monkeypatch.setattr(patches, "installed_version", lambda name: "2.9.0" if name == "opensearch-py" else "8.0.1")
    with pytest.raises(ImproperlyConfigured, match="opensearch-py 2.9.0"):
        patches.import_opensearchpy()


def test_start_up_logs_what_was_checked_and_patched(caplog):
    with caplog.at_level("INFO", logger="hub.base.patches"):
        patches.apply()
    assert "wagtail 8.0" in caplog.text
    assert "swapped: nothing" in caplog.text


def test_opensearch_py_gets_its_events_package_and_the_app_keeps_its_name(monkeypatch):
    """opensearch-py's metrics use the PyPI `Events` class; `import events` is still our app."""
    import events as our_app

    for name in [n for n in sys.modules if n.split(".")[0] == "opensearchpy"]:
        monkeypatch.delitem(sys.modules, name)
    patches.import_opensearchpy()
    from opensearchpy.metrics.metrics_events import Events, MetricsEvents

    assert sys.modules["events"] is our_app
    assert Events.__module__ == "events.events"
    assert Events is not getattr(our_app, "Events", None)
    metrics = MetricsEvents()
    metrics.request_start()
    metrics.request_end()
    assert metrics.service_time is not None


class Library:
    """Stands in for a library class that a swap replaces a method of."""

    def answer(self):
        return "library"


def test_a_swap_is_applied_at_start_up_and_unpatched_gives_the_librarys_own(monkeypatch):
    monkeypatch.setattr(Library, "answer", Library.answer)  # put back after the test
    monkeypatch.setitem(patches.SWAPS, "Library.answer", (f"{__name__}.Library", "answer", lambda self: "hub"))
    patches.apply()
    patches.apply()  # a second start-up (tests, reloads) keeps the library's own for unpatched()
    assert Library().answer() == "hub"
    with patches.unpatched("Library.answer"):
        assert Library().answer() == "library"
    assert Library().answer() == "hub"
    with pytest.raises(ValueError, match="unknown patches"):
        patches.unpatched("Page.route").__enter__()
