"""The chronicle's periodic task (django-tasks): let Teilhabe propose milestones from what happened in every
municipality — an edition adopted, a reporting round closed and published, a public meeting held. It plans its
own next run (`PROPOSE_TICK` later) when the task backend can defer and no run is planned yet, so one run
(started by `teilhabe propose-milestones --schedule`, which `make run` calls at start-up, or by cron with
`teilhabe propose-milestones`) keeps the schedule going. The chronicle's back office page proposes too, each
time it opens."""

from __future__ import annotations

import datetime as dt
import logging

from django.utils import timezone
from django_tasks import task

from teilhabe.core.models import Municipality
from teilhabe.core.tenancy import municipality_scope

logger = logging.getLogger(__name__)

PROPOSE_TICK = dt.timedelta(hours=6)


def propose_all(municipality: Municipality | None = None) -> int:
    """Propose in one municipality or in all; the number of new proposals."""
    from teilhabe.participation.services.chronicle import propose_milestones

    municipalities = [municipality] if municipality is not None else list(Municipality.objects.order_by("pk"))
    total = 0
    for each in municipalities:
        with municipality_scope(each):
            total += len(propose_milestones(each))
    return total


@task()
def propose_milestones_task() -> int:
    try:
        return propose_all()
    finally:
        schedule_next(timezone.now() + PROPOSE_TICK)


def schedule_next(run_after: dt.datetime | None = None) -> bool:
    """Plan the next `propose_milestones_task` unless one is planned already. Whether one was planned."""
    backend = propose_milestones_task.get_backend()
    if not backend.supports_defer:  # the immediate backend: cron (teilhabe propose-milestones) does it
        return False
    if _already_planned():
        return False
    propose_milestones_task.using(run_after=run_after or timezone.now()).enqueue()
    return True


def _already_planned() -> bool:
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # another backend: it cannot be asked, plan anyway
        return False
    return DBTaskResult.objects.filter(task_path=propose_milestones_task.module_path, status="READY").exists()
