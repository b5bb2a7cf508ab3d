"""Background tasks of reporting rounds (django-tasks): thin entry points that set the municipality's scope
and call the domain. `send_reminders_task` is enqueued for the moments a round's reminders fall due
(`schedule_reminders`); `teilhabe send-reminders` does the same from cron."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from teilhabe.core.models import Municipality
from teilhabe.core.tenancy import municipality_scope
from teilhabe.reporting import notifications
from teilhabe.reporting.models import MeasureReport, ReportingRound

logger = logging.getLogger(__name__)


@task()
def send_reminders_task(municipality_id: int, follow_up: bool = False) -> dict[str, int]:
    """Send the municipality's due reminders. A follow-up run (the day after a deadline) enqueues the next one
    in seven days while late reports remain, so that late offices are reminded weekly without cron."""
    municipality = Municipality.objects.get(pk=municipality_id)
    with municipality_scope(municipality):
        result = notifications.send_due_reminders(municipality, now=timezone.now(),
                                                  base_url=settings.TEILHABE_BASE_URL)
        if follow_up and _late_reports_remain(municipality):
            _enqueue(municipality_id, timezone.now() + notifications.LATE_REMINDER_EVERY, follow_up=True)
    return {"mails": result.mails, "failed": result.failed, "late_reports": result.late_reports}


def _late_reports_remain(municipality: Municipality) -> bool:
    return MeasureReport.objects.filter(round__municipality=municipality, round__state=ReportingRound.State.OPEN,
                                 round__deadline__lt=timezone.localdate(),
                                 state__in=notifications.OWED).exists()


def _enqueue(municipality_id: int, run_after: dt.datetime, *, follow_up: bool) -> None:
    backend = send_reminders_task.get_backend()
    if not backend.supports_defer:  # e.g. the immediate backend: cron (teilhabe send-reminders) does it
        return
    send_reminders_task.using(run_after=run_after).enqueue(municipality_id, follow_up)


def schedule_reminders(round_: ReportingRound) -> None:
    """Once the transaction commits, enqueue the reminder task for each moment this round's reminders fall
    due (before the deadline; the day after it, then weekly while reports are late). Runs that find nothing
    due send nothing, so a moved deadline needs no cancelling."""
    moments = [m for m in notifications.reminder_moments(round_) if m > timezone.now()]
    last = notifications.reminder_moments(round_)[-1]

    def enqueue() -> None:
        try:
            for moment in moments:
                _enqueue(round_.municipality_id, moment, follow_up=moment == last)
        except Exception:  # scheduling must not undo the round; cron is the fallback
            logger.exception("Berichtsrunde %s: Erinnerungen nicht eingeplant", round_.pk)

    transaction.on_commit(enqueue)


@task()
def render_report_document(municipality_id: int, document_id: int) -> None:
    """Render a stored report document (teilhabe.reporting.rendering.render_stored)."""
    from teilhabe.reporting import rendering

    municipality = Municipality.objects.get(pk=municipality_id)
    with municipality_scope(municipality):
        rendering.render_stored(document_id)
