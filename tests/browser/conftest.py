"""Fixtures of the browser suite: the running site, Debian's Chromium driven by Playwright,
logins, screenshots and axe-core. Run with `make test-browser` (`pytest -m browser tests/browser`);
the default test run deselects these tests."""

import json
import os
import secrets
import shutil
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect, sync_playwright

from .server import REPO, HubServer

CHROMIUM = os.environ.get("HUB_BROWSER_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = REPO / "test-artifacts" / "browser"
AXE_JS = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
DESKTOP = {"width": 1280, "height": 800}
# Screenshots of each journey's end state; the narrowest one is also checked for sideways scrolling.
VIEWPORTS = {
    "desktop": DESKTOP,
    "mobile-320": {"width": 320, "height": 640},
    "mobile-390": {"width": 390, "height": 844},
}
TIMEOUT_MS = 30_000  # two shared cores: a page of the admin can take seconds
expect.set_options(timeout=TIMEOUT_MS)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Leave browser tests out of a run that does not ask for them with `-m browser`."""
    if "browser" in (config.option.markexpr or ""):
        return
    kept = [item for item in items if not item.get_closest_marker("browser")]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[item for item in items if item.get_closest_marker("browser")])
        items[:] = kept


@pytest.fixture(scope="session")
def hub_server():
    """The demo site on a fresh database, for the whole run."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    server = HubServer(os.environ.get("HUB_BROWSER_RUN_DIR") or None)
    try:
        server.start()
        yield server
    finally:
        if server.log_path.exists():
            shutil.copy(server.log_path, ARTIFACTS / "server.log")
        server.stop()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"no Chromium at {CHROMIUM}: apt-get install chromium", pytrace=False)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        )
        yield browser
        browser.close()


@pytest.fixture
def context(browser, hub_server):
    context = browser.new_context(base_url=hub_server.base_url, viewport=DESKTOP, accept_downloads=True)
    context.set_default_timeout(TIMEOUT_MS)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture(scope="session")
def users(hub_server):
    """Usernames and passwords that can log in: the dev admin load_demo created, and the users
    journeys add with create_user(...)."""
    return dict(hub_server.credentials())


@pytest.fixture(scope="session")
def create_user(hub_server, users):
    """create_user("lead", groups=["Chapter leads"]): a user with a random password in those
    groups, that login_as("lead") can then sign in. Once per username and run."""

    def create(username, *, groups=(), superuser=False):
        if username not in users:
            password = secrets.token_urlsafe(12)
            hub_server.create_user(username, password, groups=groups, superuser=superuser)
            users[username] = password
        return username

    return create


@pytest.fixture(scope="session")
def _sessions():
    """Session cookies per username: the login form is filled once per user and run."""
    return {}


@pytest.fixture
def login_as(page, users, _sessions):
    """login_as("admin"): signs the page's browser context in, through the admin login form the
    first time in the run, with that login's session cookie after."""

    def login(username):
        if username in _sessions:
            page.context.add_cookies(_sessions[username])
            return page
        page.goto("/admin/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(users[username])
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(lambda url: "/admin/login/" not in url, wait_until="commit")
        _sessions[username] = [c for c in page.context.cookies() if c["name"] == "sessionid"]
        assert _sessions[username], f"{username} could not sign in"
        return page

    return login


@pytest.fixture
def screenshot(request):
    """screenshot(page): saves the page's current state at desktop and both mobile widths as
    test-artifacts/browser/<test name>-<width>.png, then restores the desktop width."""

    def take(page, name=None):
        name = name or request.node.name.replace("[", "-").rstrip("]")
        for label, size in VIEWPORTS.items():
            page.set_viewport_size(size)
            page.screenshot(path=ARTIFACTS / f"{name}-{label}.png", full_page=True)
        page.set_viewport_size(DESKTOP)

    return take


def horizontal_overflow(page):
    """How many CSS pixels the page is wider than the viewport (0: no sideways scrolling)."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


SEVERE = ("serious", "critical")


def axe_violations(page, context=None, rules_off=()):
    """Serious and critical axe-core violations on the page (or within `context`, an axe
    context object such as {"include": [...], "exclude": [...]})."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol, which the site's Content-Security-Policy
        # (script-src 'self', no inline script) does not govern; a <script> tag would be blocked.
        page.evaluate(AXE_JS.read_text(encoding="utf-8") + "\n;typeof window.axe")
    options = {"resultTypes": ["violations"], "rules": {rule: {"enabled": False} for rule in rules_off}}
    results = page.evaluate(
        "([context, options]) => axe.run(context || document, options)",
        [context, options],
    )
    return [violation for violation in results["violations"] if violation["impact"] in SEVERE]


def describe_violations(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['impact']}: {violation['id']}: {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"][:5]:
            lines.append("    " + " ".join(map(str, node["target"])))
            lines.append(f"      {node['html'][:200]}")
            if node.get("failureSummary"):
                lines.append("      " + node["failureSummary"].replace("\n", "\n      "))
        if len(violation["nodes"]) > 5:
            lines.append(f"    ... and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


@pytest.fixture(scope="session")
def demo_page(hub_server):
    """demo_page("resources.PaperPage") -> {"id": ..., "path": "/en/..."}: the first live English
    page of that type in the demo, found through the public API."""
    found = {}

    def lookup(page_type):
        if page_type not in found:
            url = f"{hub_server.base_url}/api/v2/pages/?type={page_type}&locale=en&limit=1"
            with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - our own server
                items = json.load(response)["items"]
            assert items, f"the demo has no live English {page_type}"
            found[page_type] = {"id": items[0]["id"], "path": urlsplit(items[0]["meta"]["html_url"]).path}
        return found[page_type]

    return lookup
