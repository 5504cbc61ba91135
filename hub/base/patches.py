"""Every Wagtail or library internal the hub replaces, in one place, each with a guard.

`apply()` runs once from `HubConfig.ready()`: it checks that the installed versions are the
ones below (`WRITTEN_FOR`), raising ImproperlyConfigured at start-up otherwise, then swaps in
the replacements listed in `SWAPS` and logs what it patched. An upgrade of one of these
distributions means reading the replaced code again, running hub/tests/test_patches.py (and
`python -m bench.patches` for a swap), and only then moving `WRITTEN_FOR` on.

A swap must save at least 5 ms per page on a page-cache miss at 10,000 pages (STYLE.md,
"Replacing framework internals"); `bench.patches` measures each one on against off, and the
figures go to bench/patches.json and docs/benchmarks.md. By that measure the four speed-ups the
hub carried until December 2026 were removed: memoised `PageQuerySet.private_q`,
`LocaleManager.get_for_language` and `Page.get_view_restrictions` saved 1.2-2.5 ms of CPU per
page each (3.5 ms together), and `HomePage.route`'s one-query routing cost 4.6 ms more than
Wagtail's walk (an unindexed url_path lookup). What is left:

- the `events` name clash with opensearch-py (`import_opensearchpy`): a fix, not a speed-up.
  Remove it when opensearch-py stops importing the PyPI `events` package at import time, or when
  our `events` package is renamed (the app label can stay `events`).
"""

import contextlib
import importlib
import importlib.machinery
import importlib.util
import logging
import sys
from importlib import metadata
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

logger = logging.getLogger(__name__)

# Distribution: the release series the patches were written for and read against ("8.0"
# accepts 8.0 and 8.0.x). Why each is listed:
WRITTEN_FOR = {
    # SWAPS holds nothing of Wagtail's at present; a new swap is written against 8.0 and starts guarded.
    "wagtail": "8.0",
    # search/backends/ override its backends' bulk(); its opensearch2 backend imports opensearch-py.
    "modelsearch": "1.3",
    # the `events` clash: opensearchpy/metrics/metrics_events.py runs `from events import Events`.
    "opensearch-py": "2.8",
}


def installed_version(distribution):
    """The installed version of a distribution, or None when it is not installed."""
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def check_versions(*distributions):
    """Raise ImproperlyConfigured unless each distribution (default: all) is a written-for version.

    A distribution that is not installed is skipped: nothing of it is patched.
    """
    wrong = []
    for name in distributions or WRITTEN_FOR:
        series, version = WRITTEN_FOR[name], installed_version(name)
        if version is not None and version != series and not version.startswith(series + "."):
            wrong.append(f"{name} {version} (written for {series}.x)")
    if wrong:
        raise ImproperlyConfigured(
            "hub/base/patches.py replaces internals of "
            + ", ".join(wrong)
            + ": read the replaced code again, run hub/tests/test_patches.py and bench.patches, "
            "then update WRITTEN_FOR."
        )


# --- Swapped methods ------------------------------------------------------------------

# "Owner.attribute": (import path of the owner, attribute, replacement), each with a note on
# why, the measured saving and when to remove it. Empty: every swap measured so far saved
# under 5 ms per page (see the module docstring).
SWAPS = {}

_originals = {}


def _owner(path):
    module, _, name = path.rpartition(".")
    return getattr(importlib.import_module(module), name)


def apply():
    """Check the versions, then swap in the replacements; called once from HubConfig.ready()."""
    check_versions()
    for name, (owner_path, attribute, replacement) in SWAPS.items():
        owner = _owner(owner_path)
        if owner.__dict__.get(attribute) is not replacement:
            _originals[name] = owner.__dict__[attribute]
            setattr(owner, attribute, replacement)
    logger.info(
        "hub.base.patches: versions checked (%s); swapped: %s",
        ", ".join(f"{name} {installed_version(name)}" for name in WRITTEN_FOR),
        ", ".join(SWAPS) or "nothing",
    )


@contextlib.contextmanager
def unpatched(*names):
    """The library's own code for the named swaps (all when none is named) inside the block:
    for tests that compare patched and unpatched behaviour, and for bench.patches."""
    unknown = set(names) - set(SWAPS)
    if unknown:
        raise ValueError(f"unknown patches {sorted(unknown)}; choose from {list(SWAPS)}")
    saved = []
    for name in names or SWAPS:
        owner_path, attribute, _replacement = SWAPS[name]
        owner = _owner(owner_path)
        saved.append((owner, attribute, owner.__dict__[attribute]))
        setattr(owner, attribute, _originals[name])
    try:
        yield
    finally:
        for owner, attribute, value in reversed(saved):
            setattr(owner, attribute, value)


# --- The `events` name clash ----------------------------------------------------


def import_opensearchpy():
    """Import opensearch-py with its own `events` dependency, not our events app.

    opensearch-py 2.4+ runs `from events import Events` (the PyPI package "Events") in
    opensearchpy/metrics/metrics_events.py, which opensearchpy/__init__.py and transport.py
    import unconditionally, so no part of the client can be used without it. Our `events` app
    comes first on sys.path, so the import fails. The package is loaded from opensearch-py's
    site-packages for that one import, then the name is given back to the app.

    The clash could only go away by renaming our `events` package (keeping the app label), or
    when opensearch-py stops importing `events` at the top of the package.
    """
    if "opensearchpy" in sys.modules:
        return
    spec = importlib.util.find_spec("opensearchpy")
    if spec is None or spec.origin is None:
        return  # not installed: the backend import reports it
    check_versions("opensearch-py")
    events_spec = importlib.machinery.PathFinder.find_spec("events", [str(Path(spec.origin).parent.parent)])
    if events_spec is None:
        return

    def take_events_modules():
        return {name: sys.modules.pop(name) for name in list(sys.modules) if name.split(".")[0] == "events"}

    ours = take_events_modules()
    try:
        package = importlib.util.module_from_spec(events_spec)
        sys.modules["events"] = package
        events_spec.loader.exec_module(package)
        import opensearchpy  # noqa: F401
    finally:
        take_events_modules()
        sys.modules.update(ours)
    logger.info("hub.base.patches: opensearch-py imported with the PyPI `events` package, not the events app")
