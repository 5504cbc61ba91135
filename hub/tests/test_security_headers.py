"""Every public page sends the security headers and carries no inline script, style or handler."""

import json

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db

PAGE_KEYS = [
    "home",
    "member_index",
    "member",
    "chapter_index",
    "chapter",
    "glossary",
    "term",
    "library",
    "paper",
    "events",
    "event",
    "past_event",
]


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def inline_code(html):
    """Every place in the page where a browser would run inline script or apply inline style."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for script in soup.find_all("script"):
        if script.get("src"):
            if not script["src"].startswith("/"):
                found.append(f"script from another origin: {script['src']}")
        elif script.get("type") in ("application/ld+json", "application/json"):
            json.loads(script.string)  # a data block, never executed: it must at least be JSON
        else:
            found.append(f"inline script: {str(script)[:80]}")
    found += [f"<style>: {str(style)[:80]}" for style in soup.find_all("style")]
    for tag in soup.find_all(True):
        for attribute, value in tag.attrs.items():
            if attribute.startswith("on"):
                found.append(f"handler {attribute} on <{tag.name}>")
            if attribute == "style":
                found.append(f"style attribute on <{tag.name}>")
            if attribute in ("href", "src", "action") and str(value).strip().lower().startswith("javascript:"):
                found.append(f"javascript: URL in <{tag.name} {attribute}>")
    return found


def assert_public_headers(response):
    policy = directives(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert "data:" in policy["img-src"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("key", PAGE_KEYS)
def test_every_page_type_sends_the_policy_and_runs_no_inline_code(client, tree, key):
    response = client.get(tree[key].url)
    assert response.status_code == 200
    assert_public_headers(response)
    assert inline_code(response.content.decode()) == []


@pytest.mark.parametrize(
    "url",
    ["/en/search/?q=scorecards&type=paper", "/en/search/api/?q=scorecards", "/en/feeds/papers.rss", "/api/v2/pages/"],
)
def test_search_feeds_and_api_send_the_policy_too(client, tree, url):
    response = client.get(url)
    assert response.status_code == 200
    assert_public_headers(response)
    if response["Content-Type"].startswith("text/html"):
        assert inline_code(response.content.decode()) == []


def test_the_not_found_page_sends_the_policy_and_runs_no_inline_code(client, tree):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert_public_headers(response)
    assert inline_code(response.content.decode()) == []


def test_a_json_ld_block_cannot_be_closed_by_a_title(client, tree):
    paper = tree["paper"]
    paper.title = "</script><script>alert(1)</script>"
    paper.save_revision().publish()
    html = client.get(paper.url).content.decode()
    assert "<script>alert(1)" not in html
    assert inline_code(html) == []


def test_the_admin_gets_its_own_policy_and_may_frame_itself(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    policy = directives(response)
    assert policy["frame-ancestors"] == ["'self'"]
    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["object-src"] == ["'none'"]


def test_the_inline_code_check_notices_inline_code():
    """The parser above is what the page tests rely on: it must catch each kind of inline code."""
    html = (
        '<script>alert(1)</script><style>p{}</style><p style="color:red" onclick="x()">'
        '<a href="javascript:alert(1)">x</a><script src="https://evil.example/x.js"></script>'
        '<script type="application/ld+json">{"@type": "Thing"}</script>'
    )
    assert len(inline_code(html)) == 6
