"""The admin upload runs as a background task: the request only stores the files (issue 24 finding 4)."""

from django.contrib.auth.models import Group, Permission
from django.test import override_settings

import pytest
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from members.roles import MODERATORS, ensure_roles
from resources.factories import PaperIndexPageFactory
from resources.models import ImportJob, PaperPage
from resources.tests.test_importer import SECTIONED, URL, upload

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "imports": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}


def run_queued_tasks():
    """What `manage.py db_worker --batch` does, less its exclusive SQLite transaction (which cannot
    open inside a test's transaction): claim each ready task and run it with the worker's own code."""
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
    )
    count = 0
    while (result := DBTaskResult.objects.ready().first()) is not None:
        result.claim(worker.worker_id)
        worker.run_task(result)
        count += 1
    return count


@pytest.fixture
def library(home):
    return PaperIndexPageFactory(parent=home)


def three_files():
    return [
        upload("water.md", SECTIONED),
        upload("broken.md", SECTIONED.replace("2022", "soon")),
        upload(
            "school.md",
            SECTIONED.replace("Village water committees", "School gardens").replace("water-committees", "gardens"),
        ),
    ]


@override_settings(TASKS=DATABASE_TASKS)
def test_with_a_worker_the_upload_only_queues_the_job_and_the_worker_imports_it(client, admin_user, library):
    client.force_login(admin_user)
    response = client.post(URL, {"files": three_files()})

    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/admin/import-papers/jobs/{job.pk}/"
    assert job.state == ImportJob.State.QUEUED and job.user == admin_user
    assert not PaperPage.objects.exists()
    waiting = client.get(response["Location"]).content.decode()
    assert "0 of 3 files imported" in waiting
    assert '<meta http-equiv="refresh" content="3">' in waiting
    assert f'href="/admin/import-papers/jobs/{job.pk}/">Refresh</a>' in waiting

    assert run_queued_tasks() >= 1

    job.refresh_from_db()
    assert job.state == ImportJob.State.DONE and job.finished is not None
    assert job.files == []
    assert sorted(PaperPage.objects.values_list("title", flat=True)) == ["School gardens", "Village water committees"]
    done = client.get(response["Location"]).content.decode()
    assert "3 of 3 files imported" in done
    assert 'http-equiv="refresh"' not in done
    assert "created 2, updated 0, unchanged 0, failed 1" in done
    assert "line 3: year &#x27;soon&#x27; is not a year" in done


def test_with_immediate_tasks_the_job_page_shows_the_report_and_the_upload_page_lists_it(client, admin_user, library):
    client.force_login(admin_user)
    response = client.post(URL, {"files": three_files()}, follow=True)
    content = response.content.decode()
    assert "created 2, updated 0, unchanged 0, failed 1" in content
    assert 'http-equiv="refresh"' not in content
    job = ImportJob.objects.get()
    assert job.state == ImportJob.State.DONE and (job.done, job.total) == (3, 3)
    listing = client.get(URL).content.decode()
    assert "Your recent uploads" in listing and f"/admin/import-papers/jobs/{job.pk}/" in listing


def test_only_the_uploader_and_moderators_see_a_job(client, admin_user, django_user_model, library):
    client.force_login(admin_user)
    client.post(URL, {"files": [upload("water.md", SECTIONED)]})
    job_url = f"/admin/import-papers/jobs/{ImportJob.objects.get().pk}/"

    other = django_user_model.objects.create_user("other", "other@example.org", "pw")
    other.user_permissions.add(*Permission.objects.filter(codename__in=["access_admin", "add_paperpage"]))
    client.force_login(other)
    assert client.get(URL).status_code == 200
    # Django's LocaleMiddleware first redirects an admin 404 to /en/admin/..., which is a 404 too.
    refused = client.get(job_url, follow=True)
    assert refused.status_code == 404 and "Village water" not in refused.content.decode()
    assert "Your recent uploads" not in client.get(URL).content.decode()
    assert client.get("/admin/import-papers/jobs/999999/", follow=True).status_code == 404

    ensure_roles()
    moderator = django_user_model.objects.create_user("mod", "mod@example.org", "pw")
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    client.force_login(moderator)
    response = client.get(job_url)
    assert response.status_code == 200 and "Village water committees" in response.content.decode()
