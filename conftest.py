import datetime
import json
import os
import urllib.request
from pathlib import Path

from django.utils import timezone

from wagtail.models import Page, Site

import pytest

# ---------------------------------------------------------------- server-dependent tests
# Tests marked `postgres` or `searchengine` skip, with the reason in the summary, when
# that server is not configured. HUB_REQUIRE_SERVICES=1 (set by .ci/run for its
# PostgreSQL + OpenSearch run) turns those skips into failures, so CI cannot pass
# by silently skipping them.

REQUIRE_SERVICES = os.environ.get("HUB_REQUIRE_SERVICES", "") == "1"
_services = {}


def _engine_request(method, path, body=None, timeout=10):
    from django.conf import settings

    request = urllib.request.Request(  # noqa: S310 - URL from settings, not user input
        settings.ELASTICSEARCH_URL.rstrip("/") + path,
        method=method,
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
        return json.load(response)


def _services_status():
    """{"postgres": reason-or-None, "searchengine": reason-or-None}; None means available."""
    if _services:
        return _services
    from django.conf import settings
    from django.db import connection

    _services["postgres"] = (
        None
        if connection.vendor == "postgresql"
        else f"needs PostgreSQL: DATABASE_URL is not postgres:// (database is {connection.vendor})"
    )
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
    if not settings.ELASTICSEARCH_URL:
        _services["searchengine"] = "needs a search engine: ELASTICSEARCH_URL is not set"
    elif "elasticsearch" not in backend and "opensearch" not in backend:
        _services["searchengine"] = f"needs a search engine: the search backend is {backend}"
    else:
        try:
            version = _engine_request("GET", "/", timeout=3)["version"]
            _services["searchengine"] = None
            _services["engine_version"] = f"{version.get('distribution', 'elasticsearch')} {version['number']}"
        except (OSError, ValueError, KeyError) as error:
            _services["searchengine"] = f"needs a search engine: {settings.ELASTICSEARCH_URL} does not answer ({error})"
    return _services


def pytest_report_header(config):
    from django.conf import settings

    status = _services_status()
    search = settings.WAGTAILSEARCH_BACKENDS["default"]
    lines = [f"database: {settings.DATABASES['default']['ENGINE']}", f"search backend: {search['BACKEND']}"]
    if settings.ELASTICSEARCH_URL:
        lines.append(
            f"search engine: {settings.ELASTICSEARCH_URL} "
            f"({status.get('engine_version') or status['searchengine']}), index prefix {search['INDEX_PREFIX']}"
            + (" here, each xdist worker has its own" if getattr(config.option, "numprocesses", None) else "")
        )
    if REQUIRE_SERVICES:
        lines.append("HUB_REQUIRE_SERVICES=1: tests needing a missing server fail instead of skipping")
    return lines


def pytest_sessionstart(session):
    if not REQUIRE_SERVICES:
        return
    missing = [reason for name, reason in _services_status().items() if name in ("postgres", "searchengine") and reason]
    if missing:
        raise pytest.UsageError("HUB_REQUIRE_SERVICES=1 but: " + "; ".join(missing))


def pytest_runtest_setup(item):
    for name in ("postgres", "searchengine"):
        if item.get_closest_marker(name):
            reason = _services_status()[name]
            if reason and REQUIRE_SERVICES:
                pytest.fail(f"{reason} (HUB_REQUIRE_SERVICES=1)", pytrace=False)
            elif reason:
                pytest.skip(reason)


def _engine_available():
    from django.conf import settings

    return bool(settings.ELASTICSEARCH_URL) and _services_status()["searchengine"] is None


def _delete_indexes_of_dead_runs():
    """Indexes left by an interrupted run: test_cldhub_<pid>_* whose process is gone."""
    for row in _engine_request("GET", "/_cat/indices/test_cldhub_*?format=json&h=index"):
        pid = row["index"].split("_")[2]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            _engine_request("DELETE", "/" + row["index"])
        except PermissionError:
            pass  # alive, someone else's


@pytest.fixture(scope="session", autouse=True)
def _search_engine_indexes():
    """With a search engine, the run gets its own indexes (prefix from hub.settings.test),
    created with modelsearch's mappings and analysers, and deleted at the end."""
    if not _engine_available():
        yield
        return
    from django.conf import settings
    from django.core.management import call_command

    prefix = settings.WAGTAILSEARCH_BACKENDS["default"]["INDEX_PREFIX"]
    if not prefix.startswith("test_"):
        raise pytest.UsageError(f"refusing to manage indexes {prefix}*: the test settings give a test_ prefix")
    _delete_indexes_of_dead_runs()
    _count_engine_writes()
    call_command("update_index", schema_only=True, verbosity=0)
    yield
    for name in _engine_request("GET", f"/_cat/indices/{prefix}*?format=json&h=index"):
        _engine_request("DELETE", "/" + name["index"])


# since_clear: writes since the indexes were last emptied; baseline: the writes that built the
# module's tree (see "the test site" below), made again after each clearing.
_engine_writes = {"since_clear": 0, "recording": None, "baseline": None, "replay": None}
_READS = ("/_search", "/_count", "/_msearch", "/_refresh", "/_mapping", "/_analyze")


def _count_engine_writes():
    """Count the requests that may change the run's indexes, so a test after one that wrote
    nothing to the engine needs no clearing (two requests and a refresh of every index)."""
    from wagtail.search.backends import get_search_backend

    transport = type(get_search_backend().es.transport)
    perform_request = transport.perform_request

    def counted(self, method, url, *args, **kwargs):
        if method not in ("GET", "HEAD") and not url.split("?")[0].endswith(_READS):
            _engine_writes["since_clear"] += 1
            if _engine_writes["recording"] is not None:
                _engine_writes["recording"].append((self, method, url, args, kwargs))
        return perform_request(self, method, url, *args, **kwargs)

    transport.perform_request = counted

    def replay():
        for self, method, url, args, kwargs in _engine_writes["baseline"]:
            perform_request(self, method, url, *args, **kwargs)

    _engine_writes["replay"] = replay


@pytest.fixture(scope="session")
def shared_search_engine_data():
    """For a module-scoped fixture whose tests only read what it indexed (search/tests/test_parity.py):
    start() empties the indexes, keep() makes what is indexed now the state its tests start from
    instead of empty indexes, end() has the next test start from empty indexes again."""

    class Shared:
        def start(self):
            if _engine_available() and _engine_writes["since_clear"]:
                SearchEngineIndexes().clear()

        def keep(self):
            _engine_writes["since_clear"] = 0

        def end(self):
            _engine_writes["since_clear"] += 1

    return Shared()


@pytest.fixture(autouse=True)
def _empty_search_engine():
    """With a search engine every test starts from empty indexes, as its database starts
    from a rolled-back one: the engine keeps whatever earlier tests indexed."""
    if _engine_available() and _engine_writes["since_clear"]:
        SearchEngineIndexes().clear()
        if _engine_writes["baseline"]:
            _engine_writes["replay"]()
            SearchEngineIndexes().refresh()  # searchable now, not at the engine's next refresh
            _engine_writes["since_clear"] = 0


class SearchEngineIndexes:
    """The run's search engine indexes, for tests against them."""

    @property
    def prefix(self):
        from django.conf import settings

        return settings.WAGTAILSEARCH_BACKENDS["default"]["INDEX_PREFIX"]

    def refresh(self):
        """Make everything indexed so far searchable (the engine refreshes every second)."""
        _engine_request("POST", f"/{self.prefix}*/_refresh")

    def clear(self):
        self.refresh()  # delete_by_query only sees documents that a refresh made searchable
        _engine_request(
            "POST", f"/{self.prefix}*/_delete_by_query?refresh=true&conflicts=proceed", {"query": {"match_all": {}}}
        )
        _engine_writes["since_clear"] = 0


@pytest.fixture
def searchable():
    """Index again pages a module-scoped fixture created, for a test that searches them: every test
    starts from empty engine indexes. On the database search backend the pages are searchable already."""

    def index(queryset):
        if not _engine_available():
            return
        from wagtail.search.backends import get_search_backend

        get_search_backend().add_bulk(queryset.model, list(queryset.specific()))
        SearchEngineIndexes().refresh()

    return index


@pytest.fixture
def search_engine(request):
    """The run's search engine indexes, for tests marked `searchengine` (refresh() after indexing)."""
    if not request.node.get_closest_marker("searchengine"):
        pytest.fail("the search_engine fixture is for tests marked @pytest.mark.searchengine", pytrace=False)
    return SearchEngineIndexes()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Django's cache (locmem) outlives each test's database rollback: cached glossary
    labels or site roots of one test must not leak into the next."""
    from django.core.cache import cache

    cache.clear()


# ---------------------------------------------------------------- the test site
# `tree` (one page of every type) is what most tests start from, and building it costs about a
# thousand queries. In a module where any test asks for it, it is built once, in a transaction
# kept open for the module, and every test of the module (each in its own savepoint, rolled back
# after it, as pytest-django does) starts from it and gets fresh Python copies of its objects, as
# Django's TestCase.setUpTestData does. What the build indexed in a search engine is indexed again
# after a test clears the engine. In a module that says `SHARED_TREE = False`, or for a
# transactional test, each test that asks for the tree builds it, as before.


def _transactional(item):
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction")) or "transactional_db" in item.fixturenames


def pytest_collection_modifyitems(items):
    """A module shares one tree when a test of it asks for the tree, unless it says `SHARED_TREE = False`
    (tests that build a site of their own beside those that use the tree)."""
    for item in items:
        module = getattr(item, "module", None)
        if module is not None and "tree" in item.fixturenames and not _transactional(item):
            module._hub_shared_tree = getattr(module, "SHARED_TREE", True)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test ends by emptying its database; put back what the migrations wrote (locales,
    root page, permissions) for the tests after it. pytest-django runs transactional tests last, but
    pytest-xdist's loadscope hands out modules biggest first, so on a worker they may come earlier."""
    result = yield
    if nextitem is not None and _transactional(item):  # after the last test the test databases are gone
        from django.db import connections

        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            for connection in connections.all(initialized_only=True):
                contents = getattr(connection, "_test_serialized_contents", None)
                if contents:
                    connection.creation.deserialize_db_from_string(contents)
    return result


@pytest.fixture(scope="module", autouse=True)
def _module_tree(request):
    if not getattr(request.module, "_hub_shared_tree", False):
        yield None
        return
    from django.db import transaction

    request.getfixturevalue("django_db_setup")
    with request.getfixturevalue("django_db_blocker").unblock(), transaction.atomic():
        if _engine_available() and _engine_writes["since_clear"]:
            SearchEngineIndexes().clear()
        _engine_writes["recording"] = []
        try:
            built = _build_tree(_build_home())
        finally:
            _engine_writes["baseline"], _engine_writes["recording"] = _engine_writes["recording"], None
        if _engine_writes["baseline"]:
            SearchEngineIndexes().refresh()
        _engine_writes["since_clear"] = 0
        try:
            yield built
        finally:
            _engine_writes["baseline"] = None
            _engine_writes["since_clear"] += 1
            transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _shared_tree(request, _module_tree):
    """Fresh copies of the module's tree for each test of a module that uses it (see above); None elsewhere."""
    if _module_tree is None:
        return None
    if _transactional(request.node):
        pytest.fail("a transactional test cannot share its module's tree: give it a module of its own", pytrace=False)
    import copy

    return copy.deepcopy(_module_tree)


def _build_home():
    from hub.base.factories import HomePageFactory

    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root)
    Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home, "hostname": "localhost"})
    return home


