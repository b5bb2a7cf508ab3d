"""Background tasks of subscriptions (django-tasks): thin entry points that enter the municipality's scope and
call services.subscriptions.

`send_digests(frequency)` sends the digests of every municipality and then plans its own next run when the
task backend can defer and no run of that frequency is planned yet: "immediate" every IMMEDIATE_TICK (and it
deletes unconfirmed subscriptions past their time), "weekly" on Monday at WEEKLY_HOUR in the municipality's
time zone (the platform's TIME_ZONE: municipalities have no zone of their own; all are German). One run —
planned by `teilhabe send-digests --schedule` at start-up (scripts/run.sh) — keeps the schedule going; without a
deferring backend cron calls `teilhabe send-digests --frequency immediate|weekly`."""

from __future__ import annotations

import datetime as dt
import logging
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from teilhabe.core.models import Municipality
from teilhabe.core.tenancy import across_municipalities, municipality_scope
from teilhabe.participation.models import Subscription
from teilhabe.participation.services import subscriptions as services

logger = logging.getLogger(__name__)

IMMEDIATE_TICK = dt.timedelta(minutes=5)
WEEKLY_WEEKDAY = 0  # Monday
WEEKLY_HOUR = 7


def municipality_zone(municipality: Municipality | None = None) -> ZoneInfo:
    return ZoneInfo(str(getattr(settings, "TIME_ZONE", "Europe/Berlin") or "Europe/Berlin"))


def next_weekly_run(now: dt.datetime) -> dt.datetime:
    """The next Monday, WEEKLY_HOUR o'clock local time, after `now`."""
    zone = municipality_zone()
    local = now.astimezone(zone)
    days = (WEEKLY_WEEKDAY - local.weekday()) % 7
    moment = dt.datetime.combine(local.date() + dt.timedelta(days=days), dt.time(WEEKLY_HOUR), tzinfo=zone)
    if moment <= local:
        moment = dt.datetime.combine(moment.date() + dt.timedelta(days=7), dt.time(WEEKLY_HOUR), tzinfo=zone)
    return moment


def next_run(frequency: str, now: dt.datetime) -> dt.datetime:
    return next_weekly_run(now) if frequency == Subscription.Frequency.WEEKLY else now + IMMEDIATE_TICK


def send_all(frequency: str, municipality: Municipality | None = None,
             now: dt.datetime | None = None) -> dict[str, int]:
    """Send the digests of one frequency for one municipality or for all that have subscriptions; the
    immediate run also deletes unconfirmed subscriptions past their time."""
    now = now or timezone.now()
    if municipality is None:
        with across_municipalities():
            ids = sorted(set(Subscription.objects.values_list("municipality_id", flat=True)))
        municipalities = list(Municipality.objects.filter(pk__in=ids))
    else:
        municipalities = [municipality]
    total = {"mails": 0, "failed": 0, "items": 0, "purged": 0}
    for each in municipalities:
        with municipality_scope(each):
            if frequency == Subscription.Frequency.IMMEDIATE:
                total["purged"] += services.purge_unconfirmed(municipality=each, now=now)
            result = services.send_digests(municipality=each, frequency=frequency, now=now,
                                           base_url=settings.TEILHABE_BASE_URL)
        total["mails"] += result.mails
        total["failed"] += result.failed
        total["items"] += result.items
    return total


@task()
def send_digests(frequency: str) -> dict[str, int]:
    try:
        return send_all(frequency)
    finally:
        try:
            schedule_next(frequency, next_run(frequency, timezone.now()))
        except Exception:  # the mails went out; the next start-up plans again
            logger.exception("Versand der Abonnements (%s) nicht neu eingeplant", frequency)


@task()
def send_confirmation(municipality_id: int, subscription_id: int) -> bool:
    municipality = Municipality.objects.get(pk=municipality_id)
    with municipality_scope(municipality):
        return services.send_confirmation(municipality=municipality, subscription_id=subscription_id,
                                          base_url=settings.TEILHABE_BASE_URL)


def schedule_next(frequency: str, run_after: dt.datetime | None = None) -> bool:
    """Plan the next `send_digests(frequency)` unless one is planned already. Whether one was planned."""
    backend = send_digests.get_backend()
    if not backend.supports_defer:  # the immediate backend: cron (teilhabe send-digests) does it
        return False
    if _already_planned(frequency):
        return False
    send_digests.using(run_after=run_after or timezone.now()).enqueue(frequency)
    return True


def schedule_all() -> list[str]:
    """Plan both frequencies (immediate now, weekly next Monday); the ones that were planned."""
    now = timezone.now()
    return [f for f in Subscription.Frequency.values if schedule_next(f, next_run(f, now) if f == "weekly" else now)]


def _already_planned(frequency: str) -> bool:
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # another backend: it cannot be asked, plan anyway
        return False
    planned = DBTaskResult.objects.filter(task_path=send_digests.module_path, status="READY").values_list(
        "args_kwargs", flat=True)
    return any((value or {}).get("args", [None])[:1] == [frequency] for value in planned)
