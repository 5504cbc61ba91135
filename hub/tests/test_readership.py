"""Views and downloads are counted once per reader per half hour, without bots, cookies or personal data."""

import datetime
import logging
import time
from unittest import mock

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection

from wagtail.documents.models import Document

import pytest

from hub.base import readership
from hub.base.models import DocumentDailyCount, PageDailyCount
from resources.models import PaperAttachment

pytestmark = pytest.mark.django_db

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
SAFARI = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile Safari/604.1"
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
READERS = [("198.51.100.7", FIREFOX), ("198.51.100.7", SAFARI), ("203.0.113.42", FIREFOX)]


def visit(client, url, ip, agent, method="get"):
    return getattr(client, method)(url, REMOTE_ADDR=ip, HTTP_USER_AGENT=agent)


@pytest.fixture
def paper(tree):
    paper = tree["paper"]
    document = Document.objects.create(title="Scorecards", file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="cards.pdf"))
    paper.attachments.add(PaperAttachment(document=document))
    paper.save_revision().publish()
    return paper


def views(page):
    return sum(PageDailyCount.objects.filter(page=page).values_list("views", flat=True))


def downloads(document):
    return sum(DocumentDailyCount.objects.filter(document=document).values_list("downloads", flat=True))


def test_a_scripted_morning_of_readers_and_a_bot(client, paper, tree, settings):
    """Three readers (two sharing an address), each reading twice; Googlebot; a cached hit; downloads."""
    settings.HUB_PAGE_CACHE_SECONDS = 300
    document = paper.attachments.get().document
    cache_states = []
    for ip, agent in READERS:
        for _repeat in range(2):  # a reload within 30 minutes counts once
            response = visit(client, paper.url, ip, agent)
            assert response.status_code == 200
            cache_states.append(response["X-Cache"])
        assert visit(client, document.url, ip, agent).status_code == 200
    visit(client, document.url, *READERS[0])  # a second download by the first reader
    visit(client, paper.url, "192.0.2.1", GOOGLEBOT)
    visit(client, document.url, "192.0.2.1", GOOGLEBOT)
    visit(client, tree["library"].url, *READERS[0])
    visit(client, paper.url, "192.0.2.9", "")  # no User-Agent: a script
    visit(client, paper.url, "192.0.2.8", FIREFOX, method="head")
    assert cache_states[2] == "hit"  # the second reader's first view came from the page cache

    assert PageDailyCount.objects.count() == 0  # nothing written during the requests
    assert call_command("flush_counts") is None
    assert views(paper) == 3
    assert downloads(document) == 3
    assert views(tree["library"]) == 1
    assert PageDailyCount.objects.get(page=paper).day == datetime.date.today()


def test_a_cached_hit_is_counted_without_a_query(client, paper, settings, django_assert_num_queries):
    settings.HUB_PAGE_CACHE_SECONDS = 300
    visit(client, paper.url, *READERS[0])
    with django_assert_num_queries(0):
        response = visit(client, paper.url, *READERS[2])
    assert response["X-Cache"] == "hit"
    assert readership.pending_counts(datetime.date.today()) == {("view", paper.pk): 2}


def test_a_reader_is_counted_again_after_half_an_hour(client, paper):
    visit(client, paper.url, *READERS[0])
    visit(client, paper.url, *READERS[0])
    in_31_minutes = time.time() + 31 * 60
    with mock.patch("time.time", return_value=in_31_minutes):  # the cache's clock
        visit(client, paper.url, *READERS[0])
    readership.flush_counts()
    assert views(paper) == 2


def test_no_address_or_user_agent_reaches_the_database(client, paper):
    for ip, agent in READERS:
        visit(client, paper.url, ip, agent)
        visit(client, paper.attachments.get().document.url, ip, agent)
    readership.flush_counts()
    tables = [PageDailyCount._meta.db_table, DocumentDailyCount._meta.db_table]
    with connection.cursor() as cursor:
        rows = []
        for table in tables:
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - table names from the models
            rows += cursor.fetchall()
    assert rows
    dump = repr(rows)
    for ip, agent in READERS:
        assert ip not in dump
        assert agent not in dump
    assert {field.name for field in PageDailyCount._meta.get_fields()} == {"id", "page", "day", "views"}
    assert {field.name for field in DocumentDailyCount._meta.get_fields()} == {"id", "document", "day", "downloads"}


