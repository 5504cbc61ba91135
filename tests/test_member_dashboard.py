"""A member editor's or chapter lead's admin dashboard starts from its own work.

A member editor sees its organisation's page (edit the profile), a one-click "write a new paper" in the
place it may write one, and its papers with their state; a chapter lead its chapter's page, "announce an
event" and the upcoming events. The secretariat keeps Wagtail's dashboard. Avatars never load from
another host. Panels: members/dashboard.py, resources/dashboard.py, events/dashboard.py.
"""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from resources.factories import PaperPageFactory
from resources.models import PaperPage
from tests.roles_setup import (
    published,
    site_fixture,  # noqa: F401 - the module-scoped site
)

pytestmark = pytest.mark.django_db

DASHBOARD = "/admin/"


@pytest.fixture
def site(site_fixture, db):  # noqa: F811
    return site_fixture


def dashboard(client, user):
    client.force_login(user)
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    return response.content.decode()


def panel(html, panel_id):
    """The HTML of one dashboard panel (Wagtail's panel component: <section id="<id>-section">)."""
    match = re.search(rf'<section[^>]*id="{panel_id}-section".*?</section>', html, re.S)
    assert match, f"no panel {panel_id}"
    return match.group(0)


def test_a_member_editor_dashboard_opens_on_its_organisation(client, site):
    html = dashboard(client, site["member_editor"])
    own = panel(html, "hub-own-memberpage")
    assert "Village Voices Network" in own
    assert f'href="/admin/pages/{site["own_member"].pk}/edit/"' in own
    assert "Edit the profile" in own
    assert html.index("hub-own-memberpage-section") < html.index("hub-organisation-papers-section")


def test_a_member_editor_writes_a_new_paper_under_its_page_in_one_click(client, site):
    papers = panel(dashboard(client, site["member_editor"]), "hub-organisation-papers")
    assert f'href="/admin/pages/add/resources/paperpage/{site["own_member"].pk}/"' in papers
    response = client.get(f"/admin/pages/add/resources/paperpage/{site['own_member'].pk}/")
    assert response.status_code == 200


def listed_papers(html):
    papers = panel(html, "hub-organisation-papers")
    return {title for title in PaperPage.objects.values_list("title", flat=True) if f">{title}</a>" in papers}


def test_a_member_editor_dashboard_lists_exactly_the_papers_it_may_edit(client, site):
    html = dashboard(client, site["member_editor"])
    assert listed_papers(html) == {"Our draft paper", "Our published paper", "Library paper"}
    papers = panel(html, "hub-organisation-papers")
    for paper in ("own_paper", "own_live_paper", "library_paper"):
        assert f'href="/admin/pages/{site[paper].pk}/edit/"' in papers
    assert listed_papers(dashboard(client, site["other_editor"])) == {"Their paper"}


def test_a_paper_under_its_page_that_does_not_name_the_organisation_is_not_listed(client, site):
    """Misfiled by the secretariat: moving a paper does not change whom it names, and the tree gives no right."""
    page = PaperPageFactory.build(title="Misfiled paper")
    page.organisations = [site["other_member"]]
    site["library"].add_child(instance=page)
    published(page)
    page.move(site["own_member"], pos="last-child", user=site["moderator"])
    assert listed_papers(dashboard(client, site["member_editor"])) == {
        "Our draft paper",
        "Our published paper",
        "Library paper",
    }
    assert "Misfiled paper" in listed_papers(dashboard(client, site["other_editor"]))


def paper_row(html, title):
    papers = panel(html, "hub-organisation-papers")
    match = re.search(rf"<tr>(?:(?!</tr>).)*>{re.escape(title)}</a>.*?</tr>", papers, re.S)
    assert match, title
    return re.sub(r"\s+", " ", match.group(0))


def test_each_paper_shows_its_state(client, site):
    html = dashboard(client, site["member_editor"])
    assert "Draft" in paper_row(html, "Our draft paper")
    assert "Live" in paper_row(html, "Our published paper")
    assert "View on the site" in paper_row(html, "Our published paper")


def test_a_paper_in_review_says_with_whom(client, site):
    page = PaperPage.objects.get(pk=site["own_paper"].pk)
    page.get_workflow().start(page, site["member_editor"])
    row = paper_row(dashboard(client, site["member_editor"]), "Our draft paper")
    assert "In review" in row
    assert "Secretariat review" in row
    assert "with Moderators" in row


def test_changes_requested_show_the_reviewers_comment(client, site):
    page = PaperPage.objects.get(pk=site["own_paper"].pk)
    page.get_workflow().start(page, site["member_editor"])
    task_state = PaperPage.objects.get(pk=page.pk).current_workflow_task_state
    task_state.task.specific.on_action(task_state, site["moderator"], "reject", comment="Please name the authors.")
    row = paper_row(dashboard(client, site["member_editor"]), "Our draft paper")
    assert "Changes requested" in row
    assert "Please name the authors." in row


def test_a_member_editor_dashboard_has_no_site_summary(client, site):
    html = dashboard(client, site["member_editor"])
    assert "w-summary" not in html
    assert "w-summary" in dashboard(client, site["moderator"])


def test_a_chapter_lead_dashboard_opens_on_its_chapter_and_events(client, site):
    html = dashboard(client, site["chapter_lead"])
    own = panel(html, "hub-own-chapterpage")
    assert f'href="/admin/pages/{site["own_chapter"].pk}/edit/"' in own
    assert "Edit the chapter page" in own
    events = panel(html, "hub-chapter-events")
    assert f'href="/admin/pages/add/events/eventpage/{site["own_chapter"].pk}/"' in events
    assert "Announce an event" in events
    assert "Peru chapter webinar" in events
    assert "Kenya chapter webinar" not in events
    assert "hub-organisation-papers" not in html
    assert "w-summary" not in html


def test_a_chapter_lead_sees_the_registrations_of_its_events(client, site):
    from events import registrations

    event = site["own_event"]
    event.registration_open, event.capacity = True, 2
    published(event)
    for name in ("ana", "ben", "cleo"):
        registrations.register(event, name=name, email=f"{name}@example.org", language="en")
    events = panel(dashboard(client, site["chapter_lead"]), "hub-chapter-events")
    assert f'href="/admin/events/{event.pk}/registrations/"' in events
    assert "2 of 2 places" in events
    assert "1 waiting" in events


def test_the_secretariat_keeps_wagtails_dashboard(client, site):
    html = dashboard(client, site["moderator"])
    assert "hub-own-memberpage" not in html
    assert "hub-organisation-papers" not in html


@pytest.mark.parametrize("role", ["member_editor", "chapter_lead", "moderator"])
def test_avatars_never_load_from_another_host(client, site, role):
    html = dashboard(client, site[role])
    assert "gravatar" not in html
    sources = re.findall(r'<img[^>]*\ssrc="([^"]*)"', html)
    assert sources, "the account summary shows an avatar"
    assert all(not re.match(r"(https?:)?//", source) for source in sources), sources


def test_the_dashboard_query_count_does_not_grow_with_the_papers(client, site, django_assert_max_num_queries):
    client.force_login(site["member_editor"])
    with CaptureQueriesContext(connection) as few:
        client.get(DASHBOARD)
    for number in range(6):
        page = PaperPageFactory.build(title=f"Another paper {number}")
        page.organisations = [site["own_member"]]
        site["library"].add_child(instance=page)
        published(page)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(DASHBOARD)
    assert "Another paper 5" in response.content.decode()
    # Wagtail's own dashboard, the panels, and three queries for the papers' views and downloads.
    with django_assert_max_num_queries(32):
        client.get(DASHBOARD)