@pytest.fixture
def home(db, _shared_tree):
    """A hub home page as the default site's root, like load_demo builds."""
    return _shared_tree["home"] if _shared_tree else _build_home()


@pytest.fixture
def tree(home, _shared_tree):
    """One page of every type under its index, with taxonomy attached."""
    return _shared_tree or _build_tree(home)


def _build_tree(home):
    from events.factories import EventIndexPageFactory, EventPageFactory
    from hub.base.factories import DataSourceFactory, MethodFactory, SectorFactory, ThemeFactory
    from hub.base.models import SDG
    from members.factories import (
        ChapterIndexPageFactory,
        ChapterPageFactory,
        MemberIndexPageFactory,
        MemberPageFactory,
        PersonFactory,
    )
    from members.models import ChapterPartnership, ChapterProgramme, MemberSocialLink
    from resources.factories import (
        GlossaryIndexPageFactory,
        GlossaryTermPageFactory,
        PaperIndexPageFactory,
        PaperPageFactory,
    )
    from resources.models import GlossaryVariant, PaperAuthor

    theme = ThemeFactory(name="Local governance", slug="local-governance")
    method = MethodFactory(name="Community scorecards", slug="community-scorecards")
    sector = SectorFactory(name="Health", slug="health")
    source = DataSourceFactory(name="Household surveys", slug="household-surveys")

    member_index = MemberIndexPageFactory(parent=home)
    member = MemberPageFactory(parent=member_index, title="Village Voices Network")
    member.themes.set([theme])
    member.sectors.set([sector])
    member.social_links.add(MemberSocialLink(platform="linkedin", url="https://example.org/li"))
    member.save()
    person = PersonFactory(name="Amina Odhiambo", organisation=member)

    chapter_index = ChapterIndexPageFactory(parent=home)
    chapter = ChapterPageFactory(parent=chapter_index, title="Peru chapter")
    chapter.lead_organisations.set([member])
    chapter.lead_people.set([person])
    chapter.partnerships.add(
        ChapterPartnership(
            partner="Municipality of Cusco", level="local", status="signed", date_signed=datetime.date(2024, 3, 1)
        )
    )
    chapter.programmes.add(
        ChapterProgramme(name="Andean village plans", description="Plans in 40 villages.", start_year=2022)
    )
    chapter.save()

    glossary = GlossaryIndexPageFactory(parent=home)
    term = GlossaryTermPageFactory(parent=glossary, title="Participatory planning")
    term.variants.add(GlossaryVariant(label="Village visioning", organisation=member, language="en"))
    term.themes.set([theme])
    term.save()
    related = GlossaryTermPageFactory(parent=glossary, title="Local self-government")
    term.related_terms.set([related])
    term.save()

    library = PaperIndexPageFactory(parent=home)
    paper = PaperPageFactory(parent=library, title="Community scorecards in practice")
    paper.organisations.set([member])
    paper.methods.set([method])
    paper.themes.set([theme])
    paper.data_sources.set([source])
    paper.sdgs.set(SDG.objects.filter(number__in=[3, 16]))
    paper.authors.add(PaperAuthor(person=person))
    paper.save()

    events = EventIndexPageFactory(parent=home)
    event = EventPageFactory(parent=chapter, title="Peru chapter webinar")
    event.organisers.set([member])
    event.speakers.set([person])
    event.save()
    past = EventPageFactory(
        parent=events,
        title="Localisation seminar",
        start=timezone.now() - datetime.timedelta(days=30),
        recording_url="https://example.org/recording",
    )
    for page in (member, chapter, term, paper, event):
        page.save_revision().publish()
    return {
        "home": home,
        "member_index": member_index,
        "member": member,
        "person": person,
        "chapter_index": chapter_index,
        "chapter": chapter,
        "glossary": glossary,
        "term": term,
        "related_term": related,
        "library": library,
        "paper": paper,
        "events": events,
        "event": event,
        "past_event": past,
        "theme": theme,
        "method": method,
    }


