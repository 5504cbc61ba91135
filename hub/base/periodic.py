"""Scheduled work: one command, `manage.py run_periodic`, enqueues every app's periodic jobs.

Cron or a systemd timer runs it (docs/deployment.md); `make run` runs it every 10 minutes beside the
worker. Each app contributes its jobs through the `hub_periodic_jobs` Wagtail hook in its own
`wagtail_hooks.py`, returning a `PeriodicJob` or a list of them:

    @hooks.register("hub_periodic_jobs")
    def subscription_jobs():
        return [PeriodicJob("weekly-digest", send_digests)]

`run_periodic` enqueues `task` with `args` on the task's own backend; the task itself decides what is
due (a digest goes to whoever has had none for a week, a reminder to events starting within a day),
so running the command more often than needed, or twice, sends nothing twice.
"""

from dataclasses import dataclass, field

from wagtail import hooks

HOOK_NAME = "hub_periodic_jobs"


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    task: object  # a django_tasks Task
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)

    def enqueue(self):
        return self.task.enqueue(*self.args, **self.kwargs)


def periodic_jobs():
    """Every registered job, in name order."""
    jobs = []
    for hook in hooks.get_hooks(HOOK_NAME):
        result = hook()
        if result is None:
            continue
        jobs.extend([result] if isinstance(result, PeriodicJob) else result)
    return sorted(jobs, key=lambda job: job.name)