def test_a_counting_failure_still_serves_the_page(client, paper, caplog):
    with (
        mock.patch.object(readership, "_cache", side_effect=ConnectionError("cache down")),
        caplog.at_level(logging.ERROR, logger="hub.base.readership"),
    ):
        response = visit(client, paper.url, *READERS[0])
        download = visit(client, paper.attachments.get().document.url, *READERS[0])
    assert response.status_code == 200
    assert "Community scorecards in practice" in response.content.decode()
    assert download.status_code == 200
    assert "Could not count" in caplog.text


def test_signed_in_editors_previews_and_the_admin_are_not_counted(admin_client, paper):
    assert admin_client.get(paper.url).status_code == 200
    admin_client.get(f"/admin/pages/{paper.pk}/view_draft/")
    admin_client.get(f"/admin/pages/{paper.pk}/edit/")
    readership.flush_counts()
    assert views(paper) == 0


def test_file_routes_not_found_pages_and_prefetches_are_not_views(client, paper):
    visit(client, paper.url + "cite.bib", *READERS[0])
    visit(client, paper.url + "no-such-page/", *READERS[0])
    client.get(paper.url, REMOTE_ADDR="198.51.100.7", HTTP_USER_AGENT=FIREFOX, HTTP_SEC_PURPOSE="prefetch")
    readership.flush_counts()
    assert PageDailyCount.objects.count() == 0


def test_flushing_twice_or_while_another_flush_runs_adds_nothing_twice(client, paper):
    visit(client, paper.url, *READERS[0])
    visit(client, paper.url, *READERS[2])
    cache.add(f"{readership.PREFIX}:flush-lock", "someone-else", timeout=60)
    assert readership.flush_counts() is None  # another flush holds the lock
    cache.delete(f"{readership.PREFIX}:flush-lock")
    assert readership.flush_counts() == 2
    assert readership.flush_counts() == 0
    visit(client, paper.url, *READERS[1])
    assert readership.flush_counts() == 1
    assert views(paper) == 3
    assert PageDailyCount.objects.filter(page=paper).count() == 1


def test_a_failed_write_keeps_the_counts_for_the_next_flush(client, paper):
    visit(client, paper.url, *READERS[0])
    failing = mock.patch.object(readership, "_add_to_database", side_effect=RuntimeError("database down"))
    with failing, pytest.raises(RuntimeError):
        readership.flush_counts()
    assert readership.flush_counts() == 1
    assert views(paper) == 1


def test_a_page_under_a_view_restriction_is_not_counted(client, paper, tree):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=tree["library"], restriction_type="password", password="secret")
    visit(client, paper.url, *READERS[0])
    readership.flush_counts()
    assert views(paper) == 0


def test_yesterdays_counts_flushed_today_land_on_yesterday(client, paper):
    yesterday = readership.timezone.now() - datetime.timedelta(days=1)
    with mock.patch("django.utils.timezone.now", return_value=yesterday):
        visit(client, paper.url, *READERS[0])
    visit(client, paper.url, *READERS[2])
    readership.flush_counts()
    days = dict(PageDailyCount.objects.filter(page=paper).values_list("day", "views"))
    assert days == {yesterday.date(): 1, readership.today(): 1}


def test_with_a_per_process_cache_a_worker_flushes_its_own_counts_at_most_once_a_minute(client, paper, settings):
    settings.HUB_READERSHIP_FLUSH_SECONDS = 60
    with mock.patch.object(readership.threading, "Thread") as thread:
        visit(client, paper.url, *READERS[0])
        visit(client, paper.url, *READERS[2])
    thread.assert_called_once_with(target=readership._flush_in_background, name="readership-flush", daemon=True)
    thread.return_value.start.assert_called_once_with()


def test_downloaded_n_times_costs_the_paper_page_one_query(client, paper):
    from django.test.utils import CaptureQueriesContext

    document = paper.attachments.get().document
    DocumentDailyCount.objects.create(document=document, day=datetime.date.today(), downloads=2)
    client.get(paper.url)  # warm the per-process caches (site root paths, glossary labels)
    with CaptureQueriesContext(connection) as counted:
        html = client.get(paper.url).content.decode()
    with (
        mock.patch("resources.models.papers.total_downloads", return_value=0),
        CaptureQueriesContext(connection) as bare,
    ):
        client.get(paper.url)
    assert "Downloaded 2 times" in html
    assert len(counted) == len(bare) + 1


def test_the_periodic_command_flushes_the_counts(client, paper):
    visit(client, paper.url, *READERS[0])
    assert views(paper) == 0
    call_command("run_periodic", "--only", "readership-flush-counts")
    assert views(paper) == 1