SHARED_SAMPLES = Path(__file__).resolve().parent.parent / "shared" / "samples"


@pytest.fixture
def shared_sample():
    """`shared_sample(name)`: the path of a file in ../shared/samples, or a skip naming where it was looked for."""

    def find(name):
        path = SHARED_SAMPLES / name
        if not path.exists():
            pytest.skip(f"the shared sample is not at {path}")
        return path

    return find


# ---------------------------------------------------------------- mail
class _SMTPHandler:
    """aiosmtpd handler that keeps each message, parsed, or refuses the next `refuse` of them."""

    def __init__(self):
        self.messages = []
        self.refuse = 0

    async def handle_DATA(self, server, session, envelope):
        import email
        from email import policy

        if self.refuse:
            self.refuse -= 1
            return "451 4.3.0 Try again later"
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        message.envelope_recipients = list(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 OK"


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server (aiosmtpd) in the test process that the mail settings point at.

    Yields an object with `host`, `port`, `messages` (each an `email.message.EmailMessage`, parsed
    with the default policy, plus `envelope_recipients`) and `handler`: set `handler.refuse` to n to answer the next
    n messages with a temporary failure (451)."""
    import socket
    import types

    from aiosmtpd.controller import Controller

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    handler = _SMTPHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    server = types.SimpleNamespace(host="127.0.0.1", port=port, handler=handler, messages=handler.messages)
    try:
        yield server
    finally:
        controller.stop()


@pytest.fixture
def catalogue(tree):
    """The `tree` plus the methods and themes catalogues: a page for its method and theme, an event on the method."""
    from hub.catalogue.factories import (
        MethodIndexPageFactory,
        MethodPageFactory,
        ThemeIndexPageFactory,
        ThemePageFactory,
    )
    from hub.catalogue.models import MethodKind

    method_index = MethodIndexPageFactory(parent=tree["home"])
    theme_index = ThemeIndexPageFactory(parent=tree["home"])
    method_page = MethodPageFactory(
        parent=method_index,
        method=tree["method"],
        summary="Users and providers rate a service, then agree improvements together.",
        needs_time="Three weeks",
    )
    method_page.kinds.set([MethodKind.objects.get(slug="tool")])
    method_page.themes.set([tree["theme"]])
    method_page.save_revision().publish()
    theme_page = ThemePageFactory(parent=theme_index, theme=tree["theme"])
    tree["event"].methods.set([tree["method"]])
    tree["event"].save_revision().publish()
    return tree | {
        "method_index": method_index,
        "theme_index": theme_index,
        "method_page": method_page,
        "theme_page": theme_page,
    }
