"""Background tasks of imported calendars (django-tasks): thin entry points that set the municipality's scope
and call the services.

`refresh_feeds_task` refreshes every due subscription of every municipality and then plans its own next run
(`FEED_TICK` later) when the task backend can defer and no run is planned yet — so one run (started when a
subscription is created, by `teilhabe refresh-feeds --schedule` at start-up, or by cron with
`teilhabe refresh-feeds`) keeps the schedule going. `mail_feed_failure` tells people a feed stopped working."""

from __future__ import annotations

import datetime as dt
import logging

from django.utils import timezone
from django_tasks import task

from teilhabe.calendar.models import EventFeed
from teilhabe.core.models import Municipality
from teilhabe.core.roles import Actor
from teilhabe.core.tenancy import across_municipalities, municipality_scope

logger = logging.getLogger(__name__)

FEED_TICK = dt.timedelta(minutes=15)  # how often due feeds are looked for; each feed has its own interval


@task()
def mail_feed_failure(municipality_id: int, feed_id: int) -> int:
    from teilhabe.calendar.feeds import notifications

    municipality = Municipality.objects.get(pk=municipality_id)
    with municipality_scope(municipality):
        feed = EventFeed.objects.select_related("organisation", "municipality").filter(pk=feed_id).first()
        if feed is None or feed.last_status != EventFeed.Status.FAILED:
            return 0
        return notifications.mail_failure(feed)


def refresh_all(municipality: Municipality | None = None) -> dict[str, int]:
    """Refresh the due feeds of one municipality, or of all that have subscriptions."""
    from teilhabe.calendar.feeds import services

    if municipality is None:
        with across_municipalities():
            ids = sorted(set(EventFeed.objects.filter(origin=EventFeed.Origin.URL, enabled=True)
                             .values_list("municipality_id", flat=True)))
        municipalities = list(Municipality.objects.filter(pk__in=ids))
    else:
        municipalities = [municipality]
    total = {"refreshed": 0, "unchanged": 0, "failed": 0}
    for each in municipalities:
        with municipality_scope(each):
            outcome = services.refresh_due_feeds(actor=Actor.system(each.pk), municipality=each)
        for key, value in outcome.items():
            total[key] += value
    return total


@task()
def refresh_feeds_task() -> dict[str, int]:
    try:
        return refresh_all()
    finally:
        schedule_next(timezone.now() + FEED_TICK)


def schedule_next(run_after: dt.datetime | None = None) -> bool:
    """Plan the next `refresh_feeds_task` unless one is planned already. Whether one was planned."""
    backend = refresh_feeds_task.get_backend()
    if not backend.supports_defer:  # the immediate backend: cron (teilhabe refresh-feeds) does it
        return False
    if _already_planned():
        return False
    refresh_feeds_task.using(run_after=run_after or timezone.now()).enqueue()
    return True


def _already_planned() -> bool:
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # another backend: it cannot be asked, plan anyway
        return False
    path = f"{refresh_feeds_task.module_path}"
    return DBTaskResult.objects.filter(task_path=path, status="READY").exists()
