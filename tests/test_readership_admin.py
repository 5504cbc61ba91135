"""Member editors see who reads their organisation's papers; moderators see every paper and export them as CSV."""

import csv
import datetime
import io

from django.core.files.base import ContentFile
from django.utils import timezone

from wagtail.documents.models import Document

import pytest

from hub.base.models import DocumentDailyCount, PageDailyCount
from resources.models import PaperAttachment, PaperPage
from resources.readership import PaperReadership, paper_readership
from tests.roles_setup import site_fixture  # noqa: F401 - the module-scoped site

pytestmark = pytest.mark.django_db

TODAY = timezone.now().date()
LONG_AGO = TODAY - datetime.timedelta(days=40)


def fresh(page):
    """The page as the database has it now (the module's site outlives each test's rollback)."""
    return PaperPage.objects.get(pk=page.pk)


@pytest.fixture
def site(site_fixture, db):  # noqa: F811
    """The roles' site, with counts: own live paper 5 views today and 7 long ago; the library paper
    (naming the organisation) 2 views and its document 4 downloads (1 long ago); their paper 3 views."""
    site = site_fixture
    document = Document.objects.create(title="Plan", file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="plan.pdf"))
    library_paper = fresh(site["library_paper"])
    library_paper.attachments.add(PaperAttachment(document=document))
    library_paper.organisations.set([site["own_member"]])
    library_paper.save_revision().publish()
    PageDailyCount.objects.bulk_create(
        [
            PageDailyCount(page=site["own_live_paper"], day=TODAY, views=5),
            PageDailyCount(page=site["own_live_paper"], day=LONG_AGO, views=7),
            PageDailyCount(page=site["library_paper"], day=TODAY, views=2),
            PageDailyCount(page=site["other_paper"], day=TODAY, views=3),
        ]
    )
    DocumentDailyCount.objects.bulk_create(
        [
            DocumentDailyCount(document=document, day=TODAY, downloads=3),
            DocumentDailyCount(document=document, day=LONG_AGO, downloads=1),
        ]
    )
    return site


def test_figures_per_paper_cover_the_last_30_days_and_all_time(site, django_assert_num_queries):
    papers = [site["own_live_paper"], site["library_paper"], site["own_paper"]]
    with django_assert_num_queries(3):
        figures = paper_readership(papers)
    assert figures[site["own_live_paper"].pk] == PaperReadership(5, 12, 0, 0)
    assert figures[site["library_paper"].pk] == PaperReadership(2, 2, 3, 4)
    assert site["own_paper"].pk not in figures  # never read


def test_a_member_editor_sees_its_organisations_papers_on_its_dashboard(client, site):
    client.force_login(site["member_editor"])
    html = client.get("/admin/").content.decode()
    assert "Views, all time" in html and "Downloads, last 30 days" in html
    assert "<td>12</td>" in html  # the published paper's views, all time
    for title in ("Our published paper", "Library paper", "Our draft paper"):
        assert title in html
    assert "Their paper" not in html
    assert "Every paper, and a CSV export" not in html


def test_another_member_editor_sees_only_its_own(client, site):
    client.force_login(site["other_editor"])
    html = client.get("/admin/").content.decode()
    assert "Their paper" in html
    assert "Our published paper" not in html


def test_a_chapter_lead_gets_no_readership_panel(client, site):
    client.force_login(site["chapter_lead"])
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "paper-readership" not in response.content.decode()


def test_moderators_see_the_most_read_papers_and_the_way_to_every_paper(client, site):
    client.force_login(site["moderator"])
    html = client.get("/admin/").content.decode()
    assert "Most read papers" in html
    assert html.index("Our published paper") < html.index("Their paper") < html.index("Library paper")
    assert "/admin/readership/" in html


@pytest.mark.parametrize("url", ["/admin/readership/", "/admin/readership/papers.csv"])
@pytest.mark.parametrize(
    ("role", "status"), [("moderator", 200), ("member_editor", 403), ("chapter_lead", 403), (None, 302)]
)
def test_every_papers_figures_are_for_moderators_only(client, site, url, role, status):
    if role:
        client.force_login(site[role])
    assert client.get(url).status_code == status


def test_the_csv_export_has_every_paper_with_its_figures(client, site):
    client.force_login(site["moderator"])
    response = client.get("/admin/readership/papers.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    by_title = {row["title"]: row for row in rows}
    assert set(by_title) >= {"Our published paper", "Our draft paper", "Their paper", "Library paper"}
    library = by_title["Library paper"]
    assert (library["views_last_30_days"], library["views_all_time"]) == ("2", "2")
    assert (library["downloads_last_30_days"], library["downloads_all_time"]) == ("3", "4")
    assert library["organisations"] == "Village Voices Network"
    assert by_title["Our published paper"]["views_all_time"] == "12"
    assert by_title["Our draft paper"]["live"] == "no"
    assert rows[0]["title"] == "Our published paper"  # most viewed in the last 30 days first


def test_a_formula_in_a_title_is_exported_as_text(client, site):
    paper = fresh(site["other_paper"])
    paper.title = '=HYPERLINK("http://evil.example")'
    paper.save_revision().publish()
    client.force_login(site["moderator"])
    assert "'=HYPERLINK" in client.get("/admin/readership/papers.csv").content.decode()


def test_the_moderators_list_shows_every_paper(client, site):
    client.force_login(site["moderator"])
    html = client.get("/admin/readership/").content.decode()
    for title in ("Our published paper", "Their paper", "Library paper", "Our draft paper"):
        assert title in html
    assert "Download as CSV" in html


def test_a_papers_edit_page_shows_its_readers(client, site):
    client.force_login(site["member_editor"])
    html = client.get(f"/admin/pages/{site['own_live_paper'].pk}/edit/").content.decode()
    assert "Views, all time" in html
    assert "<dd>12</dd>" in html
    assert "<dd>5</dd>" in html


def test_the_create_page_has_no_readers_panel(client, site):
    client.force_login(site["moderator"])
    response = client.get(f"/admin/pages/add/resources/paperpage/{site['library'].pk}/")
    assert response.status_code == 200
    assert "Views, all time" not in response.content.decode()


def test_the_public_paper_page_says_how_often_its_documents_were_downloaded(client, site):
    assert "Downloaded 4 times" in client.get(site["library_paper"].url).content.decode()
    assert "Downloaded" not in client.get(site["other_paper"].url).content.decode()
