"""Background tasks: the admin upload's import runs here, out of the request (issue 24 finding 4).

`import_papers_job.enqueue(job_id)` hands an `ImportJob` to the task backend (TASKS): immediate in
dev and tests, django-tasks-db's DatabaseBackend in production, run by `manage.py db_worker`.
"""

import base64
import dataclasses
import logging

from django.db import transaction
from django.utils import timezone

from django_tasks import task

from .importer import MethodImporter, PaperImporter
from .models import ImportJob

logger = logging.getLogger(__name__)

IMPORTERS = {ImportJob.Kind.PAPERS: PaperImporter, ImportJob.Kind.METHODS: MethodImporter}


@task(backend="imports")
def import_papers_job(job_id):
    """Import a job's files (papers or methods, by its kind) one by one as its user, saving progress after each file."""
    # Claim the job once: a job that is not queued (already run, or run twice) is left alone.
    with transaction.atomic():
        claimed = ImportJob.objects.filter(pk=job_id, state=ImportJob.State.QUEUED).update(
            state=ImportJob.State.RUNNING
        )
    if not claimed:
        return
    job = ImportJob.objects.select_related("user", "parent").get(pk=job_id)
    try:
        importer = IMPORTERS[job.kind](job.parent, user=job.user, publish=job.publish, dry_run=job.dry_run)

        def progress(number, total, result):
            ImportJob.objects.filter(pk=job.pk).update(done=number, total=total)

        files = ((item["name"], base64.b64decode(item["data"])) for item in job.files)
        report = importer.run(files, progress=progress)
        job.report = dataclasses.asdict(report)
        job.state = ImportJob.State.DONE
        job.done = len(report.results)
    except Exception as error:  # the importer catches per-file errors; this is a broken job
        logger.exception("Import job %s failed", job_id)
        job.state = ImportJob.State.FAILED
        job.error = f"{error.__class__.__name__}: {error}"
    job.files = []
    job.finished = timezone.now()
    job.save(update_fields=["report", "state", "done", "error", "files", "finished"])
