"""Every Wagtail or library internal the hub replaces, in one place, each with a guard.

`apply()` runs once from `HubConfig.ready()`: it checks that the installed versions are the
ones below (`WRITTEN_FOR`), raising ImproperlyConfigured at start-up otherwise, then swaps in
the replacements and logs what it patched. An upgrade of one of these distributions means
reading the replaced code again, running `hub/tests/test_patches.py` and `python -m
bench.patches` (figures in `bench/patches.json`, docs/benchmarks.md), and only then widening
`WRITTEN_FOR`.

The patches, with what each saves on a page-cache miss at 10,000 pages (bench/patches.json):

- `PageQuerySet.private_q` (`_private_q`): Wagtail reads every PageViewRestriction each time a
  queryset is filtered with `.public()` (menu, breadcrumbs, listings, related pages); here the
  restricted (path, depth) pairs are read once per public GET request (hub/memo.py).
- `LocaleManager.get_for_language` (`_get_for_language`): Wagtail queries the Locale table on
  each call; here the locales are read once per public GET request.
- `Page.get_view_restrictions` (`_get_view_restrictions`): Wagtail checks the served page and
  its ancestors (two queries); when the memoised list says no page of the site is restricted,
  none can apply.
- `HomePage.route` (hub/models.py, an override rather than a swap, guarded here): one query for
  the pages along the path instead of one per level; relies on Page.route's contract and on
  treebeard's private `_cached_parent_obj`.
- the `events` name clash (`import_opensearchpy`): not a speed-up but a fix, see its docstring.

Remove a patch when Wagtail does the same itself, or when `bench.patches` shows it saves under
5 ms per page.
"""

import contextlib
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
    # private_q, get_view_restrictions and Page.route (HomePage.route) are Wagtail 8.0's.
    "wagtail": "8.0",
    # HomePage.route sets the private `_cached_parent_obj` that treebeard's get_parent() reads.
    "django-treebeard": "5.3",
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
            "hub/patches.py replaces internals of "
            + ", ".join(wrong)
            + ": read the replaced code again, run hub/tests/test_patches.py and bench.patches, "
            "then update WRITTEN_FOR."
        )


# --- Memoised view restrictions ---------------------------------------------------


def _private_q(self):
    """Wagtail's PageQuerySet.private_q, built from the request's memoised restrictions."""
    from django.db.models import Q

    from hub.memo import restricted_pages

    q = Q()
    for path, depth in restricted_pages():
        q |= Q(path__startswith=path, depth__gte=depth)
    return q if q else Q(pk__in=[])


def _get_view_restrictions(self):
    """Wagtail's Page.get_view_restrictions, answering "none" without a query when no page of
    the site is restricted (in a public GET request, from the memoised list)."""
    from wagtail.models import PageViewRestriction

    from hub.memo import memo_open, restricted_pages

    if memo_open() and not restricted_pages():
        return PageViewRestriction.objects.none()
    return _originals["Page.get_view_restrictions"](self)


def _get_for_language(self, language_code):
    """Wagtail's LocaleManager.get_for_language, from the request's memoised locales."""
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale

    from hub.memo import locales, memo_open

    wagtails = _originals["LocaleManager.get_for_language"]
    if self.model is not Locale or self._db is not None or not memo_open():
        return wagtails(self, language_code)
    try:
        code = get_supported_content_language_variant(language_code)
    except LookupError:
        return wagtails(self, language_code)
    return locales()[1].get(code) or wagtails(self, language_code)


def _targets():
    """{name: (owner, attribute, replacement)} of the patches that swap a method."""
    from wagtail.models import Page
    from wagtail.models.i18n import LocaleManager
    from wagtail.query import PageQuerySet

    return {
        "PageQuerySet.private_q": (PageQuerySet, "private_q", _private_q),
        "LocaleManager.get_for_language": (LocaleManager, "get_for_language", _get_for_language),
        "Page.get_view_restrictions": (Page, "get_view_restrictions", _get_view_restrictions),
    }


_originals = {}


def apply():
    """Check the versions, then swap in the replacements; called once from HubConfig.ready()."""
    check_versions()
    for name, (owner, attribute, replacement) in _targets().items():
        if getattr(owner, attribute) is replacement:
            continue
        _originals[name] = getattr(owner, attribute)
        setattr(owner, attribute, replacement)
    logger.info(
        "hub.patches: replaced %s; HomePage.route overrides Page.route (Wagtail %s, treebeard %s)",
        ", ".join(_targets()),
        installed_version("wagtail"),
        installed_version("django-treebeard"),
    )


def _route_target():
    from wagtail.models import Page

    from hub.models import HomePage

    return HomePage, "route", Page.route


@contextlib.contextmanager
def unpatched(*names):
    """Wagtail's own code for the named patches (all when none is named) inside the block.

    "HomePage.route" gives the home page Wagtail's Page.route. For tests and bench.patches.
    """
    every = [*_targets(), "HomePage.route"]
    unknown = set(names) - set(every)
    if unknown:
        raise ValueError(f"unknown patches {sorted(unknown)}; choose from {every}")
    saved = []
    for name in names or every:
        if name == "HomePage.route":
            owner, attribute, wagtails = _route_target()
        else:
            owner, attribute, _replacement = _targets()[name]
            wagtails = _originals[name]
        saved.append((owner, attribute, owner.__dict__[attribute]))
        setattr(owner, attribute, wagtails)
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
    logger.info("hub.patches: opensearch-py imported with the PyPI `events` package, not the events app")
